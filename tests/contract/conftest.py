"""The contract recordings run against the local grand-challenge."""

from gc_highlevel.testing.pytest_plugin import local_gc, local_gc_server  # noqa: F401

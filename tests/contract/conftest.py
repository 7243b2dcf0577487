"""The contract recordings run against the local grand-challenge."""

from gc_highlevel.testing.pytest_plugin import (  # noqa: F401
    local_gc,
    local_gc_factory,
    local_gc_server,
)

"""Fixtures for the dataset tests: the local grand-challenge, no ambient credentials, caches
and journals in the test's temporary directory."""

from __future__ import annotations

from gc_highlevel.testing.pytest_plugin import local_gc, local_gc_server  # noqa: F401

"""Fixtures for the client tests: no ambient credentials, and the local grand-challenge."""

from __future__ import annotations

from gc_highlevel.testing.pytest_plugin import local_gc, local_gc_server  # noqa: F401

"""Fixtures for the DataFrame tests: the local grand-challenge and no ambient credentials."""

from __future__ import annotations

from gc_highlevel.testing.pytest_plugin import local_gc, local_gc_server  # noqa: F401

"""Fixtures for the workflow tests: the local grand-challenge, no ambient credentials, and
journals kept in the test's temporary directory."""

from __future__ import annotations

import pytest

from gc_highlevel.testing.pytest_plugin import (  # noqa: F401
    local_gc,
    local_gc_factory,
    local_gc_server,
)


@pytest.fixture(autouse=True)
def _short_late_create_window(monkeypatch: pytest.MonkeyPatch) -> None:
    # A create whose answer was lost is looked for this long (60 s on grand-challenge, where
    # a request can run that long) before the case's object is made anew; the local server
    # answers at once, and the tests of slow creates set their own window.
    for module in (
        "gc_highlevel._async.workflows._value_sets",
        "gc_highlevel._sync.workflows._value_sets",
    ):
        monkeypatch.setattr(f"{module}.LATE_CREATE_WINDOW", 1.0)

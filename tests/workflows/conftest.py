"""Fixtures for the workflow tests: the local grand-challenge, no ambient credentials, and
journals kept in the test's temporary directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from gc_highlevel.testing.pytest_plugin import (  # noqa: F401
    local_gc,
    local_gc_factory,
    local_gc_server,
)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never read the developer's token or config, nor write to the user cache dir."""
    monkeypatch.delenv("GRAND_CHALLENGE_AUTHORIZATION", raising=False)
    monkeypatch.delenv("GRAND_CHALLENGE_API_URL", raising=False)
    monkeypatch.setattr("gc_highlevel._auth.config_path", lambda: tmp_path / "no" / "config.json")
    journals = tmp_path / "journals"
    monkeypatch.setattr(
        "gc_highlevel.journal.default_journal_path",
        lambda target: journals / f"{target.replace(':', '-')}.jsonl",
    )
    # A create whose answer was lost is looked for this long (60 s on grand-challenge, where
    # a request can run that long) before the case's object is made anew; the local server
    # answers at once, and the tests of slow creates set their own window.
    for module in (
        "gc_highlevel._async.workflows._value_sets",
        "gc_highlevel._sync.workflows._value_sets",
    ):
        monkeypatch.setattr(f"{module}.LATE_CREATE_WINDOW", 1.0)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"

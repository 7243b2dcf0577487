"""Fixtures for the imaging tests: the local grand-challenge, no ambient credentials, journals
and temporary files kept in the test's temporary directory."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from gc_highlevel.testing.pytest_plugin import local_gc, local_gc_server  # noqa: F401


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


@pytest.fixture
def scratch_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The folder ``tempfile`` makes temporary files in, for this test (to see them go)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"

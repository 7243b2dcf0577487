"""Fixtures for the dataset tests: the local grand-challenge, no ambient credentials, caches
and journals in the test's temporary directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from gc_highlevel.testing.pytest_plugin import local_gc, local_gc_server  # noqa: F401


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never read the developer's token or config, nor write to the user cache dir."""
    monkeypatch.delenv("GRAND_CHALLENGE_AUTHORIZATION", raising=False)
    monkeypatch.delenv("GRAND_CHALLENGE_API_URL", raising=False)
    monkeypatch.setenv("GC_CLIENT_DATASET_CACHE", str(tmp_path / "default-cache"))
    monkeypatch.setattr("gc_highlevel._auth.config_path", lambda: tmp_path / "no" / "config.json")
    journals = tmp_path / "journals"
    monkeypatch.setattr(
        "gc_highlevel.journal.default_journal_path",
        lambda target: journals / f"{target.replace(':', '-')}.jsonl",
    )

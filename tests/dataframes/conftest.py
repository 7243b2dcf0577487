"""Fixtures for the DataFrame tests: the local grand-challenge and no ambient credentials."""

from __future__ import annotations

from pathlib import Path

import pytest

from gc_highlevel.testing.pytest_plugin import local_gc, local_gc_server  # noqa: F401


@pytest.fixture(autouse=True)
def _no_ambient_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never read the developer's token, base URL or config file."""
    monkeypatch.delenv("GRAND_CHALLENGE_AUTHORIZATION", raising=False)
    monkeypatch.delenv("GRAND_CHALLENGE_API_URL", raising=False)
    monkeypatch.setattr("gc_highlevel._auth.config_path", lambda: tmp_path / "no" / "config.json")


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"

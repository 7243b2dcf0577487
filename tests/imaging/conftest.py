"""Fixtures for the imaging tests: the local grand-challenge, no ambient credentials, journals
and temporary files kept in the test's temporary directory."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from gc_highlevel.testing.pytest_plugin import local_gc, local_gc_server  # noqa: F401


@pytest.fixture
def scratch_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The folder ``tempfile`` makes temporary files in, for this test (to see them go)."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder

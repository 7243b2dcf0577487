"""Fixtures for the command-line tests: the local grand-challenge, a user config dir and
journals inside the test's temporary folder, no ambient credentials, and ``cli(...)`` to run
``gc-client`` in-process."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import gc_highlevel
from gc_highlevel.cli import main
from gc_highlevel.testing import LocalGrandChallenge
from gc_highlevel.testing.pytest_plugin import (  # noqa: F401
    local_gc,
    local_gc_factory,
    local_gc_server,
)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Never read or write the developer's token, config or journals; stdin is no terminal."""
    monkeypatch.delenv("GRAND_CHALLENGE_AUTHORIZATION", raising=False)
    monkeypatch.delenv("GRAND_CHALLENGE_API_URL", raising=False)
    # platformdirs reads these on every call, in this process and in subprocesses alike
    # (XDG_* on Linux, HOME on macOS).
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("GC_CLIENT_JOURNAL_DIR", str(tmp_path / "journals"))
    if tmp_path not in gc_highlevel.config_path().parents:
        pytest.skip("the user config dir cannot be moved to a temporary folder here")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


@dataclass(frozen=True)
class Result:
    """What one ``gc-client`` invocation did."""

    code: int
    out: str
    err: str

    @property
    def output(self) -> str:
        return self.out + self.err


CLI = Callable[..., Result]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> CLI:
    """``cli("upload", ...)`` runs ``gc-client upload ...`` in this process."""

    def run(*argv: str | Path) -> Result:
        capsys.readouterr()
        code = main([str(a) for a in argv])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def server(
    local_gc: LocalGrandChallenge,  # noqa: F811 (the fixture imported above)
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[LocalGrandChallenge]:
    """The local grand-challenge, with its URL and demo's token in the environment."""
    monkeypatch.setenv("GRAND_CHALLENGE_API_URL", local_gc.api_url)
    monkeypatch.setenv("GRAND_CHALLENGE_AUTHORIZATION", local_gc.tokens["demo"])
    yield local_gc

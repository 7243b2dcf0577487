"""``python -m gc_highlevel`` as a real process, and the ``gc-client`` console script."""

from __future__ import annotations

import importlib.metadata
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import gc_highlevel
from gc_highlevel.cli import main
from gc_highlevel.testing import LocalGrandChallenge

from .helpers import ct_files

pytestmark = pytest.mark.e2e


def _gc_client(*args: str | Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    # The environment (config dir, journals, no token) is the test's: see conftest._isolated.
    return subprocess.run(
        [sys.executable, "-m", "gc_highlevel", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def test_python_m_gc_highlevel(local_gc: LocalGrandChallenge, tmp_path: Path) -> None:
    token = local_gc.tokens["demo"]
    config = _gc_client("config", "--url", local_gc.api_url, stdin=token + "\n")
    assert config.returncode == 0, config.stderr
    assert "as demo" in config.stdout
    path = gc_highlevel.config_path()
    assert json.loads(path.read_text())["token"] == token
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600

    whoami = _gc_client("whoami")  # the saved config, read by another process
    assert (whoami.returncode, whoami.stdout.strip()) == (0, "demo")

    ct_files(tmp_path, 1)
    bad = _gc_client("upload", "radboud-covid", tmp_path, "--socket", "ct-image")
    assert bad.returncode == 1
    assert "error: No archive with slug='radboud-covid' is visible to you" in bad.stderr
    assert "Traceback" not in bad.stderr
    usage = _gc_client("upload")
    assert usage.returncode == 2 and "usage: gc-client upload" in usage.stderr
    for done in (config, whoami, bad, usage):
        assert token not in done.stdout + done.stderr


def test_the_console_script_is_declared() -> None:
    (script,) = importlib.metadata.entry_points(group="console_scripts", name="gc-client")
    assert script.value == "gc_highlevel.cli:main"
    assert script.load() is main

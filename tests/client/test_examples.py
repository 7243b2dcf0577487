"""The typed example integration runs against the local grand-challenge."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gc_highlevel.testing import LocalGrandChallenge

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.e2e
def test_core_tour_example_runs(local_gc: LocalGrandChallenge, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "GRAND_CHALLENGE_API_URL": local_gc.api_url,
        "GRAND_CHALLENGE_AUTHORIZATION": f"Bearer {local_gc.tokens['demo']}",
        "XDG_CONFIG_HOME": str(tmp_path),
        "HOME": str(tmp_path),
    }
    out = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "core_tour.py")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "signed in as demo" in out.stdout
    assert "coronacases.org: 3 items" in out.stdout
    assert "rejected: {'values[0]':" in out.stdout
    assert "No archive with slug='no-such-archive'" in out.stdout
    assert "0 answers of mine" in out.stdout  # the async part ran too
    assert "server supports gcapi" in out.stdout and "workstations" in out.stdout
    assert local_gc.tokens["demo"] not in out.stdout + out.stderr

"""``gc-client invoke``: on-demand inference on an algorithm endpoint, in-process."""

from __future__ import annotations

from pathlib import Path

import pytest

from gc_highlevel.testing import LocalGrandChallenge

from .conftest import CLI
from .helpers import ct_files

pytestmark = pytest.mark.e2e


def test_invoke_waits_and_downloads_the_outputs(
    server: LocalGrandChallenge, cli: CLI, tmp_path: Path
) -> None:
    ct_files(tmp_path / "scans", 2)
    out = tmp_path / "results"

    result = cli(
        "invoke", "pulmonary-lobe-segmentation", tmp_path / "scans",
        "--socket", "generic-medical-image", "--out", out,
    )  # fmt: skip

    assert result.code == 0, result.err
    rows = [line.split() for line in result.out.splitlines() if ".mha" in line]
    assert [(r[0], r[2]) for r in rows] == [
        ("case01.mha", "Succeeded"),
        ("case02.mha", "Succeeded"),
    ]
    assert set(server.state.invocations) == {r[1] for r in rows}
    assert len(server.state.endpoints) == 1 and not server.state.jobs
    assert sorted(p.name for p in out.iterdir()) == [
        "case01_lung-volume.json",
        "case01_pulmonary-lobes.mha",
        "case02_lung-volume.json",
        "case02_pulmonary-lobes.mha",
    ]
    assert "Started endpoint" in result.err

    again = cli(
        "invoke", "pulmonary-lobe-segmentation", tmp_path / "scans" / "case01.mha",
        "--socket", "generic-medical-image", "--no-wait",
    )  # fmt: skip
    assert again.code == 0, again.err
    assert "Reusing endpoint" in again.err and " sent" in again.out
    assert len(server.state.endpoints) == 1 and len(server.state.invocations) == 3


def test_invoke_reports_a_failed_invocation_and_bad_usage(
    server: LocalGrandChallenge, cli: CLI, tmp_path: Path
) -> None:
    ct_files(tmp_path, 1)
    server.state.fail_next_job("pulmonary-lobe-segmentation")
    failed = cli(
        "invoke", "pulmonary-lobe-segmentation", tmp_path, "--socket", "generic-medical-image"
    )
    assert failed.code == 1
    assert "invocation ended Failed: Scripted failure" in failed.out
    assert "error: 1 of 1 cases failed" in failed.err and "run again" in failed.err

    wrong = cli("invoke", "pulmonary-lobe-segmentation", tmp_path, "--socket", "ct-image")
    assert wrong.code == 1 and "'ct-image' is not an input" in wrong.err
    both = cli(
        "invoke", "pulmonary-lobe-segmentation", tmp_path,
        "--socket", "generic-medical-image", "--no-wait", "--out", tmp_path / "x",
    )  # fmt: skip
    assert both.code == 1 and "leave out --no-wait" in both.err
    assert len(server.state.invocations) == 1

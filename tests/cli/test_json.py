"""``--json``: every command prints one JSON document on stdout, the readable output goes to
stderr, and errors stay one ``error: ...`` line with the documented exit status."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest

import gc_highlevel
from gc_highlevel.testing import LocalGrandChallenge

from .conftest import CLI, Result
from .helpers import archive_items, ct_files

pytestmark = pytest.mark.e2e


def _doc(result: Result) -> Any:
    assert result.code == 0, result.err
    return json.loads(result.out)  # the whole of stdout is one document


def test_json_upload_run_jobs_and_describe(
    server: LocalGrandChallenge, cli: CLI, tmp_path: Path
) -> None:
    ct_files(tmp_path / "scans", 2)
    api = server.api_url

    up = cli("--json", "upload", "radboudcovid", tmp_path / "scans", "--socket", "ct-image")
    doc = _doc(up)
    assert "2 items added" in up.err and "one item per case" in up.err  # readable: stderr
    assert doc["archive"]["slug"] == "radboudcovid" and doc["socket"] == "ct-image"
    assert doc["archive"]["api_url"].startswith(api)
    assert (doc["added"], doc["earlier"], doc["failed"]) == (2, 0, 0)
    assert [c["label"] for c in doc["cases"]] == ["case01.mha", "case02.mha"]
    archive = next(a for a in server.state.archives.values() if a.slug == "radboudcovid")
    items = {str(i.pk) for i in server.state.archive_items.values() if i.archive == archive.pk}
    assert {c["item"] for c in doc["cases"]} == items and len(items) == 2
    for case in doc["cases"]:
        assert case["status"] == "added" and case["error"] is None
        assert case["api_url"] == f"{api}archives/items/{case['item']}/"
        assert case["files"][0].endswith(case["label"])
    again = _doc(
        cli("upload", "radboudcovid", tmp_path / "scans", "--socket", "ct-image", "--json")
    )
    assert [c["status"] for c in again["cases"]] == ["earlier", "earlier"]
    assert len(archive_items(server)) == 2

    out = tmp_path / "results"
    run = cli(
        "run", "pulmonary-lobe-segmentation", tmp_path / "scans",
        "--socket", "generic-medical-image", "--out", out, "--json",
    )  # fmt: skip
    doc = _doc(run)
    assert "case01.mha" in run.err  # the table went to stderr
    assert doc["algorithm"]["slug"] == "pulmonary-lobe-segmentation"
    assert doc["started"] == 2 and doc["failed"] == 0 and doc["out"] == str(out)
    assert {c["job"] for c in doc["cases"]} == {str(pk) for pk in server.state.jobs}
    for case in doc["cases"]:
        assert case["status"] == "Succeeded"
        assert case["api_url"] == f"{api}algorithms/jobs/{case['job']}/"
        assert sorted(Path(p).name for p in case["outputs"]) == [
            f"{Path(case['label']).stem}_lung-volume.json",
            f"{Path(case['label']).stem}_pulmonary-lobes.mha",
        ]
    assert sorted(Path(d["path"]).name for d in doc["downloaded"]) == sorted(
        p.name for p in out.iterdir()
    )

    jobs = _doc(cli("--json", "jobs", "pulmonary-lobe-segmentation", "--limit", "1"))
    assert jobs["total"] == 2 and jobs["counts"] == {"Succeeded": 1}
    (job,) = jobs["jobs"]
    assert job["pk"] in {c["job"] for c in doc["cases"]} and job["status"] == "Succeeded"
    assert job["api_url"] == f"{api}algorithms/jobs/{job['pk']}/"
    assert job["inputs"][0]["socket"] == "generic-medical-image" and "image" in job["inputs"][0]

    described = _doc(cli("describe", "pulmonary-lobe-segmentation", "--json"))
    assert described["slug"] == "pulmonary-lobe-segmentation"
    (interface,) = described["interfaces"]
    assert [s["slug"] for s in interface["inputs"]] == ["generic-medical-image"]
    assert "pulmonary-lobes" in [s["slug"] for s in interface["outputs"]]


def test_json_mirror_answers_whoami_and_invoke(
    server: LocalGrandChallenge, cli: CLI, tmp_path: Path
) -> None:
    me = _doc(cli("--json", "whoami"))
    assert me == {"username": "demo", "server": server.api_url}

    target = tmp_path / "mirror"
    mirrored = _doc(cli("mirror", "coronacasesorg", target, "--json"))
    assert mirrored["directory"] == str(target) and mirrored["skipped"] == 0
    assert sorted(Path(p).name for p in mirrored["files"]) == [
        f"coronacases_00{i}.mha" for i in (1, 2, 3)
    ]
    assert Path(mirrored["manifest"]).name == "items.csv"

    answers = _doc(cli("answers", "corads-score-exam", "--csv", tmp_path / "a.csv", "--json"))
    assert answers == {
        "reader_study": "corads-score-exam",
        "csv": str(tmp_path / "a.csv"),
        "answers": 0,
    }

    ct_files(tmp_path / "scans", 1)
    invoked_run = cli(
        "invoke", "pulmonary-lobe-segmentation", tmp_path / "scans",
        "--socket", "generic-medical-image", "--json",
    )  # fmt: skip
    invoked = _doc(invoked_run)
    (case,) = invoked["cases"]
    assert case["invocation"] in server.state.invocations and case["status"] == "Succeeded"
    assert case["api_url"].endswith(f"algorithms/invocations/{case['invocation']}/")
    assert invoked["endpoint"] in {str(pk) for pk in server.state.endpoints}


def test_json_config_never_holds_the_token(
    local_gc: LocalGrandChallenge, cli: CLI, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = local_gc.tokens["demo"]
    path = gc_highlevel.config_path()
    monkeypatch.setattr(sys, "stdin", io.StringIO(token + "\n"))
    saved = _doc(cli("config", "--url", local_gc.api_url, "--json"))
    assert saved == {"server": local_gc.api_url, "username": "demo", "config_file": str(path)}
    shown = cli("--json", "config", "--show")
    doc = _doc(shown)
    assert doc["config_file"] == str(path) and doc["exists"] and doc["problem"] is None
    assert (doc["url"], doc["url_source"]) == (local_gc.api_url, "the config file")
    assert doc["token"] == "********" + token[-4:] and doc["token_source"] == "the config file"
    assert token not in saved.__repr__() and token not in shown.output
    cleared = _doc(cli("config", "--clear", "--json"))
    assert cleared == {"config_file": str(path), "removed": True}


def test_json_errors_and_failures_keep_their_line_and_exit_status(
    server: LocalGrandChallenge, cli: CLI, tmp_path: Path
) -> None:
    ct_files(tmp_path, 1)
    unknown = cli("--json", "describe", "nope")
    assert unknown.code == 1 and unknown.out == ""
    assert unknown.err.startswith("error: No algorithm with slug='nope'")
    usage = cli("--json", "jobs", "corads-ai", "--limit", "0")
    assert usage.code == 2 and usage.out == ""

    (tmp_path / "broken.mha").write_bytes(b"\x89PNG\r\n\x1a\n" + b"this is not an image")
    failed = cli("--json", "upload", "radboudcovid", tmp_path, "--socket", "ct-image")
    assert failed.code == 1 and "error: 1 of 2 cases failed" in failed.err
    doc = json.loads(failed.out)  # the document still tells which case failed and why
    broken = next(c for c in doc["cases"] if c["label"] == "broken.mha")
    assert broken["status"] == "failed" and "could not import" in broken["error"]
    assert doc["failed"] == 1 and doc["added"] == 1
    assert sum(c["status"] == "added" for c in doc["cases"]) == 1

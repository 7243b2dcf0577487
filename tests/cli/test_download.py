"""``gc-client download image|outputs|value`` against the local grand-challenge."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gc_highlevel.testing import LocalGrandChallenge

from .conftest import CLI
from .helpers import ct_files

pytestmark = pytest.mark.e2e


def test_download_image_by_pk_and_api_url(
    server: LocalGrandChallenge, cli: CLI, tmp_path: Path
) -> None:
    pk = next(k for k, i in server.state.images.items() if i.name.startswith("corona"))
    target = tmp_path / "scans"

    first = cli("download", "image", pk, target)
    assert first.code == 0, first.err
    (path,) = target.iterdir()
    assert path.stat().st_size > 0 and "1 file in" in first.out

    again = cli("--json", "download", "image", f"{server.api_url}cases/images/{pk}/", target)
    doc = json.loads(again.out)
    assert doc["image"] == pk and doc["api_url"] == f"{server.api_url}cases/images/{pk}/"
    assert [(Path(f["path"]).name, f["skipped"]) for f in doc["files"]] == [(path.name, True)]
    assert "already there" in again.err

    bad = cli("download", "image", "not-a-pk", target)
    assert bad.code == 1 and bad.err.startswith("error: ") and bad.out == ""
    no_tiff = cli("download", "image", pk, target, "--type", "TIFF")
    assert no_tiff.code == 1 and "has no TIFF file" in no_tiff.err
    usage = cli("download")
    assert usage.code == 2 and "image|outputs|value" in usage.err


def _job(server: LocalGrandChallenge, cli: CLI, scans: Path, algorithm: str) -> str:
    ct_files(scans, 1)
    ran = cli("run", algorithm, scans, "--socket", "generic-medical-image", "--wait", "--json")
    assert ran.code == 0, ran.err
    (case,) = json.loads(ran.out)["cases"]
    return str(case["job"])


def test_download_outputs_of_a_job(server: LocalGrandChallenge, cli: CLI, tmp_path: Path) -> None:
    job = _job(server, cli, tmp_path / "scans", "pulmonary-lobe-segmentation")
    out = tmp_path / "out"

    result = cli("download", "outputs", job, out, "--json")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert sorted(p.name for p in out.iterdir()) == [
        "case01_lung-volume.json",
        "case01_pulmonary-lobes.mha",
    ]
    assert sorted(Path(f["path"]).name for f in doc["files"]) == sorted(
        p.name for p in out.iterdir()
    )
    assert {f["job"] for f in doc["files"]} == {job} and doc["jobs"][0]["status"] == "Succeeded"
    only = cli("download", "outputs", job, tmp_path / "only", "--socket", "lung-volume")
    assert only.code == 0 and "1 output file in" in only.out
    assert [p.name for p in (tmp_path / "only").iterdir()] == ["case01_lung-volume.json"]

    server.worker.pause()  # a job that stays queued: its outputs are not there yet
    ct_files(tmp_path / "other", 1, prefix="other")
    queued = cli("run", "pulmonary-lobe-segmentation", tmp_path / "other",
                 "--socket", "generic-medical-image", "--json", "--yes")  # fmt: skip
    assert queued.code == 0, queued.err
    pending = str(json.loads(queued.out)["cases"][0]["job"])
    waiting = cli("download", "outputs", pending, tmp_path / "later")
    assert waiting.code == 1 and "not finished yet" in waiting.err and pending in waiting.err
    assert not (tmp_path / "later").exists()


def test_download_value_of_a_job_an_item_and_a_display_set(
    server: LocalGrandChallenge, cli: CLI, tmp_path: Path
) -> None:
    job = _job(server, cli, tmp_path / "scans", "corads-ai")

    value = cli("download", "value", "job", job, "corads-score", tmp_path / "score.json", "--json")
    assert value.code == 0, value.err
    doc = json.loads(value.out)
    assert doc["type"] == "value" and doc["job"] == job and doc["socket"] == "corads-score"
    score = json.loads((tmp_path / "score.json").read_text())
    assert isinstance(score, int | float | str | dict | list) and score is not None

    report = cli("--json", "download", "value", "job", job, "report", tmp_path)
    assert report.code == 0, report.err
    (file,) = json.loads(report.out)["files"]
    assert json.loads(report.out)["type"] == "file" and Path(file["path"]).stat().st_size > 0

    image = cli("download", "value", "job", job, "generic-medical-image", tmp_path / "input")
    assert image.code == 0, image.err
    assert [p.suffix for p in (tmp_path / "input").iterdir()] == [".mha"]

    item = next(iter(i for i in server.state.archive_items.values() if i.values))
    got = cli("--json", "download", "value", "item", str(item.pk), "ct-image", tmp_path / "item")
    assert got.code == 0, got.err
    assert json.loads(got.out)["type"] == "image" and json.loads(got.out)["item"] == str(item.pk)
    display_set = next(iter(server.state.display_sets))
    shown = cli("download", "value", "display-set", display_set, "ct-image", tmp_path / "ds")
    assert shown.code == 0, shown.err
    assert len(list((tmp_path / "ds").iterdir())) == 1

    missing = cli("download", "value", "job", job, "nodule", tmp_path)
    assert missing.code == 1 and "has no value for socket 'nodule'" in missing.err
    assert "corads-score" in missing.err

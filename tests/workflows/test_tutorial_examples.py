"""Each rewritten tutorial in ``examples/tutorials/`` runs against the local grand-challenge."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

import gc_highlevel
from gc_highlevel.testing import LocalGrandChallenge
from gc_highlevel.types import title_of

from ._async.helpers import ct_files

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


def _example(name: str) -> ModuleType:
    path = ROOT / "examples" / "tutorials" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"tutorial_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _client(gc: LocalGrandChallenge, user: str = "demo") -> gc_highlevel.Client:
    return gc_highlevel.Client(gc.tokens[user], base_url=gc.api_url, timeout=30)


def _mask(path: Path) -> Path:
    import SimpleITK as sitk

    array = np.zeros((16, 40, 40), np.uint8)
    array[4:8, 10:20, 10:20] = 1
    sitk.WriteImage(sitk.GetImageFromArray(array), str(path), True)
    return path


def test_algorithms_tutorial(local_gc: LocalGrandChallenge, tmp_path: Path) -> None:
    io = tmp_path / "io"
    ct_files(io, 2)
    with _client(local_gc) as client:
        _example("algorithms").main(client, io)
    names = sorted(p.name for p in io.iterdir() if p.is_file())
    assert "case01_lobes.mha" in names and "case02_lungs.mha" in names
    assert {"displacement-field.mha", "moving-image-transformed.mha"} <= set(names)
    assert sorted(p.name for p in (io / "output_scans").iterdir()) == [
        "coronacases_001.mha",
        "coronacases_002.mha",
    ]
    shots = sorted(p.name for p in (io / "output_screenshots").iterdir())
    corona = sorted(
        (i for i in local_gc.state.images.values() if i.name.startswith("coronacases_")),
        key=lambda i: i.name,
    )[:2]
    assert shots == [f"{image.name}_{image.pk}.tif" for image in corona]


def test_algorithms_async_tutorial(local_gc: LocalGrandChallenge, tmp_path: Path) -> None:
    import asyncio

    io = tmp_path / "io"
    ct_files(io, 2)

    async def idle(seconds: float) -> None:  # instead of sleeping: let the server work
        local_gc.wait_idle(60)

    async def run() -> list[Path]:
        client = gc_highlevel.AsyncClient(
            local_gc.tokens["demo"], base_url=local_gc.api_url, sleep=idle
        )
        async with client:
            saved: list[Path] = await _example("algorithms_async").main(client, io)
            return saved

    saved = asyncio.run(run())
    assert sorted(p.name for p in saved) == [
        "case01_lobes.json",
        "case01_lobes.mha",
        "case02_lobes.json",
        "case02_lobes.mha",
    ]


def test_archives_tutorial(local_gc: LocalGrandChallenge, tmp_path: Path) -> None:
    scans = ct_files(tmp_path / "scans", 2)[0].parent
    overlay = ct_files(tmp_path / "extra", 1, prefix="overlay")[0]
    new_ct = ct_files(tmp_path / "extra", 1, prefix="new")[0]
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.4\n")
    with _client(local_gc) as client:
        _example("archives").main(client, scans, overlay, report, new_ct, tmp_path / "downloads")
        cases = client.archives.cases("radboudcovid")
    assert len(list((tmp_path / "downloads").glob("*.mha"))) == 3
    local_gc.wait_idle(60)
    assert len(cases) == 2
    assert any(
        set(c.values) == {"ct-image", "tumor-likelihood-map", "report", "lung-volume"}
        for c in cases
    )


def test_reader_studies_tutorial(local_gc: LocalGrandChallenge, tmp_path: Path) -> None:
    upload = tmp_path / "upload"
    for n, ct in enumerate(ct_files(tmp_path / "ct", 2), 1):
        folder = upload / f"patient{n}"
        folder.mkdir(parents=True)
        shutil.copy(ct, folder / "ct.mha")
        _mask(folder / "airways.mha")
    with _client(local_gc, "reader") as reader:  # someone answered the seeded display set
        study = reader.reader_studies.get(slug="corads-score-exam")
        ds = reader.reader_studies.display_sets(study)[0]
        reader.answers.create(question=study.questions[0], display_set=ds, answer=True)
    with _client(local_gc) as client:
        _example("reader_studies").main(client, upload, tmp_path / "out")
        sets = client.reader_studies.display_sets("corads-score-exam")
    assert next(d for d in sets if title_of(d) == "patient1").order == 10
    assert (tmp_path / "out" / "answers.csv").read_text(encoding="utf-8").count("\n") == 2


def test_gcapi_readme(local_gc: LocalGrandChallenge, tmp_path: Path) -> None:
    folder = ct_files(tmp_path / "files", 1)[0].parent
    with _client(local_gc) as client:
        _example("gcapi_readme").main(client, folder)
        cases = client.archives.cases("radboudcovid")
    assert len(cases) == 1 and set(cases[0].values) == {"generic-medical-image"}


def test_demo_runs_end_to_end(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "gc_highlevel.demo", "--out", str(tmp_path / "demo"), "--quiet"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "demo finished" in done.stdout
    out = tmp_path / "demo"
    assert len(list((out / "lobes").glob("patient*_lobes.mha"))) == 3
    assert len(list((out / "screenshots").glob("patient*.tif"))) == 3
    assert (out / "answers.csv").read_text(encoding="utf-8").count("CO-RADS") >= 3


def test_demo_names_screenshots_after_their_inputs_as_the_tutorial(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    from gc_highlevel.demo import run_demo

    said: list[str] = []
    with _client(local_gc) as client:
        run_demo(client, local_gc, tmp_path, progress=False, say=said.append)
    inputs = [i for i in local_gc.state.images.values() if i.name.startswith("patient")]
    assert len(inputs) == 3
    # the seed tutorial: images_mapping[uuid] = image["name"] + "_" + uuid, the INPUT's
    assert sorted(p.name for p in (tmp_path / "screenshots").iterdir()) == sorted(
        f"{image.name}_{image.pk}.tif" for image in inputs
    )
    assert sorted(p.name for p in (tmp_path / "lobes").iterdir()) == [
        f"patient0{n}_lobes.mha" for n in (1, 2, 3)
    ]
    assert any("<input name>_<input uuid>.tif" in line for line in said)


def test_demo_against_another_server_reruns_without_duplicates(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    """``--api-url`` runs the demo against any server (the real grand-challenge, say); run
    twice with the same ``--out`` on a server that keeps its state, nothing is made twice."""
    from gc_highlevel.demo import main

    argv = ["--api-url", local_gc.api_url, "--token", local_gc.tokens["demo"]]
    argv += ["--reader-token", local_gc.tokens["reader"], "--out", str(tmp_path), "--quiet"]
    assert main(argv) == 0
    local_gc.wait_idle(60)
    items, sets = len(local_gc.state.archive_items), len(local_gc.state.display_sets)
    jobs = len(local_gc.state.jobs)
    assert main(argv) == 0
    local_gc.wait_idle(60)
    assert (len(local_gc.state.archive_items), len(local_gc.state.jobs)) == (items, jobs)
    assert len(local_gc.state.display_sets) == sets
    assert len(list((tmp_path / "lobes").glob("patient*_lobes.mha"))) == 3

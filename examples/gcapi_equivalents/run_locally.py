"""Run each gcapi equivalent once against the local grand-challenge: a manual check that they
work, not a test (it needs the network once, to install gcapi).

    .venv/bin/python examples/gcapi_equivalents/run_locally.py             # all four
    .venv/bin/python examples/gcapi_equivalents/run_locally.py archives    # some of them

gcapi 0.16.1 goes into a throw-away virtual environment made by ``ensure_gcapi`` of
``scripts/bench_transfers.py`` (here ``~/.cache/gc-client-bench/gcapi-equivalents``, plus
SimpleITK for the algorithms example). The local grand-challenge serves HTTPS with a throw-away
CA, because gcapi refuses http. Each example runs in that environment, in its own process: its
``main`` is called as its ``__main__`` block would call it, with a ``gcapi.Client`` for the local
server, and ``time.sleep`` capped at 0.2 s so that the examples' 5 s polls do not slow the run.
Afterwards the server's state is checked as ``tests/workflows/test_tutorial_examples.py``
checks the gc_highlevel rewrites, and the requests each example made are printed. The local
grand-challenge answers like the 2026 API that gcapi 0.16.1's models were generated from, so
gcapi runs against it unmodified (``tests/server/test_gcapi_compat.py`` runs its tutorial
workflows in the test suite).
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

import gc_highlevel
from gc_highlevel.testing import LocalGrandChallenge
from gc_highlevel.testing.algos import write_synthetic_cts
from gc_highlevel.types import question_text, title_of

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
VENV = Path.home() / ".cache" / "gc-client-bench" / "gcapi-equivalents"

#: Runs in the gcapi environment: load the example, call its main with a local client.
CHILD = """
import importlib.util, json, sys, time
from pathlib import Path
spec = json.loads(sys.argv[1])
real_sleep = time.sleep
time.sleep = lambda seconds: real_sleep(min(seconds, 0.2))
import gcapi, gcapi.client
found = importlib.util.spec_from_file_location("gcapi_equivalent", spec["path"])
module = importlib.util.module_from_spec(found)
found.loader.exec_module(module)
with gcapi.Client(token=spec["token"], base_url=spec["api_url"], verify=spec["ca"]) as client:
    module.main(client, *(Path(a) for a in spec["args"]))
"""


def gcapi_python(venv: Path) -> Path:
    sys.path.insert(0, str(ROOT / "scripts"))
    bench: Any = importlib.import_module("bench_transfers")
    python: Path = bench.ensure_gcapi(venv)
    probe = [str(python), "-c", "import SimpleITK"]
    if subprocess.run(probe, capture_output=True).returncode != 0:
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "SimpleITK"], check=True)
    return python


def ct_files(directory: Path, n: int, prefix: str = "case") -> list[Path]:
    return write_synthetic_cts(directory, n, prefix=prefix)


def mask(path: Path) -> Path:
    sitk: Any = importlib.import_module("SimpleITK")
    array = np.zeros((16, 40, 40), np.uint8)
    array[4:8, 10:20, 10:20] = 1
    sitk.WriteImage(sitk.GetImageFromArray(array), str(path), True)
    return path


def client(gc: LocalGrandChallenge, user: str = "demo") -> gc_highlevel.Client:
    return gc_highlevel.Client(gc.tokens[user], base_url=gc.api_url, verify=gc.ca_cert_path or True)


# -- each example: its arguments (the server and files prepared), then what must hold after --


def algorithms(gc: LocalGrandChallenge, tmp: Path) -> tuple[list[Path], Callable[[], None]]:
    io = tmp / "io"
    ct_files(io, 2)

    def check() -> None:
        names = {p.name for p in io.iterdir() if p.is_file()}
        assert {"case01_lobes.mha", "case02_lobes.mha", "case02_lungs.mha"} <= names, names
        assert {"displacement-field.mha", "moving-image-transformed.mha"} <= names, names
        scans = sorted(p.name for p in (io / "output_scans").iterdir())
        assert len(scans) == 2 and all(n.startswith("coronacases_") for n in scans), scans
        shots = sorted(p.name for p in (io / "output_screenshots").iterdir())
        assert len(shots) == 2 and all(n.endswith(".tif") for n in shots), shots

    return [io], check


def archives(gc: LocalGrandChallenge, tmp: Path) -> tuple[list[Path], Callable[[], None]]:
    scans = ct_files(tmp / "scans", 2)[0].parent
    overlay = ct_files(tmp / "extra", 1, prefix="overlay")[0]
    new_ct = ct_files(tmp / "extra", 1, prefix="new")[0]
    report = tmp / "report.pdf"
    report.write_bytes(b"%PDF-1.4\n")

    def check() -> None:
        assert len(list((tmp / "downloads").glob("*.mha"))) == 3
        gc.wait_idle(60)
        with client(gc) as c:
            cases = c.archives.cases("radboudcovid")
        values = sorted(sorted(case.values) for case in cases)
        assert values == [
            ["ct-image"],
            ["ct-image", "lung-volume", "report", "tumor-likelihood-map"],
        ], values

    return [scans, overlay, report, new_ct, tmp / "downloads"], check


def reader_studies(gc: LocalGrandChallenge, tmp: Path) -> tuple[list[Path], Callable[[], None]]:
    upload = tmp / "upload"
    for n, ct in enumerate(ct_files(tmp / "ct", 2), 1):
        folder = upload / f"patient{n}"
        folder.mkdir(parents=True)
        shutil.copy(ct, folder / "ct.mha")
        mask(folder / "airways.mha")
    with client(gc, "reader") as reader:  # a reader answered a seeded display set
        study = reader.reader_studies.get(slug="corads-score-exam")
        q = {question_text(question): question for question in study.questions}
        ds = reader.reader_studies.display_sets(study)[0]
        answers = {
            "Is there evidence of COVID-19?": True,
            "CO-RADS score": q["CO-RADS score"].options[2].id,
            "Findings": [q["Findings"].options[0].id, q["Findings"].options[2].id],
        }
        for text, value in answers.items():
            reader.answers.create(question=q[text], display_set=ds, answer=value)
        reader.reader_studies.answer_mask(
            question=q["Segment the lesions"], display_set=ds, mask=mask(tmp / "lesion.mha")
        )
    gc.wait_idle(60)
    out = tmp / "out"

    def check() -> None:
        text = (out / "answers.csv").read_text(encoding="utf-8")
        assert text.count("\n") == 5 and "CO-RADS 3" in text, text
        assert "Ground-glass opacities, Crazy paving" in text, text
        assert len(list((out / "masks").iterdir())) == 1
        with client(gc) as c:
            sets = c.reader_studies.display_sets("corads-score-exam")
        assert next(d for d in sets if title_of(d) == "patient1").order == 10
        titles = sorted(title_of(d) for d in sets)
        assert titles[-2:] == ["patient1", "patient2"], titles

    return [upload, out], check


def gcapi_readme(gc: LocalGrandChallenge, tmp: Path) -> tuple[list[Path], Callable[[], None]]:
    folder = ct_files(tmp / "files", 1)[0].parent

    def check() -> None:
        gc.wait_idle(60)
        with client(gc) as c:
            cases = c.archives.cases("radboudcovid")
        assert [set(case.values) for case in cases] == [{"generic-medical-image"}]
        jobs = [j for j in gc.state.jobs.values() if j.status == "Succeeded"]
        assert len(jobs) == 2, [j.status for j in gc.state.jobs.values()]

    return [folder], check


EXAMPLES: dict[str, Callable[[LocalGrandChallenge, Path], tuple[list[Path], Callable[[], None]]]]
EXAMPLES = {
    "algorithms": algorithms,
    "archives": archives,
    "reader_studies": reader_studies,
    "gcapi_readme": gcapi_readme,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("names", nargs="*", help=f"some of: {', '.join(EXAMPLES)} (default: all)")
    parser.add_argument("--venv", type=Path, default=VENV, help=f"default: {VENV}")
    parser.add_argument("-v", "--verbose", action="store_true", help="show what each printed")
    args = parser.parse_args()
    unknown = set(args.names) - set(EXAMPLES)
    if unknown:
        parser.error(f"unknown examples: {', '.join(sorted(unknown))}")
    python = gcapi_python(args.venv)
    failed = []
    with LocalGrandChallenge(tls=True, strict=False) as gc, tempfile.TemporaryDirectory() as tmp:
        for name in args.names or EXAMPLES:
            gc.reset()
            work = Path(tmp) / name
            work.mkdir()
            example_args, check = EXAMPLES[name](gc, work)
            gc.request_log.clear()
            spec = {
                "path": str(HERE / f"{name}.py"),
                "token": gc.tokens["demo"],
                "api_url": gc.api_url,
                "ca": gc.ca_cert_path,
                "args": [str(a) for a in example_args],
            }
            done = subprocess.run(
                [str(python), "-c", CHILD, json.dumps(spec)],
                cwd=work,
                capture_output=True,
                text=True,
                timeout=600,
            )
            requests = len(gc.request_log)
            try:
                assert done.returncode == 0, done.stderr[-3000:]
                check()
            except AssertionError as e:
                failed.append(name)
                print(f"{name}: FAILED\n{e}\n{done.stdout[-2000:]}")
                continue
            mismatches = gc.contract.report()
            print(f"{name}: ran, checks passed ({requests} requests)")
            if args.verbose:
                print("  " + done.stdout.strip().replace("\n", "\n  "))
            if mismatches:
                print(f"  schema mismatches in its traffic:\n{mismatches}")
    print("all passed" if not failed else f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: one DICOM series into an archive item, gc-client against gcapi 0.16.1, over a WAN.

Run it from the repository root after ``./dev setup`` (the ``server`` and ``dicom`` extras)::

    .venv/bin/python scripts/bench_dicom.py                 # 300 x 512 KiB CT-like slices, 3 runs
    .venv/bin/python scripts/bench_dicom.py --noise         # incompressible pixels: worst case
    .venv/bin/python scripts/bench_dicom.py --slices 30 --repeat 1     # quicker
    .venv/bin/python scripts/bench_dicom.py --skip-gcapi --deidentify
    .venv/bin/python scripts/bench_dicom.py --skip-gcapi --store   # gc-client without deflate

It writes a synthetic CT series (``--slices`` files of 512 x 512 int16 pixels, 512 KiB each,
with patient identifiers; ``synthetic_dicom_series(pixels="phantom")``: air around an elliptic
body with noisy tissue and a bone ring, which deflates like real CT, to ~22%; ``--noise``:
uniform noise, which does not compress and is stored), starts the local grand-challenge
(``gc_highlevel.testing``) with HTTPS and the transfer benchmark's WAN profile
(``--latency-ms`` 20 added to every API and storage request, ``--bandwidth-mbps`` 100 Mbit/s
per connection, storage in its own process: see ``scripts/bench_transfers.py``), and for each
client, in a subprocess, adds one archive item whose ``ct-image`` is the series, until the
server has accepted the value (neither client waits for the import here; the server's import
is awaited between runs, outside the timing):

* gc-client: ``client.archives.add_cases("radboudcovid", [{"ct-image": folder}], wait=False)``,
  which sends the series as one ``.zip`` upload (``gc_highlevel.dicom``; its members deflated
  when they compress, stored otherwise); ``--deidentify`` passes
  ``DicomFiles(folder, deidentify=True)`` (de-identified copies first); ``--store`` makes it
  store the members whatever they are (``dicom.DEFLATE_AT_MOST = 0``), to compare;
* gcapi: ``client.add_case_to_archive(archive_slug=..., values=[SocketValueSpec(
  socket_slug="ct-image", files=[...])])``, one upload per file.

Each client runs ``--repeat`` times (default 3). Per client it prints, from the run of median
wall time: requests (API + storage), API requests, uploads made, the bytes sent to storage
(the bodies of the storage requests, as the server's request log counted them), the client's
peak RSS; and the median wall time with the spread (min-max) of all runs. The ratios compare
the two medians of this run. gcapi is installed as for ``bench_transfers.py`` (``--gcapi-venv``,
default ``~/.cache/gc-client-bench/venv`` or the repository's ``.venv/gcapi``). Target: at
most 10 requests per series and at least 10x faster than gcapi.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SLICE_SIDE = 512  # 512 x 512 int16: 512 KiB of pixels per file


# -- child side ------------------------------------------------------------------------------
def _peak_rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _child(spec: dict[str, Any]) -> None:
    files = [Path(p) for p in spec["files"]]
    if spec["client"] == "ours":
        sys.path.insert(0, str(ROOT))
        import gc_highlevel
        from gc_highlevel import dicom

        client = gc_highlevel.Client(
            spec["token"], base_url=spec["api_url"], verify=spec["ca"], timeout=300
        )
        if spec.get("store"):
            dicom.DEFLATE_AT_MOST = 0.0  # every zip stored: for comparison
        value: object = Path(spec["folder"])
        if spec["deidentify"]:
            value = dicom.DicomFiles(Path(spec["folder"]), deidentify=True)
        t0 = time.perf_counter()
        result = client.archives.add_cases(
            spec["archive"], [{"ct-image": value}], wait=False, journal=False, progress=False
        )
        result.raise_for_errors()
        seconds = time.perf_counter() - t0
        client.close()
    else:
        import warnings

        warnings.simplefilter("ignore")
        import gcapi  # type: ignore[import-not-found]

        client = gcapi.Client(token=spec["token"], base_url=spec["api_url"], verify=spec["ca"])
        t0 = time.perf_counter()
        client.add_case_to_archive(
            archive_slug=spec["archive"],
            values=[gcapi.SocketValueSpec(socket_slug="ct-image", files=[str(p) for p in files])],
        )
        seconds = time.perf_counter() - t0
    print(json.dumps({"seconds": seconds, "max_rss_mb": _peak_rss_mb()}))


# -- parent side -----------------------------------------------------------------------------
@dataclass
class Run:
    client: str
    seconds: float
    rss_mb: float
    requests: int
    uploads: int
    api_requests: int
    storage_bytes: int


def write_series(folder: Path, slices: int, *, noise: bool = False) -> list[Path]:
    sys.path.insert(0, str(ROOT))
    from gc_highlevel.testing import synthetic_dicom_series

    folder.mkdir(parents=True)
    paths = []
    for i, data in enumerate(
        synthetic_dicom_series(
            slices,
            size=SLICE_SIDE,
            patient_id="BENCH-PID-1",
            patient_name="Bench^Patient",
            pixels="noise" if noise else "phantom",
        )
    ):
        path = folder / f"IM{i:05d}.dcm"
        path.write_bytes(data)
        paths.append(path)
    return paths


def run_once(gc: Any, python: str, client: str, spec: dict[str, Any]) -> Run:
    gc.reset()
    gc.upload_quota = 1 << 50
    gc.request_log.clear()
    proc = subprocess.run(
        [python, str(Path(__file__).resolve()), "--child", json.dumps({**spec, "client": client})],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{client} failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    log = list(gc.request_log)
    uploads = sum(1 for e in log if e.method == "POST" and e.path.rstrip("/") == "/api/v1/uploads")
    api = sum(1 for e in log if e.path.startswith("/api/"))
    sent = sum(e.request_bytes for e in log if e.kind == "storage")
    gc.wait_idle(600)  # the import, outside the timing
    return Run(client, result["seconds"], result["max_rss_mb"], len(log), uploads, api, sent)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slices", type=int, default=300)
    parser.add_argument("--latency-ms", type=float, default=20)
    parser.add_argument("--bandwidth-mbps", type=float, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--noise", action="store_true", help="incompressible noise pixels instead of CT-like"
    )
    parser.add_argument("--deidentify", action="store_true")
    parser.add_argument(
        "--store", action="store_true", help="gc-client stores the zip's members (no deflate)"
    )
    parser.add_argument("--skip-gcapi", action="store_true")
    parser.add_argument("--gcapi-venv", type=Path, default=None)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(json.loads(args.child))
        return 0

    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_transfers import DEFAULT_VENV, compile_sources, ensure_gcapi

    from gc_highlevel.testing import LocalGrandChallenge
    from gc_highlevel.testing.server import freeze_start_up_objects

    gcapi_python = None if args.skip_gcapi else str(ensure_gcapi(args.gcapi_venv or DEFAULT_VENV))
    compile_sources()  # as installed: bytecode, as gcapi's venv has
    with tempfile.TemporaryDirectory(prefix="gc-bench-dicom-") as tmp:
        folder = Path(tmp) / "series"
        pixels = "noise" if args.noise else "CT-like phantom"
        print(f"writing {args.slices} x 512 KiB DICOM slices ({pixels}) ...", flush=True)
        files = write_series(folder, args.slices, noise=args.noise)
        size = sum(p.stat().st_size for p in files)
        with LocalGrandChallenge(
            tls=True,
            strict=False,
            contract=False,
            latency_ms=args.latency_ms,
            bandwidth_mbps=args.bandwidth_mbps,
            storage_process=True,
        ) as gc:
            freeze_start_up_objects()
            spec = {
                "api_url": gc.api_url,
                "token": gc.tokens["demo"],
                "ca": gc.ca_cert_path,
                "archive": "radboudcovid",
                "folder": str(folder),
                "files": [str(p) for p in files],
                "deidentify": args.deidentify,
                "store": args.store,
            }
            clients = [("gc-client", sys.executable, "ours")]
            if gcapi_python:
                clients.append(("gcapi", gcapi_python, "gcapi"))
            results: list[tuple[Run, list[float]]] = []
            for label, python, kind in clients:
                print(f"{label:<10} ...", end=" ", flush=True)
                runs = []
                for _ in range(max(1, args.repeat)):
                    run = run_once(gc, python, kind, spec)
                    run.client = label
                    print(f"{run.seconds:.2f} s", end=" ", flush=True)
                    runs.append(run)
                print(flush=True)
                runs.sort(key=lambda r: r.seconds)
                results.append((runs[len(runs) // 2], [r.seconds for r in runs]))
    print()
    print(
        f"{args.slices} slices, {size / 2**20:.0f} MiB ({pixels}), one series; WAN profile: "
        f"+{args.latency_ms:g} ms per request, {args.bandwidth_mbps:g} Mbit/s per connection; "
        f"{max(1, args.repeat)} run(s) per client"
        + ("; gc-client de-identifies first" if args.deidentify else "")
        + ("; gc-client stores the zip's members (--store)" if args.store else "")
    )
    print(
        f"| {'client':<10} | requests | API requests | uploads | sent to storage "
        "| wall time (median) | spread (min-max) | peak RSS |"
        "\n|---|---:|---:|---:|---:|---:|---:|---:|"
    )
    for r, times in results:
        print(
            f"| {r.client:<10} | {r.requests} | {r.api_requests} | {r.uploads} | "
            f"{r.storage_bytes / 2**20:.1f} MiB | {statistics.median(times):.2f} s | "
            f"{min(times):.2f}-{max(times):.2f} s | {r.rss_mb:.0f} MB |"
        )
    if len(results) == 2:
        (ours, our_times), (theirs, their_times) = results
        print(
            f"\ngc-client: {statistics.median(their_times) / statistics.median(our_times):.1f}x "
            f"faster (median against median), {theirs.requests / max(ours.requests, 1):.0f}x "
            f"fewer requests ({ours.requests} vs {theirs.requests}), "
            f"{theirs.storage_bytes / max(ours.storage_bytes, 1):.1f}x fewer bytes to storage"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

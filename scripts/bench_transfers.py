"""Benchmark: gc-client transfers against the official gcapi 0.16.1, over a simulated WAN.

Run it from the repository root after ``./dev setup`` (it needs the ``server`` extra)::

    .venv/bin/python scripts/bench_transfers.py            # 1 GiB and 300 x 1 MiB, up and down
    .venv/bin/python scripts/bench_transfers.py --quick    # 64 MiB and 30 x 1 MiB (~1 minute)
    .venv/bin/python scripts/bench_transfers.py --skip-gcapi --concurrency 32

The full run takes about 7 minutes (gcapi moves the 1 GiB file over one connection).

It starts the local grand-challenge (``gc_highlevel.testing``) with HTTPS (a throw-away
``trustme`` CA, because gcapi insists on https) and a WAN profile: ``--latency-ms`` (20) added
to every API and storage request and ``--bandwidth-mbps`` (100 Mbit/s) per connection. Then,
for each case, it runs one client in a subprocess and prints wall time, throughput, the ratio
between the clients, our throughput as a share of the profile's aggregate limit (connections
used x bandwidth per connection) and each subprocess's peak RSS.

gcapi is installed into a throw-away virtual environment (``--gcapi-venv``, default
``~/.cache/gc-client-bench/venv``) with ``pip install gcapi==0.16.1``; it is never a
dependency of gc-client. Only the timed operation is measured (not interpreter start-up or
client construction). gcapi has no helper for downloading many images, so it downloads them
one after another with ``images.download``, as its documentation does; ours uses
``transfers.download_images``.

Read the figures with the emulator in mind: it is one Python process (moto's S3 in it), so on
a small machine it is CPU-bound before the link is. moto assembles a completed multipart
upload in Python (the "server completing" time; S3 needs well under a second), reads a whole
object for every ranged GET, and the quota check lists the user's uploads on every presign,
as grand-challenge does. With 300 small files the server's CPU is the limit and both clients
meet the same ceiling (4 requests per file either way; more connections do not help there).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MiB = 1024 * 1024
ROOT = Path(__file__).resolve().parent.parent
GCAPI_VERSION = "0.16.1"
DEFAULT_VENV = Path.home() / ".cache" / "gc-client-bench" / "venv"
CASES = ("upload-big", "upload-small", "download-big", "download-small")


# -- child side: one operation, one client, in its own process ---------------------------------


def _child(args: argparse.Namespace) -> None:
    spec = json.loads(args.child)
    if spec["client"] == "ours":
        sys.path.insert(0, str(ROOT))
        seconds = _run_ours(spec)
    else:
        seconds = _run_gcapi(spec)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps(
            {
                "seconds": seconds,
                "max_rss_mb": _peak_rss_mb(),
                "cpu": usage.ru_utime + usage.ru_stime,
            }
        )
    )


def _peak_rss_mb() -> float:
    """This process's peak resident set (VmHWM). Unlike ``ru_maxrss`` it is not inherited
    from the parent across fork+exec (the parent holds the server's in-memory S3)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run_ours(spec: dict[str, Any]) -> float:
    import gc_highlevel

    client = gc_highlevel.Client(
        spec["token"], base_url=spec["api_url"], verify=spec["ca"], timeout=300
    )
    transfers = gc_highlevel.Transfers(client, max_concurrency=spec["concurrency"])
    t0 = time.perf_counter()
    op = spec["op"]
    if op == "upload-big":
        transfers.upload(spec["files"][0], progress=False)
    elif op == "upload-small":
        transfers.upload_many(spec["files"], progress=False).values()
    elif op == "download-big":
        transfers.download_image(spec["images"][0], spec["out"], progress=False)
    else:
        transfers.download_images(spec["images"], spec["out"], progress=False).values()
    seconds = time.perf_counter() - t0
    client.close()
    return seconds


def _run_gcapi(spec: dict[str, Any]) -> float:
    import warnings

    warnings.simplefilter("ignore")
    import gcapi  # type: ignore[import-not-found]

    client = gcapi.Client(token=spec["token"], base_url=spec["api_url"], verify=spec["ca"])
    t0 = time.perf_counter()
    op = spec["op"]
    if op == "upload-big":
        with open(spec["files"][0], "rb") as f:
            client.uploads.upload_fileobj(fileobj=f, filename=Path(f.name).name)
    elif op == "upload-small":
        handles = [open(p, "rb") for p in spec["files"]]  # noqa: SIM115
        client.uploads.upload_multiple_fileobj(
            file_objects=handles, filenames=[Path(p).name for p in spec["files"]]
        )
        for h in handles:
            h.close()
    else:
        for pk in spec["images"]:
            client.images.download(pk=pk, output_directory=spec["out"], filename=pk)
    return time.perf_counter() - t0


# -- parent side: server, data, subprocesses, report ---------------------------------------------


@dataclass
class Run:
    case: str
    client: str
    seconds: float
    nbytes: int
    max_rss_mb: float
    connections: int
    requests: int
    #: Seconds the server spent answering complete-multipart-upload (moto assembles the object
    #: in Python there; S3 does it in well under a second).
    completing: float = 0.0

    @property
    def mbit_s(self) -> float:
        return self.nbytes * 8 / self.seconds / 1e6


def ensure_gcapi(venv: Path) -> Path:
    python = venv / "bin" / "python"
    probe = [
        str(python),
        "-c",
        f"import gcapi, importlib.metadata as m; assert m.version('gcapi') == '{GCAPI_VERSION}'",
    ]
    if python.exists() and subprocess.run(probe, capture_output=True).returncode == 0:
        return python
    print(f"installing gcapi=={GCAPI_VERSION} into {venv} (once) ...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", f"gcapi=={GCAPI_VERSION}"], check=True
    )
    return python


def write_random(path: Path, size: int) -> None:
    with path.open("wb") as f:
        left = size
        while left:
            n = min(left, 8 * MiB)
            f.write(os.urandom(n))
            left -= n


def add_images(gc: Any, paths: list[Path]) -> list[str]:
    """Register one image per file (type MHD), visible to ``demo``; returns their pks."""
    from gc_highlevel.testing.models import Image, ImageFile, new_uuid

    pks = []
    for path in paths:
        image = Image(pk=new_uuid(), name=path.name, width=8, height=8, depth=4)
        image.viewers = {gc.users["demo"].pk}
        fpk = new_uuid()
        key = f"images/{image.pk[:2]}/{image.pk[2:4]}/{image.pk}/{fpk}/{image.pk}.mha"
        gc.storage.client.upload_file(str(path), gc.storage.protected_bucket, key)
        image.files.append(ImageFile(pk=fpk, image_type="MHD", key=key, filename=f"{image.pk}.mha"))
        with gc.state.lock:
            gc.state.images[image.pk] = image
        pks.append(image.pk)
    return pks


def run_case(
    gc: Any,
    python: str,
    client: str,
    case: str,
    data: dict[str, list[Path]],
    work: Path,
    concurrency: int,
) -> Run:
    gc.reset()
    gc.upload_quota = 1 << 50
    files = data["big"] if case.endswith("big") else data["small"]
    out = work / f"out-{client}-{case}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    images = add_images(gc, files) if case.startswith("download") else []
    gc.request_log.clear()
    server_cpu = time.process_time()
    spec = {
        "client": client,
        "op": case,
        "api_url": gc.api_url,
        "token": gc.tokens["demo"],
        "ca": gc.ca_cert_path,
        "files": [str(p) for p in files],
        "images": images,
        "out": str(out),
        "concurrency": concurrency,
    }
    proc = subprocess.run(
        [python, str(Path(__file__).resolve()), "--child", json.dumps(spec)],
        capture_output=True,
        text=True,
        cwd=str(work),
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{client} {case} failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    server_cpu = time.process_time() - server_cpu
    print(f"[client cpu {result['cpu']:.1f} s, server cpu {server_cpu:.1f} s]", end=" ")
    nbytes = sum(p.stat().st_size for p in files)
    if case.startswith("download"):
        got = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        if got != nbytes:
            raise RuntimeError(f"{client} {case}: downloaded {got} bytes, expected {nbytes}")
    shutil.rmtree(out, ignore_errors=True)
    if client == "ours":
        connections = concurrency
    elif case == "upload-small":
        connections = 10  # gcapi's max_concurrent_uploads (files in parallel, parts in series)
    else:
        connections = 1
    return Run(
        case,
        client,
        result["seconds"],
        nbytes,
        result["max_rss_mb"],
        connections,
        len(gc.request_log),
        sum(e.duration for e in gc.request_log.filter(path="complete-multipart-upload")),
    )


def _completing_note(r: Run, bandwidth_mbps: float) -> str:
    moving = r.seconds - r.completing
    share = r.nbytes * 8 / moving / 1e6 / (r.connections * bandwidth_mbps)
    return f"   (server completing {r.completing:.1f} s; the transfer alone: {share:.0%} of limit)"


def report(runs: list[Run], bandwidth_mbps: float, latency_ms: float) -> None:
    print()
    print(f"WAN profile: +{latency_ms:g} ms per request, {bandwidth_mbps:g} Mbit/s per connection")
    header = f"{'case':<15}{'client':<7}{'seconds':>9}{'Mbit/s':>9}{'conns':>6}{'of limit':>9}{'requests':>9}{'peak RSS MB':>12}"
    print(header)
    print("-" * len(header))
    by_case: dict[str, dict[str, Run]] = {}
    for r in runs:
        by_case.setdefault(r.case, {})[r.client] = r
        share = r.mbit_s / (r.connections * bandwidth_mbps)
        print(
            f"{r.case:<15}{r.client:<7}{r.seconds:>9.2f}{r.mbit_s:>9.1f}{r.connections:>6}"
            f"{share:>9.0%}{r.requests:>9}{r.max_rss_mb:>12.0f}"
            + (_completing_note(r, bandwidth_mbps) if r.case == "upload-big" else "")
        )
    print()
    for case, pair in by_case.items():
        if "ours" in pair and "gcapi" in pair:
            ratio = pair["gcapi"].seconds / pair["ours"].seconds
            print(f"{case:<15} gc-client is {ratio:.1f}x faster than gcapi {GCAPI_VERSION}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="64 MiB and 30 x 1 MiB")
    parser.add_argument("--big-mib", type=int, default=None, help="size of the big file (1024)")
    parser.add_argument("--small-count", type=int, default=None, help="number of small files (300)")
    parser.add_argument("--small-kib", type=int, default=1024, help="size of each small file")
    parser.add_argument("--latency-ms", type=float, default=20)
    parser.add_argument("--bandwidth-mbps", type=float, default=100)
    parser.add_argument("--concurrency", type=int, default=16, help="gc-client connections")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated subset")
    parser.add_argument("--skip-gcapi", action="store_true")
    parser.add_argument("--gcapi-venv", type=Path, default=DEFAULT_VENV)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args)
        return 0

    sys.path.insert(0, str(ROOT))
    from gc_highlevel.testing import LocalGrandChallenge

    big_mib = args.big_mib or (64 if args.quick else 1024)
    small_count = args.small_count or (30 if args.quick else 300)
    gcapi_python = None if args.skip_gcapi else str(ensure_gcapi(args.gcapi_venv))
    cases = [c for c in args.cases.split(",") if c]
    with tempfile.TemporaryDirectory(prefix="gc-bench-") as tmp:
        work = Path(tmp)
        (work / "small").mkdir()
        big = work / "big.bin"
        print(
            f"writing {big_mib} MiB + {small_count} x {args.small_kib} KiB of random data ...",
            flush=True,
        )
        write_random(big, big_mib * MiB)
        small = [work / "small" / f"slice{i:04d}.dcm" for i in range(small_count)]
        for p in small:
            write_random(p, args.small_kib * 1024)
        data = {"big": [big], "small": small}
        runs: list[Run] = []
        with LocalGrandChallenge(
            tls=True,
            strict=False,
            contract=False,
            latency_ms=args.latency_ms,
            bandwidth_mbps=args.bandwidth_mbps,
        ) as gc:
            for case in cases:
                clients = [("ours", sys.executable)]
                if gcapi_python:
                    clients.append(("gcapi", gcapi_python))
                for name, python in clients:
                    print(f"{case:<15} {name:<6} ...", end=" ", flush=True)
                    run = run_case(gc, python, name, case, data, work, args.concurrency)
                    print(f"{run.seconds:.2f} s", flush=True)
                    runs.append(run)
        report(runs, args.bandwidth_mbps, args.latency_ms)
    return 0


if __name__ == "__main__":
    sys.exit(main())

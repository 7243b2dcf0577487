"""Benchmark: gc-client transfers against the official gcapi 0.16.1, over a simulated WAN.

Run it from the repository root after ``./dev setup`` (it needs the ``server`` extra)::

    .venv/bin/python scripts/bench_transfers.py            # 1 GiB and 300 x 1 MiB, up and down
    .venv/bin/python scripts/bench_transfers.py --quick    # 64 MiB and 30 x 1 MiB (~1 minute)
    .venv/bin/python scripts/bench_transfers.py --skip-gcapi --cases upload-small

The full run takes about 7 minutes (gcapi moves the 1 GiB file over one connection).

It starts the local grand-challenge (``gc_highlevel.testing``) with HTTPS (a throw-away
``trustme`` CA, because gcapi insists on https) and a WAN profile: ``--latency-ms`` (20) added
to every API and storage request and ``--bandwidth-mbps`` (100 Mbit/s) per connection. Then,
for each case, it runs one client in a subprocess and prints wall time, throughput, the ratio
between the clients, the TCP connections each opened, the client's and the server's CPU time
and each subprocess's peak RSS. Small-file cases run ``--repeat`` (3) times per client and
show the median (the machine's other work makes single runs noisy). gc-client runs with its defaults (16 connections for one
file, 32 for many) unless ``--concurrency`` says otherwise; ``--async-client`` measures
``AsyncClient`` instead of ``Client``.

"of limit" is the throughput as a share of the profile's aggregate limit: ``conns`` x the
bandwidth per connection, where ``conns`` is measured, not configured: the most storage
transfers (PUTs or GETs carrying data) the server had in flight at the same moment. The cap
applies per request, so that is the bandwidth the client could have used at its busiest.

gcapi is installed into a throw-away virtual environment (``--gcapi-venv``, default
``~/.cache/gc-client-bench/venv``) with ``pip install gcapi==0.16.1``; it is never a
dependency of gc-client. Only the timed operation is measured (not interpreter start-up or
client construction). gcapi has no helper for downloading many images, so it downloads them
one after another with ``images.download``, as its documentation does; ours uses
``transfers.download_images``.

Read the figures with the emulator in mind: it is one Python process (moto's S3 in it)
sharing the machine with the client, so on a small machine CPU runs out before the link
does. With 300 small files each file is four requests in a row (create, presign, PUT,
complete) for either client; with 32 in flight the emulator's CPU (a few ms per file) and
the client's are the limit, not the round trips. The "server completing" time is the
emulator's complete-multipart-upload answer (S3 needs well under a second). The emulator's
start-up objects are frozen out of the garbage collector (``gc.freeze``): a full collection
over them paused every request for ~0.1 s, once every run or two.
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
    if spec.get("async_client"):
        import asyncio

        return asyncio.run(_run_ours_async(spec))
    import gc_highlevel

    client = gc_highlevel.Client(
        spec["token"], base_url=spec["api_url"], verify=spec["ca"], timeout=300
    )
    # without --concurrency: the library's defaults (16 connections for one file, 32 for many)
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


async def _run_ours_async(spec: dict[str, Any]) -> float:
    import gc_highlevel

    async with gc_highlevel.AsyncClient(
        spec["token"], base_url=spec["api_url"], verify=spec["ca"], timeout=300
    ) as client:
        transfers = gc_highlevel.AsyncTransfers(client, max_concurrency=spec["concurrency"])
        t0 = time.perf_counter()
        op = spec["op"]
        if op == "upload-big":
            await transfers.upload(spec["files"][0], progress=False)
        elif op == "upload-small":
            (await transfers.upload_many(spec["files"], progress=False)).values()
        elif op == "download-big":
            await transfers.download_image(spec["images"][0], spec["out"], progress=False)
        else:
            (await transfers.download_images(spec["images"], spec["out"], progress=False)).values()
        return time.perf_counter() - t0


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
    #: Most storage transfers (PUTs or GETs of data) the server had in flight at once: the
    #: connections the bandwidth cap applied to, whatever the client was configured with.
    connections: int
    requests: int
    #: TCP (and TLS) connections the client opened to the API and to storage.
    opened: int
    client_cpu: float
    server_cpu: float
    #: Seconds the server spent answering complete-multipart-upload (S3 takes well under a
    #: second for 1 GiB).
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


class TransferSpans:
    """Start and end (server clock) of each storage request carrying data, taken from the
    request log as it is written (an entry is logged as its last bytes go out)."""

    def __init__(self, gc: Any) -> None:
        self.spans: list[tuple[float, float]] = []
        log = gc.request_log
        append = log.append

        def record(entry: Any) -> None:
            if entry.kind == "storage" and (entry.request_bytes or entry.response_bytes):
                end = time.monotonic()
                self.spans.append((end - entry.duration, end))
            append(entry)

        log.append = record

    def peak(self) -> int:
        """The most spans overlapping at any moment."""
        events = sorted([(t0, 1) for t0, _ in self.spans] + [(t1, -1) for _, t1 in self.spans])
        peak = now = 0
        for _, step in events:  # an end sorts before a start at the same instant
            now += step
            peak = max(peak, now)
        return peak


def run_case(
    gc: Any,
    python: str,
    client: str,
    case: str,
    data: dict[str, list[Path]],
    work: Path,
    concurrency: int | None,
    spans: TransferSpans,
    async_client: bool = False,
) -> Run:
    gc.reset()
    gc.upload_quota = 1 << 50
    files = data["big"] if case.endswith("big") else data["small"]
    out = work / f"out-{client}-{case}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    images = add_images(gc, files) if case.startswith("download") else []
    gc.request_log.clear()
    spans.spans.clear()
    opened = sum(gc.connections_accepted().values())
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
        "async_client": async_client,
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
    opened = sum(gc.connections_accepted().values()) - opened
    nbytes = sum(p.stat().st_size for p in files)
    if case.startswith("download"):
        got = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        if got != nbytes:
            raise RuntimeError(f"{client} {case}: downloaded {got} bytes, expected {nbytes}")
    shutil.rmtree(out, ignore_errors=True)
    connections = spans.peak()
    return Run(
        case,
        client,
        result["seconds"],
        nbytes,
        result["max_rss_mb"],
        connections,
        len(gc.request_log),
        opened,
        result["cpu"],
        server_cpu,
        sum(e.duration for e in gc.request_log.filter(path="complete-multipart-upload")),
    )


def _completing_note(r: Run, bandwidth_mbps: float) -> str:
    moving = r.seconds - r.completing
    share = r.nbytes * 8 / moving / 1e6 / (max(r.connections, 1) * bandwidth_mbps)
    return f" server completing {r.completing:.2f} s; the transfer alone: {share:.0%} of limit"


def report(
    runs: list[Run],
    bandwidth_mbps: float,
    latency_ms: float,
    spread: dict[tuple[str, str], list[float]],
) -> None:
    print()
    print(f"WAN profile: +{latency_ms:g} ms per request, {bandwidth_mbps:g} Mbit/s per connection")
    print(
        "conns: most storage transfers (PUT/GET carrying data) the server had in flight at once;"
        f" of limit: Mbit/s / (conns x {bandwidth_mbps:g} Mbit/s); opened: TCP+TLS connections;"
        " CPU: the client's process (start-up included), the server's during the run"
    )
    header = (
        f"{'case':<15}{'client':<7}{'seconds':>8}{'Mbit/s':>8}{'conns':>6}{'of limit':>9}"
        f"{'requests':>9}{'opened':>7}{'CPU client/server s':>20}{'peak RSS MB':>12}"
    )
    print(header)
    print("-" * len(header))
    by_case: dict[str, dict[str, Run]] = {}
    for r in runs:
        by_case.setdefault(r.case, {})[r.client] = r
        share = r.mbit_s / (max(r.connections, 1) * bandwidth_mbps)
        cpu = f"{r.client_cpu:.1f} / {r.server_cpu:.1f}"
        print(
            f"{r.case:<15}{r.client:<7}{r.seconds:>8.2f}{r.mbit_s:>8.1f}{r.connections:>6}"
            f"{share:>9.0%}{r.requests:>9}{r.opened:>7}{cpu:>20}{r.max_rss_mb:>12.0f}"
        )
    for r in runs:
        if r.case == "upload-big":
            print(f"{r.case} {r.client}:{_completing_note(r, bandwidth_mbps)}")
    for (case, client), seconds in spread.items():
        shown = ", ".join(f"{s:.2f}" for s in seconds)
        print(f"{case} {client}: {len(seconds)} runs, the median shown ({shown} s)")
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
    parser.add_argument(
        "--concurrency",
        type=int,
        default=None,
        help="gc-client connections per call (default: the library's, 16 for one file, 32 for many)",
    )
    parser.add_argument(
        "--async-client",
        action="store_true",
        help="measure gc_highlevel.AsyncClient instead of Client",
    )
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated subset")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each small-file case per client, the median is shown (big files: 1)",
    )
    parser.add_argument("--skip-gcapi", action="store_true")
    parser.add_argument("--gcapi-venv", type=Path, default=DEFAULT_VENV)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args)
        return 0

    sys.path.insert(0, str(ROOT))
    from gc_highlevel.testing import LocalGrandChallenge
    from gc_highlevel.testing.server import freeze_start_up_objects

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
            freeze_start_up_objects()  # this process is only the emulator
            spans = TransferSpans(gc)
            spread: dict[tuple[str, str], list[float]] = {}
            for case in cases:
                clients = [("ours", sys.executable)]
                if gcapi_python:
                    clients.append(("gcapi", gcapi_python))
                for name, python in clients:
                    print(f"{case:<15} {name:<6} ...", end=" ", flush=True)
                    tries = []
                    for _ in range(args.repeat if case.endswith("small") else 1):
                        run = run_case(
                            gc,
                            python,
                            name,
                            case,
                            data,
                            work,
                            args.concurrency,
                            spans,
                            async_client=args.async_client,
                        )
                        print(f"{run.seconds:.2f} s", end=" ", flush=True)
                        tries.append(run)
                    print(flush=True)
                    tries.sort(key=lambda r: r.seconds)
                    runs.append(tries[len(tries) // 2])
                    if len(tries) > 1:
                        spread[(case, name)] = [r.seconds for r in tries]
        report(runs, args.bandwidth_mbps, args.latency_ms, spread)
    return 0


if __name__ == "__main__":
    sys.exit(main())

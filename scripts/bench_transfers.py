"""Benchmark: gc-client transfers against the official gcapi 0.16.1, over a simulated WAN.

Run it from the repository root after ``./dev setup`` (it needs the ``server`` extra)::

    .venv/bin/python scripts/bench_transfers.py            # 1 GiB and 300 x 1 MiB, up and down
    .venv/bin/python scripts/bench_transfers.py --quick    # 64 MiB and 30 x 1 MiB (~1 minute)
    .venv/bin/python scripts/bench_transfers.py --skip-gcapi --cases upload-small --repeat 5

The full run takes about 15 minutes (gcapi moves the 1 GiB file over one connection, three
times each way).

It starts the local grand-challenge (``gc_highlevel.testing``) with HTTPS (a throw-away
``trustme`` CA, because gcapi insists on https) and a WAN profile: ``--latency-ms`` (20) added
to every API and storage request and ``--bandwidth-mbps`` (100 Mbit/s) per connection. Then,
for each case, it runs one client in a subprocess ``--repeat`` (3) times and prints the median
run (by wall time) with the runs' min-max spread, throughput, the ratio between the clients,
the TCP connections each opened, the client's and the server's CPU time, the client's CPU
during the timed operation per GiB (big file) or per file (small files), and the client's peak
RSS. gc-client runs with its defaults (16 connections for one file, 32 for many) unless
``--concurrency`` says otherwise; ``--async-client`` measures ``AsyncClient`` instead of
``Client``.

"of limit" is the throughput as a share of the profile's aggregate limit: ``conns`` x the
bandwidth per connection, where ``conns`` is measured, not configured: the most storage
transfers (PUTs or GETs carrying data) the server had in flight at the same moment. The cap
applies per request, so that is the bandwidth the client could have used at its busiest.

gcapi is installed into a throw-away virtual environment (``--gcapi-venv``, default
``~/.cache/gc-client-bench/venv``, or the repository's ``.venv/gcapi`` when it has gcapi
0.16.1) with ``pip install gcapi==0.16.1``; it is never a dependency of gc-client. Only the
timed operation is measured (not interpreter start-up or client construction;
the modules a first call imports are, from bytecode written first, as an install has it). gcapi has no
helper for downloading many images, so it downloads them one after another with
``images.download``, as its documentation does; ours uses ``transfers.download_images``.

What bounds the figures: the client, not the emulator. Storage (moto and the S3 endpoint with
its presigned-URL checks, request log and WAN shaping) runs in a process of its own
(``LocalGrandChallenge(storage_process=True)``), so the API and storage no longer share one
GIL; the server's CPU column shows both (API + storage). Each small file is four requests in a
row (create, presign, PUT, complete) for either client, a few milliseconds of server CPU in
all, split over two processes. With two cores the client still competes with the server for
the CPU, so figures still move with the machine's load: the median of ``--repeat`` runs and
the spread show how much. ``--in-process-storage`` goes back to one emulator process (API and
storage then share one GIL; issue #18 saw small-file figures move ~2x with the load). The
"server completing" time is the emulator's complete-multipart-upload answer (S3 needs well
under a second). The emulator's start-up objects are frozen out of the garbage collector
(``gc.freeze``, in both processes): a full collection over them paused every request for
~0.1 s, once every run or two.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MiB = 1024 * 1024
GiB = 1024 * MiB
#: where a storage process stamps each request log entry with its end (``time.monotonic()``)
END_STAMP = "end_monotonic"
ROOT = Path(__file__).resolve().parent.parent
GCAPI_VERSION = "0.16.1"
DEFAULT_VENV = Path.home() / ".cache" / "gc-client-bench" / "venv"
CASES = ("upload-big", "upload-small", "download-big", "download-small")


# -- child side: one operation, one client, in its own process ---------------------------------


_op_cpu_start = 0.0


def _mark_op_start() -> None:
    """Note the CPU time when the timed operation starts (what ``op_cpu`` counts from)."""
    global _op_cpu_start
    _op_cpu_start = time.process_time()


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
                "op_cpu": time.process_time() - _op_cpu_start,
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
    _mark_op_start()
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
        _mark_op_start()
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
    _mark_op_start()
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
    #: the client's CPU seconds during the timed operation only
    op_cpu: float
    #: CPU seconds of the API process during the run (storage included when it is in it)
    server_cpu: float
    #: CPU seconds of the storage process during the run (0 without one)
    storage_cpu: float
    #: Seconds the server spent answering complete-multipart-upload (S3 takes well under a
    #: second for 1 GiB).
    completing: float = 0.0
    #: files moved
    nfiles: int = 1

    @property
    def mbit_s(self) -> float:
        return self.nbytes * 8 / self.seconds / 1e6


@dataclass
class Summary:
    """Every run of one case by one client; the table shows the median run (by wall time)."""

    runs: list[Run]

    @property
    def median(self) -> Run:
        ordered = sorted(self.runs, key=lambda r: r.seconds)
        return ordered[len(ordered) // 2]

    @property
    def spread(self) -> str:
        seconds = [r.seconds for r in self.runs]
        return f"{min(seconds):.2f}-{max(seconds):.2f}"

    @property
    def client_cpu_per_unit(self) -> str:
        """The client's CPU during the timed operation per GiB (big file) or per file (small
        files), median of the runs."""
        r = self.median
        if r.case.endswith("big"):
            per = statistics.median(x.op_cpu / (x.nbytes / GiB) for x in self.runs)
            return f"{per:.2f} s/GiB"
        per = statistics.median(x.op_cpu / x.nfiles for x in self.runs)
        return f"{per * 1000:.1f} ms/file"

    @property
    def peak_rss_mb(self) -> float:
        return max(r.max_rss_mb for r in self.runs)


def _has_gcapi(python: Path) -> bool:
    probe = [
        str(python),
        "-c",
        f"import gcapi, importlib.metadata as m; assert m.version('gcapi') == '{GCAPI_VERSION}'",
    ]
    return python.exists() and subprocess.run(probe, capture_output=True).returncode == 0


def ensure_gcapi(venv: Path) -> Path:
    """The Python of a virtual environment with gcapi 0.16.1: ``venv``, or with the default
    one, an existing ``.venv/gcapi`` of the repository; else made in ``venv``."""
    python = venv / "bin" / "python"
    if _has_gcapi(python):
        return python
    if venv == DEFAULT_VENV and _has_gcapi(ROOT / ".venv" / "gcapi" / "bin" / "python"):
        return ROOT / ".venv" / "gcapi" / "bin" / "python"
    print(f"installing gcapi=={GCAPI_VERSION} into {venv} (once) ...", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", f"gcapi=={GCAPI_VERSION}"], check=True
    )
    return python


def compile_sources() -> None:
    """Write the bytecode of gc-client's sources (``gc_highlevel``, ``generated``), as a pip
    install does (gcapi's venv has it from its install): the children then import, rather than
    compile, the modules a first call loads. Without it (``PYTHONDONTWRITEBYTECODE`` is set on
    the dev machines, and an editable install compiles nothing) every timed operation of
    gc-client paid ~0.25 s of CPU compiling the generated models, gcapi's none."""
    import compileall

    for folder in ("gc_highlevel", "generated"):
        compileall.compile_dir(str(ROOT / folder), quiet=1)


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


def _carries_data(entry: Any) -> bool:
    """Whether a request log entry is a storage request with a body (a PUT or a GET)."""
    return entry.kind == "storage" and bool(entry.request_bytes or entry.response_bytes)


class TransferSpans:
    """Start and end (on the machine's monotonic clock) of each storage request carrying data.

    A storage process stamps each entry with its end (``extra["end_monotonic"]``); in one
    process the entries are stamped here, as they are written (an entry is logged as its last
    bytes go out)."""

    def __init__(self, gc: Any) -> None:
        self.spans: list[tuple[float, float]] = []
        self.gc = gc
        log = gc.request_log
        append = log.append

        def record(entry: Any) -> None:
            if _carries_data(entry) and END_STAMP not in entry.extra:
                end = time.monotonic()
                self.spans.append((end - entry.duration, end))
            append(entry)

        log.append = record

    def clear(self) -> None:
        self.spans.clear()

    def peak(self) -> int:
        """The most spans overlapping at any moment."""
        spans = list(self.spans)
        for entry in self.gc.request_log:  # a storage process's entries, pulled on reading
            if _carries_data(entry) and END_STAMP in entry.extra:
                end = float(entry.extra[END_STAMP])
                spans.append((end - entry.duration, end))
        events = sorted([(t0, 1) for t0, _ in spans] + [(t1, -1) for _, t1 in spans])
        peak = now = 0
        for _, step in events:  # an end sorts before a start at the same instant
            now += step
            peak = max(peak, now)
        return peak


def server_cpu_seconds(gc: Any) -> tuple[float, float]:
    """CPU seconds so far of the API process (this one) and of the storage process (0 when
    storage runs in this process)."""
    storage = gc.storage.cpu_seconds() if hasattr(gc.storage, "cpu_seconds") else 0.0
    return time.process_time(), storage


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
    spans.clear()
    opened = sum(gc.connections_accepted().values())
    api_cpu, storage_cpu = server_cpu_seconds(gc)
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
    api_after, storage_after = server_cpu_seconds(gc)
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
        result["op_cpu"],
        api_after - api_cpu,
        storage_after - storage_cpu,
        sum(e.duration for e in gc.request_log.filter(path="complete-multipart-upload")),
        len(files),
    )


def _completing_note(r: Run, bandwidth_mbps: float) -> str:
    moving = r.seconds - r.completing
    share = r.nbytes * 8 / moving / 1e6 / (max(r.connections, 1) * bandwidth_mbps)
    return f" server completing {r.completing:.2f} s; the transfer alone: {share:.0%} of limit"


def report(
    summaries: list[Summary],
    bandwidth_mbps: float,
    latency_ms: float,
    storage_process: bool,
) -> None:
    print()
    print(f"WAN profile: +{latency_ms:g} ms per request, {bandwidth_mbps:g} Mbit/s per connection")
    where = "in its own process" if storage_process else "in the API's process"
    print(
        f"storage (moto + S3 endpoint) {where}; each row: the median of its n runs by wall"
        " time (min-max: the runs' spread)"
    )
    print(
        "conns: most storage transfers (PUT/GET carrying data) the server had in flight at once;"
        f" of limit: Mbit/s / (conns x {bandwidth_mbps:g} Mbit/s); opened: TCP+TLS connections;"
        " CPU: the client's process (start-up included), the server's during the run"
        + (" (API + storage process)" if storage_process else "")
        + "; client CPU: the client's during the timed operation, per GiB (big) or per file"
        " (small), median of the runs;"
        " peak RSS: the client's, the most of the runs"
    )
    header = (
        f"{'case':<15}{'client':<7}{'n':>2}{'seconds':>8}{'min-max':>12}{'Mbit/s':>8}"
        f"{'conns':>6}{'of limit':>9}{'requests':>9}{'opened':>7}{'CPU client/server s':>22}"
        f"{'client CPU':>14}{'peak RSS MB':>12}"
    )
    print(header)
    print("-" * len(header))
    by_case: dict[str, dict[str, Run]] = {}
    for summary in summaries:
        r = summary.median
        by_case.setdefault(r.case, {})[r.client] = r
        share = r.mbit_s / (max(r.connections, 1) * bandwidth_mbps)
        server = (
            f"{r.server_cpu:.1f}+{r.storage_cpu:.1f}" if storage_process else f"{r.server_cpu:.1f}"
        )
        cpu = f"{r.client_cpu:.1f} / {server}"
        print(
            f"{r.case:<15}{r.client:<7}{len(summary.runs):>2}{r.seconds:>8.2f}"
            f"{summary.spread:>12}{r.mbit_s:>8.1f}{r.connections:>6}{share:>9.0%}"
            f"{r.requests:>9}{r.opened:>7}{cpu:>22}{summary.client_cpu_per_unit:>14}"
            f"{summary.peak_rss_mb:>12.0f}"
        )
    for summary in summaries:
        r = summary.median
        if r.case == "upload-big":
            print(f"{r.case} {r.client}:{_completing_note(r, bandwidth_mbps)}")
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
        help="runs of each case per client; the median is shown with the min-max spread",
    )
    parser.add_argument(
        "--in-process-storage",
        action="store_true",
        help="serve storage from the API's process, as before (default: a process of its own)",
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
    compile_sources()
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
        with LocalGrandChallenge(
            tls=True,
            strict=False,
            contract=False,
            latency_ms=args.latency_ms,
            bandwidth_mbps=args.bandwidth_mbps,
            storage_process=not args.in_process_storage,
        ) as gc:
            freeze_start_up_objects()  # this process is only the emulator
            spans = TransferSpans(gc)
            summaries: list[Summary] = []
            for case in cases:
                clients = [("ours", sys.executable)]
                if gcapi_python:
                    clients.append(("gcapi", gcapi_python))
                for name, python in clients:
                    print(f"{case:<15} {name:<6} ...", end=" ", flush=True)
                    tries = []
                    for _ in range(max(1, args.repeat)):
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
                    summaries.append(Summary(tries))
        report(summaries, args.bandwidth_mbps, args.latency_ms, not args.in_process_storage)
    return 0


if __name__ == "__main__":
    sys.exit(main())

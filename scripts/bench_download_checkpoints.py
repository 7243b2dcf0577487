"""Benchmark: what the range-map checkpoints of a download cost (``_transfer.download_state``).

Run it from the repository root after ``./dev setup`` (it needs the ``server`` extra)::

    .venv/bin/python scripts/bench_download_checkpoints.py               # 1 GiB, 3 runs each
    .venv/bin/python scripts/bench_download_checkpoints.py --mib 256 --async-client

It serves one file from the local grand-challenge over plain HTTP on 127.0.0.1 with no WAN
profile (the fastest download this machine can do, so the checkpoints' share is the largest it
gets), then downloads it with ``transfers.download_image`` (16 ranges in parallel) in a fresh
subprocess per run, alternately with the default checkpoints (every ``CHECKPOINT_BYTES`` or
``CHECKPOINT_SECONDS``: a snapshot of the map, ``fdatasync`` of the partial file, the map
replaced) and with them turned off (the map saved only when a range ends and on failure, as
before). ``--bytes-mib``/``--seconds`` try other thresholds. It prints the median and the
spread (min-max) of the wall time and of the client's CPU time (user + system), and the
checkpoints each run made.
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
from pathlib import Path
from typing import Any

MiB = 1024 * 1024
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from bench_transfers import add_images, write_random  # noqa: E402


def _child(spec: dict[str, Any]) -> None:
    sys.path.insert(0, str(ROOT))
    import gc_highlevel
    from gc_highlevel._transfer import download_state

    if spec["checkpoints"]:
        download_state.CHECKPOINT_BYTES = spec["bytes"]
        download_state.CHECKPOINT_SECONDS = spec["seconds"]
    else:
        download_state.CHECKPOINT_BYTES = download_state.CHECKPOINT_SECONDS = None
    made: list[int] = []
    real_finish = download_state.DownloadState.finish

    def finish(self: Any) -> int:  # counts the checkpoints the download made
        made.append(self.checkpoints)
        return real_finish(self)

    download_state.DownloadState.finish = finish  # type: ignore[method-assign]
    if spec["async_client"]:
        import asyncio

        async def run() -> float:
            async with gc_highlevel.AsyncClient(spec["token"], base_url=spec["api_url"]) as c:
                t0 = time.perf_counter()
                await c.transfers.download_image(spec["image"], spec["out"], progress=False)
                return time.perf_counter() - t0

        seconds = asyncio.run(run())
    else:
        with gc_highlevel.Client(spec["token"], base_url=spec["api_url"]) as client:
            t0 = time.perf_counter()
            client.transfers.download_image(spec["image"], spec["out"], progress=False)
            seconds = time.perf_counter() - t0
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime
    print(json.dumps({"seconds": seconds, "cpu": cpu, "checkpoints": sum(made)}))


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):6.2f} s ({min(values):.2f}-{max(values):.2f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=int, default=1024, help="size of the file (1024)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each variant (3)")
    parser.add_argument("--bytes-mib", type=float, default=None, help="CHECKPOINT_BYTES in MiB")
    parser.add_argument("--seconds", type=float, default=None, help="CHECKPOINT_SECONDS")
    parser.add_argument("--async-client", action="store_true", help="AsyncClient, not Client")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(json.loads(args.child))
        return 0

    sys.path.insert(0, str(ROOT))
    from gc_highlevel._transfer import download_state
    from gc_highlevel.testing import LocalGrandChallenge
    from gc_highlevel.testing.server import freeze_start_up_objects

    every = int(args.bytes_mib * MiB) if args.bytes_mib else download_state.CHECKPOINT_BYTES
    seconds = args.seconds if args.seconds is not None else download_state.CHECKPOINT_SECONDS
    with tempfile.TemporaryDirectory(prefix="gc-bench-ckpt-") as tmp:
        work = Path(tmp)
        source = work / "big.bin"
        print(f"writing {args.mib} MiB of random data ...", flush=True)
        write_random(source, args.mib * MiB)
        with LocalGrandChallenge(strict=False, contract=False) as gc:
            freeze_start_up_objects()
            (image,) = add_images(gc, [source])
            source.unlink()  # the server holds it: the client's writes are the only disk load
            results: dict[bool, list[dict[str, float]]] = {True: [], False: []}
            for i in range(args.repeat):
                for checkpoints in (True, False):
                    out = work / "out"
                    shutil.rmtree(out, ignore_errors=True)
                    out.mkdir()
                    spec = {
                        "api_url": gc.api_url,
                        "token": gc.tokens["demo"],
                        "image": image,
                        "out": str(out),
                        "checkpoints": checkpoints,
                        "bytes": every,
                        "seconds": seconds,
                        "async_client": args.async_client,
                    }
                    proc = subprocess.run(
                        [sys.executable, __file__, "--child", json.dumps(spec)],
                        capture_output=True,
                        text=True,
                    )
                    if proc.returncode != 0:
                        raise RuntimeError(proc.stderr[-3000:])
                    got = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
                    if got != args.mib * MiB:
                        raise RuntimeError(f"downloaded {got} bytes, expected {args.mib} MiB")
                    run = json.loads(proc.stdout.strip().splitlines()[-1])
                    results[checkpoints].append(run)
                    label = "checkpoints" if checkpoints else "none"
                    print(
                        f"run {i + 1} {label:<11} {run['seconds']:.2f} s wall, "
                        f"{run['cpu']:.2f} s CPU, {run['checkpoints']} checkpoints",
                        flush=True,
                    )
            shutil.rmtree(work / "out", ignore_errors=True)
    client = "AsyncClient" if args.async_client else "Client"
    trigger = f"every {every / MiB if every else 0:g} MiB or {seconds} s"
    print(f"\n{args.mib} MiB download, local HTTP, {client}, median (min-max) of {args.repeat}:")
    for checkpoints, label in ((True, f"checkpoints {trigger}"), (False, "no checkpoints")):
        runs = results[checkpoints]
        wall = _spread([r["seconds"] for r in runs])
        cpu = _spread([r["cpu"] for r in runs])
        print(f"  {label:<36} wall {wall}   client CPU {cpu}")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    sys.exit(main())

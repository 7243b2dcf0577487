"""Benchmark: time from a cold interpreter to the first answered request of the local
grand-challenge (target: < 3 s on a 2-core CI machine). Run it, it prints the figure.

    .venv/bin/python scripts/bench_server_startup.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

CHILD = r"""
import time
t0 = time.perf_counter()
import httpx
from gc_highlevel.testing import LocalGrandChallenge
gc = LocalGrandChallenge(strict=False)
gc.start()
r = httpx.get(gc.api_url + "archives/", headers=gc.headers("demo"))
assert r.status_code == 200, r.text
t1 = time.perf_counter()
gc.stop()
print(t1 - t0)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    figures = []
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, "-c", CHILD], check=True, capture_output=True, text=True
        )
        figures.append(float(out.stdout.strip().splitlines()[-1]))
    print(
        json.dumps(
            {
                "startup_to_first_request_s": {
                    "min": round(min(figures), 3),
                    "max": round(max(figures), 3),
                    "runs": [round(f, 3) for f in figures],
                },
                "target_s": 3.0,
            }
        )
    )


if __name__ == "__main__":
    main()

"""Print how long ``import gc_highlevel`` takes (fresh interpreter each run).

    python scripts/bench_import.py [--runs 10]

Prints the median wall time of the import alone (interpreter start-up subtracted) and the
top of ``python -X importtime`` for one run, plus, for comparison, ``from gc_highlevel import
Client`` and the first resource access (which loads the generated models).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

SNIPPETS = {
    "import gc_highlevel": "import gc_highlevel",
    "from gc_highlevel import Client": "from gc_highlevel import Client",
    "Client(...).archives (loads gc_api models)": (
        "import gc_highlevel; gc_highlevel.Client('t', base_url='http://127.0.0.1:1/api/v1/').archives"
    ),
}

TIMER = "import time; t0 = time.perf_counter(); {code}; print(time.perf_counter() - t0)"


def measure(code: str, runs: int) -> float:
    samples = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", TIMER.format(code=code)],
            check=True,
            capture_output=True,
            text=True,
        )
        samples.append(float(out.stdout.strip()))
    return statistics.median(samples)


def importtime_top(n: int = 8) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import gc_highlevel"],
        check=True,
        capture_output=True,
        text=True,
    )
    rows = []
    for line in out.stderr.splitlines()[1:]:
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[1].isdigit():
            rows.append((int(parts[1]), parts[2]))
    rows.sort(reverse=True)
    return [f"  {us / 1000:7.2f} ms cumulative  {name}" for us, name in rows[:n]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    for label, code in SNIPPETS.items():
        print(f"{label}: {measure(code, args.runs) * 1000:.1f} ms (median of {args.runs})")
    print("python -X importtime -c 'import gc_highlevel' (largest cumulative):")
    print("\n".join(importtime_top()))


if __name__ == "__main__":
    main()

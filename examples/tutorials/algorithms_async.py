"""Section 1-2 of the algorithms tutorial with ``AsyncClient``: start the jobs, then download
each job's outputs as soon as it finishes (while the others still run).

    export GRAND_CHALLENGE_AUTHORIZATION=<your token>
    python examples/tutorials/algorithms_async.py io/
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import gc_highlevel


async def main(client: gc_highlevel.AsyncClient, io: Path) -> list[Path]:
    files = sorted(io.glob("case*.mha"))
    jobs = await client.algorithms.run(
        "pulmonary-lobe-segmentation", [{"generic-medical-image": f} for f in files]
    )
    saved = []
    async for job in client.jobs.as_finished(jobs, timeout=3600):
        if job.status == "Succeeded":
            outputs = await client.jobs.download_outputs(job, io, template="{stem}_lobes{ext}")
            saved += [o.path for o in outputs]
        else:
            print("job", job.pk, "ended", job.status)
    return saved


async def _cli() -> None:
    async with gc_highlevel.AsyncClient() as client:
        print(await main(client, Path(sys.argv[1] if len(sys.argv) > 1 else "io")))


if __name__ == "__main__":
    asyncio.run(_cli())

"""The official client's README (shared/seeds/gcapi-readme.txt) with that client's current
version, gcapi 0.16.1: the workflow of ``examples/tutorials/gcapi_readme.py``, written with
gcapi's current API as its documentation recommends. Kept only to count lines and compare;
gc-client never imports it (see README.md here for how it was run against the local
grand-challenge).

pip install gcapi==0.16.1
export GRAND_CHALLENGE_AUTHORIZATION=<your token>
python examples/gcapi_equivalents/gcapi_readme.py /path/to/files
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import gcapi  # type: ignore[import-not-found]
from gcapi import SocketValueSpec


def wait(client: gcapi.Client, jobs: list[Any], timeout: float = 3600) -> list[Any]:
    """gcapi has no call to wait for jobs: re-read each job until none is still running."""
    deadline = time.monotonic() + timeout
    while True:
        jobs = [client.algorithm_jobs.detail(pk=job.pk) for job in jobs]
        if all(job.status in ("Succeeded", "Failed", "Cancelled") for job in jobs):
            return jobs
        if time.monotonic() > deadline:
            raise TimeoutError(f"jobs still running after {timeout} s")
        time.sleep(5)


def main(client: gcapi.Client, folder: Path) -> None:
    # The inputs an algorithm takes
    print(client.algorithms.detail(slug="corads-ai").interfaces)

    # Run an algorithm with a list of files (the files of one image)
    files = sorted(f.resolve() for f in folder.iterdir())
    job = client.start_algorithm_job(
        algorithm_slug="corads-ai",
        inputs=[SocketValueSpec(socket_slug="generic-medical-image", files=files)],
    )

    # ... or with an image already on grand-challenge
    archive = client.archives.detail(slug="coronacasesorg")
    image = next(client.images.iterate_all(params={"archive": archive.pk}))
    job2 = client.start_algorithm_job(
        algorithm_slug="corads-ai",
        inputs=[
            SocketValueSpec(
                socket_slug="generic-medical-image", existing_image_api_url=image.api_url
            )
        ],
    )

    # Follow the jobs (re-reading each one until it has finished)
    for finished in wait(client, [job, job2]):
        print(finished.pk, finished.status)

    # Upload files to an archive (or a reader study: add_case_to_reader_study)
    client.add_case_to_archive(
        archive_slug="radboudcovid",
        values=[SocketValueSpec(socket_slug="generic-medical-image", files=files)],
    )


if __name__ == "__main__":
    with gcapi.Client() as gc:
        main(gc, Path(sys.argv[1]))

"""The official client's README (shared/seeds/gcapi-readme.txt) with gc_highlevel.

export GRAND_CHALLENGE_AUTHORIZATION=<your token>
python examples/tutorials/gcapi_readme.py /path/to/files
"""

from __future__ import annotations

import sys
from pathlib import Path

import gc_highlevel


def main(client: gc_highlevel.Client, folder: Path) -> None:
    # The inputs an algorithm takes, readable
    print(client.algorithms.describe("corads-ai"))

    # Run an algorithm with a list of files (the files of one image)
    files = sorted(f.resolve() for f in folder.iterdir())
    jobs = client.algorithms.run("corads-ai", [{"generic-medical-image": files}])

    # ... or with an image already on grand-challenge
    image = client.images.list(archive=[client.archives.get(slug="coronacasesorg")]).first()
    assert image is not None
    jobs2 = client.algorithms.run("corads-ai", [{"generic-medical-image": image.api_url}])

    # Follow the jobs (instead of refreshing each one by hand)
    for job in client.jobs.wait([*jobs.pks(), *jobs2.pks()]):
        print(job.pk, job.status)

    # Upload files to an archive (or a reader study: reader_studies.add_display_sets)
    client.archives.add_cases("radboudcovid", [{"generic-medical-image": files}])


if __name__ == "__main__":
    with gc_highlevel.Client() as gc:
        main(gc, Path(sys.argv[1]))

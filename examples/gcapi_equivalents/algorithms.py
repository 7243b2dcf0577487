"""The algorithms tutorial (shared/seeds/algorithms-tutorial.txt) with the official client,
gcapi 0.16.1: the workflow of ``examples/tutorials/algorithms.py``, written with gcapi's current
API as its documentation recommends. Kept only to count lines and compare; gc-client never
imports it (see README.md here for how it was run against the local grand-challenge).

pip install gcapi==0.16.1 SimpleITK
export GRAND_CHALLENGE_AUTHORIZATION=<your token>
python examples/gcapi_equivalents/algorithms.py io/      # io/ holds case01.mha, case02.mha
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path
from typing import Any

import gcapi  # type: ignore[import-not-found]
from gcapi import SocketValueSpec

LOBES = "pulmonary-lobe-segmentation"
REGISTRATION = "deep-learning-based-ct-lung-registration"
COVID = "pulmonary-lobe-segmentation-for-covid-19-ct-scans"


def binarize(lobes: Path, lungs: Path) -> None:
    """Lobe labels 1..5 -> one lung mask (the tutorial's SimpleITK step, unchanged in spirit)."""
    sitk = importlib.import_module("SimpleITK")  # partially typed: use it as Any

    image = sitk.ReadImage(str(lobes))
    mask = sitk.Cast(image > 0, sitk.sitkUInt8)
    mask.CopyInformation(image)
    sitk.WriteImage(mask, str(lungs), True)


def wait(client: gcapi.Client, jobs: list[Any], timeout: float = 3600) -> list[Any]:
    """gcapi has no call to wait for jobs: re-read each job until none is still running."""
    deadline = time.monotonic() + timeout
    while True:
        jobs = [client.algorithm_jobs.detail(pk=job.pk) for job in jobs]
        if all(job.status in ("Succeeded", "Failed", "Cancelled") for job in jobs):
            break
        if time.monotonic() > deadline:
            raise TimeoutError(f"jobs still running after {timeout} s")
        time.sleep(5)
    failed = [(job.pk, job.status) for job in jobs if job.status != "Succeeded"]
    if failed:
        raise RuntimeError(f"jobs did not succeed: {failed}")
    return jobs


def main(client: gcapi.Client, io: Path) -> None:
    # 1. Upload inputs to an algorithm (gcapi checks the sockets, uploads, then starts the job)
    print(client.algorithms.detail(slug=LOBES).interfaces)
    files = sorted(io.glob("case*.mha"))
    jobs = [
        client.start_algorithm_job(
            algorithm_slug=LOBES,
            inputs=[SocketValueSpec(socket_slug="generic-medical-image", file=f)],
        )
        for f in files
    ]

    # 2. Wait, then download the results as io/case01_lobes.mha, ...
    for f, job in zip(files, wait(client, jobs), strict=True):
        for output in job.outputs:
            if output.interface.slug == "pulmonary-lobes":
                client.images.download(
                    url=output.image, output_directory=io, filename=f"{f.stem}_lobes"
                )

    # 3. An algorithm with four inputs
    for f in files:
        binarize(io / f"{f.stem}_lobes.mha", io / f"{f.stem}_lungs.mha")
    print(client.algorithms.detail(slug=REGISTRATION).interfaces)
    registration = client.start_algorithm_job(
        algorithm_slug=REGISTRATION,
        inputs=[
            SocketValueSpec(socket_slug="fixed-image", file=io / "case01.mha"),
            SocketValueSpec(socket_slug="moving-image", file=io / "case02.mha"),
            SocketValueSpec(socket_slug="fixed-mask", file=io / "case01_lungs.mha"),
            SocketValueSpec(socket_slug="moving-mask", file=io / "case02_lungs.mha"),
        ],
    )
    for output in wait(client, [registration])[0].outputs:
        client.images.download(
            url=output.image, output_directory=io, filename=output.interface.slug
        )

    # 4. Multiple outputs, from images already in an archive, mapped back to their inputs
    archive = client.archives.detail(slug="coronacasesorg")
    images = list(client.images.iterate_all(params={"archive": archive.pk}))
    covid_jobs = [
        client.start_algorithm_job(
            algorithm_slug=COVID,
            inputs=[SocketValueSpec(socket_slug="ct-image", existing_image_api_url=i.api_url)],
        )
        for i in images[:2]
    ]
    wait(client, covid_jobs)
    algorithm = client.algorithms.detail(slug=COVID)
    for image in images:
        params = {"algorithm_image__algorithm": algorithm.pk, "input_image": image.pk}
        for job in client.algorithm_jobs.iterate_all(params=params):
            for output in job.outputs:
                if output.interface.slug == "pulmonary-lobes":
                    client.images.download(
                        url=output.image,
                        output_directory=io / "output_scans",
                        filename=Path(image.name).stem,
                    )
                elif output.interface.slug == "pulmonary-lobes-screenshot":
                    client.images.download(
                        url=output.image,
                        output_directory=io / "output_screenshots",
                        filename=f"{image.name}_{image.pk}",
                        image_type=gcapi.models.ImageTypeEnum.TIFF,  # the string "TIFF" matches nothing
                    )


if __name__ == "__main__":
    with gcapi.Client() as gc:
        main(gc, Path(sys.argv[1] if len(sys.argv) > 1 else "io"))

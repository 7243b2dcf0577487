"""The algorithms tutorial (shared/seeds/algorithms-tutorial.txt) with gc_highlevel.

export GRAND_CHALLENGE_AUTHORIZATION=<your token>
python examples/tutorials/algorithms.py io/        # io/ holds case01.mha, case02.mha
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import gc_highlevel

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


def main(client: gc_highlevel.Client, io: Path) -> None:
    # 1. Upload inputs to an algorithm (validated before anything is uploaded)
    print(client.algorithms.describe(LOBES))
    files = sorted(io.glob("case*.mha"))
    jobs = client.algorithms.run(LOBES, [{"generic-medical-image": f} for f in files])

    # 2. Wait, then download the results as io/case01_lobes.mha, ...
    done = client.jobs.wait(jobs, timeout=3600)
    client.jobs.download_outputs(
        done, io, template="{stem}_lobes{ext}", sockets=["pulmonary-lobes"]
    )

    # 3. An algorithm with four inputs
    for f in files:
        binarize(io / f"{f.stem}_lobes.mha", io / f"{f.stem}_lungs.mha")
    print(client.algorithms.describe(REGISTRATION))
    registration = client.algorithms.run(
        REGISTRATION,
        {
            "fixed-image": io / "case01.mha",
            "moving-image": io / "case02.mha",
            "fixed-mask": io / "case01_lungs.mha",
            "moving-mask": io / "case02_lungs.mha",
        },
    )
    done = client.jobs.wait(registration)
    client.jobs.download_outputs(done, io, template="{socket}{ext}")

    # 4. Multiple outputs, from images already in an archive, mapped back to their inputs
    client.jobs.wait(client.algorithms.run_on_archive(COVID, "coronacases.org", limit=2))
    rows = client.algorithms.outputs_by_input(COVID, archive="coronacases.org")
    jobs_done = [row.job for row in rows]
    client.jobs.download_outputs(
        jobs_done, io / "output_scans", template="{name}", sockets=["pulmonary-lobes"]
    )
    client.jobs.download_outputs(
        jobs_done,
        io / "output_screenshots",
        template="{name}_{input_pk}.tif",
        sockets=["pulmonary-lobes-screenshot"],
        image_types=("TIFF",),
    )


if __name__ == "__main__":
    with gc_highlevel.Client() as gc:
        main(gc, Path(sys.argv[1] if len(sys.argv) > 1 else "io"))

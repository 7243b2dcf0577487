"""Images and arrays: read an image with its geometry, binarize it, upload the mask; no files.

The algorithms tutorial downloads the lobes, binarizes them with SimpleITK into a file and
uploads that file; with the ``imaging`` extra (``pip install "gc-client[imaging]"``) the
images stay in memory. Run it against the local grand-challenge::

    python -m gc_highlevel.testing serve --port 8000 &   # prints its api_url and tokens
    export GRAND_CHALLENGE_API_URL=http://127.0.0.1:8000/api/v1/
    export GRAND_CHALLENGE_AUTHORIZATION=<the demo token>
    python examples/imaging_roundtrip.py

``mypy --strict`` checks this file (it is in ``[tool.mypy] files``).
"""

from __future__ import annotations

import importlib
import uuid

import gc_highlevel
from gc_highlevel.imaging import ImageArray

LOBES = "pulmonary-lobe-segmentation"


def main(client: gc_highlevel.Client) -> list[uuid.UUID]:
    sitk = importlib.import_module("SimpleITK")  # partially typed: use it as Any

    # 1. A CT of an archive as a numpy array (z, y, x) with its spacing, origin and direction
    case = client.archives.cases("coronacases.org")[0]
    ct = client.images.read_array(case.values["ct-image"])
    print("CT", ct.shape, "spacing", ct.spacing)

    # 2. Run an algorithm on the array: it is uploaded as compressed MHA, geometry included
    (job,) = client.jobs.wait(client.algorithms.run(LOBES, {"generic-medical-image": ct}))

    # 3. The lobes as a SimpleITK image; binarize them (the tutorial's step, without files)
    lobes = client.images.read(
        next(v for v in job.outputs if v.interface.slug == "pulmonary-lobes")
    )
    lungs = sitk.Cast(lobes > 0, sitk.sitkUInt8)  # keeps the lobes' geometry

    # 4. Or in numpy: a bare array has no geometry, so say it (the CT's, here)
    lungs_np = ImageArray(
        ct.array > -400, spacing=ct.spacing, origin=ct.origin, direction=ct.direction
    )

    # 5. Upload: one archive item per case; rerunning the same batch adds nothing
    result = client.archives.add_cases(
        "radboudcovid",
        [{"ct-image": ct, "generic-overlay": lungs}, {"ct-image": ct, "generic-overlay": lungs_np}],
    )
    print(f"{len(result.skipped)} of {len(result)} cases were already there")
    return result.pks()


if __name__ == "__main__":
    with gc_highlevel.Client() as client:
        print(main(client))

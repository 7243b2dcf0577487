"""DICOM: one archive item per series, de-identified locally, sent as one zip per series;
a DICOM Image Set uploaded and its instances downloaded.

Needs the ``dicom`` extra (``pip install "gc-client[dicom]"``). Run it against the local
grand-challenge (it writes a small synthetic study with two series to a temporary folder)::

    python -m gc_highlevel.testing serve --port 8000 &   # prints its api_url and tokens
    export GRAND_CHALLENGE_API_URL=http://127.0.0.1:8000/api/v1/
    export GRAND_CHALLENGE_AUTHORIZATION=<the demo token>
    python examples/dicom_upload.py

``tests/dicom/test_dicom_example.py`` runs ``main`` against the local grand-challenge.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import gc_highlevel
from gc_highlevel import dicom

ARCHIVE = "radboudcovid"


def write_study(folder: Path) -> Path:
    """Two synthetic CT series in one folder, as a scanner export might be."""
    from gc_highlevel.testing import synthetic_dicom_series

    folder.mkdir(parents=True, exist_ok=True)
    for seed, n in ((1, 6), (2, 4)):
        series = synthetic_dicom_series(n, size=16, seed=seed, patient_id="PID-0042")
        for i, data in enumerate(series):
            (folder / f"IM{seed}{i:04d}").write_bytes(data)
    return folder


def main(client: gc_highlevel.Client, study: Path, out: Path) -> list[Path]:
    # 1. A folder of mixed series is grouped by SeriesInstanceUID (headers only).
    grouping = dicom.group_series(sorted(study.iterdir()))
    for series in grouping.series:
        print(series.label)

    # 2. One archive item per series, each de-identified locally and sent as one zip upload.
    #    (Giving the whole folder as one value would raise DicomSeriesError before any request.)
    cases = [
        {"ct-image": dicom.DicomFiles(series.files, deidentify=True)} for series in grouping.series
    ]
    with dicom.preparations() as done:
        client.archives.add_cases(ARCHIVE, cases).raise_for_errors()
    for preparation in done:
        print(preparation)

    # 3. A DICOM Image Set socket: always de-identified, one upload per file; then the set's
    #    instances are downloaded (the local server serves them in place of HealthImaging).
    first = grouping.series[0]
    result = client.archives.add_cases(ARCHIVE, [{"dicom-image-set": list(first.files)}])
    item = client.archive_items.get(result[0].pk)
    value = next(v for v in item.values if v.interface.slug == "dicom-image-set")
    image = client.images.get(api_url=value.image)
    written = dicom.download_image_set(client, image, out)
    print(f"{len(written)} instances of image set {image.dicom_image_set} in {out}")
    return written


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp, gc_highlevel.Client() as gc:
        main(gc, write_study(Path(tmp) / "study"), Path(tmp) / "instances")

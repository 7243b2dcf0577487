"""The archives tutorial (shared/seeds/archives-tutorial.txt) with the official client,
gcapi 0.16.1: the workflow of ``examples/tutorials/archives.py``, written with gcapi's current
API as its documentation recommends. Kept only to count lines and compare; gc-client never
imports it (see README.md here for how it was run against the local grand-challenge).

pip install gcapi==0.16.1
export GRAND_CHALLENGE_AUTHORIZATION=<your token>
python examples/gcapi_equivalents/archives.py scans/ overlay.mha report.pdf new_ct.mha downloads/
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import gcapi  # type: ignore[import-not-found]
from gcapi import SocketValueSpec


def wait_for_import(client: gcapi.Client, pk: str, slugs: list[str], before: Any = None) -> Any:
    """gcapi returns before the server has imported the uploads: re-read the archive item until
    each socket in ``slugs`` holds a value that ``before`` (the item as it was) did not hold."""
    old = {v.interface.slug: v.pk for v in before.values} if before else {}
    deadline = time.monotonic() + 600
    while True:
        item = client.archive_items.detail(pk=pk)
        new = {v.interface.slug: v.pk for v in item.values}
        if all(new.get(slug) not in (None, old.get(slug)) for slug in slugs):
            return item
        if time.monotonic() > deadline:
            raise TimeoutError(f"archive item {pk}: {slugs} not imported")
        time.sleep(5)


def main(
    client: gcapi.Client,
    scans: Path,
    overlay: Path,
    report: Path,
    new_ct: Path,
    downloads: Path,
) -> None:
    # Download every case of coronacases.org (names from the images)
    archive = client.archives.detail(slug="coronacasesorg")
    for image in client.images.iterate_all(params={"archive": archive.pk}):
        client.images.download(
            files=image.files,
            output_directory=downloads,
            filename=Path(image.name).stem,
            image_type=gcapi.models.ImageTypeEnum.MHD,
        )

    # Upload each file as a CT image: one archive item per file (created empty, then filled)
    files = sorted(scans.iterdir())
    created = [
        client.add_case_to_archive(
            archive_slug="radboudcovid", values=[SocketValueSpec(socket_slug="ct-image", file=f)]
        )
        for f in files
    ]
    items = [wait_for_import(client, item.pk, ["ct-image"]) for item in created]
    first = items[0]

    # Add an overlay, then a PDF report and a lung volume
    client.update_archive_item(
        archive_item_pk=first.pk,
        values=[SocketValueSpec(socket_slug="generic-overlay", file=overlay)],
    )
    first = wait_for_import(client, first.pk, ["generic-overlay"], before=first)
    client.update_archive_item(
        archive_item_pk=first.pk,
        values=[
            SocketValueSpec(socket_slug="report", file=report),
            SocketValueSpec(socket_slug="lung-volume", value=1.9),
        ],
    )

    # Overwrite the CT image
    client.update_archive_item(
        archive_item_pk=first.pk, values=[SocketValueSpec(socket_slug="ct-image", file=new_ct)]
    )
    first = wait_for_import(client, first.pk, ["report", "ct-image"], before=first)

    # Change the overlay's socket to tumor-likelihood-map. update_archive_item (a PATCH) would
    # keep generic-overlay too: a PUT lists every value, and a file value must be uploaded again.
    values = {v.interface.slug: v for v in first.values}
    with report.open("rb") as f:
        upload = client.uploads.upload_fileobj(fileobj=f, filename=report.name)
    client.archive_items.update(
        pk=first.pk,
        values=[
            {"interface": "ct-image", "image": values["ct-image"].image},
            {"interface": "tumor-likelihood-map", "image": values["generic-overlay"].image},
            {"interface": "report", "user_upload": upload.api_url},
            {"interface": "lung-volume", "value": values["lung-volume"].value},
        ],
    )
    radboudcovid = client.archives.detail(slug="radboudcovid")
    for item in client.archive_items.iterate_all(params={"archive": radboudcovid.pk}):
        print(item.pk, sorted(v.interface.slug for v in item.values))


if __name__ == "__main__":
    with gcapi.Client() as gc:
        main(gc, *(Path(a) for a in sys.argv[1:6]))

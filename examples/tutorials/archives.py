"""The archives tutorial (shared/seeds/archives-tutorial.txt) with gc_highlevel.

export GRAND_CHALLENGE_AUTHORIZATION=<your token>
python examples/tutorials/archives.py scans/ overlay.mha report.pdf new_ct.mha downloads/
"""

from __future__ import annotations

import sys
from pathlib import Path

import gc_highlevel


def main(
    client: gc_highlevel.Client,
    scans: Path,
    overlay: Path,
    report: Path,
    new_ct: Path,
    downloads: Path,
) -> None:
    # Download every case of coronacases.org (resumable; names from the images)
    client.archives.mirror("coronacases.org", downloads)

    # Upload each file as a CT image: one archive item per file, none left empty on failure
    files = sorted(scans.iterdir())
    client.archives.add_cases("radboudcovid", [{"ct-image": f} for f in files])
    items = client.archives.cases("radboudcovid")
    first = items[0].item

    # Add an overlay, then a PDF report and a lung volume
    client.archives.set_values(first, {"generic-overlay": overlay}, wait=True)
    client.archives.set_values(first, {"report": report, "lung-volume": 1.9})

    # Overwrite the CT image
    client.archives.set_values(first, {"ct-image": new_ct}, wait=True)

    # Change the overlay's socket to tumor-likelihood-map
    client.archives.change_socket(first, old="generic-overlay", new="tumor-likelihood-map")
    for case in client.archives.cases("radboudcovid"):
        print(case.pk, sorted(case.values))


if __name__ == "__main__":
    with gc_highlevel.Client() as gc:
        main(gc, *(Path(a) for a in sys.argv[1:6]))

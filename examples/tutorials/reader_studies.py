"""The reader studies tutorial (shared/seeds/reader-studies-tutorial.txt) with gc_highlevel.

export GRAND_CHALLENGE_AUTHORIZATION=<your token>
python examples/tutorials/reader_studies.py upload_dir/ out/
# upload_dir/patientN/ holds ct.mha and airways.mha
"""

from __future__ import annotations

import sys
from pathlib import Path

import gc_highlevel

STUDY = "corads-score-exam"


def main(client: gc_highlevel.Client, upload_from: Path, out: Path) -> None:
    # One display set per patient folder: a CT image, an airway segmentation and a score
    patients = sorted(p for p in upload_from.iterdir() if p.is_dir())
    cases = [
        {"ct-image": p / "ct.mha", "airway-segmentation": p / "airways.mha", "some-score": 2.1}
        for p in patients
    ]
    created = client.reader_studies.add_display_sets(
        STUDY, cases, titles=[p.name for p in patients]
    )
    print("Uploaded cases and created display sets:", created.pks())

    # Update the order of a display set
    client.reader_studies.update_display_set(created.pks()[0], order=10)

    # All answers (as an editor) and my answers, with readable titles for choice questions
    for row in client.reader_studies.answers(STUDY):
        print(row.display_set_title, row.question, row.answer_text)
    mine = client.reader_studies.answers(STUDY, mine=True)
    print(len(mine), "answers of mine")
    client.reader_studies.answers_csv(STUDY, out / "answers.csv")

    # Download the answers saved as images (Mask questions)
    client.reader_studies.download_masks(STUDY, out / "masks")


if __name__ == "__main__":
    with gc_highlevel.Client() as gc:
        main(gc, Path(sys.argv[1]), Path(sys.argv[2]))

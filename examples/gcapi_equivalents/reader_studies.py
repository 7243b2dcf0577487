"""The reader studies tutorial (shared/seeds/reader-studies-tutorial.txt) with the official
client, gcapi 0.16.1: the workflow of ``examples/tutorials/reader_studies.py``, written with
gcapi's current API as its documentation recommends. Kept only to count lines and compare;
gc-client never imports it (see README.md here for how it was run against the local
grand-challenge).

pip install gcapi==0.16.1
export GRAND_CHALLENGE_AUTHORIZATION=<your token>
python examples/gcapi_equivalents/reader_studies.py upload_dir/ out/
# upload_dir/patientN/ holds ct.mha and airways.mha
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import gcapi  # type: ignore[import-not-found]
from gcapi import SocketValueSpec

STUDY = "corads-score-exam"


def main(client: gcapi.Client, upload_from: Path, out: Path) -> None:
    # One display set per patient folder: a CT image, an airway segmentation and a score
    patients = sorted(p for p in upload_from.iterdir() if p.is_dir())
    created = [
        client.add_case_to_reader_study(
            reader_study_slug=STUDY,
            values=[
                SocketValueSpec(socket_slug="ct-image", file=p / "ct.mha"),
                SocketValueSpec(socket_slug="airway-segmentation", file=p / "airways.mha"),
                SocketValueSpec(socket_slug="some-score", value=2.1),
            ],
            title=p.name,
        )
        for p in patients
    ]
    print("Uploaded cases and created display sets:", [ds.pk for ds in created])

    # Update the order of a display set
    client.reader_studies.display_sets.partial_update(pk=created[0].pk, order=10)

    # All answers (as an editor) and my answers, with readable titles for choice questions
    study = client.reader_studies.detail(slug=STUDY)
    params = {"question__reader_study": study.pk}
    answers = list(client.reader_studies.answers.iterate_all(params=params))
    mine = list(client.reader_studies.answers.mine.iterate_all(params=params))
    questions = {q.api_url: q for q in study.questions}
    titles = {
        ds.api_url: ds.title_safe
        for ds in client.reader_studies.display_sets.iterate_all(params={"reader_study": study.pk})
    }

    def answer_text(answer: Any) -> str:
        question = questions[answer.question]
        options = {o.id: o.title for o in question.options}
        if question.answer_type == "Choice":
            return str(options[answer.answer])
        if question.answer_type == "Multiple choice":
            return ", ".join(options[i] for i in answer.answer)
        return json.dumps(answer.answer)

    for a in answers:
        print(titles.get(a.display_set), questions[a.question].question_text_safe, answer_text(a))
    print(len(mine), "answers of mine")
    out.mkdir(parents=True, exist_ok=True)
    with (out / "answers.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["display_set", "question", "creator", "answer_text", "answer"])
        for a in answers:
            question = questions[a.question].question_text_safe
            row = [titles.get(a.display_set), question, a.creator, answer_text(a)]
            writer.writerow([*row, json.dumps(a.answer)])

    # Download the answers saved as images (Mask questions)
    for a in answers:
        if a.answer_image is not None:
            client.images.download(
                url=a.answer_image,
                output_directory=out / "masks",
                filename=f"{titles.get(a.display_set)}_{a.creator}_{a.pk}",
            )


if __name__ == "__main__":
    with gcapi.Client() as gc:
        main(gc, Path(sys.argv[1]), Path(sys.argv[2]))

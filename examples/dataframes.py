"""Reader-study answers, archive cases and algorithm outputs as pandas DataFrames.

Needs the pandas extra (``pip install "gc-client[pandas]"``). Run it against the local
grand-challenge (or any grand-challenge you have a token for, with your own slugs)::

    python -m gc_highlevel.testing serve --port 8000 &   # prints its api_url and tokens
    export GRAND_CHALLENGE_API_URL=http://127.0.0.1:8000/api/v1/
    export GRAND_CHALLENGE_AUTHORIZATION=<the demo token>
    python examples/dataframes.py

It answers the first display set of ``corads-score-exam`` (once: a rerun answers nothing
twice), runs ``corads-ai`` on the first image of ``coronacases.org`` and prints each table.
``mypy --strict`` checks this file (it is in ``[tool.mypy] files``).
"""

from __future__ import annotations

import pandas as pd

import gc_highlevel
from gc_highlevel import dataframes
from gc_highlevel.types import question_text

STUDY = "corads-score-exam"
ARCHIVE = "coronacasesorg"
ALGORITHM = "corads-ai"


def answer_first_display_set(client: gc_highlevel.Client) -> None:
    """Answer a few questions of the study's first display set, each only once."""
    study = client.reader_studies.get(STUDY)
    questions = {question_text(q): q for q in study.questions}
    first = client.reader_studies.display_sets(study)[0]
    answered = {a.question for a in client.answers.mine(reader_study=study)}
    corads, findings = questions["CO-RADS score"], questions["Findings"]
    wanted: dict[str, object] = {
        "Is there evidence of COVID-19?": True,
        "Estimated affected lung percentage": 25.5,
        "Remarks": "patchy ground glass",
        "CO-RADS score": corads.options[2].id,
        "Findings": [findings.options[0].id, findings.options[2].id],
    }
    for text, value in wanted.items():
        question = questions[text]
        if question.api_url not in answered:
            client.answers.create(question=question, display_set=first, answer=value)


def main() -> None:
    pd.set_option("display.width", 160)
    pd.set_option("display.max_columns", 20)
    with gc_highlevel.Client() as client:
        answer_first_display_set(client)
        answers = dataframes.answers(client, STUDY)
        print("answers:")
        print(answers.to_string())
        print("answer dtypes:", dict(answers.dtypes.astype(str)))

        cases = dataframes.cases(client, ARCHIVE)
        print(f"cases: {len(cases)} items")
        print(cases.to_string())

        first_image = cases["ct-image"].iloc[0]
        jobs = client.algorithms.run(ALGORITHM, [{"generic-medical-image": first_image}])
        client.jobs.wait(jobs, timeout=600)
        outputs = dataframes.outputs(client, ALGORITHM, jobs=jobs.pks())
        print("outputs:")
        print(outputs[["input_name", "status", "corads-score", "covid-19-probability"]])
        print("output dtypes:", dict(outputs.dtypes.astype(str)))

        truth = dataframes.ground_truth(client, STUDY)  # educational studies only
        print(f"ground truth: {len(truth)} display sets")


if __name__ == "__main__":
    main()

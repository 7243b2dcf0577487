"""Answers, ground truth, archive cases and outputs by input as DataFrames, against the local
grand-challenge; the missing-extra error; the module's docstring examples."""

from __future__ import annotations

import doctest
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import gc_highlevel
from gc_highlevel import dataframes
from gc_highlevel.testing import LocalGrandChallenge
from gc_highlevel.types import question_text, socket_value
from gc_highlevel.workflow_types import GroundTruthRow

ROOT = Path(__file__).resolve().parents[2]
STUDY = "corads-score-exam"
ARCHIVE = "coronacasesorg"
QUESTIONS = [
    "Is there evidence of COVID-19?",
    "Estimated affected lung percentage",
    "Remarks",
    "CO-RADS score",
    "Findings",
    "Segment the lesions",
]


def _client(gc: LocalGrandChallenge, user: str = "demo") -> gc_highlevel.Client:
    """A sync client whose waits let the local server work instead of sleeping."""
    return gc_highlevel.Client(
        gc.tokens[user], base_url=gc.api_url, timeout=30, sleep=lambda _: gc.wait_idle(60)
    )


def _mask(path: Path) -> Path:
    import SimpleITK as sitk

    array = np.zeros((16, 40, 40), np.uint8)
    array[4:8, 10:20, 10:20] = 1
    sitk.WriteImage(sitk.GetImageFromArray(array), str(path), True)
    return path


@pytest.mark.e2e
def test_answers_wide_with_readable_choices_and_typed_columns(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    with _client(local_gc, "reader") as reader, _client(local_gc) as demo:
        study = reader.reader_studies.get(STUDY)
        q = {question_text(question): question for question in study.questions}
        first, second = reader.reader_studies.display_sets(STUDY)
        choice, multi = q["CO-RADS score"], q["Findings"]
        given: dict[str, object] = {
            "Is there evidence of COVID-19?": True,
            "Estimated affected lung percentage": 25,
            "Remarks": "patchy",
            "CO-RADS score": choice.options[2].id,
            "Findings": [multi.options[0].id, multi.options[2].id],
        }
        # the second display set is answered first: rows still follow the study's order
        reader.answers.create(question=q["Remarks"], display_set=second, answer="clear")
        for text, value in given.items():
            reader.answers.create(question=q[text], display_set=first, answer=value)
        reader.reader_studies.answer_mask(
            question=q["Segment the lesions"],
            display_set=first,
            mask=_mask(tmp_path / "lesion.mha"),
        )
        demo.answers.create(
            question=q["Estimated affected lung percentage"], display_set=first, answer=40.5
        )
        demo.answers.create(question=q["CO-RADS score"], display_set=first, answer=1)
        local_gc.wait_idle(60)
        frame = dataframes.answers(demo, STUDY)
        long = dataframes.answers(demo, STUDY, layout="long")
        mine = dataframes.answers(reader, study, mine=True)

    assert list(frame.index.names) == ["display_set_pk", "creator"]
    assert list(frame.index) == [
        (str(first.pk), "reader"),
        (str(first.pk), "demo"),
        (str(second.pk), "reader"),
    ]
    assert list(frame.columns) == ["display_set_title", *QUESTIONS]
    reader_row = frame.loc[(str(first.pk), "reader")]
    assert reader_row["CO-RADS score"] == "CO-RADS 3"
    assert reader_row["Findings"] == "Ground-glass opacities; Crazy paving"
    assert bool(reader_row["Is there evidence of COVID-19?"]) is True
    assert reader_row["Estimated affected lung percentage"] == 25.0
    assert reader_row["Remarks"] == "patchy"
    mask = reader_row["Segment the lesions"]
    assert isinstance(mask, str)
    assert mask.startswith(f"{local_gc.api_url}cases/images/")
    assert frame.loc[(str(first.pk), "demo"), "CO-RADS score"] == "CO-RADS 1"
    assert frame.loc[(str(first.pk), "demo"), "Estimated affected lung percentage"] == 40.5
    assert frame.loc[(str(second.pk), "reader"), "Remarks"] == "clear"
    assert pd.isna(frame.loc[(str(second.pk), "reader"), "CO-RADS score"])
    assert pd.isna(frame.loc[(str(first.pk), "demo"), "Is there evidence of COVID-19?"])
    assert frame["display_set_title"].tolist() == ["case 1", "case 1", "case 2"]
    assert frame.dtypes.astype(str).to_dict() == {
        "display_set_title": "string",
        "Is there evidence of COVID-19?": "boolean",
        "Estimated affected lung percentage": "Float64",  # 25 and 40.5
        "Remarks": "string",
        "CO-RADS score": "string",
        "Findings": "string",
        "Segment the lesions": "string",
    }

    # long: one row per answer, timestamps as datetimes
    assert long.index.name == "answer_pk" and len(long) == 9
    assert list(long.columns) == list(dataframes.LONG_ANSWER_COLUMNS)
    assert (
        str(long["created"].dtype).startswith("datetime64") and str(long["created"].dt.tz) == "UTC"
    )
    assert long["created"].notna().all()
    assert long["is_ground_truth"].dtype == "boolean" and not long["is_ground_truth"].any()
    corads = long[(long["question"] == "CO-RADS score") & (long["creator"] == "reader")]
    assert corads["value"].tolist() == ["CO-RADS 3"]
    assert corads["answer"].tolist() == [choice.options[2].id]
    assert long["answer_image"].notna().sum() == 1

    # only the reader's answers, two display sets
    assert list(mine.index) == [(str(first.pk), "reader"), (str(second.pk), "reader")]
    assert mine.loc[(str(first.pk), "reader"), "Estimated affected lung percentage"] == 25
    assert str(mine["Estimated affected lung percentage"].dtype) == "Int64"


@pytest.mark.e2e
def test_ground_truth_one_row_per_display_set(local_gc: LocalGrandChallenge) -> None:
    rs = next(r for r in local_gc.state.reader_studies.values() if r.slug == STUDY)
    rs.is_educational = True
    questions = {
        x.question_text: x for x in local_gc.state.questions.values() if x.reader_study == rs.pk
    }
    first, second = sorted(
        (d for d in local_gc.state.display_sets.values() if d.reader_study == rs.pk),
        key=lambda d: d.order,
    )
    choice = questions["CO-RADS score"]
    state = local_gc.state
    state.add_ground_truth(first, questions["Is there evidence of COVID-19?"], True)
    state.add_ground_truth(first, choice, choice.options[2]["id"])
    state.add_ground_truth(first, questions["Estimated affected lung percentage"], 30)
    state.add_ground_truth(second, questions["Is there evidence of COVID-19?"], False)
    state.add_ground_truth(second, choice, choice.options[0]["id"])
    with _client(local_gc) as client:
        frame = dataframes.ground_truth(client, STUDY)
        rows = client.reader_studies.ground_truth_rows(STUDY)

    assert frame.index.name == "display_set_pk"
    assert list(frame.index) == [str(first.pk), str(second.pk)]
    assert list(frame.columns) == QUESTIONS  # the study's order, unanswered ones too
    assert frame["CO-RADS score"].tolist() == ["CO-RADS 3", "CO-RADS 1"]
    assert frame["Is there evidence of COVID-19?"].tolist() == [True, False]
    assert frame.loc[str(first.pk), "Estimated affected lung percentage"] == 30
    assert pd.isna(frame.loc[str(second.pk), "Estimated affected lung percentage"])
    assert frame["Remarks"].isna().all()
    # columns without any ground truth are typed by their question's answer type
    assert str(frame["Remarks"].dtype) == "string"
    assert str(frame["Segment the lesions"].dtype) == "string"
    assert frame.dtypes.astype(str)[
        ["Is there evidence of COVID-19?", "CO-RADS score"]
    ].tolist() == [
        "boolean",
        "string",
    ]
    assert str(frame["Estimated affected lung percentage"].dtype) == "Int64"
    # the rows alone: only the questions that have ground truth, by their text
    assert list(dataframes.to_dataframe(rows).columns) == [
        "CO-RADS score",
        "Estimated affected lung percentage",
        "Is there evidence of COVID-19?",
    ]


@pytest.mark.e2e
def test_archive_cases_one_column_per_socket(local_gc: LocalGrandChallenge) -> None:
    with _client(local_gc) as client:
        items = client.archive_items.list(archive=client.archives.get(ARCHIVE)).to_list()
        client.archive_items.partial_update(
            items[0].pk,
            values=[socket_value("age", value=63), socket_value("lung-volume", value=4321.5)],
        )
        client.archive_items.partial_update(items[1].pk, values=[socket_value("age", value=71)])
        found = client.archives.cases(ARCHIVE)
        frame = dataframes.cases(client, ARCHIVE)

    assert frame.index.name == "item_pk"
    assert list(frame.index) == [str(c.pk) for c in found]
    assert set(frame.index) == set(local_gc.state.archive_items)
    assert list(frame.columns) == ["title", "age", "ct-image", "lung-volume"]
    assert frame.dtypes.astype(str).tolist() == ["string", "Int64", "string", "Float64"]
    by_pk = {str(i.pk): i for i in items}
    first, second = str(items[0].pk), str(items[1].pk)
    assert frame.loc[first, "age"] == 63 and frame.loc[second, "age"] == 71
    assert frame.loc[first, "lung-volume"] == 4321.5
    assert pd.isna(frame.loc[second, "lung-volume"])
    for pk, url in frame["ct-image"].items():
        (value,) = [v for v in by_pk[pk].values if v.interface.slug == "ct-image"]
        assert url == value.image and url.startswith(f"{local_gc.api_url}cases/images/")
    names = {
        f"{local_gc.api_url}cases/images/{i.pk}/": i.name for i in local_gc.state.images.values()
    }
    assert sorted(names[u] for u in frame["ct-image"]) == [
        "coronacases_001.mha",
        "coronacases_002.mha",
        "coronacases_003.mha",
    ]
    assert dataframes.to_dataframe(found).equals(frame)


@pytest.mark.e2e
def test_outputs_by_input_one_row_per_job(local_gc: LocalGrandChallenge) -> None:
    with _client(local_gc) as client:
        cases = client.archives.cases(ARCHIVE)[:2]
        images = [c.image_url("ct-image") for c in cases]
        jobs = client.algorithms.run("corads-ai", [{"generic-medical-image": i} for i in images])
        done = client.jobs.wait(jobs, timeout=120)
        frame = dataframes.outputs(client, "corads-ai", jobs=jobs.pks())
        mapping = client.algorithms.outputs_by_input("corads-ai", jobs=jobs.pks())

    assert frame.index.name == "job_pk"
    assert list(frame.index) == [str(pk) for pk in jobs.pks()]
    assert list(frame.columns) == [
        *dataframes.OUTPUT_COLUMNS,
        "corads-score",
        "covid-19-probability",
        "nodules",
        "report",
    ]
    state_names = {i.pk: i.name for i in local_gc.state.images.values()}
    assert frame["input_image"].tolist() == images
    assert frame["input_name"].tolist() == [
        state_names[str(u).rstrip("/").rsplit("/", 1)[-1]] for u in images
    ]
    assert frame["status"].tolist() == ["Succeeded", "Succeeded"]
    assert str(frame["exec_duration"].dtype).startswith("timedelta64")
    assert (frame["exec_duration"] >= pd.Timedelta(0)).all()
    assert frame.dtypes.astype(str)[
        ["input_name", "corads-score", "covid-19-probability", "report"]
    ].tolist() == ["string", "Int64", "Float64", "string"]
    for job in done:  # the values the jobs gave, as numbers
        values = {v.interface.slug: v for v in job.outputs}
        assert frame.loc[str(job.pk), "corads-score"] == values["corads-score"].value
        assert frame.loc[str(job.pk), "covid-19-probability"] == pytest.approx(
            values["covid-19-probability"].value
        )
        assert frame.loc[str(job.pk), "report"] == values["report"].file
    assert frame["corads-score"].between(1, 5).all()
    assert frame["covid-19-probability"].between(0, 1).all()
    assert all(isinstance(u, str) and u.startswith("http") for u in frame["report"])
    assert dataframes.to_dataframe(mapping).equals(frame)
    assert dataframes.outputs_frame(list(mapping)).equals(frame)


def test_to_dataframe_refuses_other_rows_with_a_typed_error() -> None:
    with pytest.raises(gc_highlevel.InvalidArgumentError, match="got int rows"):
        dataframes.to_dataframe([1, 2])
    with pytest.raises(gc_highlevel.InvalidArgumentError, match="got a str"):
        dataframes.to_dataframe("corads-score-exam")
    with pytest.raises(gc_highlevel.InvalidArgumentError, match="row 1 is a str"):
        dataframes.ground_truth_frame([GroundTruthRow("d", "q", "Q", 1, "1"), "x"])  # type: ignore[list-item]
    with pytest.raises(gc_highlevel.InvalidArgumentError, match="layout"):
        dataframes.answers_frame([], layout="tall")  # type: ignore[arg-type]
    empty = dataframes.answers_frame([])
    assert list(empty.columns) == ["display_set_title"] and empty.index.names == [
        "display_set_pk",
        "creator",
    ]
    assert list(dataframes.cases_frame([]).columns) == ["title"]
    assert list(dataframes.outputs_frame([]).columns) == list(dataframes.OUTPUT_COLUMNS)


@pytest.mark.e2e
def test_a_missing_pandas_raises_one_clear_error_before_any_request(
    local_gc: LocalGrandChallenge, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas raises ImportError
    rows = [GroundTruthRow("ds1", "q1", "Remarks", "patchy", "patchy")]
    with _client(local_gc) as client:
        local_gc.request_log.clear()
        calls = [
            lambda: dataframes.to_dataframe(rows),
            lambda: dataframes.ground_truth_frame(rows),
            lambda: dataframes.answers(client, STUDY),
            lambda: dataframes.cases(client, ARCHIVE),
            lambda: dataframes.outputs(client, "corads-ai", archive=ARCHIVE),
        ]
        for call in calls:
            with pytest.raises(ImportError) as info:
                call()
            assert 'pip install "gc-client[pandas]"' in str(info.value)
            assert isinstance(info.value.__cause__, ImportError)
    assert list(local_gc.request_log) == []


def test_import_gc_highlevel_never_imports_pandas() -> None:
    code = (
        "import sys, gc_highlevel, gc_highlevel.dataframes, gc_highlevel.workflow_types\n"
        "assert 'pandas' not in sys.modules, 'pandas was imported'\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert out.returncode == 0, out.stderr


def test_docstring_examples() -> None:
    result = doctest.testmod(dataframes, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 8 and result.failed == 0


@pytest.mark.e2e
def test_dataframes_example_runs(local_gc: LocalGrandChallenge, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "GRAND_CHALLENGE_API_URL": local_gc.api_url,
        "GRAND_CHALLENGE_AUTHORIZATION": f"Bearer {local_gc.tokens['demo']}",
        "XDG_CONFIG_HOME": str(tmp_path),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "HOME": str(tmp_path),
    }
    for _ in range(2):  # a rerun answers nothing twice
        out = subprocess.run(
            [sys.executable, str(ROOT / "examples" / "dataframes.py")],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert out.returncode == 0, out.stderr
    assert "CO-RADS 3" in out.stdout and "Ground-glass opacities; Crazy paving" in out.stdout
    assert "'Estimated affected lung percentage': 'Float64'" in out.stdout
    assert "cases: 3 items" in out.stdout
    assert "'corads-score': 'Int64'" in out.stdout and "Succeeded" in out.stdout
    assert "ground truth: 0 display sets" in out.stdout
    demo = local_gc.state.user("demo")
    mine = [a for a in local_gc.state.answers.values() if a.creator == demo.pk]
    assert len(mine) == 5
    assert local_gc.tokens["demo"] not in out.stdout + out.stderr


@pytest.mark.e2e
@pytest.mark.anyio
async def test_rows_of_the_async_client_convert_the_same(local_gc: LocalGrandChallenge) -> None:
    async def idle(seconds: float) -> None:
        local_gc.wait_idle(60)

    client = gc_highlevel.AsyncClient(
        local_gc.tokens["demo"], base_url=local_gc.api_url, timeout=30, sleep=idle
    )
    async with client:
        study = await client.reader_studies.get(STUDY)
        q = {question_text(question): question for question in study.questions}
        (first, _) = await client.reader_studies.display_sets(study)
        await client.answers.create(question=q["Remarks"], display_set=first, answer="clear")
        rows = await client.reader_studies.answers(study)
        found = await client.archives.cases(ARCHIVE)
    frame = dataframes.answers_frame(rows, questions=study.questions)
    assert list(frame.columns) == ["display_set_title", *QUESTIONS]
    assert frame.loc[(str(first.pk), "demo"), "Remarks"] == "clear"
    assert frame.dtypes.astype(str).tolist() == ["string", "boolean", "Float64", *["string"] * 4]
    with _client(local_gc) as sync:
        assert dataframes.to_dataframe(found).equals(dataframes.cases(sync, ARCHIVE))

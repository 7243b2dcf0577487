"""Unit tests: journal, job polling policy, output names and answer rows."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

import pytest

from gc_api.models.answer import Answer
from gc_api.models.categorical_option import CategoricalOption
from gc_api.models.image_file import ImageFile
from gc_highlevel._exceptions import JobCancelledError, JobFailedError
from gc_highlevel._jobs_policy import (
    JobSlots,
    StatusCounts,
    is_terminal,
    is_too_many_jobs,
    job_error,
)
from gc_highlevel._polling import Backoff, Deadline
from gc_highlevel.answer_rows import answer_rows, readable_answer, write_answers_csv
from gc_highlevel.journal import Journal, default_journal_path
from gc_highlevel.naming import (
    choose_image_file,
    dedupe,
    output_filename,
    safe_filename,
    strip_image_suffix,
)

# -- journal -------------------------------------------------------------------------------


def test_journal_round_trip_and_torn_line(tmp_path: Path) -> None:
    path = tmp_path / "j" / "batch.jsonl"
    j = Journal(path)
    assert j.get("k1") is None
    j.record("k1", "uploaded", uploads={"ct-image": ["u1"]})
    j.record("k1", "created", item="i1")
    j.record("k2", "done", item="i2")
    with path.open("a") as fh:
        fh.write('{"key": "k3", "step": "crea')  # the process died mid-write
    again = Journal(path)
    k1 = again.get("k1")
    assert k1 is not None and k1.step == "created" and not k1.done
    assert k1.ids == {"uploads": {"ct-image": ["u1"]}, "item": "i1"}
    k2 = again.get("k2")
    assert k2 is not None and k2.done
    assert again.get("k3") is None
    assert again.claimed("item") == {"i1", "i2"}
    assert dict(again.counts()) == {"created": 1, "done": 1}
    assert len(again) == 2 and "cases=2" in repr(again)


def test_default_journal_path_is_in_user_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    path = default_journal_path("archive:radboud covid/x")
    assert path.name == "archive-radboud-covid-x.jsonl"
    assert "gc-client" in str(path)


# -- jobs policy -----------------------------------------------------------------------------


def test_terminal_statuses_unknown_is_not_terminal() -> None:
    assert [is_terminal(s) for s in ("Succeeded", "Failed", "Cancelled")] == [True] * 3
    for s in ("Validating inputs", "Queued", "Re-Queued", "Executing", "Parsing Outputs", "New!"):
        assert not is_terminal(s)


def test_backoff_grows_and_resets() -> None:
    b = Backoff(initial=1, factor=2, maximum=5)
    assert [b.next_delay(changed=False) for _ in range(4)] == [1, 2, 4, 5]
    assert b.next_delay(changed=True) == 1
    assert b.next_delay(changed=False) == 2


def test_deadline_with_fake_clock() -> None:
    now = [100.0]
    d = Deadline(30, clock=lambda: now[0])
    assert d.remaining() == 30 and not d.expired()
    now[0] = 120
    assert d.clamp(25) == 10
    now[0] = 131
    assert d.expired() and d.remaining() == 0
    assert Deadline(None).remaining() is None and not Deadline(None).expired()


def test_status_counts() -> None:
    c = StatusCounts(["Succeeded", "Executing", "Succeeded", "Failed", "Queued"])
    assert c.finished == 3
    assert c.describe().startswith("2 Succeeded")


def test_job_slots() -> None:
    s = JobSlots(limit=16)
    s.started(10)
    assert s.free() == 6
    s.refused()  # someone else uses 6 slots
    assert s.free() == 0
    s.finished(2)
    assert s.free() == 2
    s.finished(50)
    assert s.active == 0
    s.refused()
    assert s.limit == 1
    for _ in range(30):  # accepted jobs let the limit grow back, but not past the start
        s.accepted()
    assert s.limit == 16 and s.ceiling == 16


def test_too_many_jobs_message() -> None:
    assert is_too_many_jobs(
        ["You have too many active jobs, please try again after they have completed"]
    )
    assert not is_too_many_jobs(["A result for these inputs already exists."])


def test_job_errors_are_typed() -> None:
    from gc_api.models.hyperlinked_job import HyperlinkedJob

    def job(status: str) -> HyperlinkedJob:
        return HyperlinkedJob(
            pk=uuid.uuid4(),
            url="https://gc.org/algorithms/a/jobs/1/",
            api_url="https://gc.org/api/v1/algorithms/jobs/1/",
            algorithm_image="x",
            inputs=[],
            outputs=[],
            status=status,
            hanging_protocol=None,
            optional_hanging_protocols=[],
            view_content={},
            exec_duration=None,
            invoke_duration=None,
            algorithm="https://gc.org/api/v1/algorithms/1/",
        )

    failed = job_error(job("Failed"))
    assert isinstance(failed, JobFailedError) and failed.status == "Failed"
    cancelled = job_error(job("Cancelled"))
    assert isinstance(cancelled, JobCancelledError) and "inputs" in str(cancelled)

    batch = [job("Succeeded"), job("Cancelled"), job("Succeeded"), job("Failed")]
    mixed = job_error(batch[1], jobs=batch)
    assert isinstance(mixed, JobFailedError)  # not every unsuccessful job was cancelled
    assert mixed.job is batch[1] and mixed.failed == [batch[1], batch[3]] and mixed.jobs == batch
    assert str(mixed).startswith("2 of 4 jobs did not succeed (2 Succeeded, 1 Cancelled, 1 Failed)")
    only_cancelled = job_error(batch[1], jobs=batch[:3])
    assert isinstance(only_cancelled, JobCancelledError) and only_cancelled.failed == [batch[1]]


# -- naming -------------------------------------------------------------------------------


def test_output_names_follow_the_tutorial() -> None:
    assert (
        output_filename(
            "case01.mha", socket="pulmonary-lobes", image_type="MHD", template="{stem}_lobes{ext}"
        )
        == "case01_lobes.mha"
    )
    pk = "0b5d0a4e"
    assert (
        output_filename(
            "coronacases_001.mha",
            socket="s",
            image_type="TIFF",
            image_pk=pk,
            template="{stem}_{image_pk}{ext}",
        )
        == f"coronacases_001_{pk}.tif"
    )
    assert output_filename("x.nii.gz", socket="lobes", image_type="MHD") == "x_lobes.mha"
    assert output_filename("x.mha", socket="report", suffix=".pdf") == "x_report.pdf"
    assert strip_image_suffix(".mha") == ".mha"
    assert safe_filename("") == "unnamed"


def test_choose_image_file_by_type() -> None:
    mhd = ImageFile(pk=uuid.uuid4(), file="a.mha", image_type="MHD")
    tif = ImageFile(pk=uuid.uuid4(), file="a.tif", image_type="TIFF")
    assert choose_image_file([tif, mhd]) is mhd
    assert choose_image_file([tif, mhd], prefer=("TIFF",)) is tif
    assert choose_image_file([tif], prefer=("MHD",)) is None


def test_dedupe() -> None:
    got = dedupe([Path("o/a.nii.gz"), Path("o/a.nii.gz"), Path("o/a.nii.gz")])
    assert [p.name for p in got] == ["a.nii.gz", "a_2.nii.gz", "a_3.nii.gz"]


# -- answers ------------------------------------------------------------------------------


def _question(pk: uuid.UUID, text: str, answer_type: str, options: tuple[str, ...] = ()) -> object:
    from gc_api.models.question import Question

    return Question(
        answer_type=answer_type,
        api_url=f"https://gc.org/api/v1/reader-studies/questions/{pk}/",
        form_direction="Horizontal",
        help_text_safe="",
        image_port="",
        pk=pk,
        question_text_safe=text,
        reader_study="https://gc.org/api/v1/reader-studies/r/",
        options=[CategoricalOption(id=i + 1, title=t) for i, t in enumerate(options)],
        interface=None,
        look_up_table=None,
        widget="",
        empty_answer_confirmation_label_safe="",
        interactive_algorithms=[],
        algorithms=[],
    )


def _answer(question: uuid.UUID, value: object, ds: uuid.UUID) -> Answer:
    t = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    return Answer(
        api_url="x",
        created=t,
        creator="reader",
        pk=uuid.uuid4(),
        question=f"https://gc.org/api/v1/reader-studies/questions/{question}/",
        modified=t,
        answer_image=None,
        total_edit_duration=None,
        is_ground_truth=False,
        score=None,
        answer=value,
        display_set=f"https://gc.org/api/v1/reader-studies/display-sets/{ds}/",
    )


def test_answer_rows_and_csv(tmp_path: Path) -> None:
    q_choice, q_multi, q_bool = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    questions = [
        _question(q_choice, "CO-RADS score", "Choice", ["CO-RADS 1", "CO-RADS 2"]),
        _question(q_multi, "Findings", "Multiple choice", ["GGO", "Consolidation", "Paving"]),
        _question(q_bool, "COVID?", "Bool"),
    ]
    ds = uuid.uuid4()
    answers = [_answer(q_choice, 2, ds), _answer(q_multi, [1, 3], ds), _answer(q_bool, False, ds)]
    rows = answer_rows(answers, questions)  # type: ignore[arg-type]
    assert [r.answer_text for r in rows] == ["CO-RADS 2", "GGO; Paving", "no"]
    assert rows[0].question == "CO-RADS score" and rows[0].display_set_pk == str(ds)
    out = tmp_path / "answers.csv"
    text = write_answers_csv(rows, out)
    assert out.read_text(encoding="utf-8") == text
    lines = text.splitlines()
    assert len(lines) == 4 and "answer_text" in lines[0]
    assert json.loads('"' + "x" + '"') == "x"
    assert readable_answer({"type": "Point"}, None) == '{"type": "Point"}'

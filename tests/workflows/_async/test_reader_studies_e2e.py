"""End to end: reader-study display sets (no orphans), order, updates, answers as rows/CSV,
mask answers.

Async source; ``tests/workflows/_sync/`` is generated from it by ``scripts/make_sync.py``.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

import gc_highlevel
from gc_highlevel.socket_values import SocketKindError
from gc_highlevel.testing import LocalGrandChallenge
from gc_highlevel.types import question_text, title_of
from gc_highlevel.workflow_types import ImportFailedError, StepEvent

from .helpers import api_requests, connect, ct_files, writes

pytestmark = [pytest.mark.anyio, pytest.mark.e2e]

STUDY = "corads-score-exam"


def _mask(path: Path, value: int = 1) -> Path:
    import numpy as np
    import SimpleITK as sitk

    array = np.zeros((16, 40, 40), np.uint8)
    array[4:8, 10:20, 10:20] = value
    sitk.WriteImage(sitk.GetImageFromArray(array), str(path), True)
    return path


def _sets(gc: LocalGrandChallenge) -> list[object]:
    gc.wait_idle(60)
    rs = next(r for r in gc.state.reader_studies.values() if r.slug == STUDY)
    return sorted(
        (d for d in gc.state.display_sets.values() if d.reader_study == rs.pk),
        key=lambda d: d.order,
    )


async def test_add_display_sets_reorder_and_update(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    cts = ct_files(tmp_path / "ct", 2)
    airways = [_mask(tmp_path / f"airway{i}.mha") for i in (1, 2)]
    cases = [
        {"ct-image": cts[0], "airway-segmentation": airways[0], "some-score": 2.1},
        {"ct-image": cts[1], "airway-segmentation": airways[1], "some-score": 7.9},
    ]
    client, _ = connect(local_gc)
    async with client:
        result = await client.reader_studies.add_display_sets(STUDY, cases, titles=["p1", "p2"])
        result.raise_for_errors()
        local_gc.wait_idle(60)
        sets = await client.reader_studies.display_sets(STUDY)
        assert [title_of(d) for d in sets] == ["case 1", "case 2", "p1", "p2"]
        assert {v.interface.slug for v in sets[2].values} == {
            "ct-image",
            "airway-segmentation",
            "some-score",
        }
        await client.reader_studies.reorder(list(reversed(sets)))
        assert [title_of(d) for d in await client.reader_studies.display_sets(STUDY)] == [
            "p2",
            "p1",
            "case 2",
            "case 1",
        ]
        await client.reader_studies.update_display_set(
            sets[3].pk, values={"some-score": 8.5}, title="p2 (rescored)"
        )
    updated = [d for d in _sets(local_gc) if d.title == "p2 (rescored)"]  # type: ignore[attr-defined]
    assert len(updated) == 1 and local_gc.state.civs[updated[0].values["some-score"]].value == 8.5  # type: ignore[attr-defined]


async def test_reorder_changes_nothing_while_a_display_set_to_move_has_answers(
    local_gc: LocalGrandChallenge,
) -> None:
    reader, _ = connect(local_gc, "reader")
    editor, _ = connect(local_gc)
    async with reader, editor:
        for title in ("extra 1", "extra 2"):
            await editor.display_sets.create(reader_study=STUDY, title=title)
        sets = await editor.reader_studies.display_sets(STUDY)
        assert [d.order for d in sets] == [10, 20, 30, 40]
        study = await reader.reader_studies.get(slug=STUDY)
        boolean = next(q for q in study.questions if q.answer_type == "Bool")
        await reader.answers.create(question=boolean, display_set=sets[1], answer=True)
        before = [(d.pk, d.order) for d in _sets(local_gc)]  # type: ignore[attr-defined]

        local_gc.request_log.clear()
        with pytest.raises(gc_highlevel.DisplaySetsLockedError) as caught:
            await editor.reader_studies.reorder(list(reversed(sets)))
        assert caught.value.locked == [sets[1].pk]
        assert str(sets[1].pk) in str(caught.value) and "Nothing was changed" in str(caught.value)
        # one list request (the study's answers), no PATCH at all
        assert api_requests(local_gc) == ["GET /api/v1/reader-studies/answers/"]
        # given by pk alone (study unknown): one answers request per display set to move
        local_gc.request_log.clear()
        with pytest.raises(gc_highlevel.DisplaySetsLockedError):
            await editor.reader_studies.reorder([d.pk for d in reversed(sets)])
        assert api_requests(local_gc) == ["GET /api/v1/reader-studies/answers/"] * 4
        assert [(d.pk, d.order) for d in _sets(local_gc)] == before  # type: ignore[attr-defined]

        # the answered one keeps its place; the others move around it
        local_gc.request_log.clear()
        moved = await editor.reader_studies.reorder([sets[3], sets[1], sets[2], sets[0]])
        assert [m.pk for m in moved] == [sets[3].pk, sets[0].pk]
        assert writes(local_gc) == [
            f"PATCH /api/v1/reader-studies/display-sets/{sets[3].pk}/",
            f"PATCH /api/v1/reader-studies/display-sets/{sets[0].pk}/",
        ]
    after = [d.title for d in _sets(local_gc)]  # type: ignore[attr-defined]
    assert after == ["extra 2", "case 2", "extra 1", "case 1"]


async def test_display_sets_no_orphans_after_a_failure_and_rerun(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    cases = [{"some-score": float(n)} for n in range(5)]
    client, _ = connect(local_gc)

    def fail_third(event: StepEvent) -> None:
        if event.index == 2 and event.step == "created":
            local_gc.faults.fail_next(1, 500, method="PATCH", path=str(event.ids["pk"]))

    async with client:
        first = await client.reader_studies.add_display_sets(
            STUDY, cases, on_step=fail_third, raise_on_error=False
        )
        assert [o.index for o in first.failed] == [2]
        (
            await client.reader_studies.add_display_sets(STUDY, cases, raise_on_error=False)
        ).raise_for_errors()
    new = [d for d in _sets(local_gc) if not d.title]  # type: ignore[attr-defined]
    assert len(new) == 5 and all(set(d.values) == {"some-score"} for d in new)  # type: ignore[attr-defined]


async def test_a_lost_create_answer_adopts_its_own_display_set_not_another_empty_one(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    cases = [{"some-score": float(n)} for n in range(3)]
    titles = ["p1", "p2", "p3"]
    journal = tmp_path / "journal.jsonl"
    client, _ = connect(local_gc)

    def lose_answer(event: StepEvent) -> None:
        if event.index == 1 and event.step == "creating":  # created, but the answer is lost
            local_gc.faults.reset_next(1, method="POST", path="/reader-studies/display-sets/$")
            # and the run cannot look for it (else it adopts it at once)
            local_gc.faults.fail_next(1, 500, method="GET", path="/reader-studies/display-sets/$")

    async with client:
        # Another editor's new display set, empty between its create and its fill.
        foreign = await client.display_sets.create(reader_study=STUDY)
        first = await client.reader_studies.add_display_sets(
            STUDY,
            cases,
            titles=titles,
            journal=journal,
            on_step=lose_answer,
            concurrency=1,
            raise_on_error=False,
        )
        assert [o.ok for o in first] == [True, False, True]
        assert isinstance(first[1].error, gc_highlevel.InternalServerError)
        (lost,) = [d for d in _sets(local_gc) if d.title.startswith("gc-client:")]  # type: ignore[attr-defined]
        local_gc.request_log.clear()
        rerun = await client.reader_studies.add_display_sets(
            STUDY, cases, titles=titles, journal=journal, raise_on_error=False
        )
    rerun.raise_for_errors()
    assert [o.skipped for o in rerun] == [True, False, True]
    assert str(rerun[1].pk) == lost.pk  # type: ignore[attr-defined]
    assert not local_gc.request_log.filter(method="POST", path="/reader-studies/display-sets/$")
    sets = {d.pk: d for d in _sets(local_gc)}  # type: ignore[attr-defined]
    untouched = sets.pop(str(foreign.pk))
    assert (untouched.title, untouched.values) == ("", {})  # type: ignore[attr-defined]
    mine = [(d.title, set(d.values)) for d in sets.values() if d.title.startswith("p")]  # type: ignore[attr-defined]
    # one display set per case, in the input order, each with its title
    assert mine == [("p1", {"some-score"}), ("p2", {"some-score"}), ("p3", {"some-score"})]
    assert len(sets) == 5  # the study's two seeded display sets, and these three


async def test_request_count_add_one_small_image_display_set(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    (ct,) = ct_files(tmp_path, 1)
    client, _ = connect(local_gc)  # a fresh client
    async with client:
        result = await client.reader_studies.add_display_sets(STUDY, [{"ct-image": ct}], wait=False)
        result.raise_for_errors()
    sent = [f"{e.method} {e.path}" for e in local_gc.request_log]
    # socket, upload (create, presign, PUT, complete), display set, values: 7 (gcapi 0.16.1: 8;
    # gcapi does not wait for the import either)
    assert len(sent) == 7, sent
    assert sent[-2] == "POST /api/v1/reader-studies/display-sets/"


async def test_many_display_sets_keep_the_input_order(local_gc: LocalGrandChallenge) -> None:
    cases = [{"some-score": float(n)} for n in range(12)]
    client, _ = connect(local_gc)
    async with client:
        result = await client.reader_studies.add_display_sets(
            STUDY, cases, titles=[f"t{n:02d}" for n in range(12)], concurrency=6
        )
        result.raise_for_errors()
        titles = [title_of(d) for d in await client.reader_studies.display_sets(STUDY)]
    assert titles[2:] == [f"t{n:02d}" for n in range(12)]


async def test_bad_display_set_raises_before_any_state_change(
    local_gc: LocalGrandChallenge,
) -> None:
    client, _ = connect(local_gc)
    async with client:
        with pytest.raises(SocketKindError):
            await client.reader_studies.add_display_sets(
                STUDY, [{"some-score": 1.0}, {"ct-image": 3}]
            )
    assert writes(local_gc) == []


async def test_answers_as_readable_rows_and_csv(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    reader, _ = connect(local_gc, "reader")
    editor, _ = connect(local_gc)
    async with reader, editor:
        study = await reader.reader_studies.get(slug=STUDY)
        q = {question_text(question): question for question in study.questions}
        ds = (await reader.reader_studies.display_sets(STUDY))[0]
        choice = q["CO-RADS score"]
        multi = q["Findings"]
        answers = {
            "Is there evidence of COVID-19?": True,
            "Estimated affected lung percentage": 25,
            "Remarks": "patchy",
            "CO-RADS score": choice.options[2].id,
            "Findings": [multi.options[0].id, multi.options[2].id],
        }
        for text, value in answers.items():
            await reader.answers.create(question=q[text], display_set=ds, answer=value)
        await reader.reader_studies.answer_mask(
            question=q["Segment the lesions"], display_set=ds, mask=_mask(tmp_path / "lesion.mha")
        )
        local_gc.wait_idle(60)
        rows = await editor.reader_studies.answers(STUDY)
        mine = await reader.reader_studies.answers(STUDY, mine=True)
        path = await editor.reader_studies.answers_csv(STUDY, tmp_path / "answers.csv")
        masks = await editor.reader_studies.download_masks(STUDY, tmp_path / "masks")
    readable = {r.question: r.answer_text for r in rows}
    assert readable["CO-RADS score"] == "CO-RADS 3"
    assert readable["Findings"] == "Ground-glass opacities; Crazy paving"
    assert readable["Is there evidence of COVID-19?"] == "yes"
    mask = next(r for r in rows if r.question == "Segment the lesions")
    assert mask.answer_text == f"image {mask.answer_image.rstrip('/').rsplit('/', 1)[-1]}"
    assert {r.display_set_title for r in rows} == {"case 1"}
    assert len(mine) == len(rows) == 6
    with path.open() as fh:
        table = list(csv.DictReader(fh))
    assert len(table) == 6 and {r["creator"] for r in table} == {"reader"}
    assert [p.name for p in masks] == ["case 1_reader_Segment the lesions.mha"]


async def test_a_failed_import_keeps_its_display_set_for_the_rerun(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    (ct,) = ct_files(tmp_path, 1)
    broken = tmp_path / "broken.mha"
    # a PNG signature passes the local check; the server import fails
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not a scan")
    journal = tmp_path / "journal.jsonl"
    client, _ = connect(local_gc)
    async with client:
        first = await client.reader_studies.add_display_sets(
            STUDY, [{"ct-image": broken}], titles=["scan 1"], journal=journal, raise_on_error=False
        )
        error = first[0].error
        assert isinstance(error, ImportFailedError) and "could not be imported" in str(error)
        empty_pk = first[0].pk
        rerun = await client.reader_studies.add_display_sets(
            STUDY,
            [{"ct-image": ct}],
            titles=["scan 1 (fixed)"],
            journal=journal,
            raise_on_error=False,
        )
    rerun.raise_for_errors()
    assert rerun[0].pk == empty_pk
    mine = [d for d in _sets(local_gc) if str(d.pk) == str(empty_pk)]  # type: ignore[attr-defined]
    assert [(d.title, set(d.values)) for d in mine] == [("scan 1 (fixed)", {"ct-image"})]  # type: ignore[attr-defined]
    assert not [d for d in _sets(local_gc) if not d.values]  # type: ignore[attr-defined]


async def test_failed_imports_next_to_other_values_are_refilled_in_order_by_the_rerun(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    scans = ct_files(tmp_path / "scans", 3)
    broken = [tmp_path / f"broken{i}.mha" for i in range(3)]
    for path in broken:
        # a PNG signature passes the local check; the server import fails
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not a scan")
    cases = [{"ct-image": p, "some-score": float(i)} for i, p in enumerate(broken)]
    titles = ["p1", "p2", "p3"]
    journal = tmp_path / "journal.jsonl"
    client, _ = connect(local_gc)
    async with client:
        first = await client.reader_studies.add_display_sets(
            STUDY, cases, titles=titles, journal=journal, raise_on_error=False
        )
        assert all(isinstance(o.error, ImportFailedError) for o in first)
        for path, scan in zip(broken, scans, strict=True):
            path.write_bytes(scan.read_bytes())  # the user fixes the files
        rerun = await client.reader_studies.add_display_sets(
            STUDY, cases, titles=titles, journal=journal, raise_on_error=False
        )
    rerun.raise_for_errors()
    assert rerun.pks() == [o.pk for o in first]  # the same display sets, in the same order
    mine = [d for d in _sets(local_gc) if d.title in titles]  # type: ignore[attr-defined]
    assert [d.title for d in mine] == titles  # type: ignore[attr-defined]
    assert all(set(d.values) == {"ct-image", "some-score"} for d in mine)  # type: ignore[attr-defined]


async def test_ground_truth_rows_are_readable_text(
    local_gc_factory: Callable[..., LocalGrandChallenge],
) -> None:
    # Grand-challenge gives a ground truth's answer_text as the raw answer for non-choice
    # questions (a bool for Bool), as patch 060 now says; the server checks every response.
    gc = local_gc_factory()
    rs = next(r for r in gc.state.reader_studies.values() if r.slug == STUDY)
    rs.is_educational = True
    questions = {q.question_text: q for q in gc.state.questions.values() if q.reader_study == rs.pk}
    first = min(
        (d for d in gc.state.display_sets.values() if d.reader_study == rs.pk),
        key=lambda d: d.order,
    )
    choice = questions["CO-RADS score"]
    gc.state.add_ground_truth(first, questions["Is there evidence of COVID-19?"], True)
    gc.state.add_ground_truth(first, choice, choice.options[2]["id"])
    client, _ = connect(gc)
    async with client:
        rows = await client.reader_studies.ground_truth_rows(STUDY)
    readable = {r.question: r.answer_text for r in rows}
    assert readable == {"Is there evidence of COVID-19?": "yes", "CO-RADS score": "CO-RADS 3"}
    assert {r.display_set_pk for r in rows} == {str(first.pk)}


async def test_a_batch_the_account_may_not_add_to_stops_after_the_first_refusal(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    scans = ct_files(tmp_path, 6)
    client, _ = connect(local_gc, "reader")  # reads the study, may not add to it
    async with client:
        result = await client.reader_studies.add_display_sets(
            STUDY, [{"ct-image": s} for s in scans], concurrency=1, raise_on_error=False
        )
    assert len(result) == 6 and not result.succeeded
    assert isinstance(result[0].error, gc_highlevel.BadRequestError)
    assert all(isinstance(o.error, gc_highlevel.CaseNotStartedError) for o in result[1:])
    assert "may add to the target" in str(result[5].error)
    # one case uploaded its file and was refused; the other five sent nothing
    assert len(local_gc.request_log.filter(method="POST", path=r"^/api/v1/uploads/$")) == 1
    assert not [d for d in _sets(local_gc) if not d.values]  # type: ignore[attr-defined]


async def test_a_rerun_remakes_a_display_set_deleted_on_the_server(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    scans = ct_files(tmp_path, 3)
    cases = [{"ct-image": p} for p in scans]
    journal = tmp_path / "journal.jsonl"
    now = [0.0]
    client, sleep = connect(local_gc)

    def tick(n: int) -> None:
        now[0] += 100  # a wait for a display set that never fills ends after 3 rounds

    sleep.before = tick
    async with client:
        client._clock = lambda: now[0]
        first = await client.reader_studies.add_display_sets(STUDY, cases, journal=journal)
        first.raise_for_errors()
        with local_gc.state.lock:  # deleted in the web UI (the emulator has no DELETE route)
            (key,) = [
                k for k, d in local_gc.state.display_sets.items() if str(d.pk) == str(first[1].pk)
            ]
            del local_gc.state.display_sets[key]
        local_gc.request_log.clear()
        sleeps = len(sleep.calls)
        rerun = await client.reader_studies.add_display_sets(
            STUDY, cases, journal=journal, timeout=300
        )
    rerun.raise_for_errors()  # before: case 1 "still lacks ct-image after 300 s"
    assert [o.skipped for o in rerun] == [True, False, True]
    assert rerun[1].pk != first[1].pk
    lists = local_gc.request_log.count(method="GET", path=r"^/api/v1/reader-studies/display-sets/$")
    assert lists <= 3 and len(sleep.calls) - sleeps <= 1  # no wait for the deleted one
    mine = {str(o.pk) for o in rerun}
    assert {str(d.pk) for d in _sets(local_gc)} >= mine  # type: ignore[attr-defined]
    assert len([d for d in _sets(local_gc) if str(d.pk) in mine]) == 3  # type: ignore[attr-defined]
    assert not [d for d in _sets(local_gc) if not d.values]  # type: ignore[attr-defined]

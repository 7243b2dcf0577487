"""End to end: archive cases without empty items, resumable batches, item edits, mirroring.

Async source; ``tests/workflows/_sync/`` is generated from it by ``scripts/make_sync.py``.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

import gc_highlevel
from gc_highlevel.progress import ProgressEvent
from gc_highlevel.socket_values import InputFileError, SocketKindError, UnknownSocketError
from gc_highlevel.testing import LocalGrandChallenge
from gc_highlevel.testing.models import ArchiveItem
from gc_highlevel.workflow_types import AttachError, StepEvent, ValuesNotAttachedError

from .helpers import api_requests, connect, ct_files, writes

pytestmark = [pytest.mark.anyio, pytest.mark.e2e]


class Killed(BaseException):
    """Stands in for the process being killed (not an Exception: nothing may catch it)."""


def _items(gc: LocalGrandChallenge, slug: str = "radboudcovid") -> list[object]:
    archive = next(a for a in gc.state.archives.values() if a.slug == slug)
    return [i for i in gc.state.archive_items.values() if i.archive == archive.pk]


def _values(gc: LocalGrandChallenge) -> list[dict[str, int]]:
    gc.wait_idle(60)
    return [dict(i.values) for i in _items(gc)]  # type: ignore[attr-defined]


async def test_add_cases_images_files_and_values_together(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    scans = ct_files(tmp_path / "scans", 2)
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.4\n% a tiny report\n")
    cases = [
        {"ct-image": scans[0], "lung-volume": 1.9, "report": report},
        {
            "ct-image": scans[1],
            "lung-volume": 2.5,
            "nodules": {"type": "Multiple points", "points": []},
        },
    ]
    client, _ = connect(local_gc)
    async with client:
        result = await client.archives.add_cases(
            "radboudcovid", cases, titles=["a", "b"], wait=True
        )
        result.raise_for_errors()
        listed = await client.archives.cases("radboudcovid")
    assert sorted(c.title for c in listed) == ["a", "b"]
    a = next(c for c in listed if c.title == "a")
    assert set(a.values) == {"ct-image", "lung-volume", "report"}
    assert a.value("lung-volume") == 1.9 and a.image_url("ct-image")
    b = next(c for c in listed if c.title == "b")
    assert set(b.values) == {"ct-image", "lung-volume", "nodules"}


async def test_byte_progress_reports_every_uploaded_byte_of_the_batch(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    scans = ct_files(tmp_path / "scans", 2)
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.4\n" + os.urandom(3 * 2**20) + b"\n%%EOF\n")
    cases = [{"ct-image": scans[0], "report": report}, {"ct-image": scans[1]}]
    events: list[ProgressEvent] = []
    client, _ = connect(local_gc)
    async with client:
        result = await client.archives.add_cases(
            "radboudcovid", cases, journal=False, progress=False, byte_progress=events.append
        )
    assert result.ok
    size = sum(p.stat().st_size for p in [*scans, report])
    assert sum(e.delta for e in events) == size
    assert events[-1].done == events[-1].total == size  # done and total of the whole batch
    assert {e.name for e in events} == {p.name for p in [*scans, report]}


async def test_a_failed_import_fails_its_case_and_a_rerun_fills_the_same_item(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    scan, other = ct_files(tmp_path, 2)
    broken = tmp_path / "broken.mha"
    # a PNG signature passes the local check; the server import fails
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"this is not an image")
    journal = tmp_path / "journal.jsonl"
    client, _ = connect(local_gc)
    async with client:
        result = await client.archives.add_cases(
            "radboudcovid",
            [{"ct-image": scan}, {"ct-image": broken}],
            journal=journal,
            raise_on_error=False,
        )
        assert [o.ok for o in result] == [True, False]
        error = result[1].error
        assert isinstance(error, gc_highlevel.ImportFailedError)
        assert isinstance(error, AttachError)  # the common base catches it
        assert not isinstance(error, (ValuesNotAttachedError, TimeoutError))  # a broken file
        (pk,) = error.errors
        assert pk == str(result[1].pk)
        assert "could not be imported" in error.errors[pk]  # the server's own message
        assert error.missing == {pk: ["ct-image"]}
        assert "broken.mha" in str(error) and "rerun" in str(error)
        with pytest.raises(gc_highlevel.BatchError, match="1 of 2 items failed"):
            result.raise_for_errors()
        assert sorted(len(v) for v in _values(local_gc)) == [0, 1]  # the empty item stays

        # The user fixes the file (here: uses another scan) and reruns the batch.
        local_gc.request_log.clear()
        rerun = await client.archives.add_cases(
            "radboudcovid",
            [{"ct-image": scan}, {"ct-image": other}],
            journal=journal,
            raise_on_error=False,
        )
    rerun.raise_for_errors()
    assert rerun[0].skipped and str(rerun[1].pk) == pk  # the empty item was filled
    assert "POST /api/v1/archives/items/" not in api_requests(local_gc)
    assert [len(v) for v in _values(local_gc)] == [1, 1]  # two items, none empty


async def test_a_failed_import_next_to_other_values_is_refilled_by_the_rerun(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    # The case's value attaches although its image cannot be imported: the item is not empty,
    # yet the rerun must fill it rather than leave it half-made next to a new one.
    scan, other = ct_files(tmp_path, 2)
    broken = tmp_path / "broken.mha"
    # a PNG signature passes the local check; the server import fails
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"this is not an image")
    journal = tmp_path / "journal.jsonl"
    client, _ = connect(local_gc)
    async with client:
        first = await client.archives.add_cases(
            "radboudcovid",
            [{"ct-image": scan, "lung-volume": 1.0}, {"ct-image": broken, "lung-volume": 2.0}],
            journal=journal,
            raise_on_error=False,
        )
        error = first[1].error
        assert isinstance(error, gc_highlevel.ImportFailedError)
        assert "stays empty" not in str(error) and "ct-image" in str(error)
        assert sorted(sorted(v) for v in _values(local_gc)) == [
            ["ct-image", "lung-volume"],
            ["lung-volume"],
        ]
        broken.write_bytes(other.read_bytes())  # the user fixes the file
        local_gc.request_log.clear()
        rerun = await client.archives.add_cases(
            "radboudcovid",
            [{"ct-image": scan, "lung-volume": 1.0}, {"ct-image": broken, "lung-volume": 2.0}],
            journal=journal,
            raise_on_error=False,
        )
    rerun.raise_for_errors()
    assert rerun[1].pk == first[1].pk
    assert "POST /api/v1/archives/items/" not in api_requests(local_gc)
    values = _values(local_gc)
    assert len(values) == 2 and all(set(v) == {"ct-image", "lung-volume"} for v in values)


async def test_a_refused_create_is_not_adopted_from_someone_else_by_the_rerun(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    journal = tmp_path / "journal.jsonl"
    archive = next(a for a in local_gc.state.archives.values() if a.slug == "radboudcovid")
    client, _ = connect(local_gc)
    async with client:
        local_gc.faults.fail_next(1, 400, method="POST", path="/archives/items/$")
        first = await client.archives.add_cases(
            "radboudcovid", {"age": 1}, journal=journal, raise_on_error=False
        )
        assert isinstance(first[0].error, gc_highlevel.BadRequestError)
        # The server answered: nothing was created. An empty item of another batch or user
        # (one a moment from being filled) must not be taken over by the rerun.
        foreign = local_gc.state.add_archive_item(archive, {})
        rerun = await client.archives.add_cases(
            "radboudcovid", {"age": 1}, journal=journal, raise_on_error=False
        )
    rerun.raise_for_errors()
    assert str(rerun[0].pk) != str(foreign.pk)
    assert sorted(len(v) for v in _values(local_gc)) == [0, 1]


async def test_wait_times_out_with_what_is_missing(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    (scan,) = ct_files(tmp_path, 1)
    now = [0.0]
    client, sleep = connect(local_gc)
    local_gc.worker.pause()  # the import never runs

    def tick(n: int) -> None:
        now[0] += 100

    sleep.before = tick
    sleep.gc = None  # do not wait for the paused worker
    async with client:
        client._clock = lambda: now[0]
        result = await client.archives.add_cases(
            "radboudcovid", [{"ct-image": scan}], wait=True, timeout=300, raise_on_error=False
        )
    local_gc.worker.resume()
    error = result[0].error
    assert isinstance(error, ValuesNotAttachedError)
    assert not isinstance(error, gc_highlevel.ImportFailedError)
    assert list(error.missing.values()) == [["ct-image"]] and not error.errors
    assert "after 300 s" in str(error) and "still be importing" in str(error)


async def test_set_values_reports_a_failed_import(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    (scan,) = ct_files(tmp_path, 1)
    broken = tmp_path / "overlay.mha"
    # a PNG signature passes the local check; the server import fails
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not an image either")
    client, _ = connect(local_gc)
    async with client:
        (item_pk,) = (await client.archives.add_cases("radboudcovid", {"ct-image": scan})).pks()
        with pytest.raises(gc_highlevel.ImportFailedError) as info:
            await client.archives.set_values(item_pk, {"generic-overlay": broken}, wait=True)
    assert "could not be imported" in info.value.errors[str(item_pk)]
    assert not isinstance(info.value, TimeoutError)  # a broken file is no timeout


async def test_request_count_add_one_small_image_case(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    (scan,) = ct_files(tmp_path, 1)
    client, _ = connect(local_gc)  # a fresh client: nothing cached
    async with client:
        result = await client.archives.add_cases("radboudcovid", [{"ct-image": scan}], wait=False)
        result.raise_for_errors()
    sent = api_requests(local_gc)
    # archive, socket, upload (create, presign, PUT, complete), item, values: 8 (gcapi: 9)
    assert len(sent) == 8, sent
    assert sent[-2:] == ["POST /api/v1/archives/items/", sent[-1]]
    assert sent[-1].startswith("PATCH /api/v1/archives/items/")
    # the item is created after the upload: a failed upload cannot leave an empty item
    assert sent.index("POST /api/v1/archives/items/") > sent.index("POST /api/v1/uploads/")


async def test_bad_cases_raise_before_any_state_change(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    (scan,) = ct_files(tmp_path, 1)
    client, _ = connect(local_gc)
    async with client:
        with pytest.raises(UnknownSocketError, match="did you mean 'ct-image'"):
            await client.archives.add_cases("radboudcovid", [{"ct-image": scan}, {"ct-imag": scan}])
        with pytest.raises(UnknownSocketError) as unknown:  # one slug alone: suggested too
            await client.archives.add_cases("radboudcovid", {"lung-volum": 2.0})
        assert "did you mean 'lung-volume'" in str(unknown.value)
        assert "lung-volume" in unknown.value.valid
        with pytest.raises(SocketKindError, match="lung-volume"):
            await client.archives.add_cases(
                "radboudcovid", [{"ct-image": scan, "lung-volume": "big"}]
            )
        with pytest.raises(InputFileError):
            await client.archives.add_cases("radboudcovid", [{"report": tmp_path / "gone.pdf"}])
        # titles are unique per archive: the fill of the second case would be refused
        with pytest.raises(gc_highlevel.InvalidArgumentError, match="unique per archive"):
            await client.archives.add_cases(
                "radboudcovid", [{"age": 1}, {"age": 2}], titles=["same", "same"]
            )
        with pytest.raises(gc_highlevel.InvalidArgumentError, match="at most 255"):
            await client.archives.add_cases("radboudcovid", [{"age": 1}], titles=["x" * 256])
    assert writes(local_gc) == []
    assert _items(local_gc) == []


async def test_server_error_on_7th_of_20_then_rerun_gives_one_item_per_case(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    cases = [{"lung-volume": float(n), "age": n} for n in range(20)]
    client, _ = connect(local_gc)

    def fail_7th(event: StepEvent) -> None:
        if event.index == 6 and event.step == "created":
            local_gc.faults.fail_next(1, 500, method="PATCH", path=str(event.ids["pk"]))

    async with client:
        # a failed batch raises, once every other case has finished, with the whole result
        with pytest.raises(gc_highlevel.BatchError, match="1 of 20 items failed") as raised:
            await client.archives.add_cases("radboudcovid", cases, on_step=fail_7th, concurrency=3)
        first = raised.value.result
        assert [o.index for o in first.failed] == [6] and len(first.succeeded) == 19
        rerun = await client.archives.add_cases("radboudcovid", cases)  # all fine: returned
    assert rerun.ok and len(rerun.skipped) == 19
    values = _values(local_gc)
    assert len(values) == 20 and all(len(v) == 2 for v in values)  # no empty item


async def test_failed_upload_leaves_no_item_then_rerun(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    scans = ct_files(tmp_path, 3)
    cases = [{"ct-image": p} for p in scans]
    client, _ = connect(local_gc)

    def break_storage(event: StepEvent) -> None:
        if event.index == 0 and event.step == "done":  # case 2's part fails every retry
            local_gc.faults.fail_next(client.transfers.attempts, 500, kind="storage", method="PUT")

    async with client:
        first = await client.archives.add_cases(
            "radboudcovid", cases, on_step=break_storage, concurrency=1, raise_on_error=False
        )
        assert [o.ok for o in first] == [True, False, True]
        assert isinstance(first[1].error, gc_highlevel.UploadError)
        assert first[1].pk is None  # no item was created for it
        assert len(_values(local_gc)) == 2 and all(_values(local_gc))
        again = await client.archives.add_cases("radboudcovid", cases, raise_on_error=False)
    assert [o.skipped for o in again] == [True, False, True]
    values = _values(local_gc)
    assert len(values) == 3 and all(set(v) == {"ct-image"} for v in values)


async def test_the_upload_limit_stops_the_batch_and_a_rerun_finishes_it(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    scans = ct_files(tmp_path, 4)
    cases = [{"ct-image": p} for p in scans]
    local_gc.upload_quota = 1  # the first file fills it: the next presign answers 403
    # ... as long as it is not imported (an import consumes the upload, freeing the quota)
    local_gc.worker.pause()
    client, _ = connect(local_gc)
    async with client:
        try:
            first = await client.archives.add_cases(
                "radboudcovid", cases, concurrency=1, wait=False, raise_on_error=False
            )
        finally:
            local_gc.worker.resume()
        assert [o.ok for o in first] == [True, False, False, False]
        assert isinstance(first[1].error, gc_highlevel.UploadError)
        assert [o.index for o in first.not_started] == [2, 3]
        for o in first.not_started:
            assert isinstance(o.error, gc_highlevel.CaseNotStartedError)
            assert o.error.reason == "quota" and o.error.refused_index == 1
            assert "upload limit is reached" in str(o.error)
        # cases 2 and 3 sent nothing: two uploads were created, one of them refused
        assert local_gc.request_log.count(method="POST", path=r"^/api/v1/uploads/$") == 2
        assert len(_items(local_gc)) == 1
        local_gc.upload_quota = None
        again = await client.archives.add_cases(
            "radboudcovid", cases, concurrency=1, raise_on_error=False
        )
    assert [o.skipped for o in again] == [True, False, False, False] and again.ok
    values = _values(local_gc)
    assert len(values) == 4 and all(set(v) == {"ct-image"} for v in values)


async def test_a_target_deleted_during_the_batch_stops_it(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    scans = ct_files(tmp_path, 4)
    archive = next(a for a in local_gc.state.archives.values() if a.slug == "radboudcovid")
    client, _ = connect(local_gc)

    def delete_the_archive(event: StepEvent) -> None:
        if event.index == 1 and event.step == "created":  # before its values are set
            with local_gc.state.lock:  # as the web UI does: the items go with the archive
                for item in _items(local_gc):
                    del local_gc.state.archive_items[item.pk]  # type: ignore[attr-defined]
                del local_gc.state.archives[archive.pk]

    async with client:
        result = await client.archives.add_cases(
            archive.pk,
            [{"ct-image": p} for p in scans],
            concurrency=1,
            wait=False,
            on_step=delete_the_archive,
            raise_on_error=False,
        )
    assert [o.ok for o in result] == [True, False, False, False]
    assert isinstance(result[1].error, gc_highlevel.NotFoundError)  # the PATCH of its item
    assert [o.error.reason for o in result.not_started] == ["target-gone"] * 2  # type: ignore[union-attr]
    # one request told the 404 of an item from a vanished archive, then nothing more was sent
    assert api_requests(local_gc)[-1] == f"GET /api/v1/archives/{archive.pk}/"
    assert local_gc.request_log.count(method="POST", path=r"^/api/v1/uploads/$") == 2


async def test_killed_between_upload_and_create_then_rerun(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    scans = ct_files(tmp_path, 3)
    cases = [{"ct-image": p} for p in scans]
    client, _ = connect(local_gc)

    def kill(event: StepEvent) -> None:
        if event.index == 1 and event.step == "uploaded":
            raise Killed

    async with client:
        with pytest.raises(Killed):
            await client.archives.add_cases("radboudcovid", cases, on_step=kill, concurrency=1)
        uploads_before = len([r for r in api_requests(local_gc) if r == "POST /api/v1/uploads/"])
        result = await client.archives.add_cases("radboudcovid", cases, concurrency=1)
    assert result.ok and [o.skipped for o in result] == [True, False, False]
    uploads = [r for r in api_requests(local_gc) if r == "POST /api/v1/uploads/"]
    assert len(uploads) - uploads_before == 1  # case 2 reused its upload; only case 3 uploaded
    values = _values(local_gc)
    assert len(values) == 3 and all(set(v) == {"ct-image"} for v in values)


def _archive_items(gc: LocalGrandChallenge) -> dict[str, ArchiveItem]:
    """The items of ``radboudcovid`` by pk, once the server's worker is idle."""
    gc.wait_idle(60)
    archive = next(a for a in gc.state.archives.values() if a.slug == "radboudcovid")
    return {i.pk: i for i in gc.state.archive_items.values() if i.archive == archive.pk}


async def test_a_lost_create_answer_is_adopted_by_its_marker_not_another_empty_item(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    cases = [{"age": n} for n in range(3)]
    titles = ["first", "second", "third"]
    journal = tmp_path / "journal.jsonl"
    client, _ = connect(local_gc)

    def lose_answer(event: StepEvent) -> None:
        if event.index == 2 and event.step == "creating":  # the server creates the item, but
            local_gc.faults.reset_next(1, method="POST", path="/archives/items/$")  # no answer
            # and the run cannot look for it (else it adopts it at once: the next test)
            local_gc.faults.fail_next(1, 500, method="GET", path="/archives/items/$")

    async with client:
        # Someone else's new item, empty between its create and its fill, in the same archive.
        foreign = await client.archive_items.create(archive="radboudcovid")
        first = await client.archives.add_cases(
            "radboudcovid",
            cases,
            titles=titles,
            journal=journal,
            on_step=lose_answer,
            concurrency=1,
            raise_on_error=False,
        )
        assert [o.ok for o in first] == [True, True, False]
        assert isinstance(first[2].error, gc_highlevel.InternalServerError)
        # What the user sees until the rerun: an empty item titled with the case's marker.
        (lost,) = [i for i in _archive_items(local_gc).values() if i.title.startswith("gc-")]
        assert lost.title.startswith("gc-client:") and not lost.values
        local_gc.request_log.clear()
        rerun = await client.archives.add_cases(
            "radboudcovid", cases, titles=titles, journal=journal, raise_on_error=False
        )
    rerun.raise_for_errors()
    assert [o.skipped for o in rerun] == [True, True, False]
    assert str(rerun[2].pk) == lost.pk  # its own item, adopted
    assert "POST /api/v1/archives/items/" not in api_requests(local_gc)
    items = _archive_items(local_gc)
    untouched = items.pop(str(foreign.pk))
    assert (untouched.title, untouched.values) == ("", {})  # not taken, still empty
    assert sorted((i.title, set(i.values)) for i in items.values()) == [
        ("first", {"age"}),
        ("second", {"age"}),
        ("third", {"age"}),
    ]


async def test_a_lost_create_answer_is_adopted_in_the_same_run(
    local_gc: LocalGrandChallenge,
) -> None:
    cases = [{"age": n} for n in range(3)]
    client, _ = connect(local_gc)
    # the second item is created, but its answer is lost: the run finds it by its marker
    local_gc.faults.reset_next(1, method="POST", path="/archives/items/$")
    async with client:
        first = await client.archives.add_cases("radboudcovid", cases, concurrency=1)
        assert first.ok, [o.error for o in first]
        again = await client.archives.add_cases("radboudcovid", cases)
        assert all(o.skipped for o in again) and again.pks() == first.pks()
    assert api_requests(local_gc).count("POST /api/v1/archives/items/") == 3
    items = _archive_items(local_gc)
    assert sorted(str(pk) for pk in first.pks()) == sorted(items)
    assert sorted(
        i.values["age"] and local_gc.state.civs[i.values["age"]].value for i in items.values()
    ) == [0, 1, 2]
    assert not [i for i in items.values() if i.title.startswith("gc-client:")]


@pytest.mark.parametrize("rerun", [False, True], ids=["same-run", "rerun"])
async def test_a_slow_create_is_awaited_and_adopted_never_made_twice(
    local_gc: LocalGrandChallenge, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rerun: bool
) -> None:
    from gc_highlevel import AsyncClient

    window = "gc_highlevel._async.workflows._value_sets.LATE_CREATE_WINDOW"
    monkeypatch.setattr(window, 10.0)
    monkeypatch.setattr(window.replace("_async", "_sync"), 10.0)
    journal = tmp_path / "journal.jsonl"
    cases = [{"age": n} for n in range(2)]
    token, url = local_gc.tokens["demo"], local_gc.api_url
    # The server starts on the first create only after 3 s; the client gives up after 1 s.
    # Found by its marker once it lands (before: a second item was made at once, and the
    # late create left an empty item titled with the marker).
    local_gc.faults.delay(3, n=1, method="POST", path="/archives/items/$")
    if rerun:  # the run cannot look for it (it fails), and the batch is rerun at once
        local_gc.faults.fail_next(1, 500, method="GET", path="/archives/items/$")
    async with AsyncClient(token, base_url=url, timeout=1, max_retries=0) as client:
        first = await client.archives.add_cases(
            "radboudcovid", cases, journal=journal, concurrency=1, raise_on_error=False
        )
    if rerun:
        assert [o.ok for o in first] == [False, True]
        async with AsyncClient(token, base_url=url) as client:
            first = await client.archives.add_cases(
                "radboudcovid", cases, journal=journal, raise_on_error=False
            )
        assert [o.skipped for o in first] == [False, True]
    assert first.ok, [o.error for o in first]
    assert api_requests(local_gc).count("POST /api/v1/archives/items/") == 2
    items = _archive_items(local_gc)
    assert sorted(str(pk) for pk in first.pks()) == sorted(items)
    assert not [i for i in items.values() if i.title.startswith("gc-")]


async def test_a_file_whose_upload_failed_half_way_is_resumed_by_the_rerun(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    journal = tmp_path / "journal.jsonl"
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.4\n" + os.urandom(16 * 2**20) + b"\n%%EOF\n")
    cases = [{"report": report}]
    local_gc.faults.fail_part(3, n=1000, status=503)  # parts 1, 2 and 4 arrive, 3 never does
    client, _ = connect(local_gc)
    async with client:
        first = await client.archives.add_cases(
            "radboudcovid", cases, journal=journal, raise_on_error=False
        )
        assert isinstance(first[0].error, gc_highlevel.UploadError)
        assert first[0].error.kept  # kept for the rerun, not aborted
        local_gc.faults.clear()
        local_gc.request_log.clear()
        events: list[ProgressEvent] = []
        again = await client.archives.add_cases(
            "radboudcovid",
            cases,
            journal=journal,
            raise_on_error=False,
            byte_progress=events.append,
        )
        assert again.ok, [o.error for o in again]
    # the parts already on the server count as done: the whole file, once
    assert sum(e.delta for e in events) == events[-1].total == report.stat().st_size
    sent = api_requests(local_gc)
    assert "POST /api/v1/uploads/" not in sent  # the kept upload was finished ...
    puts = [e for e in local_gc.request_log if e.kind == "storage" and e.method == "PUT"]
    assert [e.query.get("partNumber") for e in puts] == [["3"]]  # ... with its missing part
    (item,) = [i for i in _archive_items(local_gc).values() if "report" in i.values]
    assert str(item.pk) == str(again[0].pk)


async def test_a_create_that_never_arrived_adopts_nothing_of_another_batch(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    journal = tmp_path / "journal.jsonl"
    client, _ = connect(local_gc)

    def kill(event: StepEvent) -> None:
        if event.index == 1 and event.step == "creating":
            raise Killed  # the process dies before its create is sent

    async with client:
        # A batch without journal whose fill failed leaves its item empty (it cannot resume).
        local_gc.faults.fail_next(1, 500, method="PATCH", path="/archives/items/")
        other = await client.archives.add_cases(
            "radboudcovid", {"age": 99}, journal=False, raise_on_error=False
        )
        assert isinstance(other[0].error, gc_highlevel.InternalServerError)
        (leftover,) = _archive_items(local_gc).values()
        cases, titles = [{"age": 1}, {"age": 2}], ["one", "two"]
        with pytest.raises(Killed):
            await client.archives.add_cases(
                "radboudcovid",
                cases,
                titles=titles,
                journal=journal,
                on_step=kill,
                concurrency=1,
                raise_on_error=False,
            )
        rerun = await client.archives.add_cases(
            "radboudcovid", cases, titles=titles, journal=journal, raise_on_error=False
        )
    rerun.raise_for_errors()
    assert [o.skipped for o in rerun] == [True, False]
    items = _archive_items(local_gc)
    assert str(rerun[1].pk) != leftover.pk
    untouched = items.pop(leftover.pk)
    assert untouched.values == {} and untouched.title.startswith("gc-client:")
    assert sorted((i.title, set(i.values)) for i in items.values()) == [
        ("one", {"age"}),
        ("two", {"age"}),
    ]


async def test_edit_items_like_the_archives_tutorial(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    scans = ct_files(tmp_path / "scans", 2)
    overlay = ct_files(tmp_path / "overlays", 1, prefix="overlay")[0]
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.4\n")
    client, _ = connect(local_gc)
    async with client:
        (
            await client.archives.add_cases("radboudcovid", [{"ct-image": scans[0]}])
        ).raise_for_errors()
        local_gc.wait_idle(60)
        (item,) = await client.archives.cases("radboudcovid")
        await client.archives.set_values(item.item, {"generic-overlay": overlay})
        await client.archives.set_values(item.item, {"report": report, "lung-volume": 1.9})
        local_gc.wait_idle(60)
        old_ct = (await client.archives.cases("radboudcovid"))[0].image_url("ct-image")
        await client.archives.set_values(item.pk, {"ct-image": scans[1]})  # replace the CT
        await client.archives.set_values(item.pk, {"lung-volume": 2.2})  # replace a value
        local_gc.wait_idle(60)
        await client.archives.change_socket(
            item.pk, old="generic-overlay", new="tumor-likelihood-map"
        )
        local_gc.wait_idle(60)
        (final,) = await client.archives.cases("radboudcovid")
        mirrored = await client.archives.mirror("radboudcovid", tmp_path / "mirror")
    assert {p.name for p in mirrored.files} == {
        f"{final.pk}_report.pdf",
        "case02.mha",
        "overlay01.mha",
    }
    assert set(final.values) == {"ct-image", "tumor-likelihood-map", "report", "lung-volume"}
    assert final.value("lung-volume") == 2.2
    assert final.image_url("ct-image") != old_ct


async def test_change_socket_mistakes_raise_typed_errors_and_change_nothing(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    (scan,) = ct_files(tmp_path, 1)
    client, _ = connect(local_gc)
    async with client:
        result = await client.archives.add_cases(
            "radboudcovid", {"ct-image": scan, "lung-volume": 1.5}
        )
        item = result.pks()[0]
        local_gc.request_log.clear()
        with pytest.raises(gc_highlevel.InvalidArgumentError, match="holds a value, not an image"):
            await client.archives.change_socket(item, old="lung-volume", new="age")
        with pytest.raises(gc_highlevel.InvalidArgumentError, match="has nothing on socket"):
            await client.archives.change_socket(item, old="generic-overlay", new="ct-image")
        with pytest.raises(UnknownSocketError, match="did you mean 'tumor-likelihood-map'"):
            await client.archives.change_socket(item, old="ct-image", new="tumor-likelihood-mop")
        with pytest.raises(SocketKindError, match="not an image socket"):
            await client.archives.change_socket(item, old="ct-image", new="lung-volume")
    assert writes(local_gc) == []


async def test_mirror_is_resumable(local_gc: LocalGrandChallenge, tmp_path: Path) -> None:
    client, _ = connect(local_gc)
    async with client:
        first = await client.archives.mirror("coronacases.org", tmp_path / "mirror")
        assert [p.name for p in first.files] == [
            "coronacases_001.mha",
            "coronacases_002.mha",
            "coronacases_003.mha",
        ]
        assert first.skipped == 0
        (tmp_path / "mirror" / "coronacases_002.mha").unlink()
        local_gc.request_log.clear()
        again = await client.archives.mirror("coronacases.org", tmp_path / "mirror")
    assert again.skipped == 2
    media = [r for r in api_requests(local_gc) if "/media/" in r]
    assert len(media) == 1  # only the missing file was fetched
    manifest = (tmp_path / "mirror" / "items.csv").read_text(encoding="utf-8").splitlines()
    assert manifest[0].startswith("item_pk,title,socket") and len(manifest) == 4
    assert "coronacases_001.mha" in manifest[1] or "coronacases_001.mha" in "".join(manifest)


async def test_mirror_names_files_by_their_format_not_the_uploaded_name(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    # The server converts a NIfTI (or DICOM...) upload to MHA but keeps the uploaded name.
    import SimpleITK as sitk

    (scan,) = ct_files(tmp_path, 1)
    nifti = tmp_path / "brain.nii.gz"
    sitk.WriteImage(sitk.ReadImage(str(scan)), str(nifti))
    client, _ = connect(local_gc)
    async with client:
        (await client.archives.add_cases("radboudcovid", {"ct-image": nifti})).raise_for_errors()
        result = await client.archives.mirror("radboudcovid", tmp_path / "mirror")
    assert [p.name for p in result.files] == ["brain.mha"]
    assert result.files[0].read_bytes().startswith(b"ObjectType = Image")
    assert "brain.mha" in result.manifest.read_text(encoding="utf-8")


async def test_mirror_gives_clashing_names_distinct_files_and_repairs_them(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    # Uploads named scan.mha, scan.mha and scan_2.mha: a dedupe by order gave two files.
    scans = ct_files(tmp_path / "src", 3)
    named = [tmp_path / "a" / "scan.mha", tmp_path / "b" / "scan.mha", tmp_path / "scan_2.mha"]
    for scan, path in zip(scans, named, strict=True):
        path.parent.mkdir(parents=True, exist_ok=True)
        scan.rename(path)
    target = tmp_path / "mirror"
    client, _ = connect(local_gc)
    async with client:
        added = await client.archives.add_cases(
            "radboudcovid", [{"ct-image": p} for p in named], wait=True
        )
        added.raise_for_errors()
        cases = await client.archives.cases("radboudcovid")
        first = await client.archives.mirror("radboudcovid", target)
        local_gc.request_log.clear()
        again = await client.archives.mirror("radboudcovid", target)
        assert not [r for r in api_requests(local_gc) if "/media/" in r]
        victim, shortened = first.files[0], first.files[1]
        victim.unlink()
        shortened.write_bytes(shortened.read_bytes()[:-10])
        (target / (victim.name + ".gcpart.json")).write_text("{}")  # a stray partial
        repaired = await client.archives.mirror("radboudcovid", target)

    storage = local_gc.state.storage
    assert storage is not None
    image_of = {
        str(c.pk): str(c.image_url("ct-image")).rstrip("/").rsplit("/", 1)[-1] for c in cases
    }
    rows = list(csv.DictReader(io.StringIO(first.manifest.read_text(encoding="utf-8"))))
    names = {image_of[r["item_pk"]]: r["image_file"] for r in rows if r["socket"] == "ct-image"}
    assert len(names) == 3 and len({n.casefold() for n in names.values()}) == 3
    assert {"scan.mha", "scan_2.mha"} < set(names.values())
    expected = {
        names[pk]: storage.get_bytes(
            storage.protected_bucket, local_gc.state.images[pk].files[0].key
        )
        for pk in names
    }
    assert len(set(expected.values())) == 3  # three different images
    for result in (first, again, repaired):
        assert sorted(p.name for p in result.files) == sorted(expected)
        assert all(p.read_bytes() == expected[p.name] for p in result.files)
    assert first.skipped == 0 and first.checked == 3
    assert again.skipped == 3 and again.repaired == [] and again.checked == 3
    assert repaired.skipped == 1 and repaired.repaired == [shortened] and repaired.checked == 3
    assert not list(target.glob("*.gcpart*"))


def _delete_item(gc: LocalGrandChallenge, pk: object) -> None:
    """Delete an archive item on the server (the API cannot: as the web UI does)."""
    with gc.state.lock:
        (key,) = [k for k, i in gc.state.archive_items.items() if str(i.pk) == str(pk)]
        del gc.state.archive_items[key]


def _item_lists(gc: LocalGrandChallenge) -> int:
    return gc.request_log.count(method="GET", path=r"^/api/v1/archives/items/$")


async def test_a_rerun_remakes_the_item_of_a_finished_case_deleted_on_the_server(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    scans = ct_files(tmp_path, 2)
    cases = [{"ct-image": p} for p in scans]
    journal = tmp_path / "journal.jsonl"
    now = [0.0]
    client, sleep = connect(local_gc)

    def tick(n: int) -> None:
        now[0] += 100  # a wait for an item that never fills ends after 3 rounds

    sleep.before = tick
    async with client:
        client._clock = lambda: now[0]
        first = await client.archives.add_cases("radboudcovid", cases, journal=journal)
        first.raise_for_errors()
        _delete_item(local_gc, first[0].pk)
        local_gc.request_log.clear()
        sleeps = len(sleep.calls)
        rerun = await client.archives.add_cases("radboudcovid", cases, journal=journal, timeout=300)
    rerun.raise_for_errors()  # before: case 0 "still lacks ct-image after 300 s"
    assert [o.skipped for o in rerun] == [False, True]
    assert rerun[0].pk != first[0].pk and rerun[1].pk == first[1].pk
    # no wait for the lost item: the check, then the wait for the new one's import
    assert _item_lists(local_gc) <= 3 and len(sleep.calls) - sleeps <= 1
    items = _archive_items(local_gc)
    assert sorted(str(pk) for pk in items) == sorted(str(o.pk) for o in rerun)  # one per case
    assert all(set(i.values) == {"ct-image"} for i in items.values())


async def test_a_rerun_remakes_the_item_deleted_before_its_values_were_set(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    scans = ct_files(tmp_path, 2)
    cases = [{"ct-image": p} for p in scans]
    journal = tmp_path / "journal.jsonl"
    client, _ = connect(local_gc)
    created: list[str] = []

    def kill(event: StepEvent) -> None:
        if event.index == 1 and event.step == "created":
            created.append(event.ids["pk"])
            raise Killed

    async with client:
        with pytest.raises(Killed):
            await client.archives.add_cases(
                "radboudcovid", cases, journal=journal, on_step=kill, concurrency=1
            )
        _delete_item(local_gc, created[0])
        rerun = await client.archives.add_cases(
            "radboudcovid", cases, journal=journal, concurrency=1
        )
    rerun.raise_for_errors()  # before: a 404 on the PATCH of the deleted item, at every rerun
    assert str(rerun[1].pk) != created[0] and not rerun[1].skipped
    items = _archive_items(local_gc)
    assert sorted(str(pk) for pk in items) == sorted(str(o.pk) for o in rerun)


async def test_an_item_deleted_during_the_import_wait_fails_its_case_at_once(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    scans = ct_files(tmp_path, 2)
    cases = [{"ct-image": p} for p in scans]
    journal = tmp_path / "journal.jsonl"
    now = [0.0]
    client, sleep = connect(local_gc)
    local_gc.worker.pause()  # the imports wait until the item is deleted
    pks: list[object] = []

    def delete_then_import(n: int) -> None:
        now[0] += 100  # before: the wait for the deleted item ended only after 300 s
        if n == 1:
            _delete_item(local_gc, pks[0])
            local_gc.worker.resume()
            sleep.gc = local_gc

    def created(event: StepEvent) -> None:
        if event.step == "created":
            pks.append(event.ids["pk"])

    sleep.before = delete_then_import
    sleep.gc = None
    try:
        async with client:
            client._clock = lambda: now[0]
            result = await client.archives.add_cases(
                "radboudcovid",
                cases,
                journal=journal,
                timeout=300,
                concurrency=1,
                on_step=created,
                raise_on_error=False,
            )
            error = result[0].error
            assert isinstance(error, gc_highlevel.ObjectDeletedError), error
            assert error.pk == str(pks[0]) and error.case == result[0].name
            assert "deleted on the server" in str(error) and "rerun" in str(error)
            assert result[1].ok and len(sleep.calls) <= 2
            rerun = await client.archives.add_cases(
                "radboudcovid", cases, journal=journal, raise_on_error=False
            )
    finally:
        local_gc.worker.resume()
    rerun.raise_for_errors()
    assert [o.skipped for o in rerun] == [False, True] and str(rerun[0].pk) != str(pks[0])
    items = _archive_items(local_gc)
    assert sorted(str(pk) for pk in items) == sorted(str(o.pk) for o in rerun)

"""End to end: run algorithms, wait for jobs, map outputs to inputs, download them.

Async source; ``tests/workflows/_sync/`` is generated from it by ``scripts/make_sync.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import gc_highlevel
from gc_highlevel._concurrency import async_sleep
from gc_highlevel._exceptions import JobCancelledError, JobFailedError
from gc_highlevel.progress import ProgressEvent
from gc_highlevel.socket_values import (
    DuplicateSocketError,
    InputFileError,
    MissingInputError,
    SocketKindError,
    UnexpectedInputError,
    UnknownSocketError,
)
from gc_highlevel.testing import LocalGrandChallenge
from gc_highlevel.workflow_types import StepEvent

from .helpers import api_requests, connect, ct_files, writes

pytestmark = [pytest.mark.anyio, pytest.mark.e2e]

LOBES = "pulmonary-lobe-segmentation"
COVID = "pulmonary-lobe-segmentation-for-covid-19-ct-scans"


async def test_run_wait_and_download_named_after_inputs(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    files = ct_files(tmp_path / "io", 2)
    client, _ = connect(local_gc)
    async with client:
        jobs = await client.algorithms.run(LOBES, [{"generic-medical-image": p} for p in files])
        assert jobs.ok and len(jobs.pks()) == 2
        done = await client.jobs.wait(jobs, timeout=120)
        assert [j.status for j in done] == ["Succeeded", "Succeeded"]
        local_gc.request_log.clear()
        out = await client.jobs.download_outputs(
            done, tmp_path / "out", template="{stem}_lobes{ext}"
        )
    # Names from the files this client uploaded, files from the jobs' own outputs (one GET per
    # output image), never the image list's job filters (they answer 500 when deployed).
    images = [e for e in local_gc.request_log if e.path.startswith("/api/v1/cases/images/")]
    assert len(images) == 2 and all(e.operation_id == "cases_images_retrieve" for e in images)
    assert all(e.status < 500 for e in local_gc.request_log)
    # another client reads the input images' names too: one GET per input image more
    fresh, _ = connect(local_gc)
    async with fresh:
        local_gc.request_log.clear()
        again = await fresh.jobs.download_outputs(
            done, tmp_path / "out", template="{stem}_lobes{ext}"
        )
    assert sorted(o.path.name for o in again) == sorted(o.path.name for o in out)
    assert all(o.skipped for o in again if o.socket == "pulmonary-lobes")
    assert [e.operation_id for e in local_gc.request_log] == ["cases_images_retrieve"] * 4
    names = sorted(o.path.name for o in out)
    assert names == [
        "case01_lobes.json",
        "case01_lobes.mha",
        "case02_lobes.json",
        "case02_lobes.mha",
    ]
    lobes = [o for o in out if o.socket == "pulmonary-lobes"]
    assert all(o.path.stat().st_size > 0 for o in lobes)
    volume = next(o for o in out if o.socket == "lung-volume")
    assert float(volume.path.read_text(encoding="utf-8")) > 0


async def test_run_reports_the_bytes_its_uploads_send(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    files = ct_files(tmp_path / "io", 2)
    events: list[ProgressEvent] = []
    client, _ = connect(local_gc)
    async with client:
        jobs = await client.algorithms.run(
            LOBES,
            [{"generic-medical-image": p} for p in files],
            journal=False,
            byte_progress=events.append,
        )
    assert jobs.ok
    size = sum(p.stat().st_size for p in files)
    assert sum(e.delta for e in events) == size
    assert events[-1].done == events[-1].total == size


async def test_download_skips_complete_files_on_rerun(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    files = ct_files(tmp_path / "io", 1)
    client, _ = connect(local_gc)
    async with client:
        done = await client.jobs.wait(
            await client.algorithms.run(LOBES, [{"generic-medical-image": files[0]}])
        )
        first = await client.jobs.download_outputs(done, tmp_path / "out")
        again = await client.jobs.download_outputs(done, tmp_path / "out")
    assert not any(o.skipped for o in first)
    assert all(o.skipped for o in again)


async def test_download_outputs_refuses_a_bad_template_or_socket_with_a_typed_error(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    files = ct_files(tmp_path / "io", 1)
    client, _ = connect(local_gc)
    async with client:
        done = await client.jobs.wait(
            await client.algorithms.run(LOBES, [{"generic-medical-image": files[0]}])
        )
        local_gc.request_log.clear()
        for template in ("{stemm}_{socket}{ext}", "{0}{ext}", "{stem"):
            with pytest.raises(gc_highlevel.InvalidArgumentError, match="template") as info:
                await client.jobs.download_outputs(done, tmp_path / "out", template=template)
            assert "{stem}" in str(info.value)  # the fields it can use
        assert api_requests(local_gc) == []  # checked before anything is fetched
        with pytest.raises(gc_highlevel.InvalidArgumentError, match="pulmonary-lobes") as info:
            await client.jobs.download_outputs(done, tmp_path / "out", sockets=["pulmonary-lobe"])
        assert "did you mean 'pulmonary-lobes'" in str(info.value)
        assert not (tmp_path / "out").exists()
        # One slug as a plain string is that socket (not its letters).
        one = await client.jobs.download_outputs(done, tmp_path / "out", sockets="pulmonary-lobes")
    assert [o.path.name for o in one] == ["case01_pulmonary-lobes.mha"]


def _binarize(path: Path) -> Path:
    import SimpleITK as sitk

    lobes = sitk.ReadImage(str(path))
    lungs = sitk.Cast(lobes > 0, sitk.sitkUInt8)
    lungs.CopyInformation(lobes)
    sitk.WriteImage(lungs, str(path), True)
    return path


async def test_multi_input_registration(local_gc: LocalGrandChallenge, tmp_path: Path) -> None:
    ct = ct_files(tmp_path / "io", 2)
    client, _ = connect(local_gc)
    async with client:
        summary = await client.algorithms.describe("deep-learning-based-ct-lung-registration")
        assert summary.input_slugs == [["fixed-image", "moving-image", "fixed-mask", "moving-mask"]]
        assert "fixed-image (Image; image files" in str(summary)
        lobes = await client.jobs.wait(
            await client.algorithms.run(LOBES, [{"generic-medical-image": p} for p in ct])
        )
        masks = await client.jobs.download_outputs(
            lobes, tmp_path / "io", template="{stem}_lungs{ext}", sockets=["pulmonary-lobes"]
        )
        fixed_mask, moving_mask = (_binarize(m.path) for m in masks)  # as the tutorial does
        job = await client.algorithms.run(
            "deep-learning-based-ct-lung-registration",
            {
                "fixed-image": ct[0],
                "moving-image": ct[1],
                "fixed-mask": fixed_mask,
                "moving-mask": moving_mask,
            },
        )
        (done,) = await client.jobs.wait(job)
        out = await client.jobs.download_outputs([done], tmp_path / "reg", template="{socket}{ext}")
    assert sorted(o.path.name for o in out) == [
        "displacement-field.mha",
        "moving-image-transformed.mha",
    ]


class Killed(BaseException):
    """Stands in for the process being killed."""


async def test_job_batch_resumes_without_duplicate_jobs(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    files = ct_files(tmp_path / "io", 3)
    cases = [{"generic-medical-image": p} for p in files]
    client, _ = connect(local_gc)

    def kill(event: StepEvent) -> None:
        if event.index == 1 and event.step == "uploaded":
            raise Killed  # uploaded, but the job was never POSTed

    async with client:
        with pytest.raises(Killed):
            await client.algorithms.run(LOBES, cases, on_step=kill, concurrency=1)
        uploads_before = api_requests(local_gc).count("POST /api/v1/uploads/")
        again = await client.algorithms.run(LOBES, cases, concurrency=1)
        assert [o.skipped for o in again] == [True, False, False]
        await client.jobs.wait(again)
        third = await client.algorithms.run(LOBES, cases)  # everything done: nothing is sent
        assert all(o.skipped for o in third)
    assert api_requests(local_gc).count("POST /api/v1/uploads/") - uploads_before == 1
    assert api_requests(local_gc).count("POST /api/v1/algorithms/jobs/") == 3
    assert len(local_gc.state.jobs) == 3


async def test_lost_job_answer_is_resolved_in_the_same_run(local_gc: LocalGrandChallenge) -> None:
    images = sorted(local_gc.state.images.values(), key=lambda i: i.name)
    cases = [{"ct-image": f"{local_gc.api_url}cases/images/{i.pk}/"} for i in images[:2]]
    client, _ = connect(local_gc)
    # the server creates the first job, but its answer is lost (connection reset): the run
    # sends it again, the server refuses a duplicate, and the run takes the existing job
    local_gc.faults.reset_next(1, method="POST", path=r"/algorithms/jobs/$")
    async with client:
        first = await client.algorithms.run(COVID, cases, concurrency=1)
        assert first.ok and [o.skipped for o in first] == [True, False]
        again = await client.algorithms.run(COVID, cases)
        assert again.ok and [o.skipped for o in again] == [True, True]
        assert again.pks() == first.pks()
        await client.jobs.wait(again)
    assert len(local_gc.state.jobs) == 2  # one job per case, the lost one adopted
    assert again[0].pk is not None and str(again[0].pk) in local_gc.state.jobs


def _jobs_by_input_name(gc: LocalGrandChallenge) -> dict[str, int]:
    """How many jobs each input image name has (exactly once: 1 each)."""
    st = gc.state
    counts: dict[str, int] = {}
    for job in st.jobs.values():
        for civ_pk in job.inputs.values():
            image = st.civs[civ_pk].image
            if image is not None:
                name = st.images[image].name
                counts[name] = counts.get(name, 0) + 1
    return counts


async def test_lost_answer_to_a_job_from_uploaded_files_makes_one_job(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    files = ct_files(tmp_path / "io", 3)
    cases = [{"generic-medical-image": p} for p in files]
    client, _ = connect(local_gc)
    # the second job is created, its answer lost: the run sees that its upload session was
    # taken, waits for the import and adopts the job (before: a second job, or a 400)
    local_gc.faults.reset_next(1, method="POST", path=r"/algorithms/jobs/$")
    async with client:
        first = await client.algorithms.run(LOBES, cases, concurrency=1)
        assert first.ok, [o.error for o in first]
        done = await client.jobs.wait(first)
        assert [j.status for j in done] == ["Succeeded"] * 3
        again = await client.algorithms.run(LOBES, cases)
        assert all(o.skipped for o in again) and again.pks() == first.pks()
    local_gc.wait_idle(60)
    assert _jobs_by_input_name(local_gc) == {p.name: 1 for p in files}


async def test_rerun_after_a_lost_job_answer_finds_the_job_of_uploaded_files(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    files = ct_files(tmp_path / "io", 2)
    cases = [{"generic-medical-image": p} for p in files]
    # the first run loses the answer of the first job and cannot look (no retries, the look-up
    # fails): the case fails, and its journal entry says the job was being submitted
    client, _ = connect(local_gc, max_retries=0)
    local_gc.faults.reset_next(1, method="POST", path=r"/algorithms/jobs/$")
    local_gc.faults.fail_next(1, 503, method="GET", path=r"/upload-sessions/[^/]+/$")
    async with client:
        first = await client.algorithms.run(LOBES, cases, concurrency=1, raise_on_error=False)
        assert [o.ok for o in first] == [False, True]
    assert len(local_gc.state.jobs) == 2  # the lost answer's job exists
    client, _ = connect(local_gc)
    async with client:
        local_gc.request_log.clear()
        again = await client.algorithms.run(LOBES, cases, raise_on_error=False)
        assert again.ok and [o.skipped for o in again] == [True, True]
        done = await client.jobs.wait(again)
        assert [j.status for j in done] == ["Succeeded", "Succeeded"]
    assert "POST /api/v1/algorithms/jobs/" not in api_requests(local_gc)
    assert "POST /api/v1/uploads/" not in api_requests(local_gc)
    assert _jobs_by_input_name(local_gc) == {p.name: 1 for p in files}


async def test_rerun_of_a_job_the_server_never_made_reads_its_session_once(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    (file,) = ct_files(tmp_path / "io", 1)
    cases = [{"generic-medical-image": file}]
    # the job POST fails twice with a 503 (the server made nothing): the case fails in the
    # step "submitting", with its upload session recorded and still waiting
    client, _ = connect(local_gc, max_retries=0)
    local_gc.faults.fail_next(2, 503, method="POST", path=r"/algorithms/jobs/$")
    async with client:
        first = await client.algorithms.run(LOBES, cases, raise_on_error=False)
        assert not first.ok
    assert len(local_gc.state.jobs) == 0
    client, _ = connect(local_gc)
    async with client:
        local_gc.request_log.clear()
        again = await client.algorithms.run(LOBES, cases)
        assert again.ok and not again[0].skipped
        await client.jobs.wait(again)
    sent = api_requests(local_gc)
    # the rerun reads the session once (still waiting: no job took it) and sends the job with
    # it; before, it read the session a second time on the way
    assert sum(r.startswith("GET /api/v1/cases/upload-sessions/") for r in sent) == 1
    assert "POST /api/v1/uploads/" not in sent and "POST /api/v1/cases/upload-sessions/" not in sent
    assert sent.count("POST /api/v1/algorithms/jobs/") == 1
    assert _jobs_by_input_name(local_gc) == {file.name: 1}


async def test_slow_job_answer_then_resend_makes_one_job(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    (file,) = ct_files(tmp_path / "io", 1)
    client, _ = connect(local_gc, timeout=1)
    # the server takes 3 s to start handling the POST; the client gives up after 1 s, sees the
    # session still waiting and sends the job again: the late first POST finds the session
    # taken and is refused (before: two jobs)
    local_gc.faults.delay(3, n=1, method="POST", path=r"/algorithms/jobs/$")
    async with client:
        first = await client.algorithms.run(LOBES, [{"generic-medical-image": file}])
        assert first.ok, [o.error for o in first]
        for _ in range(100):  # the delayed POST ends a little later
            if api_requests(local_gc).count("POST /api/v1/algorithms/jobs/") == 2:
                break
            await async_sleep(0.1)
        await client.jobs.wait(first)
    posts = [e for e in local_gc.request_log if e.path == "/api/v1/algorithms/jobs/"]
    assert sorted(e.status for e in posts if e.method == "POST") == [201, 400]
    assert _jobs_by_input_name(local_gc) == {file.name: 1}


async def test_an_answer_later_than_the_timeout_makes_no_second_job(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    (file,) = ct_files(tmp_path / "io", 1)
    client, _ = connect(local_gc, timeout=1)
    # the server makes the job at once but answers only after 3 s; the client gave up after
    # 1 s: the session it sent is taken, so the job is found, not sent again
    local_gc.faults.answer_late(3, method="POST", path=r"/algorithms/jobs/$")
    async with client:
        first = await client.algorithms.run(LOBES, [{"generic-medical-image": file}])
        assert first.ok and first[0].skipped, [o.error for o in first]
        await client.jobs.wait(first)
        for _ in range(100):  # the late answer is logged once it has left
            if "POST /api/v1/algorithms/jobs/" in api_requests(local_gc):
                break
            await async_sleep(0.1)
    assert api_requests(local_gc).count("POST /api/v1/algorithms/jobs/") == 1
    assert _jobs_by_input_name(local_gc) == {file.name: 1}


async def test_lost_answers_to_jobs_from_values_and_files_are_adopted(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    demo = next(u for u in local_gc.state.users.values() if u.username == "demo")
    for slug, socket in (("score-echo", "corads-score"), ("report-echo", "report")):
        local_gc.state.add_algorithm(
            slug, slug, inputs=[socket], outputs=["some-score"], function="echo", users=[demo]
        )
    reports = []
    for n in range(2):
        reports.append(tmp_path / f"report{n}.pdf")
        reports[-1].write_bytes(b"%PDF-1.4\n%" + bytes([n]) + b"\n%%EOF\n")
    client, _ = connect(local_gc)
    async with client:
        # values: the resend is refused as a duplicate and the listed job taken
        local_gc.faults.reset_next(1, method="POST", path=r"/algorithms/jobs/$")
        scores = await client.algorithms.run(
            "score-echo", [{"corads-score": 3}, {"corads-score": 4}]
        )
        assert scores.ok, [o.error for o in scores]
        # a file: the job is found among the algorithm's newest (its file may still be copied)
        local_gc.faults.reset_next(1, method="POST", path=r"/algorithms/jobs/$")
        files = await client.algorithms.run("report-echo", [{"report": p} for p in reports])
        assert files.ok, [o.error for o in files]
        await client.jobs.wait([*scores, *files])
        again = await client.algorithms.run("report-echo", [{"report": p} for p in reports])
        assert all(o.skipped for o in again) and again.pks() == files.pks()
    per_algorithm: dict[str, int] = {}
    for job in local_gc.state.jobs.values():
        slug = local_gc.state.algorithms[job.algorithm].slug
        per_algorithm[slug] = per_algorithm.get(slug, 0) + 1
    assert per_algorithm == {"score-echo": 2, "report-echo": 2}
    assert len(set(scores.pks())) == 2 and len(set(files.pks())) == 2


async def test_run_on_archive_and_map_outputs_to_inputs(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    client, _ = connect(local_gc)
    async with client:
        jobs = await client.algorithms.run_on_archive(COVID, "coronacases.org", limit=2)
        await client.jobs.wait(jobs)
        mapping = await client.algorithms.outputs_by_input(COVID, archive="coronacases.org")
        assert [r.input_name for r in mapping] == ["coronacases_001.mha", "coronacases_002.mha"]
        assert [i.name for i in mapping.unprocessed] == ["coronacases_003.mha"]
        row = mapping.rows[0]
        assert set(row.outputs) == {"pulmonary-lobes", "pulmonary-lobes-screenshot"}
        shot = row.output_image_pk("pulmonary-lobes-screenshot")
        files = await client.jobs.download_outputs(
            [r.job for r in mapping],
            tmp_path / "shots",
            template="{stem}_{image_pk}{ext}",
            sockets=["pulmonary-lobes-screenshot"],
            image_types=("TIFF",),
        )
        assert files[0].path.name == f"coronacases_001_{shot}.tif"
        # the same mapping from the jobs, and from a list of images
        by_jobs = await client.algorithms.outputs_by_input(COVID, jobs=jobs)
        assert [r.job.pk for r in by_jobs] == [r.job.pk for r in mapping]
        by_images = await client.algorithms.outputs_by_input(
            COVID, images=[i for r in mapping for i in r.inputs]
        )
        assert len(by_images) == 2 and not by_images.unprocessed
        # by pk or api_url: this client listed the archive's images above, so only the jobs
        corona = sorted(local_gc.state.images.values(), key=lambda i: i.name)[:3]
        given: list[object] = [
            f"{local_gc.api_url}cases/images/{corona[2].pk}/",
            corona[0].pk,
            str(corona[1].pk),
            corona[0].pk,  # given twice: one row
        ]
        local_gc.request_log.clear()
        by_pks = await client.algorithms.outputs_by_input(COVID, images=given)
        assert [r.input_name for r in by_pks] == ["coronacases_001.mha", "coronacases_002.mha"]
        assert [i.name for i in by_pks.unprocessed] == ["coronacases_003.mha"]
        assert api_requests(local_gc) == ["GET /api/v1/algorithms/", "GET /api/v1/algorithms/jobs/"]
        # a fresh client reads each image once (no pk filter; job_input fails when deployed)
        fresh, _ = connect(local_gc)
        async with fresh:
            local_gc.request_log.clear()
            again = await fresh.algorithms.outputs_by_input(COVID, images=given)
        assert [r.input_name for r in again] == ["coronacases_001.mha", "coronacases_002.mha"]
        sent = api_requests(local_gc)
        assert sent[0] == "GET /api/v1/algorithms/" and sent[-1] == "GET /api/v1/algorithms/jobs/"
        assert sorted(sent[1:-1]) == sorted(f"GET /api/v1/cases/images/{i.pk}/" for i in corona)
        with pytest.raises(gc_highlevel.ObjectNotFoundError):  # a pk the server does not know
            await client.algorithms.outputs_by_input(
                COVID, images=[corona[0].pk, "0b5d0a4e-2b40-4c5e-9d0e-6a1c2f3b4d5e"]
            )
        # a second run only takes the unprocessed image
        rest = await client.algorithms.run_on_archive(COVID, "coronacases.org")
        assert len(rest) == 1


async def test_batch_lists_each_job_or_its_error(local_gc: LocalGrandChallenge) -> None:
    images = sorted(local_gc.state.images.values(), key=lambda i: i.name)
    urls = [f"{local_gc.api_url}cases/images/{i.pk}/" for i in images]
    client, _ = connect(local_gc)
    async with client:
        first = await client.algorithms.run(
            COVID, [{"ct-image": urls[0]}], journal=False, raise_on_error=False
        )
        await client.jobs.wait(first)
        # the server refuses a second job for the same existing image; the others still start
        batch = await client.algorithms.run(
            COVID, [{"ct-image": u} for u in urls], journal=False, raise_on_error=False
        )
        # Waiting on the batch waits for the two started jobs, then reports the refused case
        # instead of dropping it silently.
        with pytest.raises(gc_highlevel.BatchError, match="1 of 3 jobs failed") as excinfo:
            await client.jobs.wait(batch, timeout=120)
        assert excinfo.value.result is batch
        started = [local_gc.state.jobs[str(o.pk)] for o in batch.succeeded]
        assert [job.status for job in started] == ["Succeeded", "Succeeded"]
        assert len(await client.jobs.wait(batch, timeout=120, raise_on_failure=False)) == 2
    assert [o.ok for o in batch] == [False, True, True]
    error = batch[0].error
    assert isinstance(error, gc_highlevel.BadRequestError)
    assert "already exists" in str(error)
    with pytest.raises(gc_highlevel.BatchError, match="1 of 3 jobs failed"):
        batch.raise_for_errors()


async def test_failed_and_cancelled_jobs_raise_typed_errors(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    client, _ = connect(local_gc)
    images = sorted(local_gc.state.images.values(), key=lambda i: i.name)
    url = f"{local_gc.api_url}cases/images/{images[0].pk}/"
    url2 = f"{local_gc.api_url}cases/images/{images[1].pk}/"
    async with client:
        local_gc.state.fail_next_job(COVID)
        failed = await client.algorithms.run(COVID, [{"ct-image": url}])
        with pytest.raises(JobFailedError) as info:
            await client.jobs.wait(failed)
        assert info.value.job.status == "Failed" and str(info.value.job.pk) in str(info.value)
        local_gc.state.cancel_next_job(COVID)
        cancelled = await client.algorithms.run(COVID, [{"ct-image": url2}])
        with pytest.raises(JobCancelledError):
            await client.jobs.wait(cancelled)
        seen = []
        jobs = await client.jobs.wait(
            [*failed.pks(), *cancelled.pks()], raise_on_failure=False, on_finished=seen.append
        )
        assert [j.status for j in jobs] == ["Failed", "Cancelled"] and len(seen) == 2

        # A batch with one failure: the error comes after all jobs finished and keeps them all.
        local_gc.state.fail_next_job(COVID)
        batch = await client.algorithms.run(COVID, [{"ct-image": p} for p in ct_files(tmp_path, 3)])
        with pytest.raises(JobFailedError) as many:
            await client.jobs.wait(batch)
    assert len(many.value.jobs) == 3 and [j.status for j in many.value.failed] == ["Failed"]
    assert sorted(j.status for j in many.value.jobs) == ["Failed", "Succeeded", "Succeeded"]
    assert str(many.value).startswith("1 of 3 jobs did not succeed")


async def test_bad_inputs_raise_before_any_state_change(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    (good,) = ct_files(tmp_path, 1)
    bad_cases: list[tuple[object, type[Exception]]] = [
        ({"generic-medical-imag": good}, UnknownSocketError),
        ({"generic-medical-image": 1.9}, SocketKindError),
        ({"generic-medical-image": tmp_path / "missing.mha"}, InputFileError),
        ({}, MissingInputError),
        # not an input of this algorithm (an input of no interface): named with what is valid
        ({"generic-medical-image": good, "lung-volume": 2.0}, UnexpectedInputError),
        ([("generic-medical-image", good), ("generic-medical-image", good)], DuplicateSocketError),
    ]
    client, _ = connect(local_gc)
    async with client:
        for case, error in bad_cases:
            with pytest.raises(error):
                # a good case first: nothing is uploaded for it either
                await client.algorithms.run(LOBES, [{"generic-medical-image": good}, case])  # type: ignore[list-item]
        with pytest.raises(UnexpectedInputError) as extra:
            await client.algorithms.run(LOBES, {"generic-medical-image": good, "lung-volume": 2})
        assert extra.value.extra == ("lung-volume",) and extra.value.slug == "lung-volume"
        assert "not an input of algorithm" in str(extra.value)
        assert "inputs: generic-medical-image" in str(extra.value)
        reg = "deep-learning-based-ct-lung-registration"
        with pytest.raises(MissingInputError) as info:
            await client.algorithms.run(reg, [{"fixed-image": good, "moving-image": good}])
        assert info.value.missing == ("fixed-mask", "moving-mask")
        assert "fixed-image, fixed-mask, moving-image, moving-mask" in str(info.value)
    assert writes(local_gc) == []


async def test_a_file_of_the_wrong_type_is_refused_before_any_request(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    """An image on the PDF ``report`` socket used to upload, create the item, then wait out
    the 600 s default and leave an empty item; now it is refused before any request."""
    (scan,) = ct_files(tmp_path, 1)
    not_a_pdf = tmp_path / "report.pdf"
    not_a_pdf.write_bytes(scan.read_bytes()[:256])  # an image, named .pdf
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "only.pdf").write_bytes(b"%PDF-1.4\n")
    broken = tmp_path / "nodules.json"
    broken.write_text('{"type": "Multiple points", "points": [', encoding="utf-8")
    demo = next(u for u in local_gc.state.users.values() if u.username == "demo")
    local_gc.state.add_algorithm(
        "report-reader",
        "Report Reader",
        inputs=["generic-medical-image", "report"],
        outputs=["lung-volume"],
        function="lobe_segmentation",
        users=[demo],
    )
    items = len(local_gc.state.archive_items)
    client, _ = connect(local_gc)
    async with client:
        with pytest.raises(SocketKindError) as info:
            await client.archives.add_cases("radboudcovid", [{"ct-image": scan, "report": scan}])
        assert info.value.slug == "report" and info.value.valid == ("a .pdf file",)
        assert "socket 'report' (PDF file) takes a .pdf file; 'case01.mha' is not one" in str(
            info.value
        )
        with pytest.raises(InputFileError, match="is not a PDF") as fake:
            await client.archives.add_cases("radboudcovid", [{"report": not_a_pdf}])
        assert fake.value.path == not_a_pdf.resolve()
        with pytest.raises(InputFileError, match=r"takes one file; .* is a folder"):
            await client.archives.add_cases("radboudcovid", [{"report": folder}])
        with pytest.raises(InputFileError, match="is not a JSON file"):
            await client.reader_studies.add_display_sets(
                "corads-score-exam", [{"ct-image": scan, "nodules": broken}]
            )
        with pytest.raises(SocketKindError, match="'report'"):
            await client.algorithms.run(
                "report-reader", [{"generic-medical-image": scan, "report": scan}]
            )
    assert writes(local_gc) == []  # no upload, no item, no display set, no job
    assert len(local_gc.state.archive_items) == items and not local_gc.state.jobs


async def test_a_file_that_is_no_image_is_refused_before_any_request(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    """Issue #16: an empty file, a PDF renamed .mha, a text file or a truncated MHA header
    on an image socket used to upload, fail at import and leave an empty item or display set
    (or a Cancelled job); now the batch is refused before any request, naming case and file."""
    from gc_highlevel.socket_values import ImageFileError

    (scan,) = ct_files(tmp_path, 1)
    header = scan.read_bytes()[: scan.read_bytes().index(b"ElementDataFile")]
    bad = {
        "empty.mha": b"",
        "report.mha": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
        "notes.txt": b"CT of patient 7, see the report\n",
        "cut.mha": header,
    }
    items, sets = len(local_gc.state.archive_items), len(local_gc.state.display_sets)
    client, _ = connect(local_gc)
    async with client:
        for name, content in bad.items():
            path = tmp_path / name
            path.write_bytes(content)
            local_gc.request_log.clear()
            for call in (
                lambda p=path: client.archives.add_cases(
                    "radboudcovid", [{"ct-image": scan}, {"ct-image": p}]
                ),
                lambda p=path: client.reader_studies.add_display_sets(
                    "corads-score-exam", [{"ct-image": scan}, {"ct-image": p}]
                ),
                lambda p=path: client.algorithms.run(
                    LOBES, [{"generic-medical-image": scan}, {"generic-medical-image": p}]
                ),
            ):
                with pytest.raises(ImageFileError) as info:
                    await call()
                assert info.value.case == 1 and info.value.path == path.resolve()
                assert name in str(info.value) and "is not an image" in str(info.value)
                assert "Expected: MHA/MHD" in str(info.value)
            assert writes(local_gc) == [], name  # nothing uploaded or created, not even case 0
    assert len(local_gc.state.archive_items) == items and not local_gc.state.jobs
    assert len(local_gc.state.display_sets) == sets


async def test_request_count_start_one_job(local_gc: LocalGrandChallenge, tmp_path: Path) -> None:
    (small,) = ct_files(tmp_path, 1)
    client, _ = connect(local_gc)  # a fresh client: nothing cached
    async with client:
        jobs = await client.algorithms.run(LOBES, [{"generic-medical-image": small}])
        jobs.raise_for_errors()
    sent = api_requests(local_gc)
    # algorithm look-up, upload (create, presign, PUT, complete), the upload session that
    # makes the job exactly once, job: 7 (gcapi 0.16.1: 8)
    assert len(sent) == 7, sent
    assert sent[-2] == "POST /api/v1/cases/upload-sessions/"
    assert (
        sent[0].startswith("GET /api/v1/algorithms/")
        and sent[-1] == "POST /api/v1/algorithms/jobs/"
    )


async def test_queues_under_the_active_jobs_limit(local_gc: LocalGrandChallenge) -> None:
    images = sorted(local_gc.state.images.values(), key=lambda i: i.name)
    client, sleep = connect(local_gc)
    local_gc.worker.pause()  # jobs stay active until the batch waits for a slot
    sleep.before = lambda n: local_gc.worker.resume()
    async with client:
        cases = [{"ct-image": f"{local_gc.api_url}cases/images/{i.pk}/"} for i in images]
        jobs = await client.algorithms.run(COVID, cases, max_active=2, concurrency=1)
        assert jobs.ok and len(jobs) == 3
        assert sleep.calls, "the third job waited for a free slot"
        sent = api_requests(local_gc)
        posts = [n for n, r in enumerate(sent) if r == "POST /api/v1/algorithms/jobs/"]
        # the third job was only sent after polling saw a slot free up
        assert "GET /api/v1/algorithms/jobs/" in sent[posts[1] : posts[2]]
        assert all(s.status != 400 for s in local_gc.request_log)
        await client.jobs.wait(jobs)


async def test_more_jobs_than_the_servers_limit_start_once_each_with_the_default_settings(
    local_gc: LocalGrandChallenge,
) -> None:
    """20 jobs against the local server's real limit of 16 active jobs per user, with the
    defaults of ``run_on_archive``: every job is created once, none is refused, and the server
    never has more than 16 of them active."""
    import itertools
    from collections import Counter

    import numpy as np

    archive = next(a for a in local_gc.state.archives.values() if a.slug == "radboudcovid")
    tiny = {
        local_gc.state.add_image(
            np.full((2, 4, 4), n, np.int16),
            name=f"tiny{n:02d}.mha",
            archive=archive,
            interface="ct-image",
        ).pk
        for n in range(20)
    }
    sleeps: list[float] = []

    async def let_the_server_work(seconds: float) -> None:
        # Unlike IdleSleep, never block: the batch's other cases may be mid-request meanwhile.
        sleeps.append(seconds)
        local_gc.worker.resume()
        while not local_gc.worker.idle:
            await async_sleep(0.01)

    client = gc_highlevel.AsyncClient(
        local_gc.tokens["demo"], base_url=local_gc.api_url, sleep=let_the_server_work, timeout=30
    )
    local_gc.worker.pause()  # the first 16 jobs stay active until the batch waits for a slot
    async with client:
        jobs = await client.algorithms.run_on_archive(COVID, "radboudcovid")
        assert jobs.ok and len(jobs.pks()) == 20
        done = await client.jobs.wait(jobs, timeout=120)
    assert {j.status for j in done} == {"Succeeded"}
    posts = [e for e in local_gc.request_log if e.path == "/api/v1/algorithms/jobs/"]
    created = [e for e in posts if e.method == "POST"]
    assert [e.status for e in created] == [201] * 20  # none refused, none sent twice
    sent = api_requests(local_gc)
    at = [n for n, r in enumerate(sent) if r == "POST /api/v1/algorithms/jobs/"]
    # the 17th job went out only after a poll of the first 16 saw slots free up
    assert "GET /api/v1/algorithms/jobs/" in sent[at[15] : at[16]]
    assert sleeps, "the batch waited for a slot instead of being refused"
    server_jobs = list(local_gc.state.jobs.values())
    inputs = [local_gc.state.civs[pk].image for j in server_jobs for pk in j.inputs.values()]
    assert len(server_jobs) == 20 and Counter(inputs) == dict.fromkeys(tiny, 1)  # one each
    # the most jobs active at once, from the server's own creation and completion times
    events = sorted(
        [(j.created, 1) for j in server_jobs] + [(j.completed, -1) for j in server_jobs],
        key=lambda e: (e[0], e[1]),  # a slot freed at t may be taken at t
    )
    assert max(itertools.accumulate(step for _, step in events)) == 16


async def test_server_refusal_for_too_many_jobs_is_retried(local_gc: LocalGrandChallenge) -> None:
    images = sorted(local_gc.state.images.values(), key=lambda i: i.name)
    client, sleep = connect(local_gc)
    body = b'{"non_field_errors": ["You have too many active jobs, please try again after they have completed"]}'
    local_gc.faults.fail_next(1, 400, method="POST", path=r"/algorithms/jobs/$", body=body)
    async with client:
        jobs = await client.algorithms.run(
            COVID, [{"ct-image": f"{local_gc.api_url}cases/images/{images[0].pk}/"}]
        )
    assert jobs.ok and len(sleep.calls) == 1
    assert [e.status for e in local_gc.request_log if e.method == "POST"] == [400, 201]


async def test_wait_for_100_jobs_uses_one_list_request_per_round(
    local_gc: LocalGrandChallenge, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import numpy as np

    monkeypatch.setattr("gc_highlevel.testing.views.algorithms.MAX_ACTIVE_JOBS", 1000)
    archive = next(a for a in local_gc.state.archives.values() if a.slug == "radboudcovid")
    for n in range(100):
        local_gc.state.add_image(
            np.full((2, 4, 4), n, np.int16),
            name=f"tiny{n:03d}.mha",
            archive=archive,
            interface="ct-image",
        )
    client, sleep = connect(local_gc)
    async with client:
        local_gc.worker.pause()
        jobs = await client.algorithms.run_on_archive(COVID, "radboudcovid", max_active=1000)
        assert len(jobs.pks()) == 100
        local_gc.request_log.clear()
        sleep.before = lambda n: local_gc.worker.resume() if n == 2 else None
        done = await client.jobs.wait(jobs, timeout=600)
        assert {j.status for j in done} == {"Succeeded"}
        waited = api_requests(local_gc)
        # one list request per round, never a detail request per job
        assert all(r == "GET /api/v1/algorithms/jobs/" for r in waited), waited
        assert len(waited) == len(sleep.calls) + 1 <= 4
        # map outputs for the 100 inputs: algorithm, archive, images, jobs
        local_gc.request_log.clear()
        mapping = await client.algorithms.outputs_by_input(COVID, archive="radboudcovid")
        assert len(mapping) == 100 and not mapping.unprocessed
        assert len(api_requests(local_gc)) == 4, api_requests(local_gc)
        # the same 100 images given by pk: this client knows them from the archive's list
        pks = [str(i.pk) for r in mapping for i in r.inputs]
        local_gc.request_log.clear()
        by_pks = await client.algorithms.outputs_by_input(COVID, images=pks)
        assert [r.job.pk for r in by_pks] == [r.job.pk for r in mapping]
        assert [i.name for r in by_pks for i in r.inputs] == [r.input_name for r in mapping]
        assert api_requests(local_gc) == ["GET /api/v1/algorithms/", "GET /api/v1/algorithms/jobs/"]
        # the 100 jobs' outputs downloaded: one GET per output image (8 at a time), then the
        # files; never the image list's job_input/job_output filters (500 when deployed)
        local_gc.request_log.clear()
        files = await client.jobs.download_outputs(
            [r.job for r in mapping], tmp_path / "out", sockets=["pulmonary-lobes"]
        )
        assert len(files) == 100 and files[0].path.name.startswith("tiny000")
        reads = [r for r in api_requests(local_gc) if r.startswith("GET /api/v1/cases/images/")]
        assert len(reads) == 100 and "GET /api/v1/cases/images/" not in reads
    # a fresh client: one request per image given by pk (no pk filter on the image list)
    fresh, _ = connect(local_gc)
    async with fresh:
        local_gc.request_log.clear()
        await fresh.algorithms.outputs_by_input(COVID, images=pks)
    assert len(api_requests(local_gc)) == 102


async def test_timeout_names_unfinished_jobs(local_gc: LocalGrandChallenge) -> None:
    now = [0.0]
    client, sleep = connect(local_gc)
    local_gc.worker.pause()

    def advance(n: int) -> None:
        now[0] += 100

    sleep.before = advance
    images = sorted(local_gc.state.images.values(), key=lambda i: i.name)
    async with client:
        client._clock = lambda: now[0]
        jobs = await client.algorithms.run(
            COVID, [{"ct-image": f"{local_gc.api_url}cases/images/{images[0].pk}/"}]
        )
        with pytest.raises(gc_highlevel.GCError) as info:
            await client.jobs.wait(jobs, timeout=250)
        assert type(info.value).__name__ == "JobTimeoutError"
        assert len(info.value.pending) == 1  # type: ignore[attr-defined]
        assert "keep running on the server: wait again" in str(info.value)  # what to do
        assert sleep.calls[:2] == [1.0, 1.6]  # grows while nothing changes
    local_gc.worker.resume()


async def test_bad_references_raise_typed_errors_before_any_request(
    local_gc: LocalGrandChallenge,
) -> None:
    client, _ = connect(local_gc)
    async with client:
        local_gc.request_log.clear()
        with pytest.raises(gc_highlevel.InvalidReferenceError, match="algorithm"):
            await client.algorithms.run(5, {"generic-medical-image": "x"})
        with pytest.raises(gc_highlevel.InvalidReferenceError, match="job"):
            await client.jobs.wait([object()])  # type: ignore[list-item]
        with pytest.raises(gc_highlevel.InvalidReferenceError, match="archive item"):
            await client.archives.set_values("https://x/api/v1/cases/images/1/", {"age": 3})
        with pytest.raises(gc_highlevel.InvalidReferenceError, match="reader study"):
            await client.reader_studies.add_display_sets(3.5, {"some-score": 1.0})
        with pytest.raises(gc_highlevel.InvalidReferenceError, match="job"):
            await client.jobs.wait(5)  # type: ignore[arg-type]
        with pytest.raises(gc_highlevel.InvalidArgumentError, match="exactly one of"):
            await client.algorithms.outputs_by_input(LOBES)
    assert len(local_gc.request_log) == 0


async def test_usage_errors_are_typed_and_change_nothing(local_gc: LocalGrandChallenge) -> None:
    client, _ = connect(local_gc)
    async with client:
        local_gc.request_log.clear()
        with pytest.raises(gc_highlevel.InvalidArgumentError, match="socket="):
            await client.algorithms.run_on_archive(
                "deep-learning-based-ct-lung-registration", "coronacasesorg"
            )
        with pytest.raises(gc_highlevel.InvalidArgumentError, match="1 titles for 2 cases"):
            await client.archives.add_cases("radboudcovid", [{"age": 1}, {"age": 2}], titles=["a"])
        with pytest.raises(gc_highlevel.InvalidArgumentError, match="1 orders for 2 cases"):
            await client.reader_studies.add_display_sets(
                "corads-score-exam", [{"some-score": 1.0}, {"some-score": 2.0}], orders=[1]
            )
    assert writes(local_gc) == []


async def test_jobs_the_account_may_not_start_stop_after_the_first_refusal(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    scans = ct_files(tmp_path, 4)
    client, _ = connect(local_gc, "outsider")
    async with client:
        result = await client.algorithms.run(
            LOBES,
            [{"generic-medical-image": s} for s in scans],
            concurrency=1,
            raise_on_error=False,
        )
    assert [type(o.error).__name__ for o in result][1:] == ["CaseNotStartedError"] * 3
    assert result[0].error is not None and not result.succeeded


async def test_spent_algorithm_credits_stop_the_batch_and_a_rerun_finishes_it(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    scans = ct_files(tmp_path, 4)
    cases = [{"generic-medical-image": s} for s in scans]
    local_gc.algorithm_credits = 1
    client, _ = connect(local_gc)
    async with client:
        first = await client.algorithms.run(LOBES, cases, concurrency=1, raise_on_error=False)
        assert [o.ok for o in first] == [True, False, False, False]
        refusal = first[1].error
        assert isinstance(refusal, gc_highlevel.BadRequestError)
        assert refusal.non_field_errors == ["You have run out of algorithm credits"]
        assert [o.index for o in first.not_started] == [2, 3]
        for o in first.not_started:
            assert isinstance(o.error, gc_highlevel.CaseNotStartedError)
            assert (o.error.reason, o.error.refusal) == ("credits", refusal)
            assert "credits are spent" in str(o.error)
        # the refused case uploaded its file (kept for the rerun); cases 2 and 3 sent nothing
        assert local_gc.request_log.count(method="POST", path=r"^/api/v1/uploads/$") == 2
        jobs_posted = local_gc.request_log.filter(method="POST", path=r"^/api/v1/algorithms/jobs/$")
        assert [e.status for e in jobs_posted] == [201, 400]
        local_gc.algorithm_credits = None  # credits renewed
        again = await client.algorithms.run(LOBES, cases, concurrency=1, raise_on_error=False)
        await client.jobs.wait(again, timeout=120)
    assert again.ok and [o.skipped for o in again] == [True, False, False, False]
    assert len(local_gc.state.jobs) == 4
    # the rerun reused the refused case's upload: 2 more uploads, not 3
    assert local_gc.request_log.count(method="POST", path=r"^/api/v1/uploads/$") == 4

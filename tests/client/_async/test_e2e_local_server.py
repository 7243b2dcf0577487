"""End to end against the local grand-challenge, over real HTTP on 127.0.0.1.

Every resource's list, get and each write the server allows, pagination, fault injection and
token hygiene. Async source; ``tests/client/_sync/`` is generated from it.
"""

# The sync twin nests `with` blocks that the async source cannot merge (async with + with).
# ruff: noqa: SIM117, RUF100

from __future__ import annotations

import datetime
import logging
import time

import httpx
import pytest

import gc_highlevel
from gc_highlevel._concurrency import async_sleep
from gc_highlevel.testing import LocalGrandChallenge
from gc_highlevel.types import socket_value, title_of

from .helpers import connect, ct_bytes

pytestmark = [pytest.mark.anyio, pytest.mark.e2e]


def _archive(gc: LocalGrandChallenge, slug: str) -> object:
    return next(a for a in gc.state.archives.values() if a.slug == slug)


# -- read resources ---------------------------------------------------------------------------


async def test_archives_list_get_patients_studies(local_gc: LocalGrandChallenge) -> None:
    client, _, _ = connect(local_gc)
    async with client:
        titles = [a.title async for a in client.archives.list()]
        assert titles == ["coronacases.org", "radboudcovid"]
        archive = await client.archives.get(slug="coronacasesorg")
        assert (await client.archives.get(archive.pk)).title == "coronacases.org"
        assert (await client.archives.get(api_url=archive.api_url)).pk == archive.pk
        assert await client.archives.patients(archive) == [
            "coronacases_001",
            "coronacases_002",
            "coronacases_003",
        ]
        assert await client.archives.studies(archive, patient_id="coronacases_001") == ["CT chest"]
        with pytest.raises(gc_highlevel.ObjectNotFoundError, match="slug='nope'"):
            await client.archives.get(slug="nope")
    anonymous, spy, _ = connect(local_gc, None)
    async with anonymous:
        assert [a.title async for a in anonymous.archives.list()] == ["coronacases.org"]
        private = str(_archive(local_gc, "radboudcovid").pk)  # type: ignore[attr-defined]
        with pytest.raises(gc_highlevel.NotFoundError) as info:
            await anonymous.archives.get(private)
        assert info.value.body == {"detail": "No Archive matches the given query."}
    assert spy.with_token() == []


async def test_algorithms_and_images_of_algorithms(local_gc: LocalGrandChallenge) -> None:
    client, _, _ = connect(local_gc)
    async with client:
        slugs = [a.slug async for a in client.algorithms.list()]
        assert "pulmonary-lobe-segmentation" in slugs
        algorithm = await client.algorithms.get(slug="pulmonary-lobe-segmentation")
        assert [s.slug for s in algorithm.interfaces[0].inputs] == ["generic-medical-image"]
        assert (await client.algorithms.get(api_url=algorithm.api_url)).slug == algorithm.slug
        # Container images are visible to the algorithm's editors only.
        assert await client.algorithms.list_images(algorithm=algorithm).to_list() == []
        local_gc.state.algorithms[str(algorithm.pk)].editors.add(local_gc.users["demo"].pk)
        images = await client.algorithms.list_images(algorithm=algorithm).to_list()
        assert len(images) == 1
        assert (await client.algorithms.get_image(images[0].pk)).pk == images[0].pk


async def test_images_and_their_files(local_gc: LocalGrandChallenge) -> None:
    client, spy, _ = connect(local_gc)
    async with client:
        archive = await client.archives.get(slug="coronacasesorg")
        images = await client.images.list(archive=[archive]).to_list()
        assert [i.name for i in images] == [f"coronacases_{n:03d}.mha" for n in (1, 2, 3)]
        image = await client.images.get(api_url=images[0].api_url)
        assert image.shape == [16, 40, 40]
        files = await client.images.files(image, image_type="MHD")
        assert len(files) == 1
        assert len(await client.images.list(name="coronacases_002.mha").to_list()) == 1
        response = await client.request("GET", files[0].file)  # 302 to storage, followed
        assert response.status_code == 200 and len(response.content) > 0
    storage_host = httpx.URL(local_gc.storage_url).host
    storage_port = httpx.URL(local_gc.storage_url).port
    to_storage = [
        r for r in spy.requests if (r.url.host, r.url.port) == (storage_host, storage_port)
    ]
    assert len(to_storage) == 1
    assert all("Authorization" not in r.headers for r in to_storage)
    api = httpx.URL(local_gc.api_url)
    assert {(r.url.host, r.url.port) for r in spy.requests if "Authorization" in r.headers} == {
        (api.host, api.port)
    }


async def test_sockets_are_cached_by_slug_and_need_a_token(local_gc: LocalGrandChallenge) -> None:
    client, spy, _ = connect(local_gc)
    async with client:
        socket = await client.sockets.get(slug="ct-image")
        again = await client.sockets.get(slug="ct-image")
        assert again is socket and socket.super_kind == "Image"
        assert len(spy.requests) == 1
        assert (await client.sockets.get(socket.pk)).slug == "ct-image"
        slugs = {s.slug async for s in client.sockets.list()}
        assert {"age", "lung-volume", "generic-medical-image"} <= slugs
    anonymous, _, _ = connect(local_gc, None)
    async with anonymous:
        with pytest.raises(gc_highlevel.AuthenticationError, match="GRAND_CHALLENGE_AUTHORIZATION"):
            await anonymous.sockets.get(slug="age")


async def test_profile_and_bad_token(local_gc: LocalGrandChallenge) -> None:
    client, _, _ = connect(local_gc, "reader")
    async with client:
        me = await client.users.me()
        assert me.user.username == "reader"
        assert me.location == ""  # a profile without a country, as on the real server
    client, _, _ = connect(local_gc, "demo")
    async with client:
        assert (await client.users.me()).location == "NL"
    bad = gc_highlevel.AsyncClient("ab" * 32, base_url=local_gc.api_url)
    async with bad:
        with pytest.raises(gc_highlevel.AuthenticationError) as info:
            await bad.archives.list().first()
    assert info.value.body == {"detail": "Invalid token."}
    assert "ab" * 32 not in str(info.value)


async def test_references_by_slug_object_pk_and_api_url(local_gc: LocalGrandChallenge) -> None:
    client, _, _ = connect(local_gc)
    async with client:
        archive = await client.archives.get("coronacasesorg")
        assert archive.title == "coronacases.org"
        assert (await client.algorithms.get("corads-ai")).slug == "corads-ai"
        study = await client.reader_studies.get("corads-score-exam")
        assert study.slug == "corads-score-exam"
        assert (await client.sockets.get("ct-image")).super_kind == "Image"
        local_gc.request_log.clear()
        # Filters take the slug: one look-up per slug and client (get() above cached them).
        assert await client.archive_items.list(archive="coronacasesorg").count() == 3
        assert await client.images.list(archive=archive).count() == 3
        assert await client.images.list(archive="coronacasesorg").count() == 3
        assert await client.images.list(archive=[archive.pk, archive.api_url]).count() == 3
        assert len(await client.display_sets.list(reader_study="corads-score-exam").to_list()) == 2
        assert await client.algorithm_jobs.list(algorithm="corads-ai").to_list() == []
        assert len(await client.questions.list(reader_study=study.api_url).to_list()) == 6
        item = await client.archive_items.create(archive="radboudcovid", title="by slug")
        assert item.title == "by slug"
        assert len(await client.archive_items.list(archive="radboudcovid").to_list()) == 1
        lookups = local_gc.request_log.filter(
            method="GET", path=r"^/api/v1/(archives|algorithms|reader-studies)/$"
        )
        assert [e.query["slug"] for e in lookups] == [["radboudcovid"]]  # not cached before
        with pytest.raises(gc_highlevel.ObjectNotFoundError) as info:
            await client.archives.get(slug="CoronaCasesOrg")
        assert "the slug may be 'coronacasesorg'" in str(info.value)
        with pytest.raises(gc_highlevel.InvalidReferenceError) as info:  # a title, no request
            await client.archive_items.list(archive="coronacases.org").first()
        assert "looks like a title" in str(info.value)
        with pytest.raises(gc_highlevel.InvalidReferenceError):
            await client.archives.get(5)  # type: ignore[arg-type]
    anonymous, _, _ = connect(local_gc, None)
    async with anonymous:
        with pytest.raises(gc_highlevel.ObjectNotFoundError, match="no API token is configured"):
            await anonymous.archives.get("radboudcovid")
        private = str(_archive(local_gc, "radboudcovid").pk)  # type: ignore[attr-defined]
        with pytest.raises(gc_highlevel.NotFoundError, match="no API token is configured"):
            await anonymous.archives.get(private)


async def test_a_closed_client_raises_a_typed_error(local_gc: LocalGrandChallenge) -> None:
    client, spy, _ = connect(local_gc)
    async with client:
        assert await client.archives.list().count() == 2
    with pytest.raises(gc_highlevel.ClientClosedError, match="is closed"):
        await client.archives.list().count()
    assert len(spy.requests) == 1


# -- archive items: writes, pagination ---------------------------------------------------------


async def test_archive_items_create_patch_put(local_gc: LocalGrandChallenge) -> None:
    client, _, _ = connect(local_gc)
    async with client:
        archive = await client.archives.get(slug="coronacasesorg")
        items = await client.archive_items.list(archive=archive).to_list()
        assert len(items) == 3
        first = await client.archive_items.get(items[0].pk)
        assert first.values[0].interface.slug == "ct-image"
        created = await client.archive_items.create(archive=archive, title="new case")
        assert created.title == "new case" and created.values == []
        await client.archive_items.partial_update(
            created.pk, values=[socket_value("lung-volume", value=1.9)]
        )
        got = await client.archive_items.get(created.pk)
        assert [(v.interface.slug, v.value) for v in got.values] == [("lung-volume", 1.9)]
        await client.archive_items.update(created.pk, values=[socket_value("age", value=63)])
        got = await client.archive_items.get(created.pk)
        assert [(v.interface.slug, v.value) for v in got.values] == [("age", 63)]
        assert got.title == "new case"  # the PUT did not blank it
        await client.archive_items.partial_update(created.pk, title="renamed")
        assert (await client.archive_items.get(created.pk)).title == "renamed"
        assert len(await client.archive_items.list(archive=archive).to_list()) == 4


async def test_iterating_2500_archive_items_takes_3_list_requests(
    local_gc: LocalGrandChallenge,
) -> None:
    archive = _archive(local_gc, "radboudcovid")
    for n in range(2500):
        local_gc.state.add_archive_item(archive, title=f"case {n}")  # type: ignore[arg-type]
    local_gc.request_log.clear()
    client, _, _ = connect(local_gc)
    async with client:
        listing = client.archive_items.list(archive=archive.pk, page_size=1000)  # type: ignore[attr-defined]
        pks = [item.pk async for item in listing]
    assert len(pks) == len(set(pks)) == 2500
    entries = local_gc.request_log.filter(method="GET", path=r"^/api/v1/archives/items/$")
    assert len(entries) == 3
    assert sorted(e.query["offset"][0] for e in entries) == ["0", "1000", "2000"]


async def test_prefetch_overlaps_with_a_slow_server(local_gc: LocalGrandChallenge) -> None:
    archive = _archive(local_gc, "radboudcovid")
    for n in range(250):
        local_gc.state.add_archive_item(archive, title=f"case {n}")  # type: ignore[arg-type]
    delay = 0.3
    local_gc.faults.delay(delay, path=r"^/api/v1/archives/items/$")
    client, spy, _ = connect(local_gc)
    finished: list[float] = []
    async with client:
        listing = client.archive_items.list(archive=archive.pk, page_size=100)  # type: ignore[attr-defined]
        async for _page in listing.pages():
            await async_sleep(delay)  # the caller's work on this page
            finished.append(time.monotonic())
    assert len(spy.requests) == 3
    # Each next page was requested before the caller finished the current one: the overlap
    # (no wall-clock bound: timing belongs in benchmarks, not tests).
    assert spy.started[1] < finished[0] and spy.started[2] < finished[1]


# -- algorithm jobs, uploads, upload sessions ---------------------------------------------------


async def test_algorithm_job_create_get_list(local_gc: LocalGrandChallenge) -> None:
    client, _, _ = connect(local_gc)
    async with client:
        archive = await client.archives.get(slug="coronacasesorg")
        image = await client.images.list(archive=[archive]).first()
        assert image is not None
        algorithm = await client.algorithms.get(slug="pulmonary-lobe-segmentation")
        job = await client.algorithm_jobs.create(
            algorithm=algorithm, inputs=[socket_value("generic-medical-image", image=image.api_url)]
        )
        assert job.status == "Validating inputs"
        assert local_gc.wait_idle(60)
        done = await client.algorithm_jobs.get(job.pk)
        assert done.status == "Succeeded", done.status
        assert {o.interface.slug for o in done.outputs} == {"pulmonary-lobes", "lung-volume"}
        mine = await client.algorithm_jobs.list(algorithm=algorithm).to_list()
        assert [j.pk for j in mine] == [job.pk]
        by_input = await client.algorithm_jobs.list(input_image=[image]).to_list()
        assert [j.pk for j in by_input] == [job.pk]
        with pytest.raises(gc_highlevel.BadRequestError) as info:  # same inputs again
            await client.algorithm_jobs.create(
                algorithm=algorithm,
                inputs=[socket_value("generic-medical-image", image=image.api_url)],
            )
        assert info.value.non_field_errors


async def test_uploads_and_upload_sessions(local_gc: LocalGrandChallenge) -> None:
    data = ct_bytes()
    client, spy, _ = connect(local_gc)
    async with client:
        upload = await client.uploads.create(filename="scan.mha")
        assert upload.status == "Initialized"
        urls = await client.uploads.presign_parts(
            upload, s3_upload_id=upload.s3_upload_id, part_numbers=[1]
        )
        put = await client.request("PUT", urls[1], content=data)
        parts = await client.uploads.list_parts(upload, s3_upload_id=upload.s3_upload_id)
        assert [p.part_number for p in parts.parts] == [1]
        done = await client.uploads.complete(
            upload, s3_upload_id=upload.s3_upload_id, parts={1: put.headers["ETag"]}
        )
        assert done.status == "Completed"
        assert (await client.uploads.get(upload.pk)).status == "Completed"
        assert [u.pk async for u in client.uploads.list()] == [upload.pk]

        other = await client.uploads.create(filename="other.mha")
        aborted = await client.uploads.abort(other.pk, s3_upload_id=other.s3_upload_id)
        assert aborted.status == "Aborted"

        session = await client.upload_sessions.create(
            uploads=[upload], archive="radboudcovid", socket="ct-image"
        )
        assert session.status == "Queued"
        assert local_gc.wait_idle(60)
        session = await client.upload_sessions.get(session.pk)
        assert session.status == "Succeeded" and len(session.image_set) == 1
        assert [s.pk async for s in client.upload_sessions.list()] == [session.pk]
        images = await client.images.list(origin=session).to_list()
        assert len(images) == 1
    storage = httpx.URL(local_gc.storage_url)
    puts = [r for r in spy.requests if r.method == "PUT"]
    assert [(r.url.host, r.url.port) for r in puts] == [(storage.host, storage.port)]
    assert "Authorization" not in puts[0].headers


# -- reader studies -----------------------------------------------------------------------------


async def test_reader_studies_questions_display_sets(local_gc: LocalGrandChallenge) -> None:
    client, _, _ = connect(local_gc)
    async with client:
        assert [s.slug async for s in client.reader_studies.list()] == ["corads-score-exam"]
        study = await client.reader_studies.get(slug="corads-score-exam")
        assert (await client.reader_studies.get(api_url=study.api_url)).pk == study.pk
        questions = await client.questions.list(reader_study=study).to_list()
        assert len(questions) == 6
        assert (await client.questions.get(api_url=questions[0].api_url)).pk == questions[0].pk
        sets = await client.display_sets.list(reader_study=study).to_list()
        assert [title_of(d) for d in sets] == ["case 1", "case 2"]
        assert title_of(await client.display_sets.get(sets[0].pk)) == "case 1"

        new = await client.display_sets.create(reader_study=study, title="case 3")
        await client.display_sets.partial_update(
            new.pk, values=[socket_value("age", value=70)], order=1
        )
        got = await client.display_sets.get(new.pk)
        assert got.order == 1 and [v.interface.slug for v in got.values] == ["age"]
        await client.display_sets.update(new.pk, values=[])
        assert (await client.display_sets.get(new.pk)).values == []
        with pytest.raises(gc_highlevel.NotFoundError):
            await client.reader_studies.ground_truth(study, new.pk)


async def test_answers_create_list_mine_and_errors(local_gc: LocalGrandChallenge) -> None:
    reader, _, _ = connect(local_gc, "reader")
    editor, _, _ = connect(local_gc, "demo")
    async with reader, editor:
        study = await reader.reader_studies.get(slug="corads-score-exam")
        questions = await reader.questions.list(reader_study=study).to_list()
        boolean = next(q for q in questions if q.answer_type == "Bool")
        display_set = await reader.display_sets.list(reader_study=study).first()
        assert display_set is not None
        answer = await reader.answers.create(
            question=boolean,
            display_set=display_set,
            answer=True,
            last_edit_duration="P0DT00H00M12S",
        )
        assert answer.answer is True
        assert (await reader.answers.get(answer.pk)).pk == answer.pk
        assert [a.pk async for a in reader.answers.mine(reader_study=study)] == [answer.pk]
        assert [a.pk async for a in editor.answers.list(reader_study=study)] == [answer.pk]
        assert [a.pk async for a in editor.answers.mine()] == []
        with pytest.raises(gc_highlevel.BadRequestError) as info:  # one answer per question
            await reader.answers.create(question=boolean, display_set=display_set, answer=False)
        assert "already answered" in " ".join(info.value.non_field_errors)
        with pytest.raises(gc_highlevel.BadRequestError) as info:  # study forbids changes
            await reader.answers.partial_update(answer.pk, answer=False)
        assert info.value.non_field_errors == [
            "This reader study does not allow answer modification."
        ]
        local_gc.state.reader_studies[str(study.pk)].allow_answer_modification = True
        changed = await reader.answers.partial_update(
            answer.pk, answer=False, last_edit_duration=datetime.timedelta(seconds=3)
        )
        assert changed.answer is False
        assert changed.total_edit_duration == "P0DT00H00M15S"
        with pytest.raises(gc_highlevel.PermissionDeniedError):  # only the creator may
            await editor.answers.partial_update(answer.pk, answer=True)
        unanswered = await reader.display_sets.list(
            reader_study=study, unanswered_by_user=True
        ).to_list()
        # "Unanswered" means some question is still open: one answer of six leaves it in.
        assert display_set.pk in [d.pk for d in unanswered]


# -- error bodies from the real server ----------------------------------------------------------


async def test_400_bodies_of_each_shape_parse_into_field_errors(
    local_gc: LocalGrandChallenge,
) -> None:
    client, _, _ = connect(local_gc)
    async with client:
        archive = await client.archives.get(slug="coronacasesorg")
        item = await client.archive_items.create(archive=archive)
        # bare list
        with pytest.raises(gc_highlevel.BadRequestError) as info:
            await client.request(
                "POST",
                "archives/items/",
                json={"archive": archive.api_url, "values": [{"interface": "age", "value": 1}]},
            )
        assert info.value.field_errors == {
            "non_field_errors": ["Values can only be added via update"]
        }
        # nested values list with {} for the valid items
        with pytest.raises(gc_highlevel.BadRequestError) as info:
            await client.archive_items.partial_update(
                item.pk,
                values=[socket_value("age", value="old"), socket_value("lung-volume", value=2.0)],
            )
        assert list(info.value.field_errors) == ["values[0]"]
        # field dict
        with pytest.raises(gc_highlevel.BadRequestError) as info:
            await client.archive_items.create(
                archive=f"{local_gc.api_url}archives/00000000-0000-4000-8000-000000000000/"
            )
        assert info.value.field_errors == {
            "archive": ["Invalid hyperlink - Object does not exist."]
        }
        # ListField keyed by index
        upload = await client.uploads.create(filename="x.bin")
        with pytest.raises(gc_highlevel.BadRequestError) as info:
            await client.uploads.presign_parts(
                upload, s3_upload_id=upload.s3_upload_id, part_numbers=[0]
            )
        assert list(info.value.field_errors) == ["part_numbers[0]"]
        # detail (a body that is not JSON)
        with pytest.raises(gc_highlevel.BadRequestError) as info:
            await client.request(
                "POST",
                "archives/items/",
                content=b"{not json",
                headers={"Content-Type": "application/json"},
            )
        assert list(info.value.field_errors) == ["non_field_errors"]
        assert info.value.non_field_errors[0].startswith("JSON parse error")
        # field error on a filter value
        with pytest.raises(gc_highlevel.BadRequestError) as info:
            await client.archive_items.list(
                archive="00000000-0000-4000-8000-000000000000"
            ).to_list()
        assert list(info.value.field_errors) == ["archive"]


async def test_html_error_pages_are_summarised(local_gc: LocalGrandChallenge) -> None:
    local_gc.faults.fail_next(1, 500, method="GET", path=r"^/api/v1/reader-studies/$")
    client, _, _ = connect(local_gc)
    async with client:
        with pytest.raises(gc_highlevel.InternalServerError) as info:
            await client.reader_studies.list().first()
    assert isinstance(info.value.body, str) and "<" in info.value.body
    assert "<html" not in str(info.value).lower()
    assert str(info.value).startswith("GET /api/v1/reader-studies/ failed with 500")


async def test_missing_objects_raise_not_found(local_gc: LocalGrandChallenge) -> None:
    client, _, _ = connect(local_gc)
    missing = "00000000-0000-4000-8000-000000000000"
    async with client:
        for get in (
            client.archives.get,
            client.archive_items.get,
            client.algorithms.get,
            client.algorithm_jobs.get,
            client.images.get,
            client.reader_studies.get,
            client.display_sets.get,
            client.questions.get,
            client.answers.get,
            client.uploads.get,
            client.upload_sessions.get,
        ):
            with pytest.raises(gc_highlevel.NotFoundError):
                await get(missing)


# -- faults injected by the server ---------------------------------------------------------------


async def test_503_with_retry_after_twice_then_200(local_gc: LocalGrandChallenge) -> None:
    local_gc.faults.fail_next(2, 503, method="GET", path=r"^/api/v1/archives/$", retry_after=3)
    client, _, sleeps = connect(local_gc)
    async with client:
        assert (await client.archives.get(slug="coronacasesorg")).title == "coronacases.org"
    assert sleeps.calls == [3.0, 3.0]
    assert local_gc.request_log.count(method="GET", path=r"^/api/v1/archives/$") == 3
    assert local_gc.request_log.count(method="GET", path=r"^/api/v1/archives/$", status=503) == 2


async def test_post_answered_502_is_not_resent(local_gc: LocalGrandChallenge) -> None:
    local_gc.faults.fail_next(1, 502, method="POST", path=r"^/api/v1/uploads/$")
    client, _, sleeps = connect(local_gc)
    async with client:
        with pytest.raises(gc_highlevel.InternalServerError) as info:
            await client.uploads.create(filename="x.mha")
        assert info.value.status_code == 502
        assert [u async for u in client.uploads.list()] == []  # nothing was created
    assert local_gc.request_log.count(method="POST", path=r"^/api/v1/uploads/$") == 1
    assert sleeps.calls == []


async def test_connection_reset_on_get_is_retried(local_gc: LocalGrandChallenge) -> None:
    local_gc.faults.reset_next(1, method="GET", path=r"^/api/v1/algorithms/$")
    client, spy, sleeps = connect(local_gc)
    async with client:
        assert (await client.algorithms.get(slug="corads-ai")).slug == "corads-ai"
    assert len(spy.requests) == 2
    assert len(sleeps.calls) == 1


async def test_connection_reset_mid_body(local_gc: LocalGrandChallenge) -> None:
    local_gc.faults.reset_next(1, method="GET", path=r"^/api/v1/archives/$", after_bytes=20)
    local_gc.faults.reset_next(1, method="POST", path=r"^/api/v1/uploads/$", after_bytes=20)
    client, spy, _ = connect(local_gc)
    async with client:
        assert (await client.archives.get(slug="coronacasesorg")).title == "coronacases.org"
        with pytest.raises(gc_highlevel.APIConnectionError):
            await client.uploads.create(filename="x.mha")
    assert [r.method for r in spy.requests] == ["GET", "GET", "POST"]


async def test_429_on_post_is_retried(local_gc: LocalGrandChallenge) -> None:
    local_gc.faults.fail_next(1, 429, method="POST", path=r"^/api/v1/uploads/$", retry_after=1)
    client, _, sleeps = connect(local_gc)
    async with client:
        upload = await client.uploads.create(filename="x.mha")
        assert [u.pk async for u in client.uploads.list()] == [upload.pk]  # exactly one
    assert local_gc.request_log.count(method="POST", path=r"^/api/v1/uploads/$") == 2
    assert sleeps.calls == [1.0]


async def test_retry_budgets_are_respected(local_gc: LocalGrandChallenge) -> None:
    local_gc.faults.fail_next(10, 503, method="GET", path=r"^/api/v1/archives/$")
    client, _, sleeps = connect(local_gc)
    async with client:
        with pytest.raises(gc_highlevel.InternalServerError) as info:
            await client.archives.list().first()
        assert info.value.attempts == 3  # max_retries=2
        few = client.with_options(max_retries=5, retry_budget=2.0)
        with pytest.raises(gc_highlevel.InternalServerError):
            await few.archives.list().first()
    assert sum(sleeps.calls[2:]) <= 2.0
    assert local_gc.request_log.count(method="GET", path=r"^/api/v1/archives/$") == 3 + 1 + len(
        sleeps.calls[2:]
    )
    local_gc.faults.clear()
    local_gc.faults.fail_next(1, 429, path=r"^/api/v1/archives/$", retry_after=600)
    client, _, sleeps = connect(local_gc)
    async with client:
        with pytest.raises(gc_highlevel.RateLimitError) as rate:
            await client.archives.list().first()
    assert rate.value.retry_after == 600 and sleeps.calls == []


async def test_https_with_a_private_ca() -> None:
    with LocalGrandChallenge(tls=True) as gc:
        assert gc.api_url.startswith("https://127.0.0.1:")
        client, _, _ = connect(gc, "reader", verify=gc.ca_cert_path)
        async with client:
            assert (await client.users.me()).user.username == "reader"
        untrusting, _, sleeps = connect(gc, "reader")
        async with untrusting:
            with pytest.raises(gc_highlevel.APIConnectionError, match="verify=") as info:
                await untrusting.users.me()
        assert info.value.attempts == 1 and sleeps.calls == []  # not retried


# -- token hygiene over a whole session ------------------------------------------------------------


async def test_token_never_leaks_during_a_session(
    local_gc: LocalGrandChallenge, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    token = local_gc.tokens["demo"]
    texts: list[str] = []
    local_gc.faults.fail_next(1, 503, path=r"^/api/v1/archives/$")
    client, spy, _ = connect(local_gc)
    async with client:
        texts += [repr(client), repr(client.raw)]
        archive = await client.archives.get(slug="coronacasesorg")
        with pytest.raises(gc_highlevel.NotFoundError) as missing:
            await client.archive_items.get("00000000-0000-4000-8000-000000000000")
        with pytest.raises(gc_highlevel.BadRequestError) as invalid:
            await client.archive_items.create(archive="00000000-0000-4000-8000-000000000000")
        for exc in (missing.value, invalid.value):
            texts += [str(exc), repr(exc), repr(vars(exc))]
        image = await client.images.list(archive=[archive]).first()
        assert image is not None
        await client.request("GET", image.files[0].file)
    texts.append(caplog.text)
    assert "-> 503" in caplog.text and "attempt 2" in caplog.text
    assert all(token not in t for t in texts)
    api = httpx.URL(local_gc.api_url)
    assert all(
        (r.url.host, r.url.port) == (api.host, api.port)
        for r in spy.requests
        if "Authorization" in r.headers
    )

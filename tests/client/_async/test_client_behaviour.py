"""Behaviour of the client against httpx.MockTransport: one suite for Client and AsyncClient.

This file is the async source; ``tests/client/_sync/`` is generated from it by
``scripts/make_sync.py`` (a test checks it is up to date), so both flavours run the same tests.
"""

# The sync twin nests `with` blocks that the async source cannot merge (async with + with).
# ruff: noqa: SIM117, RUF100

from __future__ import annotations

import json
import logging
import pickle
import re
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

import gc_highlevel
from gc_highlevel import AsyncClient
from gc_highlevel._concurrency import async_sleep
from gc_highlevel.types import socket_value

from .helpers import (
    ALGORITHM_PK,
    API,
    ARCHIVE_PK,
    ITEM_PK,
    TOKEN,
    BrokenBody,
    Recorder,
    Sleeps,
    archive_json,
    item_json,
    make_client,
    numbered_item,
    one_page,
    page_json,
)

pytestmark = pytest.mark.anyio

EMPTY_PAGE = {"count": 0, "next": None, "previous": None, "results": []}


# -- construction, auth, token hygiene --------------------------------------------------------


async def test_construction_makes_no_request() -> None:
    recorder = Recorder()
    async with make_client(recorder) as client:
        assert client.base_url == API
        assert client.has_token
    assert recorder.count == 0


@pytest.mark.parametrize(
    "given", [TOKEN, f"Bearer {TOKEN}", f"Token {TOKEN}", f"  bearer  {TOKEN} "]
)
async def test_token_forms_and_user_agent(given: str) -> None:
    recorder = Recorder(httpx.Response(200, json=EMPTY_PAGE))
    async with make_client(recorder, token=given) as client:
        await client.archives.list().to_list()
    request = recorder.requests[0]
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["User-Agent"] == f"gc-client/{gc_highlevel.__version__}"
    assert request.url.params["limit"] == "1000"


async def test_token_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAND_CHALLENGE_AUTHORIZATION", f"Bearer {TOKEN}")
    recorder = Recorder(httpx.Response(200, json=EMPTY_PAGE))
    async with AsyncClient(base_url=API, transport=httpx.MockTransport(recorder)) as client:
        await client.archives.list().first()
    assert recorder.requests[0].headers["Authorization"] == f"Bearer {TOKEN}"


async def test_anonymous_reads_work_and_401_says_how_to_authenticate() -> None:
    recorder = Recorder(
        httpx.Response(200, json=EMPTY_PAGE),
        httpx.Response(401, json={"detail": "Authentication credentials were not provided."}),
    )
    async with make_client(recorder, token=None) as client:
        assert not client.has_token
        assert await client.archives.list().to_list() == []
        with pytest.raises(gc_highlevel.AuthenticationError) as info:
            await client.sockets.get(slug="age")
    assert "Authorization" not in recorder.requests[0].headers
    message = str(info.value)
    assert "GRAND_CHALLENGE_AUTHORIZATION" in message
    assert "GET /api/v1/components/interfaces/" in message


async def test_bad_token_raises_authentication_error() -> None:
    recorder = Recorder(httpx.Response(401, json={"detail": "Invalid token."}))
    async with make_client(recorder) as client:
        with pytest.raises(gc_highlevel.AuthenticationError) as info:
            await client.users.me()
    assert info.value.status_code == 401
    assert "rejected" in str(info.value)


async def test_errors_from_other_hosts_say_so() -> None:
    recorder = Recorder(httpx.Response(403, text="<Error><Code>AccessDenied</Code></Error>"))
    async with make_client(recorder) as client:
        with pytest.raises(gc_highlevel.PermissionDeniedError) as info:
            await client.request("PUT", "https://bucket.storage.test/k?partNumber=1", content=b"x")
    assert str(info.value).startswith("PUT bucket.storage.test/k failed with 403")
    assert "expire" in str(info.value)


async def test_api_requests_skip_httpx_send_and_a_redirect_still_is_followed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """API requests go straight to the retry transport (not through httpx's send, whose
    layers cost ~0.15 ms each), with the token; a redirect (which the API does not send) is
    followed by sending the request again through send."""
    moved_permanently = httpx.Response(
        301, headers={"Location": "https://gc.test/api/v1/archives/"}
    )
    recorder = Recorder(
        httpx.Response(201, json={"pk": 1}),
        moved_permanently,  # the short way: not followed there, the request goes to send ...
        moved_permanently,  # ... which follows it
        httpx.Response(200, json={"count": 0}),
    )
    sent: list[str] = []
    original = httpx.AsyncClient.send

    async def spy(self: httpx.AsyncClient, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        sent.append(f"{request.method} {request.url.path}")
        return await original(self, request, **kwargs)

    monkeypatch.setattr(httpx.AsyncClient, "send", spy)
    async with make_client(recorder) as client:
        created = await client.request("POST", "uploads/", json={"filename": "a.mha"})
        assert sent == [] and created.status_code == 201 and created.json() == {"pk": 1}
        moved = await client.request("GET", "archives")
    assert moved.json() == {"count": 0} and sent == ["GET /api/v1/archives"]
    assert [f"{r.method} {r.url.path}" for r in recorder.requests] == [
        "POST /api/v1/uploads/",
        "GET /api/v1/archives",
        "GET /api/v1/archives",
        "GET /api/v1/archives/",
    ]
    assert all(r.headers["Authorization"] == f"Bearer {TOKEN}" for r in recorder.requests)
    assert json.loads(recorder.requests[0].content) == {"filename": "a.mha"}


async def test_token_not_sent_to_other_hosts_or_redirect_targets() -> None:
    recorder = Recorder(
        httpx.Response(200, text="storage"),
        httpx.Response(302, headers={"Location": "https://bucket.storage.test/obj?sig=1"}),
        httpx.Response(200, text="redirected"),
        httpx.Response(200, text="same origin"),
    )
    async with make_client(recorder) as client:
        await client.request("GET", "https://bucket.storage.test/x")
        response = await client.request("GET", "/media/images/x.mha")
        assert response.text == "redirected"
        await client.request("GET", "gcapi/")
    hosts_with_token = [
        (r.url.host, r.url.path) for r in recorder.requests if "Authorization" in r.headers
    ]
    assert hosts_with_token == [("gc.test", "/media/images/x.mha"), ("gc.test", "/api/v1/gcapi/")]
    assert "Authorization" not in recorder.requests[0].headers
    assert "Authorization" not in recorder.requests[2].headers


async def test_token_appears_in_no_repr_error_log_or_pickle(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    recorder = Recorder(
        httpx.Response(404, json={"detail": "No Archive matches the given query."}),
        httpx.Response(500, text="<html><title>Server Error (500)</title></html>"),
        httpx.ConnectError("connection refused"),
        httpx.ConnectError("connection refused"),
        httpx.ConnectError("connection refused"),
    )
    seen: list[str] = []
    async with make_client(recorder, token=f"Bearer {TOKEN}") as client:
        seen += [repr(client), str(client), repr(client.raw), repr(client._auth)]
        errors: list[BaseException] = []
        with pytest.raises(gc_highlevel.NotFoundError) as e1:
            await client.archives.get(ARCHIVE_PK)
        errors.append(e1.value)
        with pytest.raises(gc_highlevel.InternalServerError) as e2:
            await client.algorithms.get(ALGORITHM_PK)
        errors.append(e2.value)
        with pytest.raises(gc_highlevel.APIConnectionError) as e3:
            await client.archive_items.get(ITEM_PK)
        errors.append(e3.value)
        for err in errors:
            seen += [str(err), repr(err), repr(err.__cause__), repr(vars(err))]
            seen.append(pickle.dumps(err).hex())
            seen.append(pickle.dumps(err).decode("latin-1"))
            clone = pickle.loads(pickle.dumps(err))
            assert type(clone) is type(err) and str(clone) == str(err)
    seen.append(caplog.text)
    assert "GET /api/v1/archives/" in caplog.text and "attempt 1" in caplog.text
    for text in seen:
        assert TOKEN not in text


async def test_client_refuses_to_pickle() -> None:
    async with make_client(Recorder()) as client:
        with pytest.raises(TypeError, match="cannot be pickled"):
            pickle.dumps(client)
        with pytest.raises(TypeError):
            pickle.dumps(client._auth)


async def test_credentials_in_headers_are_refused() -> None:
    with pytest.raises(ValueError, match="token="):
        make_client(Recorder(), headers={"authorization": f"Bearer {TOKEN}"})
    async with make_client(Recorder()) as client:
        with pytest.raises(ValueError, match="token="):
            client.with_options(headers={"Authorization": "x"})


async def test_plain_http_only_for_loopback() -> None:
    with pytest.raises(ValueError, match="plain http"):
        AsyncClient(TOKEN, base_url="http://grand-challenge.org/api/v1/")
    client = AsyncClient(TOKEN, base_url="http://127.0.0.1:8000/api/v1")
    assert client.base_url == "http://127.0.0.1:8000/api/v1/"
    await client.aclose()


# -- retries ----------------------------------------------------------------------------------


async def test_503_with_retry_after_twice_then_200(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="gc_highlevel")
    sleeps = Sleeps()
    busy = httpx.Response(503, headers={"Retry-After": "2"}, text="busy")
    recorder = Recorder(busy, busy, httpx.Response(200, json=archive_json()))
    async with make_client(recorder, sleep=sleeps) as client:
        archive = await client.archives.get(ARCHIVE_PK)
    assert archive.title == "coronacases.org"
    assert recorder.count == 3
    assert sleeps.calls == [2.0, 2.0]
    assert f"Retrying GET /api/v1/archives/{ARCHIVE_PK}/ after 503 in 2.00 s (attempt 2 of 3)" in (
        caplog.text
    )


async def test_post_answered_502_is_not_resent() -> None:
    recorder = Recorder(httpx.Response(502, text="Bad Gateway"))
    async with make_client(recorder) as client:
        with pytest.raises(gc_highlevel.InternalServerError) as info:
            await client.archive_items.create(archive=ARCHIVE_PK)
    assert recorder.count == 1
    assert info.value.status_code == 502
    assert "POST /api/v1/archives/items/" in str(info.value)


async def test_connection_reset_on_get_is_retried() -> None:
    recorder = Recorder(
        httpx.ReadError("[Errno 104] Connection reset by peer"),
        httpx.Response(200, json=archive_json()),
    )
    async with make_client(recorder) as client:
        assert (await client.archives.get(ARCHIVE_PK)).pk.hex == ARCHIVE_PK.replace("-", "")
    assert recorder.count == 2


async def test_body_cut_off_mid_way_is_retried_for_get_not_for_post() -> None:
    def broken(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, headers={"Content-Type": "application/json"}, stream=BrokenBody()
        )

    recorder = Recorder(broken, httpx.Response(200, json=archive_json()))
    async with make_client(recorder) as client:
        assert (await client.archives.get(ARCHIVE_PK)).title == "coronacases.org"
    assert recorder.count == 2

    recorder = Recorder(broken)
    async with make_client(recorder) as client:
        with pytest.raises(gc_highlevel.APIConnectionError, match="no complete response"):
            await client.archive_items.create(archive=ARCHIVE_PK)
    assert recorder.count == 1


async def test_429_on_post_is_retried() -> None:
    sleeps = Sleeps()
    recorder = Recorder(
        httpx.Response(429, headers={"Retry-After": "1"}, json={"detail": "slow down"}),
        httpx.Response(201, json=item_json()),
    )
    async with make_client(recorder, sleep=sleeps) as client:
        item = await client.archive_items.create(archive=ARCHIVE_PK, title="x")
    assert str(item.pk) == ITEM_PK
    assert recorder.count == 2
    assert sleeps.calls == [1.0]
    assert (
        recorder.body(0)
        == recorder.body(1)
        == {"archive": f"{API}archives/{ARCHIVE_PK}/", "title": "x"}
    )


async def test_post_retried_only_when_not_sent() -> None:
    recorder = Recorder(httpx.ConnectError("refused"), httpx.Response(201, json=item_json()))
    async with make_client(recorder) as client:
        await client.archive_items.create(archive=ARCHIVE_PK)
    assert recorder.count == 2

    recorder = Recorder(httpx.ReadTimeout("read timed out"))
    async with make_client(recorder) as client:
        with pytest.raises(gc_highlevel.APITimeoutError) as info:
            await client.archive_items.create(archive=ARCHIVE_PK)
    assert recorder.count == 1
    assert isinstance(info.value.__cause__, httpx.ReadTimeout)


async def test_streamed_bodies_are_not_resent() -> None:
    async def body() -> AsyncIterator[bytes]:
        yield b"part"

    recorder = Recorder(httpx.Response(503, text="busy"))
    async with make_client(recorder) as client:
        with pytest.raises(gc_highlevel.InternalServerError):
            await client.request("PUT", "https://bucket.storage.test/k", content=body())
    assert recorder.count == 1


async def test_get_500_is_not_retried_and_520_is_typed() -> None:
    recorder = Recorder(httpx.Response(500, text="oops"), httpx.Response(520, text=""))
    async with make_client(recorder) as client:
        with pytest.raises(gc_highlevel.InternalServerError):
            await client.archives.get(ARCHIVE_PK)
        with pytest.raises(gc_highlevel.InternalServerError) as info:
            await client.archives.get(ARCHIVE_PK)
    assert recorder.count == 2
    assert info.value.status_code == 520


async def test_retries_are_bounded_by_max_retries_and_with_options() -> None:
    recorder = Recorder()
    recorder.default = lambda request: httpx.Response(503, text="down")
    sleeps = Sleeps()
    async with make_client(recorder, sleep=sleeps) as client:
        with pytest.raises(gc_highlevel.InternalServerError) as info:
            await client.archives.get(ARCHIVE_PK)
        assert recorder.count == 3
        assert info.value.attempts == 3
        assert len(sleeps.calls) == 2
        assert 0.375 <= sleeps.calls[0] <= 0.5 and 0.75 <= sleeps.calls[1] <= 1.0
        patient = client.with_options(max_retries=5)
        with pytest.raises(gc_highlevel.InternalServerError):
            await patient.archives.get(ARCHIVE_PK)
        assert recorder.count == 3 + 6
        impatient = client.with_options(max_retries=0)
        with pytest.raises(gc_highlevel.InternalServerError):
            await impatient.archives.get(ARCHIVE_PK)
        assert recorder.count == 3 + 6 + 1
        await impatient.aclose()  # does not close the shared pool
        recorder.default = lambda request: httpx.Response(200, json=archive_json())
        assert (await client.archives.get(ARCHIVE_PK)).title == "coronacases.org"


async def test_retry_budget_and_retry_after_cap() -> None:
    sleeps = Sleeps()
    recorder = Recorder()
    recorder.default = lambda request: httpx.Response(503, headers={"Retry-After": "0.8"})
    async with make_client(recorder, sleep=sleeps, max_retries=10, retry_budget=2.0) as client:
        with pytest.raises(gc_highlevel.InternalServerError):
            await client.archives.get(ARCHIVE_PK)
    assert sleeps.calls == [0.8, 0.8]  # a third wait would pass the 2 s budget
    assert recorder.count == 3

    recorder = Recorder(httpx.Response(429, headers={"Retry-After": "3600"}))
    async with make_client(recorder) as client:
        with pytest.raises(gc_highlevel.RateLimitError) as info:
            await client.archives.get(ARCHIVE_PK)
    assert recorder.count == 1
    assert info.value.retry_after == 3600.0


async def test_timeouts_on_get_are_retried_then_raised() -> None:
    recorder = Recorder()
    recorder.default = lambda request: (_ for _ in ()).throw(httpx.ReadTimeout("slow"))
    async with make_client(recorder) as client:
        with pytest.raises(gc_highlevel.APITimeoutError) as info:
            await client.archives.get(ARCHIVE_PK)
    assert recorder.count == 3 and info.value.attempts == 3
    assert isinstance(info.value.__cause__, httpx.ReadTimeout)
    assert str(info.value).startswith(f"GET /api/v1/archives/{ARCHIVE_PK}/ timed out")


# -- error mapping ----------------------------------------------------------------------------


async def test_a_2xx_body_that_does_not_fit_the_schema_is_a_typed_error() -> None:
    recorder = Recorder(httpx.Response(200, json={"unexpected": True}))
    async with make_client(recorder) as client:
        with pytest.raises(gc_highlevel.APIResponseValidationError, match="archives_retrieve"):
            await client.archives.get(ARCHIVE_PK)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, gc_highlevel.BadRequestError),
        (401, gc_highlevel.AuthenticationError),
        (403, gc_highlevel.PermissionDeniedError),
        (404, gc_highlevel.NotFoundError),
        (405, gc_highlevel.APIStatusError),
        (409, gc_highlevel.ConflictError),
        (413, gc_highlevel.RequestTooLargeError),
        (429, gc_highlevel.RateLimitError),
        (500, gc_highlevel.InternalServerError),
        (503, gc_highlevel.InternalServerError),
        (527, gc_highlevel.InternalServerError),
    ],
)
async def test_status_to_error_class(status: int, cls: type[Exception]) -> None:
    recorder = Recorder()
    recorder.default = lambda request: httpx.Response(status, json={"detail": "nope"})
    async with make_client(recorder, max_retries=0) as client:
        with pytest.raises(cls) as info:
            await client.archive_items.partial_update(ITEM_PK, title="t")
    err = info.value
    assert isinstance(err, gc_highlevel.APIStatusError)
    assert err.status_code == status
    assert err.method == "PATCH"
    assert err.path == f"/api/v1/archives/items/{ITEM_PK}/"
    assert str(err).startswith(f"PATCH /api/v1/archives/items/{ITEM_PK}/ failed with {status}")
    assert err.body == {"detail": "nope"}


async def test_bad_request_field_errors_through_the_client() -> None:
    body = {"values": [{"__all__": ["JSON does not fulfill schema"]}, {}]}
    recorder = Recorder(httpx.Response(400, json=body))
    async with make_client(recorder) as client:
        with pytest.raises(gc_highlevel.BadRequestError) as info:
            await client.archive_items.partial_update(
                ITEM_PK, values=[socket_value("age", value="x"), socket_value("sex", value="F")]
            )
    assert info.value.field_errors == {"values[0]": ["JSON does not fulfill schema"]}
    assert recorder.body() == {
        "values": [{"interface": "age", "value": "x"}, {"interface": "sex", "value": "F"}]
    }


async def test_raw_client_shares_the_seam() -> None:
    from gc_api.api.archives import archives_retrieve

    recorder = Recorder(httpx.Response(404, json={"detail": "Not found."}))
    async with make_client(recorder) as client:
        with pytest.raises(gc_highlevel.NotFoundError):
            await archives_retrieve.asyncio_detailed(ARCHIVE_PK, client=client.raw)  # type: ignore[arg-type]
        assert TOKEN not in repr(client.raw)
    assert recorder.requests[0].headers["Authorization"] == f"Bearer {TOKEN}"


# -- pagination -------------------------------------------------------------------------------


async def test_iterating_2500_items_takes_3_requests() -> None:
    recorder = Recorder()
    recorder.default = lambda request: httpx.Response(
        200, json=page_json(request, 2500, numbered_item)
    )
    async with make_client(recorder) as client:
        items = [item async for item in client.archive_items.list(archive=ARCHIVE_PK)]
    assert len(items) == 2500
    assert len({i.pk for i in items}) == 2500
    assert recorder.count == 3
    assert [r.url.params["offset"] for r in recorder.requests] == ["0", "1000", "2000"]
    assert {r.url.params["archive"] for r in recorder.requests} == {ARCHIVE_PK}


async def test_page_helpers_count_first_get_one() -> None:
    recorder = Recorder()
    recorder.default = lambda request: httpx.Response(
        200, json=page_json(request, 250, numbered_item)
    )
    async with make_client(recorder, page_size=100) as client:
        listing = client.archive_items.list()
        assert await listing.count() == 250
        first = await listing.first()
        assert first is not None and str(first.pk).endswith("000000000000")
        page = await listing.first_page()
        assert (len(page), page.count, page.next_offset) == (100, 250, 100)
        offsets = []
        current: object = page
        while current is not None:
            offsets.append(current.offset)  # type: ignore[attr-defined]
            current = await current.get_next_page()  # type: ignore[attr-defined]
        assert offsets == [0, 100, 200]
        with pytest.raises(gc_highlevel.MultipleObjectsReturnedError, match="250 objects"):
            await listing.get_one()
        assert len([p async for p in listing.pages()]) == 3
    with pytest.raises(ValueError, match="page_size"):
        client.archive_items.list(page_size=1001)


async def test_get_by_slug_not_found_and_multiple() -> None:
    recorder = Recorder(
        httpx.Response(200, json=EMPTY_PAGE),
        httpx.Response(
            200,
            json={
                "count": 2,
                "next": None,
                "previous": None,
                "results": [archive_json(), archive_json()],
            },
        ),
    )
    async with make_client(recorder) as client:
        with pytest.raises(gc_highlevel.ObjectNotFoundError, match="slug='nope'"):
            await client.archives.get(slug="nope")
        with pytest.raises(gc_highlevel.MultipleObjectsReturnedError):
            await client.archives.get(slug="twice")
    assert recorder.requests[0].url.params["slug"] == "nope"


async def test_prefetch_overlaps_consumption() -> None:
    """The next page is requested while the caller is still busy with the current one."""
    delay = 0.25

    async def slow_page(request: httpx.Request) -> httpx.Response:
        await async_sleep(delay)
        return httpx.Response(200, json=page_json(request, 3000, numbered_item))

    recorder = Recorder()
    recorder.default = slow_page
    finished_page: list[float] = []

    async with make_client(recorder) as client:
        async for _page in client.archive_items.list().pages():
            await async_sleep(delay)  # "work" on the page
            finished_page.append(time.monotonic())
    assert recorder.count == 3
    # Page 2 was requested before the caller finished page 1, and so on: that ordering is the
    # overlap (no wall-clock bound here: timing belongs in benchmarks, not tests).
    assert recorder.started[1] < finished_page[0]
    assert recorder.started[2] < finished_page[1]


async def test_an_error_on_a_prefetched_page_reaches_the_caller() -> None:
    def pages(request: httpx.Request) -> httpx.Response:
        if request.url.params["offset"] == "0":
            return httpx.Response(200, json=page_json(request, 150, numbered_item))
        return httpx.Response(500, text="<html><title>Server Error (500)</title></html>")

    recorder = Recorder()
    recorder.default = pages
    seen = []
    async with make_client(recorder, page_size=100) as client:
        with pytest.raises(gc_highlevel.InternalServerError, match="Server Error"):
            async for item in client.archive_items.list():
                seen.append(item)
    assert len(seen) == 100


async def test_stopping_early_is_clean() -> None:
    recorder = Recorder()
    recorder.default = lambda request: httpx.Response(
        200, json=page_json(request, 5000, numbered_item)
    )
    async with make_client(recorder, page_size=10) as client:
        async for item in client.archive_items.list():
            assert item.pk is not None
            break
        first = await client.archive_items.list().first()
    assert first is not None
    assert recorder.count <= 3  # page 1, perhaps the prefetched page 2, and first()


async def test_paginate_any_generated_list_endpoint() -> None:
    from gc_api.api.workstations import workstations_list

    recorder = Recorder(httpx.Response(200, json=EMPTY_PAGE))
    async with make_client(recorder) as client:
        listing = client.paginate(
            workstations_list.asyncio_detailed, client=client.raw, slug="x", limit=50
        )
        assert await listing.to_list() == []
    assert recorder.requests[0].url.params["slug"] == "x"
    assert recorder.requests[0].url.params["limit"] == "50"
    assert recorder.requests[0].url.path == "/api/v1/workstations/"


# -- resources (request shapes) ---------------------------------------------------------------


async def test_archive_item_writes_send_json_and_only_what_was_given() -> None:
    recorder = Recorder()
    recorder.default = lambda request: httpx.Response(
        201 if request.method == "POST" else 200, json=item_json()
    )
    async with make_client(recorder) as client:
        await client.archive_items.create(archive=f"{API}archives/{ARCHIVE_PK}/")
        await client.archive_items.partial_update(ITEM_PK, values=[socket_value("age", value=0)])
        await client.archive_items.update(ITEM_PK, values=[])
    methods = [(r.method, r.url.path) for r in recorder.requests]
    assert methods == [
        ("POST", "/api/v1/archives/items/"),
        ("PATCH", f"/api/v1/archives/items/{ITEM_PK}/"),
        ("PUT", f"/api/v1/archives/items/{ITEM_PK}/"),
    ]
    assert all(r.headers["Content-Type"] == "application/json" for r in recorder.requests)
    assert recorder.body(0) == {"archive": f"{API}archives/{ARCHIVE_PK}/", "title": ""}
    assert recorder.body(1) == {"values": [{"interface": "age", "value": 0}]}
    assert recorder.body(2) == {"values": []}  # a PUT must not blank the title


async def test_lookups_by_pk_and_api_url_use_the_path_only() -> None:
    recorder = Recorder()
    recorder.default = lambda request: httpx.Response(200, json=archive_json())
    async with make_client(recorder) as client:
        await client.archives.get(ARCHIVE_PK)
        await client.archives.get(api_url=f"https://elsewhere.test/api/v1/archives/{ARCHIVE_PK}/")
        with pytest.raises(
            gc_highlevel.InvalidReferenceError, match="not the api_url of an archive"
        ):
            await client.archives.get(api_url=f"{API}algorithms/{ARCHIVE_PK}/")
        with pytest.raises(TypeError, match="needs one of pk= or slug= or api_url="):
            await client.archives.get()
    assert {r.url.host for r in recorder.requests} == {"gc.test"}
    assert recorder.count == 2


async def test_request_escape_hatch() -> None:
    recorder = Recorder(httpx.Response(200, json={"latest_version": "0.13.2"}))
    async with make_client(recorder) as client:
        response = await client.request("GET", "gcapi/", params={"a": "1"})
    assert response.json()["latest_version"] == "0.13.2"
    assert str(recorder.requests[0].url) == f"{API}gcapi/?a=1"


# -- references: objects, pks, api_urls and slugs ---------------------------------------------


def _archives_by_slug(request: httpx.Request) -> httpx.Response:
    """A server with one archive, ``coronacasesorg``, and no items, images or sockets."""
    path = request.url.path
    if path == "/api/v1/archives/":
        found = request.url.params.get("slug") in (None, "coronacasesorg")
        return httpx.Response(200, json=one_page(archive_json()) if found else EMPTY_PAGE)
    if path == f"/api/v1/archives/{ARCHIVE_PK}/":
        return httpx.Response(200, json=archive_json())
    if path == f"/api/v1/archives/{ARCHIVE_PK}/patients/":
        return httpx.Response(200, json=[])
    if request.method == "POST":
        return httpx.Response(201, json=item_json())
    return httpx.Response(200, json=EMPTY_PAGE)


async def test_a_positional_string_that_is_not_a_uuid_is_a_slug() -> None:
    recorder = Recorder()
    recorder.default = _archives_by_slug
    async with make_client(recorder) as client:
        archive = await client.archives.get("coronacasesorg")
        assert str(archive.pk) == ARCHIVE_PK
        assert (await client.archives.get(f" {ARCHIVE_PK} ")).pk == archive.pk
    assert [(r.url.path, dict(r.url.params)) for r in recorder.requests] == [
        ("/api/v1/archives/", {"slug": "coronacasesorg", "offset": "0", "limit": "2"}),
        (f"/api/v1/archives/{ARCHIVE_PK}/", {}),
    ]


async def test_filters_and_creates_take_a_slug_looked_up_once_per_client() -> None:
    recorder = Recorder()
    recorder.default = _archives_by_slug
    async with make_client(recorder) as client:
        listing = client.archive_items.list(archive="coronacasesorg")
        assert recorder.count == 0  # list() is lazy; the slug is looked up with the first page
        assert "archive='coronacasesorg'" in repr(listing)
        assert await listing.count() == 0
        assert await client.archive_items.list(archive="coronacasesorg").to_list() == []
        await client.archive_items.create(archive="coronacasesorg", title="x")
        copy = client.with_options(max_retries=0)  # copies share the cache
        assert await copy.images.list(archive="coronacasesorg").to_list() == []
    lookups = [r for r in recorder.requests if r.url.path == "/api/v1/archives/"]
    assert len(lookups) == 1
    uses = [r for r in recorder.requests if r.url.path != "/api/v1/archives/"]
    assert [r.url.params.get("archive") for r in uses if r.method == "GET"] == [ARCHIVE_PK] * 3
    post = next(i for i, r in enumerate(recorder.requests) if r.method == "POST")
    assert recorder.body(post) == {"archive": f"{API}archives/{ARCHIVE_PK}/", "title": "x"}


async def test_get_by_slug_populates_the_cache() -> None:
    recorder = Recorder()
    recorder.default = _archives_by_slug
    async with make_client(recorder) as client:
        await client.archives.get(slug="coronacasesorg")
        await client.archive_items.list(archive="coronacasesorg").first()
        assert await client.archives.patients("coronacasesorg") == []
    assert [r.url.path for r in recorder.requests] == [
        "/api/v1/archives/",
        "/api/v1/archives/items/",
        f"/api/v1/archives/{ARCHIVE_PK}/patients/",
    ]


async def test_repeatable_image_filters_take_one_reference_or_several() -> None:
    from gc_highlevel.types import Archive

    archive = Archive.from_dict(archive_json())
    other = "4c4c57e6-8c1b-4f38-9c4c-0c4f2d5a7d24"
    recorder = Recorder()
    recorder.default = _archives_by_slug
    async with make_client(recorder) as client:
        assert await client.images.list(archive=archive).count() == 0
        await client.images.list(archive="coronacasesorg").first()
        await client.images.list(archive=[archive, other], reader_study=ARCHIVE_PK).first()
        await client.images.list(archive=(a for a in [ARCHIVE_PK])).first()
        with pytest.raises(gc_highlevel.InvalidReferenceError, match="job_input"):
            client.images.list(job_input="not-a-job")
        with pytest.raises(gc_highlevel.InvalidArgumentError, match="every object"):
            client.images.list(archive=[])
    params = [r.url.params for r in recorder.requests if r.url.path == "/api/v1/cases/images/"]
    assert [p.get_list("archive") for p in params] == [
        [ARCHIVE_PK],
        [ARCHIVE_PK],
        [ARCHIVE_PK, other],
        [ARCHIVE_PK],
    ]
    assert params[2].get_list("reader_study") == [ARCHIVE_PK]


async def test_invalid_references_are_typed_errors_before_any_request() -> None:
    from gc_highlevel.types import Archive

    archive = Archive.from_dict(archive_json())
    recorder = Recorder()
    async with make_client(recorder) as client:
        with pytest.raises(gc_highlevel.InvalidReferenceError) as info:
            await client.archives.get(5)  # type: ignore[arg-type]
        err = info.value
        assert isinstance(err, gc_highlevel.GCError)
        assert isinstance(err, TypeError) and isinstance(err, ValueError)
        assert "archives.get() got int 5" in str(err) and "its slug" in str(err)
        with pytest.raises(gc_highlevel.InvalidReferenceError, match="archive items have no slug"):
            await client.archive_items.get("case-1")
        with pytest.raises(gc_highlevel.InvalidReferenceError, match="got an Archive"):
            client.algorithm_jobs.list(algorithm=archive)
        with pytest.raises(gc_highlevel.InvalidReferenceError, match="not the api_url of an"):
            await client.archive_items.create(archive=f"{API}archives/items/{ITEM_PK}/")
        with pytest.raises(gc_highlevel.InvalidReferenceError, match="pass a pk"):
            await client.archives.get(api_url="coronacasesorg")
        with pytest.raises(gc_highlevel.InvalidReferenceError, match="uploads="):
            await client.upload_sessions.create(uploads=["nope"])
    assert recorder.count == 0


async def test_get_says_which_reference_was_missing_or_doubled() -> None:
    async with make_client(Recorder()) as client:
        with pytest.raises(gc_highlevel.InvalidReferenceError) as info:
            await client.images.get(api_url=None)
        message = str(info.value)
        assert "images.get() needs one of pk= or api_url=, and all of them are None" in message
        assert "Pass its pk (a UUID) positionally" in message
        assert ".image is None" in message
        with pytest.raises(gc_highlevel.InvalidReferenceError, match="got pk= and api_url="):
            await client.images.get(ITEM_PK, api_url=f"{API}cases/images/{ITEM_PK}/")
        with pytest.raises(gc_highlevel.InvalidReferenceError, match="slug="):
            await client.sockets.get()


async def test_sockets_by_slug_or_integer_pk() -> None:
    socket = {
        "title": "CT image",
        "description": "",
        "slug": "ct-image",
        "kind": "Image",
        "pk": 5,
        "default_value": None,
        "super_kind": "Image",
        "relative_path": "images/ct",
        "overlay_segments": [],
        "look_up_table": None,
    }
    recorder = Recorder(
        httpx.Response(200, json=one_page(socket)),
        httpx.Response(200, json=socket),
        httpx.Response(200, json=EMPTY_PAGE),
    )
    async with make_client(recorder) as client:
        found = await client.sockets.get("ct-image")
        assert await client.sockets.get(slug="ct-image") is found  # cached
        assert (await client.sockets.get("5")).slug == "ct-image"
        with pytest.raises(gc_highlevel.ObjectNotFoundError, match="lower-case: the slug may be"):
            await client.sockets.get("CT-Image")
        with pytest.raises(gc_highlevel.InvalidReferenceError, match="integer pk"):
            await client.sockets.get(True)
    assert [r.url.path for r in recorder.requests] == [
        "/api/v1/components/interfaces/",
        "/api/v1/components/interfaces/5/",
        "/api/v1/components/interfaces/",
    ]
    assert recorder.requests[0].url.params["slug"] == "ct-image"


async def test_slug_not_found_guesses_the_slug_and_mentions_a_missing_token() -> None:
    recorder = Recorder()
    recorder.default = _archives_by_slug
    async with make_client(recorder) as client:
        with pytest.raises(gc_highlevel.ObjectNotFoundError) as info:
            await client.archives.get(slug="CoronaCasesOrg")
        assert "Slugs are lower-case: the slug may be 'coronacasesorg'" in str(info.value)
        with pytest.raises(gc_highlevel.InvalidReferenceError) as info:  # before any request
            await client.archives.get("coronacases.org")
        assert (
            "'coronacases.org' looks like a title, not a slug: the slug may be 'coronacasesorg'"
            in str(info.value)
        )
        assert "token is configured" not in str(info.value)
    async with make_client(recorder, token=None) as anonymous:
        with pytest.raises(gc_highlevel.ObjectNotFoundError) as info:
            await anonymous.archive_items.list(archive="nope").first()
        assert "No archive with slug='nope'" in str(info.value)
        assert "no API token is configured" in str(info.value)
        with pytest.raises(gc_highlevel.ObjectNotFoundError, match="no API token"):
            await anonymous.archives.list(slug="nope").get_one()


async def test_404_without_a_token_says_none_is_configured() -> None:
    missing = httpx.Response(404, json={"detail": "No Archive matches the given query."})
    async with make_client(Recorder(missing), token=None) as anonymous:
        with pytest.raises(gc_highlevel.NotFoundError) as info:
            await anonymous.archives.get(ARCHIVE_PK)
    assert "no API token is configured" in str(info.value)
    async with make_client(Recorder(missing)) as client:
        with pytest.raises(gc_highlevel.NotFoundError) as info:
            await client.archives.get(ARCHIVE_PK)
    assert "no API token" not in str(info.value)


async def test_upload_sessions_take_the_archive_as_object_slug_or_pk() -> None:
    from gc_highlevel.types import Archive, archive_slug

    archive = Archive.from_dict(archive_json())
    assert archive_slug(archive) == "coronacasesorg"
    recorder = Recorder()
    recorder.default = lambda request: (
        httpx.Response(200, json=archive_json())
        if request.method == "GET"
        else httpx.Response(400, json={"detail": "stop here"})
    )
    upload = f"{API}uploads/{ITEM_PK}/"
    async with make_client(recorder) as client:
        for ref in (archive, "coronacasesorg", ARCHIVE_PK):
            with pytest.raises(gc_highlevel.BadRequestError):
                await client.upload_sessions.create(uploads=[upload], archive=ref)
    posts = [i for i, r in enumerate(recorder.requests) if r.method == "POST"]
    assert [recorder.body(i)["archive"] for i in posts] == ["coronacasesorg"] * 3
    assert recorder.count == 4  # only the pk needed a look-up


# -- argument checks, lifecycle, repr ---------------------------------------------------------


@pytest.mark.parametrize("bad", [0, -1, 1001, 5000])
async def test_page_size_is_validated_consistently(bad: int) -> None:
    from gc_api.api.workstations import workstations_list

    async with make_client(Recorder()) as client:
        for make in (
            lambda: client.archive_items.list(page_size=bad),
            lambda: client.with_options(page_size=bad),
            lambda: make_client(Recorder(), page_size=bad),
            lambda: client.paginate(
                workstations_list.asyncio_detailed, client=client.raw, limit=bad
            ),
        ):
            with pytest.raises(gc_highlevel.InvalidArgumentError, match="from 1 to 1000") as info:
                make()
            assert isinstance(info.value, ValueError)
            assert f"got {bad}" in str(info.value)
        recorder = Recorder()
        async with make_client(recorder) as other:
            with pytest.raises(gc_highlevel.InvalidArgumentError, match=r"last\(n\) must be"):
                await other.archive_items.list().last(bad)
        assert recorder.count == 0  # refused before any request


async def test_a_closed_client_says_so() -> None:
    recorder = Recorder()
    recorder.default = _archives_by_slug
    async with make_client(recorder) as client:
        copy = client.with_options(timeout=5)
        await copy.aclose()
        with pytest.raises(gc_highlevel.ClientClosedError):
            await copy.archives.list().first()
        assert await client.archives.list().first() is not None  # the original still works
        other = client.with_options(timeout=5).with_options(max_retries=0)
    for closed in (client, other):
        with pytest.raises(gc_highlevel.ClientClosedError) as info:
            await closed.archives.get("coronacasesorg")
        assert isinstance(info.value, RuntimeError)
        assert "is closed" in str(info.value) and "or create a new" in str(info.value)
        assert "GET /api/v1/archives/" in str(info.value)
    from gc_api.api.gcapi import gcapi_retrieve

    with pytest.raises(gc_highlevel.ClientClosedError):
        await gcapi_retrieve.asyncio_detailed(client=client.raw)


async def test_repr_shows_timeout_and_never_the_token() -> None:
    async with make_client(Recorder()) as client:
        assert repr(client) == (
            f"AsyncClient(base_url='{API}', token='<redacted>', max_retries=2, "
            "timeout=Timeout(60.0, connect=10.0))"
        )
        patient = client.with_options(timeout=300, page_size=100)
        assert "timeout=Timeout(300, connect=10.0), page_size=100)" in repr(patient)
        assert "timeout=5.0" in repr(client.with_options(timeout=httpx.Timeout(5.0)))
        assert TOKEN not in repr(patient)


def test_token_pattern_is_realistic() -> None:
    assert re.fullmatch(r"[0-9a-f]{32}", TOKEN)

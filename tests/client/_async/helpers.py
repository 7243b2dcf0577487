"""Test helpers shared by the async suite and its generated sync twin."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx

from gc_highlevel import AsyncClient
from gc_highlevel._utils import ssl_verify

API = "https://gc.test/api/v1/"
TOKEN = "0123456789abcdef0123456789abcdef"
ARCHIVE_PK = "1c4c57e6-8c1b-4f38-9c4c-0c4f2d5a7d21"
ITEM_PK = "2b4c57e6-8c1b-4f38-9c4c-0c4f2d5a7d22"
ALGORITHM_PK = "3c4c57e6-8c1b-4f38-9c4c-0c4f2d5a7d23"


class BrokenBody(httpx.AsyncByteStream):
    """A response body that breaks off after its first bytes (connection reset)."""

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield b'{"count": 1, "res'
        raise httpx.ReadError("[Errno 104] Connection reset by peer")


class Recorder:
    """A scripted MockTransport handler that records every request it sees."""

    def __init__(self, *responses: httpx.Response | Exception | Callable[[httpx.Request], Any]):
        self.script = list(responses)
        self.requests: list[httpx.Request] = []
        self.started: list[float] = []
        self.default: Callable[[httpx.Request], Any] | None = None

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        self.started.append(time.monotonic())
        if self.script:
            item = self.script.pop(0)
        elif self.default is not None:
            item = self.default
        else:
            raise AssertionError(f"unexpected request {request.method} {request.url}")
        if isinstance(item, Exception):
            raise item
        if isinstance(item, httpx.Response):
            return item
        return item(request)

    @property
    def count(self) -> int:
        return len(self.requests)

    def body(self, index: int = -1) -> Any:
        return json.loads(self.requests[index].content)


class Sleeps:
    """An injectable sleep that records instead of waiting."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def make_client(handler: Any, *, token: str | None = TOKEN, **kwargs: Any) -> AsyncClient:
    kwargs.setdefault("sleep", Sleeps())
    return AsyncClient(token, base_url=API, transport=httpx.MockTransport(handler), **kwargs)


def archive_json(
    pk: str = ARCHIVE_PK, title: str = "coronacases.org", slug: str = "coronacasesorg"
) -> dict[str, Any]:
    return {
        "pk": pk,
        "title": title,
        "logo": "",
        "description": "",
        "api_url": f"{API}archives/{pk}/",
        "url": f"https://gc.test/archives/{slug}/",
    }


def one_page(*results: dict[str, Any]) -> dict[str, Any]:
    return {"count": len(results), "next": None, "previous": None, "results": list(results)}


def item_json(pk: str = ITEM_PK, archive: str = ARCHIVE_PK) -> dict[str, Any]:
    return {
        "pk": pk,
        "title": "",
        "archive": f"{API}archives/{archive}/",
        "values": [],
        "hanging_protocol": None,
        "optional_hanging_protocols": [],
        "view_content": {},
    }


def page_json(
    request: httpx.Request, total: int, make: Callable[[int], dict[str, Any]]
) -> dict[str, Any]:
    """A DRF limit/offset page of ``total`` objects built by ``make(index)``."""
    limit = min(int(request.url.params.get("limit", 100)), 1000)
    offset = int(request.url.params.get("offset", 0))
    end = min(offset + limit, total)
    nxt = None
    if end < total:
        nxt = str(request.url.copy_set_param("offset", end).copy_set_param("limit", limit))
    return {
        "count": total,
        "next": nxt,
        "previous": None,
        "results": [make(i) for i in range(offset, end)],
    }


def numbered_item(i: int) -> dict[str, Any]:
    return item_json(pk=f"00000000-0000-4000-8000-{i:012d}")


class Spy(httpx.AsyncBaseTransport):
    """Wraps a real transport and records every request that leaves the client."""

    def __init__(self, inner: httpx.AsyncBaseTransport | None = None) -> None:
        self.inner = inner or httpx.AsyncHTTPTransport()
        self.requests: list[httpx.Request] = []
        self.started: list[float] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        self.started.append(time.monotonic())
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()

    def with_token(self) -> list[tuple[str, str]]:
        return [(r.url.host, r.url.path) for r in self.requests if "Authorization" in r.headers]


def connect(gc: Any, user: str | None = "demo", **kwargs: Any) -> tuple[AsyncClient, Spy, Sleeps]:
    """A client of the local grand-challenge ``gc`` as ``user`` (None: anonymous)."""
    verify = ssl_verify(kwargs.pop("verify", True))
    spy = Spy(httpx.AsyncHTTPTransport(verify=verify))
    sleeps = Sleeps()
    token = gc.tokens[user] if user else None
    kwargs.setdefault("timeout", 30)
    client = AsyncClient(token, base_url=gc.api_url, transport=spy, sleep=sleeps, **kwargs)
    return client, spy, sleeps


def ct_bytes(seed: int = 7) -> bytes:
    """A small synthetic chest CT as ``.mha`` bytes (the local server's importer reads it)."""
    import os
    import tempfile

    import SimpleITK as sitk

    from gc_highlevel.testing.algos import synthetic_ct

    image = sitk.GetImageFromArray(synthetic_ct(seed))
    image.SetSpacing((0.8, 0.8, 2.5))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "ct.mha")
        sitk.WriteImage(image, path, True)
        with open(path, "rb") as f:
            return f.read()

"""Helpers shared by the async transfer suite and its generated sync twin."""

from __future__ import annotations

import threading
from typing import Any

import httpx

from gc_highlevel import AsyncClient
from gc_highlevel._async._http import POOL_LIMITS
from gc_highlevel.testing import LocalGrandChallenge


class Sleeps:
    """An injectable sleep that records instead of waiting."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


class RecordingTransport(httpx.AsyncBaseTransport):
    """A real transport that records each request's URL and headers and the peak number of
    requests in flight at once."""

    def __init__(self, **kwargs: Any) -> None:
        # the client's own pool limits: with httpx's default (20 kept alive), httpcore closes
        # idle connections while more than 20 exist, and can close one just handed to another
        # request, which then fails with EBADF (seen once in a 32-connection test)
        kwargs.setdefault("limits", POOL_LIMITS)
        self.inner = httpx.AsyncHTTPTransport(**kwargs)
        self.seen: list[tuple[str, str, dict[str, str]]] = []
        self.in_flight = 0
        self.peak = 0
        self._lock = threading.Lock()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            self.seen.append((request.method, str(request.url), dict(request.headers)))
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
        try:
            return await self.inner.handle_async_request(request)
        finally:
            with self._lock:
                self.in_flight -= 1

    async def aclose(self) -> None:
        await self.inner.aclose()

    def to(self, origin: str) -> list[tuple[str, str, dict[str, str]]]:
        return [s for s in self.seen if s[1].startswith(origin)]


def make_client(
    gc: LocalGrandChallenge, transport: RecordingTransport | None = None, user: str = "demo"
) -> AsyncClient:
    return AsyncClient(
        gc.tokens[user],
        base_url=gc.api_url,
        transport=transport or RecordingTransport(),
        sleep=Sleeps(),
    )

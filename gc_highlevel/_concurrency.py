"""The few primitives that differ between the async code and its generated sync twin.

``scripts/make_sync.py`` rewrites ``AsyncX`` to ``X`` and ``async_sleep`` to ``sync_sleep``, so
the async sources under ``_async/`` use the left-hand names and the sync twin the right-hand.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Annotated, Generic, TypeVar

T = TypeVar("T")

#: Sleep functions, injectable so tests never wait.
AsyncSleep = Callable[[float], Awaitable[None]]
Sleep = Callable[[float], None]


async def async_sleep(seconds: float) -> None:
    """Default async sleep (anyio: works under asyncio and trio)."""
    import anyio

    await anyio.sleep(seconds)


def sync_sleep(seconds: float) -> None:
    """Default sync sleep."""
    time.sleep(seconds)


class AsyncPrefetch(Generic[T]):
    """Starts ``fn()`` now as an asyncio task; ``await result()`` collects it.

    Outside asyncio (e.g. under trio) there is no task to start: ``fn()`` then simply runs
    when the result is awaited, so paging still works, just without the overlap.
    """

    def __init__(self, fn: Callable[[], Awaitable[T]]) -> None:
        self._fn = fn
        self._task: asyncio.Future[T] | None = None
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return
        self._task = asyncio.ensure_future(fn())

    async def result(self) -> T:
        if self._task is None:
            return await self._fn()
        return await self._task

    def cancel(self) -> None:
        task = self._task
        if task is None:
            return
        if not task.done():
            task.cancel()
        elif not task.cancelled():
            task.exception()  # retrieve it so asyncio does not warn about it


class Prefetch(Generic[T]):
    """Starts ``fn()`` now in a daemon thread; ``result()`` waits for it."""

    def __init__(self, fn: Callable[[], T]) -> None:
        self._fn = fn
        self._done = threading.Event()
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="gc-prefetch", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._fn()
        except BaseException as exc:  # handed to the consumer in result()
            self._error = exc
        finally:
            self._done.set()

    def result(self) -> T:
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]

    def cancel(self) -> None:
        """A running request cannot be interrupted; its result is simply dropped."""


#: What ``Awaitable[T]`` becomes in the sync twin: plain ``T`` (an identity alias).
Blocking = Annotated[T, "sync twin of Awaitable"]

__all__ = [
    "AsyncPrefetch",
    "AsyncSleep",
    "Awaitable",
    "Blocking",
    "Prefetch",
    "Sleep",
    "async_sleep",
    "sync_sleep",
]


class _WrongFlavourTransport:
    def __init__(self, message: str) -> None:
        self.message = message

    def handle_request(self, request: object) -> object:
        raise RuntimeError(self.message)

    async def handle_async_request(self, request: object) -> object:
        raise RuntimeError(self.message)

    def close(self) -> None:
        pass

    async def aclose(self) -> None:
        pass


def guard_sync_calls(raw: object) -> None:
    """An ``AsyncClient.raw`` refuses ``sync_detailed`` calls (instead of building a client
    of its own, which would send the generated client's placeholder token)."""
    import httpx

    transport: httpx.BaseTransport = _WrongFlavourTransport(  # type: ignore[assignment]
        "AsyncClient.raw is asynchronous: call the generated asyncio_detailed() functions, "
        "or use gc_highlevel.Client for sync_detailed()."
    )
    raw.set_httpx_client(httpx.Client(transport=transport))  # type: ignore[attr-defined]


def guard_async_calls(raw: object) -> None:
    """A ``Client.raw`` refuses ``asyncio_detailed`` calls (see :func:`guard_sync_calls`)."""
    import httpx

    transport: httpx.AsyncBaseTransport = _WrongFlavourTransport(  # type: ignore[assignment]
        "Client.raw is synchronous: call the generated sync_detailed() functions, "
        "or use gc_highlevel.AsyncClient for asyncio_detailed()."
    )
    raw.set_async_httpx_client(httpx.AsyncClient(transport=transport))  # type: ignore[attr-defined]

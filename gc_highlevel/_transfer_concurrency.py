"""Concurrency primitives of the transfer engine, in an async and a sync flavour.

The async transfer code under ``_async/`` uses the ``Async*`` names; ``scripts/make_sync.py``
rewrites ``AsyncX`` to ``X``, so its generated sync twin uses the thread-based classes below
with the same methods.

Example:
    >>> limiter = Limiter(2)
    >>> with limiter:
    ...     pass
    >>> Group.run_workers(3, lambda: None)
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, wait
from types import TracebackType
from typing import Generic, TypeVar

T = TypeVar("T")

__all__ = ["AsyncGroup", "AsyncLimiter", "AsyncLock", "Group", "Limiter", "Lock", "WorkQueue"]


class AsyncLimiter:
    """At most ``n`` holders at a time (one per open connection): ``async with limiter:``."""

    def __init__(self, n: int) -> None:
        if n < 1:
            raise ValueError(f"concurrency must be >= 1, got {n}")
        self.n = n
        self._sem = asyncio.Semaphore(n)

    async def __aenter__(self) -> None:
        await self._sem.acquire()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._sem.release()


class Limiter:
    """At most ``n`` holders at a time (one per open connection): ``with limiter:``."""

    def __init__(self, n: int) -> None:
        if n < 1:
            raise ValueError(f"concurrency must be >= 1, got {n}")
        self.n = n
        self._sem = threading.BoundedSemaphore(n)

    def __enter__(self) -> None:
        self._sem.acquire()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._sem.release()


class AsyncLock:
    """A mutex for tasks: ``async with lock:``."""

    def __init__(self) -> None:
        self._lock = asyncio.Lock()

    async def __aenter__(self) -> None:
        await self._lock.acquire()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._lock.release()


class Lock:
    """A mutex for threads: ``with lock:``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def __enter__(self) -> None:
        self._lock.acquire()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._lock.release()


class AsyncGroup:
    """Runs ``n`` copies of a worker as tasks and waits for all of them."""

    @staticmethod
    async def run_workers(
        n: int, worker: Callable[[], Awaitable[None]], *, stop: Callable[[], None] | None = None
    ) -> None:
        """Run ``worker()`` ``n`` times concurrently; when all ended, re-raise the first error.

        ``stop`` is called if the caller is cancelled, so workers take no new work.
        """
        try:
            if n <= 1:
                await worker()
                return
            results = await asyncio.gather(*(worker() for _ in range(n)), return_exceptions=True)
        except BaseException:
            if stop is not None:
                stop()
            raise
        for result in results:
            if isinstance(result, BaseException):
                raise result


class Group:
    """Runs ``n`` copies of a worker in threads and waits for all of them."""

    @staticmethod
    def run_workers(
        n: int, worker: Callable[[], None], *, stop: Callable[[], None] | None = None
    ) -> None:
        """Run ``worker()`` ``n`` times concurrently; when all ended, re-raise the first error.

        ``stop`` is called on Ctrl-C, so workers finish what they are sending and take no new
        work; the interrupt is re-raised without waiting for them.
        """
        if n <= 1:
            try:
                worker()
            except BaseException:
                if stop is not None:
                    stop()
                raise
            return
        pool = ThreadPoolExecutor(max_workers=n, thread_name_prefix="gc-transfer")
        futures = [pool.submit(worker) for _ in range(n)]
        try:
            wait(futures)
        except BaseException:
            if stop is not None:
                stop()
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown()
        for future in futures:
            error = future.exception()
            if error is not None:
                raise error


class WorkQueue(Generic[T]):
    """Hands out items one at a time to workers (thread- and task-safe); ``stop()`` drains it.

    Example:
        >>> q = WorkQueue([1, 2]); q.take(), q.take(), q.take()
        (1, 2, None)
    """

    def __init__(self, items: Iterable[T]) -> None:
        self._items = iter(items)
        self._lock = threading.Lock()
        self.stopped = False

    def take(self) -> T | None:
        with self._lock:
            if self.stopped:
                return None
            return next(self._items, None)

    def stop(self) -> None:
        with self._lock:
            self.stopped = True

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
import contextvars
import threading
import time
from collections.abc import Awaitable, Callable, Iterable
from types import TracebackType
from typing import Generic, TypeVar

T = TypeVar("T")

__all__ = [
    "STOP_GRACE",
    "AsyncGroup",
    "AsyncLimiter",
    "AsyncLock",
    "Group",
    "Interrupted",
    "Limiter",
    "Lock",
    "WorkQueue",
]

#: Seconds an interrupted :meth:`Group.run_workers` waits for its threads to stop at their
#: next chunk and clean up (abort their uploads) before it re-raises the interrupt anyway.
STOP_GRACE = 5.0


class Interrupted(Exception):
    """Raised in a worker thread whose call was interrupted (Ctrl-C in the calling thread):
    the thread stops at its next chunk or request instead of finishing its work.

    Example:
        >>> str(Interrupted())
        'interrupted (Ctrl-C)'
    """

    def __init__(self, message: str = "interrupted (Ctrl-C)") -> None:
        super().__init__(message)


class _Scope:
    """Set when the :meth:`Group.run_workers` call that made it was interrupted; the threads
    of nested calls see the flags of the calls around theirs."""

    def __init__(self, parent: _Scope | None) -> None:
        self.parent = parent
        self.event = threading.Event()

    def is_set(self) -> bool:
        scope: _Scope | None = self
        while scope is not None:
            if scope.event.is_set():
                return True
            scope = scope.parent
        return False


_SCOPE: contextvars.ContextVar[_Scope | None] = contextvars.ContextVar(
    "gc_highlevel_worker_scope", default=None
)


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
    def interrupted() -> bool:
        """Always False: an interrupted task is cancelled (``CancelledError`` at its next
        ``await``), so it needs no flag to look at (see :meth:`Group.interrupted`)."""
        return False

    @staticmethod
    async def run_workers(
        n: int,
        worker: Callable[[], Awaitable[None]],
        *,
        stop: Callable[[], None] | None = None,
        check: Callable[[], None] | None = None,
        grace: float = STOP_GRACE,
    ) -> None:
        """Run ``worker()`` ``n`` times concurrently; when all ended, re-raise the first error.

        ``stop`` is called if the caller is cancelled, so workers take no new work. ``check``
        is called every 0.25 s while they run; if it raises (say, the client is closing), the
        workers are cancelled (their requests in flight dropped), awaited for at most
        ``grace`` seconds, and its error is raised.
        """
        if check is None:
            try:
                if n <= 1:
                    await worker()
                    return
                results = await asyncio.gather(
                    *(worker() for _ in range(n)), return_exceptions=True
                )
            except BaseException:
                if stop is not None:
                    stop()
                raise
            for result in results:
                if isinstance(result, BaseException):
                    raise result
            return
        tasks = [asyncio.ensure_future(worker()) for _ in range(max(1, n))]
        try:
            while True:
                _, pending = await asyncio.wait(tasks, timeout=0.25)
                if not pending:
                    break
                check()
        except BaseException:
            if stop is not None:
                stop()
            for task in tasks:
                task.cancel()
            await asyncio.wait(tasks, timeout=grace if grace > 0 else None)
            raise
        for task in tasks:
            error = None if task.cancelled() else task.exception()
            if error is not None:
                raise error


class Group:
    """Runs ``n`` copies of a worker in threads and waits for all of them."""

    @staticmethod
    def interrupted() -> bool:
        """Whether the calling worker thread belongs to a :meth:`run_workers` call that was
        interrupted (Ctrl-C reaches only the main thread; its workers look here at each chunk
        and request, and stop).

        Example:
            >>> Group.interrupted()
            False
        """
        scope = _SCOPE.get()
        return scope is not None and scope.is_set()

    @staticmethod
    def run_workers(
        n: int,
        worker: Callable[[], None],
        *,
        stop: Callable[[], None] | None = None,
        check: Callable[[], None] | None = None,
        grace: float = STOP_GRACE,
    ) -> None:
        """Run ``worker()`` ``n`` times concurrently; when all ended, re-raise the first error.

        On Ctrl-C (or when ``check``, called every 0.25 s while waiting, raises; or when the
        call around this one was interrupted: :class:`Interrupted`) ``stop`` is called and the
        workers are told they are interrupted (:meth:`interrupted`): they stop at their next
        chunk or request, abort their uploads, and end. The error is re-raised once they have,
        or after ``grace`` seconds (``0``: at once, for workers that need no clean-up); a
        second Ctrl-C re-raises at once. The threads are daemons, so a process that exits
        does not wait for them.
        """
        parent = _SCOPE.get()
        scope = _Scope(parent)

        def interrupt() -> None:
            scope.event.set()
            if stop is not None:
                stop()

        if n <= 1:
            token = _SCOPE.set(scope)
            try:
                worker()
            except BaseException:
                interrupt()
                raise
            finally:
                _SCOPE.reset(token)
            return
        errors: list[BaseException | None] = [None] * n

        def run(index: int) -> None:
            try:
                worker()
            except BaseException as exc:
                errors[index] = exc

        threads = []
        for index in range(n):
            context = contextvars.copy_context()
            context.run(_SCOPE.set, scope)
            thread = threading.Thread(
                target=context.run, args=(run, index), name="gc-transfer", daemon=True
            )
            thread.start()
            threads.append(thread)
        try:
            for thread in threads:
                # In short waits: Ctrl-C is handled between two (even if the signal reached
                # another thread, or came from _thread.interrupt_main()), and so are ``check``
                # and an interrupt of the call around this one.
                while thread.is_alive():
                    thread.join(0.25)
                    if parent is not None and parent.is_set():
                        raise Interrupted()
                    if check is not None:
                        check()
        except BaseException:
            interrupt()
            deadline = time.monotonic() + grace
            for thread in threads:
                thread.join(max(0.0, deadline - time.monotonic()))
            raise
        for error in errors:
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

"""Every concurrency primitive of the client, each in its async and its sync flavour side by side.

The async code under ``_async/`` uses the left-hand names; ``scripts/make_sync.py`` rewrites
``AsyncX`` to ``X`` (and, by its table, ``async_sleep`` to ``sync_sleep``, ``Awaitable`` to
``Blocking``, ``guard_sync_calls`` to ``guard_async_calls``), so the generated sync twin uses the
right-hand ones, which have the same methods:

* ``AsyncSleep`` / ``Sleep``, ``async_sleep`` / ``sync_sleep``: injectable sleeps (tests never
  wait) and the default ones;
* ``Awaitable[T]`` / ``Blocking[T]``: a result, awaited or plain ``T``;
* ``AsyncLock`` / ``Lock``: a mutex;
* ``AsyncLimiter`` / ``Limiter``: at most ``n`` holders at a time (one per open connection);
* ``AsyncTurnstile`` / ``Turnstile``: lets concurrent cases take a step strictly in input order;
* ``WorkQueue`` (both flavours): hands out items one at a time to workers;
* ``AsyncGroup`` / ``Group``: runs ``n`` workers, waits for them, re-raises the first error;
  ``Interrupted`` is raised in a worker thread whose call was interrupted (Ctrl-C);
* ``AsyncPrefetch`` / ``Prefetch``: starts a call now, collects its result later;
* ``guard_sync_calls`` / ``guard_async_calls``: make a generated client refuse the other
  flavour's calls.

Example:
    >>> limiter = Limiter(2)
    >>> with limiter:
    ...     pass
    >>> Group.run_workers(3, lambda: None)
    >>> t = Turnstile()
    >>> t.wait_turn(0); t.done(0); t.wait_turn(1); t.done(1)
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
import time
from collections.abc import Awaitable, Callable, Iterable
from types import TracebackType
from typing import Annotated, Generic, TypeVar

from gc_highlevel._validate import check_count

T = TypeVar("T")

__all__ = [
    "STOP_GRACE",
    "AsyncGroup",
    "AsyncLimiter",
    "AsyncLock",
    "AsyncPrefetch",
    "AsyncSleep",
    "AsyncTurnstile",
    "Awaitable",
    "Blocking",
    "Group",
    "Interrupted",
    "Limiter",
    "Lock",
    "Prefetch",
    "Sleep",
    "Turnstile",
    "WorkQueue",
    "async_sleep",
    "guard_async_calls",
    "guard_sync_calls",
    "sync_sleep",
]


# -- sleeps --------------------------------------------------------------------------------------

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


# -- results -------------------------------------------------------------------------------------

#: What ``Awaitable[T]`` becomes in the sync twin: plain ``T`` (an identity alias).
Blocking = Annotated[T, "sync twin of Awaitable"]


# -- locks ---------------------------------------------------------------------------------------


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


# -- limiters ------------------------------------------------------------------------------------


class AsyncLimiter:
    """At most ``n`` holders at a time (one per open connection): ``async with limiter:``."""

    def __init__(self, n: int) -> None:
        self.n = check_count("concurrency", n)
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
        self.n = check_count("concurrency", n)
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


# -- turnstiles ----------------------------------------------------------------------------------
# Uploads of many cases run in parallel, but the server numbers display sets in the order they
# are created, so each case waits for its turn only for the create step.


class AsyncTurnstile:
    """``await wait_turn(i)`` returns once ``done(j)`` was called for every ``j < i``."""

    def __init__(self) -> None:
        self._done: set[int] = set()
        self._next = 0
        self._changed = asyncio.Condition()

    async def wait_turn(self, index: int) -> None:
        async with self._changed:
            await self._changed.wait_for(lambda: self._next >= index)

    async def done(self, index: int) -> None:
        """Mark ``index`` as past its turn (call it exactly once per index, also on failure)."""
        async with self._changed:
            self._done.add(index)
            while self._next in self._done:
                self._next += 1
            self._changed.notify_all()


class Turnstile:
    """``wait_turn(i)`` returns once ``done(j)`` was called for every ``j < i`` (threads)."""

    def __init__(self) -> None:
        self._done: set[int] = set()
        self._next = 0
        self._changed = threading.Condition()

    def wait_turn(self, index: int) -> None:
        with self._changed:
            self._changed.wait_for(lambda: self._next >= index)

    def done(self, index: int) -> None:
        """Mark ``index`` as past its turn (call it exactly once per index, also on failure)."""
        with self._changed:
            self._done.add(index)
            while self._next in self._done:
                self._next += 1
            self._changed.notify_all()


# -- work queue (one class for both flavours) ----------------------------------------------------


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


# -- worker groups -------------------------------------------------------------------------------

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


# -- prefetch ------------------------------------------------------------------------------------


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


# -- guards of the generated client ------------------------------------------------------------


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

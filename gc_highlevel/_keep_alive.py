"""Background heartbeats (an algorithm endpoint's keep-alive), in an async and a sync flavour.

``AsyncKeepAlive`` runs the beat in a task of an anyio task group (asyncio or trio);
``KeepAlive``, its twin in the generated sync code (``scripts/make_sync.py`` renames
``AsyncX`` to ``X``), in a daemon thread. Both call ``beat()`` after each ``interval`` of real
time (never the client's injectable sleep), record what it raises and go on; ``beat()``
returns the next interval, or None to stop beating.

Example:
    >>> beats = []
    >>> keeper = KeepAlive(lambda: beats.append(1) or (None if len(beats) == 3 else 0.01), 0.01)
    >>> keeper.start(); keeper.join(5); keeper.stop()
    >>> len(beats), keeper.running
    (3, False)
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from typing import Any

__all__ = ["AsyncKeepAlive", "KeepAlive"]

#: Errors kept for inspection (the newest ones).
_MAX_ERRORS = 20


class _Record:
    def __init__(self, interval: float) -> None:
        if not interval > 0:
            raise ValueError(f"interval must be more than 0 seconds, got {interval!r}")
        self.interval = interval
        self.beats = 0
        self.errors: list[Exception] = []

    def failed(self, exc: Exception) -> None:
        self.errors.append(exc)
        del self.errors[:-_MAX_ERRORS]


class AsyncKeepAlive(_Record):
    """``await start()`` begins beating in the background; ``await stop()`` ends it.

    Call both from the same task (``start`` in ``__aenter__``, ``stop`` in ``__aexit__``).
    """

    def __init__(self, beat: Callable[[], Awaitable[float | None]], interval: float) -> None:
        super().__init__(interval)
        self._beat = beat
        self._group: Any = None
        self.running = False

    async def start(self) -> None:
        import anyio

        if self._group is not None:
            return
        group = anyio.create_task_group()
        await group.__aenter__()
        self._group = group
        self.running = True
        group.start_soon(self._run)

    async def _run(self) -> None:
        import anyio

        try:
            while True:
                await anyio.sleep(self.interval)
                try:
                    nxt = await self._beat()
                except Exception as exc:  # recorded; the next beat may work
                    self.failed(exc)
                    continue
                self.beats += 1
                if nxt is None:
                    return
                self.interval = nxt
        finally:
            self.running = False

    async def stop(self) -> None:
        """Stop beating (a beat in flight is cancelled) and wait for the task to end."""
        group, self._group = self._group, None
        if group is None:
            return
        group.cancel_scope.cancel()
        await group.__aexit__(None, None, None)
        self.running = False


class KeepAlive(_Record):
    """``start()`` begins beating in a daemon thread; ``stop()`` ends it."""

    def __init__(self, beat: Callable[[], float | None], interval: float) -> None:
        super().__init__(interval)
        self._beat = beat
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.running = False

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self.running = True
        self._thread = threading.Thread(target=self._run, name="gc-keep-alive", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.interval):
                try:
                    nxt = self._beat()
                except Exception as exc:  # recorded; the next beat may work
                    self.failed(exc)
                    continue
                self.beats += 1
                if nxt is None:
                    return
                self.interval = nxt
        finally:
            self.running = False

    def join(self, timeout: float | None = None) -> None:
        """Wait until the thread has ended (it ends when ``beat()`` returns None)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop beating; waits up to ``timeout`` s for a beat in flight (a request cannot be
        interrupted; one still running after that is left to finish on its own)."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self._stop.set()
        thread.join(timeout)
        self.running = False

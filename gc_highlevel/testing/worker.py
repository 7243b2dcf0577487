"""The background worker (the emulator's celery): a small thread pool running tasks in order.

Example:
    >>> w = Worker(threads=1); w.start()
    >>> out = []
    >>> w.submit(out.append, 1); w.wait_idle()
    True
    >>> out
    [1]
    >>> w.stop()
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any


class Worker:
    """Runs submitted callables in background threads; ``delay`` schedules them later.

    ``pause()`` holds every task (e.g. to keep jobs active and test the active-job limit);
    ``wait_idle()`` blocks until nothing is queued, scheduled or running.
    """

    def __init__(self, threads: int = 2) -> None:
        self._n = threads
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, Callable[..., Any], tuple[Any, ...]]] = []
        self._seq = itertools.count()
        self._running = 0
        self._paused = False
        self._stopping = False
        self._threads: list[threading.Thread] = []
        self.errors: list[str] = []

    def start(self) -> None:
        for i in range(self._n):
            t = threading.Thread(target=self._loop, name=f"gc-worker-{i}", daemon=True)
            t.start()
            self._threads.append(t)

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        for t in self._threads:
            t.join(30)
        self._threads.clear()

    def submit(self, fn: Callable[..., Any], *args: Any, delay: float = 0.0) -> None:
        """Run ``fn(*args)`` in the background, after ``delay`` seconds."""
        with self._cond:
            heapq.heappush(self._heap, (time.monotonic() + delay, next(self._seq), fn, args))
            self._cond.notify_all()

    def pause(self) -> None:
        """Hold all tasks until :meth:`resume`."""
        with self._cond:
            self._paused = True

    def resume(self) -> None:
        with self._cond:
            self._paused = False
            self._cond.notify_all()

    @property
    def idle(self) -> bool:
        with self._cond:
            return not self._heap and self._running == 0

    def wait_idle(self, timeout: float = 60.0) -> bool:
        """Wait until no task is queued or running; False on timeout (or while paused)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._heap or self._running:
                if self._paused and not self._running:
                    return False
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(min(left, 0.05))
            return True

    def _loop(self) -> None:
        while True:
            with self._cond:
                while True:
                    if self._stopping:
                        return
                    if self._heap and not self._paused:
                        due = self._heap[0][0]
                        wait = due - time.monotonic()
                        if wait <= 0:
                            _, _, fn, args = heapq.heappop(self._heap)
                            self._running += 1
                            break
                        self._cond.wait(wait)
                    else:
                        self._cond.wait(0.5)
            try:
                fn(*args)
            except Exception:
                self.errors.append(traceback.format_exc())
                traceback.print_exc()
            finally:
                with self._cond:
                    self._running -= 1
                    self._cond.notify_all()

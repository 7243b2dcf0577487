"""A turnstile: lets concurrent cases create their objects strictly in input order.

Uploads of many cases run in parallel, but the server numbers display sets in the order they
are created, so each case waits for its turn only for the create step. ``AsyncTurnstile`` is used
by the async workflows; ``scripts/make_sync.py`` renames it to the thread-based ``Turnstile`` in
the sync twin.

Example:
    >>> t = Turnstile()
    >>> t.wait_turn(0); t.done(0); t.wait_turn(1); t.done(1)
"""

from __future__ import annotations

import asyncio
import threading

__all__ = ["AsyncTurnstile", "Turnstile"]


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

"""Polling: delays that back off while nothing changes, and an overall deadline.

Pure logic (no I/O): the waiting loops of the workflows (jobs, imports, endpoints and
invocations) sleep ``deadline.clamp(backoff.next_delay(changed=...))`` between reads, and the
tests drive them with a fake clock.

* :class:`Backoff` waits longer while nothing changes and starts again from the shortest
  delay as soon as something changes.
* :class:`Deadline` is the overall timeout.

Example:
    >>> backoff = Backoff(initial=1, factor=2, maximum=8)
    >>> [backoff.next_delay(changed=False) for _ in range(5)]
    [1.0, 2.0, 4.0, 8.0, 8.0]
    >>> backoff.next_delay(changed=True)
    1.0
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from gc_highlevel._constants import MAX_POLL_DELAY, POLL_DELAY_FACTOR, POLL_INITIAL_DELAY
from gc_highlevel._validate import check_wait_timeout

__all__ = ["Backoff", "Deadline"]


@dataclass
class Backoff:
    """Delays between polls that grow while nothing changes and reset on any change."""

    initial: float = POLL_INITIAL_DELAY
    factor: float = POLL_DELAY_FACTOR
    maximum: float = MAX_POLL_DELAY
    _current: float | None = field(default=None, init=False, repr=False)

    def next_delay(self, *, changed: bool) -> float:
        """The delay before the next poll, given whether the last poll saw any change."""
        if changed or self._current is None:
            self._current = float(self.initial)
        else:
            self._current = min(self._current * self.factor, float(self.maximum))
        return self._current


@dataclass
class Deadline:
    """An overall timeout measured on ``clock`` (``None`` timeout: never expires).

    Example:
        >>> t = [0.0]
        >>> d = Deadline(10, clock=lambda: t[0])
        >>> t[0] = 4; d.remaining()
        6.0
        >>> t[0] = 11; d.expired()
        True
    """

    timeout: float | None
    clock: Callable[[], float] = time.monotonic
    start: float = field(default=-1.0)
    #: The argument's name in the error a bad ``timeout`` raises (before any request).
    what: str = field(default="timeout", repr=False)

    def __post_init__(self) -> None:
        self.timeout = check_wait_timeout(self.what, self.timeout)
        if self.start < 0:
            self.start = self.clock()

    def remaining(self) -> float | None:
        """Seconds left (never negative), or None without a timeout."""
        if self.timeout is None:
            return None
        return max(0.0, self.timeout - (self.clock() - self.start))

    def expired(self) -> bool:
        """Whether the timeout has passed."""
        left = self.remaining()
        return left is not None and left <= 0.0

    def clamp(self, delay: float) -> float:
        """``delay``, shortened so as not to sleep past the deadline."""
        left = self.remaining()
        return delay if left is None else min(delay, left)

"""How to wait for algorithm jobs: terminal statuses, backoff, deadline, counts, job slots.

Pure logic (no I/O); the waiting loops in ``_async/jobs.py`` use it, and the tests drive it
with a fake clock.

* Job statuses are the server's display labels. ``Succeeded``, ``Failed`` and ``Cancelled``
  are terminal; every other label, including ones this client does not know, is not.
* :class:`Backoff` waits longer while nothing changes and starts again from the shortest
  delay as soon as a job changes status.
* :class:`Deadline` is the overall timeout.
* :class:`JobSlots`: a user may have at most 16 active jobs; starting more is refused with a
  400. The slots decide how many jobs may be submitted now.

Example:
    >>> backoff = Backoff(initial=1, factor=2, maximum=8)
    >>> [backoff.next_delay(changed=False) for _ in range(5)]
    [1.0, 2.0, 4.0, 8.0, 8.0]
    >>> backoff.next_delay(changed=True)
    1.0
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gc_highlevel._exceptions import GCError
from gc_highlevel._validate import check_wait_timeout

if TYPE_CHECKING:
    from gc_api.models.hyperlinked_job import HyperlinkedJob

__all__ = [
    "ACTIVE_JOB_LIMIT",
    "CANCELLED",
    "FAILED",
    "SUCCEEDED",
    "TERMINAL_STATUSES",
    "Backoff",
    "Deadline",
    "JobCancelledError",
    "JobError",
    "JobFailedError",
    "JobSlots",
    "JobTimeoutError",
    "StatusCounts",
    "is_terminal",
    "is_too_many_jobs",
]

SUCCEEDED = "Succeeded"
FAILED = "Failed"
CANCELLED = "Cancelled"
TERMINAL_STATUSES = frozenset({SUCCEEDED, FAILED, CANCELLED})
#: ``ALGORITHMS_MAX_ACTIVE_JOBS_PER_USER`` on grand-challenge.org.
ACTIVE_JOB_LIMIT = 16
_TOO_MANY = "too many active jobs"


def is_terminal(status: str) -> bool:
    """Whether a job with this status will not change any more (unknown labels: no).

    Example:
        >>> is_terminal("Succeeded"), is_terminal("Executing"), is_terminal("Paused (new)")
        (True, False, False)
    """
    return status in TERMINAL_STATUSES


def is_too_many_jobs(messages: Iterable[str]) -> bool:
    """Whether a 400's messages are the server's "too many active jobs" refusal.

    Example:
        >>> is_too_many_jobs(["You have too many active jobs, please try again after they "
        ...                   "have completed"])
        True
    """
    return any(_TOO_MANY in m.lower() for m in messages)


class JobError(GCError):
    """A job ended without succeeding. ``job`` is the job as last read from the server.

    Raised by ``jobs.wait`` once every job has finished: ``jobs`` holds all of them (in the
    order given, the succeeded ones too) and ``failed`` those that did not succeed.
    """

    def __init__(
        self,
        message: str,
        *,
        job: HyperlinkedJob,
        jobs: Sequence[HyperlinkedJob] | None = None,
    ) -> None:
        super().__init__(message)
        self.job = job
        self.status = job.status
        self.jobs: list[HyperlinkedJob] = list(jobs) if jobs is not None else [job]
        self.failed: list[HyperlinkedJob] = [j for j in self.jobs if j.status != SUCCEEDED]


class JobFailedError(JobError):
    """The job's status is ``Failed`` (the algorithm raised or its outputs were invalid)."""


class JobCancelledError(JobError):
    """The job's status is ``Cancelled`` (often: an input failed validation on the server)."""


class JobTimeoutError(GCError, TimeoutError):
    """Waiting ran out of time. ``pending`` lists the jobs still running (as last read)."""

    def __init__(self, message: str, *, pending: list[HyperlinkedJob]) -> None:
        super().__init__(message)
        self.pending = pending


def job_error(job: HyperlinkedJob, jobs: Sequence[HyperlinkedJob] | None = None) -> JobError:
    """The typed error for a job that ended ``Failed`` or ``Cancelled``.

    The API shows no error message for jobs; the error names the job, its status, its page on
    the website (where the logs are) and, for cancellations, the usual cause. With ``jobs``
    (a whole batch), it also counts how the others ended; the class is
    :class:`JobCancelledError` only if every unsuccessful job was cancelled.

    Example:
        >>> error = job_error(failed_job, jobs=[ok_job, failed_job])   # doctest: +SKIP
        >>> str(error)                                                 # doctest: +SKIP
        '1 of 2 jobs did not succeed (1 Failed, 1 Succeeded); the first: job … ended Failed…'
    """
    hint = (
        " Grand-challenge cancels a job when one of its inputs fails validation (e.g. an "
        "image that cannot be read); check the inputs."
        if job.status == CANCELLED
        else " See the job's page for the algorithm's logs."
    )
    every = list(jobs) if jobs is not None else [job]
    unsuccessful = [j for j in every if j.status != SUCCEEDED]
    all_cancelled = all(j.status == CANCELLED for j in unsuccessful or [job])
    cls = JobCancelledError if all_cancelled else JobFailedError
    message = f"job {job.pk} ended {job.status}: {job.url}.{hint}"
    if len(every) > 1:
        message = (
            f"{len(unsuccessful)} of {len(every)} jobs did not succeed "
            f"({StatusCounts(j.status for j in every).describe()}); the first: {message} "
            "The error's .jobs holds every job, .failed those that did not succeed."
        )
    return cls(message, job=job, jobs=every)


@dataclass
class Backoff:
    """Delays between polls that grow while nothing changes and reset on any change."""

    initial: float = 1.0
    factor: float = 1.6
    maximum: float = 30.0
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


class StatusCounts(Counter[str]):
    """How many jobs have each status, for progress lines.

    Example:
        >>> StatusCounts(["Succeeded", "Executing", "Succeeded"]).describe()
        '2 Succeeded, 1 Executing'
    """

    @property
    def finished(self) -> int:
        """Jobs in a terminal status."""
        return sum(n for status, n in self.items() if is_terminal(status))

    def describe(self) -> str:
        """``"<n> <status>"`` per status, most frequent first."""
        return ", ".join(f"{n} {status}" for status, n in self.most_common())


@dataclass
class JobSlots:
    """How many more jobs may be started under the active-jobs limit.

    ``active`` counts the jobs this batch started that have not finished; ``limit`` can be
    lowered when the server refuses a job although the batch thinks a slot is free (the user
    has other jobs running).

    Example:
        >>> slots = JobSlots(limit=16)
        >>> slots.free()
        16
        >>> slots.started(16); slots.free()
        0
        >>> slots.finished(3); slots.free()
        3
        >>> slots.refused(); slots.free()    # the server said no: someone else uses a slot
        0
        >>> slots.finished(1); slots.started(); slots.accepted(); slots.free()  # probe again
        1
    """

    limit: int = ACTIVE_JOB_LIMIT
    active: int = 0
    #: The highest the limit may grow back to after a refusal (the initial ``limit``).
    ceiling: int = field(default=0)

    def __post_init__(self) -> None:
        self.ceiling = self.ceiling or self.limit

    def free(self) -> int:
        """Jobs that may be submitted now."""
        return max(0, self.limit - self.active)

    def started(self, n: int = 1) -> None:
        self.active += n

    def finished(self, n: int = 1) -> None:
        self.active = max(0, self.active - n)

    def refused(self) -> None:
        """The server refused a job for too many active jobs: use no more slots than now."""
        self.limit = max(1, self.active)

    def accepted(self) -> None:
        """The server accepted a job: probe one more slot (up to ``ceiling``) next time."""
        self.limit = min(self.ceiling, self.limit + 1)

"""Job-specific policy for waiting on algorithm jobs: statuses, errors, counts, job slots.

Pure logic (no I/O); the waiting loops in ``_async/workflows/jobs.py`` (with
:mod:`gc_highlevel._polling` for the backoff and the deadline) use it, and the tests drive it
with a fake clock.

* Job statuses are the server's display labels. ``Succeeded``, ``Failed`` and ``Cancelled``
  are terminal; every other label, including ones this client does not know, is not.
* :func:`job_error` builds the typed error (:class:`~gc_highlevel.JobFailedError`,
  :class:`~gc_highlevel.JobCancelledError`) for jobs that did not succeed.
* :class:`StatusCounts` counts jobs per status, for progress lines.
* :class:`JobSlots`: a user may have at most 16 active jobs (:data:`ACTIVE_JOB_LIMIT`);
  starting more is refused with a 400 (:func:`is_too_many_jobs`). The slots decide how many
  jobs may be submitted now.

Example:
    >>> is_terminal("Failed"), StatusCounts(["Failed", "Started", "Failed"]).describe()
    (True, '2 Failed, 1 Started')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gc_highlevel._exceptions import JobCancelledError, JobError, JobFailedError

if TYPE_CHECKING:
    from gc_api.models.hyperlinked_job import HyperlinkedJob

__all__ = [
    "ACTIVE_JOB_LIMIT",
    "CANCELLED",
    "FAILED",
    "SUCCEEDED",
    "TERMINAL_STATUSES",
    "JobSlots",
    "StatusCounts",
    "is_terminal",
    "is_too_many_jobs",
    "job_error",
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

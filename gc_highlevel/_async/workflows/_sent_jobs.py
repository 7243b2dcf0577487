"""Find the job a job POST created when its answer never arrived (lost, too slow, a killed
process), so that a batch makes each job exactly once.

How a case's job is found depends on how its inputs travel:

* **Image files** go to the job through an upload session the batch made beforehand (an
  ``upload_session`` input, not ``user_uploads``). The server accepts only a session that is
  still ``Queued`` and moves it on when the job takes it, so the session *is* the answer: still
  ``Queued`` means no job has it (the POST may be sent again, the same session cannot start two
  jobs); moved on means the job exists, and once the import is done it is the job whose input is
  the session's image (``?input_image=``).
* **Existing images and values only**: the server refuses a second job with the same inputs
  ("already exists"); the job is the one listed with the same input images and values.
* **Files and DICOM series** (``user_upload(s)``): the newest jobs of the algorithm are read
  (2 requests, the 100 newest) and the one with the case's values whose file inputs have the
  case's file names (or are still being copied) is taken, unless the journal gives it to
  another case.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING, Any

from gc_highlevel._constants import LOST_ANSWER_POLL_INITIAL_DELAY, MAX_LOST_ANSWER_POLL_DELAY
from gc_highlevel._exceptions import BadRequestError, ImportFailedError, JobTimeoutError
from gc_highlevel._jobs_policy import is_terminal
from gc_highlevel._polling import Backoff, Deadline
from gc_highlevel.socket_values import CasePlan, PlannedValue, Route
from gc_highlevel.types import socket_of

if TYPE_CHECKING:
    from gc_api.models.algorithm import Algorithm
    from gc_api.models.hyperlinked_job import HyperlinkedJob
    from gc_highlevel._async._client import AsyncClient

__all__ = [
    "RECENT_JOBS",
    "find_sent_job",
    "job_sessions",
    "sent_before",
    "sessions_pending",
]

#: How many of the algorithm's newest jobs are searched for a job made from file uploads.
RECENT_JOBS = 100
#: How long a job whose file inputs are still being copied is waited for, to read its names.
FILES_SETTLE = 60.0
#: The status of an upload session no job or object has taken yet.
_PENDING = "Queued"


def _last(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def _session_value(value: PlannedValue) -> bool:
    """Whether the value's files become one image through an upload session (every image
    socket but DICOM image sets, which need ``user_uploads`` with ``image_name``)."""
    return value.route is Route.IMAGE_UPLOAD and value.image_name is None


async def job_sessions(
    client: AsyncClient, plan: CasePlan, uploads: Mapping[str, list[str]]
) -> dict[str, str]:
    """One target-less upload session per image value of ``plan`` holding its uploads; the
    sessions' ``api_url`` by socket slug (they wait until a job takes them)."""
    sessions: dict[str, str] = {}
    for value in plan.values:
        if _session_value(value) and uploads.get(value.slug):
            session = await client.upload_sessions.create(uploads=uploads[value.slug])
            sessions[value.slug] = session.api_url
    return sessions


async def sessions_pending(client: AsyncClient, sessions: Mapping[str, str]) -> bool:
    """Whether every session is still ``Queued`` (no job has taken any of them)."""
    for url in sessions.values():
        if (await client.upload_sessions.get(api_url=url)).status != _PENDING:
            return False
    return True


async def find_sent_job(
    client: AsyncClient,
    algorithm: Algorithm,
    plan: CasePlan,
    *,
    sessions: Mapping[str, str],
    claimed: Callable[[], Collection[str]],
    deadline: Deadline,
) -> uuid.UUID | None:
    """The job an earlier POST for ``plan`` created, or None if there is none (then the POST
    may be sent again: nothing the case sends can start a second job unnoticed).

    Raises :class:`ImportFailedError` when the job exists but its image failed to import and
    the (then cancelled) job is not among the newest; :class:`JobTimeoutError` when the import
    is not done by ``deadline``.
    """
    if sessions:
        if await sessions_pending(client, sessions):
            return None
        return await _job_of_sessions(client, algorithm, plan, sessions, claimed, deadline)
    if plan.upload_count:
        return await _recent_job(client, algorithm, plan, claimed, deadline)
    return None  # existing images and values: the server refuses a duplicate (sent_before)


async def sent_before(
    client: AsyncClient,
    algorithm: Algorithm,
    plan: CasePlan,
    refusal: BadRequestError,
    claimed: Callable[[], Collection[str]],
) -> uuid.UUID | None:
    """The job with ``plan``'s existing images and values that made the server refuse the
    POST as a duplicate ("already exists"), or None for any other refusal."""
    if not any("already exists" in m for m in refusal.non_field_errors):
        return None
    if plan.upload_count:
        return None
    images = sorted(
        {_last(v.image_url) for v in plan.values if v.route is Route.IMAGE and v.image_url}
    )
    if images:
        jobs = await _jobs(client, algorithm, input_image=[uuid.UUID(pk) for pk in images])
    else:
        jobs = await _newest_jobs(client, algorithm)
    return _pick(jobs, plan, claimed(), pending_ok=False)


async def _job_of_sessions(
    client: AsyncClient,
    algorithm: Algorithm,
    plan: CasePlan,
    sessions: Mapping[str, str],
    claimed: Callable[[], Collection[str]],
    deadline: Deadline,
) -> uuid.UUID:
    """The job that took ``sessions``: wait for one session's image, then list its job."""
    backoff = Backoff()
    while True:
        states = [await client.upload_sessions.get(api_url=url) for url in sessions.values()]
        images = [_last(s.image_set[0]) for s in states if s.status == "Succeeded" and s.image_set]
        if images:
            jobs = await _jobs(client, algorithm, input_image=[uuid.UUID(images[0])])
            if jobs:
                return jobs[-1].pk
        failed = [s for s in states if s.status == "Failed"]
        if failed:
            # The job was cancelled for its input: it is the newest one missing that image.
            found = _pick(await _newest_jobs(client, algorithm), plan, claimed(), pending_ok=True)
            if found is not None:
                return found
            raise ImportFailedError(
                f"the job an earlier run started for case {plan.name!r} was cancelled: its "
                f"image failed to import ({failed[0].error_message or 'no reason given'}); "
                "fix the file and start the case again (e.g. with journal=False)",
                missing={plan.name: sorted(sessions)},
                errors={plan.name: str(failed[0].error_message or "")},
            )
        if deadline.expired():
            raise JobTimeoutError(
                f"the job an earlier run started for case {plan.name!r} is still importing "
                f"its images after {deadline.timeout} s; run the batch again later",
                pending=[],
            )
        await client._sleep(deadline.clamp(backoff.next_delay(changed=False)))


async def _recent_job(
    client: AsyncClient,
    algorithm: Algorithm,
    plan: CasePlan,
    claimed: Callable[[], Collection[str]],
    deadline: Deadline,
) -> uuid.UUID | None:
    """The newest job with ``plan``'s values and file names. A job whose files are still
    being copied could be any case's: it is waited for (up to :data:`FILES_SETTLE` s) until
    its names show; a finished job still without them (cancelled) is taken only if alone."""
    settle = Deadline(FILES_SETTLE, clock=client._clock)
    backoff = Backoff(initial=LOST_ANSWER_POLL_INITIAL_DELAY, maximum=MAX_LOST_ANSWER_POLL_DELAY)
    while True:
        jobs = await _newest_jobs(client, algorithm)
        taken = claimed()
        found = _pick(jobs, plan, taken, pending_ok=False)
        if found is not None:
            return found
        maybe = [
            j for j in jobs if str(j.pk) not in taken and _same_inputs(j, plan, pending_ok=True)
        ]
        if all(is_terminal(j.status) for j in maybe) or settle.expired() or deadline.expired():
            return maybe[0].pk if len(maybe) == 1 and is_terminal(maybe[0].status) else None
        await client._sleep(deadline.clamp(backoff.next_delay(changed=False)))


def _pick(
    jobs: list[HyperlinkedJob], plan: CasePlan, claimed: Collection[str], *, pending_ok: bool
) -> uuid.UUID | None:
    """The newest job not ``claimed`` by another case whose inputs are ``plan``'s (uploaded
    inputs may be missing while they import when ``pending_ok``)."""
    for job in reversed(jobs):
        if str(job.pk) not in claimed and _same_inputs(job, plan, pending_ok=pending_ok):
            return job.pk
    return None


def _same_inputs(job: HyperlinkedJob, plan: CasePlan, *, pending_ok: bool) -> bool:
    inputs = {socket_of(v).slug: v for v in job.inputs}
    if not set(inputs) <= plan.slugs:
        return False
    for value in plan.values:
        given: Any = inputs.get(value.slug)
        if value.route is Route.VALUE:
            if given is None or given.image or given.file or given.value != value.value:
                return False
        elif value.route is Route.IMAGE:
            if (
                given is None
                or not given.image
                or _last(given.image) != _last(value.image_url or "")
            ):
                return False
        elif given is None:
            if not pending_ok:
                return False
        elif value.route is Route.FILE_UPLOAD:
            if not given.file or _last(given.file) != (value.filename or value.name):
                return False
        elif not given.image:
            return False
    return True


async def _jobs(
    client: AsyncClient, algorithm: Algorithm, *, input_image: list[uuid.UUID]
) -> list[HyperlinkedJob]:
    """The algorithm's jobs with any of these input images, oldest first."""
    listing = client.algorithm_jobs.list(algorithm=algorithm, input_image=input_image)
    return await listing.to_list()


async def _newest_jobs(client: AsyncClient, algorithm: Algorithm) -> list[HyperlinkedJob]:
    """The algorithm's newest jobs you can see, oldest first (the list is ordered by creation
    time, so the newest are on its last page)."""
    return await client.algorithm_jobs.list(algorithm=algorithm).last(RECENT_JOBS)

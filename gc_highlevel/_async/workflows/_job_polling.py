"""Reading the state of many algorithm jobs with few requests, and the delays between rounds.

A round lists an algorithm's jobs (``/algorithms/jobs/?algorithm_image__algorithm=…``, 1000
per page) from the first page that still holds an unfinished job, since the list is ordered by
creation; a lone unfinished job is read with one detail request instead. Used by
``client.jobs`` (waiting) and by ``client.algorithms`` (the active-jobs limit of ``run``, the
jobs given to ``outputs_by_input``).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from gc_api.api.algorithms import algorithms_jobs_list, algorithms_jobs_retrieve
from gc_highlevel._async._resource import call
from gc_highlevel._polling import Backoff
from gc_highlevel._references import pk_from_api_url

if TYPE_CHECKING:
    from gc_api.models.hyperlinked_job import HyperlinkedJob
    from gc_highlevel._async._client import AsyncClient

#: With this many unfinished jobs or fewer, poll with detail requests (one each) instead of a list.
DETAIL_POLL_MAX = 1


def poll_backoff() -> Backoff:
    """The delays between polls (of jobs, invocations and endpoints)."""
    return Backoff()


async def list_round(
    client: AsyncClient, pending: set[uuid.UUID], algorithm: uuid.UUID, start: int
) -> tuple[list[HyperlinkedJob], int]:
    """Jobs among ``pending`` from list pages starting at ``start``; and the new start."""
    found: list[HyperlinkedJob] = []
    offset, first_hit = start, None
    while True:
        page = await call(
            client,
            algorithms_jobs_list.asyncio_detailed,
            algorithm_image_algorithm=algorithm,
            offset=offset,
            limit=1000,
        )
        for i, job in enumerate(page.results):
            if job.pk in pending:
                found.append(job)
                if first_hit is None:
                    first_hit = offset + i
        offset += len(page.results)
        if len(found) == len(pending) or not page.results or offset >= page.count:
            break
    return found, first_hit if first_hit is not None else start


async def poll_jobs(
    client: AsyncClient, pending: set[uuid.UUID], starts: dict[uuid.UUID, int]
) -> list[HyperlinkedJob]:
    """The current state of every job in ``pending``, with as few requests as possible.

    ``starts`` maps each algorithm seen so far to the offset its list starts at (updated).
    One unfinished job is fetched directly; otherwise each known algorithm's jobs are
    listed (1000 per page), and a job of an unknown algorithm is fetched once to learn
    its algorithm, whose list then covers the others.
    """
    if len(pending) <= DETAIL_POLL_MAX:
        return [await _detail(client, pk) for pk in sorted(pending)]
    found: list[HyperlinkedJob] = []
    remaining = set(pending)
    for algorithm, start in list(starts.items()):
        got, starts[algorithm] = await list_round(client, remaining, algorithm, start)
        found += got
        remaining -= {j.pk for j in got}
    while remaining:
        job = await _detail(client, min(remaining))
        found.append(job)
        remaining.discard(job.pk)
        algorithm = uuid.UUID(pk_from_api_url(job.algorithm, "algorithms/"))
        if algorithm not in starts and len(remaining) > DETAIL_POLL_MAX:
            got, starts[algorithm] = await list_round(client, remaining, algorithm, 0)
            found += got
            remaining -= {j.pk for j in got}
    return found


async def _detail(client: AsyncClient, pk: uuid.UUID) -> HyperlinkedJob:
    return await call(client, algorithms_jobs_retrieve.asyncio_detailed, pk)

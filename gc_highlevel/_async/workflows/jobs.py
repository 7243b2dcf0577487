"""``client.jobs``: wait for algorithm jobs (one or thousands) and download their outputs.

Waiting polls with *list* requests (``/algorithms/jobs/?algorithm_image__algorithm=…``, 1000
jobs per page), never one detail request per job per round: 100 running jobs cost one request
per round. Rounds start at the first page that still holds an unfinished job, since the list is
ordered by creation. The delay between rounds grows while nothing changes and starts over
when a job changes status; ``timeout`` bounds the whole wait.

Example:
    >>> jobs = await client.algorithms.run("pulmonary-lobe-segmentation", cases)
    >>> done = await client.jobs.wait(jobs, timeout=3600)
    >>> await client.jobs.download_outputs(done, "out/")
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from gc_highlevel._async._references import ref_pk
from gc_highlevel._async.resources.algorithm_jobs import AsyncAlgorithmJobs
from gc_highlevel._async.workflows._job_images import AsyncKnownImages
from gc_highlevel._async.workflows._job_polling import poll_backoff, poll_jobs
from gc_highlevel._async.workflows._outputs import (
    PlannedOutput,
    WithValues,
    check_output_sockets,
    image_pk,
    plan_output,
    save_outputs,
    wanted_sockets,
)
from gc_highlevel._exceptions import InvalidReferenceError, JobTimeoutError
from gc_highlevel._jobs_policy import StatusCounts, is_terminal, job_error
from gc_highlevel._polling import Deadline
from gc_highlevel._references import Ref
from gc_highlevel.naming import DEFAULT_TEMPLATE, check_template
from gc_highlevel.progress import case_bar
from gc_highlevel.types import socket_of
from gc_highlevel.workflow_types import BatchResult, DownloadedOutput

if TYPE_CHECKING:
    from gc_api.models.hyperlinked_job import HyperlinkedJob
    from gc_api.models.job_post import JobPost
    from gc_highlevel._async._client import AsyncClient

__all__ = ["AsyncJobs", "JobRef", "WithValues"]

#: A job to wait for: the job, the answer of its create, its pk, or a batch of them.
JobRef = Union["HyperlinkedJob", "JobPost", uuid.UUID, str]
#: Image pks per ``input_image=`` filter request of the job list (keeps URLs short).
FILTER_CHUNK = 100


def _pk(job: object) -> uuid.UUID:
    return ref_pk(job, "algorithms/jobs/", what="a job reference")


def job_pks(jobs: object) -> list[uuid.UUID]:
    """The pks of ``jobs`` (one job, many, or a batch: its successful cases), no duplicates."""
    if isinstance(jobs, BatchResult):
        raw: list[object] = [o.pk for o in jobs if o.pk is not None]
    elif isinstance(jobs, (str, uuid.UUID)) or hasattr(jobs, "pk"):
        raw = [jobs]
    elif isinstance(jobs, Iterable):
        raw = list(jobs)
    else:
        raise InvalidReferenceError(
            f"a job reference got {type(jobs).__name__} {jobs!r}; pass a job (the object), its "
            "pk (a UUID) or its api_url, a list of them, or the result of algorithms.run"
        )
    seen: dict[uuid.UUID, None] = {}
    for j in raw:
        seen.setdefault(_pk(j), None)
    return list(seen)


class AsyncJobs(AsyncAlgorithmJobs):
    """``client.algorithm_jobs`` (also ``client.jobs``): the job resource's calls (see
    :class:`AsyncAlgorithmJobs`), waiting for jobs with few list requests, and their outputs.

    ``timeout`` is measured on the client's ``clock`` (tests pass a fake one together with
    the client's ``sleep``).
    """

    def __init__(self, client: AsyncClient) -> None:
        super().__init__(client)
        #: The images of jobs this client knows, and the input files it uploaded for jobs
        #: (package-internal: ``client.algorithms`` fills it, output names read it).
        self.known_images = AsyncKnownImages(client)

    async def as_finished(
        self,
        jobs: JobRef | Iterable[JobRef] | BatchResult[Any],
        *,
        timeout: float | None = None,
        algorithm: Ref | None = None,
        progress: bool | None = None,
    ) -> AsyncIterator[HyperlinkedJob]:
        """Yield each job as soon as it has finished (``Succeeded``, ``Failed`` or ``Cancelled``).

        Failed jobs are yielded too (check ``job.status``); raises :class:`JobTimeoutError`
        (with the unfinished jobs) when ``timeout`` seconds pass first.

        Example:
            >>> async for job in client.jobs.as_finished(jobs):
            ...     print(job.pk, job.status)
        """
        pks = job_pks(jobs)
        pending = set(pks)
        algorithm_pk = self._algorithm_pk(jobs, algorithm)
        deadline = Deadline(timeout, clock=self._client._clock)
        backoff = poll_backoff()
        statuses: dict[uuid.UUID, str] = {}
        latest: dict[uuid.UUID, HyperlinkedJob] = {}
        starts: dict[uuid.UUID, int] = {algorithm_pk: 0} if algorithm_pk is not None else {}
        bar = case_bar(len(pks), "jobs", progress=progress, unit="job")
        try:
            while pending:
                found = await poll_jobs(self._client, pending, starts)
                changed = False
                for job in found:
                    latest[job.pk] = job
                    if statuses.get(job.pk) != job.status:
                        changed = True
                        statuses[job.pk] = job.status
                    if is_terminal(job.status) and job.pk in pending:
                        pending.discard(job.pk)
                        bar.update(1)
                        yield job
                bar.set_postfix_str(StatusCounts(statuses.values()).describe())
                if not pending:
                    break
                if deadline.expired():
                    raise JobTimeoutError(
                        f"{len(pending)} of {len(pks)} jobs had not finished after {timeout} s "
                        f"({StatusCounts(statuses[p] for p in pending if p in statuses).describe()})"
                        ". They keep running on the server: wait again with the same jobs "
                        "(.pending lists them) to go on, or pass a longer timeout",
                        pending=[latest[p] for p in pending if p in latest],
                    )
                await self._client._sleep(deadline.clamp(backoff.next_delay(changed=changed)))
        finally:
            bar.close()

    def _algorithm_pk(self, jobs: object, algorithm: Ref | None) -> uuid.UUID | None:
        if algorithm is not None:
            pk = getattr(algorithm, "pk", algorithm)
            return pk if isinstance(pk, uuid.UUID) else uuid.UUID(str(pk))
        if isinstance(jobs, BatchResult):
            return jobs.algorithm_pk
        return None

    async def wait(
        self,
        jobs: JobRef | Iterable[JobRef] | BatchResult[Any],
        *,
        timeout: float | None = None,
        raise_on_failure: bool = True,
        algorithm: Ref | None = None,
        progress: bool | None = None,
        on_finished: Callable[[HyperlinkedJob], None] | None = None,
    ) -> list[HyperlinkedJob]:
        """Wait until every job has finished; the jobs as last read, in the order given.

        ``on_finished`` is called with each job as it finishes. With ``raise_on_failure``
        (default), once every job has finished, any ``Failed`` or ``Cancelled`` job raises
        :class:`JobFailedError` (or :class:`JobCancelledError` if all were cancelled): ``.job``
        is the first, ``.failed`` all of them and ``.jobs`` every job, the succeeded ones too;
        a batch some of whose cases could not start a job raises :class:`BatchError`.
        Jobs of a batch from ``algorithms.run`` know their algorithm; for bare pks one job per
        algorithm is fetched once to learn it (or pass ``algorithm``).

        Example:
            >>> done = await client.jobs.wait(jobs, timeout=3600)
            >>> [job.status for job in done]
            ['Succeeded', 'Succeeded']
        """
        order = job_pks(jobs)
        finished: dict[uuid.UUID, HyperlinkedJob] = {}
        stream = self.as_finished(jobs, timeout=timeout, algorithm=algorithm, progress=progress)
        async for job in stream:
            finished[job.pk] = job
            if on_finished is not None:
                on_finished(job)
        result = [finished[pk] for pk in order]
        if raise_on_failure:
            unsuccessful = [job for job in result if job.status != "Succeeded"]
            if unsuccessful:
                raise job_error(unsuccessful[0], jobs=result)
            if isinstance(jobs, BatchResult):
                # Cases whose job was never started must not vanish silently.
                jobs.raise_for_errors()
        return result

    # -- outputs -----------------------------------------------------------------------------

    async def download_outputs(
        self,
        jobs: JobRef | Iterable[JobRef] | BatchResult[Any],
        directory: str | os.PathLike[str],
        *,
        template: str = DEFAULT_TEMPLATE,
        sockets: Iterable[str] | None = None,
        image_types: Sequence[str] = ("MHD", "TIFF"),
        values: bool = True,
        input_names: Mapping[uuid.UUID, str] | None = None,
        overwrite: bool = False,
        progress: bool | None = None,
    ) -> list[DownloadedOutput]:
        """Download the outputs of finished jobs into ``directory``, named after their inputs.

        Image outputs are saved as the first of ``image_types`` they have (``.mha`` for MHD,
        ``.tif`` for TIFF), file outputs with their own suffix, and value outputs (with
        ``values=True``) as ``.json``. Names come from ``template`` (see
        :mod:`gc_highlevel.naming`), e.g. ``"{stem}_lobes{ext}"`` for the tutorial's
        ``case01_lobes.mha``. Existing complete files are skipped; transfers are streamed,
        atomic and resumable. ``sockets`` limits which outputs are fetched; ``input_names``
        (job pk → name) replaces the input image names the names are derived from.

        Input names and output files come from the jobs' own inputs and outputs: one request
        per image this client has not read yet (8 at a time; images listed by
        ``algorithms.outputs_by_input(archive=...)`` are known already, and so is the name of
        a job's one input image this client uploaded as one file with ``algorithms.run``),
        never the image list's ``job_input``/``job_output`` filters, which fail on
        grand-challenge as deployed.

        Example:
            >>> files = await client.jobs.download_outputs(done, "out/", template="{stem}_lobes{ext}")
            >>> [f.path.name for f in files]
            ['case01_lobes.mha', 'case02_lobes.mha']
        """
        check_template(template)
        wanted = wanted_sockets(sockets)
        loaded = await self._as_jobs(jobs)
        check_output_sockets(wanted, loaded)
        names = input_names or await self.known_images.input_names(loaded)
        target = Path(directory)
        target.mkdir(parents=True, exist_ok=True)
        # The output images' files, from the jobs' own outputs (the server's ``job_output``
        # filter is broken on deployed servers): one GET per image, several at once.
        images = await self.known_images.read(
            pk
            for job in loaded
            for v in job.outputs
            if (wanted is None or socket_of(v).slug in wanted) and (pk := image_pk(v.image))
        )
        planned: list[PlannedOutput] = []
        for job in loaded:
            for v in job.outputs:
                if wanted is None or socket_of(v).slug in wanted:
                    item = await plan_output(
                        self._client, job, v, names, images, image_types, template
                    )
                    if item is not None and (item.url is not None or values):
                        planned.append(item)
        return await save_outputs(
            self._client, planned, target, overwrite=overwrite, progress=progress
        )

    async def _as_jobs(
        self, jobs: JobRef | Iterable[JobRef] | BatchResult[Any]
    ) -> list[HyperlinkedJob]:
        from gc_api.models.hyperlinked_job import HyperlinkedJob

        if isinstance(jobs, HyperlinkedJob):
            return [jobs]
        given: list[object] = (
            list(jobs)
            if isinstance(jobs, Iterable) and not isinstance(jobs, (BatchResult, str))
            else []
        )
        if given and all(isinstance(j, HyperlinkedJob) for j in given):
            return [j for j in given if isinstance(j, HyperlinkedJob)]
        return await self.wait(jobs, raise_on_failure=False, progress=False)

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

import difflib
import json
import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, Union

from gc_api.api.algorithms import algorithms_jobs_list, algorithms_jobs_retrieve
from gc_highlevel._async._resource import call, ref_pk
from gc_highlevel._async.resources.algorithm_jobs import AsyncAlgorithmJobs
from gc_highlevel._concurrency import AsyncGroup, WorkQueue
from gc_highlevel._exceptions import (
    InvalidArgumentError,
    InvalidReferenceError,
    JobTimeoutError,
    ObjectNotFoundError,
)
from gc_highlevel._jobs_policy import StatusCounts, is_terminal, job_error
from gc_highlevel._polling import Backoff, Deadline
from gc_highlevel._utils import pk_from_api_url
from gc_highlevel.naming import (
    DEFAULT_TEMPLATE,
    IMAGE_TYPE_SUFFIX,
    check_template,
    choose_image_file,
    dedupe,
    output_filename,
)
from gc_highlevel.progress import case_bar
from gc_highlevel.socket_values import CasePlan, Route
from gc_highlevel.types import socket_of
from gc_highlevel.workflow_types import BatchResult, DownloadedOutput

if TYPE_CHECKING:
    from gc_api.models.hyperlinked_component_interface_value import (
        HyperlinkedComponentInterfaceValue,
    )
    from gc_api.models.hyperlinked_image import HyperlinkedImage
    from gc_api.models.hyperlinked_job import HyperlinkedJob
    from gc_api.models.job_post import JobPost
    from gc_highlevel._async._client import AsyncClient

__all__ = ["AsyncJobs", "JobRef", "WithValues"]

#: A job to wait for: the job, the answer of its create, its pk, or a batch of them.
JobRef = Union["HyperlinkedJob", "JobPost", uuid.UUID, str]
#: With this many unfinished jobs or fewer, poll with detail requests (one each) instead of a list.
DETAIL_POLL_MAX = 1
#: Image pks per ``input_image=`` filter request of the job list (keeps URLs short).
FILTER_CHUNK = 100
#: Image detail requests in flight at once when reading the images of jobs. The image list
#: cannot find them in bulk: it has no pk filter, and its ``job_input``/``job_output`` filters
#: answer 500 on grand-challenge as deployed (``cases/filters.py`` names a relation that does
#: not exist), so each image the client has not seen yet costs one GET.
IMAGE_READ_CONCURRENCY = 8
#: Images remembered per client (name and files never change once imported): an image listed
#: by ``outputs_by_input(archive=...)`` or read once is not read again.
IMAGE_CACHE_SIZE = 10_000


class WithValues(Protocol):
    """A job or an invocation: a pk and its input and output socket values."""

    @property
    def pk(self) -> uuid.UUID: ...

    @property
    def inputs(self) -> Sequence[HyperlinkedComponentInterfaceValue]: ...

    @property
    def outputs(self) -> Sequence[HyperlinkedComponentInterfaceValue]: ...


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


def _image_pk(url: str | None) -> str | None:
    return url.rstrip("/").rsplit("/", 1)[-1] if url else None


class AsyncJobs(AsyncAlgorithmJobs):
    """``client.algorithm_jobs`` (also ``client.jobs``): the job resource's calls (see
    :class:`AsyncAlgorithmJobs`), waiting for jobs with few list requests, and their outputs.

    ``timeout`` is measured on the client's ``clock`` (tests pass a fake one together with
    the client's ``sleep``).
    """

    def __init__(self, client: AsyncClient) -> None:
        super().__init__(client)
        self._seen_images: dict[str, HyperlinkedImage] = {}
        self._input_file_names: dict[uuid.UUID, str] = {}

    @staticmethod
    def _backoff() -> Backoff:
        """The delays between polls."""
        return Backoff()

    # -- polling -----------------------------------------------------------------------------

    async def _list_round(
        self, pending: set[uuid.UUID], algorithm: uuid.UUID, start: int
    ) -> tuple[list[HyperlinkedJob], int]:
        """Jobs among ``pending`` from list pages starting at ``start``; and the new start."""
        found: list[HyperlinkedJob] = []
        offset, first_hit = start, None
        while True:
            page = await call(
                self._client,
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

    async def _poll(
        self, pending: set[uuid.UUID], starts: dict[uuid.UUID, int]
    ) -> list[HyperlinkedJob]:
        """The current state of every job in ``pending``, with as few requests as possible.

        ``starts`` maps each algorithm seen so far to the offset its list starts at (updated).
        One unfinished job is fetched directly; otherwise each known algorithm's jobs are
        listed (1000 per page), and a job of an unknown algorithm is fetched once to learn
        its algorithm, whose list then covers the others.
        """
        if len(pending) <= DETAIL_POLL_MAX:
            return [await self._detail(pk) for pk in sorted(pending)]
        found: list[HyperlinkedJob] = []
        remaining = set(pending)
        for algorithm, start in list(starts.items()):
            got, starts[algorithm] = await self._list_round(remaining, algorithm, start)
            found += got
            remaining -= {j.pk for j in got}
        while remaining:
            job = await self._detail(min(remaining))
            found.append(job)
            remaining.discard(job.pk)
            algorithm = uuid.UUID(pk_from_api_url(job.algorithm, "algorithms/"))
            if algorithm not in starts and len(remaining) > DETAIL_POLL_MAX:
                got, starts[algorithm] = await self._list_round(remaining, algorithm, 0)
                found += got
                remaining -= {j.pk for j in got}
        return found

    async def _detail(self, pk: uuid.UUID) -> HyperlinkedJob:
        return await call(self._client, algorithms_jobs_retrieve.asyncio_detailed, pk)

    async def as_finished(
        self,
        jobs: JobRef | Iterable[JobRef] | BatchResult[Any],
        *,
        timeout: float | None = None,
        algorithm: object = None,
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
        backoff = self._backoff()
        statuses: dict[uuid.UUID, str] = {}
        latest: dict[uuid.UUID, HyperlinkedJob] = {}
        starts: dict[uuid.UUID, int] = {algorithm_pk: 0} if algorithm_pk is not None else {}
        bar = case_bar(len(pks), "jobs", progress=progress, unit="job")
        try:
            while pending:
                found = await self._poll(pending, starts)
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

    def _algorithm_pk(self, jobs: object, algorithm: object) -> uuid.UUID | None:
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
        algorithm: object = None,
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

    def _remember(self, images: Iterable[HyperlinkedImage]) -> None:
        """Keep ``images`` for later look-ups by pk (the oldest go beyond the cache size)."""
        seen = self._seen_images
        for image in images:
            seen.pop(str(image.pk), None)
            seen[str(image.pk)] = image
        while len(seen) > IMAGE_CACHE_SIZE:
            del seen[next(iter(seen))]

    async def _images(
        self, pks: Iterable[str | uuid.UUID], *, missing_ok: bool = False
    ) -> dict[str, HyperlinkedImage]:
        """The images with these pks: those seen before from memory, the others with one GET
        each, :data:`IMAGE_READ_CONCURRENCY` at a time. An image the server does not show
        raises :class:`ObjectNotFoundError` (with ``missing_ok``: is left out)."""
        wanted = list(dict.fromkeys(str(pk) for pk in pks))
        out = {pk: self._seen_images[pk] for pk in wanted if pk in self._seen_images}
        queue = WorkQueue([pk for pk in wanted if pk not in out])

        async def worker() -> None:
            while (pk := queue.take()) is not None:
                try:
                    out[pk] = await self._client.images.get(pk)
                except ObjectNotFoundError:
                    if not missing_ok:
                        queue.stop()
                        raise
                except BaseException:
                    queue.stop()
                    raise

        todo = len(wanted) - len(out)
        if todo:
            await AsyncGroup.run_workers(min(IMAGE_READ_CONCURRENCY, todo), worker, stop=queue.stop)
        self._remember(out.values())
        return {pk: out[pk] for pk in wanted if pk in out}

    def _note_input_file(self, job: uuid.UUID, plan: CasePlan) -> None:
        """Remember the name of the job's one input image when this client uploaded it as one
        file: the server names an imported image after its file, so no request reads it."""
        images = [v for v in plan.values if v.route in (Route.IMAGE_UPLOAD, Route.IMAGE)]
        if len(images) == 1 and images[0].route is Route.IMAGE_UPLOAD and len(images[0].paths) == 1:
            self._input_file_names[job] = images[0].paths[0].name
            while len(self._input_file_names) > IMAGE_CACHE_SIZE:
                del self._input_file_names[next(iter(self._input_file_names))]

    async def _input_names(self, jobs: Sequence[WithValues]) -> dict[uuid.UUID, str]:
        """The name of each job's first input image, from the jobs' own inputs: the file this
        client uploaded for it, else the image (one GET per image not seen before); a job
        without a readable input image is named by its pk."""
        known = {j.pk: self._input_file_names[j.pk] for j in jobs if j.pk in self._input_file_names}
        firsts = {
            job.pk: pk
            for job in jobs
            if job.pk not in known
            and (pk := next((p for v in job.inputs if (p := _image_pk(v.image))), None))
        }
        images = await self._images(firsts.values(), missing_ok=True)
        for job_pk, image_pk in firsts.items():
            if image_pk in images:
                known[job_pk] = images[image_pk].name
        return {job.pk: known.get(job.pk, str(job.pk)) for job in jobs}

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
        wanted: set[str] | None = None
        if sockets is not None:  # one slug given as a string is one socket, not its letters
            wanted = {sockets} if isinstance(sockets, str) else set(sockets)
        loaded = await self._as_jobs(jobs)
        _check_output_sockets(wanted, loaded)
        names = input_names or await self._input_names(loaded)
        target = Path(directory)
        target.mkdir(parents=True, exist_ok=True)
        # The output images' files, from the jobs' own outputs (the server's ``job_output``
        # filter is broken on deployed servers): one GET per image, several at once.
        images = await self._images(
            pk
            for job in loaded
            for v in job.outputs
            if (wanted is None or socket_of(v).slug in wanted) and (pk := _image_pk(v.image))
        )
        planned: list[_Planned] = []
        for job in loaded:
            for v in job.outputs:
                if wanted is None or socket_of(v).slug in wanted:
                    item = await self._plan_output(job, v, names, images, image_types, template)
                    if item is not None and (item.url is not None or values):
                        planned.append(item)
        return await self._save(planned, target, overwrite=overwrite, progress=progress)

    async def _save(
        self, planned: Sequence[_Planned], target: Path, *, overwrite: bool, progress: bool | None
    ) -> list[DownloadedOutput]:
        """Download (or write as JSON) every planned output into ``target``."""
        paths = dedupe(target / p.name for p in planned)
        results = await self._client.transfers.download_many(
            [(p.url, path) for p, path in zip(planned, paths, strict=True) if p.url is not None],
            overwrite=overwrite,
            progress=progress,
        )
        results.raise_for_errors()
        skipped = {r.path: r.skipped for r in results.values()}
        out = []
        for p, path in zip(planned, paths, strict=True):
            if p.url is None:
                existed = path.exists() and not overwrite
                if not existed:
                    _write_json(path, p.value)
                was_there = existed
            else:
                was_there = skipped.get(path, False)
            out.append(DownloadedOutput(p.job_pk, p.socket, path, p.input_name, skipped=was_there))
        return out

    async def _plan_output(
        self,
        job: WithValues,
        value: HyperlinkedComponentInterfaceValue,
        names: Mapping[uuid.UUID, str],
        images: Mapping[str, HyperlinkedImage],
        image_types: Sequence[str],
        template: str,
    ) -> _Planned | None:
        """Where one output goes: an image file, a file value, or a JSON value."""
        input_name = names.get(job.pk, str(job.pk))
        input_pk = next((p for v in job.inputs if (p := _image_pk(v.image))), "")
        url: str | None = None
        image_pk = _image_pk(value.image)
        if image_pk is not None:
            image = images.get(image_pk) or await self._client.images.get(image_pk)
            chosen = choose_image_file(image.files, image_types)
            if chosen is None:
                return None
            url, suffix = chosen.file, IMAGE_TYPE_SUFFIX.get(str(chosen.image_type), "")
        elif isinstance(value.file, str) and value.file:
            url, suffix = value.file, Path(value.file.split("?")[0]).suffix
        else:
            suffix = ".json"
        name = output_filename(
            input_name,
            socket=socket_of(value).slug,
            suffix=suffix,
            image_pk=image_pk or "",
            input_pk=input_pk,
            job_pk=job.pk,
            template=template,
        )
        return _Planned(job.pk, socket_of(value).slug, input_name, name, url, value.value)

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


def _check_output_sockets(wanted: set[str] | None, jobs: Sequence[WithValues]) -> None:
    """Raise if ``wanted`` names a socket that no job here has as an output (a typo would
    otherwise download nothing, silently). Jobs without outputs (failed) prove nothing."""
    present = {socket_of(v).slug for job in jobs for v in job.outputs}
    unknown = sorted((wanted or set()) - present)
    if not unknown or not present:
        return
    near = [m for s in unknown for m in difflib.get_close_matches(s, sorted(present), n=1)]
    hint = f"; did you mean {' or '.join(repr(m) for m in near)}?" if near else ""
    raise InvalidArgumentError(
        f"sockets={unknown}: no output of these jobs is on "
        f"{'that socket' if len(unknown) == 1 else 'those sockets'} "
        f"(their outputs: {', '.join(sorted(present))}){hint}"
    )


@dataclass(frozen=True)
class _Planned:
    """One output to save: from ``url`` (a download) or ``value`` (written as JSON)."""

    job_pk: uuid.UUID
    socket: str
    input_name: str
    name: str
    url: str | None
    value: object


def _write_json(path: Path, value: object) -> None:
    from gc_api.types import Unset

    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps(None if isinstance(value, Unset) else value, indent=2), "utf-8")
    os.replace(tmp, path)

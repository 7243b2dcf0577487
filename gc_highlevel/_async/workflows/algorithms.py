"""Algorithm workflows: run jobs (validated first, uploads in parallel, job POST last, queued
under the 16-active-jobs limit), describe an algorithm's inputs and outputs, and map outputs to
inputs with the server's real filters.

Reached through ``client.algorithms`` (``run``, ``run_on_archive``, ``describe``,
``outputs_by_input``, and ``endpoint`` for on-demand inference).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from gc_api.api.algorithms import algorithms_jobs_list
from gc_highlevel._async._references import parse_ref, ref_pk
from gc_highlevel._async._resource import call
from gc_highlevel._async.resources.algorithms import AsyncAlgorithms
from gc_highlevel._async.workflows._batches import DEFAULT_CASE_CONCURRENCY, finish, run_batch
from gc_highlevel._async.workflows._case_uploads import upload_case, uploads_still_usable
from gc_highlevel._async.workflows._job_polling import list_round, poll_jobs
from gc_highlevel._async.workflows._journals import JournalOption, StepCallback, batch_journal
from gc_highlevel._async.workflows._outputs import image_pk
from gc_highlevel._async.workflows._sent_jobs import (
    find_sent_job,
    job_sessions,
    sent_before,
    sessions_pending,
)
from gc_highlevel._async.workflows.endpoints import (
    DEFAULT_KEEP_ALIVE_EVERY,
    AsyncEndpointSession,
)
from gc_highlevel._async.workflows.jobs import FILTER_CHUNK, job_pks
from gc_highlevel._concurrency import AsyncLock
from gc_highlevel._exceptions import (
    BadRequestError,
    InvalidArgumentError,
    JobTimeoutError,
    ObjectNotFoundError,
)
from gc_highlevel._jobs_policy import ACTIVE_JOB_LIMIT, JobSlots, is_terminal, is_too_many_jobs
from gc_highlevel._polling import Backoff, Deadline
from gc_highlevel._references import Ref
from gc_highlevel._retry import answer_maybe_lost
from gc_highlevel._validate import check_count
from gc_highlevel.journal import DONE, Journal
from gc_highlevel.progress import ByteTally, ProgressCallback, case_bar
from gc_highlevel.socket_values import CasePlan, CaseValues, plan_cases, precheck_cases
from gc_highlevel.types import socket_of
from gc_highlevel.workflow_types import (
    AlgorithmSummary,
    BatchResult,
    CaseOutcome,
    InterfaceSummary,
    OutputRow,
    OutputsByInput,
    SocketSummary,
    StepEvent,
)

if TYPE_CHECKING:
    from gc_api.models.algorithm import Algorithm
    from gc_api.models.archive import Archive
    from gc_api.models.hyperlinked_image import HyperlinkedImage
    from gc_api.models.hyperlinked_job import HyperlinkedJob
    from gc_api.models.job_post import JobPost

__all__ = ["AsyncAlgorithmWorkflows"]


def _str_map(value: object) -> dict[str, str]:
    """A journal's ``{slug: url}`` record, or empty."""
    if not isinstance(value, dict):
        return {}
    return {str(k): str(v) for k, v in value.items()}


class _Scheduler:
    """Submits jobs as slots free up under the active-jobs limit (shared by the workers)."""

    def __init__(self, owner: AsyncAlgorithmWorkflows, algorithm: Algorithm, limit: int) -> None:
        self._owner = owner
        self._algorithm = algorithm
        self.slots = JobSlots(limit=limit)
        self.active: set[uuid.UUID] = set()
        self._lock = AsyncLock()
        self._starts = {algorithm.pk: 0}

    async def _refresh(self) -> bool:
        """Poll the active jobs once; whether any finished."""
        if not self.active:
            return False
        found = await poll_jobs(self._owner._client, set(self.active), self._starts)
        done = [j.pk for j in found if is_terminal(j.status)]
        for pk in done:
            self.active.discard(pk)
        self.slots.finished(len(done))
        return bool(done)

    async def acquire(self, deadline: Deadline) -> None:
        """Wait for a free slot and take it."""
        async with self._lock:
            backoff = Backoff()
            while self.slots.free() == 0:
                changed = await self._refresh()
                if self.slots.free():
                    break
                if deadline.expired():
                    raise JobTimeoutError(
                        f"no job slot became free within {deadline.timeout} s "
                        f"({len(self.active)} jobs of this batch active)",
                        pending=[],
                    )
                await self._owner._client._sleep(
                    deadline.clamp(backoff.next_delay(changed=changed))
                )
            self.slots.started()

    def started(self, pk: uuid.UUID) -> None:
        self.active.add(pk)
        self.slots.accepted()

    def release(self) -> None:
        self.slots.finished()

    def adopted(self, pk: uuid.UUID) -> None:
        """A job an earlier request made (its answer was lost) counts as active too."""
        if pk not in self.active:
            self.active.add(pk)
            self.slots.started()


class AsyncAlgorithmWorkflows(AsyncAlgorithms):
    """``client.algorithms``: the resource's calls (see :class:`AsyncAlgorithms`) and its workflows."""

    async def _resolve(self, algorithm: Ref) -> Algorithm:
        """An algorithm from the object, its slug, pk or ``api_url``."""
        from gc_api.models.algorithm import Algorithm

        if isinstance(algorithm, Algorithm):
            return algorithm
        return await self._client.algorithms.get(
            parse_ref(algorithm, "algorithms/", what="algorithm")
        )

    async def describe(self, algorithm: Ref) -> AlgorithmSummary:
        """The algorithm's input combinations and outputs in readable form.

        Example:
            >>> print(await client.algorithms.describe("deep-learning-based-ct-lung-registration"))
            Deep Learning-Based CT Lung Registration (deep-learning-based-ct-lung-registration)
              inputs: fixed-image (Image: files or an existing image), ...
        """
        alg = await self._resolve(algorithm)
        return AlgorithmSummary(
            slug=alg.slug,
            title=alg.title,
            interfaces=tuple(
                InterfaceSummary(
                    inputs=tuple(SocketSummary.of(s) for s in iface.inputs),
                    outputs=tuple(SocketSummary.of(s) for s in iface.outputs),
                )
                for iface in alg.interfaces
            ),
        )

    # -- on-demand inference -----------------------------------------------------------------

    def endpoint(
        self,
        algorithm: Ref,
        *,
        reuse: bool = True,
        keep_alive: bool = True,
        keep_alive_every: float = DEFAULT_KEEP_ALIVE_EVERY,
    ) -> AsyncEndpointSession:
        """A running endpoint of ``algorithm`` for on-demand inference, as a context manager.

        Entering it reuses a serving endpoint of the algorithm (``Running``, else ``Started``
        or ``Queued``; with ``reuse=False`` always a new one) or starts one, and keeps it alive
        in the background (every ``keep_alive_every`` seconds, and at least three times per
        lifetime) until you leave. Inside, ``invoke`` / ``invoke_one`` validate and send cases
        exactly like :meth:`run`, ``wait`` waits for the invocations and ``download_outputs``
        saves their outputs. The reference is checked now, before any request.

        Example:
            >>> async with client.algorithms.endpoint("pulmonary-lobe-segmentation") as endpoint:
            ...     invocations = await endpoint.invoke([{"generic-medical-image": Path("ct.mha")}])
            ...     done = await endpoint.wait(invocations, timeout=600)
            ...     await endpoint.download_outputs(done, "out/")
        """
        return AsyncEndpointSession(
            self._client,
            algorithm,
            reuse=reuse,
            keep_alive=keep_alive,
            keep_alive_every=keep_alive_every,
        )

    # -- running -----------------------------------------------------------------------------

    def _plan(self, algorithm: Algorithm, cases: Sequence[CaseValues]) -> list[CasePlan]:
        """Validate ``cases`` against the algorithm's interfaces (no request)."""
        sockets = {s.slug: s for iface in algorithm.interfaces for s in iface.inputs}
        combos: list[Collection[str]] = [
            {s.slug for s in iface.inputs} for iface in algorithm.interfaces
        ]
        return plan_cases(
            cases, sockets, combinations=combos, target=f"algorithm {algorithm.slug!r}"
        )

    async def run(
        self,
        algorithm: Ref,
        cases: Sequence[CaseValues] | Mapping[str, object],
        *,
        journal: JournalOption = True,
        max_active: int = ACTIVE_JOB_LIMIT,
        concurrency: int = DEFAULT_CASE_CONCURRENCY,
        timeout: float | None = None,
        progress: bool | None = None,
        byte_progress: ProgressCallback | None = None,
        on_step: StepCallback | None = None,
        wait_for_lock: float | None = None,
        raise_on_error: bool = True,
    ) -> BatchResult[JobPost]:
        """Start one job per case; every case is validated before anything is uploaded.

        Files upload in parallel; each job is POSTed last, when a slot under the server's
        limit of ``max_active`` active jobs is free (the batch queues instead of failing).
        A refusal that would repeat for every case (no permission to run the algorithm, your
        algorithm credits spent, your upload limit reached) stops the batch: the cases not
        started yet fail with :class:`CaseNotStartedError` (``result.not_started``) and
        upload nothing, and a rerun once the cause is fixed starts them.
        The result lists each case's job or error; pass it to ``client.jobs.wait``. The journal
        (default: in the user cache dir; a path; or False for none) makes a rerun of the same
        batch skip cases that already have a job and reuse the uploads of interrupted ones.

        ``byte_progress`` receives the bytes the uploads send, as
        :class:`~gc_highlevel.progress.ProgressEvent` objects for the whole batch
        (``done``/``total`` over every file; ``total`` grows as uploads start; parts a rerun
        finds on the server count as done). The uploads themselves show no bar (``progress``
        counts cases).

        Another run of the same batch (same journal file; another process too) is waited for,
        then this one resumes from the journal, making nothing twice: as long as it takes by
        default, else up to ``wait_for_lock`` seconds before :class:`BatchInProgressError`
        (0: fail at once). ``journal=False`` takes no lock.

        If any case failed, :class:`~gc_highlevel.BatchError` is raised once every other case
        has finished, with the whole result as its ``.result``; ``raise_on_error=False``
        returns the result instead (see ``result.failed``).

        Example:
            >>> jobs = await client.algorithms.run(
            ...     "pulmonary-lobe-segmentation",
            ...     [{"generic-medical-image": p} for p in sorted(Path("io").glob("*.mha"))],
            ... )
            >>> done = await client.jobs.wait(jobs)
        """
        check_count("max_active", max_active)
        check_count("concurrency", concurrency)
        case_list = precheck_cases(cases)
        alg = await self._resolve(algorithm)
        plans = self._plan(alg, case_list)
        tally = ByteTally(byte_progress) if byte_progress is not None else None
        async with batch_journal(
            journal, f"algorithm-{alg.pk}", self._client, wait_for_lock=wait_for_lock
        ) as book:
            scheduler = _Scheduler(self, alg, max_active)
            deadline = Deadline(timeout, clock=self._client._clock)

            async def run_case(index: int, plan: CasePlan) -> CaseOutcome[JobPost]:
                return await self._run_case(
                    alg, index, plan, book, scheduler, deadline, on_step, tally
                )

            async def exists() -> bool:
                try:
                    await self._client.algorithms.get(alg.pk)
                except ObjectNotFoundError:
                    return False
                return True

            result = await run_batch(
                plans,
                run_case,
                key_of=lambda plan: plan.fingerprint(f"algorithm:{alg.pk}"),
                concurrency=concurrency,
                bar=case_bar(len(plans), f"start {alg.slug} jobs", progress=progress, unit="job"),
                what="job",
                target_exists=exists,
            )
            result.algorithm_pk = alg.pk
        return finish(result, raise_on_error=raise_on_error)

    async def _run_case(
        self,
        alg: Algorithm,
        index: int,
        plan: CasePlan,
        book: Journal,
        scheduler: _Scheduler,
        deadline: Deadline,
        on_step: StepCallback | None,
        tally: ByteTally | None = None,
    ) -> CaseOutcome[JobPost]:
        key = plan.fingerprint(f"algorithm:{alg.pk}")
        entry = book.get(key)
        if entry is not None and entry.done and "pk" in entry.ids:
            done = uuid.UUID(entry.ids["pk"])
            self._client.jobs.known_images.note_input_file(done, plan)
            return CaseOutcome(index, plan.name, key, pk=done, skipped=True)

        def record(step: str, **ids: Any) -> None:
            rec = book.record(key, step, **ids)
            if on_step is not None:
                on_step(StepEvent(index, plan.name, step, dict(rec.ids)))

        def adopt(pk: uuid.UUID) -> CaseOutcome[JobPost]:
            record(DONE, pk=str(pk))
            scheduler.adopted(pk)
            self._client.jobs.known_images.note_input_file(pk, plan)
            return CaseOutcome(index, plan.name, key, pk=pk, skipped=True)

        def claimed() -> set[str]:
            return book.claimed("pk")

        async def find_sent(sessions: dict[str, str]) -> uuid.UUID | None:
            return await find_sent_job(
                self._client, alg, plan, sessions=sessions, claimed=claimed, deadline=deadline
            )

        try:
            ids = entry.ids if entry is not None else {}
            sessions = _str_map(ids.get("sessions"))
            maybe_sent = entry is not None and entry.step == "submitting"
            pending = False
            if maybe_sent:  # an earlier run sent the POST; did its job come to be?
                found = await find_sent(sessions)
                if found is not None:
                    return adopt(found)
                pending = bool(sessions)  # no job: the sessions were all still waiting
            uploads, sessions = await self._inputs(
                plan, ids, sessions, record, tally, pending=pending
            )
            record("submitting")
            inputs = plan.requests(uploads, sessions)
            for attempt in (1, 2):
                try:
                    created = await self._submit(alg, inputs, scheduler, deadline)
                    break
                except BadRequestError as exc:
                    if not maybe_sent:
                        raise
                    found = await sent_before(self._client, alg, plan, exc, claimed)
                    if found is None:
                        raise
                    return adopt(found)
                except Exception as exc:
                    # The answer was lost: find the job, or learn that it was never made.
                    if attempt == 2 or not answer_maybe_lost(exc):
                        raise
                    found = await find_sent(sessions)
                    if found is not None:
                        return adopt(found)
                    if plan.upload_count and not sessions:
                        raise  # a file's job may still appear: a rerun looks again
                    maybe_sent = True
            record(DONE, pk=str(created.pk))
            self._client.jobs.known_images.note_input_file(created.pk, plan)
        except Exception as exc:
            return CaseOutcome(index, plan.name, key, pk=None, error=exc)
        return CaseOutcome(index, plan.name, key, pk=created.pk, created=created)

    async def _inputs(
        self,
        plan: CasePlan,
        ids: Mapping[str, Any],
        sessions: dict[str, str],
        record: Callable[..., None],
        tally: ByteTally | None = None,
        *,
        pending: bool = False,
    ) -> tuple[dict[str, list[str]], dict[str, str]]:
        """The case's uploads and its images' upload sessions: the recorded ones while no job
        has taken them (``pending``: just read so), else new ones (recorded before the job
        POST)."""
        recorded = ids.get("uploads")
        uploads = (
            {str(k): [str(u) for u in v] for k, v in recorded.items()}
            if isinstance(recorded, dict)
            else {}
        )
        if sessions and (pending or await sessions_pending(self._client, sessions)):
            return uploads, sessions
        if not plan.upload_count:
            return {}, {}
        if not (uploads and await uploads_still_usable(self._client, uploads)):
            kept = ids.get("partial")
            uploads = await upload_case(
                self._client,
                plan,
                partial=kept if isinstance(kept, dict) else None,
                on_partial=lambda partial: record("uploading", partial=partial),
                tally=tally,
            )
            record("uploaded", uploads=uploads, sessions={}, partial={})
        sessions = await job_sessions(self._client, plan, uploads)
        if sessions:
            record("uploaded", sessions=sessions)
        return uploads, sessions

    async def _submit(
        self, alg: Algorithm, inputs: list[Any], scheduler: _Scheduler, deadline: Deadline
    ) -> JobPost:
        backoff = Backoff()
        while True:
            await scheduler.acquire(deadline)
            try:
                created = await self._client.algorithm_jobs.create(algorithm=alg, inputs=inputs)
            except BadRequestError as exc:
                scheduler.release()
                if not is_too_many_jobs(exc.non_field_errors):
                    raise
                scheduler.slots.refused()
                if deadline.expired():
                    raise
                await self._client._sleep(deadline.clamp(backoff.next_delay(changed=False)))
                continue
            except BaseException:
                scheduler.release()
                raise
            scheduler.started(created.pk)
            return created

    async def run_on_archive(
        self,
        algorithm: Ref,
        archive: Ref,
        *,
        socket: str | None = None,
        skip_processed: bool = True,
        limit: int | None = None,
        **options: Any,
    ) -> BatchResult[JobPost]:
        """Run the algorithm on the images of an archive (existing images: nothing is uploaded).

        ``socket`` is the algorithm input the images go to (default: its only image input).
        With ``skip_processed``, images that already have a job of this algorithm are left
        out (the server would refuse a duplicate). Other options as for :meth:`run`.

        Example:
            >>> jobs = await client.algorithms.run_on_archive(
            ...     "pulmonary-lobe-segmentation-for-covid-19-ct-scans", "coronacasesorg", limit=2)
        """
        alg = await self._resolve(algorithm)
        slug = socket or self._single_image_input(alg)
        mapping = await self.outputs_by_input(alg, archive=archive)
        images = list(mapping.unprocessed)
        if not skip_processed:
            images += [i for row in mapping.rows for i in row.inputs]
        images = images[:limit] if limit is not None else images
        return await self.run(alg, [{slug: image} for image in images], **options)

    @staticmethod
    def _single_image_input(alg: Algorithm) -> str:
        slugs = {
            s.slug for iface in alg.interfaces for s in iface.inputs if s.super_kind == "Image"
        }
        if len(slugs) != 1:
            raise InvalidArgumentError(
                f"algorithm {alg.slug!r} has image inputs {sorted(slugs)}; pass socket= to choose"
            )
        return next(iter(slugs))

    # -- output-to-input mapping -------------------------------------------------------------

    async def _archive_images(self, archive: Ref) -> list[HyperlinkedImage]:
        arch = await self._resolve_archive(archive)
        images = await self._client.images.list(archive=[arch.pk], page_size=1000).to_list()
        self._client.jobs.known_images.remember(images)  # names and files for download_outputs
        return images

    async def _resolve_archive(self, archive: Ref) -> Archive:
        return await self._client.archives._resolve(archive)

    async def _jobs_for_images(
        self, alg: Algorithm, image_pks: Sequence[uuid.UUID]
    ) -> list[HyperlinkedJob]:
        jobs: dict[uuid.UUID, HyperlinkedJob] = {}
        for i in range(0, len(image_pks), FILTER_CHUNK):
            chunk = list(image_pks[i : i + FILTER_CHUNK])
            offset = 0
            while True:
                page = await call(
                    self._client,
                    algorithms_jobs_list.asyncio_detailed,
                    algorithm_image_algorithm=alg.pk,
                    input_image=chunk,
                    offset=offset,
                    limit=1000,
                )
                for job in page.results:
                    jobs[job.pk] = job
                offset += len(page.results)
                if not page.results or offset >= page.count:
                    break
        return list(jobs.values())

    async def outputs_by_input(
        self,
        algorithm: Ref,
        *,
        archive: Ref | None = None,
        images: Sequence[object] | None = None,
        jobs: Sequence[object] | None = None,
    ) -> OutputsByInput:
        """Which job of ``algorithm`` produced which outputs from which input images.

        Give the inputs as an ``archive`` (its images), a list of ``images`` (objects, pks or
        ``api_url``s) or a list of ``jobs``. Jobs are found with the server's real filters
        (``algorithm_image__algorithm`` and the repeatable ``input_image``), 100 images per
        request; 100 archive images cost 4 requests in all (the archive's image list gives
        their names). Inputs are read from each job's own ``inputs``: images given by pk or
        ``api_url``, and the input images of ``jobs``, cost one request each (8 at a time;
        none for images this client has read already), because the image list has no pk
        filter and its ``job_input`` filter fails on grand-challenge as deployed.

        Example:
            >>> mapping = await client.algorithms.outputs_by_input(
            ...     "pulmonary-lobe-segmentation-for-covid-19-ct-scans", archive="coronacases.org")
            >>> for row in mapping:
            ...     print(row.input_name, row.status, sorted(row.outputs))
        """
        if sum(x is not None for x in (archive, images, jobs)) != 1:
            raise InvalidArgumentError("pass exactly one of archive=, images= or jobs=")
        refs = self._image_refs(images) if images is not None else []
        alg = await self._resolve(algorithm)
        if jobs is not None:
            return await self._mapping_from_jobs(alg, jobs)
        if archive is not None:
            inputs = await self._archive_images(archive)
            found = await self._jobs_for_images(alg, [i.pk for i in inputs])
        else:
            inputs, found = await self._images_and_jobs(alg, refs)
        by_pk = {str(i.pk): i for i in inputs}
        rows = [self._row(job, by_pk) for job in found]
        used = {str(i.pk) for r in rows for i in r.inputs}
        unprocessed = tuple(i for i in inputs if str(i.pk) not in used)
        order = {str(i.pk): n for n, i in enumerate(inputs)}
        rows.sort(key=lambda r: min((order.get(str(i.pk), 0) for i in r.inputs), default=0))
        return OutputsByInput(tuple(rows), unprocessed)

    @staticmethod
    def _image_refs(images: Sequence[object]) -> list[HyperlinkedImage | uuid.UUID]:
        """Each image given, as the object or its pk, once each (no request)."""
        from gc_api.models.hyperlinked_image import HyperlinkedImage

        refs: dict[uuid.UUID, HyperlinkedImage | uuid.UUID] = {}
        for image in images:
            if isinstance(image, HyperlinkedImage):
                refs.setdefault(image.pk, image)
            else:
                pk = ref_pk(image, "cases/images/", what="image")
                refs.setdefault(pk, pk)
        return list(refs.values())

    async def _images_and_jobs(
        self, alg: Algorithm, refs: Sequence[HyperlinkedImage | uuid.UUID]
    ) -> tuple[list[HyperlinkedImage], list[HyperlinkedJob]]:
        """The images given (as objects) and the algorithm's jobs on them.

        Images given by pk are read one request each (several at once; the image list has no
        pk filter), so a pk the server does not show raises :class:`ObjectNotFoundError`
        naming it before the jobs are looked up.
        """
        from gc_api.models.hyperlinked_image import HyperlinkedImage

        known = {str(r.pk): r for r in refs if isinstance(r, HyperlinkedImage)}
        self._client.jobs.known_images.remember(known.values())
        pks = [r.pk if isinstance(r, HyperlinkedImage) else r for r in refs]
        known.update(await self._client.jobs.known_images.read(str(pk) for pk in pks))
        found = await self._jobs_for_images(alg, pks)
        return [known[str(pk)] for pk in pks], found

    async def _mapping_from_jobs(self, alg: Algorithm, jobs: Sequence[object]) -> OutputsByInput:
        wanted = set(job_pks(jobs))
        found, _ = await list_round(self._client, wanted, alg.pk, 0)
        images = await self._client.jobs.known_images.read(
            pk for job in found for v in job.inputs if (pk := image_pk(v.image))
        )
        order = {pk: n for n, pk in enumerate(job_pks(jobs))}
        found.sort(key=lambda j: order.get(j.pk, 0))
        return OutputsByInput(tuple(self._row(job, images) for job in found))

    @staticmethod
    def _row(job: HyperlinkedJob, images: Mapping[str, HyperlinkedImage]) -> OutputRow:
        inputs = tuple(
            images[pk]
            for v in job.inputs
            if v.image and (pk := v.image.rstrip("/").rsplit("/", 1)[-1]) in images
        )
        return OutputRow(inputs, job, {socket_of(v).slug: v for v in job.outputs})

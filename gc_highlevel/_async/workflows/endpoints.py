"""On-demand inference: an algorithm endpoint kept alive while you use it, and its invocations.

Reached through ``client.algorithms.endpoint(algorithm)``, a context manager:

1. entering it finds a serving endpoint of the algorithm that you can see (one list request per
   status, ``Running`` first, then ``Started``, ``Queued``: up to three) or starts one;
2. while inside, a background task (a thread in the sync client) sends a keep-alive every
   ``keep_alive_every`` seconds, and at least three times per ``remaining_lifetime``, so
   the endpoint does not stop while you use it;
3. ``invoke(cases)`` validates every case before anything is sent, with the same rules and
   inputs as ``algorithms.run`` (files, existing images, JSON values), uploads the files and
   creates one invocation per case;
4. ``wait(invocations)`` polls them until they have finished, and ``download_outputs``
   saves their outputs named after the inputs, as ``jobs.download_outputs`` does;
5. leaving it stops the keep-alives (the endpoint itself stops when its lifetime runs out;
   the API has no call to stop it earlier).

Example:
    >>> async with client.algorithms.endpoint("pulmonary-lobe-segmentation") as endpoint:
    ...     invocations = await endpoint.invoke(
    ...         [{"generic-medical-image": p} for p in sorted(Path("io").glob("*.mha"))]
    ...     )
    ...     done = await endpoint.wait(invocations, timeout=600)
    ...     files = await endpoint.download_outputs(done, "out/")
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Union

from gc_highlevel._async._references import parse_ref, ref_pk
from gc_highlevel._async.workflows._batches import DEFAULT_CASE_CONCURRENCY, finish, run_batch
from gc_highlevel._async.workflows._case_uploads import upload_case
from gc_highlevel._async.workflows._job_polling import poll_backoff
from gc_highlevel._async.workflows._outputs import (
    PlannedOutput,
    check_output_sockets,
    image_pk,
    plan_output,
    save_outputs,
    wanted_sockets,
)
from gc_highlevel._concurrency import AsyncGroup, WorkQueue
from gc_highlevel._exceptions import (
    BadRequestError,
    EndpointError,
    EndpointStoppedError,
    EndpointTimeoutError,
    InvalidArgumentError,
    InvalidReferenceError,
    InvocationFailedError,
    InvocationTimeoutError,
    NotFoundError,
)
from gc_highlevel._jobs_policy import StatusCounts, is_terminal
from gc_highlevel._keep_alive import AsyncKeepAlive
from gc_highlevel._polling import Deadline
from gc_highlevel._references import Ref, pk_from_api_url
from gc_highlevel._validate import check_count
from gc_highlevel.naming import DEFAULT_TEMPLATE, check_template
from gc_highlevel.progress import ByteTally, ProgressCallback, case_bar
from gc_highlevel.socket_values import CasePlan, CaseValues, precheck_cases
from gc_highlevel.types import socket_of
from gc_highlevel.workflow_types import BatchResult, CaseOutcome, DownloadedOutput

if TYPE_CHECKING:
    from gc_api.models.algorithm import Algorithm
    from gc_api.models.endpoint import Endpoint
    from gc_api.models.hyperlinked_component_interface_value import (
        HyperlinkedComponentInterfaceValue,
    )
    from gc_api.models.invocation import Invocation
    from gc_api.models.invocation_post import InvocationPost
    from gc_highlevel._async._client import AsyncClient
    from gc_highlevel._async.resources.algorithm_endpoints import EndpointStatus

__all__ = [
    "AsyncEndpointSession",
    "InvocationRef",
    "invocation_pks",
    "keep_alive_interval",
    "parse_duration",
]

#: The statuses of an endpoint that accepts invocations, most useful first.
SERVING: tuple[EndpointStatus, ...] = ("Running", "Started", "Queued")
#: Default for ``keep_alive_every``: at most one keep-alive a minute (more often only when the
#: endpoint's lifetime is shorter than three minutes).
DEFAULT_KEEP_ALIVE_EVERY = 60.0
#: Never send keep-alives more often than this.
MIN_KEEP_ALIVE_EVERY = 0.05
#: Invocations read at once while waiting (one detail request each).
WAIT_CONCURRENCY = 8

#: An invocation to wait for: the invocation, the answer of its create, its pk or ``api_url``.
InvocationRef = Union["Invocation", "InvocationPost", uuid.UUID, str]

_ISO = re.compile(
    r"^(?P<sign>[-+]?)P(?:(?P<days>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<hours>\d+(?:\.\d+)?)H)?(?:(?P<minutes>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)
_DJANGO = re.compile(
    r"^(?P<sign>-?)(?:(?P<days>\d+) (?:days?, )?)?"
    r"(?:(?P<hours>\d+):)?(?P<minutes>\d+):(?P<seconds>\d+(?:\.\d+)?)$"
)


def parse_duration(text: object) -> float | None:
    """Seconds in a duration as the server writes them (ISO 8601 ``P0DT00H04M59.5S``, or
    Django's ``[D ]HH:MM:SS[.ffffff]``); None for anything else.

    Example:
        >>> parse_duration("P0DT00H04M59.500000S"), parse_duration("00:05:00")
        (299.5, 300.0)
        >>> parse_duration("1 02:00:00"), parse_duration("soon")
        (93600.0, None)
    """
    if not isinstance(text, str):
        return None
    text = text.strip()
    for pattern in (_ISO, _DJANGO):
        m = pattern.match(text)
        if m is None or (pattern is _ISO and text in ("P", "PT")):
            continue
        parts = {k: float(v) for k, v in m.groupdict().items() if k != "sign" and v}
        seconds = (
            parts.get("days", 0.0) * 86400
            + parts.get("hours", 0.0) * 3600
            + parts.get("minutes", 0.0) * 60
            + parts.get("seconds", 0.0)
        )
        return -seconds if m.group("sign") == "-" else seconds
    return None


def keep_alive_interval(lifetime: float | None, every: float) -> float:
    """Seconds between keep-alives: ``every``, or a third of the endpoint's ``lifetime`` when
    that is shorter (so two keep-alives can be lost before it stops).

    Example:
        >>> keep_alive_interval(300, 60), keep_alive_interval(1.5, 60), keep_alive_interval(None, 60)
        (60, 0.5, 60)
    """
    if lifetime is None or lifetime <= 0:
        return every
    return max(MIN_KEEP_ALIVE_EVERY, min(every, lifetime / 3))


def _invocation_pk(ref: object) -> uuid.UUID:
    return ref_pk(ref, "algorithms/invocations/", what="an invocation reference")


def invocation_pks(invocations: object) -> list[uuid.UUID]:
    """The pks of ``invocations`` (one, many, or the result of ``invoke``: its successful
    cases), without duplicates; checked before any request.

    Example:
        >>> invocation_pks("3fa85f64-5717-4562-b3fc-2c963f66afa6")
        [UUID('3fa85f64-5717-4562-b3fc-2c963f66afa6')]
    """
    if isinstance(invocations, BatchResult):
        raw: list[object] = [o.pk for o in invocations if o.pk is not None]
    elif isinstance(invocations, (str, uuid.UUID)) or hasattr(invocations, "pk"):
        raw = [invocations]
    elif isinstance(invocations, Iterable):
        raw = list(invocations)
    else:
        raise InvalidReferenceError(
            f"an invocation reference got {type(invocations).__name__} {invocations!r}; pass "
            "an invocation (the object), its pk (a UUID) or its api_url, a list of them, or "
            "the result of invoke()"
        )
    seen: dict[uuid.UUID, None] = {}
    for ref in raw:
        seen.setdefault(_invocation_pk(ref), None)
    return list(seen)


def _invocation_error(first: Invocation, every: Sequence[Invocation]) -> InvocationFailedError:
    unsuccessful = [i for i in every if i.status != "Succeeded"]
    why = f": {first.error_message}" if first.error_message else ""
    message = f"invocation {first.pk} ended {first.status}{why}"
    if len(every) > 1:
        message = (
            f"{len(unsuccessful)} of {len(every)} invocations did not succeed "
            f"({StatusCounts(i.status for i in every).describe()}); the first: {message}. "
            "The error's .invocations holds every invocation, .failed those that did not succeed."
        )
    return InvocationFailedError(message, invocation=first, invocations=every)


class AsyncEndpointSession:
    """A running endpoint of one algorithm, kept alive while the session is open.

    Get one from ``client.algorithms.endpoint(algorithm)`` and use it in ``async with``.
    Inside, :attr:`endpoint` is the endpoint as last read, :attr:`reused` says whether it was
    running already, and ``invoke`` / ``invoke_one`` / ``wait`` / ``download_outputs`` do the
    work. Keep-alive failures are kept in :attr:`keep_alive_errors` (they are retried at the
    next beat); once the server says the endpoint stopped, ``invoke`` raises
    :class:`~gc_highlevel.EndpointStoppedError` without sending anything.

    Example:
        >>> async with client.algorithms.endpoint("corads-ai") as endpoint:
        ...     posted = await endpoint.invoke_one({"generic-medical-image": Path("ct.mha")})
        ...     (done,) = await endpoint.wait([posted])
        ...     endpoint.outputs(done)["corads-score"].value
        3
    """

    def __init__(
        self,
        client: AsyncClient,
        algorithm: Ref,
        *,
        reuse: bool = True,
        keep_alive: bool = True,
        keep_alive_every: float = DEFAULT_KEEP_ALIVE_EVERY,
    ) -> None:
        from gc_api.models.algorithm import Algorithm

        if not isinstance(algorithm, Algorithm):  # a reference of the wrong form: no request
            parse_ref(algorithm, "algorithms/", what="algorithms.endpoint()")
        if not (isinstance(keep_alive_every, (int, float)) and keep_alive_every > 0):
            raise InvalidArgumentError(
                f"algorithms.endpoint(keep_alive_every={keep_alive_every!r}): pass a number of "
                "seconds above 0"
            )
        self._client = client
        self._algorithm_ref = algorithm
        self._reuse = reuse
        self._keep_alive = keep_alive
        self._every = max(MIN_KEEP_ALIVE_EVERY, float(keep_alive_every))
        self._algorithm: Algorithm | None = None
        self._endpoint: Endpoint | None = None
        self._keeper: AsyncKeepAlive | None = None
        self._lifetime: float | None = None
        self._stopped: Endpoint | None = None
        self._names: dict[uuid.UUID, str] = {}
        #: Whether entering found a serving endpoint (True) or started one (False).
        self.reused = False

    # -- lifecycle ---------------------------------------------------------------------------

    async def __aenter__(self) -> AsyncEndpointSession:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    async def start(self) -> AsyncEndpointSession:
        """Find or start the endpoint and begin the keep-alives (what ``async with`` does).

        Costs one request to look up the algorithm (unless given as the object), up to
        three list requests to find a serving endpoint, and one create if none serves.

        Example:
            >>> session = await client.algorithms.endpoint("corads-ai").start()
            >>> try:
            ...     posted = await session.invoke_one({"generic-medical-image": image})
            ... finally:
            ...     await session.stop()
        """
        if self._keeper is not None and self._keeper.running:
            return self
        alg = await self._client.algorithms._resolve(self._algorithm_ref)
        endpoint = await self._find(alg) if self._reuse else None
        self.reused = endpoint is not None
        if endpoint is None:
            from gc_api.models.endpoint import Endpoint

            created = await self._client.algorithm_endpoints.create(algorithm=alg)
            endpoint = Endpoint.from_dict(created.to_dict())
        self._algorithm = alg
        self._endpoint = endpoint
        self._stopped = None
        self._lifetime = parse_duration(endpoint.remaining_lifetime)
        if self._keep_alive:
            keeper = AsyncKeepAlive(self._beat, keep_alive_interval(self._lifetime, self._every))
            await keeper.start()
            self._keeper = keeper
        return self

    async def stop(self) -> None:
        """Stop the keep-alives (the endpoint stops by itself when its lifetime runs out).

        Example:
            >>> await session.stop()
        """
        if self._keeper is not None:
            await self._keeper.stop()

    async def _find(self, alg: Algorithm) -> Endpoint | None:
        """A serving endpoint of ``alg`` visible to you: ``Running`` first (one list request
        per status tried)."""
        for status in SERVING:
            async for endpoint in self._client.algorithm_endpoints.list(status=status):
                if _same_pk(endpoint.algorithm, alg.pk) and endpoint.status == status:
                    return endpoint
        return None

    async def _beat(self) -> float | None:
        """One keep-alive; the next interval, or None once the endpoint has stopped."""
        try:
            answer = await self._client.algorithm_endpoints.keep_alive(self.pk)
        except (BadRequestError, NotFoundError):
            # A stopped endpoint cannot be kept alive: read it once to be sure.
            current = await self.refresh()
            if current.status not in SERVING:
                return None
            raise
        remaining = parse_duration(answer.additional_properties.get("remaining_lifetime"))
        if remaining is not None and (self._lifetime is None or remaining > self._lifetime):
            self._lifetime = remaining
        return keep_alive_interval(self._lifetime, self._every)

    # -- state -------------------------------------------------------------------------------

    def _entered(self, call: str) -> tuple[Algorithm, Endpoint]:
        if self._algorithm is None or self._endpoint is None:
            raise EndpointError(
                f"{call} needs the endpoint: use the session in `async with "
                "client.algorithms.endpoint(...) as endpoint:` (or call `await start()` first)"
            )
        return self._algorithm, self._endpoint

    @property
    def algorithm(self) -> Algorithm:
        """The algorithm (available once entered)."""
        return self._entered("algorithm")[0]

    @property
    def endpoint(self) -> Endpoint:
        """The endpoint as last read (available once entered)."""
        return self._entered("endpoint")[1]

    @property
    def pk(self) -> uuid.UUID:
        """The endpoint's pk."""
        return self.endpoint.pk

    @property
    def api_url(self) -> str:
        """The endpoint's ``api_url``."""
        return self.endpoint.api_url

    @property
    def keep_alive_errors(self) -> list[Exception]:
        """Errors of keep-alives that failed in the last session (the newest twenty); each
        beat is tried again."""
        return list(self._keeper.errors) if self._keeper is not None else []

    @property
    def keep_alives(self) -> int:
        """How many keep-alives the server acknowledged in the last session."""
        return self._keeper.beats if self._keeper is not None else 0

    async def refresh(self) -> Endpoint:
        """The endpoint, read again from the server (one request).

        Example:
            >>> (await endpoint.refresh()).status
            'Running'
        """
        _, endpoint = self._entered("refresh()")
        self._endpoint = await self._client.algorithm_endpoints.get(endpoint.pk)
        if self._endpoint.status not in SERVING:
            self._stopped = self._endpoint
        return self._endpoint

    async def wait_until_running(self, *, timeout: float | None = None) -> Endpoint:
        """Wait until the endpoint is ``Running`` (invocations sent earlier are queued, so this
        is optional); one request per poll, with the backoff of ``jobs.wait``.

        Raises :class:`~gc_highlevel.EndpointStoppedError` if it stops, and
        :class:`~gc_highlevel.EndpointTimeoutError` after ``timeout`` seconds.

        Example:
            >>> (await endpoint.wait_until_running(timeout=600)).status
            'Running'
        """
        self._entered("wait_until_running()")
        deadline = Deadline(timeout, clock=self._client._clock)
        backoff = poll_backoff()
        previous = None
        while True:
            current = await self.refresh()
            if current.status == "Running":
                return current
            if current.status not in SERVING:
                raise self._stopped_error(current)
            if deadline.expired():
                raise EndpointTimeoutError(
                    f"endpoint {current.pk} was still {current.status} after {timeout} s",
                    endpoint=current,
                )
            changed = current.status != previous
            previous = current.status
            await self._client._sleep(deadline.clamp(backoff.next_delay(changed=changed)))

    @staticmethod
    def _stopped_error(endpoint: Endpoint) -> EndpointStoppedError:
        return EndpointStoppedError(
            f"endpoint {endpoint.pk} has stopped (status {endpoint.status}): its lifetime ran "
            "out without a keep-alive. Start a new one (enter client.algorithms.endpoint(...) "
            "again) and invoke again",
            endpoint=endpoint,
        )

    # -- invoking ----------------------------------------------------------------------------

    async def invoke(
        self,
        cases: Sequence[CaseValues] | Mapping[str, object],
        *,
        concurrency: int = DEFAULT_CASE_CONCURRENCY,
        progress: bool | None = None,
        byte_progress: ProgressCallback | None = None,
        raise_on_error: bool = True,
    ) -> BatchResult[InvocationPost]:
        """Create one invocation per case; every case is validated before anything is sent.

        Cases are given exactly as to ``algorithms.run`` (``{socket slug: file path(s), an
        existing image, a JSON value}``); files upload in parallel, each invocation is POSTed
        once its files are up. The result lists each case's invocation or error (an
        :class:`~gc_highlevel.EndpointStoppedError` once the endpoint has stopped); pass it to
        :meth:`wait`. No journal is kept: invoking the same cases again runs them again.

        ``byte_progress`` receives the bytes the uploads send, as
        :class:`~gc_highlevel.progress.ProgressEvent` objects for the whole batch
        (``done``/``total`` over every file; ``total`` grows as uploads start). The uploads
        themselves show no bar (``progress`` counts cases).

        If any case failed, :class:`~gc_highlevel.BatchError` is raised once every other case
        has finished, with the whole result as its ``.result``; ``raise_on_error=False``
        returns the result instead (see ``result.failed``).

        Example:
            >>> invocations = await endpoint.invoke(
            ...     [{"generic-medical-image": p} for p in sorted(Path("io").glob("*.mha"))]
            ... )
            >>> done = await endpoint.wait(invocations)
        """
        alg, endpoint = self._entered("invoke()")
        check_count("concurrency", concurrency)
        plans = self._client.algorithms._plan(alg, precheck_cases(cases))
        target = f"endpoint:{endpoint.pk}"
        tally = ByteTally(byte_progress) if byte_progress is not None else None

        async def run_case(index: int, plan: CasePlan) -> CaseOutcome[InvocationPost]:
            key = plan.fingerprint(target)
            try:
                created = await self._invoke_plan(plan, tally)
            except Exception as exc:
                return CaseOutcome(index, plan.name, key, pk=None, error=exc)
            return CaseOutcome(index, plan.name, key, pk=created.pk, created=created)

        result = await run_batch(
            plans,
            run_case,
            key_of=lambda plan: plan.fingerprint(target),
            concurrency=concurrency,
            bar=case_bar(len(plans), f"invoke {alg.slug}", progress=progress, unit="invocation"),
            what="invocation",
        )
        return finish(result, raise_on_error=raise_on_error)

    async def invoke_one(self, case: CaseValues) -> InvocationPost:
        """Validate, upload and create one invocation; raises what went wrong (e.g.
        :class:`~gc_highlevel.EndpointStoppedError`, :class:`~gc_highlevel.SocketValueError`).

        Example:
            >>> posted = await endpoint.invoke_one({"generic-medical-image": Path("ct.mha")})
            >>> (done,) = await endpoint.wait([posted])
        """
        alg, _ = self._entered("invoke_one()")
        (plan,) = self._client.algorithms._plan(alg, precheck_cases([case], what="case"))
        return await self._invoke_plan(plan)

    async def _invoke_plan(self, plan: CasePlan, tally: ByteTally | None = None) -> InvocationPost:
        if self._stopped is not None:
            raise self._stopped_error(self._stopped)
        uploads = await upload_case(self._client, plan, tally=tally) if plan.upload_count else {}
        try:
            created = await self._client.algorithm_invocations.create(
                endpoint=self.api_url, inputs=plan.requests(uploads)
            )
        except BadRequestError as exc:
            if not exc.non_field_errors:
                raise
            current = await self.refresh()  # is it refused because the endpoint stopped?
            if current.status in SERVING:
                raise
            raise self._stopped_error(current) from exc
        if any(v.paths for v in plan.values):  # else: named after its input image later
            self._names[created.pk] = plan.name
        return created

    # -- waiting -----------------------------------------------------------------------------

    async def wait(
        self,
        invocations: InvocationRef | Iterable[InvocationRef] | BatchResult[Any],
        *,
        timeout: float | None = None,
        raise_on_failure: bool = True,
        progress: bool | None = None,
        on_finished: Callable[[Invocation], None] | None = None,
    ) -> list[Invocation]:
        """Wait until every invocation has finished; the invocations as last read, in the
        order given.

        Cost: the invocation list has no filter, so each round reads every unfinished
        invocation with its own GET (up to eight at once): 10 running invocations cost 10
        requests per round. Rounds are spaced as in ``jobs.wait`` (longer while nothing
        changes, short again after a change); ``timeout`` bounds the whole wait
        (:class:`~gc_highlevel.InvocationTimeoutError`, with ``.pending``). With
        ``raise_on_failure`` (default), a ``Failed`` or ``Cancelled`` invocation raises
        :class:`~gc_highlevel.InvocationFailedError` (with the server's ``error_message``) once
        all have finished, and cases of ``invoke`` that created no invocation raise
        :class:`~gc_highlevel.BatchError`.

        Example:
            >>> done = await endpoint.wait(invocations, timeout=600)
            >>> [i.status for i in done]
            ['Succeeded', 'Succeeded']
        """
        order = invocation_pks(invocations)
        pending = set(order)
        deadline = Deadline(timeout, clock=self._client._clock)
        backoff = poll_backoff()
        statuses: dict[uuid.UUID, str] = {}
        latest: dict[uuid.UUID, Invocation] = {}
        bar = case_bar(len(order), "invocations", progress=progress, unit="invocation")
        try:
            while pending:
                changed = False
                for invocation in await self._read(sorted(pending)):
                    latest[invocation.pk] = invocation
                    if statuses.get(invocation.pk) != invocation.status:
                        changed = True
                        statuses[invocation.pk] = invocation.status
                    if is_terminal(invocation.status) and invocation.pk in pending:
                        pending.discard(invocation.pk)
                        bar.update(1)
                        if on_finished is not None:
                            on_finished(invocation)
                bar.set_postfix_str(StatusCounts(statuses.values()).describe())
                if not pending:
                    break
                if deadline.expired():
                    counts = StatusCounts(statuses[p] for p in pending if p in statuses)
                    raise InvocationTimeoutError(
                        f"{len(pending)} of {len(order)} invocations had not finished after "
                        f"{timeout} s ({counts.describe()}). They go on on the server: wait "
                        "again with the same invocations (.pending lists them), or pass a "
                        "longer timeout",
                        pending=[latest[p] for p in sorted(pending) if p in latest],
                    )
                await self._client._sleep(deadline.clamp(backoff.next_delay(changed=changed)))
        finally:
            bar.close()
        result = [latest[pk] for pk in order]
        if raise_on_failure:
            unsuccessful = [i for i in result if i.status != "Succeeded"]
            if unsuccessful:
                raise _invocation_error(unsuccessful[0], result)
            if isinstance(invocations, BatchResult):
                invocations.raise_for_errors()
        return result

    async def _read(self, pks: Sequence[uuid.UUID]) -> list[Invocation]:
        """Every invocation in ``pks``, read with up to :data:`WAIT_CONCURRENCY` GETs at once."""
        found: list[Invocation] = []
        queue = WorkQueue(pks)

        async def worker() -> None:
            while (pk := queue.take()) is not None:
                found.append(await self._client.algorithm_invocations.get(pk))

        await AsyncGroup.run_workers(min(WAIT_CONCURRENCY, len(pks)), worker, stop=queue.stop)
        return found

    # -- outputs -----------------------------------------------------------------------------

    @staticmethod
    def outputs(invocation: Invocation) -> dict[str, HyperlinkedComponentInterfaceValue]:
        """The invocation's outputs by socket slug (``.value``, ``.image`` or ``.file``).

        Example:
            >>> endpoint.outputs(done)["lung-volume"].value
            4.2
        """
        return {socket_of(v).slug: v for v in invocation.outputs}

    async def download_outputs(
        self,
        invocations: InvocationRef | Iterable[InvocationRef] | BatchResult[Any],
        directory: str | os.PathLike[str],
        *,
        template: str = DEFAULT_TEMPLATE,
        sockets: Iterable[str] | None = None,
        image_types: Sequence[str] = ("MHD", "TIFF"),
        values: bool = True,
        overwrite: bool = False,
        progress: bool | None = None,
    ) -> list[DownloadedOutput]:
        """Download the outputs of finished invocations into ``directory``, named after their
        inputs, exactly as ``jobs.download_outputs`` names them (``template``, ``sockets``,
        ``image_types``, ``values``: see there; ``{job_pk}`` is the invocation's pk, and so is
        ``DownloadedOutput.job_pk``).

        Names come from the cases given to :meth:`invoke` (the first file's name); for other
        invocations, from the name of their first input image (one request each). Each output
        image costs one request to find its files (no image filter by invocation). Invocations
        not given as objects are waited for first.

        Example:
            >>> files = await endpoint.download_outputs(done, "out/", template="{stem}_lobes{ext}")
            >>> [f.path.name for f in files]
            ['case01_lobes.json', 'case01_lobes.mha']
        """
        check_template(template)
        wanted = wanted_sockets(sockets)
        loaded = await self._as_invocations(invocations)
        check_output_sockets(wanted, loaded)
        names = await self._input_names(loaded)
        target = Path(directory)
        target.mkdir(parents=True, exist_ok=True)
        planned: list[PlannedOutput] = []
        for invocation in loaded:
            for v in invocation.outputs:
                if wanted is None or socket_of(v).slug in wanted:
                    item = await plan_output(
                        self._client, invocation, v, names, {}, image_types, template
                    )
                    if item is not None and (item.url is not None or values):
                        planned.append(item)
        return await save_outputs(
            self._client, planned, target, overwrite=overwrite, progress=progress
        )

    async def _as_invocations(
        self, invocations: InvocationRef | Iterable[InvocationRef] | BatchResult[Any]
    ) -> list[Invocation]:
        from gc_api.models.invocation import Invocation

        if isinstance(invocations, Invocation):
            return [invocations]
        given: list[object] = (
            list(invocations)
            if isinstance(invocations, Iterable) and not isinstance(invocations, (BatchResult, str))
            else []
        )
        if given and all(isinstance(i, Invocation) for i in given):
            return [i for i in given if isinstance(i, Invocation)]
        return await self.wait(invocations, raise_on_failure=False, progress=False)

    async def _input_names(self, invocations: Sequence[Invocation]) -> dict[uuid.UUID, str]:
        names: dict[uuid.UUID, str] = {}
        for invocation in invocations:
            name = self._names.get(invocation.pk)
            if name is None:
                image = next((p for v in invocation.inputs if (p := image_pk(v.image))), None)
                name = (await self._client.images.get(image)).name if image else str(invocation.pk)
            names[invocation.pk] = name
        return names


def _same_pk(url: str, pk: uuid.UUID) -> bool:
    try:
        return pk_from_api_url(url, "algorithms/") == str(pk)
    except InvalidReferenceError:
        return False

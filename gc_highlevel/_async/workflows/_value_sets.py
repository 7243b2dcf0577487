"""Batches of value sets (archive items, display sets), made without orphans or duplicates.

:class:`ValueSetBatch` fills value sets one case at a time:

1. upload every file of the case (in parallel) and record the uploads in the journal;
2. create the empty object only now, titled with a marker recorded in the journal before the
   request (:func:`new_marker`), and record the object;
3. set all the case's values and its real title in one PATCH, and record the case as done.

A failure at any step leaves the journal pointing at what exists, so a rerun reuses the
completed uploads and the created object instead of making new ones. When the create's answer
was lost, the rerun adopts only the object titled with the case's marker: never an empty object
of another batch or user.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from gc_highlevel._async.workflows._attach import (
    STILL_IMPORTING,
    expected_sockets,
    upload_pks_by_object,
    wait_until_attached,
)
from gc_highlevel._async.workflows._batches import DEFAULT_CASE_CONCURRENCY, run_batch
from gc_highlevel._async.workflows._case_uploads import upload_case, uploads_still_usable
from gc_highlevel._async.workflows._journals import StepCallback
from gc_highlevel._async.workflows._titles import new_marker, title_taken
from gc_highlevel._concurrency import AsyncTurnstile, Awaitable
from gc_highlevel._constants import LOST_ANSWER_POLL_INITIAL_DELAY, MAX_LOST_ANSWER_POLL_DELAY
from gc_highlevel._exceptions import (
    APIConnectionError,
    APIStatusError,
    AttachError,
    ImportFailedError,
    ObjectDeletedError,
    ValuesNotAttachedError,
)
from gc_highlevel._polling import Backoff
from gc_highlevel._retry import answer_maybe_lost
from gc_highlevel.journal import DONE, Journal
from gc_highlevel.progress import ByteTally, ProgressCallback, case_bar
from gc_highlevel.socket_values import CasePlan
from gc_highlevel.workflow_types import BatchResult, CaseOutcome, StepEvent

if TYPE_CHECKING:
    from gc_api.models.component_interface_value_post_request import (
        ComponentInterfaceValuePostRequest,
    )
    from gc_highlevel._async._client import AsyncClient

T = TypeVar("T")

#: The journal step of a case whose files the server could not import (its object is free).
IMPORT_FAILED = "import-failed"
#: The journal step of a case whose object was deleted on the server (a rerun makes a new one).
OBJECT_DELETED = "object-deleted"

_log = logging.getLogger("gc_highlevel")


@dataclass
class ValueSetOps(Generic[T]):
    """How a batch makes and fills its objects (archive items or display sets).

    ``create(index, marker)`` makes an empty object titled ``marker`` and returns its pk;
    ``fill(pk, index, values)`` sets the values and the real title of case ``index`` (the
    user's, else empty) in one request and returns the server's answer; ``adopt(marker)`` finds
    the object an interrupted create titled ``marker`` (exactly that title), or None;
    ``reuse(pk, index)`` makes the object of a failed import ready for case ``index`` (its
    order...), or returns False if it is gone or holds a value the case would not overwrite
    (see :func:`refillable`). ``exists()`` says whether the target (archive, reader study)
    is still there, asked after a 404 to tell a vanished target from a vanished object.
    ``present()`` lists the target's objects (pk → sockets with a value): a rerun checks
    with it that the objects its journal records still exist.
    """

    noun: str
    create: Callable[[int, str], Awaitable[uuid.UUID]]
    fill: Callable[[uuid.UUID, int, list[ComponentInterfaceValuePostRequest]], Awaitable[T]]
    adopt: Callable[[str], Awaitable[uuid.UUID | None]]
    reuse: Callable[[uuid.UUID, int], Awaitable[bool]]
    #: Create the objects in input order (display sets are numbered as they are created).
    ordered: bool = False
    exists: Callable[[], Awaitable[bool]] | None = None
    present: Callable[[], Awaitable[dict[str, set[str]]]] | None = None


#: Seconds after which a create the server received but has not answered can no longer make
#: its object: a request's lifetime on grand-challenge (its load balancer gives up on a request
#: after 60 s). A batch that lost a create's answer looks for the object this long before it
#: creates the case's object anew, so that a slow create cannot leave a second, empty one.
LATE_CREATE_WINDOW = 60.0


def refillable(present: Iterable[str], plan: CasePlan) -> bool:
    """Whether an object holding values on ``present`` sockets can take case ``plan``: its
    fill then overwrites every one of them (nothing of another case is left behind)."""
    return set(present) <= set(plan.slugs)


class ValueSetBatch(Generic[T]):
    """Runs a batch of cases into value sets without orphans or duplicates (see module doc)."""

    def __init__(
        self,
        client: AsyncClient,
        *,
        target: str,
        journal: Journal,
        ops: ValueSetOps[T],
        on_step: StepCallback | None = None,
        byte_progress: ProgressCallback | None = None,
    ) -> None:
        self._client = client
        self._tally = ByteTally(byte_progress) if byte_progress is not None else None
        self._target = target
        self._journal = journal
        self._ops = ops
        self._on_step = on_step
        self._turnstile = AsyncTurnstile()
        # Objects an earlier run made whose import failed (empty, or holding only the values
        # that did attach), reusable by any case: (case key, pk, case name), oldest first.
        claimed = journal.claimed("pk")
        self._empty = [
            (e.key, str(e.ids["empty"]), str(e.ids.get("name", "")))
            for e in sorted(journal.entries(), key=lambda e: e.updated)
            if e.step == IMPORT_FAILED and e.ids.get("empty") and e.ids["empty"] not in claimed
        ]

    def _record(self, index: int, name: str, key: str, step: str, **ids: Any) -> None:
        entry = self._journal.record(key, step, **ids)
        if self._on_step is not None:
            self._on_step(StepEvent(index, name, step, dict(entry.ids)))

    async def _uploads(self, index: int, plan: CasePlan, key: str) -> dict[str, list[str]]:
        entry = self._journal.get(key)
        recorded = entry.ids.get("uploads") if entry is not None else None
        if isinstance(recorded, dict) and await uploads_still_usable(self._client, recorded):
            return {str(k): [str(u) for u in v] for k, v in recorded.items()}
        kept = entry.ids.get("partial") if entry is not None else None

        def on_partial(partial: dict[str, str]) -> None:
            self._record(index, plan.name, key, "uploading", partial=partial)

        uploads = await upload_case(
            self._client,
            plan,
            partial=kept if isinstance(kept, dict) else None,
            on_partial=on_partial,
            tally=self._tally,
        )
        self._record(index, plan.name, key, "uploaded", uploads=uploads, partial={})
        return uploads

    async def _object(self, index: int, plan: CasePlan, key: str) -> uuid.UUID:
        entry = self._journal.get(key)
        if entry is not None and entry.ids.get("pk"):
            return uuid.UUID(str(entry.ids["pk"]))
        marker = entry.ids.get("marker") if entry is not None else None
        if entry is not None and entry.step == "creating" and isinstance(marker, str) and marker:
            # The create's answer was lost: the object carrying this case's marker is the
            # case's, whatever else is (still) empty in the target. A slow create may still
            # land: it is waited for until no request sent then can still be running; None:
            # it never arrived, and the case's object is made anew (with the same marker).
            adopted = await self._adopt_late(marker, entry.updated)
            if adopted is not None:
                self._record(index, plan.name, key, "created", pk=str(adopted), adopted=True)
                return adopted
            return await self._create(index, plan, key, marker)
        # The object of a failed import: fill it, make none. The same case's first (its name,
        # e.g. the file fixed in place), else the oldest, so that display sets keep their order.
        candidates = sorted(self._empty, key=lambda e: e[2] != plan.name)
        for candidate in candidates:
            old_key, empty, _ = candidate
            if empty in self._journal.claimed("pk") or candidate not in self._empty:
                continue
            self._empty.remove(candidate)
            if await self._ops.reuse(uuid.UUID(empty), index):
                self._journal.record(old_key, IMPORT_FAILED, empty="")
                self._record(index, plan.name, key, "created", pk=empty, reused=True)
                return uuid.UUID(empty)
            self._empty.append(candidate)  # another case may overwrite all its values
        return await self._create(index, plan, key, new_marker())

    async def _adopt(self, marker: str) -> uuid.UUID | None:
        """The object titled ``marker`` unless the journal gives it to another case."""
        adopted = await self._ops.adopt(marker)
        if adopted is None or str(adopted) in self._journal.claimed("pk"):
            return None
        return adopted

    async def _adopt_late(self, marker: str, sent_at: float) -> uuid.UUID | None:
        """The object titled ``marker``, looked for until a create sent at ``sent_at`` (wall
        clock) can no longer land (:data:`LATE_CREATE_WINDOW`); None if it did not."""
        backoff = Backoff(
            initial=LOST_ANSWER_POLL_INITIAL_DELAY, maximum=MAX_LOST_ANSWER_POLL_DELAY
        )
        while True:
            adopted = await self._adopt(marker)
            left = sent_at + LATE_CREATE_WINDOW - time.time()
            if adopted is not None or left <= 0:
                return adopted
            await self._client._sleep(min(left, backoff.next_delay(changed=False)))

    async def _create(self, index: int, plan: CasePlan, key: str, marker: str) -> uuid.UUID:
        """Create the case's object titled ``marker``, exactly once: an answer lost on the way
        is looked for (by its marker, until the create can no longer land) and, not found, the
        create is sent once more with the same marker."""
        for attempt in (1, 2):
            sent_at = time.time()
            self._record(index, plan.name, key, "creating", marker=marker)  # before the request
            try:
                pk = await self._ops.create(index, marker)
                break
            except APIStatusError as exc:
                if exc.status_code == 400 and title_taken(exc):
                    adopted = await self._adopt(marker)  # an earlier create with it landed
                    if adopted is not None:
                        self._record(
                            index, plan.name, key, "created", pk=str(adopted), adopted=True
                        )
                        return adopted
                if 400 <= exc.status_code < 500 and exc.status_code != 429:
                    # the server refused it: nothing was created, so a rerun adopts nothing
                    self._record(index, plan.name, key, "refused")
                if attempt == 2 or not answer_maybe_lost(exc):
                    raise
            except APIConnectionError as exc:
                if attempt == 2 or not answer_maybe_lost(exc):
                    raise
            adopted = await self._adopt_late(marker, sent_at)  # the answer was lost
            if adopted is not None:
                self._record(index, plan.name, key, "created", pk=str(adopted), adopted=True)
                return adopted
        self._record(index, plan.name, key, "created", pk=str(pk))
        return pk

    async def _object_in_turn(self, index: int, plan: CasePlan, key: str) -> uuid.UUID:
        """The case's object; with ``ordered`` ops, created only after every earlier case's."""
        if not self._ops.ordered:
            return await self._object(index, plan, key)
        await self._turnstile.wait_turn(index)
        try:
            return await self._object(index, plan, key)
        finally:
            await self._turnstile.done(index)

    async def run_case(self, index: int, plan: CasePlan) -> CaseOutcome[T]:
        """One case: uploads, then the empty object, then all values at once."""
        key = plan.fingerprint(self._target)
        entry = self._journal.get(key)
        if entry is not None and entry.done and "pk" in entry.ids:
            done_pk = uuid.UUID(str(entry.ids["pk"]))
            return CaseOutcome(index, plan.name, key, pk=done_pk, skipped=True)
        pk: uuid.UUID | None = None
        try:
            uploads = await self._uploads(index, plan, key) if plan.upload_count else {}
            pk = await self._object_in_turn(index, plan, key)
            filled = await self._ops.fill(pk, index, plan.requests(uploads))
            self._record(index, plan.name, key, DONE, pk=str(pk))
        except Exception as exc:
            return CaseOutcome(index, plan.name, key, pk=pk, error=exc)
        return CaseOutcome(index, plan.name, key, pk=pk, created=filled)

    async def _forget_deleted(self, plans: Sequence[CasePlan]) -> None:
        """Forget the objects the journal records for ``plans`` that were deleted on the
        server since (one listing of the target, only when the journal records any), so that
        their cases make new ones instead of skipping a case whose object is gone or filling
        an object that no longer exists.

        Nothing is forgotten when the target itself is gone (or no longer visible): the batch
        then stops on its first case (``target-gone``) and a later rerun finds the objects.
        """
        if self._ops.present is None:
            return
        recorded: dict[str, tuple[int, str, str]] = {}
        for index, plan in enumerate(plans):
            key = plan.fingerprint(self._target)
            entry = self._journal.get(key)
            pk = entry.ids.get("pk") if entry is not None else None
            if pk:
                recorded[key] = (index, plan.name, str(pk))
        if not recorded:
            return
        present = await self._ops.present()
        deleted = {k: v for k, v in recorded.items() if v[2] not in present}
        empties = [e for e in self._empty if e[1] not in present]
        if not deleted and not empties:
            return
        if self._ops.exists is not None and not await self._ops.exists():
            return
        noun = self._ops.noun
        for key, (index, name, pk) in deleted.items():
            _log.warning(
                "case %r: its %s %s was deleted on the server; making a new one", name, noun, pk
            )
            self._record(index, name, key, OBJECT_DELETED, pk="", uploads=None, deleted=pk)
        for empty in empties:  # an item of a failed import, deleted: nothing to refill
            self._journal.record(empty[0], IMPORT_FAILED, empty="")
            self._empty.remove(empty)

    async def run(
        self,
        plans: Sequence[CasePlan],
        *,
        concurrency: int = DEFAULT_CASE_CONCURRENCY,
        progress: bool | None = None,
        description: str = "cases",
    ) -> BatchResult[T]:
        """Every case, ``concurrency`` at a time; outcomes in input order.

        Objects the journal records that were deleted on the server meanwhile are made
        again (see :meth:`_forget_deleted`): one object per case in the end.
        """
        await self._forget_deleted(plans)

        async def run_case(index: int, plan: CasePlan) -> CaseOutcome[T]:
            try:
                return await self.run_case(index, plan)
            finally:
                await self._turnstile.done(index)  # a skipped or failed case: let others on

        return await run_batch(
            plans,
            run_case,
            key_of=lambda plan: plan.fingerprint(self._target),
            concurrency=concurrency,
            bar=case_bar(len(plans), description, progress=progress),
            what=self._ops.noun,
            target_exists=self._ops.exists,
        )

    async def settle(
        self,
        result: BatchResult[T],
        plans: Sequence[CasePlan],
        list_values: Callable[[], Awaitable[dict[str, set[str]]]],
        *,
        timeout: float | None,
    ) -> BatchResult[T]:
        """Wait until the server has attached every case's files; mark the cases it could not.

        A case whose import failed gets an :class:`ImportFailedError` (with the server's
        message), and its empty object is recorded as free, so that a rerun (after fixing the
        file) fills it rather than making another. A case still missing values after
        ``timeout`` gets a :class:`ValuesNotAttachedError` (the server may still be importing).
        A case whose object is deleted on the server while waiting (it leaves the listing)
        gets an :class:`ObjectDeletedError` at once, and the journal forgets that object, so
        that a rerun makes a new one.
        """
        report = await wait_until_attached(
            self._client,
            list_values,
            expected_sockets(result, plans),
            timeout=timeout,
            clock=self._client._clock,
            uploads=upload_pks_by_object(self._journal, result),
        )
        if not report.failed and not report.missing and not report.gone:
            return result
        noun = self._ops.noun
        # Every object missing at once means the target went (or became invisible): then
        # the journal keeps them, and a rerun stops on the target instead of re-creating.
        target_gone = bool(report.gone) and (
            self._ops.exists is not None and not await self._ops.exists()
        )
        outcomes: list[CaseOutcome[T]] = []
        for o in result:
            pk = str(o.pk) if o.pk is not None else ""
            error: AttachError | ObjectDeletedError | None = None
            if o.ok and pk in report.gone:
                if target_gone:
                    error = ObjectDeletedError(
                        f"case {o.name!r}: its {noun} {pk} is gone from the server, with the "
                        f"{self._target.split(':', 1)[0]} itself (or you may no longer see it)",
                        case=o.name,
                        pk=pk,
                        noun=noun,
                    )
                else:
                    error = ObjectDeletedError(
                        f"case {o.name!r}: its {noun} {pk} was deleted on the server while its "
                        f"files ({', '.join(report.gone[pk])}) were being imported; rerun the "
                        f"batch to make a new {noun} for it",
                        case=o.name,
                        pk=pk,
                        noun=noun,
                    )
                    self._journal.record(o.key, OBJECT_DELETED, pk="", uploads=None, deleted=pk)
            elif o.ok and pk in report.failed:
                message = report.failed[pk]
                lacking = ", ".join(report.missing[pk])
                error = ImportFailedError(
                    f"the server could not import the files of case {o.name!r} "
                    f"({lacking}): {message}. Its {noun} {pk} stays, without {lacking} (the API "
                    f"cannot delete it); fix the file and rerun the batch: the same {noun} is "
                    "filled then",
                    missing={pk: report.missing[pk]},
                    errors={pk: message},
                )
                self._journal.record(
                    o.key, IMPORT_FAILED, pk="", uploads=None, empty=pk, name=o.name
                )
            elif o.ok and pk in report.missing:
                error = ValuesNotAttachedError(
                    f"case {o.name!r}: {noun} {pk} still lacks "
                    f"{', '.join(report.missing[pk])} after {timeout} s. {STILL_IMPORTING}",
                    missing={pk: report.missing[pk]},
                )
            outcomes.append(o if error is None else replace(o, error=error))
        settled = BatchResult(outcomes, what=result.what)
        settled.algorithm_pk = result.algorithm_pk
        return settled

"""``client.evaluations.evaluate_external``: be a challenge's external evaluator in one call.

Each evaluation is claimed, evaluated by your function and reported exactly once, also when an
answer is lost or an earlier run stopped half way:

* **claim, answer lost**: the claim is sent again. "one at a time" means the first one landed
  (you held nothing before it); "only pending" means someone holds it, and a no-op update tells
  whether that is you (grand-challenge checks who holds an evaluation before it reads the
  update, and refuses a ``Failed`` without a message without changing anything: 400 for its
  holder, 403 for anyone else).
* **report, answer lost**: sent again; "You need to claim..." means the first one landed, and the
  evaluation's status is read back.
* **an earlier run claimed and stopped**: grand-challenge lets you hold one evaluation; when a
  claim is refused for that, the one you hold is found among the phase's evaluations (the same
  no-op update confirms it is yours) and evaluated first.
"""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from gc_api.models.evaluation import Evaluation
from gc_api.models.external_evaluation import ExternalEvaluation
from gc_api.models.external_evaluation_update import ExternalEvaluationUpdate
from gc_api.models.patched_external_evaluation_update_request import (
    PatchedExternalEvaluationUpdateRequest,
)
from gc_highlevel._async.resources.evaluations import (
    CLAIMED,
    MAX_ERROR_MESSAGE,
    AsyncEvaluations,
    check_metrics,
    phase_pk_of,
)
from gc_highlevel._async.workflows._batches import finish
from gc_highlevel._concurrency import Awaitable
from gc_highlevel._exceptions import (
    APIConnectionError,
    APIStatusError,
    BadRequestError,
    BatchError,
    GCError,
    InvalidArgumentError,
    PermissionDeniedError,
)
from gc_highlevel._retry import answer_maybe_lost
from gc_highlevel._validate import check_count
from gc_highlevel.progress import case_bar
from gc_highlevel.workflow_types import BatchResult, CaseOutcome

T = TypeVar("T")

#: What ``evaluate`` returns: the evaluation's metrics, a JSON object.
Metrics = Mapping[str, Any]

_ONE_AT_A_TIME = "one evaluation at a time"
_NOT_PENDING = "only claim pending"
_NOT_CLAIMED = "need to claim"
#: Sends of one claim or report: the first, and resends after lost answers.
_SENDS = 3


def _says(exc: APIStatusError, text: str) -> bool:
    return text in str(exc.body)


def _failure_message(exc: Exception) -> str:
    text = f"{type(exc).__name__}: {exc}"
    return text if len(text) <= MAX_ERROR_MESSAGE else text[: MAX_ERROR_MESSAGE - 3] + "..."


def _held(evaluation: Evaluation, phase_pk: str) -> ExternalEvaluation:
    """An evaluation an earlier run claimed, in the shape ``evaluate`` receives (the API shows
    its claimer only to a claim; its algorithm image only by ``api_url``)."""
    data = evaluation.to_dict()
    data.update(
        algorithm_model=None,
        algorithm_image={"api_url": evaluation.submission.algorithm_image},
        phase_pk=phase_pk,
    )
    return ExternalEvaluation.from_dict(data)


class AsyncEvaluationWorkflows(AsyncEvaluations):
    """``client.evaluations``: the evaluations resource plus :meth:`evaluate_external`."""

    async def evaluate_external(
        self,
        evaluate: Callable[[ExternalEvaluation], Awaitable[Metrics]],
        *,
        phase: uuid.UUID | str | None = None,
        limit: int | None = None,
        progress: bool | None = None,
        raise_on_error: bool = True,
    ) -> BatchResult[ExternalEvaluationUpdate]:
        """Claim, evaluate and report every evaluation you may claim (of ``phase``), one at a
        time, until none is left (or ``limit`` were done).

        ``evaluate`` gets the claimed :class:`ExternalEvaluation` (its submission, phase and
        ``algorithm_image``) and returns the metrics (a JSON object), reported ``Succeeded``;
        an exception it raises is reported ``Failed`` with its type and message (what the
        participant reads; at most 1024 characters) and recorded in the result, and the next
        evaluation follows. Metrics that are not JSON are a failure too, reported before the
        next claim. Each evaluation is claimed and reported once, also after lost answers or a
        stopped run (see the module): when nothing is left to claim, the run looks once through
        the evaluations you can see for one an earlier run holds (pass ``phase`` to keep that
        pass to one phase). Returns one outcome per evaluation, in the order done;
        if ``evaluate`` raised for any, :class:`~gc_highlevel.BatchError` is raised once every
        other evaluation is done, with the result as ``.result`` (``raise_on_error=False``
        returns it instead).

        Example:
            >>> async def score(evaluation):
            ...     return {"dice": 0.91}
            >>> result = await client.evaluations.evaluate_external(score, phase=phase_pk)
            >>> [o.created.status for o in result]
            [<"Succeeded": 'Succeeded'>, <"Succeeded": 'Succeeded'>]
        """
        what = "evaluations.evaluate_external()"
        if not callable(evaluate):
            raise InvalidArgumentError(
                f"{what}: evaluate must be a function of the claimed evaluation that returns "
                f"its metrics, got {type(evaluate).__name__}"
            )
        most = None if limit is None else check_count(f"{what}: limit", limit)
        given = phase_pk_of(phase, what)
        phase_pk = None if given is None else str(given)
        outcomes: builtins.list[CaseOutcome[ExternalEvaluationUpdate]] = []
        bar = case_bar(0, "evaluations", progress=progress, unit="evaluation")
        advice = "each was reported Failed with its error"
        try:
            while most is None or len(outcomes) < most:
                try:
                    claimed = await self._next_claim(phase_pk)
                except GCError as exc:
                    if not outcomes:
                        raise
                    done = BatchResult(outcomes, what="evaluation", advice=advice)
                    raise BatchError(
                        f"Stopped after {len(outcomes)} evaluations (the result says which; "
                        f"those are reported): {exc}",
                        result=done,  # type: ignore[arg-type]
                    ) from exc
                if claimed is None:
                    break
                outcomes.append(await self._run_one(len(outcomes), claimed, evaluate))
                bar.update()
        finally:
            bar.close()
        result = BatchResult(outcomes, what="evaluation", advice=advice)
        return finish(result, raise_on_error=raise_on_error)

    # -- one evaluation ------------------------------------------------------------------------
    async def _run_one(
        self,
        index: int,
        claimed: ExternalEvaluation,
        evaluate: Callable[[ExternalEvaluation], Awaitable[Metrics]],
    ) -> CaseOutcome[ExternalEvaluationUpdate]:
        name = f"{claimed.submission.creator.username} ({claimed.pk})"
        try:
            metrics = check_metrics(await evaluate(claimed), "the metrics evaluate() returned")
        except Exception as exc:
            failed = PatchedExternalEvaluationUpdateRequest(
                status="Failed", error_message=_failure_message(exc)
            )
            await self._report(claimed.pk, failed)
            return CaseOutcome(index, name, str(claimed.pk), claimed.pk, error=exc)
        succeeded = PatchedExternalEvaluationUpdateRequest(status="Succeeded", metrics=metrics)
        done = await self._report(claimed.pk, succeeded)
        return CaseOutcome(index, name, str(claimed.pk), claimed.pk, created=done)

    # -- claiming exactly once -----------------------------------------------------------------
    async def _next_claim(self, phase_pk: str | None) -> ExternalEvaluation | None:
        """The next evaluation this user holds: claimed now, or by an earlier run."""
        while True:
            candidates = await self.claimable(phase=phase_pk)
            if not candidates:
                return await self._find_held(phase_pk)
            candidate = candidates[-1]  # the oldest: first come, first evaluated
            try:
                claimed = await self._claim_once(candidate)
            except BadRequestError as exc:
                if not _says(exc, _ONE_AT_A_TIME):
                    raise
                held = await self._find_held(phase_pk)
                if held is None:
                    raise BadRequestError(
                        f"{exc} grand-challenge refuses a claim from a user who has claimed "
                        "an evaluation before, even one reported since (it counts every "
                        "evaluation the user ever claimed); none is held now. Use another "
                        "external evaluator account for the next evaluation, or ask the "
                        "challenge's support to release the claim.",
                        response=exc.response,  # type: ignore[arg-type]
                        body=exc.body,
                    ) from exc
                return held
            if claimed is not None:
                return claimed
            # someone else claimed it between the list and the claim: list again

    async def _answered(
        self,
        send: Callable[[], Awaitable[T]],
        refused: Callable[[BadRequestError, bool], Awaitable[T]],
    ) -> T:
        """What ``send()`` answers, sent again while its answer is lost (the server may have
        acted); a 400 goes to ``refused(error, resent)``, which tells from the refusal of a
        resend whether the first send landed, and returns the outcome or raises."""
        for attempt in range(_SENDS):
            try:
                return await send()
            except BadRequestError as exc:
                return await refused(exc, attempt > 0)
            except (APIConnectionError, APIStatusError) as exc:
                if attempt == _SENDS - 1 or not answer_maybe_lost(exc):
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    async def _claim_once(self, candidate: ExternalEvaluation) -> ExternalEvaluation | None:
        """Claim ``candidate``; None when another evaluator holds it."""

        async def refused(exc: BadRequestError, resent: bool) -> ExternalEvaluation | None:
            if resent and _says(exc, _ONE_AT_A_TIME):
                return candidate  # the lost claim landed: we held nothing before it
            if _says(exc, _NOT_PENDING):
                # someone holds it: after a lost answer, maybe us
                return candidate if resent and await self._is_mine(candidate.pk) else None
            raise exc

        return await self._answered(lambda: self.claim(candidate.pk), refused)

    async def _is_mine(self, pk: uuid.UUID) -> bool:
        """Whether this user holds claimed evaluation ``pk``, with an update the server refuses
        without changing anything (a ``Failed`` without a message), so safe to send again."""
        probe = PatchedExternalEvaluationUpdateRequest(status="Failed")

        async def send() -> bool:
            try:
                await self._update(pk, probe)
            except PermissionDeniedError:
                return False
            raise AssertionError(  # pragma: no cover
                "grand-challenge accepted a Failed report without an error message"
            )

        async def refused(exc: BadRequestError, resent: bool) -> bool:
            return not _says(exc, _NOT_CLAIMED)

        return await self._answered(send, refused)

    async def _find_held(self, phase_pk: str | None) -> ExternalEvaluation | None:
        """The claimed evaluation this user holds (an earlier run stopped before reporting)."""
        async for evaluation in self.list(phase=phase_pk):
            if evaluation.status == CLAIMED and await self._is_mine(evaluation.pk):
                held_phase = phase_pk or await self._phase_of(evaluation)
                return _held(evaluation, held_phase)
        return None

    async def _phase_of(self, evaluation: Evaluation) -> str:
        """The pk of ``evaluation``'s phase (the API names it by slug): the phase of a claimable
        evaluation of the same challenge phase, else an empty string."""
        sub_phase = evaluation.submission.phase
        for other in await self.claimable():
            if (
                other.submission.phase.slug == sub_phase.slug
                and other.submission.phase.challenge.short_name == sub_phase.challenge.short_name
            ):
                return other.phase_pk
        return ""

    # -- reporting exactly once ----------------------------------------------------------------
    async def _report(
        self, pk: uuid.UUID, body: PatchedExternalEvaluationUpdateRequest
    ) -> ExternalEvaluationUpdate:
        async def refused(exc: BadRequestError, resent: bool) -> ExternalEvaluationUpdate:
            if resent and _says(exc, _NOT_CLAIMED):
                landed = await self._landed(pk, body)
                if landed is not None:
                    return landed
            raise exc

        return await self._answered(lambda: self._update(pk, body), refused)

    async def _landed(
        self, pk: uuid.UUID, body: PatchedExternalEvaluationUpdateRequest
    ) -> ExternalEvaluationUpdate | None:
        """The report whose answer was lost, if the evaluation shows it."""
        evaluation = await self.get(pk)
        if evaluation.status != body.status:
            return None
        return ExternalEvaluationUpdate.from_dict(body.to_dict())

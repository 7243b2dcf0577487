"""``client.evaluations``: challenge evaluations, and the calls of external evaluation.

A phase evaluated *externally* leaves its submissions' evaluations ``Queued`` on
grand-challenge for the challenge's external evaluators: one lists them
(:meth:`~AsyncEvaluations.claimable`), claims one (:meth:`~AsyncEvaluations.claim`; one at a
time per user), runs the evaluation wherever it likes and reports metrics or an error
(:meth:`~AsyncEvaluations.report_success`, :meth:`~AsyncEvaluations.report_failure`).
``client.evaluations.evaluate_external`` does all of it in one call.
"""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Mapping
from typing import Any

from gc_api.api.evaluations import (
    evaluations_claim_partial_update,
    evaluations_claimable_evaluations_retrieve,
    evaluations_list,
    evaluations_retrieve,
    evaluations_update_external_evaluation_partial_update,
)
from gc_api.models.evaluation import Evaluation
from gc_api.models.external_evaluation import ExternalEvaluation
from gc_api.models.external_evaluation_update import ExternalEvaluationUpdate
from gc_api.models.paginated_evaluation_list import PaginatedEvaluationList
from gc_api.models.patched_external_evaluation_request import PatchedExternalEvaluationRequest
from gc_api.models.patched_external_evaluation_update_request import (
    PatchedExternalEvaluationUpdateRequest,
)
from gc_highlevel._async._pagination import AsyncPaginator
from gc_highlevel._async._resource import AsyncAPIResource
from gc_highlevel._exceptions import InvalidArgumentError
from gc_highlevel._references import Ref, describe, pk_of, to_uuid
from gc_highlevel._utils import unset
from gc_highlevel.socket_values._plain_json import JSONProblem, dump_plain_json

#: The longest ``error_message`` grand-challenge stores for a failed evaluation.
MAX_ERROR_MESSAGE = 1024

#: ``Evaluation.status`` of an evaluation an external evaluator holds (claimed, not reported).
CLAIMED = "External Execution In Progress"


def phase_pk_of(phase: object, what: str) -> uuid.UUID | None:
    """A phase reference: its pk (a UUID or its string), or an object with ``phase_pk``."""
    if phase is None:
        return None
    value = getattr(phase, "phase_pk", phase)
    if isinstance(value, (str, uuid.UUID)):
        return to_uuid(value, what=f"{what}: phase")
    raise InvalidArgumentError(
        f"{what}: phase= is the phase's pk (a UUID; an evaluation's phase_pk), got {value!r}"
    )


def check_metrics(metrics: object, what: str) -> dict[str, Any]:
    """Metrics as grand-challenge stores them: a JSON object (``metrics-json-file``), checked
    as socket values are (:func:`~gc_highlevel.socket_values._plain_json.dump_plain_json`).

    Example:
        >>> check_metrics({"dice": 0.91}, "report_success()")
        {'dice': 0.91}
    """
    if not isinstance(metrics, Mapping):
        raise InvalidArgumentError(
            f"{what}: metrics must be a mapping of metric names to values (a JSON object), "
            f"got {type(metrics).__name__}"
        )
    problem = dump_plain_json(metrics)
    if isinstance(problem, JSONProblem):
        if problem.too_deep:
            raise InvalidArgumentError(f"{what}: metrics are nested too deeply")
        raise InvalidArgumentError(
            f"{what}: metrics must be JSON (str keys; numbers, strings, lists, dicts, "
            f"booleans, None; no NaN or infinity): {problem.detail}"
        )
    return dict(metrics)


def check_error_message(message: object, what: str) -> str:
    if not isinstance(message, str) or not message.strip():
        raise InvalidArgumentError(f"{what}: the error message must be a non-empty string")
    if len(message) > MAX_ERROR_MESSAGE:
        raise InvalidArgumentError(
            f"{what}: the error message has {len(message)} characters; grand-challenge keeps "
            f"at most {MAX_ERROR_MESSAGE}. Shorten it (the evaluation's logs are yours to keep)"
        )
    return message


class AsyncEvaluations(AsyncAPIResource):
    """Evaluations of challenge submissions (``/api/v1/evaluations/``)."""

    noun = "evaluation"
    collection = "evaluations/"

    def list(
        self, *, phase: uuid.UUID | str | None = None, page_size: int | None = None
    ) -> AsyncPaginator[Evaluation]:
        """Evaluations visible to you, newest first, optionally of one ``phase`` (its pk).

        Challenge admins see every evaluation of their challenges, external evaluators those
        of the phases they evaluate, everyone the published ones of public phases.

        Example:
            >>> async for evaluation in client.evaluations.list(phase=phase_pk):
            ...     print(evaluation.submission.creator.username, evaluation.status)
            reader Queued
            reader Queued
        """
        phase_pk = phase_pk_of(phase, "evaluations.list()")

        async def fetch(*, offset: int, limit: int) -> PaginatedEvaluationList:
            return await self._call(
                evaluations_list.asyncio_detailed,
                submission_phase=unset(phase_pk),
                offset=offset,
                limit=limit,
            )

        return self._paginate(fetch, page_size=page_size, what=describe(self.noun, phase=phase_pk))

    async def get(self, pk: Ref | None = None, *, api_url: str | None = None) -> Evaluation:
        """One evaluation by pk (positionally) or ``api_url=``.

        Example:
            >>> evaluation = await client.evaluations.get(evaluation_pk)
            >>> evaluation.status
            'Succeeded'
        """
        value = self._lookup("evaluations.get()", pk=pk, api_url=api_url)
        assert isinstance(value, uuid.UUID)  # evaluations have no slug
        return await self._call(evaluations_retrieve.asyncio_detailed, value)

    async def claimable(
        self, *, phase: uuid.UUID | str | None = None
    ) -> builtins.list[ExternalEvaluation]:
        """The ``Queued`` evaluations you may claim as an external evaluator (of ``phase``).

        Each comes with what running it needs: the submission's ``algorithm_image`` (and
        ``algorithm_model``) and the ``phase_pk``.

        Example:
            >>> [e.status for e in await client.evaluations.claimable()]
            ['Queued', 'Queued']
        """
        phase_pk = phase_pk_of(phase, "evaluations.claimable()")
        return await self._call(
            evaluations_claimable_evaluations_retrieve.asyncio_detailed,
            submission_phase=unset(phase_pk),
        )

    async def claim(self, evaluation: Ref) -> ExternalEvaluation:
        """Claim a ``Queued`` evaluation: it is yours to run until you report it.

        grand-challenge lets a user hold one claimed evaluation at a time, and refuses a claim
        of one that is not ``Queued`` (a :class:`~gc_highlevel.BadRequestError` saying so).
        Not resent after a lost answer; ``evaluate_external`` finds out whether it landed.

        Example:
            >>> claimed = await client.evaluations.claim(evaluation_pk)
            >>> claimed.status
            'External Execution In Progress'
        """
        pk = self._pk(evaluation, "evaluations.claim()")
        return await self._call(
            evaluations_claim_partial_update.asyncio_detailed,
            pk,
            body=PatchedExternalEvaluationRequest(),
        )

    async def report_success(
        self, evaluation: Ref, metrics: Mapping[str, Any]
    ) -> ExternalEvaluationUpdate:
        """Report a claimed evaluation ``Succeeded`` with its ``metrics`` (a JSON object,
        stored as the evaluation's ``metrics-json-file`` output).

        Example:
            >>> done = await client.evaluations.report_success(claimed, {"dice": 0.91})
            >>> done.status
            <"Succeeded": 'Succeeded'>
        """
        what = "evaluations.report_success()"
        pk = self._pk(evaluation, what)
        body = PatchedExternalEvaluationUpdateRequest(
            status="Succeeded", metrics=check_metrics(metrics, what)
        )
        return await self._update(pk, body)

    async def report_failure(self, evaluation: Ref, message: str) -> ExternalEvaluationUpdate:
        """Report a claimed evaluation ``Failed``; ``message`` (at most 1024 characters) is
        what the participant reads.

        Example:
            >>> done = await client.evaluations.report_failure(claimed, "predictions missing")
            >>> done.status
            <"Failed": 'Failed'>
        """
        what = "evaluations.report_failure()"
        pk = self._pk(evaluation, what)
        body = PatchedExternalEvaluationUpdateRequest(
            status="Failed", error_message=check_error_message(message, what)
        )
        return await self._update(pk, body)

    async def _update(
        self, pk: uuid.UUID, body: PatchedExternalEvaluationUpdateRequest
    ) -> ExternalEvaluationUpdate:
        return await self._call(
            evaluations_update_external_evaluation_partial_update.asyncio_detailed,
            pk,
            body=body,
        )

    def _pk(self, evaluation: Ref, what: str) -> uuid.UUID:
        return pk_of(evaluation, self.kind, what=what)

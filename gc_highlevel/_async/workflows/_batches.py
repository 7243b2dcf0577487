"""The batch runner: every case of a batch, a few at a time, stopped by a refusal that every
case would meet (no permission, the target gone, credits spent, upload limit reached).

The cases not started then get a :class:`CaseNotStartedError` saying why and what to do
before the rerun (:func:`batch_refusal` tells such refusals from those of one case).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from gc_highlevel._concurrency import AsyncGroup, Awaitable, WorkQueue
from gc_highlevel._exceptions import (
    NON_FIELD_ERRORS,
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    CaseNotStartedError,
    NotFoundError,
    PermissionDeniedError,
    parse_field_errors,
)
from gc_highlevel.socket_values import CasePlan
from gc_highlevel.workflow_types import BatchResult, CaseOutcome

T = TypeVar("T")

#: Cases processed at once by the batch calls (each case's files upload in parallel too).
DEFAULT_CASE_CONCURRENCY = 4

#: Fields of a 400 that name the batch's target: the account may not add to it (grand-challenge
#: answers "Invalid hyperlink - Object does not exist" for a target the user cannot change).
_TARGET_FIELDS = frozenset({"archive", "reader_study", "algorithm"})
#: grand-challenge's non-field 400 on a job create once the user's credits are spent
#: (``algorithms/serializers.py``: ``JobPostSerializer.validate``, "You have run out of
#: algorithm credits"); it answers every further job the same until the credits renew.
CREDITS_SPENT = "run out of algorithm credits"
#: The 403 on presigning parts once the user's uploads fill the upload quota
#: (``uploads/views.py``), and the 400 on creating an upload beyond the uploads allowed.
UPLOAD_LIMIT = ("Upload limit reached", "too many uploads")

#: What each reason of :class:`CaseNotStartedError` tells the user to do before the rerun.
_ADVICE = {
    "permission": "Check that your account may add to the target, then rerun the batch",
    "target-gone": "The target no longer exists (or you may no longer see it); rerun the batch "
    "once it is back, or add the cases elsewhere",
    "credits": "Your algorithm credits are spent: rerun the batch once they renew (monthly) "
    "or after the algorithm's editors granted you more",
    "quota": "Your upload limit is reached (it counts your uploads still on the server, which "
    "it deletes once imported, or a day after they were made): rerun the batch once they are "
    "gone",
}


def _causes(error: BaseException) -> list[BaseException]:
    """``error`` and its causes (an upload's :class:`UploadError` carries the API's answer)."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__
    return chain


def _messages(error: APIStatusError) -> list[str]:
    return parse_field_errors(error.body).get(NON_FIELD_ERRORS, [])


def batch_refusal(error: BaseException) -> str | None:
    """Why the server would refuse every other case of the batch as it refused this one
    (a :class:`CaseNotStartedError` reason), or None for a refusal of this case alone.

    Example:
        >>> batch_refusal(ValueError("a file the server could not read")) is None
        True
    """
    for exc in _causes(error):
        if isinstance(exc, APIStatusError) and any(
            m in text for text in _messages(exc) for m in UPLOAD_LIMIT
        ):
            return "quota"
        if isinstance(exc, BadRequestError) and any(
            CREDITS_SPENT in m for m in exc.non_field_errors
        ):
            return "credits"
    if isinstance(error, (AuthenticationError, PermissionDeniedError)):
        return "permission"
    if isinstance(error, BadRequestError) and _TARGET_FIELDS & error.field_errors.keys():
        return "permission"
    return None


async def run_batch(
    plans: Sequence[CasePlan],
    run_case: Callable[[int, CasePlan], Awaitable[CaseOutcome[T]]],
    *,
    key_of: Callable[[CasePlan], str],
    concurrency: int,
    bar: Any,
    what: str,
    target_exists: Callable[[], Awaitable[bool]] | None = None,
) -> BatchResult[T]:
    """Run ``run_case`` for every case, ``concurrency`` at a time; outcomes in input order.

    A case the server refuses in a way it would refuse them all (no permission on the target,
    algorithm credits spent, upload limit reached; see :func:`batch_refusal`) stops the
    batch: the cases not started yet get a :class:`CaseNotStartedError` saying why, instead of
    each uploading its files to be refused in turn. So does a 404 when ``target_exists()``
    (one request) then says the target is gone. An exception (the process going down) starts
    no further case.
    """
    outcomes: list[CaseOutcome[T] | None] = [None] * len(plans)
    queue = WorkQueue(list(enumerate(plans)))
    refused: list[tuple[CaseOutcome[T], str]] = []

    async def reason_of(error: BaseException) -> str | None:
        reason = batch_refusal(error)
        if reason is None and isinstance(error, NotFoundError) and target_exists is not None:
            try:
                gone = not await target_exists()
            except Exception:  # the check failed too: count the 404 against this case only
                gone = False
            reason = "target-gone" if gone else None
        return reason

    async def worker() -> None:
        while (job := queue.take()) is not None:
            index, plan = job
            try:
                outcome = await run_case(index, plan)
                reason = await reason_of(outcome.error) if outcome.error is not None else None
            except BaseException:
                queue.stop()  # the process is going down: start no further case
                raise
            outcomes[index] = outcome
            if reason is not None:
                refused.append((outcome, reason))
                queue.stop()
            bar.update(1)

    try:
        await AsyncGroup.run_workers(max(1, min(concurrency, len(plans))), worker)
    finally:
        bar.close()
    if refused:
        first, reason = min(refused, key=lambda r: r[0].index)
        for index, outcome in enumerate(outcomes):
            if outcome is None:
                error = CaseNotStartedError(
                    f"not started: the server refused case {first.index} ({first.name}) in a way "
                    f"every case would be ({type(first.error).__name__}: {first.error}). "
                    f"{_ADVICE[reason]}; finished cases are not repeated",
                    reason=reason,
                    refused_index=first.index,
                    refusal=first.error,
                )
                outcomes[index] = CaseOutcome(
                    index, plans[index].name, key_of(plans[index]), pk=None, error=error
                )
    return BatchResult([o for o in outcomes if o is not None], what=what)


def finish(result: BatchResult[T], *, raise_on_error: bool) -> BatchResult[T]:
    """``result``, or :class:`~gc_highlevel.BatchError` carrying it when a case failed and
    ``raise_on_error`` (the batch calls' default: a failed batch never looks fine)."""
    if raise_on_error:
        result.raise_for_errors()
    return result

"""``/api/v1/challenges/`` and ``/api/v1/evaluations/``, external evaluation included.

As grand-challenge (``challenges/views.py::ChallengeViewSet``,
``evaluation/views/api.py::EvaluationViewSet``): challenges are looked up by their short name;
evaluations are filtered by ``submission__phase`` and visible to the challenge's admins, to its
external evaluators (phases evaluated externally) and to everyone once published in a public
phase. An external evaluator lists the ``Queued`` evaluations it may claim, claims one (one at a
time), and reports ``Succeeded`` with metrics (stored as the ``metrics-json-file`` output) or
``Failed`` with an error message.
"""

from __future__ import annotations

from typing import Any

from .. import serializers as ser
from ..api import ApiError, Ctx, forbidden, not_found, route
from ..hyperlinks import is_uuid
from ..models import (
    EVALUATION_CLAIMED,
    EVALUATION_FAILED,
    EVALUATION_PENDING,
    EVALUATION_SUCCEEDED,
    Evaluation,
    now,
)
from ..pagination import paginate
from .common import fk_filter

_EXTERNAL_STATUSES = {"Succeeded": EVALUATION_SUCCEEDED, "Failed": EVALUATION_FAILED}


@route("/api/v1/challenges/", "GET", "challenges_list")
def challenges_list(ctx: Ctx) -> Any:
    items = [c for c in ctx.state.challenges.values() if ctx.state.can_view_challenge(ctx.user, c)]
    items.sort(key=lambda c: c.created)
    return paginate(ctx, items, lambda c: ser.challenge(ctx, c))


@route("/api/v1/challenges/<slug>/", "GET", "challenges_retrieve")
def challenges_retrieve(ctx: Ctx) -> Any:
    slug = ctx.kwargs["slug"]
    for c in ctx.state.challenges.values():
        # an exact match (observed on the real server: another case is a 404)
        if c.slug == slug and ctx.state.can_view_challenge(ctx.user, c):
            return ser.challenge(ctx, c)
    raise not_found("Challenge")


def _visible(ctx: Ctx) -> list[Evaluation]:
    phases = fk_filter(ctx, "submission__phase", ctx.state.phases)
    items = [
        e
        for e in ctx.state.evaluations.values()
        if (phases is None or e.phase in phases) and ctx.state.can_view_evaluation(ctx.user, e)
    ]
    items.sort(key=lambda e: e.created, reverse=True)
    return items


@route("/api/v1/evaluations/", "GET", "evaluations_list")
def evaluations_list(ctx: Ctx) -> Any:
    return paginate(ctx, _visible(ctx), lambda e: ser.evaluation(ctx, e))


@route(
    "/api/v1/evaluations/claimable_evaluations/",
    "GET",
    "evaluations_claimable_evaluations_retrieve",
)
def evaluations_claimable(ctx: Ctx) -> Any:
    phases = fk_filter(ctx, "submission__phase", ctx.state.phases)
    items = [
        e
        for e in ctx.state.evaluations.values()
        if e.status == EVALUATION_PENDING
        and (phases is None or e.phase in phases)
        and ctx.state.can_claim_evaluation(ctx.user, e)
    ]
    items.sort(key=lambda e: e.created, reverse=True)
    return [ser.external_evaluation(ctx, e) for e in items]


def _get(ctx: Ctx) -> Evaluation:
    pk = ctx.kwargs["id"]
    e = ctx.state.evaluations.get(pk) if is_uuid(pk) else None
    if e is None or not ctx.state.can_view_evaluation(ctx.user, e):
        raise not_found("Evaluation")
    return e


@route("/api/v1/evaluations/<id>/", "GET", "evaluations_retrieve")
def evaluations_retrieve(ctx: Ctx) -> Any:
    return ser.evaluation(ctx, _get(ctx))


@route("/api/v1/evaluations/<id>/claim/", "PATCH", "evaluations_claim_partial_update")
def evaluations_claim(ctx: Ctx) -> Any:
    user = ctx.require_user()
    with ctx.state.lock:
        e = _get(ctx)
        if not ctx.state.can_claim_evaluation(user, e):
            raise forbidden()
        if e.status != EVALUATION_PENDING:
            raise ApiError(400, {"status": "You can only claim pending evaluations."})
        # As deployed (9957bfc): ``request.user.claimed_evaluations.exists()``, so every
        # evaluation the user ever claimed counts, also the ones reported since (claimed_by is
        # never cleared): a second claim is refused for good. ``State.claims_counted`` = "held"
        # models the intended check (only evaluations still claimed).
        if any(
            o.claimed_by == user.pk
            and (o.status == EVALUATION_CLAIMED or ctx.state.claims_counted == "ever")
            for o in ctx.state.evaluations.values()
        ):
            raise ApiError(400, {"status": "You can only claim one evaluation at a time."})
        e.claimed_by = user.pk
        e.claimed_at = now()
        e.status = EVALUATION_CLAIMED
        return ser.external_evaluation(ctx, e)


@route(
    "/api/v1/evaluations/<id>/update_external_evaluation/",
    "PATCH",
    "evaluations_update_external_evaluation_partial_update",
)
def evaluations_update_external(ctx: Ctx) -> Any:
    user = ctx.require_user()
    data = ctx.data_dict()
    with ctx.state.lock:
        e = _get(ctx)
        if not ctx.state.can_claim_evaluation(user, e):
            raise forbidden()
        if e.status != EVALUATION_CLAIMED:
            raise ApiError(
                400, {"status": "You need to claim an evaluation before you can update it."}
            )
        if e.claimed_by != user.pk:
            raise ApiError(403, {"status": "You do not have permission to update this evaluation."})
        status = data.get("status")
        if status not in _EXTERNAL_STATUSES:
            raise ApiError(400, {"status": ["Not a valid choice."]})
        message = data.get("error_message")
        if message is not None and (not isinstance(message, str) or len(message) > 1024):
            raise ApiError(
                400, {"error_message": ["Ensure this field has no more than 1024 characters."]}
            )
        if status == "Succeeded" and "metrics" not in data:
            raise ApiError(
                400, {"non_field_errors": ["Metrics are required for successful evaluations."]}
            )
        if status == "Failed" and "error_message" not in data:
            raise ApiError(
                400, {"non_field_errors": ["An error_message is required for failed evaluations."]}
            )
        if status == "Succeeded":
            civ = ctx.state.new_civ("metrics-json-file", value=data["metrics"])
            e.outputs["metrics-json-file"] = civ.pk
        e.status = _EXTERNAL_STATUSES[status]
        e.error_message = message or ""
        answer: dict[str, Any] = {"status": status, "error_message": e.error_message}
        if "metrics" in data:
            answer = {"metrics": data["metrics"], **answer}
        return answer

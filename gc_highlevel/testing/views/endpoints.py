"""``/api/v1/algorithms/endpoints/`` and ``…/invocations/``: on-demand inference (research §12.1).

An endpoint is a running copy of an algorithm: created ``Queued``, it becomes ``Started`` and
``Running`` through the worker (one ``job_step_seconds`` per step) and stays up for
``endpoint_lifetime_seconds`` after its creation or its last keep-alive; then it is ``Stopped``
(checked whenever it is read, so no timer keeps the worker busy). An invocation sends inputs to
a serving endpoint; the worker computes the outputs with the algorithm's function, as for jobs:
``Validating inputs`` (while uploads are imported) → ``Queued`` → ``Started`` → ``Succeeded``
(or ``Failed``; ``Cancelled`` when an input fails validation or the endpoint stops first).
Only the creator and the algorithm's editors see an endpoint or an invocation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import serializers as ser
from ..api import ApiError, Ctx, detail, not_found, route
from ..hyperlinks import DOES_NOT_EXIST, FieldError, is_uuid, parse_hyperlink
from ..models import (
    ENDPOINT_SERVING,
    Algorithm,
    Endpoint,
    Invocation,
    new_uuid,
    now,
)
from ..pagination import paginate
from ..values import apply_values, required_inputs
from .algorithms import interfaces_mismatch
from .common import INVALID_CHOICE

#: The statuses the list filter accepts (those of a serving endpoint).
STATUS_CHOICES = ("Queued", "Started", "Running")
NOT_RUNNING = "This endpoint is not running. Create a new endpoint to invoke the algorithm."


def _nfe(message: str) -> ApiError:
    return ApiError(400, {"non_field_errors": [message]})


def _endpoint(ctx: Ctx) -> Endpoint:
    pk = ctx.kwargs["id"]
    if not is_uuid(pk):
        raise detail(404, "Not found.")
    e = ctx.state.endpoints.get(pk)
    if e is None or not ctx.state.can_view_endpoint(ctx.user, e):
        raise not_found("Endpoint")
    return ctx.state.refresh_endpoint(e)


@route("/api/v1/algorithms/endpoints/", "GET", "algorithms_endpoints_list")
def endpoints_list(ctx: Ctx) -> Any:
    st = ctx.state
    status = ctx.args.get("status")
    if status not in (None, "") and status not in STATUS_CHOICES:
        raise ApiError(400, {"status": [INVALID_CHOICE.replace("That choice", str(status), 1)]})
    items = [
        st.refresh_endpoint(e) for e in st.endpoints.values() if st.can_view_endpoint(ctx.user, e)
    ]
    if status:
        items = [e for e in items if e.status == status]
    items.sort(key=lambda e: e.created)
    return paginate(ctx, items, lambda e: ser.endpoint(ctx, e))


@route("/api/v1/algorithms/endpoints/<id>/", "GET", "algorithms_endpoints_retrieve")
def endpoints_retrieve(ctx: Ctx) -> Any:
    return ser.endpoint(ctx, _endpoint(ctx))


@route("/api/v1/algorithms/endpoints/", "POST", "algorithms_endpoints_create")
def endpoints_create(ctx: Ctx) -> Any:
    user = ctx.require_user()
    st = ctx.state
    data = ctx.data_dict()
    if "algorithm" not in data:
        raise ApiError(400, {"algorithm": ["This field is required."]})
    alg: Algorithm | None
    try:
        pk = parse_hyperlink(ctx, data["algorithm"], "algorithms_retrieve")
        alg = st.algorithms.get(pk) if is_uuid(pk) else None
        if alg is None or not st.can_execute_algorithm(user, alg):
            raise FieldError(DOES_NOT_EXIST)
    except FieldError as e:
        raise ApiError(400, {"algorithm": [e.message]}) from None
    image = st.algorithm_images.get(alg.image_pk)
    if image is None or not image.is_active:
        raise _nfe("Algorithm image is not ready to be used")
    lifetime = float(ctx.gc.endpoint_lifetime_seconds)
    ep = Endpoint(
        pk=new_uuid(),
        algorithm=alg.pk,
        algorithm_image=alg.image_pk,
        creator=user.pk,
        lifetime=lifetime,
        expires=now() + dt.timedelta(seconds=lifetime),
    )
    st.endpoints[ep.pk] = ep
    ctx.gc.worker.submit(ctx.gc.tasks.endpoint_start, ep.pk, delay=ctx.gc.job_step_seconds)
    return ser.endpoint(ctx, ep), 201


@route(
    "/api/v1/algorithms/endpoints/<id>/keep_alive/",
    "PATCH",
    "algorithms_endpoints_keep_alive_partial_update",
)
def endpoints_keep_alive(ctx: Ctx) -> Any:
    ctx.require_user()
    e = _endpoint(ctx)
    if e.status not in ENDPOINT_SERVING:
        raise _nfe(NOT_RUNNING)
    e.expires = now() + dt.timedelta(seconds=e.lifetime)
    return ser.endpoint(ctx, e)


# -- invocations ------------------------------------------------------------------------------
def _visible_invocation(ctx: Ctx, i: Invocation) -> Invocation:
    ctx.state.refresh_endpoint(ctx.state.endpoints[i.endpoint])  # may cancel a queued one
    return i


@route("/api/v1/algorithms/invocations/", "GET", "algorithms_invocations_list")
def invocations_list(ctx: Ctx) -> Any:
    st = ctx.state
    items = [
        _visible_invocation(ctx, i)
        for i in st.invocations.values()
        if st.can_view_invocation(ctx.user, i)
    ]
    items.sort(key=lambda i: i.created)
    return paginate(ctx, items, lambda i: ser.invocation(ctx, i))


@route("/api/v1/algorithms/invocations/<id>/", "GET", "algorithms_invocations_retrieve")
def invocations_retrieve(ctx: Ctx) -> Any:
    pk = ctx.kwargs["id"]
    if not is_uuid(pk):
        raise detail(404, "Not found.")
    i = ctx.state.invocations.get(pk)
    if i is None or not ctx.state.can_view_invocation(ctx.user, i):
        raise not_found("Invocation")
    return ser.invocation(ctx, _visible_invocation(ctx, i))


@route("/api/v1/algorithms/invocations/", "POST", "algorithms_invocations_create")
def invocations_create(ctx: Ctx) -> Any:
    user = ctx.require_user()
    st = ctx.state
    data = ctx.data_dict()
    errors: dict[str, Any] = {}
    e: Endpoint | None = None
    if "endpoint" not in data:
        errors["endpoint"] = ["This field is required."]
    else:
        try:
            pk = parse_hyperlink(ctx, data["endpoint"], "algorithms_endpoints_retrieve")
            e = st.endpoints.get(pk) if is_uuid(pk) else None
            if (
                e is None
                or not st.can_view_endpoint(user, e)
                or not st.can_execute_algorithm(user, st.algorithms[e.algorithm])
            ):
                raise FieldError(DOES_NOT_EXIST)
        except FieldError as exc:
            errors["endpoint"] = [exc.message]
    pending = required_inputs(ctx, data, errors)
    if errors:
        raise ApiError(400, errors)
    assert e is not None
    if st.refresh_endpoint(e).status not in ENDPOINT_SERVING:
        raise _nfe(NOT_RUNNING)
    alg = st.algorithms[e.algorithm]
    mismatch = interfaces_mismatch(ctx, alg, pending)
    if mismatch is not None:
        raise _nfe(mismatch)
    inv = Invocation(pk=new_uuid(), endpoint=e.pk, algorithm=alg.pk, creator=user.pk)
    st.invocations[inv.pk] = inv
    inv.pending_inputs = apply_values(ctx, ("invocation", inv.pk), inv.inputs, pending)
    body = ser.invocation_post(ctx, inv)
    if inv.pending_inputs == 0:
        ctx.gc.worker.submit(ctx.gc.tasks.invocation_queue, inv.pk)
    return body, 201

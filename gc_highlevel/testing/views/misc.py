"""Small endpoints: ``gcapi/`` version, ``profiles/users/self/``, ``components/interfaces/``."""

from __future__ import annotations

from typing import Any

from .. import serializers as ser
from ..api import Ctx, detail, not_authenticated, not_found, route
from ..pagination import paginate
from .common import slug_filter

LATEST_GCAPI = "0.13.2"
LOWEST_GCAPI = "0.13.0"


@route("/api/v1/gcapi/", "GET", "gcapi_retrieve")
def gcapi(ctx: Ctx) -> Any:
    return {"latest_version": LATEST_GCAPI, "lowest_supported_version": LOWEST_GCAPI}


@route("/api/v1/profiles/users/self/", "GET", "profiles_users_self_retrieve")
def profile_self(ctx: Ctx) -> Any:
    if ctx.user.is_anonymous:
        raise not_authenticated()
    return ser.profile(ctx, ctx.user)


def _require_registered(ctx: Ctx) -> None:
    # grandchallenge.api.permissions.IsAuthenticated rejects the AnonymousUser
    if ctx.user.is_anonymous:
        raise not_authenticated()


@route("/api/v1/components/interfaces/", "GET", "components_interfaces_list")
def interfaces_list(ctx: Ctx) -> Any:
    _require_registered(ctx)
    items = slug_filter(ctx, sorted(ctx.state.sockets.values(), key=lambda s: s.pk))
    return paginate(ctx, items, lambda s: ser.socket(ctx, s))


@route("/api/v1/components/interfaces/<id>/", "GET", "components_interfaces_retrieve")
def interfaces_retrieve(ctx: Ctx) -> Any:
    _require_registered(ctx)
    try:
        pk = int(ctx.kwargs["id"])
    except ValueError:
        raise detail(404, "Not found.") from None
    for s in ctx.state.sockets.values():
        if s.pk == pk:
            return ser.socket(ctx, s)
    raise not_found("ComponentInterface")


@route("/api/schema/", "GET", "api_schema_retrieve")
def api_schema(ctx: Ctx) -> Any:
    """The live OpenAPI document (the vendored, unpatched schema, as the server serves it)."""
    from werkzeug.wrappers import Response

    from ..contract import find_schema

    patched = find_schema()
    raw = patched.with_name("grand-challenge.schema.json")
    data = (raw if raw.exists() else patched).read_bytes()
    return Response(data, status=200, content_type="application/vnd.oai.openapi+json")


@route("/api/v1/", "GET", "api_root")
def api_root(ctx: Ctx) -> Any:
    """DRF's API root: ``IsAdminUser``, so 401 anonymously and 403 for ordinary users."""
    if ctx.user.is_anonymous:
        raise not_authenticated()
    from ..api import forbidden

    raise forbidden()


def _empty_list(ctx: Ctx) -> Any:
    return paginate(ctx, [], lambda x: x)


def _register_empty(path: str, list_op: str, model: str, lookup: str = "id") -> None:
    """Resources the seeds do not use: an empty list and 404 details (real shapes)."""
    route(path, "GET", list_op)(_empty_list)

    def retrieve(ctx: Ctx) -> Any:
        raise not_found(model)

    route(f"{path}<{lookup}>/", "GET", list_op.replace("_list", "_retrieve"))(retrieve)


for _path, _op, _model, _lookup in (
    ("/api/v1/workstations/", "workstations_list", "Workstation", "id"),
    ("/api/v1/workstations/configs/", "workstations_configs_list", "WorkstationConfig", "id"),
    ("/api/v1/workstations/sessions/", "workstations_sessions_list", "Session", "id"),
    ("/api/v1/workstations/feedback/", "workstations_feedback_list", "Feedback", "id"),
    ("/api/v1/subscriptions/", "subscriptions_list", "Follow", "id"),
):
    _register_empty(_path, _op, _model, _lookup)

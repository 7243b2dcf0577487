"""``/api/v1/notifications/``: the caller's notifications (only ``read`` is exposed)."""

from __future__ import annotations

from typing import Any

from werkzeug.wrappers import Response

from ..api import ApiError, Ctx, detail, not_found, route
from ..hyperlinks import is_uuid
from ..models import Notification
from ..pagination import paginate


def _mine(ctx: Ctx) -> Notification:
    pk = ctx.kwargs["id"]
    if not is_uuid(pk):
        raise detail(404, "Not found.")
    n = ctx.state.notifications.get(pk)
    if n is None or n.user != ctx.user.pk:
        raise not_found("Notification")
    return n


@route("/api/v1/notifications/", "GET", "notifications_list")
def notifications_list(ctx: Ctx) -> Any:
    items = sorted(
        (n for n in ctx.state.notifications.values() if n.user == ctx.user.pk),
        key=lambda n: n.created,
        reverse=True,
    )
    return paginate(ctx, items, lambda n: {"read": n.read})


@route("/api/v1/notifications/<id>/", "GET", "notifications_retrieve")
def notifications_retrieve(ctx: Ctx) -> Any:
    return {"read": _mine(ctx).read}


def _update(ctx: Ctx) -> Any:
    ctx.require_user()
    n = _mine(ctx)
    data = ctx.data_dict()
    if "read" in data:
        if not isinstance(data["read"], bool):
            raise ApiError(400, {"read": ["Must be a valid boolean."]})
        n.read = data["read"]
    return {"read": n.read}


@route("/api/v1/notifications/<id>/", "PATCH", "notifications_partial_update")
def notifications_patch(ctx: Ctx) -> Any:
    return _update(ctx)


@route("/api/v1/notifications/<id>/", "PUT", "notifications_update")
def notifications_put(ctx: Ctx) -> Any:
    return _update(ctx)


@route("/api/v1/notifications/<id>/", "DELETE", "notifications_destroy")
def notifications_destroy(ctx: Ctx) -> Any:
    ctx.require_user()
    n = _mine(ctx)
    del ctx.state.notifications[n.pk]
    return Response(status=204)

"""``/api/v1/archives/`` and ``/api/v1/archives/items/`` (research §5.3, §9)."""

from __future__ import annotations

from typing import Any

from .. import serializers as ser
from ..api import ApiError, Ctx, detail, forbidden, html_error, not_found, route
from ..hyperlinks import DOES_NOT_EXIST, FieldError, is_uuid, parse_hyperlink
from ..models import Archive, ArchiveItem, new_uuid
from ..pagination import paginate
from ..values import apply_values, validate_values
from .common import fk_filter, slug_filter


def _archive(ctx: Ctx) -> Archive:
    pk = ctx.kwargs["id"]
    if not is_uuid(pk):
        raise detail(404, "Not found.")
    a = ctx.state.archives.get(pk)
    if a is None or not ctx.state.can_view_archive(ctx.user, a):
        raise not_found("Archive")
    return a


@route("/api/v1/archives/", "GET", "archives_list")
def archives_list(ctx: Ctx) -> Any:
    items = [a for a in ctx.state.archives.values() if ctx.state.can_view_archive(ctx.user, a)]
    items = slug_filter(ctx, items)
    items.sort(key=lambda a: a.created)
    return paginate(ctx, items, lambda a: ser.archive(ctx, a))


@route("/api/v1/archives/<id>/", "GET", "archives_retrieve")
def archives_retrieve(ctx: Ctx) -> Any:
    return ser.archive(ctx, _archive(ctx))


def _archive_images(ctx: Ctx, a: Archive) -> list[Any]:
    out = []
    for item in ctx.state.archive_items.values():
        if item.archive != a.pk:
            continue
        for civ_pk in item.values.values():
            c = ctx.state.civs[civ_pk]
            if c.image:
                out.append(ctx.state.images[c.image])
    return out


@route("/api/v1/archives/<id>/patients/", "GET", "archives_patients_retrieve")
def archives_patients(ctx: Ctx) -> Any:
    a = _archive(ctx)
    seen: list[str] = []
    for img in _archive_images(ctx, a):
        if img.patient_id not in seen:
            seen.append(img.patient_id)
    return seen


@route("/api/v1/archives/<id>/studies/", "GET", "archives_studies_retrieve")
def archives_studies(ctx: Ctx) -> Any:
    a = _archive(ctx)
    patient = ctx.args.get("patient_id")
    if patient is None:
        raise detail(404, "Not found.")
    seen: list[str] = []
    for img in _archive_images(ctx, a):
        if img.patient_id == patient and img.study_description not in seen:
            seen.append(img.study_description)
    return seen


# -- items ------------------------------------------------------------------------------------
def _item(ctx: Ctx) -> ArchiveItem:
    pk = ctx.kwargs["id"]
    if not is_uuid(pk):
        raise detail(404, "Not found.")
    item = ctx.state.archive_items.get(pk)
    if item is None or not ctx.state.can_view_archive_items(
        ctx.user, ctx.state.archives[item.archive]
    ):
        raise not_found("ArchiveItem")
    return item


@route("/api/v1/archives/items/", "GET", "archives_items_list")
def archive_items_list(ctx: Ctx) -> Any:
    st = ctx.state
    items = [
        i
        for i in st.archive_items.values()
        if st.can_view_archive_items(ctx.user, st.archives[i.archive])
    ]
    archive = fk_filter(ctx, "archive", st.archives)
    if archive is not None:
        items = [i for i in items if i.archive in archive]
    return paginate(ctx, items, lambda i: ser.archive_item(ctx, i))


@route("/api/v1/archives/items/<id>/", "GET", "archives_items_retrieve")
def archive_items_retrieve(ctx: Ctx) -> Any:
    return ser.archive_item(ctx, _item(ctx))


def _check_title(ctx: Ctx, archive_pk: str, title: str, exclude: str | None = None) -> None:
    if title and any(
        i.archive == archive_pk and i.title == title and i.pk != exclude
        for i in ctx.state.archive_items.values()
    ):
        raise ApiError(
            400, {"non_field_errors": ["The fields title, archive must make a unique set."]}
        )


@route("/api/v1/archives/items/", "POST", "archives_items_create")
def archive_items_create(ctx: Ctx) -> Any:
    user = ctx.require_user()
    data = ctx.data_dict()
    if "archive" not in data:
        # ``required=False`` on the serializer: the row then fails in the database
        raise html_error(500, "Server Error (500)")
    try:
        pk = parse_hyperlink(ctx, data["archive"], "archives_retrieve")
        a = ctx.state.archives.get(pk) if is_uuid(pk) else None
        if a is None or not ctx.state.can_upload_archive(user, a):
            raise FieldError(DOES_NOT_EXIST)
    except FieldError as e:
        raise ApiError(400, {"archive": [e.message]}) from None
    title = data.get("title", "")
    if not isinstance(title, str):
        raise ApiError(400, {"title": ["Not a valid string."]})
    if "values" in data:
        validate_values(ctx, data["values"])
        if data["values"]:
            raise ApiError(400, ["Values can only be added via update"])
    _check_title(ctx, a.pk, title)
    item = ArchiveItem(pk=new_uuid(), archive=a.pk, title=title)
    ctx.state.archive_items[item.pk] = item
    return ser.archive_item(ctx, item, post=True), 201


def _update(ctx: Ctx, partial: bool) -> Any:
    ctx.require_user()
    item = _item(ctx)
    if not ctx.state.can_upload_archive(ctx.user, ctx.state.archives[item.archive]):
        raise forbidden()
    data = ctx.data_dict()
    pending = validate_values(ctx, data["values"]) if "values" in data else []
    if "archive" in data:
        try:
            pk = parse_hyperlink(ctx, data["archive"], "archives_retrieve")
            a = ctx.state.archives.get(pk) if is_uuid(pk) else None
            if a is None or not ctx.state.can_upload_archive(ctx.user, a):
                raise FieldError(DOES_NOT_EXIST)
        except FieldError as e:
            raise ApiError(400, {"archive": [e.message]}) from None
        item.archive = a.pk
    if "title" in data:
        if not isinstance(data["title"], str):
            raise ApiError(400, {"title": ["Not a valid string."]})
        _check_title(ctx, item.archive, data["title"], exclude=item.pk)
        item.title = data["title"]
    if not partial:
        listed = {p.socket.slug for p in pending}
        for slug in list(item.values):
            if slug not in listed:
                del item.values[slug]
    apply_values(ctx, ("archive_item", item.pk), item.values, pending)
    return ser.archive_item(ctx, item, post=True)


@route("/api/v1/archives/items/<id>/", "PATCH", "archives_items_partial_update")
def archive_items_patch(ctx: Ctx) -> Any:
    return _update(ctx, partial=True)


@route("/api/v1/archives/items/<id>/", "PUT", "archives_items_update")
def archive_items_put(ctx: Ctx) -> Any:
    return _update(ctx, partial=False)

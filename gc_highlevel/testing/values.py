"""Socket-value writes (``values`` of archive items/display sets, ``inputs`` of jobs), §5.2.

Validation is synchronous and gives the server's 400 bodies; values and existing images are
applied at once, uploads (images and files) go through the background worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import jsonschema  # type: ignore[import-untyped]

from .api import ApiError
from .hyperlinks import DOES_NOT_EXIST, FieldError, is_uuid, parse_hyperlink
from .models import (
    SESSION_QUEUED,
    SESSION_REQUEUED,
    UPLOAD_COMPLETED,
    VALUE_SCHEMAS,
    Socket,
    UploadSession,
    new_uuid,
)

if TYPE_CHECKING:
    from .api import Ctx

ONE_OF = (
    "['image', 'value', 'file', 'user_upload', 'upload_session', ('image_name', 'user_uploads')]"
)
KEYS = ("image", "value", "file", "user_upload", "upload_session", "user_uploads")


@dataclass
class PendingValue:
    """A validated socket value, to be applied to an object."""

    socket: Socket
    kind: str  # value | image | uploads | session | file
    value: Any = None
    image: str | None = None
    uploads: list[str] = field(default_factory=list)
    session: str | None = None
    upload: str | None = None


def schema_error(socket: Socket, value: Any) -> str | None:
    """The server's JSON-schema message for ``value`` on ``socket``, or None when valid."""
    schema = VALUE_SCHEMAS.get(socket.kind, {})
    schemas = [schema] + ([socket.schema] if socket.schema else [])
    for sch in schemas:
        try:
            jsonschema.validate(value, sch)
        except jsonschema.ValidationError as e:
            if e.validator == "type":
                return (
                    f"JSON does not fulfill schema: instance is not of type {e.validator_value!r}"
                )
            return f"JSON does not fulfill schema: {e.message}"
    return None


def _upload_pk(ctx: Ctx, value: Any) -> str:
    pk = parse_hyperlink(ctx, value, "uploads_retrieve")
    u = ctx.state.uploads.get(pk) if is_uuid(pk) else None
    if u is None or u.creator != ctx.user.pk or u.status != UPLOAD_COMPLETED:
        raise FieldError(DOES_NOT_EXIST)
    return pk


def _one(ctx: Ctx, item: Any) -> PendingValue:
    if not isinstance(item, dict):
        raise ApiError(
            400,
            {
                "non_field_errors": [
                    f"Invalid data. Expected a dictionary, but got {type(item).__name__}."
                ]
            },
        )
    slug = item.get("interface")
    if slug is None:
        raise ApiError(400, {"interface": ["This field is required."]})
    socket = ctx.state.sockets.get(slug) if isinstance(slug, str) else None
    if socket is None:
        raise ApiError(400, {"interface": [f"Object with slug={slug} does not exist."]})
    given = [k for k in KEYS if item.get(k) is not None]
    if not given:
        raise ApiError(400, {"non_field_errors": [f"You must provide at least one of {ONE_OF}."]})
    if len(given) > 1:
        raise ApiError(
            400, {"non_field_errors": [f"You can only provide one of {ONE_OF} for each socket."]}
        )
    key = given[0]
    sk = socket.super_kind
    if sk == "Value" and key != "value":
        raise ApiError(
            400, {"non_field_errors": [f"value is required for interface kind {socket.kind}"]}
        )
    if sk == "File" and key not in ("user_upload", "file"):
        raise ApiError(
            400,
            {
                "non_field_errors": [
                    f"user_upload or file is required for interface kind {socket.kind}"
                ]
            },
        )
    if sk == "Image" and key not in ("image", "user_uploads", "upload_session"):
        raise ApiError(
            400,
            {
                "non_field_errors": [
                    "upload_session, user_uploads or image are required for interface kind "
                    f"{socket.kind}"
                ]
            },
        )
    if key == "file":
        raise ApiError(
            400,
            {"file": ["The submitted data was not a file. Check the encoding type on the form."]},
        )
    try:
        if key == "value":
            msg = schema_error(socket, item["value"])
            if msg:
                raise ApiError(400, {"__all__": [msg]})
            return PendingValue(socket, "value", value=item["value"])
        if key == "image":
            try:
                pk = parse_hyperlink(ctx, item["image"], "cases_images_retrieve")
                img = ctx.state.images.get(pk) if is_uuid(pk) else None
                if img is None or not ctx.state.can_view_image(ctx.user, img):
                    raise FieldError(DOES_NOT_EXIST)
            except FieldError as e:
                raise ApiError(400, {"image": [e.message]}) from None
            return PendingValue(socket, "image", image=pk)
        if key == "user_uploads":
            ups = item["user_uploads"]
            if not isinstance(ups, list):
                raise ApiError(
                    400,
                    {
                        "user_uploads": [
                            f'Expected a list of items but got type "{type(ups).__name__}".'
                        ]
                    },
                )
            try:
                pks = [_upload_pk(ctx, v) for v in ups]
            except FieldError as e:
                raise ApiError(400, {"user_uploads": [e.message]}) from None
            if not pks:
                raise ApiError(400, {"user_uploads": ["This list may not be empty."]})
            return PendingValue(socket, "uploads", uploads=pks)
        if key == "user_upload":
            try:
                pk = _upload_pk(ctx, item["user_upload"])
            except FieldError as e:
                raise ApiError(400, {"user_upload": [e.message]}) from None
            return PendingValue(socket, "file", upload=pk)
        # upload_session
        try:
            pk = parse_hyperlink(ctx, item["upload_session"], "cases_upload_sessions_retrieve")
            s = ctx.state.sessions.get(pk) if is_uuid(pk) else None
            if s is None or s.creator != ctx.user.pk or s.status != SESSION_QUEUED or s.target:
                raise FieldError(DOES_NOT_EXIST)
        except FieldError as e:
            raise ApiError(400, {"upload_session": [e.message]}) from None
        return PendingValue(socket, "session", session=pk)
    except ApiError:
        raise


def validate_values(ctx: Ctx, items: Any, field_name: str = "values") -> list[PendingValue]:
    """Validate a ``values``/``inputs`` list; per-item errors as ``{field: [{…}, {}]}``."""
    if not isinstance(items, list):
        raise ApiError(
            400, {field_name: [f'Expected a list of items but got type "{type(items).__name__}".']}
        )
    out: list[PendingValue] = []
    errors: list[Any] = []
    failed = False
    for item in items:
        try:
            out.append(_one(ctx, item))
            errors.append({})
        except ApiError as e:
            failed = True
            errors.append(e.body)
    if failed:
        raise ApiError(400, {field_name: errors})
    return out


def apply_values(
    ctx: Ctx, target: tuple[str, str], values: dict[str, int], pending: list[PendingValue]
) -> int:
    """Apply validated values to the ``values`` dict of the target object.

    Synchronous kinds are set at once; uploads start background tasks that set the value
    later. Returns the number of values still pending.
    """
    state = ctx.state
    waiting = 0
    for p in pending:
        slug = p.socket.slug
        if p.kind == "value":
            values[slug] = state.civ_for(slug, p.value).pk
        elif p.kind == "image":
            values[slug] = state.civ_for(slug, state.images[p.image]).pk  # type: ignore[index]
        elif p.kind in ("uploads", "session"):
            if p.kind == "session":
                s = state.sessions[p.session]  # type: ignore[index]
            else:
                s = UploadSession(pk=new_uuid(), creator=ctx.user.pk, uploads=p.uploads)
                state.sessions[s.pk] = s
            s.target = target
            s.interface = slug
            s.status = SESSION_REQUEUED
            ctx.gc.worker.submit(ctx.gc.tasks.build_images, s.pk)
            waiting += 1
        elif p.kind == "file":
            ctx.gc.worker.submit(
                ctx.gc.tasks.add_file_to_object, target, slug, p.upload, ctx.user.pk
            )
            waiting += 1
    return waiting

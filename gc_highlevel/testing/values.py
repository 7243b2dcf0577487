"""Socket-value writes (``values`` of archive items/display sets, ``inputs`` of jobs), §5.2.

Validation is synchronous and gives the server's 400 bodies; values and existing images are
applied at once, uploads (images and files) go through the background worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import jsonschema

from .api import ApiError
from .hyperlinks import DOES_NOT_EXIST, FieldError, is_uuid, parse_hyperlink
from .models import (
    SESSION_QUEUED,
    SESSION_REQUEUED,
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
    image_name: str | None = None


def schema_error(socket: Socket, value: Any) -> str | None:
    """The server's JSON-schema message for ``value`` on ``socket``, or None when valid."""
    schema = VALUE_SCHEMAS.get(socket.kind, {})
    schemas = [schema] + ([socket.schema] if socket.schema else [])
    for sch in schemas:
        try:
            jsonschema.validate(value, sch)
        except jsonschema.ValidationError as e:
            # the server's JSONValidator drops the instance from the message
            detail = e.message.replace(str(e.instance) + " ", "")
            return f"JSON does not fulfill schema: instance {detail}"
    return None


def _upload_pk(ctx: Ctx, value: Any) -> str:
    """An upload the caller can change. Unlike upload sessions, socket values do not require
    ``Completed`` here (``UserUpload.objects.all()``): an unfinished upload fails later, in
    the background task."""
    pk = parse_hyperlink(ctx, value, "uploads_retrieve")
    u = ctx.state.uploads.get(pk) if is_uuid(pk) else None
    if u is None or u.creator != ctx.user.pk:
        raise FieldError(DOES_NOT_EXIST)
    return pk


def _fields(ctx: Ctx, item: dict[str, Any]) -> dict[str, Any]:
    """Field-level validation (runs before ``validate()`` in DRF): returns parsed values."""
    errors: dict[str, list[str]] = {}
    out: dict[str, Any] = {}
    slug = item.get("interface")
    if "interface" not in item:
        errors["interface"] = ["This field is required."]
    elif slug is None:
        errors["interface"] = ["This field may not be null."]
    elif not isinstance(slug, str) or slug not in ctx.state.sockets:
        errors["interface"] = [f"Object with slug={slug} does not exist."]
    else:
        out["interface"] = ctx.state.sockets[slug]
    if item.get("image") is not None:
        try:
            pk = parse_hyperlink(ctx, item["image"], "cases_images_retrieve")
            img = ctx.state.images.get(pk) if is_uuid(pk) else None
            if img is None or not ctx.state.can_view_image(ctx.user, img):
                raise FieldError(DOES_NOT_EXIST)
            out["image"] = pk
        except FieldError as e:
            errors["image"] = [e.message]
    if item.get("user_upload") is not None:
        try:
            out["user_upload"] = _upload_pk(ctx, item["user_upload"])
        except FieldError as e:
            errors["user_upload"] = [e.message]
    if item.get("user_uploads") is not None:
        ups = item["user_uploads"]
        if not isinstance(ups, list):
            errors["user_uploads"] = [
                f'Expected a list of items but got type "{type(ups).__name__}".'
            ]
        else:
            try:
                out["user_uploads"] = [_upload_pk(ctx, v) for v in ups]
            except FieldError as e:
                errors["user_uploads"] = [e.message]
    if item.get("upload_session") is not None:
        try:
            pk = parse_hyperlink(ctx, item["upload_session"], "cases_upload_sessions_retrieve")
            s = ctx.state.sessions.get(pk) if is_uuid(pk) else None
            if s is None or s.creator != ctx.user.pk or s.status != SESSION_QUEUED or s.target:
                raise FieldError(DOES_NOT_EXIST)
            out["upload_session"] = pk
        except FieldError as e:
            errors["upload_session"] = [e.message]
    if item.get("file") is not None:
        errors["file"] = ["The submitted data was not a file. Check the encoding type on the form."]
    if errors:
        raise ApiError(400, errors)
    return out


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
    parsed = _fields(ctx, item)
    socket: Socket = parsed["interface"]

    def nfe(msg: str) -> ApiError:
        return ApiError(400, {"non_field_errors": [msg]})

    keys = {k for k in (*KEYS, "image_name") if k in item}
    if not keys:
        raise nfe(f"You must provide at least one of {ONE_OF}.")
    not_none = {k for k in keys if item[k] is not None}
    if len(not_none) > 1 and not_none != {"image_name", "user_uploads"}:
        raise nfe(f"You can only provide one of {ONE_OF} for each socket.")
    sk = socket.super_kind
    if socket.kind == "DCMIS":
        if not (parsed.get("image") or (parsed.get("user_uploads") and item.get("image_name"))):
            raise nfe(
                "either user_uploads with image_name, or image are required for interface "
                f"kind {socket.kind}"
            )
        if not parsed.get("image"):
            return PendingValue(
                socket, "uploads", uploads=parsed["user_uploads"], image_name=item["image_name"]
            )
    elif sk == "Image":
        if not (parsed.get("image") or parsed.get("user_uploads") or parsed.get("upload_session")):
            raise nfe(
                f"upload_session, user_uploads or image are required for interface kind "
                f"{socket.kind}"
            )
    elif sk == "Value":
        if item.get("value") is None:
            raise nfe(f"value is required for interface kind {socket.kind}")
    elif not parsed.get("user_upload"):
        raise nfe(f"user_upload or file is required for interface kind {socket.kind}")
    if parsed.get("image"):
        return PendingValue(socket, "image", image=parsed["image"])
    if parsed.get("user_uploads"):
        return PendingValue(socket, "uploads", uploads=parsed["user_uploads"])
    if parsed.get("upload_session"):
        return PendingValue(socket, "session", session=parsed["upload_session"])
    if parsed.get("user_upload"):
        return PendingValue(socket, "file", upload=parsed["user_upload"])
    msg = schema_error(socket, item["value"])
    if msg:
        raise ApiError(400, {"__all__": [msg]})
    return PendingValue(socket, "value", value=item["value"])


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


def required_inputs(ctx: Ctx, data: Any, errors: dict[str, Any]) -> list[PendingValue]:
    """The validated ``inputs`` of a job or invocation body; problems go into ``errors``."""
    if "inputs" not in data:
        errors["inputs"] = ["This field is required."]
        return []
    try:
        return validate_values(ctx, data["inputs"], "inputs")
    except ApiError as exc:
        errors.update(exc.body)
        return []


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
                s.dicom_name = p.image_name if p.socket.kind == "DCMIS" else None
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

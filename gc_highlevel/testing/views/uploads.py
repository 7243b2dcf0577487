"""``/api/v1/uploads/``: user uploads backed by real S3 multipart uploads (research §3)."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from .. import serializers as ser
from ..api import ApiError, Ctx, detail, html_error, route
from ..hyperlinks import is_uuid
from ..models import UPLOAD_ABORTED, UPLOAD_COMPLETED, UPLOAD_INITIALIZED, Upload, new_uuid
from ..pagination import paginate

MAX_UPLOADS = 2000
QUOTA_UNVERIFIED = 2 * 1024**3
QUOTA_VERIFIED = 128 * 1024**3


def _get(ctx: Ctx) -> Upload:
    pk = ctx.kwargs["id"]
    u = ctx.state.uploads.get(pk) if is_uuid(pk) else None
    if u is None or u.creator != ctx.user.pk:
        raise detail(404, "No UserUpload matches the given query.")
    return u


def _get_with_upload_id(ctx: Ctx) -> Upload:
    ctx.require_user()
    u = _get(ctx)
    if u.s3_upload_id != ctx.kwargs["s3_upload_id"]:
        raise detail(404, "Not found.")
    return u


@route("/api/v1/uploads/", "GET", "uploads_list")
def uploads_list(ctx: Ctx) -> Any:
    items = [u for u in ctx.state.uploads.values() if u.creator == ctx.user.pk]
    return paginate(ctx, items, lambda u: ser.upload(ctx, u))


@route("/api/v1/uploads/<id>/", "GET", "uploads_retrieve")
def uploads_retrieve(ctx: Ctx) -> Any:
    return ser.upload(ctx, _get(ctx))


def _check_upload_count(ctx: Ctx, creator: int) -> None:
    if sum(1 for u in ctx.state.uploads.values() if u.creator == creator) >= MAX_UPLOADS:
        raise ApiError(
            400,
            {"non_field_errors": ["You have created too many uploads. Please try again later."]},
        )


@route("/api/v1/uploads/", "POST", "uploads_create")
def uploads_create(ctx: Ctx) -> Any:
    user = ctx.require_user()
    data = ctx.data_dict()
    filename = data.get("filename")
    if filename is None:
        raise ApiError(400, {"filename": ["This field is required."]})
    if isinstance(filename, bool) or not isinstance(filename, (str, int, float)):
        raise ApiError(400, {"filename": ["Not a valid string."]})
    filename = str(filename)  # DRF's CharField coerces numbers
    if not filename.strip():
        raise ApiError(400, {"filename": ["This field may not be blank."]})
    if len(filename) > 128:
        raise ApiError(400, {"filename": ["Ensure this field has no more than 128 characters."]})
    if filename != PurePosixPath(filename).name or "\\" in filename:
        raise ApiError(400, {"filename": [f"{filename} is not a valid filename"]})
    _check_upload_count(ctx, user.pk)
    pk = new_uuid()
    key = f"uploads/{user.pk}/{pk}"
    storage = ctx.gc.storage
    with ctx.unlocked():
        upload_id = storage.create_multipart_upload(storage.uploads_bucket, key)
    try:
        _check_upload_count(ctx, user.pk)  # others may have created uploads meanwhile
    except ApiError:
        storage.abort_multipart_upload(storage.uploads_bucket, key, upload_id)
        raise
    u = Upload(pk=pk, creator=user.pk, filename=filename, key=key, s3_upload_id=upload_id)
    ctx.state.uploads[pk] = u
    return ser.upload(ctx, u), 201


def _uploaded_size(ctx: Ctx, u: Upload) -> int:
    storage = ctx.gc.storage
    total = 0
    for part in _list_parts(ctx, u):
        total += int(part["Size"])
    total += storage.prefix_size(storage.uploads_bucket, f"uploads/{u.creator}/")
    return total


def _list_parts(ctx: Ctx, u: Upload) -> list[dict[str, Any]]:
    storage = ctx.gc.storage
    return storage.list_parts(storage.uploads_bucket, u.key, u.s3_upload_id)


@route(
    "/api/v1/uploads/<id>/<s3_upload_id>/generate-presigned-urls/",
    "PATCH",
    "uploads_generate_presigned_urls_partial_update",
)
def generate_presigned_urls(ctx: Ctx) -> Any:
    u = _get_with_upload_id(ctx)
    user = ctx.state.users[u.creator]
    quota = QUOTA_VERIFIED if user.verified else QUOTA_UNVERIFIED
    quota = ctx.gc.upload_quota if ctx.gc.upload_quota is not None else quota
    if u.status != UPLOAD_INITIALIZED or _uploaded_size(ctx, u) >= quota:
        raise detail(403, "Upload limit reached")
    data = ctx.data_dict()
    numbers = data.get("part_numbers")
    if numbers is None:
        raise ApiError(400, {"non_field_errors": ["The `part_numbers` field is required"]})
    if not isinstance(numbers, list):
        raise ApiError(
            400,
            {
                "part_numbers": [
                    f'Expected a list of items but got type "{type(numbers).__name__}".'
                ]
            },
        )
    errors: dict[str, list[str]] = {}
    for i, n in enumerate(numbers):
        if not isinstance(n, int) or isinstance(n, bool):
            errors[str(i)] = ["A valid integer is required."]
        elif n < 1:
            errors[str(i)] = ["Ensure this value is greater than or equal to 1."]
        elif n > 10000:
            errors[str(i)] = ["Ensure this value is less than or equal to 10000."]
    if errors:
        raise ApiError(400, {"part_numbers": errors})
    storage = ctx.gc.storage
    urls = {
        str(n): storage.presign(
            "upload_part",
            {
                "Bucket": storage.uploads_bucket,
                "Key": u.key,
                "UploadId": u.s3_upload_id,
                "PartNumber": n,
            },
        )
        for n in numbers
    }
    return {**ser.upload(ctx, u), "presigned_urls": urls}


@route(
    "/api/v1/uploads/<id>/<s3_upload_id>/complete-multipart-upload/",
    "PATCH",
    "uploads_complete_multipart_upload_partial_update",
)
def complete_multipart_upload(ctx: Ctx) -> Any:
    u = _get_with_upload_id(ctx)
    data = ctx.data_dict()
    parts = data.get("parts")
    if parts is None:
        raise ApiError(400, {"non_field_errors": ["The `parts` field is required"]})
    if u.status != UPLOAD_INITIALIZED:
        raise html_error(500, "Server Error (500)")  # RuntimeError("Upload is not initialized")
    if not isinstance(parts, list) or not all(isinstance(p, dict) for p in parts):
        raise ApiError(400, {"parts": ["Expected a list of items."]})
    clean = []
    for p in parts:
        if set(p) - {"ETag", "PartNumber"}:
            # boto3 parameter validation rejects unknown keys: an unhandled 500
            raise html_error(500, "Server Error (500)")
        clean.append({"ETag": p.get("ETag"), "PartNumber": p.get("PartNumber")})
    storage = ctx.gc.storage
    upload_id = u.s3_upload_id
    with ctx.unlocked():  # assembling a large object takes moto a while
        try:
            size: int | None = storage.complete_multipart_upload(
                storage.uploads_bucket, u.key, upload_id, clean
            )
        except Exception:
            size = None
    if size is None or u.status != UPLOAD_INITIALIZED or u.s3_upload_id != upload_id:
        # S3 refused, or another request completed or aborted it meanwhile
        raise html_error(500, "Server Error (500)")
    u.status = UPLOAD_COMPLETED
    u.size = size
    return ser.upload(ctx, u)


@route(
    "/api/v1/uploads/<id>/<s3_upload_id>/list-parts/",
    "GET",
    "uploads_list_parts_retrieve",
)
def list_parts(ctx: Ctx) -> Any:
    u = _get_with_upload_id(ctx)
    if u.status != UPLOAD_INITIALIZED:
        raise html_error(500, "Server Error (500)")
    from ..models import iso

    parts = [
        {
            "ETag": p["ETag"],
            "PartNumber": int(p["PartNumber"]),
            "LastModified": iso(p["LastModified"]),
            "Size": int(p["Size"]),
        }
        for p in _list_parts(ctx, u)
    ]
    return {**ser.upload(ctx, u), "parts": parts}


@route(
    "/api/v1/uploads/<id>/<s3_upload_id>/abort-multipart-upload/",
    "PATCH",
    "uploads_abort_multipart_upload_partial_update",
)
def abort_multipart_upload(ctx: Ctx) -> Any:
    u = _get_with_upload_id(ctx)
    if u.status != UPLOAD_INITIALIZED:
        raise html_error(500, "Server Error (500)")
    storage = ctx.gc.storage
    storage.abort_multipart_upload(storage.uploads_bucket, u.key, u.s3_upload_id)
    u.status = UPLOAD_ABORTED
    u.s3_upload_id = ""
    return ser.upload(ctx, u)


def delete_upload(ctx_state: Any, storage: Any, u: Upload) -> None:
    """Delete an upload and its S3 object (or open multipart upload), as the server does."""
    ctx_state.uploads.pop(u.pk, None)
    try:
        if u.status == UPLOAD_INITIALIZED and u.s3_upload_id:
            storage.abort_multipart_upload(storage.uploads_bucket, u.key, u.s3_upload_id)
        else:
            storage.delete(storage.uploads_bucket, u.key)
    except Exception:
        pass

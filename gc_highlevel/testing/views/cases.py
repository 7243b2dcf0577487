"""``/api/v1/cases/images/`` and ``/api/v1/cases/upload-sessions/`` (research §4, §7)."""

from __future__ import annotations

from typing import Any

from .. import serializers as ser
from ..api import ApiError, Ctx, detail, html_error, not_found, route
from ..hyperlinks import DOES_NOT_EXIST, FieldError, is_uuid, parse_hyperlink
from ..models import (
    SESSION_QUEUED,
    SESSION_REQUEUED,
    UPLOAD_COMPLETED,
    Image,
    UploadSession,
    new_uuid,
)
from ..pagination import paginate
from .common import fk_filter, multi_fk_filter

TEXT_FILTERS = ("name", "patient_id", "study_description")


def _image(ctx: Ctx) -> Image:
    pk = ctx.kwargs["id"]
    if not is_uuid(pk):
        raise detail(404, "Not found.")
    img = ctx.state.images.get(pk)
    if img is None or not ctx.state.can_view_image(ctx.user, img):
        raise not_found("Image")
    return img


def _images_of(ctx: Ctx, civ_pk_sets: list[set[int]]) -> set[str]:
    pks: set[int] = set().union(*civ_pk_sets) if civ_pk_sets else set()
    return {c.image for p in pks if (c := ctx.state.civs[p]).image}


@route("/api/v1/cases/images/", "GET", "cases_images_list")
def images_list(ctx: Ctx) -> Any:
    st = ctx.state
    origin = fk_filter(ctx, "origin", st.sessions)
    archive = multi_fk_filter(ctx, "archive", st.archives)
    rs = multi_fk_filter(ctx, "reader_study", st.reader_studies)
    job_input = multi_fk_filter(ctx, "job_input", st.jobs)
    job_output = multi_fk_filter(ctx, "job_output", st.jobs)
    if job_input is not None or job_output is not None:
        # As deployed (9957bfc), grand-challenge answers 500 once these filters are valid:
        # cases/filters.py:31,39 name ``algorithm_jobs_as_input/_output``, while the related
        # names are ``algorithms_jobs_as_*`` (components/models.py:1708,1712): FieldError.
        raise html_error(500, "Server Error (500)")
    visible = st.viewable_image_pks(ctx.user)
    items = [i for i in st.images.values() if i.pk in visible]
    if origin is not None:
        items = [i for i in items if i.origin in origin]
    if archive is not None:
        allowed = _images_of(
            ctx, [set(i.values.values()) for i in st.archive_items.values() if i.archive in archive]
        )
        items = [i for i in items if i.pk in allowed]
    if rs is not None:
        allowed = _images_of(
            ctx,
            [set(d.values.values()) for d in st.display_sets.values() if d.reader_study in rs],
        )
        items = [i for i in items if i.pk in allowed]
    for name in TEXT_FILTERS:
        v = ctx.args.get(name)
        if v:
            items = [i for i in items if getattr(i, name) == v]
    items.sort(key=lambda i: (i.name, i.created))
    return paginate(ctx, items, lambda i: ser.image(ctx, i))


@route("/api/v1/cases/images/<id>/", "GET", "cases_images_retrieve")
def images_retrieve(ctx: Ctx) -> Any:
    return ser.image(ctx, _image(ctx))


@route("/api/v1/cases/images/<id>/dicom/instances/", "GET", "cases_images_dicom_instances_retrieve")
def images_dicom_instances(ctx: Ctx) -> Any:
    img = _image(ctx)
    if not img.dicom_image_set:
        raise detail(404, "This image does not have a DICOM Image Set.")
    storage = ctx.gc.storage
    return {
        "image_set_id": img.dicom_image_set,
        "instances": [
            {
                "sop_instance_uid": sop,
                "get_instance": {
                    "method": "GET",
                    "url": storage.presign(
                        "get_object", {"Bucket": storage.protected_bucket, "Key": key}
                    ),
                    "headers": {"Accept": "application/dicom; transfer-syntax=*"},
                    "data": None,
                },
            }
            for sop, key in img.dicom_instances
        ],
    }


@route("/api/v1/cases/images/<id>/dicom/frames/", "GET", "cases_images_dicom_frames_retrieve")
def images_dicom_frames(ctx: Ctx) -> Any:
    """Emulated: the metadata request is a presigned GET of a JSON document; frames are not
    served individually (``image_frames`` is empty)."""
    import json

    img = _image(ctx)
    if not img.dicom_image_set:
        raise detail(404, "This image does not have a DICOM Image Set.")
    storage = ctx.gc.storage
    key = f"dicom/{img.dicom_image_set}/metadata.json"
    if not storage.exists(storage.protected_bucket, key):
        meta = {
            "ImageSetID": img.dicom_image_set,
            "Instances": [sop for sop, _ in img.dicom_instances],
        }
        storage.put_bytes(storage.protected_bucket, key, json.dumps(meta).encode())
    return {
        "image_set_id": img.dicom_image_set,
        "get_image_set_metadata": {
            "method": "GET",
            "url": storage.presign("get_object", {"Bucket": storage.protected_bucket, "Key": key}),
            "headers": {"Accept-Encoding": "gzip"},
            "data": None,
        },
        "image_frames": [],
    }


# -- upload sessions ----------------------------------------------------------------------------
@route("/api/v1/cases/upload-sessions/", "GET", "cases_upload_sessions_list")
def sessions_list(ctx: Ctx) -> Any:
    items = sorted(
        (s for s in ctx.state.sessions.values() if s.creator == ctx.user.pk),
        key=lambda s: s.created,
    )
    return paginate(ctx, items, lambda s: ser.session(ctx, s))


@route("/api/v1/cases/upload-sessions/<id>/", "GET", "cases_upload_sessions_retrieve")
def sessions_retrieve(ctx: Ctx) -> Any:
    pk = ctx.kwargs["id"]
    s = ctx.state.sessions.get(pk) if is_uuid(pk) else None
    if s is None or s.creator != ctx.user.pk:
        raise not_found("RawImageUploadSession")
    return ser.session(ctx, s)


def _invalid_pk(value: Any) -> list[str]:
    return [f'Invalid pk "{value}" - object does not exist.']


@route("/api/v1/cases/upload-sessions/", "POST", "cases_upload_sessions_create")
def sessions_create(ctx: Ctx) -> Any:
    user = ctx.require_user()
    st = ctx.state
    data = ctx.data_dict()
    errors: dict[str, Any] = {}
    upload_pks: list[str] = []
    if "uploads" not in data:
        errors["uploads"] = ["This field is required."]
    elif not isinstance(data["uploads"], list):
        errors["uploads"] = [
            f'Expected a list of items but got type "{type(data["uploads"]).__name__}".'
        ]
    else:
        try:
            for v in data["uploads"]:
                pk = parse_hyperlink(ctx, v, "uploads_retrieve")
                u = st.uploads.get(pk) if is_uuid(pk) else None
                if u is None or u.creator != user.pk or u.status != UPLOAD_COMPLETED:
                    raise FieldError(DOES_NOT_EXIST)
                upload_pks.append(pk)
        except FieldError as e:
            errors["uploads"] = [e.message]
    targets: list[tuple[str, str]] = []
    if data.get("archive") is not None:
        slug = data["archive"]
        a = next((a for a in st.archives.values() if a.slug == slug), None)
        if a is None or not st.can_upload_archive(user, a):
            errors["archive"] = [f"Object with slug={slug} does not exist."]
        else:
            targets.append(("archive", a.pk))
    if data.get("archive_item") is not None:
        v = data["archive_item"]
        item = st.archive_items.get(v) if is_uuid(v) else None
        if item is None or not st.can_upload_archive(user, st.archives[item.archive]):
            errors["archive_item"] = _invalid_pk(v)
        else:
            targets.append(("archive_item", item.pk))
    if data.get("display_set") is not None:
        v = data["display_set"]
        ds = st.display_sets.get(v) if is_uuid(v) else None
        if ds is None or user.pk not in st.reader_studies[ds.reader_study].editors:
            errors["display_set"] = _invalid_pk(v)
        else:
            targets.append(("display_set", ds.pk))
    if data.get("answer") is not None:
        v = data["answer"]
        ans = st.answers.get(v) if is_uuid(v) else None
        if ans is None or ans.creator != user.pk:
            errors["answer"] = _invalid_pk(v)
        elif st.questions[ans.question].answer_type != "MASK":
            errors["answer"] = ["This question does not accept image type answers."]
        elif ans.answer is not None:
            errors["answer"] = ["This answer already has an image assignment pending"]
        else:
            targets.append(("answer", ans.pk))
    interface = data.get("interface")
    if interface is not None and interface not in st.sockets:
        errors["interface"] = [f"Object with slug={interface} does not exist."]
    if errors:
        raise ApiError(400, errors)

    def nfe(msg: str) -> ApiError:
        return ApiError(400, {"non_field_errors": [msg]})

    if len(upload_pks) > 100:
        raise nfe("Too many files uploaded. A maximum of 100 files may be uploaded per session.")
    names = [st.uploads[pk].filename for pk in upload_pks]
    if len(set(names)) != len(names):
        raise nfe("Filenames must be unique")
    if len(targets) > 1:
        raise nfe("Only one of archive, archive item, answer or reader study can be set")
    kinds = {t[0] for t in targets}
    if interface is not None and not kinds & {"archive", "archive_item", "display_set"}:
        raise nfe(
            "An interface can only be defined for archive, archive item or display set uploads."
        )
    if "archive_item" in kinds and interface is None:
        raise nfe("An interface needs to be defined to upload to an archive item.")
    if "display_set" in kinds and interface is None:
        raise nfe("An interface needs to be defined to upload to a display set.")

    s = UploadSession(pk=new_uuid(), creator=user.pk, uploads=upload_pks)
    st.sessions[s.pk] = s
    body = ser.session(ctx, s)
    if targets:
        s.target = targets[0]
        s.interface = interface
        if s.target[0] == "archive" and interface is None:
            s.interface = "generic-medical-image"
        if s.target[0] == "answer":
            st.answers[s.target[1]].answer = {"upload_session_pk": s.pk}
        s.status = SESSION_REQUEUED
        ctx.gc.worker.submit(ctx.gc.tasks.build_images, s.pk)
    body["status"] = SESSION_QUEUED
    return body, 201

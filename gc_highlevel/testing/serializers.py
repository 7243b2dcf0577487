"""JSON shapes of the emulated API (the real serializers' fields, in the real order)."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from .models import (
    CIV,
    Algorithm,
    AlgorithmImage,
    Answer,
    Archive,
    ArchiveItem,
    Challenge,
    DisplaySet,
    Endpoint,
    Evaluation,
    Image,
    Invocation,
    Job,
    Question,
    ReaderStudy,
    Socket,
    Upload,
    UploadSession,
    User,
    iso,
    iso_duration,
    iso_duration_precise,
)

if TYPE_CHECKING:
    from .api import Ctx

WEB = "/"  # web UI pages live at the site root
_TAGS = re.compile(r"<[^>]*>")


def safe(text: str) -> str:
    """What the server's ``*_safe`` fields hold: the text with HTML tags stripped and ``&``,
    ``<``, ``>`` escaped (bleach's ``clean(..., no_tags=True)``)."""
    return html.escape(_TAGS.sub("", text), quote=False)


def socket(ctx: Ctx, s: Socket) -> dict[str, Any]:
    return {
        "title": s.title,
        "description": s.description,
        "slug": s.slug,
        "kind": s.kind_label,
        "pk": s.pk,
        "default_value": s.default_value,
        "super_kind": s.super_kind,
        "relative_path": s.relative_path,
        "overlay_segments": s.overlay_segments,
        "look_up_table": None,
    }


def image_url(ctx: Ctx, pk: str) -> str:
    return ctx.abs(f"/api/v1/cases/images/{pk}/")


def civ_file_url(ctx: Ctx, civ: CIV) -> str | None:
    return ctx.abs(f"/media/{civ.file_key}") if civ.file_key else None


def _group(s: Socket) -> int:
    if s.super_kind == "Value":
        return 2 if s.kind == "CHART" else 0
    if s.kind in ("JPEG", "PNG"):
        return 1
    if s.super_kind == "File":
        return 3
    return 4


def sorted_civs(ctx: Ctx, pks: Any) -> list[CIV]:
    """Socket values in the server's display order (values, thumbnails, charts, files,
    images; by slug within a group)."""
    civs = [ctx.state.civs[pk] for pk in pks]
    return sorted(civs, key=lambda c: (_group(ctx.state.sockets[c.socket]), c.socket))


def civ(ctx: Ctx, c: CIV) -> dict[str, Any]:
    sock = socket(ctx, ctx.state.sockets[c.socket])
    return {
        "socket": sock,  # the 2026 API's name; `interface` stays beside it
        "interface": sock,
        "value": c.value,
        "file": civ_file_url(ctx, c),
        "image": image_url(ctx, c.image) if c.image else None,
        "pk": c.pk,
    }


def civ_nested(ctx: Ctx, c: CIV) -> dict[str, Any]:
    """``ComponentInterfaceValueSerializer`` (evaluation outputs): the image nested, not linked."""
    img = ctx.state.images.get(c.image) if c.image else None
    return {
        **civ(ctx, c),
        "image": {"pk": img.pk, "name": img.name} if img is not None else None,
    }


def civ_post(ctx: Ctx, c: CIV) -> dict[str, Any]:
    return {
        "interface": c.socket,
        "value": c.value,
        "file": civ_file_url(ctx, c),
        "image": image_url(ctx, c.image) if c.image else None,
        "pk": c.pk,
        "image_name": ctx.state.images[c.image].name
        if c.image and c.image in ctx.state.images
        else None,
    }


def image(ctx: Ctx, i: Image) -> dict[str, Any]:
    return {
        "pk": i.pk,
        "name": i.name,
        "files": [
            {
                "pk": f.pk,
                "image": i.pk,
                "file": ctx.abs(f"/media/{f.key}"),
                "image_type": f.image_type,
            }
            for f in i.files
        ],
        "dicom_image_set": {"image_set_id": i.dicom_image_set} if i.dicom_image_set else None,
        "width": i.width,
        "height": i.height,
        "depth": i.depth,
        "color_space": i.color_space,
        "modality": {"modality": i.modality} if i.modality else None,
        "eye_choice": i.eye_choice,
        "stereoscopic_choice": None,
        "field_of_view": None,
        "shape_without_color": i.shape_without_color,
        "shape": i.shape,
        "voxel_width_mm": i.voxel_width_mm,
        "voxel_height_mm": i.voxel_height_mm,
        "voxel_depth_mm": i.voxel_depth_mm,
        "api_url": image_url(ctx, i.pk),
        "window_center": i.window_center,
        "window_width": i.window_width,
        "segments": i.segments,
    }


def upload(ctx: Ctx, u: Upload) -> dict[str, Any]:
    return {
        "pk": u.pk,
        "created": iso(u.created),
        "filename": u.filename,
        "key": u.key,
        "s3_upload_id": u.s3_upload_id,
        "status": u.status,
        "api_url": ctx.abs(f"/api/v1/uploads/{u.pk}/"),
    }


def session(ctx: Ctx, s: UploadSession, *, status: str | None = None) -> dict[str, Any]:
    return {
        "pk": s.pk,
        "creator": s.creator,
        "status": status or s.status,
        "error_message": s.error_message,
        "image_set": [image_url(ctx, pk) for pk in s.image_set],
        "api_url": ctx.abs(f"/api/v1/cases/upload-sessions/{s.pk}/"),
        "user_uploads": list(s.uploads),
        "uploads": [ctx.abs(f"/api/v1/uploads/{pk}/") for pk in s.uploads],
    }


def archive(ctx: Ctx, a: Archive) -> dict[str, Any]:
    return {
        "pk": a.pk,
        "title": a.title,
        "logo": ctx.abs(f"/media/logos/archive/{a.pk}/logo.png"),
        "description": a.description,
        "api_url": ctx.abs(f"/api/v1/archives/{a.pk}/"),
        "url": ctx.abs(f"/archives/{a.slug}/"),
    }


def _hanging() -> dict[str, Any]:
    return {"hanging_protocol": None, "optional_hanging_protocols": [], "view_content": {}}


def archive_item(ctx: Ctx, i: ArchiveItem, *, post: bool = False) -> dict[str, Any]:
    render = civ_post if post else civ
    return {
        "pk": i.pk,
        "title": i.title,
        "archive": ctx.abs(f"/api/v1/archives/{i.archive}/"),
        "values": [render(ctx, c) for c in sorted_civs(ctx, i.values.values())],
        **_hanging(),
    }


def algorithm(ctx: Ctx, a: Algorithm) -> dict[str, Any]:
    st = ctx.state.sockets
    return {
        "api_url": ctx.abs(f"/api/v1/algorithms/{a.pk}/"),
        "url": ctx.abs(f"/algorithms/{a.slug}/"),
        "description": a.description,
        "pk": a.pk,
        "title": a.title,
        "logo": ctx.abs(f"/media/logos/algorithm/{a.pk}/logo.png"),
        "slug": a.slug,
        "average_duration": a.average_duration,
        "interfaces": [
            {
                "inputs": [socket(ctx, st[s]) for s in ins],
                "outputs": [socket(ctx, st[s]) for s in outs],
            }
            for ins, outs in a.interfaces
        ],
    }


def algorithm_image(ctx: Ctx, ai: AlgorithmImage) -> dict[str, Any]:
    alg = ctx.state.algorithms[ai.algorithm]
    return {
        "pk": ai.pk,
        "url": ctx.abs(f"/algorithms/{alg.slug}/container-images/{ai.pk}/"),
        "api_url": ctx.abs(f"/api/v1/algorithms/images/{ai.pk}/"),
        "algorithm": ctx.abs(f"/api/v1/algorithms/{alg.pk}/"),
        "created": iso(ai.created),
        "import_status": ai.import_status,
        "image": ctx.abs(
            f"/media/docker/images/algorithms/algorithmimage/{ai.pk}/container-image.tar.gz"
        ),
    }


def job(ctx: Ctx, j: Job) -> dict[str, Any]:
    alg = ctx.state.algorithms[j.algorithm]
    exec_duration = (j.completed - j.started).total_seconds() if j.completed and j.started else None
    return {
        "pk": j.pk,
        "url": ctx.abs(f"/algorithms/{alg.slug}/jobs/{j.pk}/"),
        "api_url": ctx.abs(f"/api/v1/algorithms/jobs/{j.pk}/"),
        "algorithm_image": ctx.abs(f"/api/v1/algorithms/images/{j.algorithm_image}/"),
        "inputs": [civ(ctx, c) for c in sorted_civs(ctx, j.inputs.values())],
        "outputs": [civ(ctx, c) for c in sorted_civs(ctx, j.outputs.values())],
        "status": j.status,
        **_hanging(),
        "exec_duration": iso_duration(exec_duration),
        "invoke_duration": None,
        "algorithm": ctx.abs(f"/api/v1/algorithms/{alg.pk}/"),
    }


def job_post(ctx: Ctx, j: Job) -> dict[str, Any]:
    return {
        "pk": j.pk,
        "inputs": [civ_post(ctx, c) for c in sorted_civs(ctx, j.inputs.values())],
        "status": j.status,
    }


def question(ctx: Ctx, q: Question) -> dict[str, Any]:
    from .models import ANSWER_TYPES

    return {
        "answer_type": ANSWER_TYPES[q.answer_type],
        "api_url": ctx.abs(f"/api/v1/reader-studies/questions/{q.pk}/"),
        "form_direction": "Horizontal",
        "help_text_safe": safe(q.help_text),
        "image_port": "Main" if q.answer_type == "MASK" else "",
        "default_annotation_color": "",
        "pk": q.pk,
        "question_text_safe": safe(q.question_text),
        "reader_study": ctx.abs(f"/api/v1/reader-studies/{q.reader_study}/"),
        "required": q.required,
        "options": q.options,
        "interface": None,
        "overlay_segments": q.overlay_segments,
        "look_up_table": None,
        "widget": "",
        "answer_min_value": q.answer_min_value,
        "answer_max_value": q.answer_max_value,
        "answer_step_size": None,
        "answer_min_length": None,
        "answer_max_length": None,
        "answer_match_pattern": "",
        "empty_answer_confirmation": False,
        "empty_answer_confirmation_label_safe": "",
        "interactive_algorithms": [],
        "algorithms": [],
    }


def reader_study(ctx: Ctx, rs: ReaderStudy) -> dict[str, Any]:
    qs = sorted(
        (q for q in ctx.state.questions.values() if q.reader_study == rs.pk),
        key=lambda q: (q.order, q.created),
    )
    return {
        "api_url": ctx.abs(f"/api/v1/reader-studies/{rs.pk}/"),
        "url": ctx.abs(f"/reader-studies/{rs.slug}/"),
        "slug": rs.slug,
        "logo": ctx.abs(f"/media/logos/reader-study/{rs.pk}/logo.png"),
        "description": rs.description,
        "help_text_safe": "",
        "pk": rs.pk,
        "questions": [question(ctx, q) for q in qs],
        "title_safe": safe(rs.title),
        "is_educational": rs.is_educational,
        "instant_verification": False,
        "has_ground_truth": ctx.state.has_ground_truth(rs.pk),
        "allow_answer_modification": rs.allow_answer_modification,
        "enable_autosaving": False,
        "allow_case_navigation": False,
        "allow_show_all_annotations": False,
        "roll_over_answers_for_n_cases": 0,
        "end_of_study_text_safe": "",
    }


def display_set(
    ctx: Ctx, ds: DisplaySet, *, index: int | None = None, post: bool = False
) -> dict[str, Any]:
    render = civ_post if post else civ
    out: dict[str, Any] = {
        "pk": ds.pk,
        "title_safe": safe(ds.title),
        "reader_study": ctx.abs(f"/api/v1/reader-studies/{ds.reader_study}/"),
        "values": [render(ctx, c) for c in sorted_civs(ctx, ds.values.values())],
        "order": ds.order,
        "api_url": ctx.abs(f"/api/v1/reader-studies/display-sets/{ds.pk}/"),
        **_hanging(),
        "description": "",
        "descriptions_map_safe": {
            c.socket: safe(ctx.state.sockets[c.socket].description)
            for c in sorted_civs(ctx, ds.values.values())
        },
        "index": index,
    }
    if post:
        rs = ctx.state.reader_studies[ds.reader_study]
        out["reader_study"] = rs.slug
    return out


def answer(ctx: Ctx, a: Answer) -> dict[str, Any]:
    return {
        "answer": a.answer,
        "api_url": ctx.abs(f"/api/v1/reader-studies/answers/{a.pk}/"),
        "created": iso(a.created),
        "creator": ctx.state.users[a.creator].username,
        "display_set": ctx.abs(f"/api/v1/reader-studies/display-sets/{a.display_set}/"),
        "pk": a.pk,
        "question": ctx.abs(f"/api/v1/reader-studies/questions/{a.question}/"),
        "modified": iso(a.modified),
        "answer_image": image_url(ctx, a.answer_image) if a.answer_image else None,
        "last_edit_duration": iso_duration(a.last_edit_duration),
        "total_edit_duration": iso_duration(a.total_edit_duration),
        "is_ground_truth": a.is_ground_truth,
        "score": None,
    }


def profile(ctx: Ctx, u: User) -> dict[str, Any]:
    return {
        "user": {"username": u.username},
        "mugshot": ctx.abs(f"/static/images/users/{u.pk}.png"),
        "institution": u.institution,
        "department": u.department,
        "location": u.location,
        "website": u.website,
    }


def endpoint(ctx: Ctx, e: Endpoint) -> dict[str, Any]:
    """``Endpoint`` (and ``EndpointPost``, the same fields); call ``refresh_endpoint`` first."""
    return {
        "api_url": ctx.abs(f"/api/v1/algorithms/endpoints/{e.pk}/"),
        "pk": e.pk,
        "algorithm": ctx.abs(f"/api/v1/algorithms/{e.algorithm}/"),
        "status": e.status,
        "remaining_lifetime": iso_duration_precise(e.remaining()),
    }


def invocation(ctx: Ctx, i: Invocation) -> dict[str, Any]:
    return {
        "pk": i.pk,
        "endpoint": ctx.abs(f"/api/v1/algorithms/endpoints/{i.endpoint}/"),
        "inputs": [civ(ctx, c) for c in sorted_civs(ctx, i.inputs.values())],
        "outputs": [civ(ctx, c) for c in sorted_civs(ctx, i.outputs.values())],
        "status": i.status,
        "error_message": i.error_message,
    }


def invocation_post(ctx: Ctx, i: Invocation) -> dict[str, Any]:
    return {
        "pk": i.pk,
        "endpoint": ctx.abs(f"/api/v1/algorithms/endpoints/{i.endpoint}/"),
        "inputs": [civ_post(ctx, c) for c in sorted_civs(ctx, i.inputs.values())],
        "status": i.status,
    }


def challenge(ctx: Ctx, c: Challenge) -> dict[str, Any]:
    """``PublicChallengeSerializer``; phases have no submission dates here, so the status is
    ``CLOSED`` and ``start_date``/``end_date`` are null (as on the real server for such phases)."""
    phases = [p for p in ctx.state.phases.values() if p.challenge == c.pk]
    return {
        "api_url": ctx.abs(f"/api/v1/challenges/{c.slug}/"),
        "url": ctx.abs(f"/{c.slug}/"),
        "slug": c.slug,
        "title": c.title,
        "description": c.description,
        "public": not c.hidden,
        # phases without submission dates (all of the emulator's) do not accept submissions
        "status": "CLOSED",
        "logo": ctx.abs(f"/media/logos/challenge/{c.pk}/logo.png"),
        "submission_types": sorted({p.submission_kind for p in phases}),
        "start_date": None,
        "end_date": None,
        "publications": [],
        "created": iso(c.created),
        "modified": iso(c.created),
        "incentives": [],
    }


def evaluation(ctx: Ctx, e: Evaluation) -> dict[str, Any]:
    """``EvaluationSerializer``: the evaluation, its submission and its phase."""
    st = ctx.state
    phase = st.phases[e.phase]
    ch = st.challenges[phase.challenge]
    creator = st.users[e.creator]
    rank_title = f"#{e.rank} {creator.username}"
    return {
        "pk": e.pk,
        "method": None,
        "submission": {
            "pk": e.submission,
            "phase": {
                "challenge": {"title": ch.title, "short_name": ch.slug},
                "title": phase.title,
                "slug": phase.slug,
            },
            "created": iso(e.submission_created),
            "creator": {"username": creator.username},
            "comment": "",
            "predictions_file": None,
            "supplementary_file": None,
            "supplementary_url": "",
            "algorithm_image": ctx.abs(f"/api/v1/algorithms/images/{e.algorithm_image}/"),
        },
        "created": iso(e.created),
        "published": e.published,
        "outputs": [civ_nested(ctx, c) for c in sorted_civs(ctx, e.outputs.values())],
        "rank": e.rank,
        "rank_score": e.rank_score,
        "rank_per_metric": {},
        "status": e.status,
        "title": rank_title,
        "exec_duration": None,
        "invoke_duration": None,
    }


def external_evaluation(ctx: Ctx, e: Evaluation) -> dict[str, Any]:
    """``ExternalEvaluationSerializer``: the above with what an external evaluator needs."""
    return {
        **evaluation(ctx, e),
        "algorithm_model": None,
        "algorithm_image": algorithm_image(ctx, ctx.state.algorithm_images[e.algorithm_image]),
        "claimed_by": e.claimed_by,
        "phase_pk": e.phase,
    }

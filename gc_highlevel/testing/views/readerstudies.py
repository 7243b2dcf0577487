"""``/api/v1/reader-studies/``: studies, questions, display sets and answers (research §8)."""

from __future__ import annotations

import re
from typing import Any

from .. import serializers as ser
from ..api import ApiError, Ctx, detail, forbidden, html_error, not_found, route
from ..hyperlinks import DOES_NOT_EXIST, FieldError, is_uuid, parse_hyperlink
from ..models import ANSWER_TYPES, Answer, DisplaySet, ReaderStudy, new_uuid, now
from ..pagination import paginate
from ..values import apply_values, validate_values
from .common import bool_filter, fk_filter, slug_filter


def _rs(ctx: Ctx) -> ReaderStudy:
    pk = ctx.kwargs["id"]
    if not is_uuid(pk):
        raise detail(404, "Not found.")
    rs = ctx.state.reader_studies.get(pk)
    if rs is None or not ctx.state.can_view_rs(ctx.user, rs):
        raise not_found("ReaderStudy")
    return rs


@route("/api/v1/reader-studies/", "GET", "reader_studies_list")
def rs_list(ctx: Ctx) -> Any:
    st = ctx.state
    items = [r for r in st.reader_studies.values() if st.can_view_rs(ctx.user, r)]
    items = slug_filter(ctx, items)
    items.sort(key=lambda r: r.created)
    return paginate(ctx, items, lambda r: ser.reader_study(ctx, r))


@route("/api/v1/reader-studies/<id>/", "GET", "reader_studies_retrieve")
def rs_retrieve(ctx: Ctx) -> Any:
    return ser.reader_study(ctx, _rs(ctx))


@route(
    "/api/v1/reader-studies/<id>/ground-truth/<case_pk>/",
    "GET",
    "reader_studies_ground_truth_retrieve",
)
def rs_ground_truth(ctx: Ctx) -> Any:
    st = ctx.state
    rs = _rs(ctx)
    if not (rs.is_educational and st.has_ground_truth(rs.pk)):
        raise detail(404, "Not found.")
    out: dict[str, Any] = {}
    for a in st.answers.values():
        q = st.questions[a.question]
        if (
            not a.is_ground_truth
            or a.display_set != ctx.kwargs["case_pk"]
            or q.reader_study != rs.pk
        ):
            continue
        titles = {o["id"]: o["title"] for o in q.options}
        if q.answer_type == "CHOI":
            text: Any = titles.get(a.answer, "")
        elif q.answer_type == "MCHO":
            text = ", ".join(sorted(titles[i] for i in a.answer if i in titles))
        else:
            text = a.answer
        out[q.pk] = {
            "answer": a.answer,
            "answer_text": text,
            "question_text": q.question_text,
            "options": {str(k): v for k, v in titles.items()},
            "explanation": a.explanation,
        }
    return out


# -- questions --------------------------------------------------------------------------------
@route("/api/v1/reader-studies/questions/", "GET", "reader_studies_questions_list")
def questions_list(ctx: Ctx) -> Any:
    st = ctx.state
    rs = fk_filter(ctx, "reader_study", st.reader_studies)
    items = [
        q
        for q in st.questions.values()
        if st.can_view_rs(ctx.user, st.reader_studies[q.reader_study])
    ]
    if rs is not None:
        items = [q for q in items if q.reader_study in rs]
    items.sort(key=lambda q: (q.order, q.created))
    return paginate(ctx, items, lambda q: ser.question(ctx, q))


@route("/api/v1/reader-studies/questions/<id>/", "GET", "reader_studies_questions_retrieve")
def questions_retrieve(ctx: Ctx) -> Any:
    pk = ctx.kwargs["id"]
    q = ctx.state.questions.get(pk) if is_uuid(pk) else None
    if q is None or not ctx.state.can_view_rs(ctx.user, ctx.state.reader_studies[q.reader_study]):
        raise not_found("Question")
    return ser.question(ctx, q)


# -- display sets -----------------------------------------------------------------------------
def _ordered_display_sets(ctx: Ctx, rs_pk: str) -> list[DisplaySet]:
    return sorted(
        (d for d in ctx.state.display_sets.values() if d.reader_study == rs_pk),
        key=lambda d: (d.order, d.created),
    )


def _ds(ctx: Ctx) -> DisplaySet:
    pk = ctx.kwargs["id"]
    if not is_uuid(pk):
        raise detail(404, "Not found.")
    ds = ctx.state.display_sets.get(pk)
    if ds is None or not ctx.state.can_view_display_sets(
        ctx.user, ctx.state.reader_studies[ds.reader_study]
    ):
        raise not_found("DisplaySet")
    return ds


def _answerable(ctx: Ctx, rs_pk: str) -> int:
    return sum(
        1
        for q in ctx.state.questions.values()
        if q.reader_study == rs_pk and q.answer_type != "HEAD"
    )


@route("/api/v1/reader-studies/display-sets/", "GET", "reader_studies_display_sets_list")
def ds_list(ctx: Ctx) -> Any:
    st = ctx.state
    rs = fk_filter(ctx, "reader_study", st.reader_studies)
    raw = (ctx.args.get("unanswered_by_user") or "False").lower()
    if raw not in ("y", "yes", "t", "true", "on", "1", "n", "no", "f", "false", "off", "0"):
        raise html_error(500, "Server Error (500)")  # strtobool raises ValueError
    unanswered = raw in ("y", "yes", "t", "true", "on", "1")
    username = ctx.args.get("user")
    if username and not unanswered:
        raise ApiError(
            400, ["Specifying a user is only possible when retrieving unanswered display sets."]
        )
    target = ctx.user
    if username:
        try:
            target = st.user(username)
        except KeyError:
            raise html_error(500, "Server Error (500)") from None  # User.DoesNotExist
        rs_obj = st.reader_studies.get(next(iter(rs))) if rs else None
        if target.pk != ctx.user.pk and (rs_obj is None or ctx.user.pk not in rs_obj.editors):
            raise detail(
                403,
                "You do not have permission to retrieve this user's unanswered display sets.",
            )
    if unanswered and rs is None:
        raise ApiError(
            400, ["Please provide a reader study when filtering for unanswered display_sets."]
        )
    items = [
        d
        for d in st.display_sets.values()
        if st.can_view_display_sets(ctx.user, st.reader_studies[d.reader_study])
    ]
    index: dict[str, int] = {}
    if rs is not None:
        (rs_pk,) = rs
        items = [d for d in items if d.reader_study == rs_pk]
        index = {d.pk: n for n, d in enumerate(_ordered_display_sets(ctx, rs_pk))}
        if unanswered:
            n_questions = _answerable(ctx, rs_pk)
            items = [
                d
                for d in items
                if sum(
                    1
                    for a in st.answers.values()
                    if a.display_set == d.pk and a.creator == target.pk and not a.is_ground_truth
                )
                < n_questions
            ]
    items.sort(key=lambda d: (d.order, d.created))
    for other in {d.reader_study for d in items} - (rs or set()):
        index.update({d.pk: n for n, d in enumerate(_ordered_display_sets(ctx, other))})
    return paginate(ctx, items, lambda d: ser.display_set(ctx, d, index=index.get(d.pk)))


@route("/api/v1/reader-studies/display-sets/<id>/", "GET", "reader_studies_display_sets_retrieve")
def ds_retrieve(ctx: Ctx) -> Any:
    ds = _ds(ctx)
    idx = [d.pk for d in _ordered_display_sets(ctx, ds.reader_study)].index(ds.pk)
    return ser.display_set(ctx, ds, index=idx)


def _order_value(value: Any) -> int:
    if value is None:
        raise ApiError(400, {"order": ["This field may not be null."]})
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ApiError(400, {"order": ["A valid integer is required."]})
    try:
        n = int(value)
    except ValueError:
        raise ApiError(400, {"order": ["A valid integer is required."]}) from None
    if n < 0:
        raise ApiError(400, {"order": ["Ensure this value is greater than or equal to 0."]})
    return n


@route("/api/v1/reader-studies/display-sets/", "POST", "reader_studies_display_sets_create")
def ds_create(ctx: Ctx) -> Any:
    user = ctx.require_user()
    st = ctx.state
    data = ctx.data_dict()
    slug = data.get("reader_study")
    if slug is None:  # ``required=False`` on the serializer: the row fails in the database
        raise html_error(500, "Server Error (500)")
    rs = next((r for r in st.reader_studies.values() if r.slug == slug), None)
    if rs is None or user.pk not in rs.editors:
        raise ApiError(400, {"reader_study": [f"Object with slug={slug} does not exist."]})
    order = _order_value(data["order"]) if "order" in data else 0
    title = data.get("title", "")
    if "values" in data:
        validate_values(ctx, data["values"])
        if data["values"]:
            raise ApiError(400, ["Values can only be added via update"])
    _check_ds_title(ctx, rs.pk, title)
    ds = DisplaySet(pk=new_uuid(), reader_study=rs.pk, title=title)
    ds.order = order or st.next_display_set_order(rs.pk)
    st.display_sets[ds.pk] = ds
    return ser.display_set(ctx, ds, post=True), 201


def _check_ds_title(ctx: Ctx, study_pk: str, title: str, exclude: str | None = None) -> None:
    """``unique_display_set_title``: a non-empty title is unique within its reader study."""
    if title and any(
        d.reader_study == study_pk and d.title == title and d.pk != exclude
        for d in ctx.state.display_sets.values()
    ):
        raise ApiError(
            400, {"non_field_errors": ["The fields title, reader_study must make a unique set."]}
        )


def _ds_update(ctx: Ctx, partial: bool) -> Any:
    ctx.require_user()
    st = ctx.state
    ds = _ds(ctx)
    rs = st.reader_studies[ds.reader_study]
    if ctx.user.pk not in rs.editors:
        raise forbidden()
    data = ctx.data_dict()
    pending = validate_values(ctx, data["values"]) if "values" in data else []
    if any(a.display_set == ds.pk for a in st.answers.values()):
        raise ApiError(
            400, ["This display set cannot be changed, as answers for it already exist."]
        )
    if "title" in data:
        _check_ds_title(ctx, rs.pk, str(data["title"]), exclude=ds.pk)
    if "order" in data:
        order = _order_value(data["order"])
        # pre_save signal: 0 means "after the current last one" (this one included, with
        # its stored order)
        ds.order = order or st.next_display_set_order(rs.pk)
    if "title" in data:
        ds.title = str(data["title"])
    if not partial:
        listed = {p.socket.slug for p in pending}
        for slug in list(ds.values):
            if slug not in listed:
                del ds.values[slug]
    apply_values(ctx, ("display_set", ds.pk), ds.values, pending)
    return ser.display_set(ctx, ds, post=True)


@route(
    "/api/v1/reader-studies/display-sets/<id>/",
    "PATCH",
    "reader_studies_display_sets_partial_update",
)
def ds_patch(ctx: Ctx) -> Any:
    return _ds_update(ctx, partial=True)


@route("/api/v1/reader-studies/display-sets/<id>/", "PUT", "reader_studies_display_sets_update")
def ds_put(ctx: Ctx) -> Any:
    return _ds_update(ctx, partial=False)


# -- answers -----------------------------------------------------------------------------------
_DURATION = re.compile(
    r"^P(?:(?P<d>\d+(?:\.\d+)?)D)?(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)
_HMS = re.compile(r"^(?:(?P<d>\d+) )?(?:(?:(?P<h>\d+):)?(?P<m>\d+):)?(?P<s>\d+(?:\.\d+)?)$")


def parse_duration(value: Any) -> float | None:
    """Seconds from a DRF duration (``"P0DT00H00M12S"`` or ``"[DD] [HH:[MM:]]ss"``).

    Example:
        >>> parse_duration("P0DT00H01M12S")
        72.0
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise ApiError(
            400,
            {
                "last_edit_duration": [
                    "Duration has wrong format. Use one of these formats instead: "
                    "[DD] [HH:[MM:]]ss[.uuuuuu]."
                ]
            },
        )
    m = _DURATION.match(value) or _HMS.match(value)
    if m is None or value == "P":
        raise ApiError(
            400,
            {
                "last_edit_duration": [
                    "Duration has wrong format. Use one of these formats instead: "
                    "[DD] [HH:[MM:]]ss[.uuuuuu]."
                ]
            },
        )
    g = {k: float(v) if v else 0.0 for k, v in m.groupdict().items()}
    return g["d"] * 86400 + g["h"] * 3600 + g["m"] * 60 + g["s"]


EMPTY_ANSWER: dict[str, Any] = {"TEXT": "", "MCHO": []}  # every other type: None


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _type_ok(answer_type: str, answer: Any) -> bool:
    """The answer against ANSWER_TYPE_SCHEMA (null allowed where null is the empty value)."""
    if answer is None and EMPTY_ANSWER.get(answer_type) is None:
        return answer_type != "HEAD"
    if answer_type == "BOOL":
        return isinstance(answer, bool)
    if answer_type in ("NUMB", "CHOI"):
        return _is_number(answer)
    if answer_type == "TEXT":
        return isinstance(answer, str)
    if answer_type == "MCHO":
        return isinstance(answer, list) and all(_is_number(a) for a in answer)
    if answer_type == "MASK":
        return isinstance(answer, dict) and set(answer) <= {"upload_session_pk"}
    return isinstance(answer, dict)


def validate_answer(
    ctx: Ctx, *, creator: Any, q: Any, ds: DisplaySet, answer: Any, instance: Answer | None
) -> None:
    """``Answer.validate`` of the server, in its order."""

    def nfe(msg: str) -> ApiError:
        return ApiError(400, {"non_field_errors": [msg]})

    st = ctx.state
    if q.answer_type == "HEAD":
        raise nfe("Headings are not answerable.")
    if not _type_ok(q.answer_type, answer):
        raise nfe(
            f"Your answer is not the correct type. {ANSWER_TYPES[q.answer_type]} expected, "
            f"{type(answer)} found."
        )
    if ds.reader_study != q.reader_study:
        raise nfe(f"Display set {ds.pk} does not belong to this reader study.")
    if any(
        a.creator == creator.pk
        and a.display_set == ds.pk
        and a.question == q.pk
        and not a.is_ground_truth
        and (instance is None or a.pk != instance.pk)
        for a in st.answers.values()
    ):
        raise nfe(
            f"User {creator.username} has already answered this question for this display set."
        )
    if creator.pk not in st.reader_studies[q.reader_study].readers:
        raise nfe("This user is not a reader for this study.")
    option_ids: list[Any] = [o["id"] for o in q.options]
    if q.answer_type == "CHOI":
        if not q.required:
            option_ids.append(None)
        if answer not in option_ids:
            raise nfe("Provided option is not valid for this question")
    if q.answer_type == "MCHO" and not all(a in option_ids for a in answer):
        raise nfe("Provided options are not valid for this question")
    empty = answer == EMPTY_ANSWER.get(q.answer_type) and q.answer_type != "MASK"
    if q.required and empty:
        raise nfe("Answer for required question cannot be empty")


def _answer(ctx: Ctx) -> Answer:
    pk = ctx.kwargs["id"]
    if not is_uuid(pk):
        raise detail(404, "Not found.")
    a = ctx.state.answers.get(pk)
    if a is None or not ctx.state.can_view_answer(ctx.user, a):
        raise not_found("Answer")
    return a


def _answers_filtered(ctx: Ctx, items: list[Answer]) -> list[Answer]:
    st = ctx.state
    creator = ctx.args.get("creator")
    if creator:  # CharFilter on creator__username: unknown names just match nothing
        items = [a for a in items if st.users[a.creator].username == creator]
    rs = fk_filter(ctx, "question__reader_study", st.reader_studies)
    if rs is not None:
        items = [a for a in items if st.questions[a.question].reader_study in rs]
    ds = fk_filter(ctx, "display_set", st.display_sets)
    if ds is not None:
        items = [a for a in items if a.display_set in ds]
    gt = bool_filter(ctx, "is_ground_truth")
    if gt is not None:
        items = [a for a in items if a.is_ground_truth == gt]
    items.sort(key=lambda a: a.created)
    return items


@route("/api/v1/reader-studies/answers/", "GET", "reader_studies_answers_list")
def answers_list(ctx: Ctx) -> Any:
    st = ctx.state
    items = [a for a in st.answers.values() if st.can_view_answer(ctx.user, a)]
    return paginate(ctx, _answers_filtered(ctx, items), lambda a: ser.answer(ctx, a))


@route("/api/v1/reader-studies/answers/mine/", "GET", "reader_studies_answers_mine_retrieve")
def answers_mine(ctx: Ctx) -> Any:
    items = [
        a for a in ctx.state.answers.values() if a.creator == ctx.user.pk and not a.is_ground_truth
    ]
    return paginate(ctx, _answers_filtered(ctx, items), lambda a: ser.answer(ctx, a))


@route("/api/v1/reader-studies/answers/<id>/", "GET", "reader_studies_answers_retrieve")
def answers_retrieve(ctx: Ctx) -> Any:
    return ser.answer(ctx, _answer(ctx))


@route("/api/v1/reader-studies/answers/", "POST", "reader_studies_answers_create")
def answers_create(ctx: Ctx) -> Any:
    user = ctx.require_user()
    st = ctx.state
    data = ctx.data_dict()
    errors: dict[str, list[str]] = {}
    q = ds = None
    if "question" not in data:
        errors["question"] = ["This field is required."]
    else:
        try:
            pk = parse_hyperlink(ctx, data["question"], "reader_studies_questions_retrieve")
            q = st.questions.get(pk) if is_uuid(pk) else None  # Question.objects.all()
            if q is None:
                raise FieldError(DOES_NOT_EXIST)
        except FieldError as e:
            errors["question"] = [e.message]
    if data.get("display_set") is None and not errors:
        raise html_error(500, "Server Error (500)")
    if data.get("display_set") is not None:
        try:
            pk = parse_hyperlink(ctx, data["display_set"], "reader_studies_display_sets_retrieve")
            ds = st.display_sets.get(pk) if is_uuid(pk) else None
            if ds is None or not st.can_view_display_sets(user, st.reader_studies[ds.reader_study]):
                raise FieldError(DOES_NOT_EXIST)
        except FieldError as e:
            errors["display_set"] = [e.message]
    duration = None
    try:
        duration = parse_duration(data.get("last_edit_duration"))
    except ApiError as e:
        errors.update(e.body)
    if errors:
        raise ApiError(400, errors)
    assert q is not None and ds is not None
    answer = data.get("answer")
    validate_answer(ctx, creator=user, q=q, ds=ds, answer=answer, instance=None)
    a = Answer(
        pk=new_uuid(),
        creator=user.pk,
        display_set=ds.pk,
        question=q.pk,
        answer=answer,
        last_edit_duration=duration,
        total_edit_duration=duration,
    )
    st.answers[a.pk] = a
    return ser.answer(ctx, a), 201


def _answer_update(ctx: Ctx) -> Any:
    user = ctx.require_user()
    st = ctx.state
    a = _answer(ctx)
    if a.creator != user.pk:
        raise forbidden()
    q = st.questions[a.question]
    rs = st.reader_studies[q.reader_study]
    data = ctx.data_dict()
    if not rs.allow_answer_modification:
        raise ApiError(
            400, {"non_field_errors": ["This reader study does not allow answer modification."]}
        )
    if set(data) - {"answer", "last_edit_duration"}:
        raise ApiError(
            400,
            {"non_field_errors": ["Only the answer and last_edit_duration field can be modified."]},
        )
    duration = parse_duration(data.get("last_edit_duration"))
    answer = data.get("answer")  # the server saves None when it is left out
    validate_answer(
        ctx,
        creator=user,
        q=q,
        ds=st.display_sets[a.display_set],
        answer=answer,
        instance=a,
    )
    a.answer = answer
    a.last_edit_duration = duration
    if duration is not None:
        a.total_edit_duration = (a.total_edit_duration or 0.0) + duration
    a.modified = now()
    return ser.answer(ctx, a)


@route("/api/v1/reader-studies/answers/<id>/", "PATCH", "reader_studies_answers_partial_update")
def answers_patch(ctx: Ctx) -> Any:
    return _answer_update(ctx)


@route("/api/v1/reader-studies/answers/<id>/", "PUT", "reader_studies_answers_update")
def answers_put(ctx: Ctx) -> Any:
    return _answer_update(ctx)

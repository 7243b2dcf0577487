"""``/api/v1/algorithms/``, ``…/images/`` and ``…/jobs/`` (research §6)."""

from __future__ import annotations

from typing import Any

from .. import serializers as ser
from ..api import ApiError, Ctx, detail, not_found, route
from ..hyperlinks import DOES_NOT_EXIST, FieldError, is_uuid, parse_hyperlink
from ..models import Algorithm, Job, new_uuid
from ..pagination import paginate
from ..values import PendingValue, apply_values, required_inputs
from .common import fk_filter, multi_fk_filter, slug_filter

MAX_ACTIVE_JOBS = 16


def oxford_comma(items: list[str]) -> str:
    """``a, b, and c`` / ``a and b`` / ``a``, as the server's template tag.

    Example:
        >>> oxford_comma(["a", "b", "c"])
        'a, b, and c'
    """
    if len(items) > 2:
        return ", and ".join([", ".join(items[:-1]), items[-1]])
    if len(items) == 2:
        return " and ".join(items)
    return items[0] if items else ""


@route("/api/v1/algorithms/", "GET", "algorithms_list")
def algorithms_list(ctx: Ctx) -> Any:
    st = ctx.state
    items = [a for a in st.algorithms.values() if st.can_view_algorithm(ctx.user, a)]
    items = slug_filter(ctx, items)
    items.sort(key=lambda a: a.created)
    return paginate(ctx, items, lambda a: ser.algorithm(ctx, a))


def _algorithm(ctx: Ctx) -> Algorithm:
    pk = ctx.kwargs["id"]
    if not is_uuid(pk):
        raise detail(404, "Not found.")
    a = ctx.state.algorithms.get(pk)
    if a is None or not ctx.state.can_view_algorithm(ctx.user, a):
        raise not_found("Algorithm")
    return a


@route("/api/v1/algorithms/<id>/", "GET", "algorithms_retrieve")
def algorithms_retrieve(ctx: Ctx) -> Any:
    return ser.algorithm(ctx, _algorithm(ctx))


@route("/api/v1/algorithms/images/", "GET", "algorithms_images_list")
def algorithm_images_list(ctx: Ctx) -> Any:
    st = ctx.state
    alg = fk_filter(ctx, "algorithm", st.algorithms)
    items = [
        i for i in st.algorithm_images.values() if ctx.user.pk in st.algorithms[i.algorithm].editors
    ]
    if alg is not None:
        items = [i for i in items if i.algorithm in alg]
    return paginate(ctx, items, lambda i: ser.algorithm_image(ctx, i))


@route("/api/v1/algorithms/images/<id>/", "GET", "algorithms_images_retrieve")
def algorithm_images_retrieve(ctx: Ctx) -> Any:
    pk = ctx.kwargs["id"]
    i = ctx.state.algorithm_images.get(pk) if is_uuid(pk) else None
    if i is None or ctx.user.pk not in ctx.state.algorithms[i.algorithm].editors:
        raise not_found("AlgorithmImage")
    return ser.algorithm_image(ctx, i)


# -- jobs -----------------------------------------------------------------------------------
@route("/api/v1/algorithms/jobs/", "GET", "algorithms_jobs_list")
def jobs_list(ctx: Ctx) -> Any:
    st = ctx.state
    alg = fk_filter(ctx, "algorithm_image__algorithm", st.algorithms)
    input_image = multi_fk_filter(ctx, "input_image", st.images)
    output_image = multi_fk_filter(ctx, "output_image", st.images)
    items = [j for j in st.jobs.values() if st.can_view_job(ctx.user, j)]
    if alg is not None:
        items = [j for j in items if j.algorithm in alg]

    def images(civ_pks: Any) -> set[str]:
        return {c.image for p in civ_pks if (c := st.civs[p]).image}

    if input_image is not None:
        items = [j for j in items if images(j.inputs.values()) & input_image]
    if output_image is not None:
        items = [j for j in items if images(j.outputs.values()) & output_image]
    items.sort(key=lambda j: j.created)
    return paginate(ctx, items, lambda j: ser.job(ctx, j))


@route("/api/v1/algorithms/jobs/<id>/", "GET", "algorithms_jobs_retrieve")
def jobs_retrieve(ctx: Ctx) -> Any:
    pk = ctx.kwargs["id"]
    if not is_uuid(pk):
        raise detail(404, "Not found.")
    j = ctx.state.jobs.get(pk)
    if j is None or not ctx.state.can_view_job(ctx.user, j):
        raise not_found("Job")
    return ser.job(ctx, j)


def _existing_civ(ctx: Ctx, slug: str, kind: str, value: Any) -> int | None:
    for c in ctx.state.civs.values():
        if c.socket != slug:
            continue
        if kind == "image" and c.image == value:
            return c.pk
        if (
            kind == "value"
            and c.image is None
            and c.file_key is None
            and c.value == value
            and type(c.value) is type(value)
        ):
            return c.pk
    return None


def interfaces_mismatch(ctx: Ctx, alg: Algorithm, pending: list[PendingValue]) -> str | None:
    """The server's message when the inputs match none of the algorithm's interfaces."""
    st = ctx.state
    slugs = {p.socket.slug for p in pending}
    if len(slugs) == len(pending) and any(set(ins) == slugs for ins, _ in alg.interfaces):
        return None
    combos = oxford_comma(
        [
            "Interface {}: {}".format(
                n,
                oxford_comma([f"{st.sockets[i].title} ({st.sockets[i].kind_label})" for i in ins]),
            )
            for n, (ins, _) in enumerate(alg.interfaces, 1)
        ]
    )
    return (
        "The set of inputs provided does not match any of the algorithm's interfaces. "
        f"This algorithm supports the following input combinations: {combos}"
    )


@route("/api/v1/algorithms/jobs/", "POST", "algorithms_jobs_create")
def jobs_create(ctx: Ctx) -> Any:
    user = ctx.require_user()
    st = ctx.state
    data = ctx.data_dict()
    errors: dict[str, Any] = {}
    alg: Algorithm | None = None
    if "algorithm" not in data:
        errors["algorithm"] = ["This field is required."]
    else:
        try:
            pk = parse_hyperlink(ctx, data["algorithm"], "algorithms_retrieve")
            alg = st.algorithms.get(pk) if is_uuid(pk) else None
            if alg is None or not st.can_execute_algorithm(user, alg):
                raise FieldError(DOES_NOT_EXIST)
        except FieldError as e:
            errors["algorithm"] = [e.message]
    pending = required_inputs(ctx, data, errors)
    if errors:
        raise ApiError(400, errors)
    assert alg is not None

    def nfe(msg: str) -> ApiError:
        return ApiError(400, {"non_field_errors": [msg]})

    image = st.algorithm_images.get(alg.image_pk)
    if image is None or not image.is_active:
        raise nfe("Algorithm image is not ready to be used")
    if alg.credits_per_user is not None and (
        sum(1 for j in st.jobs.values() if j.algorithm == alg.pk and j.creator == user.pk)
        >= alg.credits_per_user
    ):
        raise nfe("You have run out of algorithm credits")
    general = ctx.gc.algorithm_credits
    if alg.credits_per_user is None and general is not None:
        # the monthly credits of the user (``get_remaining_general_credits``): jobs of
        # algorithms with credits of their own do not count, every other job costs one
        specific = {a.pk for a in st.algorithms.values() if a.credits_per_user is not None}
        spent = sum(
            1 for j in st.jobs.values() if j.creator == user.pk and j.algorithm not in specific
        )
        if spent >= general:
            raise nfe("You have run out of algorithm credits")
    if st.active_jobs(user.pk) >= MAX_ACTIVE_JOBS:
        raise nfe("You have too many active jobs, please try again after they have completed")
    mismatch = interfaces_mismatch(ctx, alg, pending)
    if mismatch is not None:
        raise nfe(mismatch)
    if all(p.kind in ("value", "image") for p in pending):
        civ_pks = {
            _existing_civ(ctx, p.socket.slug, p.kind, p.value if p.kind == "value" else p.image)
            for p in pending
        }
        if None not in civ_pks and any(
            j.algorithm_image == alg.image_pk and set(j.inputs.values()) == civ_pks
            for j in st.jobs.values()
        ):
            raise nfe("A result for these inputs with the current image and model already exists.")
    job = Job(pk=new_uuid(), algorithm=alg.pk, algorithm_image=alg.image_pk, creator=user.pk)
    job.viewers.add(user.pk)
    st.jobs[job.pk] = job
    job.pending_inputs = apply_values(ctx, ("job", job.pk), job.inputs, pending)
    body = ser.job_post(ctx, job)
    if job.pending_inputs == 0:
        ctx.gc.worker.submit(ctx.gc.tasks.job_queue, job.pk)
    return body, 201

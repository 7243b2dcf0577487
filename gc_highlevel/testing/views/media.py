"""``/media/...`` file downloads: 302 redirects to presigned S3 GET URLs (research §7.2)."""

from __future__ import annotations

from typing import Any

from werkzeug.wrappers import Response

from ..api import Ctx, html_error, route
from ..hyperlinks import is_uuid


def _redirect(ctx: Ctx, key: str, filename: str) -> Response:
    storage = ctx.gc.storage
    if not storage.exists(storage.protected_bucket, key):
        raise html_error(404, "File not found.")
    url = storage.presign(
        "get_object",
        {
            "Bucket": storage.protected_bucket,
            "Key": key,
            "ResponseContentDisposition": f'attachment; filename="{filename}"',
        },
    )
    return Response("", status=302, headers={"Location": url})


@route("/media/images/<a>/<b>/<image>/<file>/<name>", "GET", "media_image_file")
def image_file(ctx: Ctx) -> Any:
    """``serve_images``: unknown image 404, no ``view_image`` 403, missing file 404."""
    pk = ctx.kwargs["image"]
    img = ctx.state.images.get(pk) if is_uuid(pk) else None
    if img is None:
        raise html_error(404, "Image not found.")
    if not ctx.state.can_view_image(ctx.user, img):
        raise html_error(403, "403 Forbidden")
    k = ctx.kwargs
    key = f"images/{k['a']}/{k['b']}/{pk}/{k['file']}/{k['name']}"
    return _redirect(ctx, key, k["name"])


@route("/media/components/componentinterfacevalue/<a>/<b>/<civ>/<name>", "GET", "media_civ_file")
def civ_file(ctx: Ctx) -> Any:
    st = ctx.state
    try:
        civ = st.civs.get(int(ctx.kwargs["civ"]))
    except ValueError:
        civ = None
    if civ is None or civ.file_key is None or civ.file_name != ctx.kwargs["name"]:
        raise html_error(404, "Page not found")
    u = ctx.user
    visible = (
        any(
            civ.pk in i.values.values() and st.can_view_archive_items(u, st.archives[i.archive])
            for i in st.archive_items.values()
        )
        or any(
            civ.pk in d.values.values()
            and st.can_view_display_sets(u, st.reader_studies[d.reader_study])
            for d in st.display_sets.values()
        )
        or any(
            civ.pk in set(j.inputs.values()) | set(j.outputs.values()) and st.can_view_job(u, j)
            for j in st.jobs.values()
        )
        or any(
            civ.pk in set(i.inputs.values()) | set(i.outputs.values())
            and st.can_view_invocation(u, i)
            for i in st.invocations.values()
        )
    )
    if not visible:
        raise html_error(404, "Page not found")
    return _redirect(ctx, civ.file_key, civ.file_name)

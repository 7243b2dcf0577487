"""Uploads of a case: its files sent in parallel, uploads kept by an interrupted run finished
instead of sent again, and the check that recorded uploads can still be used.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from gc_highlevel._exceptions import APIStatusError, ObjectNotFoundError, UploadError
from gc_highlevel.dicom import PreparedFiles, keep_image_file, prepare_image_files
from gc_highlevel.progress import ByteTally, ProgressOption
from gc_highlevel.socket_values import CasePlan, Route

if TYPE_CHECKING:
    from gc_api.models.user_upload import UserUpload
    from gc_highlevel._async._client import AsyncClient

_log = logging.getLogger("gc_highlevel")


async def upload_case(
    client: AsyncClient,
    plan: CasePlan,
    *,
    partial: Mapping[str, str] | None = None,
    on_partial: Callable[[dict[str, str]], None] | None = None,
    tally: ByteTally | None = None,
) -> dict[str, list[str]]:
    """Upload the files of ``plan`` (in parallel); the uploads' ``api_url``s by socket slug.

    The uploads show no bar; with ``tally``, the bytes they send are reported to it (the
    ``byte_progress=`` of the batch calls).

    With ``on_partial``, every file's upload is reported (``{path: api_url}``, all so far) as
    soon as the server has made it, and kept when its transfer fails or is interrupted; given
    back as ``partial`` (by the rerun of a batch), such uploads are finished with
    ``resume_upload`` (only the parts the server lacks are sent) instead of sent again.

    DICOM files are de-identified first where they must be (DICOM Image Set sockets,
    ``gc_highlevel.dicom.DicomFiles(deidentify=True)``) and a DICOM series (or an image of
    many files) goes as one zip the server extracts: see :mod:`gc_highlevel.dicom`. Those
    copies live in a temporary folder removed before this returns; with ``on_partial`` a
    failure leaves it for the rerun, whose kept uploads are of those very files. So does the
    file written for an in-memory image (:func:`gc_highlevel.dicom.keep_image_file`).
    """
    resumable = on_partial is not None  # a journal keeps the uploads a failure leaves
    prepared: list[PreparedFiles] = []
    try:
        for v in plan.values:
            if v.route is Route.IMAGE_UPLOAD and v.paths:
                if resumable and v.content_key is not None and len(v.paths) == 1:
                    # an in-memory image's file: kept in a place the rerun finds again
                    key = f"{plan.fingerprint()}:{v.slug}"
                    prepared.append(keep_image_file(v.paths[0], key))
                    continue
                prepared.append(prepare_image_files(v.slug, v.kind, v.paths, reusable=resumable))
        urls = await _upload_prepared(client, plan, prepared, partial, on_partial, tally)
    except BaseException:
        for files in prepared:
            files.close(keep=resumable)  # the rerun finds them, and the kept uploads, again
        raise
    for files in prepared:
        files.close()
    return urls


async def _upload_prepared(
    client: AsyncClient,
    plan: CasePlan,
    prepared: list[PreparedFiles],
    partial: Mapping[str, str] | None,
    on_partial: Callable[[dict[str, str]], None] | None,
    tally: ByteTally | None,
) -> dict[str, list[str]]:
    """:func:`upload_case` once DICOM series are de-identified and zipped where they go so
    (``prepared``, in the order of the image values)."""
    sent = iter(prepared)
    paths = [
        (v.slug, p)
        for v in plan.values
        if v.needs_upload
        for p in (next(sent).paths if v.route is Route.IMAGE_UPLOAD and v.paths else v.paths)
    ]
    urls: dict[str, list[str]] = {}
    if paths:
        known = dict(partial or {})
        done: list[str | None] = [None] * len(paths)
        for index, (_, path) in enumerate(paths):
            if str(path) in known:
                done[index] = await _finish_kept(client, known[str(path)], path, tally)
        rest = [index for index, url in enumerate(done) if url is None]

        def created(index: int, upload: UserUpload) -> None:
            known[str(paths[rest[index]][1])] = upload.api_url
            if on_partial is not None:
                on_partial(dict(known))

        if rest:
            results = await client.transfers.upload_many(
                [paths[index][1] for index in rest],
                progress=_progress(tally),
                keep_on_failure=on_partial is not None,
                on_created=created if on_partial is not None else None,
            )
            for outcome in results.failed:  # the first file's own UploadError names it
                if outcome.error is not None:
                    raise outcome.error
            for index, upload in zip(rest, results.values(), strict=True):
                done[index] = upload.api_url
        for (slug, _), url in zip(paths, done, strict=True):
            assert url is not None
            urls.setdefault(slug, []).append(url)
    for v in plan.values:
        if v.needs_upload and v.data is not None:
            upload = await client.transfers.upload(
                v.data, filename=v.filename, progress=_progress(tally)
            )
            urls[v.slug] = [upload.api_url]
    return urls


def _progress(tally: ByteTally | None) -> ProgressOption:
    """The ``progress=`` of one upload call: reported to ``tally``, else silent."""
    return tally.call() if tally is not None else False


async def _finish_kept(
    client: AsyncClient, url: str, path: Path, tally: ByteTally | None
) -> str | None:
    """The ``api_url`` of the kept upload of ``path`` once complete (its missing parts sent),
    or None if it is gone or cannot be finished (the file is then sent again)."""
    try:
        upload = await client.uploads.get(api_url=url)
    except (ObjectNotFoundError, APIStatusError):
        return None
    if upload.status == "Completed":
        return upload.api_url
    try:
        done = await client.transfers.resume_upload(upload, path, progress=_progress(tally))
    except UploadError as exc:
        _log.info("could not resume the upload of %s (%s); sending it again", path, exc)
        return None
    return done.api_url


async def uploads_still_usable(client: AsyncClient, uploads: dict[str, list[str]]) -> bool:
    """Whether every recorded upload still exists and is completed (so it can be reused)."""
    for urls in uploads.values():
        for url in urls:
            try:
                upload = await client.uploads.get(api_url=url)
            except (ObjectNotFoundError, APIStatusError):
                return False
            if upload.status != "Completed":
                return False
    return True

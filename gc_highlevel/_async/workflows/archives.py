"""Archive workflows: add cases without empty items, edit item values, mirror an archive.

Reached through ``client.archives`` (``add_cases``, ``set_values``, ``change_socket``,
``cases``, ``mirror``).
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gc_highlevel._async._references import parse_ref, ref_pk
from gc_highlevel._async.resources.archives import AsyncArchives
from gc_highlevel._async.workflows._attach import wait_until_attached
from gc_highlevel._async.workflows._batches import DEFAULT_CASE_CONCURRENCY, finish
from gc_highlevel._async.workflows._case_uploads import upload_case
from gc_highlevel._async.workflows._journals import JournalOption, StepCallback, batch_journal
from gc_highlevel._async.workflows._titles import check_titles
from gc_highlevel._async.workflows._value_sets import ValueSetBatch, ValueSetOps, refillable
from gc_highlevel._exceptions import (
    DownloadError,
    InvalidArgumentError,
    InvalidReferenceError,
    ObjectNotFoundError,
    SocketKindError,
)
from gc_highlevel._references import Ref
from gc_highlevel._transfer.download_state import PARTIAL_SUFFIX, STATE_SUFFIX
from gc_highlevel._validate import check_count
from gc_highlevel.naming import (
    IMAGE_TYPE_SUFFIX,
    choose_image_file,
    safe_filename,
    strip_image_suffix,
    unique_names,
)
from gc_highlevel.progress import ProgressCallback
from gc_highlevel.socket_values import CasePlan, CaseValues, plan_case, plan_cases, precheck_cases
from gc_highlevel.types import socket_of
from gc_highlevel.workflow_types import ArchiveCase, BatchResult, MirrorResult

if TYPE_CHECKING:
    from gc_api.models.archive import Archive
    from gc_api.models.archive_item import ArchiveItem
    from gc_api.models.archive_item_post import ArchiveItemPost
    from gc_api.models.component_interface_value_post_request import (
        ComponentInterfaceValuePostRequest,
    )

__all__ = ["AsyncArchiveWorkflows"]

#: The mirror's record of the files it downloaded and their sizes (checked by the next run).
_MIRROR_RECORD = ".gcmirror.json"


class AsyncArchiveWorkflows(AsyncArchives):
    """``client.archives``: the resource's calls (see :class:`AsyncArchives`) and its workflows."""

    async def _resolve(self, archive: Ref) -> Archive:
        """An archive from the object, its slug, title (as in the tutorials), pk or ``api_url``."""
        from gc_api.models.archive import Archive

        if isinstance(archive, Archive):
            return archive
        ref = parse_ref(archive, "archives/", what="archive", titles=True)
        try:
            return await self._client.archives.get(ref)
        except (ObjectNotFoundError, InvalidReferenceError):  # a title is not a slug
            if not isinstance(ref, str):  # a pk or api_url: no title to fall back on
                raise
            async for candidate in self._client.archives.list(page_size=1000):
                if candidate.title == ref:
                    return candidate
            raise

    async def _plan(self, cases: Sequence[CaseValues], *, target: str) -> list[CasePlan]:
        """Look the sockets up (one request for one slug, one for several) and validate."""
        slugs = {
            str(k)
            for case in cases
            for k in (case.keys() if isinstance(case, Mapping) else (k for k, _ in case))
        }
        sockets = await self._client.sockets.get_many(slugs)
        return plan_cases(cases, sockets, target=target, known=self._client.sockets.known())

    # -- adding cases ------------------------------------------------------------------------

    async def add_cases(
        self,
        archive: Ref,
        cases: Sequence[CaseValues] | Mapping[str, object],
        *,
        titles: Sequence[str] | None = None,
        journal: JournalOption = True,
        concurrency: int = DEFAULT_CASE_CONCURRENCY,
        progress: bool | None = None,
        byte_progress: ProgressCallback | None = None,
        on_step: StepCallback | None = None,
        wait_for_lock: float | None = None,
        wait: bool = True,
        timeout: float | None = 600,
        raise_on_error: bool = True,
    ) -> BatchResult[ArchiveItemPost]:
        """Add one archive item per case: images, files and values together.

        Every case is validated first (unknown socket, wrong kind, missing file... raise before
        any upload). Then, per case: the files are uploaded, the item is created only now,
        and all values are set in one request, so a failure never leaves an empty item. The
        journal (default: in the user cache dir) makes a rerun of the same batch skip finished
        cases and reuse the uploads and the item of an interrupted one: exactly one item per
        case. An item is created titled with a marker the journal records (``gc-client:``
        and a random token) and gets its title (``titles``, else none) with its values, so a
        rerun after a lost answer adopts exactly that item; after a crash right after the
        create, the item shows that marker until the batch is rerun. The server imports images
        and files in the background; the call waits until every value has appeared (one list
        request per round; ``wait=False`` returns at once).
        A case whose files the server could not import fails with :class:`ImportFailedError`
        (the server's message; its item stays, without those files, as the API cannot delete
        it, and a rerun after fixing the file fills that item); a case still importing after
        ``timeout`` seconds fails with :class:`ValuesNotAttachedError`. A refusal that would
        repeat for every case (no permission on the archive, the archive gone, your upload
        limit reached) stops the batch: the cases not started yet fail with
        :class:`CaseNotStartedError` (``result.not_started``) without uploading anything.

        ``byte_progress`` receives the bytes the uploads send, as
        :class:`~gc_highlevel.progress.ProgressEvent` objects for the whole batch
        (``done``/``total`` over every file; ``total`` grows as uploads start; parts a rerun
        finds on the server count as done). The uploads themselves show no bar (``progress``
        counts cases).

        Another run of the same batch (same journal file; another process too) is waited for,
        then this one resumes from the journal, making nothing twice: as long as it takes by
        default, else up to ``wait_for_lock`` seconds before :class:`BatchInProgressError`
        (0: fail at once). ``journal=False`` takes no lock.

        If any case failed, :class:`~gc_highlevel.BatchError` is raised once every other case
        has finished, with the whole result as its ``.result``; ``raise_on_error=False``
        returns the result instead (see ``result.failed``).

        Example:
            >>> result = await client.archives.add_cases(
            ...     "radboudcovid",
            ...     [{"ct-image": p, "lung-volume": 1.9} for p in Path("scans").glob("*.mha")],
            ... )
            >>> result.raise_for_errors()
        """
        check_count("concurrency", concurrency)
        # One case may be given as its dict of values, as in ``algorithms.run``.
        case_list = precheck_cases(cases)
        arch = await self._resolve(archive)
        target = f"archive {arch.title!r}"
        plans = await self._plan(case_list, target=target)
        check_titles(titles, len(plans), "archive")

        async def create(index: int, marker: str) -> uuid.UUID:
            item = await self._client.archive_items.create(archive=arch, title=marker)
            return item.pk

        async def fill(
            pk: uuid.UUID, index: int, values: list[ComponentInterfaceValuePostRequest]
        ) -> ArchiveItemPost:
            title = titles[index] if titles is not None else ""
            return await self._client.archive_items.partial_update(pk, values=values, title=title)

        async def adopt(marker: str) -> uuid.UUID | None:
            async for item in self._client.archive_items.list(archive=arch, page_size=1000):
                if item.title == marker:
                    return item.pk
            return None

        async def reuse(pk: uuid.UUID, index: int) -> bool:
            try:
                item = await self._client.archive_items.get(pk)
            except ObjectNotFoundError:
                return False
            # its title is set by the fill
            return refillable((socket_of(v).slug for v in item.values), plans[index])

        async def exists() -> bool:
            try:
                await self._client.archives.get(arch.pk)
            except ObjectNotFoundError:
                return False
            return True

        async def present() -> dict[str, set[str]]:
            listing = self._client.archive_items.list(archive=arch, page_size=1000)
            return {str(i.pk): {socket_of(v).slug for v in i.values} async for i in listing}

        async with batch_journal(
            journal, f"archive-{arch.pk}", self._client, wait_for_lock=wait_for_lock
        ) as book:
            batch = ValueSetBatch(
                self._client,
                target=f"archive:{arch.pk}",
                journal=book,
                ops=ValueSetOps("item", create, fill, adopt, reuse, exists=exists, present=present),
                on_step=on_step,
                byte_progress=byte_progress,
            )
            result = await batch.run(
                plans,
                concurrency=concurrency,
                progress=progress,
                description=f"add to {arch.title}",
            )
            if wait:
                result = await batch.settle(result, plans, present, timeout=timeout)
        return finish(result, raise_on_error=raise_on_error)

    # -- editing items -----------------------------------------------------------------------

    async def set_values(
        self, item: Ref, values: CaseValues, *, wait: bool = False, timeout: float | None = 600
    ) -> ArchiveItemPost:
        """Add or replace some values of an item (others stay): an overlay, a file, a value.

        Validated first; files are uploaded, then one PATCH sets everything. With ``wait=True``
        the call returns once the server has attached the uploaded images and files.

        Example:
            >>> await client.archives.set_values(item, {"generic-overlay": Path("overlay.mha"),
            ...                                         "report": Path("report.pdf"),
            ...                                         "lung-volume": 1.9})
        """
        pk = _item_pk(item)
        pairs = list(values.items()) if isinstance(values, Mapping) else list(values)
        sockets = await self._client.sockets.get_many([str(k) for k, _ in pairs])
        plan = plan_case(pairs, sockets, target="archive item", known=self._client.sockets.known())
        wait = wait and plan.upload_count > 0
        old: dict[str, int] = {}
        if wait:  # replaced values count as attached once their socket value is a new one
            old = {
                socket_of(v).slug: v.pk for v in (await self._client.archive_items.get(pk)).values
            }
        uploads = await upload_case(self._client, plan)
        result = await self._client.archive_items.partial_update(pk, values=plan.requests(uploads))
        if wait:
            uploaded = {v.slug for v in plan.values if v.needs_upload}

            async def present() -> dict[str, set[str]]:
                current = await self._client.archive_items.get(pk)
                return {
                    str(pk): {
                        socket_of(v).slug
                        for v in current.values
                        if socket_of(v).slug in uploaded and old.get(socket_of(v).slug) != v.pk
                    }
                }

            report = await wait_until_attached(
                self._client,
                present,
                {str(pk): uploaded},
                timeout=timeout,
                clock=self._client._clock,
                uploads={
                    str(pk): {
                        u.rstrip("/").rsplit("/", 1)[-1] for urls in uploads.values() for u in urls
                    }
                },
            )
            report.raise_for_missing(timeout)
        return result

    async def change_socket(self, item: Ref, *, old: str, new: str) -> ArchiveItemPost:
        """Move the image on socket ``old`` of an item to socket ``new`` (e.g. from
        ``generic-overlay`` to ``tumor-likelihood-map``); ``old`` is removed.

        The item's other values are kept (a PUT lists them all; file values are copied through
        a fresh upload, as the API cannot re-link them).

        Example:
            >>> await client.archives.change_socket(item, old="generic-overlay",
            ...                                     new="tumor-likelihood-map")
        """
        current = await self._client.archive_items.get(_item_pk(item))
        by_slug = {socket_of(v).slug: v for v in current.values}
        moving = by_slug.get(old)
        if moving is None:
            raise InvalidArgumentError(
                f"item {current.pk} has nothing on socket {old!r} "
                f"(it has: {', '.join(sorted(by_slug)) or 'nothing'})"
            )
        if not moving.image:
            raise InvalidArgumentError(
                f"socket {old!r} of item {current.pk} holds a value, not an image; "
                "change_socket moves an image (use set_values for values and files)"
            )
        sockets = await self._client.sockets.get_many([new])
        if new in sockets and sockets[new].super_kind != "Image":
            raise SocketKindError(
                f"socket {new!r} ({sockets[new].kind}) is not an image socket; change_socket "
                "moves an image to another image socket",
                slug=new,
            )
        new_plan = plan_case(
            {new: moving.image},
            sockets,
            target="archive item",
            known=self._client.sockets.known(),
        )
        keep: list[ComponentInterfaceValuePostRequest] = []
        with tempfile.TemporaryDirectory(prefix="gc-change-socket-") as tmp:
            for slug, value in by_slug.items():
                if slug in (old, new):
                    continue
                keep.append(await self._repost(slug, value, Path(tmp)))
        return await self._client.archive_items.update(
            current.pk, values=[*keep, *new_plan.requests()]
        )

    async def _repost(self, slug: str, value: Any, tmp: Path) -> ComponentInterfaceValuePostRequest:
        from gc_api.types import Unset
        from gc_highlevel.types import socket_value

        if value.image:
            return socket_value(slug, image=value.image)
        file_url = value.file if isinstance(value.file, str) else None
        if file_url:
            name = safe_filename(file_url.split("?")[0].rstrip("/").rsplit("/", 1)[-1])
            copy = await self._client.transfers.download(file_url, tmp / name, overwrite=True)
            upload = await self._client.transfers.upload(copy.path, progress=False)
            return socket_value(slug, user_upload=upload.api_url)
        raw = None if isinstance(value.value, Unset) else value.value
        return socket_value(slug, value=raw)

    # -- reading -----------------------------------------------------------------------------

    async def cases(self, archive: Ref) -> list[ArchiveCase]:
        """The archive's items with their values by socket slug (1000 items per request).

        Example:
            >>> for case in await client.archives.cases("radboudcovid"):
            ...     print(case.pk, case.image_url("ct-image"), case.value("lung-volume"))
        """
        arch = await self._resolve(archive)
        items = await self._client.archive_items.list(archive=arch, page_size=1000).to_list()
        return [_case(item) for item in items]

    async def mirror(
        self,
        archive: Ref,
        directory: str | os.PathLike[str],
        *,
        image_types: Sequence[str] = ("MHD", "TIFF"),
        concurrency: int | None = None,
        progress: bool | None = None,
    ) -> MirrorResult:
        """Download a whole archive into ``directory``: each image under its own name with the
        suffix of the file downloaded (``.mha``, ``.tif``: the server converts NIfTI, DICOM...
        but keeps the uploaded name), file values under ``files/<item>_<socket>.<ext>``, and
        ``items.csv`` listing every item's values (image file names, file URLs, JSON values).

        Images sharing a name (also differing only in case) get their pk's first letters added
        (``scan_1a2b3c4d.mha``), decided from the pks, so every run names them alike.

        Resumable: complete files are skipped, partial ones continue (HTTP ``Range``); every
        file is written to a temporary name first and renamed when complete. ``.gcmirror.json``
        records each file's size; a rerun downloads again a file that is the wrong size (or
        that no earlier run recorded) and ends checking every file's size.

        Example:
            >>> result = await client.archives.mirror("coronacases.org", "scans/")
            >>> result.files[0].name
            'coronacases_001.mha'
        """
        if concurrency is not None:
            check_count("concurrency", concurrency)  # before any request
        arch = await self._resolve(archive)
        target = Path(directory)
        target.mkdir(parents=True, exist_ok=True)
        images = await self._client.images.list(archive=[arch.pk], page_size=1000).to_list()
        items = await self._client.archive_items.list(archive=arch, page_size=1000).to_list()
        # (url, key, name): the key (image pk, item pk + socket) decides clashing names
        sources: list[tuple[str, str, str]] = []
        image_keys: dict[str, int] = {}
        for image in images:
            chosen = choose_image_file(image.files, image_types)
            if chosen is not None and str(image.pk) not in image_keys:
                # The server converts uploads (NIfTI, DICOM...) but keeps their names.
                name = strip_image_suffix(image.name or str(image.pk))
                suffix = IMAGE_TYPE_SUFFIX.get(str(chosen.image_type), "")
                image_keys[str(image.pk)] = len(sources)
                sources.append((chosen.file, str(image.pk), safe_filename(name + suffix)))
        for item in items:  # file values (reports, JSON files...) under files/
            label = item.title if isinstance(item.title, str) and item.title else str(item.pk)
            for v in item.values:
                if isinstance(v.file, str) and v.file:
                    suffix = Path(v.file.split("?")[0]).suffix
                    slug = socket_of(v).slug
                    name = safe_filename(f"{label}_{slug}{suffix}")
                    sources.append((v.file, f"{item.pk}-{slug}", f"files/{name}"))
        names = unique_names(
            [(key, name) for _, key, name in sources],
            reserved=("items.csv", "files", _MIRROR_RECORD),
        )
        image_names = {pk: names[i] for pk, i in image_keys.items()}
        record = _load_record(target)
        fresh: list[tuple[str, Path]] = []
        repair: list[tuple[str, Path]] = []
        for (url, key, _), name in zip(sources, names, strict=True):
            path = target / name
            if not path.exists():
                fresh.append((url, path))  # new, or a partial download to continue
            elif record.get(name) == {"key": key, "size": path.stat().st_size}:
                fresh.append((url, path))  # complete: skipped
            else:  # the wrong size, or left by a run that could not record it: fetch again
                repair.append((url, path))
        results = await self._client.transfers.download_many(
            fresh, max_concurrency=concurrency, progress=progress
        )
        outcomes = list(results)
        if repair:
            again = await self._client.transfers.download_many(
                repair, overwrite=True, max_concurrency=concurrency, progress=progress
            )
            outcomes += list(again)
        done = {o.value.path: o.value for o in outcomes if o.value is not None}
        sizes: dict[str, dict[str, object]] = {}
        for (_, key, _), name in zip(sources, names, strict=True):
            path = target / name
            if path in done:
                sizes[name] = {"key": key, "size": done[path].size}
                _remove_partials(path)
        _save_record(target, sizes)
        results.raise_for_errors()
        if repair:
            again.raise_for_errors()
        for (url, _, _), name in zip(sources, names, strict=True):  # the final check
            path = target / name
            found = path.stat().st_size if path.is_file() else None
            if found != sizes[name]["size"]:
                raise DownloadError(
                    f"{path} has {found} bytes after mirroring, expected {sizes[name]['size']}; "
                    "mirror again to download it again.",
                    name=path.name,
                    url=url,
                    destination=path,
                )
        manifest = target / "items.csv"
        _write_manifest(manifest, items, image_names)
        files = [done[target / name] for name in names]
        return MirrorResult(
            target,
            [r.path for r in files],
            sum(r.skipped for r in files),
            manifest,
            repaired=[path for _, path in repair],
            checked=len(files),
        )


def _item_pk(item: Ref) -> uuid.UUID:
    return ref_pk(item, "archives/items/", what="archive item")


def _case(item: ArchiveItem) -> ArchiveCase:
    return ArchiveCase(item, {socket_of(v).slug: v for v in item.values})


def _load_record(target: Path) -> dict[str, object]:
    """What an earlier mirror into ``target`` downloaded: name -> ``{"key", "size"}``."""
    try:
        data = json.loads((target / _MIRROR_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return files if isinstance(files, dict) else {}


def _save_record(target: Path, files: Mapping[str, object]) -> None:
    path = target / _MIRROR_RECORD
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps({"version": 1, "files": files}, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def _remove_partials(path: Path) -> None:
    """Remove partial-download leftovers of the complete file ``path``."""
    for suffix in (PARTIAL_SUFFIX, STATE_SUFFIX):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _write_manifest(
    path: Path, items: Sequence[ArchiveItem], image_names: Mapping[str, str]
) -> None:
    from gc_api.types import Unset

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["item_pk", "title", "socket", "kind", "image_file", "file", "value"])
    for item in items:
        for v in item.values:
            image_pk = v.image.rstrip("/").rsplit("/", 1)[-1] if v.image else ""
            file_url = v.file if isinstance(v.file, str) else ""
            value = "" if isinstance(v.value, Unset) or v.value is None else json.dumps(v.value)
            title = item.title if isinstance(item.title, str) else ""
            writer.writerow(
                [
                    str(item.pk),
                    title,
                    socket_of(v).slug,
                    socket_of(v).kind,
                    image_names.get(image_pk, image_pk),
                    file_url,
                    value,
                ]
            )
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(buffer.getvalue(), encoding="utf-8")
    os.replace(tmp, path)

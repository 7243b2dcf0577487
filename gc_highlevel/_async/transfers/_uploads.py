"""Uploads of :class:`~gc_highlevel.AsyncTransfers`: parallel, retried, resumable parts."""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import httpx

from gc_api.models.user_upload import UserUpload
from gc_highlevel._async.transfers._base import (
    AsyncTransferBase,
    _Expired,
    _Fatal,
    _Retryable,
    _Settings,
    _StorageClient,
    check_running,
)
from gc_highlevel._concurrency import (
    AsyncGroup,
    AsyncLimiter,
    AsyncLock,
    Interrupted,
    WorkQueue,
)
from gc_highlevel._exceptions import (
    APIConnectionError,
    APIError,
    ClientClosedError,
    InternalServerError,
    RateLimitError,
    TransferError,
    UploadError,
    parse_retry_after,
)
from gc_highlevel._references import Ref
from gc_highlevel._retry import retry_after
from gc_highlevel._transfer.common import (
    Source,
    TransferOutcome,
    TransferResults,
    UploadSource,
    check_source_name,
    describe_cause,
    open_source,
    source_name,
)
from gc_highlevel._transfer.parts import (
    MIN_PART_SIZE,
    PartPlan,
    PlannedPart,
    plan_parts,
    presign_batch,
)
from gc_highlevel.progress import ProgressOption, Reporter, make_reporter

logger = logging.getLogger("gc_highlevel")


@dataclass
class _Upload:
    """State of one file's multipart upload while it is in flight."""

    source: Source
    plan: PartPlan
    upload: UserUpload
    etags: dict[int, str] = field(default_factory=dict)
    urls: dict[int, str] = field(default_factory=dict)
    error: BaseException | None = None


class AsyncUploadTransfers(AsyncTransferBase):
    """The upload methods of :class:`~gc_highlevel.AsyncTransfers`."""

    # -- uploads -----------------------------------------------------------------------------

    async def upload(
        self,
        source: UploadSource,
        *,
        filename: str | None = None,
        part_size: int | None = None,
        max_concurrency: int | None = None,
        keep_on_failure: bool = False,
        progress: ProgressOption = None,
    ) -> UserUpload:
        """Upload ``source`` (a path, bytes, or a binary file object) as a user upload.

        Parts are read from disk as they are sent (memory stays flat), up to ``max_concurrency``
        at once. ``part_size`` defaults to 8 MiB: down to 5 MiB when that gives more connections
        a part, grown for files above ~78 GiB to stay within 10,000 parts. Each part is retried on connection errors, timeouts and 5xx answers; an
        expired presigned URL is replaced. If the upload still fails, it is aborted (nothing
        counts against your quota) and :class:`~gc_highlevel.UploadError` is raised, unless
        ``keep_on_failure=True``: then the parts sent so far stay and
        :meth:`resume_upload` sends only the rest.

        Ctrl-C (or cancelling the task) and ``client.aclose()`` stop the parts at their next
        chunk and abort the upload too; with ``keep_on_failure=True`` it is kept instead (the
        interrupt carries a note naming it: ``resume_upload(pk, source)`` finishes it). Closed
        mid-upload, this raises :class:`~gc_highlevel.UploadError` whose cause is a
        :class:`~gc_highlevel.ClientClosedError`.

        Returns the completed upload (``status == "Completed"``), whose ``api_url`` goes into
        socket values (``user_upload`` / ``user_uploads``).

        Example:
            >>> upload = await client.transfers.upload("ct.mha")
            >>> upload = await client.transfers.upload(b"{}", filename="results.json")
        """
        settings = self._settings(max_concurrency, keep_on_failure, part_size)
        check_source_name(source, filename)
        reporter = make_reporter(progress, total=None, description="upload")
        try:
            async with self._storage_client() as storage:
                limiter = AsyncLimiter(settings.concurrency)
                return await self._upload_file(
                    source, filename, settings, storage, limiter, reporter
                )
        finally:
            reporter.close()

    async def upload_many(
        self,
        sources: Iterable[UploadSource],
        *,
        part_size: int | None = None,
        max_concurrency: int | None = None,
        keep_on_failure: bool = False,
        progress: ProgressOption = None,
        on_created: Callable[[int, UserUpload], None] | None = None,
    ) -> TransferResults[UserUpload]:
        """Upload many files (e.g. the slices of a DICOM series) over at most
        ``max_concurrency`` connections in total, across files and parts (default 32: each
        small file is four short requests in a row, so many files are in flight at once).

        A failing file does not stop the others. The result lists every file in input order
        with its upload or its error; ``results.values()`` returns the uploads or raises
        :class:`~gc_highlevel.TransferBatchError` naming each failed file.

        ``on_created(index, upload)`` is called as soon as the server has made a file's upload,
        before its parts are sent: with ``keep_on_failure=True``, record it to finish the file
        with :meth:`resume_upload` after a crash or Ctrl-C (the batch calls do).

        Example:
            >>> results = await client.transfers.upload_many(sorted(Path("series").glob("*.dcm")))
            >>> print(f"{len(results.succeeded)} uploaded, {len(results.failed)} failed")
            >>> urls = [upload.api_url for upload in results.values()]
        """
        items = list(sources)
        settings = self._settings(max_concurrency, keep_on_failure, part_size, many=True)
        for index, item in enumerate(items):
            check_source_name(item, None, what=f"sources[{index}]")
        reporter = make_reporter(progress, total=None, description=f"upload {len(items)} files")
        try:
            async with self._storage_client() as storage:
                limiter = AsyncLimiter(settings.concurrency)

                async def one(job: tuple[int, UploadSource]) -> TransferOutcome[UserUpload]:
                    index, source = job
                    name = source_name(source)
                    created = None if on_created is None else functools.partial(on_created, index)
                    try:
                        value = await self._upload_file(
                            source, None, settings, storage, limiter, reporter, created
                        )
                    except TransferError as exc:
                        return TransferOutcome(name, error=exc)
                    return TransferOutcome(name, value=value)

                return await self._each(list(enumerate(items)), settings.concurrency, one)
        finally:
            reporter.close()

    async def resume_upload(
        self,
        upload: UploadError | UserUpload | Ref,
        source: UploadSource,
        *,
        filename: str | None = None,
        part_size: int | None = None,
        max_concurrency: int | None = None,
        keep_on_failure: bool = True,
        progress: ProgressOption = None,
    ) -> UserUpload:
        """Finish a kept upload: ask the server which parts it has (``list-parts``), send only
        the missing ones, and complete it. Parts on the server are checked against ``source``
        (S3's part ETag is the MD5 of the part), so a part that differs is sent again.

        ``upload`` is the :class:`~gc_highlevel.UploadError` of the failed attempt, the upload
        object, its pk or its ``api_url``; ``source`` must be the same file. The part size is
        taken from the error, else inferred from the parts on the server. If this attempt fails
        too, the upload is kept again (``keep_on_failure=True``) so you can retry later.

        Example:
            >>> try:
            ...     upload = await client.transfers.upload(path, keep_on_failure=True)
            ... except gc_highlevel.UploadError as exc:
            ...     upload = await client.transfers.resume_upload(exc, path)
        """
        if isinstance(upload, UploadError):
            if upload.upload is None:
                raise ValueError("this upload failed before it was created; upload it again")
            part_size = part_size or upload.part_size
            upload = upload.upload
        if isinstance(upload, UserUpload):
            current = upload
        else:
            current = await self._client.uploads.get(upload)
        settings = self._settings(max_concurrency, keep_on_failure, part_size)
        try:
            listed = await self._client.uploads.list_parts(
                current, s3_upload_id=current.s3_upload_id
            )
        except APIError as exc:
            raise UploadError(
                f"Cannot resume upload {current.pk} of {current.filename!r}: the server has no "
                f"open multipart upload for it ({exc}). Upload the file again.",
                name=current.filename,
                upload=current,
            ) from exc
        have = {p.part_number: (p.e_tag, p.size) for p in listed.parts}
        reporter = make_reporter(progress, total=None, description="resume upload")
        src = open_source(source, filename or current.filename)
        try:
            if settings.part_size is None and have:
                # every part but the last has the full part size (if only the last arrived,
                # or the size is below S3's minimum, the default plan is used)
                largest = max(size for _, size in have.values())
                if largest >= MIN_PART_SIZE:
                    settings.part_size = largest
            plan = plan_parts(
                src.size, part_size=settings.part_size, connections=settings.concurrency
            )
            state = _Upload(src, plan, current)
            for n, (etag, size) in have.items():
                if n <= plan.count and plan.part(n).size == size and _same_part(src, plan, n, etag):
                    state.etags[n] = etag
            logger.info(
                "resuming upload %s of %s: %d of %d parts already on the server",
                current.pk,
                src.name,
                len(state.etags),
                plan.count,
            )
            reporter.add_total(src.size)
            reporter.advance(src.name, sum(plan.part(n).size for n in state.etags))
            async with self._storage_client() as storage:
                limiter = AsyncLimiter(settings.concurrency)
                return await self._send_and_complete(state, settings, storage, limiter, reporter)
        finally:
            src.close()
            reporter.close()

    async def _upload_file(
        self,
        source: UploadSource,
        filename: str | None,
        settings: _Settings,
        storage: _StorageClient,
        limiter: AsyncLimiter,
        reporter: Reporter,
        created: Callable[[UserUpload], None] | None = None,
    ) -> UserUpload:
        name = source_name(source, filename)
        try:
            src = open_source(source, filename)
        except (OSError, ValueError) as exc:
            raise UploadError(
                f"Could not read {name!r} for upload ({describe_cause(exc)}).", name=name
            ) from exc
        try:
            try:
                plan = plan_parts(
                    src.size, part_size=settings.part_size, connections=settings.concurrency
                )
            except ValueError as exc:
                raise UploadError(f"Cannot upload {name!r}: {exc}", name=name) from exc
            reporter.add_total(src.size)
            upload = await self._create(src, limiter)
            if created is not None:
                created(upload)
            state = _Upload(src, plan, upload)
            return await self._send_and_complete(state, settings, storage, limiter, reporter)
        finally:
            src.close()

    async def _create(self, src: Source, limiter: AsyncLimiter) -> UserUpload:
        try:
            async with limiter:
                created = await self._client.uploads.create(filename=src.name)
        except APIError as exc:
            raise UploadError(
                f"Could not start the upload of {src.name!r}: {exc}", name=src.name
            ) from exc
        return _as_user_upload(created)

    async def _send_and_complete(
        self,
        state: _Upload,
        settings: _Settings,
        storage: _StorageClient,
        limiter: AsyncLimiter,
        reporter: Reporter,
    ) -> UserUpload:
        missing = [p for p in state.plan.parts if p.number not in state.etags]
        queue = WorkQueue(missing)
        presign_lock = AsyncLock()

        async def worker() -> None:
            while (part := queue.take()) is not None:
                try:
                    await self._send_part(
                        state, part, settings, storage, limiter, reporter, presign_lock
                    )
                except BaseException as exc:
                    if state.error is None:
                        state.error = exc
                    queue.stop()
                    if not isinstance(exc, Exception):
                        raise

        lifecycle, owner = self._client._lifecycle, type(self._client).__name__
        try:
            # Parts whose bytes are all sent wait for storage's answer, past any chunk check:
            # on close() (or an interrupt of a call around this one) stop waiting for them and
            # abort at once (storage then refuses them); they need no clean-up of their own.
            await AsyncGroup.run_workers(
                min(settings.concurrency, len(missing)),
                worker,
                stop=queue.stop,
                check=lambda: check_running(lifecycle, owner),
                grace=0,
            )
        except ClientClosedError as exc:
            state.error = exc
            raise await self._fail(state, settings, limiter)  # noqa: B904 (its cause is set)
        except BaseException as exc:  # Ctrl-C, a cancelled task: abort (or keep), re-raise
            await self._interrupted(state, settings, exc)
            raise
        if state.error is None:
            try:
                done = await self._complete(state, limiter)
            except (APIError, _Fatal, ClientClosedError, Interrupted) as exc:
                state.error = exc
            else:
                logger.info(
                    "uploaded %s (%d bytes in %d parts) as upload %s",
                    state.source.name,
                    state.source.size,
                    state.plan.count,
                    done.pk,
                )
                return done
        raise await self._fail(state, settings, limiter)

    async def _presign(
        self, state: _Upload, number: int, limiter: AsyncLimiter, lock: AsyncLock
    ) -> str:
        async with lock:
            url = state.urls.get(number)
            if url is not None:
                return url
            ready = state.etags.keys() | state.urls.keys()
            batch = presign_batch(number, state.plan.count, ready)
            try:
                async with limiter:
                    answer = await self._client.uploads.presign_parts(
                        state.upload, s3_upload_id=state.upload.s3_upload_id, part_numbers=batch
                    )
            except (APIConnectionError, InternalServerError, RateLimitError) as exc:
                # presigning has no side effect, so unlike other PATCHes it may be resent
                hint = retry_after(exc)
                raise _Retryable(f"presigning parts failed: {exc}", retry_after=hint) from exc
            except APIError as exc:
                raise _Fatal(f"presigning parts failed: {exc}") from exc
            state.urls.update(answer)
            if number not in state.urls:
                raise _Fatal(f"the server presigned no URL for part {number}")
            return state.urls[number]

    async def _send_part(
        self,
        state: _Upload,
        part: PlannedPart,
        settings: _Settings,
        storage: _StorageClient,
        limiter: AsyncLimiter,
        reporter: Reporter,
        lock: AsyncLock,
    ) -> None:
        async def attempt() -> None:
            if state.error is not None:
                raise _Fatal("another part failed")
            url = await self._presign(state, part.number, limiter, lock)
            response = await self._put(state, part, url, storage, limiter, reporter)
            status, etag = response.status_code, response.headers.get("etag")
            if status == 403:
                async with lock:
                    if state.urls.get(part.number) == url:
                        state.urls.clear()  # URLs of one batch expire together
                raise _Expired("the presigned URL expired or was refused (403)")
            if status >= 500 or status in (408, 429):
                hint = parse_retry_after(response.headers)
                raise _Retryable(f"storage answered {status}", retry_after=hint)
            if status != 200 or etag is None:
                why = "without an ETag" if status == 200 else f"with status {status}"
                raise _Fatal(f"storage answered part {part.number} {why}")
            state.etags[part.number] = etag

        await self._with_retries(settings.attempts, attempt)

    async def _put(
        self,
        state: _Upload,
        part: PlannedPart,
        url: str,
        storage: _StorageClient,
        limiter: AsyncLimiter,
        reporter: Reporter,
    ) -> httpx.Response:
        sent = [0]
        name = state.source.name

        async def body() -> AsyncIterator[bytes]:
            for chunk in state.source.chunks(part.offset, part.size):
                sent[0] += len(chunk)
                reporter.advance(name, len(chunk))
                yield chunk

        try:
            async with limiter:
                response = await storage.send_direct(
                    "PUT", url, {"Content-Length": str(part.size)}, content=body()
                )
                try:
                    await response.aread()
                finally:
                    await response.aclose()
        except httpx.TransportError as exc:
            reporter.advance(name, -sent[0])
            raise _Retryable(f"part {part.number}: {describe_cause(exc)}") from exc
        except OSError as exc:
            raise _Fatal(f"reading part {part.number} failed: {describe_cause(exc)}") from exc
        if response.status_code != 200:
            reporter.advance(name, -sent[0])
        logger.debug("PUT part %d of %s -> %d", part.number, name, response.status_code)
        return response

    async def _complete(self, state: _Upload, limiter: AsyncLimiter) -> UserUpload:
        try:
            async with limiter:
                done = await self._client.uploads.complete(
                    state.upload, s3_upload_id=state.upload.s3_upload_id, parts=state.etags
                )
            return _as_user_upload(done)
        except APIError:
            # The answer may have been lost after the server completed it: check.
            async with limiter:
                current = await self._client.uploads.get(state.upload.pk)
            if current.status == "Completed":
                return current
            raise

    async def _fail(
        self, state: _Upload, settings: _Settings, limiter: AsyncLimiter
    ) -> UploadError:
        cause = state.error or RuntimeError("unknown failure")
        name, upload = state.source.name, state.upload
        what = f"Uploading {name!r} failed ({describe_cause(cause)})"
        if settings.keep_on_failure:
            sent = len(state.etags)
            message = (
                f"{what}. The upload {upload.pk} was kept with {sent} of {state.plan.count} "
                "parts: call resume_upload(error, source) to send the rest."
            )
            error = UploadError(
                message, name=name, upload=upload, kept=True, part_size=state.plan.part_size
            )
        else:
            try:
                if isinstance(cause, (ClientClosedError, Interrupted)):
                    # Other parts may still hold the limiter while they stop: do not wait.
                    upload = await self._abort(upload)
                else:
                    async with limiter:
                        upload = await self._abort(upload)
                note = "the multipart upload was aborted, so nothing counts against your quota"
            except (APIError, ClientClosedError) as exc:
                note = f"aborting it failed too ({exc}); the server deletes it within a day"
            error = UploadError(
                f"{what}; {note}.", name=name, upload=upload, part_size=state.plan.part_size
            )
        error.__cause__ = cause
        return error

    async def _abort(self, upload: UserUpload) -> UserUpload:
        """Abort the multipart upload, also while the client closes (its clean-up copy)."""
        return _as_user_upload(
            await self._client._cleanup.uploads.abort(upload, s3_upload_id=upload.s3_upload_id)
        )

    async def _interrupted(self, state: _Upload, settings: _Settings, exc: BaseException) -> None:
        """The upload was interrupted (Ctrl-C, a cancelled task): abort it, or with
        ``keep_on_failure`` keep it and say how to resume. Never raises (the caller re-raises
        the interrupt)."""
        upload, name = state.upload, state.source.name
        if settings.keep_on_failure:
            note = (
                f"gc-client: upload {upload.pk} of {name!r} was kept with {len(state.etags)} of "
                f"{state.plan.count} parts: transfers.resume_upload({str(upload.pk)!r}, source) "
                "sends the rest."
            )
        else:
            try:
                await self._abort(upload)
                note = f"gc-client: the multipart upload of {name!r} was aborted."
            except Exception as error:  # the interrupt matters more than this
                note = (
                    f"gc-client: aborting the upload of {name!r} failed ({describe_cause(error)}); "
                    "the server deletes it within a day."
                )
        logger.warning("%s", note.removeprefix("gc-client: "))
        add_note = getattr(exc, "add_note", None)  # Python >= 3.11
        if add_note is not None:
            add_note(note)


def _same_part(source: Source, plan: PartPlan, number: int, etag: str) -> bool:
    """Whether the part on the server holds this part of ``source``: S3's ETag of a part is
    the MD5 of its bytes (when it looks like one; other ETags are trusted)."""
    digest = etag.strip('"').lower()
    if len(digest) != 32 or any(c not in "0123456789abcdef" for c in digest):
        return True
    part = plan.part(number)
    md5 = hashlib.md5(usedforsecurity=False)
    for chunk in source.chunks(part.offset, part.size):
        md5.update(chunk)
    return md5.hexdigest() == digest


def _as_user_upload(obj: Any) -> UserUpload:
    if isinstance(obj, UserUpload):
        return obj
    return UserUpload.from_dict(obj.to_dict())

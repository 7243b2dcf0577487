"""Transfers at full speed: parallel, retried, resumable uploads and streaming downloads.

``client.transfers`` is an :class:`AsyncTransfers` (``Transfers`` on the sync client):

* :meth:`~AsyncTransfers.upload` sends a path, bytes or a binary file object as a user upload:
  the multipart upload is created, presigned part URLs are fetched in batches, the parts are
  streamed from disk over up to ``max_concurrency`` connections at once, each part retried on
  its own, and the upload is completed with the parts' ETags in ascending order;
* :meth:`~AsyncTransfers.upload_many` does that for many files under one global bound on
  connections, and reports per file which succeeded and why the others failed;
* :meth:`~AsyncTransfers.resume_upload` finishes a kept upload, sending only missing parts;
* :meth:`~AsyncTransfers.download`, :meth:`~AsyncTransfers.download_many`,
  :meth:`~AsyncTransfers.download_image`, :meth:`~AsyncTransfers.download_images` and
  :meth:`~AsyncTransfers.download_socket_value` stream files to disk through a temporary
  ``.gcpart`` file that is renamed when complete. Big files come as byte ranges over several
  connections; an interrupted transfer continues where each range stopped (HTTP ``Range``),
  in the same call or the next one. A file that is already there is skipped.

Every call takes ``progress=`` (see :mod:`gc_highlevel.progress`): a bar on a terminal or in
a notebook, nothing in logs and pipes, or your callback. One INFO line per file goes to the
``gc_highlevel`` logger.

Presigned storage URLs are requested through a separate ``httpx`` client without any
authentication: the API token never leaves for the storage host.

Example:
    >>> import asyncio, gc_highlevel
    >>> async def main() -> None:
    ...     async with gc_highlevel.AsyncClient() as client:
    ...         upload = await client.transfers.upload("ct.mha")
    ...         print(upload.status)
    >>> asyncio.run(main())
    Completed
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import unquote

import httpx
from tenacity import (
    AsyncRetrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
    wait_random,
)

from gc_highlevel._async._resource import Ref, call, ref_pk
from gc_highlevel._concurrency import AsyncSleep, Awaitable
from gc_highlevel._download_state import PROBE_SIZE, DownloadState
from gc_highlevel._exceptions import (
    APIConnectionError,
    APIError,
    InternalServerError,
    RateLimitError,
)
from gc_highlevel._parts import PartPlan, PlannedPart, plan_parts
from gc_highlevel._transfer_common import (
    DownloadError,
    DownloadResult,
    Source,
    TransferError,
    TransferOutcome,
    TransferResults,
    UploadError,
    UploadSource,
    describe_cause,
    open_source,
    source_name,
)
from gc_highlevel._transfer_concurrency import AsyncGroup, AsyncLimiter, AsyncLock, WorkQueue
from gc_highlevel.progress import ProgressOption, Reporter, make_reporter

if TYPE_CHECKING:
    from gc_api.models.hyperlinked_component_interface_value import (
        HyperlinkedComponentInterfaceValue,
    )
    from gc_api.models.hyperlinked_image import HyperlinkedImage
    from gc_api.models.user_upload import UserUpload
    from gc_highlevel._async._client import AsyncClient

__all__ = ["AsyncTransfers"]

logger = logging.getLogger("gc_highlevel")

T = TypeVar("T")

#: Connections used at once by one transfer call (API and storage requests together).
DEFAULT_MAX_CONCURRENCY = 16
#: Presigned URLs requested per PATCH (gcapi asks for 5).
PRESIGN_BATCH = 100
#: Attempts per part or download (first try included).
DEFAULT_ATTEMPTS = 6
#: Times an expired or refused presigned URL is replaced before giving up.
MAX_REPRESIGNS = 3
#: Image files are offered in these formats (``HyperlinkedImage.files[].image_type``).
IMAGE_TYPES = ("MHD", "TIFF", "DZI")


class _Retryable(Exception):
    """A failure worth another attempt (connection error, timeout, 5xx, expired URL)."""


class _Fatal(Exception):
    """A failure no retry can fix."""


@dataclass
class _Settings:
    concurrency: int
    attempts: int
    keep_on_failure: bool = False
    part_size: int | None = None


@dataclass
class _Upload:
    """State of one file's multipart upload while it is in flight."""

    source: Source
    plan: PartPlan
    upload: UserUpload
    etags: dict[int, str] = field(default_factory=dict)
    urls: dict[int, str] = field(default_factory=dict)
    error: BaseException | None = None


@dataclass
class _Download:
    url: str
    destination: Path
    location: str | None = None
    counted: bool = False
    #: Ask without ``Range`` (after a 416 that named no size, e.g. for an empty object).
    plain: bool = False


class _Expired(_Retryable):
    """Storage refused a presigned URL (403): get a new one and try again."""


class _NoAuthTransport(httpx.AsyncBaseTransport):
    """The storage client's transport: refuses any request carrying credentials, and leaves
    the shared connection pool open when the storage client closes."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self._inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if "authorization" in request.headers:
            raise RuntimeError("refusing to send an Authorization header to presigned storage")
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        return None


class AsyncTransfers:
    """Uploads and downloads of files; reached as ``client.transfers``.

    Args:
        client: the client whose token, base URL, connection pool and sleep are used.
        max_concurrency: default number of connections one call uses at once (16).
        attempts: tries per part or download, the first included (6).

    Example:
        >>> upload = await client.transfers.upload("scan.mha", max_concurrency=8)
        >>> results = await client.transfers.upload_many(["a.dcm", "b.dcm"])
        >>> await client.transfers.download_image(image, "out/", image_type="TIFF")
    """

    def __init__(
        self,
        client: AsyncClient,
        *,
        max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
        attempts: int = DEFAULT_ATTEMPTS,
    ) -> None:
        if max_concurrency < 1 or attempts < 1:
            raise ValueError("max_concurrency and attempts must be >= 1")
        self._client = client
        self.max_concurrency = max_concurrency
        self.attempts = attempts

    # -- plumbing ----------------------------------------------------------------------------

    @property
    def _sleep(self) -> AsyncSleep:
        sleep: AsyncSleep = self._client._sleep
        return sleep

    def _storage_client(self) -> httpx.AsyncClient:
        """An unauthenticated client for presigned URLs, sharing the API client's pool."""
        return httpx.AsyncClient(
            transport=_NoAuthTransport(self._client._inner),
            timeout=self._client.timeout,
            follow_redirects=False,
            headers={
                "User-Agent": self._client._http.headers.get("User-Agent", "gc-client"),
                # byte ranges must count bytes of the object itself, never of a compressed form
                "Accept-Encoding": "identity",
            },
        )

    def _retrying(self, attempts: int) -> AsyncRetrying:
        return AsyncRetrying(
            retry=retry_if_exception_type(_Retryable),
            stop=stop_after_attempt(attempts),
            wait=wait_exponential(multiplier=0.25, max=8.0) + wait_random(0, 0.25),
            sleep=self._sleep,
            reraise=True,
        )

    def _settings(
        self,
        max_concurrency: int | None,
        keep_on_failure: bool = False,
        part_size: int | None = None,
    ) -> _Settings:
        concurrency = max_concurrency or self.max_concurrency
        if concurrency < 1:
            raise ValueError(f"max_concurrency must be >= 1, got {concurrency}")
        return _Settings(concurrency, self.attempts, keep_on_failure, part_size)

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

        Returns the completed upload (``status == "Completed"``), whose ``api_url`` goes into
        socket values (``user_upload`` / ``user_uploads``).

        Example:
            >>> upload = await client.transfers.upload("ct.mha")
            >>> upload = await client.transfers.upload(b"{}", filename="results.json")
        """
        settings = self._settings(max_concurrency, keep_on_failure, part_size)
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
    ) -> TransferResults[UserUpload]:
        """Upload many files (e.g. the slices of a DICOM series) over at most
        ``max_concurrency`` connections in total, across files and parts.

        A failing file does not stop the others. The result lists every file in input order
        with its upload or its error; ``results.values()`` returns the uploads or raises
        :class:`~gc_highlevel.TransferBatchError` naming each failed file.

        Example:
            >>> results = await client.transfers.upload_many(sorted(Path("series").glob("*.dcm")))
            >>> print(f"{len(results.succeeded)} uploaded, {len(results.failed)} failed")
            >>> urls = [upload.api_url for upload in results.values()]
        """
        items = list(sources)
        settings = self._settings(max_concurrency, keep_on_failure, part_size)
        reporter = make_reporter(progress, total=None, description=f"upload {len(items)} files")
        outcomes: list[TransferOutcome[UserUpload] | None] = [None] * len(items)
        queue = WorkQueue(list(enumerate(items)))
        try:
            async with self._storage_client() as storage:
                limiter = AsyncLimiter(settings.concurrency)

                async def worker() -> None:
                    while (job := queue.take()) is not None:
                        index, source = job
                        name = source_name(source)
                        try:
                            value = await self._upload_file(
                                source, None, settings, storage, limiter, reporter
                            )
                            outcomes[index] = TransferOutcome(name, value=value)
                        except TransferError as exc:
                            outcomes[index] = TransferOutcome(name, error=exc)

                await AsyncGroup.run_workers(
                    min(settings.concurrency, len(items)), worker, stop=queue.stop
                )
        finally:
            reporter.close()
        return TransferResults([o for o in outcomes if o is not None])

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
        from gc_api.api.uploads import uploads_list_parts_retrieve, uploads_retrieve
        from gc_api.models.user_upload import UserUpload

        if isinstance(upload, UploadError):
            if upload.upload is None:
                raise ValueError("this upload failed before it was created; upload it again")
            part_size = part_size or upload.part_size
            upload = upload.upload
        if isinstance(upload, UserUpload):
            current = upload
        else:
            pk = ref_pk(upload, "uploads")
            current = await call(self._client, uploads_retrieve.asyncio_detailed, id=pk)
        settings = self._settings(max_concurrency, keep_on_failure, part_size)
        try:
            listed = await call(
                self._client,
                uploads_list_parts_retrieve.asyncio_detailed,
                id=current.pk,
                s3_upload_id=current.s3_upload_id,
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
                numbers = sorted(have)
                # every part but the last has the full part size
                sizes = [have[n][1] for n in numbers]
                settings.part_size = max(sizes)
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
        storage: httpx.AsyncClient,
        limiter: AsyncLimiter,
        reporter: Reporter,
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
            state = _Upload(src, plan, upload)
            return await self._send_and_complete(state, settings, storage, limiter, reporter)
        finally:
            src.close()

    async def _create(self, src: Source, limiter: AsyncLimiter) -> UserUpload:
        from gc_api.api.uploads import uploads_create
        from gc_api.models.user_upload_create_request import UserUploadCreateRequest

        try:
            async with limiter:
                created = await call(
                    self._client,
                    uploads_create.asyncio_detailed,
                    body=UserUploadCreateRequest(filename=src.name),
                )
        except APIError as exc:
            raise UploadError(
                f"Could not start the upload of {src.name!r}: {exc}", name=src.name
            ) from exc
        return _as_user_upload(created)

    async def _send_and_complete(
        self,
        state: _Upload,
        settings: _Settings,
        storage: httpx.AsyncClient,
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

        await AsyncGroup.run_workers(
            min(settings.concurrency, len(missing)), worker, stop=queue.stop
        )
        if state.error is None:
            try:
                done = await self._complete(state, limiter)
            except (APIError, _Fatal) as exc:
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
        from gc_api.api.uploads import uploads_generate_presigned_urls_partial_update as presign
        from gc_api.models.patched_user_upload_presigned_ur_ls_request import (
            PatchedUserUploadPresignedURLsRequest,
        )

        async with lock:
            url = state.urls.get(number)
            if url is not None:
                return url
            batch = [
                n
                for n in range(number, min(number + PRESIGN_BATCH, state.plan.count + 1))
                if n not in state.etags
            ][:PRESIGN_BATCH]
            try:
                async with limiter:
                    answer = await call(
                        self._client,
                        presign.asyncio_detailed,
                        id=state.upload.pk,
                        s3_upload_id=state.upload.s3_upload_id,
                        body=PatchedUserUploadPresignedURLsRequest(part_numbers=batch),
                    )
            except (APIConnectionError, InternalServerError, RateLimitError) as exc:
                # presigning has no side effect, so unlike other PATCHes it may be resent
                raise _Retryable(f"presigning parts failed: {exc}") from exc
            except APIError as exc:
                raise _Fatal(f"presigning parts failed: {exc}") from exc
            for key, value in answer.presigned_urls.additional_properties.items():
                state.urls[int(key)] = value
            if number not in state.urls:
                raise _Fatal(f"the server presigned no URL for part {number}")
            return state.urls[number]

    async def _send_part(
        self,
        state: _Upload,
        part: PlannedPart,
        settings: _Settings,
        storage: httpx.AsyncClient,
        limiter: AsyncLimiter,
        reporter: Reporter,
        lock: AsyncLock,
    ) -> None:
        represigns = 0
        async for attempt in self._retrying(settings.attempts):
            with attempt:
                if state.error is not None:
                    raise _Fatal("another part failed")
                url = await self._presign(state, part.number, limiter, lock)
                status, etag = await self._put(state, part, url, storage, limiter, reporter)
                if status == 403 and represigns < MAX_REPRESIGNS:
                    represigns += 1
                    async with lock:
                        if state.urls.get(part.number) == url:
                            state.urls.clear()  # URLs of one batch expire together
                    raise _Retryable("the presigned URL expired or was refused (403)")
                if status >= 500 or status in (408, 429):
                    raise _Retryable(f"storage answered {status}")
                if status != 200 or etag is None:
                    why = "without an ETag" if status == 200 else f"with status {status}"
                    raise _Fatal(f"storage answered part {part.number} {why}")
                state.etags[part.number] = etag

    async def _put(
        self,
        state: _Upload,
        part: PlannedPart,
        url: str,
        storage: httpx.AsyncClient,
        limiter: AsyncLimiter,
        reporter: Reporter,
    ) -> tuple[int, str | None]:
        sent = [0]
        name = state.source.name

        async def body() -> AsyncIterator[bytes]:
            for chunk in state.source.chunks(part.offset, part.size):
                sent[0] += len(chunk)
                reporter.advance(name, len(chunk))
                yield chunk

        try:
            async with limiter:
                response = await storage.put(
                    url, content=body(), headers={"Content-Length": str(part.size)}
                )
        except httpx.TransportError as exc:
            reporter.advance(name, -sent[0])
            raise _Retryable(f"part {part.number}: {describe_cause(exc)}") from exc
        except OSError as exc:
            raise _Fatal(f"reading part {part.number} failed: {describe_cause(exc)}") from exc
        if response.status_code != 200:
            reporter.advance(name, -sent[0])
        logger.debug("PUT part %d of %s -> %d", part.number, name, response.status_code)
        return response.status_code, response.headers.get("etag")

    async def _complete(self, state: _Upload, limiter: AsyncLimiter) -> UserUpload:
        from gc_api.api.uploads import (
            uploads_complete_multipart_upload_partial_update as complete,
        )
        from gc_api.api.uploads import uploads_retrieve
        from gc_api.models.part_request import PartRequest
        from gc_api.models.patched_user_upload_complete_request import (
            PatchedUserUploadCompleteRequest,
        )

        parts = [PartRequest(e_tag=state.etags[n], part_number=n) for n in sorted(state.etags)]
        try:
            async with limiter:
                done = await call(
                    self._client,
                    complete.asyncio_detailed,
                    id=state.upload.pk,
                    s3_upload_id=state.upload.s3_upload_id,
                    body=PatchedUserUploadCompleteRequest(parts=parts),
                )
            return _as_user_upload(done)
        except APIError:
            # The answer may have been lost after the server completed it: check.
            async with limiter:
                current = await call(
                    self._client, uploads_retrieve.asyncio_detailed, id=state.upload.pk
                )
            if current.status == "Completed":
                return current
            raise

    async def _fail(
        self, state: _Upload, settings: _Settings, limiter: AsyncLimiter
    ) -> UploadError:
        from gc_api.api.uploads import uploads_abort_multipart_upload_partial_update as abort

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
                async with limiter:
                    upload = _as_user_upload(
                        await call(
                            self._client,
                            abort.asyncio_detailed,
                            id=upload.pk,
                            s3_upload_id=upload.s3_upload_id,
                        )
                    )
                note = "the multipart upload was aborted, so nothing counts against your quota"
            except APIError as exc:
                note = f"aborting it failed too ({exc}); the server deletes it within a day"
            error = UploadError(
                f"{what}; {note}.", name=name, upload=upload, part_size=state.plan.part_size
            )
        error.__cause__ = cause
        return error

    # -- downloads ---------------------------------------------------------------------------

    async def download(
        self,
        url: str,
        destination: str | os.PathLike[str],
        *,
        overwrite: bool = False,
        progress: ProgressOption = None,
    ) -> DownloadResult:
        """Download a file URL of the API (an image file's ``file``, a socket value's ``file``)
        to ``destination`` (a file path, or an existing directory to keep the URL's name).

        The API's redirect to storage is followed without the token. The body is streamed to
        ``<destination>.gcpart`` and renamed when complete; an interrupted transfer continues
        where it stopped (HTTP ``Range``), within this call or the next one. An existing
        destination is skipped (no request) unless ``overwrite=True``.

        Example:
            >>> result = await client.transfers.download(image.files[0].file, "ct.mha")
            >>> result.path, result.size, result.skipped
        """
        results = await self.download_many(
            [(url, destination)], overwrite=overwrite, max_concurrency=1, progress=progress
        )
        outcome = results[0]
        if outcome.error is not None:
            raise outcome.error
        assert outcome.value is not None
        return outcome.value

    async def download_many(
        self,
        items: Iterable[tuple[str, str | os.PathLike[str]]],
        *,
        overwrite: bool = False,
        max_concurrency: int | None = None,
        progress: ProgressOption = None,
    ) -> TransferResults[DownloadResult]:
        """Download many ``(url, destination)`` pairs concurrently (see :meth:`download`).

        Example:
            >>> pairs = [(f.file, Path("out") / f"{i}.mha") for i, f in enumerate(files)]
            >>> results = await client.transfers.download_many(pairs)
            >>> results.raise_for_errors()
        """
        jobs = [_Download(url, _destination(url, dest)) for url, dest in items]
        settings = self._settings(max_concurrency)
        reporter = make_reporter(progress, total=None, description="download")
        outcomes: list[TransferOutcome[DownloadResult] | None] = [None] * len(jobs)
        queue = WorkQueue(list(enumerate(jobs)))
        try:
            async with self._storage_client() as storage:
                limiter = AsyncLimiter(settings.concurrency)

                async def worker() -> None:
                    while (item := queue.take()) is not None:
                        index, job = item
                        name = job.destination.name
                        try:
                            value = await self._download_file(
                                job, overwrite, settings, storage, limiter, reporter
                            )
                            outcomes[index] = TransferOutcome(name, value=value)
                        except DownloadError as exc:
                            outcomes[index] = TransferOutcome(name, error=exc)

                await AsyncGroup.run_workers(
                    min(settings.concurrency, len(jobs)), worker, stop=queue.stop
                )
        finally:
            reporter.close()
        return TransferResults([o for o in outcomes if o is not None])

    async def download_image(
        self,
        image: HyperlinkedImage | Ref,
        directory: str | os.PathLike[str],
        *,
        image_type: str = "MHD",
        overwrite: bool = False,
        max_concurrency: int | None = None,
        progress: ProgressOption = None,
    ) -> list[DownloadResult]:
        """Download the files of an image of type ``image_type`` into ``directory``.

        ``image_type`` is ``"MHD"`` (``.mha``, or ``.mhd`` + ``.zraw``), ``"TIFF"`` or
        ``"DZI"``, as in ``image.files[].image_type``. The files keep their names on the
        server. Raises ``ValueError`` if the image has no file of that type.

        Example:
            >>> paths = await client.transfers.download_image(image.pk, "scans/", image_type="MHD")
        """
        if image_type not in IMAGE_TYPES:
            raise ValueError(f"image_type must be one of {IMAGE_TYPES}, got {image_type!r}")
        urls = await self._image_urls(image, image_type, None)
        target = Path(directory)
        target.mkdir(parents=True, exist_ok=True)
        results = await self.download_many(
            [(u, target) for u in urls],
            overwrite=overwrite,
            max_concurrency=max_concurrency,
            progress=progress,
        )
        return results.values()

    async def download_images(
        self,
        images: Iterable[HyperlinkedImage | Ref],
        directory: str | os.PathLike[str],
        *,
        image_type: str = "MHD",
        overwrite: bool = False,
        max_concurrency: int | None = None,
        progress: ProgressOption = None,
    ) -> TransferResults[list[DownloadResult]]:
        """Download the ``image_type`` files of many images into ``directory``, fetching the
        images' details and their files over at most ``max_concurrency`` connections in total.

        One outcome per image, in input order; a failing image does not stop the others.

        Example:
            >>> results = await client.transfers.download_images(pks, "scans/")
            >>> paths = [r.path for files in results.values() for r in files]
        """
        if image_type not in IMAGE_TYPES:
            raise ValueError(f"image_type must be one of {IMAGE_TYPES}, got {image_type!r}")
        items = list(images)
        target = Path(directory)
        target.mkdir(parents=True, exist_ok=True)
        settings = self._settings(max_concurrency)
        reporter = make_reporter(progress, total=None, description=f"download {len(items)} images")
        outcomes: list[TransferOutcome[list[DownloadResult]] | None] = [None] * len(items)
        queue = WorkQueue(list(enumerate(items)))
        try:
            async with self._storage_client() as storage:
                limiter = AsyncLimiter(settings.concurrency)

                async def worker() -> None:
                    while (job := queue.take()) is not None:
                        index, image = job
                        name = str(getattr(image, "pk", image))
                        try:
                            urls = await self._image_urls(image, image_type, limiter)
                            files = [
                                await self._download_file(
                                    _Download(url, _destination(url, target)),
                                    overwrite,
                                    settings,
                                    storage,
                                    limiter,
                                    reporter,
                                )
                                for url in urls
                            ]
                            outcomes[index] = TransferOutcome(name, value=files)
                        except DownloadError as exc:
                            outcomes[index] = TransferOutcome(name, error=exc)
                        except (APIError, ValueError) as exc:
                            error = DownloadError(
                                f"Downloading image {name} failed ({describe_cause(exc)}).",
                                name=name,
                                url=str(getattr(image, "api_url", name)),
                                destination=target,
                            )
                            error.__cause__ = exc
                            outcomes[index] = TransferOutcome(name, error=error)

                await AsyncGroup.run_workers(
                    min(settings.concurrency, len(items)), worker, stop=queue.stop
                )
        finally:
            reporter.close()
        return TransferResults([o for o in outcomes if o is not None])

    async def _image_urls(
        self, image: HyperlinkedImage | Ref, image_type: str, limiter: AsyncLimiter | None
    ) -> list[str]:
        """The file URLs of ``image`` of ``image_type`` (fetching the image if needed)."""
        from gc_api.api.cases import cases_images_retrieve
        from gc_api.models.hyperlinked_image import HyperlinkedImage

        if not isinstance(image, HyperlinkedImage):
            pk = ref_pk(image, "cases/images")
            if limiter is None:
                image = await call(self._client, cases_images_retrieve.asyncio_detailed, id=pk)
            else:
                async with limiter:
                    image = await call(self._client, cases_images_retrieve.asyncio_detailed, id=pk)
        urls = [f.file for f in image.files if str(f.image_type) == image_type]
        if not urls:
            kinds = sorted({str(f.image_type) for f in image.files})
            raise ValueError(
                f"image {image.pk} has no {image_type} file (it has: {', '.join(kinds) or 'none'})"
            )
        return urls

    async def download_socket_value(
        self,
        value: HyperlinkedComponentInterfaceValue | str,
        destination: str | os.PathLike[str],
        *,
        overwrite: bool = False,
        progress: ProgressOption = None,
    ) -> DownloadResult:
        """Download the file of a file socket value (e.g. a PDF report or a JSON file) to
        ``destination`` (a file path, or an existing directory to keep its name).

        Example:
            >>> report = next(v for v in job.outputs if v.interface.slug == "report")
            >>> await client.transfers.download_socket_value(report, "report.pdf")
        """
        url = value if isinstance(value, str) else value.file
        if not isinstance(url, str) or not url:
            slug = getattr(getattr(value, "interface", None), "slug", "?")
            raise ValueError(
                f"socket value {slug!r} has no file; image values are downloaded with "
                "download_image(value.image, ...) and plain values are in value.value"
            )
        return await self.download(url, destination, overwrite=overwrite, progress=progress)

    async def _download_file(
        self,
        job: _Download,
        overwrite: bool,
        settings: _Settings,
        storage: httpx.AsyncClient,
        limiter: AsyncLimiter,
        reporter: Reporter,
    ) -> DownloadResult:
        if job.destination.exists() and not overwrite:
            size = job.destination.stat().st_size
            return DownloadResult(job.destination, size, skipped=True)
        job.destination.parent.mkdir(parents=True, exist_ok=True)
        state = DownloadState(job.destination)
        state.load()
        resumed = state.written
        try:
            state.open()
            more = await self._with_retries(
                settings.attempts,
                lambda: self._first_range(job, state, settings, storage, limiter, reporter),
            )
            if more:
                await self._fetch_ranges(job, state, settings, storage, limiter, reporter)
            size = state.finish()
            logger.info("downloaded %s (%d bytes)", job.destination, size)
        except (_Retryable, _Fatal, APIError, OSError) as exc:
            state.save()
            state.close()
            raise DownloadError(
                f"Downloading {job.url} to {job.destination} failed ({describe_cause(exc)}); "
                f"{state.written} bytes are kept in {state.partial.name} and the next download "
                "of this file continues from there.",
                name=job.destination.name,
                url=job.url,
                destination=job.destination,
            ) from exc
        finally:
            state.close()
        return DownloadResult(job.destination, size, resumed_from=resumed)

    async def _with_retries(self, attempts: int, fn: Callable[[], Awaitable[T]]) -> T:
        """``fn()`` retried on :class:`_Retryable`; a URL refused too often becomes fatal."""
        refused = 0
        async for attempt in self._retrying(attempts):
            with attempt:
                try:
                    return await fn()
                except _Expired:
                    refused += 1
                    if refused > MAX_REPRESIGNS:
                        raise _Fatal("storage refuses the presigned URL (403)") from None
                    raise
        raise AssertionError("unreachable: tenacity either returns or re-raises")

    async def _fetch_ranges(
        self,
        job: _Download,
        state: DownloadState,
        settings: _Settings,
        storage: httpx.AsyncClient,
        limiter: AsyncLimiter,
        reporter: Reporter,
    ) -> None:
        """Fetch the missing ranges over up to ``concurrency`` connections."""
        missing = state.missing
        queue = WorkQueue(missing)
        errors: list[BaseException] = []

        async def worker() -> None:
            while (piece := queue.take()) is not None:
                try:
                    await self._with_retries(
                        settings.attempts,
                        lambda: self._fetch_range(job, state, piece, storage, limiter, reporter),
                    )
                except BaseException as exc:
                    errors.append(exc)
                    queue.stop()
                    if not isinstance(exc, Exception):
                        raise

        await AsyncGroup.run_workers(
            min(settings.concurrency, len(missing)), worker, stop=queue.stop
        )
        if errors:
            raise errors[0]

    async def _first_range(
        self,
        job: _Download,
        state: DownloadState,
        settings: _Settings,
        storage: httpx.AsyncClient,
        limiter: AsyncLimiter,
        reporter: Reporter,
    ) -> bool:
        """Find the file and fetch its first range, learning the size. True if more ranges
        are missing."""
        name = job.destination.name
        async with limiter:
            if job.location is None and await self._resolve(job, state, reporter):
                return False
            if state.ranges:  # resuming with a range map, or a retry after the first range
                self._count(job, state, reporter)
                return bool(state.missing)
            start = state.prefix
            headers = {} if job.plain else {"Range": f"bytes={start}-{start + PROBE_SIZE - 1}"}
            async with self._storage_get(storage, job, headers) as response:
                status = response.status_code
                if status == 416:
                    try:
                        _, total = _content_range(response.headers.get("content-range", ""))
                    except _Fatal:
                        total = None
                    if total is None:  # no size given (S3 on an empty object): ask plainly
                        job.plain = True
                        state.reset()
                        raise _Retryable("storage refused the range and named no size")
                    if total == start:
                        state.start(total, settings.concurrency)
                        self._count(job, state, reporter)
                        return False  # the earlier run had every byte
                    state.reset()
                    raise _Retryable("the partial file does not fit the file on the server")
                if status == 200:  # no Range support: one stream
                    state.reset()
                    length = response.headers.get("content-length")
                    total = int(length) if length is not None else None
                    piece = [0, total if total is not None else 1 << 62, 0]
                    state.start(total or 0, 1, first=piece)
                    self._count(job, state, reporter)
                    await _stream_into(state, piece, response, reporter, name, exact=total)
                    if total is None:
                        piece[1] = piece[2]
                        state.total = piece[2]
                    return False
                first, total = _content_range(response.headers.get("content-range", ""))
                if first != start or total is None:
                    raise _Fatal(f"storage answered range {first}-?/{total}, asked for {start}-")
                piece = [start, min(start + PROBE_SIZE, total), 0]
                state.start(total, settings.concurrency, first=piece)
                self._count(job, state, reporter)
                await _stream_into(state, piece, response, reporter, name, exact=piece[1] - start)
        return bool(state.missing)

    async def _fetch_range(
        self,
        job: _Download,
        state: DownloadState,
        piece: list[int],
        storage: httpx.AsyncClient,
        limiter: AsyncLimiter,
        reporter: Reporter,
    ) -> None:
        async with limiter:
            if job.location is None and await self._resolve(job, state, reporter):
                raise _Fatal("the server stopped redirecting to storage mid-download")
            start = piece[0] + piece[2]
            headers = {"Range": f"bytes={start}-{piece[1] - 1}"}
            async with self._storage_get(storage, job, headers) as response:
                if response.status_code != 206:
                    raise _Fatal(f"storage ignored the Range request ({response.status_code})")
                first, _ = _content_range(response.headers.get("content-range", ""))
                if first != start:
                    raise _Fatal(f"storage answered from byte {first}, asked for {start}")
                await _stream_into(
                    state, piece, response, reporter, job.destination.name, exact=piece[1] - start
                )
        state.save()

    @asynccontextmanager
    async def _storage_get(
        self, storage: httpx.AsyncClient, job: _Download, headers: dict[str, str]
    ) -> AsyncIterator[httpx.Response]:
        """A streamed storage GET; statuses that deserve a retry raise :class:`_Retryable`."""
        assert job.location is not None
        try:
            async with storage.stream("GET", job.location, headers=headers) as response:
                status = response.status_code
                if status == 403:
                    job.location = None
                    raise _Expired("the storage URL expired or was refused (403)")
                if status >= 500 or status in (408, 429):
                    raise _Retryable(f"storage answered {status}")
                if status not in (200, 206, 416):
                    raise _Fatal(f"storage answered {status}")
                yield response
        except httpx.TransportError as exc:
            raise _Retryable(describe_cause(exc)) from exc

    async def _resolve(self, job: _Download, state: DownloadState, reporter: Reporter) -> bool:
        """Ask the API where the file is. True if the API answered with the file itself."""
        http = self._client._http
        try:
            async with http.stream("GET", job.url, follow_redirects=False) as response:
                if response.is_redirect:
                    job.location = str(response.url.join(response.headers["location"]))
                    return False
                state.reset()  # the API served the body itself: one stream, no Range
                length = response.headers.get("content-length")
                total = int(length) if length is not None else None
                piece = [0, total if total is not None else 1 << 62, 0]
                state.start(total or 0, 1, first=piece)
                self._count(job, state, reporter)
                await _stream_into(
                    state, piece, response, reporter, job.destination.name, exact=total
                )
                if total is None:
                    piece[1] = piece[2]
                    state.total = piece[2]
                return True
        except httpx.TransportError as exc:
            raise _Retryable(describe_cause(exc)) from exc

    @staticmethod
    def _count(job: _Download, state: DownloadState, reporter: Reporter) -> None:
        """Tell the progress reporter about this file's size once, and what is on disk."""
        if not job.counted and state.total is not None:
            job.counted = True
            reporter.add_total(state.total)
            reporter.advance(job.destination.name, state.written)

    # -- misc --------------------------------------------------------------------------------

    def __repr__(self) -> str:
        return f"{type(self).__name__}(max_concurrency={self.max_concurrency})"


async def _stream_into(
    state: DownloadState,
    piece: list[int],
    response: httpx.Response,
    reporter: Reporter,
    name: str,
    *,
    exact: int | None,
) -> None:
    """Write a response body into ``piece`` of the partial file, chunk by chunk."""
    received = 0
    async for chunk in response.aiter_bytes():  # as received: a break loses nothing
        room = piece[1] - piece[0] - piece[2]
        data = chunk[:room]
        if data:
            state.write(piece, data)
            reporter.advance(name, len(data))
            received += len(data)
    if exact is not None and received < exact:
        raise _Retryable(f"the connection ended after {received} of {exact} bytes")


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
    from gc_api.models.user_upload import UserUpload

    if isinstance(obj, UserUpload):
        return obj
    return UserUpload.from_dict(obj.to_dict())


def _destination(url: str, destination: str | os.PathLike[str]) -> Path:
    path = Path(destination)
    if path.is_dir() or str(destination).endswith(("/", os.sep)):
        name = unquote(httpx.URL(url).path.rstrip("/").rsplit("/", 1)[-1]) or "download"
        return path / name
    return path


def _content_range(value: str) -> tuple[int, int | None]:
    """``bytes 100-199/200`` → ``(100, 200)``; ``bytes */200`` (a 416) → ``(-1, 200)``;
    an unknown total (``*``) gives None."""
    try:
        _unit, _, rest = value.partition(" ")
        span, _, total = rest.partition("/")
        start = -1 if span == "*" else int(span.split("-", 1)[0])
        return start, (None if total in ("", "*") else int(total))
    except ValueError:
        raise _Fatal(f"unreadable Content-Range {value!r}") from None

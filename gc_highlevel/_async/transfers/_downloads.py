"""Downloads of :class:`~gc_highlevel.AsyncTransfers`: streamed, parallel ranges, resumable."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

import httpx

# imported once here rather than in the calls, where many workers starting together queue
# behind one import lock
from gc_api.models.hyperlinked_image import HyperlinkedImage
from gc_highlevel._async._references import ref_pk
from gc_highlevel._async.transfers._base import (
    AsyncTransferBase,
    _Expired,
    _Fatal,
    _Retryable,
    _Settings,
    _StorageClient,
)
from gc_highlevel._concurrency import AsyncGroup, AsyncLimiter, WorkQueue
from gc_highlevel._exceptions import (
    APIError,
    APIResponseValidationError,
    DownloadError,
    parse_retry_after,
)
from gc_highlevel._references import Ref
from gc_highlevel._transfer.common import (
    DownloadResult,
    TransferOutcome,
    TransferResults,
    describe_cause,
)
from gc_highlevel._transfer.download_state import (
    PROBE_SIZE,
    WRITE_BLOCK_CHUNKS,
    DownloadState,
)
from gc_highlevel.progress import ProgressOption, Reporter, make_reporter

if TYPE_CHECKING:
    from gc_api.models.hyperlinked_component_interface_value import (
        HyperlinkedComponentInterfaceValue,
    )


logger = logging.getLogger("gc_highlevel")

#: Image files are offered in these formats (``HyperlinkedImage.files[].image_type``).
IMAGE_TYPES = ("MHD", "TIFF", "DZI")


@dataclass
class _Download:
    url: str
    destination: Path
    #: Where storage has the file (parsed once: a presigned URL is long, and httpx checks
    #: every character each time it parses one).
    location: httpx.URL | None = None
    counted: bool = False
    #: Ask without ``Range`` (after a 416 that named no size, e.g. for an empty object).
    plain: bool = False


class AsyncDownloadTransfers(AsyncTransferBase):
    """The download methods of :class:`~gc_highlevel.AsyncTransfers`."""

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
        """Download many ``(url, destination)`` pairs concurrently (see :meth:`download`), over
        at most ``max_concurrency`` connections in total (default 32).

        Example:
            >>> pairs = [(f.file, Path("out") / f"{i}.mha") for i, f in enumerate(files)]
            >>> results = await client.transfers.download_many(pairs)
            >>> results.raise_for_errors()
        """
        jobs = [_Download(url, _destination(url, dest)) for url, dest in items]
        settings = self._settings(max_concurrency, many=True)
        reporter = make_reporter(progress, total=None, description="download")
        try:
            async with self._storage_client() as storage:
                limiter = AsyncLimiter(settings.concurrency)

                async def one(job: _Download) -> TransferOutcome[DownloadResult]:
                    name = job.destination.name
                    try:
                        value = await self._download_file(
                            job, overwrite, settings, storage, limiter, reporter
                        )
                    except DownloadError as exc:
                        return TransferOutcome(name, error=exc)
                    return TransferOutcome(name, value=value)

                return await self._each(jobs, settings.concurrency, one)
        finally:
            reporter.close()

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
            max_concurrency=self._concurrency(max_concurrency),  # one image: one file's default
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
        images' details and their files over at most ``max_concurrency`` connections in total
        (default 32).

        One outcome per image, in input order; a failing image does not stop the others. A
        reference that names no image (not an image's pk, ``api_url`` or object) is refused
        with :class:`~gc_highlevel.InvalidArgumentError` before anything is sent.

        Example:
            >>> results = await client.transfers.download_images(pks, "scans/")
            >>> paths = [r.path for files in results.values() for r in files]
        """
        if image_type not in IMAGE_TYPES:
            raise ValueError(f"image_type must be one of {IMAGE_TYPES}, got {image_type!r}")
        items = list(images)
        for image in items:  # every reference checked before anything is sent
            if not isinstance(image, HyperlinkedImage):
                ref_pk(image, "cases/images")
        target = Path(directory)
        target.mkdir(parents=True, exist_ok=True)
        settings = self._settings(max_concurrency, many=True)
        reporter = make_reporter(progress, total=None, description=f"download {len(items)} images")
        try:
            async with self._storage_client() as storage:
                limiter = AsyncLimiter(settings.concurrency)

                async def one(
                    image: HyperlinkedImage | Ref,
                ) -> TransferOutcome[list[DownloadResult]]:
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
                    except DownloadError as exc:
                        return TransferOutcome(name, error=exc)
                    except (APIError, ValueError) as exc:
                        error = DownloadError(
                            f"Downloading image {name} failed ({describe_cause(exc)}).",
                            name=name,
                            url=str(getattr(image, "api_url", name)),
                            destination=target,
                        )
                        error.__cause__ = exc
                        return TransferOutcome(name, error=error)
                    return TransferOutcome(name, value=files)

                return await self._each(items, settings.concurrency, one)
        finally:
            reporter.close()

    async def _image_urls(
        self, image: HyperlinkedImage | Ref, image_type: str, limiter: AsyncLimiter | None
    ) -> list[str]:
        """The file URLs of ``image`` of ``image_type`` (fetching the image if needed)."""
        if isinstance(image, HyperlinkedImage):
            pk = str(image.pk)
            files = [(str(f.image_type), f.file) for f in image.files]
        else:
            pk = str(ref_pk(image, "cases/images"))
            if limiter is None:
                files = await self._image_files(pk)
            else:
                async with limiter:
                    files = await self._image_files(pk)
        urls = [url for kind, url in files if kind == image_type]
        if not urls:
            kinds = sorted({kind for kind, _ in files})
            raise ValueError(
                f"image {pk} has no {image_type} file (it has: {', '.join(kinds) or 'none'})"
            )
        return urls

    async def _image_files(self, pk: str) -> list[tuple[str, str]]:
        """``(image_type, file URL)`` of each file of image ``pk``: one GET of the image (as
        ``client.images.get`` makes), reading only its files, not the whole typed model
        (~0.3 ms of CPU less per image, of the few a small file's download costs)."""
        url = f"{self._client.base_url}cases/images/{pk}/"
        response = await self._client._http.get_direct(url)
        try:
            await response.aread()
        finally:
            await response.aclose()
        try:
            files = [(str(f["image_type"]), f["file"]) for f in response.json()["files"]]
            if not all(isinstance(file, str) for _, file in files):
                raise TypeError("a file URL is not a string")
        except (ValueError, KeyError, TypeError) as exc:
            raise APIResponseValidationError(
                f"The server's answer to cases_images_retrieve does not match the API schema "
                f"({type(exc).__name__}: {exc}). Upgrade gc-client, or report this with the "
                "operation name.",
                method="cases_images_retrieve",
                url=url,
            ) from exc
        return files

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
        storage: _StorageClient,
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
        except BaseException:  # Ctrl-C, a cancelled task: the next run continues from here
            state.save()
            raise
        finally:
            state.close()
        return DownloadResult(job.destination, size, resumed_from=resumed)

    async def _fetch_ranges(
        self,
        job: _Download,
        state: DownloadState,
        settings: _Settings,
        storage: _StorageClient,
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
        storage: _StorageClient,
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
        storage: _StorageClient,
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
        self, storage: _StorageClient, job: _Download, headers: dict[str, str]
    ) -> AsyncIterator[httpx.Response]:
        """A streamed storage GET; statuses that deserve a retry raise :class:`_Retryable`."""
        assert job.location is not None
        try:
            response = await storage.send_direct("GET", job.location, headers)
            try:
                status = response.status_code
                if status == 403:
                    job.location = None
                    raise _Expired("the storage URL expired or was refused (403)")
                if status >= 500 or status in (408, 429):
                    hint = parse_retry_after(response.headers)
                    raise _Retryable(f"storage answered {status}", retry_after=hint)
                if status not in (200, 206, 416):
                    raise _Fatal(f"storage answered {status}")
                yield response
            finally:
                await response.aclose()
        except httpx.TransportError as exc:
            raise _Retryable(describe_cause(exc)) from exc

    async def _resolve(self, job: _Download, state: DownloadState, reporter: Reporter) -> bool:
        """Ask the API where the file is. True if the API answered with the file itself."""
        try:
            response = await self._client._http.get_direct(job.url)
            try:
                if response.is_redirect:  # (a 3xx with a Location)
                    # parsed once: a presigned URL is long, and httpx checks every character
                    # each time it parses one
                    job.location = httpx.URL(urljoin(job.url, response.headers["location"]))
                    # read the (empty) body: a response closed unread takes its connection
                    # with it, and every file would open a new one to the API
                    await response.aread()
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
            finally:
                await response.aclose()
        except httpx.TransportError as exc:
            raise _Retryable(describe_cause(exc)) from exc

    @staticmethod
    def _count(job: _Download, state: DownloadState, reporter: Reporter) -> None:
        """Tell the progress reporter about this file's size once, and what is on disk."""
        if not job.counted and state.total is not None:
            job.counted = True
            reporter.add_total(state.total)
            reporter.advance(job.destination.name, state.written)


async def _stream_into(
    state: DownloadState,
    piece: list[int],
    response: httpx.Response,
    reporter: Reporter,
    name: str,
    *,
    exact: int | None,
) -> None:
    """Write a response body into ``piece`` of the partial file in blocks of
    ``state.write_block`` bytes: the chunks are kept as received (TLS records of up to
    16 KiB), written together, then counted. A body that breaks off writes what it had before
    the error goes up, so a retry continues after it."""
    received = 0
    block_size = state.write_block
    room = piece[1] - piece[0] - piece[2]
    pending: list[bytes] = []
    size = 0
    try:
        async for chunk in response.aiter_bytes():  # the stream stops here once closed
            if len(chunk) > room - size:
                chunk = chunk[: room - size]
                if not chunk:
                    continue
            pending.append(chunk)
            size += len(chunk)
            if size >= block_size or len(pending) >= WRITE_BLOCK_CHUNKS:
                block, written, pending, size = pending, size, [], 0  # never written twice
                state.write(piece, block)
                received += written
                room -= written
                reporter.advance(name, written)
    except BaseException:
        if pending:  # keep what arrived before the break (unless the file is closed by now)
            with contextlib.suppress(OSError):
                state.write(piece, pending)
                reporter.advance(name, size)
        raise
    if pending:
        state.write(piece, pending)
        received += size
        reporter.advance(name, size)
    if exact is not None and received < exact:
        raise _Retryable(f"the connection ended after {received} of {exact} bytes")


def _destination(url: str, destination: str | os.PathLike[str]) -> Path:
    path = Path(destination)
    if path.is_dir() or str(destination).endswith(("/", os.sep)):
        name = unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]) or "download"
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

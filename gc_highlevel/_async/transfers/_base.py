"""Plumbing shared by the upload and download halves of :class:`AsyncTransfers`: settings,
the unauthenticated storage client, and retries (the client's :class:`RetryPolicy` through
:func:`gc_highlevel._retry.retry_strategy`, with the storage rules of :class:`_StorageRule`)."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

import httpx
from tenacity import AsyncRetrying

from gc_highlevel._async._http import Lifecycle, closed_error, plain_request
from gc_highlevel._concurrency import AsyncGroup, AsyncSleep, Awaitable, Interrupted, WorkQueue
from gc_highlevel._constants import DEFAULT_TRANSFER_ATTEMPTS, MAX_REPRESIGNS
from gc_highlevel._exceptions import ClientClosedError
from gc_highlevel._retry import RetryPolicy, retry_strategy
from gc_highlevel._transfer.common import TransferOutcome, TransferResults
from gc_highlevel._validate import check_count

if TYPE_CHECKING:
    from gc_highlevel._async._client import AsyncClient


T = TypeVar("T")
R = TypeVar("R")

#: Connections used at once by a transfer call moving one file (its parts or byte ranges), API
#: and storage requests together.
DEFAULT_MAX_CONCURRENCY = 16
#: Connections used at once by a call moving many files (``upload_many``, ``download_many``,
#: ``download_images``). A small file is a chain of short requests that mostly wait on round
#: trips (four for an upload), so more files in flight keep the link busy.
DEFAULT_MANY_CONCURRENCY = 32


class _Retryable(Exception):
    """A failure worth another attempt (connection error, timeout, 5xx, expired URL);
    ``retry_after``: the server's ``Retry-After`` in seconds, if it sent one."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class _Fatal(Exception):
    """A failure no retry can fix."""


class _Expired(_Retryable):
    """Storage refused a presigned URL (403): get a new one and try again."""


class _StorageRule:
    """The retry predicate of one storage part or range: a part PUT and a ranged GET are
    idempotent, so every :class:`_Retryable` is tried again, but an expired or refused URL
    only ``MAX_REPRESIGNS`` times."""

    def __init__(self) -> None:
        self.refused = 0

    def __call__(self, exc: BaseException) -> bool:
        if isinstance(exc, _Expired):
            self.refused += 1
            return self.refused <= MAX_REPRESIGNS
        return isinstance(exc, _Retryable)


@dataclass
class _Settings:
    concurrency: int
    attempts: int
    keep_on_failure: bool = False
    part_size: int | None = None


def check_running(lifecycle: Lifecycle, owner: str) -> None:
    """Raise if the client is closing (:class:`ClientClosedError`) or, in a worker thread, the
    call was interrupted (:class:`Interrupted`): transfers call this at every chunk."""
    if lifecycle.closing:
        raise ClientClosedError(
            f"This {owner} was closed (aclose(), or the end of its `async with` block) while "
            "the transfer ran, so the transfer stopped. Transfer inside the `async with` "
            f"block, or create a new {owner}."
        )
    if AsyncGroup.interrupted():
        raise Interrupted()


class _CheckedStream(httpx.AsyncByteStream):
    """A request or response body that stops (raises) at the next chunk once the client is
    closing or the call was interrupted, instead of moving the rest of a part or range."""

    def __init__(self, stream: httpx.AsyncByteStream, lifecycle: Lifecycle, owner: str) -> None:
        self._stream = stream
        self._lifecycle = lifecycle
        self._owner = owner

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            check_running(self._lifecycle, self._owner)
            yield chunk

    async def aclose(self) -> None:
        await self._stream.aclose()


class _NoAuthTransport(httpx.AsyncBaseTransport):
    """The storage client's transport: refuses any request carrying credentials, stops bodies
    at their next chunk once the client closes (or the call is interrupted), and leaves the
    shared connection pool open when the storage client closes."""

    def __init__(self, inner: httpx.AsyncBaseTransport, lifecycle: Lifecycle, owner: str) -> None:
        self._inner = inner
        self._lifecycle = lifecycle
        self._owner = owner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if "authorization" in request.headers:
            raise RuntimeError("refusing to send an Authorization header to presigned storage")
        check_running(self._lifecycle, self._owner)
        if isinstance(request.stream, httpx.AsyncByteStream) and not isinstance(
            request.stream, httpx.ByteStream
        ):
            request.stream = _CheckedStream(request.stream, self._lifecycle, self._owner)
        response = await self._inner.handle_async_request(request)
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _CheckedStream(response.stream, self._lifecycle, self._owner)
        return response

    async def aclose(self) -> None:
        return None


class _StorageClient(httpx.AsyncClient):
    """The unauthenticated client of one transfer call; counts the call in the API client's
    transfers in flight while open, so ``aclose()`` can wait for it to stop."""

    lifecycle: Lifecycle
    owner: str
    no_auth: _NoAuthTransport

    async def send_direct(
        self,
        method: str,
        url: httpx.URL | str,
        headers: dict[str, str] | None = None,
        *,
        content: AsyncIterator[bytes] | None = None,
    ) -> httpx.Response:
        """Send a request to ``url`` (a presigned storage URL) straight through the
        no-credentials transport, its answer streamed (close it): the client's headers and
        timeouts, without ``httpx.AsyncClient``'s layers (URL merging, auth, redirects,
        cookies: ~0.15 ms of CPU per request; a small file is one storage request). A GET's
        body is read in blocks (:mod:`gc_highlevel._block_reads`).

        Example:
            >>> async with transfers._storage_client() as storage:
            ...     response = await storage.send_direct("GET", url, {"Range": "bytes=0-99"})
            ...     await response.aclose()
        """
        request = plain_request(self, method, url, headers, content=content)
        return await self.no_auth.handle_async_request(request)

    async def __aenter__(self) -> _StorageClient:
        if self.lifecycle.closing:
            raise closed_error(self.owner, "a transfer")
        check_running(self.lifecycle, self.owner)
        await super().__aenter__()
        self.lifecycle.enter()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None = None,
        exc_value: BaseException | None = None,
        traceback: TracebackType | None = None,
    ) -> None:
        try:
            await super().__aexit__(exc_type, exc_value, traceback)
        finally:
            self.lifecycle.exit()


class AsyncTransferBase:
    """Settings and plumbing of ``client.transfers`` (see :class:`AsyncTransfers`)."""

    def __init__(
        self,
        client: AsyncClient,
        *,
        max_concurrency: int | None = None,
        attempts: int = DEFAULT_TRANSFER_ATTEMPTS,
    ) -> None:
        if max_concurrency is not None:
            check_count("max_concurrency", max_concurrency)
        check_count("attempts", attempts)
        self._client = client
        #: Connections per call; ``None``: 16 for one file, 32 for calls moving many files.
        self.max_concurrency = max_concurrency
        self.attempts = attempts

    # -- plumbing ----------------------------------------------------------------------------

    @property
    def _sleep(self) -> AsyncSleep:
        sleep: AsyncSleep = self._client._sleep
        return sleep

    def _storage_client(self) -> _StorageClient:
        """An unauthenticated client for presigned URLs, sharing the API client's transport
        (by default it keeps a pool of connections per host)."""
        lifecycle: Lifecycle = self._client._lifecycle
        owner = type(self._client).__name__
        no_auth = _NoAuthTransport(self._client._inner, lifecycle, owner)
        client = _StorageClient(
            transport=no_auth,
            timeout=self._client.timeout,
            follow_redirects=False,
            headers={
                "User-Agent": self._client._http.headers.get("User-Agent", "gc-client"),
                # byte ranges must count bytes of the object itself, never of a compressed form
                "Accept-Encoding": "identity",
            },
        )
        client.lifecycle = lifecycle
        client.owner = owner
        client.no_auth = no_auth
        return client

    def _concurrency(self, max_concurrency: int | None, *, many: bool = False) -> int:
        """The connection bound of a call: its argument, else the instance's, else the default
        for one file or (``many``) for many files."""
        if max_concurrency is not None:
            return max_concurrency
        if self.max_concurrency is not None:
            return self.max_concurrency
        return DEFAULT_MANY_CONCURRENCY if many else DEFAULT_MAX_CONCURRENCY

    def _settings(
        self,
        max_concurrency: int | None,
        keep_on_failure: bool = False,
        part_size: int | None = None,
        *,
        many: bool = False,
    ) -> _Settings:
        concurrency = check_count("max_concurrency", self._concurrency(max_concurrency, many=many))
        return _Settings(concurrency, self.attempts, keep_on_failure, part_size)

    @staticmethod
    async def _each(
        items: Sequence[T],
        concurrency: int,
        one: Callable[[T], Awaitable[TransferOutcome[R]]],
    ) -> TransferResults[R]:
        """``one(item)`` for every item, over at most ``concurrency`` workers that take the
        next item as they finish one: the loop of the calls moving many files. ``one`` turns
        its item's failure into an outcome; the outcomes come back in input order."""
        outcomes: list[TransferOutcome[R] | None] = [None] * len(items)
        queue = WorkQueue(list(enumerate(items)))

        async def worker() -> None:
            while (job := queue.take()) is not None:
                index, item = job
                outcomes[index] = await one(item)

        await AsyncGroup.run_workers(min(concurrency, len(items)), worker, stop=queue.stop)
        return TransferResults([o for o in outcomes if o is not None])

    async def _with_retries(self, attempts: int, fn: Callable[[], Awaitable[T]]) -> T:
        """``fn()`` retried on :class:`_Retryable` under the client's retry policy (its time
        budget, backoff and ``Retry-After`` rules) with ``attempts`` tries, waiting with the
        client's ``sleep``; a URL refused more than ``MAX_REPRESIGNS`` times becomes fatal.
        Only the waits count against the budget: sending a part may take minutes."""
        policy: RetryPolicy = self._client._policy
        rule = _StorageRule()
        retrying = AsyncRetrying(
            **retry_strategy(
                dataclasses.replace(policy, max_retries=attempts - 1),
                rule,
                budget_waits_only=True,
            ),
            sleep=self._sleep,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    return await fn()
        except _Expired:
            if rule.refused > MAX_REPRESIGNS:
                raise _Fatal(
                    f"storage refused the presigned URL (403) {rule.refused} times"
                ) from None
            raise
        raise AssertionError("unreachable: tenacity either returns or re-raises")

    # -- misc --------------------------------------------------------------------------------

    def __repr__(self) -> str:
        return f"{type(self).__name__}(max_concurrency={getattr(self, 'max_concurrency', None)})"

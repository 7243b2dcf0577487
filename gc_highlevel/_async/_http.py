"""The one HTTP seam: every request of a client, generated or not, passes through here.

:class:`AsyncRetryTransport` wraps the real transport. For each request it

* retries with tenacity according to :mod:`gc_highlevel._retry`,
* turns every 4xx/5xx into a typed :class:`~gc_highlevel.APIStatusError` *before* any
  generated code parses the response (so a 404 never becomes ``None`` and a proxy's 520
  never crashes ``HTTPStatus()``), and httpx transport errors into
  :class:`~gc_highlevel.APIConnectionError` / :class:`~gc_highlevel.APITimeoutError`,
* logs one DEBUG line per attempt on ``logging.getLogger("gc_highlevel")``: method, path,
  status, duration and attempt number, plus an INFO line before each retry (never headers,
  so never the token).

:class:`AsyncOriginPools` is the real transport unless the caller passes one: a connection
pool per host (API and storage), every connection kept alive between requests.

:func:`build_http_client` assembles the ``httpx.AsyncClient`` around it: the token-bearing
:class:`~gc_highlevel._auth.TokenAuth`, the user agent, timeouts and redirects.
"""

from __future__ import annotations

import dataclasses
import logging
import ssl
import threading
import time
from collections.abc import AsyncIterator, Mapping
from typing import Any

import httpx
from tenacity import AsyncRetrying, RetryCallState

from gc_highlevel import __version__
from gc_highlevel._auth import TokenAuth, same_origin
from gc_highlevel._block_reads import BLOCK_READS, AsyncBlockReads, block_reads_requested
from gc_highlevel._concurrency import AsyncGroup, AsyncSleep, Interrupted
from gc_highlevel._constants import API_PREFIX
from gc_highlevel._exceptions import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    ClientClosedError,
    make_status_error,
)
from gc_highlevel._retry import (
    RetryPolicy,
    certificate_error,
    request_retryable,
    retry_strategy,
)

logger = logging.getLogger("gc_highlevel")

USER_AGENT = f"gc-client/{__version__}"


#: Limits of the connections to each origin of :class:`AsyncOriginPools` (split among its
#: pools; requests beyond ``max_connections`` wait for a connection). httpx's default keeps
#: at most 20 idle connections, and its pool closes *any* idle connection while it holds
#: more than that many in total, in use or not: a transfer over 16 connections to the API
#: and 16 to storage then opened a new connection (TCP and TLS handshakes) for most of its
#: requests, and the pool can pick for closing a connection it has just handed to another
#: request (which then fails reading from a closed socket). Idle connections still close
#: after 5 s.
POOL_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=100)


#: Seconds ``close()`` waits for the transfers in flight to stop at their next chunk or part
#: and clean up (abort their multipart uploads) before it closes the connections anyway.
CLOSE_GRACE = 5.0


class Lifecycle:
    """Whether a client is closing or closed, and how many transfers it has in flight.

    ``close()`` first marks the client *closing*: new requests are refused (except the clean-up
    requests of transfers, such as aborting a multipart upload), and transfers stop at their
    next chunk or part. Once they have (or after :data:`CLOSE_GRACE` seconds) it is *closed*:
    nothing is sent any more. A ``with_options`` copy has its own, whose parent is the
    original's: closing the original closes the copy, not the other way round.

    Example:
        >>> life = Lifecycle(); life.begin_close(); life.closing, life.closed
        (True, False)
    """

    def __init__(self, parent: Lifecycle | None = None) -> None:
        self.parent = parent
        self._closing = threading.Event()
        self._closed = False
        self._active = 0
        self._lock = threading.Lock()

    @property
    def closing(self) -> bool:
        """True from the start of ``close()`` (of this client or the one it was copied from)."""
        return self._closing.is_set() or (self.parent is not None and self.parent.closing)

    @property
    def closed(self) -> bool:
        """True once ``close()`` closed the connections."""
        return self._closed or (self.parent is not None and self.parent.closed)

    @property
    def active(self) -> int:
        """Transfers in flight (on this client and its copies)."""
        with self._lock:
            return self._active

    def begin_close(self) -> None:
        self._closing.set()

    def end_close(self) -> None:
        self._closing.set()
        self._closed = True

    def enter(self) -> None:
        """Count a transfer in (on this client and the ones it was copied from)."""
        life: Lifecycle | None = self
        while life is not None:
            with life._lock:
                life._active += 1
            life = life.parent

    def exit(self) -> None:
        life: Lifecycle | None = self
        while life is not None:
            with life._lock:
                life._active -= 1
            life = life.parent


def closed_error(owner: str, what: str) -> ClientClosedError:
    """The error for a request (``what``: ``GET /api/v1/...``) of a closed or closing client."""
    return ClientClosedError(
        f"This {owner} is closed (by aclose() or at the end of its `async with` block), so it "
        f"cannot send {what}. Make the calls inside the `async with` block, or create a new "
        f"{owner}."
    )


#: Pools per origin, and the requests in flight one pool takes before another is opened.
SHARDS = 8
SHARD_SIZE = 4


@dataclasses.dataclass
class _Shard:
    pool: httpx.AsyncHTTPTransport
    #: Requests in flight before the next pool is opened (its connections, at most SHARD_SIZE).
    room: int = SHARD_SIZE
    busy: int = 0


def shard_limits(limits: httpx.Limits) -> list[httpx.Limits]:
    """``limits`` of one origin split among its pools (at most :data:`SHARDS`), so that together
    they never open more than ``max_connections`` nor keep more than
    ``max_keepalive_connections`` alive.

    Example:
        >>> [l.max_connections for l in shard_limits(httpx.Limits(max_connections=10))]
        [2, 2, 1, 1, 1, 1, 1, 1]
    """

    def split(total: int | None, count: int) -> list[int | None]:
        if total is None:
            return [None] * count
        return [total // count + (1 if i < total % count else 0) for i in range(count)]

    count = (
        SHARDS if limits.max_connections is None else max(1, min(SHARDS, limits.max_connections))
    )
    connections = split(limits.max_connections, count)
    keepalive = split(limits.max_keepalive_connections, count)
    return [
        httpx.Limits(
            max_connections=None if c is None else max(1, c),
            max_keepalive_connections=k,
            keepalive_expiry=limits.keepalive_expiry,
        )
        for c, k in zip(connections, keepalive, strict=True)
    ]


class _Release:
    """Counts a request out of its pool once, however often it is called."""

    def __init__(self, shard: _Shard, lock: threading.Lock) -> None:
        self._shard: _Shard | None = shard
        self._lock = lock

    def __call__(self) -> None:
        with self._lock:
            if self._shard is not None:
                self._shard.busy -= 1
                self._shard = None


class _ReleasingStream(httpx.AsyncByteStream):
    def __init__(self, stream: httpx.AsyncByteStream, release: _Release) -> None:
        self._stream = stream
        self._release = release

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._stream.aclose()
        finally:
            self._release()


class AsyncOriginPools(httpx.AsyncBaseTransport):
    """The default transport: connection pools per origin (the API host, the storage host of
    presigned URLs, ...), created on first use, closed together.

    httpcore's pool walks all its connections on every request and response (and, for each
    idle one, all of them again), so its cost per request grows with the square of its size:
    a transfer over 32 connections spent more CPU in that bookkeeping than in TLS. So each
    origin gets up to :data:`SHARDS` pools and a request goes to the first one with fewer than
    :data:`SHARD_SIZE` requests in flight: one request at a time uses one pool and one
    connection, as before; many at once spread over small pools, none holding more
    connections than it ever had requests at once. ``limits`` hold for the origin as a whole:
    its pools share ``max_connections`` (:func:`shard_limits`), and requests beyond that wait
    for a connection (so 200 requests gathered at once open at most 100 connections).

    A GET that asks for a block read (downloads from storage do, see
    :mod:`gc_highlevel._block_reads`) goes over connections of their own instead, read in
    256 KiB blocks by ``http.client``, with the same TLS context.

    Example:
        >>> pools = AsyncOriginPools(verify=True)
    """

    def __init__(
        self, *, verify: bool | ssl.SSLContext = True, limits: httpx.Limits = POOL_LIMITS
    ) -> None:
        self._verify = verify
        self._ssl_context: ssl.SSLContext | None = (
            verify if isinstance(verify, ssl.SSLContext) else None
        )
        self._limits = shard_limits(limits)
        self._pools: dict[tuple[str, str, int | None], list[_Shard]] = {}
        self._lock = threading.Lock()
        self._closed = False
        self._block_reads = AsyncBlockReads(self._shared_context)

    def _shared_context(self) -> ssl.SSLContext:
        with self._lock:
            return self._context()

    def _context(self) -> ssl.SSLContext:
        """One TLS context for every pool (called under the lock). httpx builds one per
        transport, loading the CA bundle each time (~20 ms with certifi's): up to 16 pools
        doing that under the lock held every request up."""
        if self._ssl_context is None:
            self._ssl_context = httpx.create_ssl_context(verify=self._verify)
        return self._ssl_context

    def _check_open(self, url: httpx.URL) -> None:
        """Called under the lock: never re-open a pool for a request in flight at close()."""
        if self._closed:
            raise ClientClosedError(
                f"The client's connections are closed (by aclose()), so nothing is sent to "
                f"{url.host} any more. Create a new client."
            )

    def _shard(self, url: httpx.URL) -> _Shard:
        key = (url.scheme, url.host, url.port)
        with self._lock:
            self._check_open(url)
            shards = self._pools.setdefault(key, [])
            # First fit: the first pool with room, so a pool never serves more than SHARD_SIZE
            # requests at once and never opens more connections than that.
            shard = next((s for s in shards if s.busy < s.room), None)
            if shard is None and len(shards) < len(self._limits):
                limits = self._limits[len(shards)]
                transport = httpx.AsyncHTTPTransport(verify=self._context(), limits=limits)
                room = SHARD_SIZE
                if limits.max_connections is not None:
                    room = min(room, limits.max_connections)
                shard = _Shard(transport, room=room)
                shards.append(shard)
            elif shard is None:  # all full: more at once than the pools have room for
                # The least busy pool, relative to its connections; it queues the request
                # until one of its connections is free.
                shard = min(shards, key=lambda s: s.busy / s.room)
            shard.busy += 1
        return shard

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if block_reads_requested(request):
            with self._lock:
                self._check_open(request.url)
            return await self._block_reads.send(request)
        shard = self._shard(request.url)
        release = _Release(shard, self._lock)
        try:
            response = await shard.pool.handle_async_request(request)
        except BaseException:
            release()
            raise
        # The connection stays busy until the body is read or dropped: count it until then.
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _ReleasingStream(response.stream, release)
        return response

    async def aclose(self) -> None:
        with self._lock:
            self._closed = True
            pools = [shard.pool for shards in self._pools.values() for shard in shards]
            self._pools.clear()
        self._block_reads.close()
        for pool in pools:
            await pool.aclose()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """Retries, error mapping and logging around an inner transport.

    ``owns_inner=False`` (used by ``with_options`` copies) leaves the shared connection pool
    open when this transport is closed.
    """

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        *,
        policy: RetryPolicy,
        sleep: AsyncSleep,
        token_configured: bool,
        api_url: httpx.URL | None = None,
        owns_inner: bool = True,
        lifecycle: Lifecycle | None = None,
    ) -> None:
        self.inner = inner
        self.lifecycle = lifecycle
        self._api_url = api_url
        self.policy = policy
        self._sleep = sleep
        self._token_configured = token_configured
        self._owns_inner = owns_inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        policy = self.policy
        if not isinstance(request.stream, httpx.ByteStream):
            # A streamed body (an iterator) cannot be sent twice: no retries for it.
            policy = dataclasses.replace(policy, max_retries=0)
        retrying = AsyncRetrying(
            **retry_strategy(policy, request_retryable(request.method)),
            sleep=self._sleep,
            before_sleep=self._log_retry,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    return await self._attempt(request, attempt.retry_state.attempt_number)
        except APIError as exc:
            # Re-raise from here: the tenacity frames in between help nobody reading it.
            raise exc.with_traceback(None) from exc.__cause__
        raise AssertionError("unreachable: tenacity either returns or re-raises")

    async def _attempt(self, request: httpx.Request, number: int) -> httpx.Response:
        method, path = request.method, request.url.path
        if self.lifecycle is not None and self.lifecycle.closed:  # closed while retrying
            raise closed_error("client", f"{method} {path}")
        started = time.perf_counter()
        try:
            response = await self.inner.handle_async_request(request)
        except httpx.TransportError as exc:
            self._log(method, path, type(exc).__name__, started, number)
            raise self._no_response(request, exc, number) from exc
        if response.status_code >= 400 or _is_api_json(response):
            # Read API answers here, inside the attempt, so a connection that breaks in the
            # middle of a body is retried and mapped like one that breaks before it.
            # (Other bodies, e.g. file downloads, stay streamed for the caller.)
            try:
                await response.aread()
            except httpx.TransportError as exc:
                self._log(method, path, type(exc).__name__, started, number)
                raise self._no_response(request, exc, number) from exc
            finally:
                if response.status_code >= 400:
                    await response.aclose()
        if response.status_code >= 400:
            response.request = request
            self._log(method, path, response.status_code, started, number)
            foreign = self._api_url is not None and not same_origin(request.url, self._api_url)
            raise make_status_error(
                response,
                token_configured=self._token_configured,
                attempts=number,
                foreign_host=foreign,
            )
        self._log(method, path, response.status_code, started, number)
        return response

    @staticmethod
    def _no_response(request: httpx.Request, exc: httpx.TransportError, number: int) -> APIError:
        method, path = request.method, request.url.path
        err: APIError
        if isinstance(exc, httpx.TimeoutException):
            err = APITimeoutError(
                f"{method} {path} timed out ({type(exc).__name__}) on attempt {number}. "
                "Retry later, or raise the client's timeout= for slow operations.",
                method=method,
                url=str(request.url),
            )
        else:
            hint = "Check your network connection and the client's base_url."
            if certificate_error(exc) is not None:
                hint = (
                    "The server's TLS certificate could not be verified; for a private CA "
                    "pass verify='path/to/ca.pem' (never verify=False with a real token)."
                )
            err = APIConnectionError(
                f"{method} {path} got no complete response from {request.url.host} "
                f"({type(exc).__name__}: {exc}) on attempt {number}. {hint}",
                method=method,
                url=str(request.url),
            )
        err.attempts = number
        return err

    def _log_retry(self, retry_state: RetryCallState) -> None:
        outcome = retry_state.outcome
        exc = outcome.exception() if outcome is not None else None
        if isinstance(exc, APIError):
            status = exc.status_code if isinstance(exc, APIStatusError) else type(exc).__name__
            logger.info(
                "Retrying %s %s after %s in %.2f s (attempt %d of %d)",
                exc.method,
                exc.path,
                status,
                retry_state.next_action.sleep if retry_state.next_action else 0.0,
                retry_state.attempt_number + 1,
                self.policy.max_retries + 1,
            )

    @staticmethod
    def _log(method: str, path: str, status: int | str, started: float, number: int) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            ms = (time.perf_counter() - started) * 1000
            logger.debug("%s %s -> %s in %.1f ms (attempt %d)", method, path, status, ms, number)

    async def aclose(self) -> None:
        if self._owns_inner:
            await self.inner.aclose()


def _is_api_json(response: httpx.Response) -> bool:
    content_type: str = response.headers.get("content-type", "")
    return content_type.split(";")[0].strip() == "application/json"


#: The arguments of ``request`` that its short way (straight to the retry transport) takes.
_DIRECT = frozenset({"content", "json", "params", "headers", "timeout", "extensions"})


class AsyncSeamClient(httpx.AsyncClient):
    """The ``httpx.AsyncClient`` of a client: refuses to send once closed, with a typed error.

    ``closed_with`` is the original's seam for a ``with_options`` copy: the copy shares its
    connections, so it is closed when the original is. ``lifecycle`` refuses requests from the
    start of ``close()``, except those of a ``cleanup`` seam (aborting an upload), which are
    refused only once the connections are closed. A worker thread of an interrupted call
    (Ctrl-C) sends nothing more either, except clean-up requests.
    """

    owner: str = "AsyncClient"
    closed_with: httpx.AsyncClient | None = None
    lifecycle: Lifecycle | None = None
    cleanup: bool = False
    #: The retry transport and the token of the client (for :meth:`get_direct`).
    seam: AsyncRetryTransport | None = None
    token_auth: TokenAuth | None = None
    #: The API's path (``/api/v1/`` on grand-challenge.org): where :meth:`request` goes short.
    api_path: str = API_PREFIX

    def _refuse_if_stopped(self, request: httpx.Request) -> None:
        life = self.lifecycle
        if (
            self.is_closed
            or (self.closed_with is not None and self.closed_with.is_closed)
            or (life is not None and (life.closed or (life.closing and not self.cleanup)))
        ):
            raise closed_error(self.owner, f"{request.method} {request.url.path}")
        if not self.cleanup and AsyncGroup.interrupted():
            raise Interrupted(f"interrupted (Ctrl-C) before {request.method} {request.url.path}")

    async def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        self._refuse_if_stopped(request)
        return await super().send(request, **kwargs)

    async def request(self, method: str, url: httpx.URL | str, **kwargs: Any) -> httpx.Response:
        """``httpx.AsyncClient.request`` (what the generated API functions call), sent straight
        to the retry transport instead of through ``send``'s auth, redirect and cookie layers:
        ~0.15 ms less CPU per API request (a small file's upload makes three). The same
        request goes out (``build_request``: URL, parameters, JSON body, headers, timeouts),
        with the closed and Ctrl-C checks and the token for the API's origin only; a redirect
        (which the API's JSON endpoints do not send) is followed by ``send`` as before, and
        anything the short way does not take goes through ``send`` from the start: URLs outside
        the API (media files answer with redirects), form data, files, cookies, another
        ``auth``."""
        if self.seam is None or self.token_auth is None or kwargs.keys() - _DIRECT or self.cookies:
            return await super().request(method, url, **kwargs)
        request = self.build_request(method, url, **kwargs)
        if not request.url.path.startswith(self.api_path):  # media files redirect: send()
            return await self.send(request)
        response = await self._send_straight(request)
        try:
            if response.is_redirect:
                await response.aclose()
                return await self.send(request)
            await response.aread()
        except BaseException:
            await response.aclose()
            raise
        return response

    async def get_direct(self, url: httpx.URL | str) -> httpx.Response:
        """GET the absolute ``url`` straight through the client's retry transport; the answer
        is streamed (close it) and a redirect is not followed.

        Everything a request of the client gets, it gets: the closed and Ctrl-C checks,
        retries, typed errors, the DEBUG line, the client's headers and timeouts, and the token
        for the API's origin only. What it skips are ``httpx.AsyncClient``'s layers (URL
        merging, the auth flow, redirects, cookies, event hooks: ~0.15 ms of CPU per request),
        and its body is read in blocks by the default transport (``http.client``, not
        httpcore; see :mod:`gc_highlevel._block_reads`). For transfers, which make two API
        requests per downloaded file.

        Example:
            >>> response = await client._http.get_direct(image_file_url)
            >>> response.status_code, response.headers.get("location")
        """
        return await self._send_straight(plain_request(self, "GET", url))

    async def _send_straight(self, request: httpx.Request) -> httpx.Response:
        """``request`` to the retry transport, after the closed and Ctrl-C checks and with the
        token if it goes to the API's origin: what :meth:`request` and :meth:`get_direct`
        send."""
        assert self.seam is not None and self.token_auth is not None
        self._refuse_if_stopped(request)
        self.token_auth.authorize(request)
        response = await self.seam.handle_async_request(request)
        response.request = request
        return response


def plain_request(
    client: httpx.AsyncClient,
    method: str,
    url: httpx.URL | str,
    headers: Mapping[str, str] | None = None,
    *,
    content: AsyncIterator[bytes] | None = None,
) -> httpx.Request:
    """``method url`` (absolute) with ``client``'s headers, then ``headers``, and its timeouts,
    built without ``build_request``'s URL merging and cookies; a GET asks the default transport
    for a block read (:mod:`gc_highlevel._block_reads`).

    Example:
        >>> plain_request(httpx.AsyncClient(), "GET", "https://s3.test/k").extensions[BLOCK_READS]
        True
    """
    return httpx.Request(
        method,
        url,
        headers=[*client.headers.multi_items(), *(headers or {}).items()],
        content=content,
        extensions={"timeout": client.timeout.as_dict(), BLOCK_READS: method == "GET"},
    )


def build_http_client(
    *,
    root_url: httpx.URL,
    auth: TokenAuth,
    transport: AsyncRetryTransport,
    timeout: httpx.Timeout,
    headers: dict[str, str] | None = None,
    owner: str = "AsyncClient",
    lifecycle: Lifecycle | None = None,
) -> AsyncSeamClient:
    """The single ``httpx.AsyncClient`` of a client (``root_url`` is the part before ``/api/v1/``)."""
    client = AsyncSeamClient(
        base_url=root_url,
        auth=auth,
        headers={"User-Agent": USER_AGENT, "Accept": "application/json", **(headers or {})},
        timeout=timeout,
        transport=transport,
        follow_redirects=True,
    )
    client.owner = owner
    client.lifecycle = lifecycle
    client.seam = transport
    client.token_auth = auth
    client.api_path = root_url.path.rstrip("/") + API_PREFIX
    return client

"""Storage downloads read in large blocks: the body of a presigned GET through the standard
library's :mod:`http.client`, behind httpx's transport interface.

Why: httpx reads a body one TLS record (16 KiB) at a time, and each record passes through
httpcore's and h11's event machinery in Python: ~2 s of CPU per GiB before a byte is written
(issue #18; ``scripts/bench_transfers.py``). ``http.client`` reads a response with
``readinto`` into a buffer of any size, looping over the records in C: ~0.65 s per GiB on the
same machine. Downloads ask for it per request (``extensions={BLOCK_READS: True}``) and the
default transport (:class:`~gc_highlevel._async._http.AsyncOriginPools`) sends those GETs
here; everything else, and every request of a client given its own ``transport=``, stays on
httpx. The request still passes the client's retry transport and the storage client's
no-credentials check, and the answer is an ordinary ``httpx.Response`` whose stream yields
blocks of up to :data:`BLOCK_SIZE` bytes.

What it keeps from httpx: the TLS context of the other pools (the same CA bundle or
``verify=``), the request's timeouts (connect, then read), keep-alive connections per origin
(a body read to its end gives its connection back), and httpx's exceptions
(``ConnectError``, ``ConnectTimeout``, ``ReadTimeout``, ``ReadError``,
``RemoteProtocolError``) so that retries and error messages do not change. A connection taken
from the idle ones that turns out to be closed by the server is replaced once, before any
response, as httpcore does. No proxies (the default transport uses none either), HTTP/1.1
only, GETs without a body only.

The async flavour (:class:`AsyncBlockReads`) runs the same blocking calls in a worker thread,
one per block; cancelling a read shuts its socket down so the thread returns at once.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, Literal, cast

import anyio
import anyio.to_thread
import httpx

#: The request extension that asks the default transport for a block read.
BLOCK_READS = "gc_highlevel.block_reads"

#: Bytes per block of a response body (one ``readinto``; one chunk of the stream).
BLOCK_SIZE = 256 * 1024

#: Blocks an async read fetches per trip to its worker thread (a trip costs ~0.1 ms; 4 took
#: a 1 GiB download from 2.9 to 2.4 s of CPU, and its peak RSS from 62 to 85 MB; 2: 2.55 s,
#: 69 MB).
ASYNC_BLOCKS = 2

#: Idle connections kept per origin (more are closed when given back).
MAX_IDLE_PER_ORIGIN = 64

#: A body left unread up to this many bytes is read to the end on close, so that its
#: connection can be used again (a 403 or 416 answer, say); a longer one closes it.
DRAIN_LIMIT = 64 * 1024

_Origin = tuple[str, str, int]

#: Errors of a reused idle connection that the server closed meanwhile: nothing was answered,
#: so the request goes again once, on a new connection.
_STALE = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)


def _transport_error(
    exc: BaseException, host: str, phase: Literal["answer", "body"]
) -> httpx.TransportError:
    """The httpx exception for a failure of ``http.client`` or the socket while waiting for
    the status and headers (``answer``) or reading the body, so that retries and messages
    treat both paths alike."""
    if isinstance(exc, TimeoutError):
        what = "did not answer in time" if phase == "answer" else "stopped sending"
        return httpx.ReadTimeout(f"{host} {what}")
    if isinstance(exc, _STALE) and phase == "answer":
        return httpx.RemoteProtocolError(f"{host} closed the connection without answering")
    if isinstance(exc, http.client.IncompleteRead) and phase == "body":  # a chunked body
        return httpx.RemoteProtocolError(f"{host} closed the connection before the end of the body")
    if isinstance(exc, http.client.HTTPException):
        what = "answered badly" if phase == "answer" else "sent a bad body"
        return httpx.RemoteProtocolError(f"{host} {what}: {exc!r}")
    return httpx.ReadError(f"reading from {host} failed: {exc}")


def _timeouts(request: httpx.Request) -> tuple[float | None, float | None]:
    """(connect, read) seconds of ``request``'s httpx timeout extension."""
    timeout: dict[str, float | None] = request.extensions.get("timeout", {})
    return timeout.get("connect"), timeout.get("read")


def _origin(url: httpx.URL) -> _Origin:
    port = url.port or (443 if url.scheme == "https" else 80)
    return url.scheme, url.host, port


class _Connection:
    """One ``http.client`` connection and the origin it belongs to."""

    def __init__(
        self, origin: _Origin, context: ssl.SSLContext | None, connect_timeout: float | None
    ) -> None:
        scheme, host, port = origin
        self.origin = origin
        self.conn: http.client.HTTPConnection
        if scheme == "https":
            self.conn = http.client.HTTPSConnection(
                host, port, timeout=connect_timeout, context=context
            )
        else:
            self.conn = http.client.HTTPConnection(host, port, timeout=connect_timeout)
        self.reused = False

    def connect(self, connect_timeout: float | None, read_timeout: float | None) -> None:
        if self.conn.sock is None:
            self.conn.timeout = connect_timeout
            try:
                self.conn.connect()
            except TimeoutError as exc:
                raise httpx.ConnectTimeout(f"connecting to {self.origin[1]} timed out") from exc
            except OSError as exc:  # refused, unreachable, TLS handshake or certificate
                raise httpx.ConnectError(f"connecting to {self.origin[1]} failed: {exc}") from exc
        sock = self.conn.sock
        if sock is not None:
            sock.settimeout(read_timeout)

    def shutdown(self) -> None:
        """Wake a thread blocked reading from this connection (it then sees an error)."""
        sock = self.conn.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.close()


class BlockReads:
    """Blocking GETs over ``http.client`` connections kept per origin (see the module).

    Example:
        >>> import ssl
        >>> reads = BlockReads(ssl.create_default_context)
        >>> reads.close()
    """

    def __init__(self, context: Callable[[], ssl.SSLContext]) -> None:
        self._context = context
        self._idle: dict[_Origin, list[_Connection]] = {}
        self._lock = threading.Lock()
        self._closed = False

    # -- connections ---------------------------------------------------------------------------

    def _take(self, origin: _Origin, connect_timeout: float | None) -> _Connection:
        with self._lock:
            if self._closed:
                raise httpx.ConnectError("the connections are closed")
            idle = self._idle.get(origin)
            if idle:
                connection = idle.pop()
                connection.reused = True
                return connection
            context = self._context() if origin[0] == "https" else None
        return _Connection(origin, context, connect_timeout)

    def _give_back(self, connection: _Connection) -> None:
        with self._lock:
            idle = self._idle.setdefault(connection.origin, [])
            if not self._closed and len(idle) < MAX_IDLE_PER_ORIGIN:
                idle.append(connection)
                return
        connection.close()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle = [c for conns in self._idle.values() for c in conns]
            self._idle.clear()
        for connection in idle:
            connection.close()

    # -- requests ------------------------------------------------------------------------------

    def send(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` (a GET without a body); the response's stream reads the body."""
        response, _reader = self.open(request)
        return response

    def open(self, request: httpx.Request) -> tuple[httpx.Response, _BodyReader]:
        """Send ``request`` (a GET without a body) and read the status and headers; the body
        is read by the returned reader (also the response's stream)."""
        if request.method != "GET":
            raise ValueError(f"block reads are for GETs only, not {request.method}")
        origin = _origin(request.url)
        connect_timeout, read_timeout = _timeouts(request)
        target = request.url.raw_path.decode("ascii")
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw]
        for _attempt in range(2):
            connection = self._take(origin, connect_timeout)
            try:
                connection.connect(connect_timeout, read_timeout)
                conn = connection.conn
                conn.putrequest("GET", target, skip_host=True, skip_accept_encoding=True)
                for name, value in headers:
                    conn.putheader(name, value)
                conn.endheaders()
                answer = conn.getresponse()
            except httpx.TransportError:  # from connecting: already httpx's
                connection.close()
                raise
            except (OSError, http.client.HTTPException) as exc:
                connection.close()
                if isinstance(exc, _STALE) and connection.reused:
                    continue  # the server closed it while idle: once more on a new one
                raise _transport_error(exc, origin[1], "answer") from exc
            reader = _BodyReader(self, connection, answer)
            response = httpx.Response(
                status_code=answer.status,
                headers=answer.getheaders(),
                stream=reader,
                request=request,
                extensions={
                    "http_version": b"HTTP/1.1",
                    "reason_phrase": answer.reason.encode("latin-1", "replace"),
                },
            )
            return response, reader
        raise AssertionError("unreachable")  # pragma: no cover


class _BodyReader(httpx.SyncByteStream):
    """A response body read in blocks of :data:`BLOCK_SIZE`; gives its connection back when
    the body was read to its end (or is short enough to drain), closes it otherwise."""

    def __init__(
        self, reads: BlockReads, connection: _Connection, answer: http.client.HTTPResponse
    ) -> None:
        self._reads = reads
        self._connection: _Connection | None = connection
        self._answer = answer
        self._host = connection.origin[1]
        self._done = False
        self._failure: httpx.TransportError | None = None

    def read_block(self) -> bytes:
        """The next block of the body (a ``bytearray``, never used again here); ``b""`` at
        its end."""
        if self._done or self._connection is None:
            return b""
        left = self._answer.length  # None for a chunked body
        size = BLOCK_SIZE if left is None else min(BLOCK_SIZE, left)
        if size == 0:  # (an empty body: http.client lets the connection go once told so)
            self._answer.close()
            self._finish()
            return b""
        # no bigger than the rest of the body: an API answer of 2 KiB gets 2 KiB, not 256
        # KiB zeroed and shrunk
        buffer = bytearray(size)
        try:
            n = self._answer.readinto(buffer)
        except (OSError, ValueError, http.client.HTTPException) as exc:
            # ValueError: the connection was shut down or closed by close() meanwhile
            self._drop()
            raise _transport_error(exc, self._host, "body") from exc
        if n == 0:
            left = self._answer.length  # http.client returns 0 when a body breaks off
            if left:
                self._drop()
                raise httpx.RemoteProtocolError(
                    f"{self._host} closed the connection {left} bytes before the end of the body"
                )
            self._finish()
            return b""
        if n < size:
            del buffer[n:]  # shrinks in place
        # as read: a copy into bytes would cost a memcpy per block (a bytearray is bytes-like)
        return cast(bytes, buffer)

    def __iter__(self) -> Iterator[bytes]:
        while block := self.read_block():
            yield block

    def read_blocks(self, most: int) -> list[bytes]:
        """Up to ``most`` blocks (fewer at the body's end, none after it). A failure after
        some blocks hands those over first and is raised by the next call, so what arrived
        before a break is still written."""
        if self._failure is not None:
            failure, self._failure = self._failure, None
            raise failure
        blocks: list[bytes] = []
        try:
            while len(blocks) < most and (block := self.read_block()):
                blocks.append(block)
        except httpx.TransportError as exc:
            if not blocks:
                raise
            self._failure = exc
        return blocks

    def _finish(self) -> None:
        self._done = True
        connection, self._connection = self._connection, None
        if connection is None:
            return
        if self._answer.will_close:
            connection.close()
        else:
            self._reads._give_back(connection)

    def _drop(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()

    def interrupt(self) -> None:
        """From another thread: make a blocked read fail now."""
        connection = self._connection
        if connection is not None:
            connection.shutdown()

    @property
    def drainable(self) -> bool:
        """Whether closing reads the rest of the body (short) to keep the connection."""
        length = self._answer.length
        return (
            self._connection is not None
            and not self._done
            and length is not None
            and length <= DRAIN_LIMIT
        )

    def close(self) -> None:
        if self.drainable:
            with contextlib.suppress(httpx.TransportError):
                while self.read_block():
                    pass
        self._drop()  # unless the body was read to its end (then the connection is back)


class AsyncBlockReads:
    """:class:`BlockReads` for async clients: each blocking step runs in a worker thread.

    Example:
        >>> import ssl
        >>> reads = AsyncBlockReads(ssl.create_default_context)
        >>> reads.close()
    """

    def __init__(self, context: Callable[[], ssl.SSLContext]) -> None:
        self._reads = BlockReads(context)

    async def send(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` (a GET without a body); the response's stream reads the body."""
        response, reader = await anyio.to_thread.run_sync(self._reads.open, request)
        response.stream = _AsyncBodyReader(reader)
        return response

    def close(self) -> None:
        self._reads.close()


class _AsyncBodyReader(httpx.AsyncByteStream):
    def __init__(self, reader: _BodyReader) -> None:
        self._reader = reader

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while blocks := await self._read():
            for block in blocks:
                yield block

    async def _read(self) -> list[bytes]:
        """:data:`ASYNC_BLOCKS` blocks per trip to a worker thread (a trip costs ~0.1 ms)."""
        try:
            return await anyio.to_thread.run_sync(
                self._reader.read_blocks, ASYNC_BLOCKS, abandon_on_cancel=True
            )
        except BaseException:
            self._reader.interrupt()  # a cancelled read: the abandoned thread returns now
            raise

    async def aclose(self) -> None:
        if self._reader.drainable:  # a few KiB to read: worth keeping the connection
            with anyio.CancelScope(shield=True):
                await anyio.to_thread.run_sync(self._reader.close)
        else:
            self._reader.close()


def block_reads_requested(request: httpx.Request) -> bool:
    """Whether ``request`` asks for a block read (and can have one: a GET without a body)."""
    extensions: dict[str, Any] = request.extensions
    return bool(extensions.get(BLOCK_READS)) and request.method == "GET"

"""Threaded HTTP servers on 127.0.0.1 with the request log, fault injection and WAN shaping.

Every listening socket of the local grand-challenge is an :class:`HttpServer`: a werkzeug
threaded WSGI server whose requests pass through :class:`NetMiddleware` (request log, scripted
faults, latency and per-connection bandwidth cap) before reaching the application.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import struct
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any
from urllib.parse import parse_qs

from werkzeug.serving import ThreadedWSGIServer, WSGIRequestHandler

from .faults import FaultRule, Faults
from .requestlog import RequestLog, RequestLogEntry

WSGIEnviron = dict[str, Any]
StartResponse = Callable[..., Any]
WSGIApp = Callable[[WSGIEnviron, StartResponse], Iterable[bytes]]

CHUNK = 64 * 1024


class ResetConnection(BaseException):
    """Raised inside a request to drop its TCP connection with an RST (not an ``Exception``,
    so that werkzeug does not turn it into a 500)."""


class _BoundedInput:
    """The request body of one request on a persistent connection (``Content-Length`` bytes)."""

    def __init__(self, raw: Any, length: int) -> None:
        self._raw = raw
        self._left = length

    def read(self, size: int | None = -1) -> bytes:
        if self._left <= 0:
            return b""
        if size is None or size < 0 or size > self._left:
            size = self._left
        data: bytes = self._raw.read(size)
        self._left = self._left - len(data) if data else 0
        return data

    def readline(self, size: int | None = -1) -> bytes:
        if self._left <= 0:
            return b""
        if size is None or size < 0 or size > self._left:
            size = self._left
        data: bytes = self._raw.readline(size)
        self._left = self._left - len(data) if data else 0
        return data

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.readline, b"")

    def drain(self) -> None:
        while self._left > 0 and self.read(CHUNK):
            pass


class _Handler(WSGIRequestHandler):
    """werkzeug's handler with HTTP/1.1 keep-alive (werkzeug closes after every response),
    quiet logging and :class:`ResetConnection` support."""

    server: _Server
    timeout = 120  # idle keep-alive connections are closed after this many seconds

    def setup(self) -> None:
        super().setup()
        # headers and body go out in separate writes: without this, Nagle's algorithm and
        # the client's delayed ACK add ~40 ms to every response on a kept-alive connection
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def run_wsgi(self) -> None:
        try:
            if self.server.keep_alive:
                self._run_keep_alive()
            else:
                super().run_wsgi()
        except ResetConnection:
            self.close_connection = True
            try:
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.connection.close()
            except OSError:
                pass

    def _run_keep_alive(self) -> None:
        if self.headers.get("Expect", "").lower().strip(" \t") == "100-continue":
            self.wfile.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        environ = self.make_environ()
        body: Any = environ["wsgi.input"]
        if not environ.get("wsgi.input_terminated"):  # not chunked: bound it by its length
            try:
                length = max(0, int(environ.get("CONTENT_LENGTH") or 0))
            except ValueError:
                length = 0
            body = _BoundedInput(self.rfile, length)
            environ["wsgi.input"] = body
            environ["wsgi.input_terminated"] = True
        method = environ["REQUEST_METHOD"]
        status_set: str | None = None
        headers_set: list[tuple[str, str]] = []
        sent = False

        def write(data: bytes) -> None:
            nonlocal sent
            assert status_set is not None, "write() before start_response"
            if not sent:
                sent = True
                code_str, _, msg = status_set.partition(" ")
                code = int(code_str)
                keys = {k.lower() for k, _ in headers_set}
                bodyless = method == "HEAD" or code < 200 or code in (204, 304)
                if "content-length" not in keys and not bodyless:
                    self.close_connection = True  # the body ends when the connection does
                self.send_response(code, msg)
                for k, v in headers_set:
                    self.send_header(k, v)
                if self.close_connection:
                    self.send_header("Connection", "close")
                # the head and the first piece of the body in one write (one TLS record and
                # one segment for a small answer), not end_headers()'s write and then another
                head: list[bytes] = self.__dict__.pop("_headers_buffer", [])
                data = b"".join(head) + b"\r\n" + data
            if data:
                self.wfile.write(data)
            self.wfile.flush()

        def start_response(status: str, headers: Any, exc_info: Any = None) -> Any:
            nonlocal status_set, headers_set
            if exc_info and sent:
                raise exc_info[1].with_traceback(exc_info[2])
            status_set = status
            headers_set = list(headers)
            return write

        try:
            app_iter = self.server.app(environ, start_response)
            try:
                for data in app_iter:
                    write(data)
                if not sent:
                    write(b"")
            finally:
                close = getattr(app_iter, "close", None)
                if close is not None:
                    close()
            if not self.close_connection:
                if isinstance(body, _BoundedInput):
                    body.drain()
                else:
                    while body.read(CHUNK):
                        pass
        except (ConnectionError, TimeoutError, ssl.SSLError):
            self.close_connection = True
        except Exception:
            self.close_connection = True
            traceback.print_exc()
            if not sent:
                status_set, headers_set = "500 INTERNAL SERVER ERROR", [("Content-Length", "0")]
                with contextlib.suppress(OSError):
                    write(b"")

    def finish(self) -> None:
        with contextlib.suppress(OSError):
            super().finish()

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return

    def log_message(self, format: str, *args: Any) -> None:
        return


class _Server(ThreadedWSGIServer):
    daemon_threads = False
    block_on_close = True
    request_queue_size = 256
    keep_alive = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.connections: set[socket.socket] = set()
        self.accepted = 0
        self._conn_lock = threading.Lock()
        super().__init__(*args, **kwargs)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._conn_lock:
            self.connections.add(request)
            self.accepted += 1
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._conn_lock:
            self.connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """Wake up every handler waiting on an idle keep-alive connection."""
        with self._conn_lock:
            conns = list(self.connections)
        for c in conns:
            with contextlib.suppress(OSError):
                c.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        exc = sys.exc_info()[1]
        if isinstance(exc, (OSError, ResetConnection)):
            return
        traceback.print_exc()

    def log(self, type: str, message: str, *args: Any) -> None:
        if type == "error":
            print(message % args if args else message, file=sys.stderr)


class HttpServer:
    """A threaded HTTP server on ``127.0.0.1`` running ``app`` in a background thread.

    Example:
        >>> def app(environ, start_response):
        ...     start_response("200 OK", [("Content-Length", "2")])
        ...     return [b"ok"]
        >>> srv = HttpServer(app); srv.start(); srv.port > 0
        True
        >>> srv.stop()
    """

    def __init__(
        self,
        app: WSGIApp,
        *,
        port: int = 0,
        ssl_context: ssl.SSLContext | None = None,
        keep_alive: bool = True,
    ) -> None:
        try:
            self._server = _Server(
                "127.0.0.1", port, app, handler=_Handler, ssl_context=ssl_context
            )
        except SystemExit:  # werkzeug exits the process when it cannot bind
            raise OSError(f"cannot listen on 127.0.0.1:{port}") from None
        self._server.keep_alive = keep_alive
        self.port: int = int(self._server.server_address[1])
        self.scheme = "https" if ssl_context is not None else "http"
        self._thread: threading.Thread | None = None

    @property
    def origin(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    @property
    def connections_accepted(self) -> int:
        """TCP connections accepted since the server started (each one a TLS handshake with
        ``ssl_context``): how well clients reuse their connections."""
        return self._server.accepted

    def start(self) -> None:
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"gc-http-{self.port}",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        if self._thread is None:
            self._server.server_close()
            return
        # idle keep-alive handlers block in readline(): wake them (serve_forever joins them
        # on its way out), repeatedly, since a connection may arrive meanwhile
        self._server.close_connections()
        stopper = threading.Thread(target=self._server.shutdown, daemon=True)
        stopper.start()
        deadline = time.monotonic() + 10
        while self._thread.is_alive() and time.monotonic() < deadline:
            self._server.close_connections()
            self._thread.join(0.05)
        stopper.join(1)
        self._server.server_close()
        self._thread = None


class _ThrottledInput:
    """``wsgi.input`` wrapper counting (and optionally rate-limiting) request body bytes."""

    def __init__(self, raw: IO[bytes], rate: float | None, stop: threading.Event) -> None:
        self._raw = raw
        self._rate = rate
        self._stop = stop
        self._t0 = time.monotonic()
        self.count = 0

    def _pace(self) -> None:
        if self._rate:
            due = self._t0 + self.count / self._rate
            wait = due - time.monotonic()
            if wait > 0:
                self._stop.wait(wait)

    def read(self, size: int = -1) -> bytes:
        if self._rate and (size < 0 or size > CHUNK):
            parts = []
            remaining = size
            while remaining != 0:
                n = CHUNK if remaining < 0 else min(CHUNK, remaining)
                data = self._raw.read(n)
                if not data:
                    break
                self.count += len(data)
                self._pace()
                parts.append(data)
                if remaining > 0:
                    remaining -= len(data)
            return b"".join(parts)
        data = self._raw.read(size)
        self.count += len(data)
        self._pace()
        return data

    def readline(self, size: int = -1) -> bytes:
        data = self._raw.readline(size)
        self.count += len(data)
        return data

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.readline, b"")


def _fail_body(rule: FaultRule, kind: str) -> tuple[bytes, str]:
    if rule.body is not None:
        return rule.body, "application/octet-stream"
    if kind == "storage":
        code = {500: "InternalError", 503: "SlowDown", 403: "AccessDenied"}.get(
            rule.status, "ServiceUnavailable"
        )
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<Error><Code>{code}</Code><Message>Injected fault</Message>"
            "<RequestId>0000000000000000</RequestId></Error>"
        )
        return body.encode(), "application/xml"
    body = (
        f"<html><head><title>{rule.status}</title></head><body><center><h1>{rule.status}"
        "</h1></center></body></html>"
    )
    return body.encode(), "text/html"


class NetMiddleware:
    """WSGI middleware: request log, scripted faults, latency and bandwidth cap.

    ``kind`` is a fixed kind or a function of the path; the wrapped application may set
    ``environ["gc.operation_id"]`` so the log entry carries the OpenAPI operation id.
    """

    def __init__(
        self,
        app: WSGIApp,
        *,
        kind: str | Callable[[str], str],
        log: RequestLog,
        faults: Faults,
        stop: threading.Event,
    ) -> None:
        self.app = app
        self.kind = kind
        self.log = log
        self.faults = faults
        self.stop = stop

    def __call__(self, environ: WSGIEnviron, start_response: StartResponse) -> Iterable[bytes]:
        t0 = time.monotonic()
        method = str(environ.get("REQUEST_METHOD", "GET")).upper()
        path = str(environ.get("PATH_INFO", "/"))
        query = parse_qs(str(environ.get("QUERY_STRING", "")), keep_blank_values=True)
        kind = self.kind if isinstance(self.kind, str) else self.kind(path)
        environ["gc.kind"] = kind
        rules = self.faults.take(kind, method, path, query)
        rate = (
            self.faults.bandwidth_mbps * 1e6 / 8
            if self.faults.bandwidth_mbps and self.faults.bandwidth_mbps > 0
            else None
        )
        inp = _ThrottledInput(environ["wsgi.input"], rate, self.stop)
        environ["wsgi.input"] = inp
        if self.faults.latency_ms:
            self.stop.wait(self.faults.latency_ms / 1000)
        terminal: FaultRule | None = None
        late = 0.0
        for rule in rules:
            if rule.action == "delay":
                self.stop.wait(rule.seconds)
            elif rule.action == "late":
                late += rule.seconds
            else:
                terminal = rule
        captured: dict[str, Any] = {}

        def log(status: int, out_bytes: int, fault: str | None) -> None:
            self.log.append(
                RequestLogEntry(
                    method=method,
                    path=path,
                    query=query,
                    status=status,
                    request_bytes=inp.count,
                    response_bytes=out_bytes,
                    duration=time.monotonic() - t0,
                    kind=kind,
                    operation_id=environ.get("gc.operation_id"),
                    fault=fault,
                )
            )

        if terminal is not None and terminal.action == "fail":
            body, ctype = _fail_body(terminal, kind)
            headers = [("Content-Type", ctype), ("Content-Length", str(len(body)))]
            if terminal.retry_after is not None:
                headers.append(("Retry-After", f"{terminal.retry_after:g}"))
            start_response(f"{terminal.status} Injected Fault", headers)
            log(terminal.status, len(body), "fail")
            return [body]
        if terminal is not None and terminal.action == "reset" and terminal.in_request:
            if terminal.after_bytes > 0:
                inp.read(terminal.after_bytes)
            log(0, 0, "reset")
            raise ResetConnection()

        def sr(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured["status"] = int(status.split(None, 1)[0])
            return start_response(status, headers, exc_info)

        result = self.app(environ, sr)
        if late:  # handled: the answer leaves only now
            self.stop.wait(late)
        reset_after = (
            terminal.after_bytes if terminal is not None and terminal.action == "reset" else None
        )
        if reset_after == 0:  # handled, but the response is lost
            close = getattr(result, "close", None)
            for _ in result:
                pass
            if close is not None:
                close()
            log(captured.get("status", 0), 0, "reset")
            raise ResetConnection()
        return self._body(result, rate, reset_after, captured, log)

    def _body(
        self,
        result: Iterable[bytes],
        rate: float | None,
        reset_after: int | None,
        captured: dict[str, Any],
        log: Callable[[int, int, str | None], None],
    ) -> Iterator[bytes]:
        """Yield the response in paced chunks. The log entry is written just *before* the
        last chunk goes out, so a client that has read the whole body always finds it."""
        sent = 0
        t0 = time.monotonic()
        logged = False

        def pieces() -> Iterator[bytes]:
            for data in result:
                for i in range(0, len(data), CHUNK):
                    yield data[i : i + CHUNK]

        try:
            pending: bytes | None = None
            for piece in pieces():
                if pending is not None:
                    yield from self._emit(pending, sent, t0, rate)
                    sent += len(pending)
                pending = piece
                if reset_after is not None and sent + len(pending) >= reset_after:
                    pending = pending[: max(0, reset_after - sent)]
                    sent += len(pending)
                    log(captured.get("status", 0), sent, "reset")
                    logged = True
                    yield pending
                    self.stop.wait(0.05)
                    raise ResetConnection()
            if reset_after is not None:
                if pending:
                    sent += len(pending)
                    yield pending
                log(captured.get("status", 0), sent, "reset")
                logged = True
                raise ResetConnection()
            final = pending or b""
            log(captured.get("status", 0), sent + len(final), None)
            logged = True
            if final:
                yield from self._emit(final, sent, t0, rate)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
            if not logged:
                log(captured.get("status", 0), sent, "dropped")

    def _emit(self, piece: bytes, sent: int, t0: float, rate: float | None) -> Iterator[bytes]:
        if rate:
            wait = t0 + (sent + len(piece)) / rate - time.monotonic()
            if wait > 0:
                self.stop.wait(wait)
        yield piece

"""Block reads (``gc_highlevel._block_reads``): storage GETs over ``http.client``, behind
httpx's transport interface. A scripted server on 127.0.0.1 answers each connection's
requests as a test says, and counts the connections."""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import anyio
import httpx
import pytest

from gc_highlevel._async._http import AsyncOriginPools
from gc_highlevel._block_reads import (
    BLOCK_READS,
    BLOCK_SIZE,
    AsyncBlockReads,
    BlockReads,
)
from gc_highlevel._retry import certificate_error
from gc_highlevel._sync._http import OriginPools

#: What the server does with one request on a connection: gets the socket and the request's
#: head, returns whether to keep the connection open for the next request.
Handler = Callable[[socket.socket, bytes], bool]


def _answer(body: bytes, *, status: str = "200 OK", close: bool = False) -> Handler:
    def handle(conn: socket.socket, head: bytes) -> bool:
        headers = f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\n"
        if close:
            headers += "Connection: close\r\n"
        conn.sendall(headers.encode() + b"\r\n" + body)
        return not close

    return handle


class ScriptedServer:
    """Answers the n-th request (over all connections) with ``handlers[n]``; records the
    request heads and counts connections."""

    def __init__(self, handlers: list[Handler], context: ssl.SSLContext | None = None) -> None:
        self.handlers = handlers
        self.heads: list[bytes] = []
        self.connections = 0
        self._context = context
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._threads: list[threading.Thread] = []
        self._stop = False
        accept = threading.Thread(target=self._accept, daemon=True)
        accept.start()

    @property
    def url(self) -> str:
        scheme = "https" if self._context else "http"
        return f"{scheme}://127.0.0.1:{self.port}/bucket/key?X-Amz-Signature=a%2Fb"

    def _accept(self) -> None:
        while not self._stop:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _serve(self, raw: socket.socket) -> None:
        conn = raw
        try:
            if self._context is not None:
                conn = self._context.wrap_socket(raw, server_side=True)
            while True:
                head = b""
                while b"\r\n\r\n" not in head:
                    data = conn.recv(65536)
                    if not data:
                        return
                    head += data
                self.heads.append(head)
                handler = self.handlers[len(self.heads) - 1]
                if not handler(conn, head):
                    return
        except (OSError, IndexError):
            return
        finally:
            conn.close()

    def close(self) -> None:
        self._stop = True
        self._listener.close()


@pytest.fixture
def serve() -> Iterator[Callable[..., ScriptedServer]]:
    servers: list[ScriptedServer] = []

    def start(*handlers: Handler, context: ssl.SSLContext | None = None) -> ScriptedServer:
        server = ScriptedServer(list(handlers), context)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def _get(url: str, timeout: float = 5.0) -> httpx.Request:
    return httpx.Request(
        "GET",
        url,
        headers={"Range": "bytes=0-"},
        extensions={"timeout": httpx.Timeout(timeout).as_dict(), BLOCK_READS: True},
    )


def _body(response: httpx.Response) -> tuple[bytes, list[int]]:
    sizes = []
    data = b""
    for chunk in response.iter_raw():
        sizes.append(len(chunk))
        data += chunk
    response.close()
    return data, sizes


def test_a_body_comes_in_blocks_and_the_connection_serves_the_next_request(serve):
    body = bytes(range(256)) * (BLOCK_SIZE // 256 * 2 + 3)  # two blocks and a bit
    server = serve(_answer(body), _answer(b"second"))
    reads = BlockReads(ssl.create_default_context)
    first, sizes = _body(reads.send(_get(server.url)))
    second, _ = _body(reads.send(_get(server.url)))
    reads.close()

    assert first == body and sizes[:2] == [BLOCK_SIZE, BLOCK_SIZE]
    assert second == b"second"
    assert server.connections == 1  # kept alive
    # the request target goes as it was signed, with the request's own headers
    assert server.heads[0].startswith(b"GET /bucket/key?X-Amz-Signature=a%2Fb HTTP/1.1\r\n")
    assert b"\r\nrange: bytes=0-\r\n" in server.heads[0].lower()
    assert b"\r\nhost: 127.0.0.1:" in server.heads[0].lower()


def test_a_body_that_breaks_off_is_a_remote_protocol_error(serve):
    def truncated(conn: socket.socket, head: bytes) -> bool:
        conn.sendall(b"HTTP/1.1 206 Partial Content\r\nContent-Length: 1000\r\n\r\n" + b"x" * 400)
        return False  # and close

    server = serve(truncated, _answer(b"again"))
    reads = BlockReads(ssl.create_default_context)
    response = reads.send(_get(server.url))
    assert response.status_code == 206
    with pytest.raises(httpx.RemoteProtocolError, match="600 bytes before the end"):
        _body(response)
    # the broken connection is not reused: the next request opens a new one
    assert _body(reads.send(_get(server.url)))[0] == b"again"
    assert server.connections == 2
    reads.close()


def test_an_idle_connection_the_server_closed_is_replaced_once(serve):
    def answer_then_close(conn: socket.socket, head: bytes) -> bool:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none")
        time.sleep(0.05)
        return False  # closes without saying Connection: close (an idle timeout)

    server = serve(answer_then_close, _answer(b"two"))
    reads = BlockReads(ssl.create_default_context)
    assert _body(reads.send(_get(server.url)))[0] == b"one"
    time.sleep(0.2)
    assert _body(reads.send(_get(server.url)))[0] == b"two"
    assert server.connections == 2
    reads.close()


def test_a_server_that_stops_sending_is_a_read_timeout(serve):
    def stall(conn: socket.socket, head: bytes) -> bool:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc")
        time.sleep(2)
        return False

    server = serve(stall)
    reads = BlockReads(ssl.create_default_context)
    response = reads.send(_get(server.url, timeout=0.3))
    with pytest.raises(httpx.ReadTimeout):
        _body(response)
    reads.close()


def test_a_refused_connection_is_a_connect_error():
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]  # closed again: nobody listens there
    reads = BlockReads(ssl.create_default_context)
    with pytest.raises(httpx.ConnectError):
        reads.send(_get(f"http://127.0.0.1:{port}/x"))
    reads.close()


def test_an_unknown_certificate_is_a_connect_error_with_the_certificate_failure(serve, tmp_path):
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_context)
    server = serve(_answer(b"secret"), _answer(b"secret"), context=server_context)

    untrusting = BlockReads(ssl.create_default_context)  # the system's CAs only
    with pytest.raises(httpx.ConnectError) as caught:
        untrusting.send(_get(server.url))
    assert certificate_error(caught.value) is not None
    untrusting.close()

    trusting_context = ssl.create_default_context()
    ca.configure_trust(trusting_context)
    trusting = BlockReads(lambda: trusting_context)
    assert _body(trusting.send(_get(server.url)))[0] == b"secret"
    trusting.close()


def test_a_short_unread_body_is_drained_so_its_connection_is_kept(serve):
    server = serve(_answer(b"<Error>AccessDenied</Error>", status="403 Forbidden"), _answer(b"ok"))
    reads = BlockReads(ssl.create_default_context)
    refused = reads.send(_get(server.url))
    assert refused.status_code == 403
    refused.close()  # unread, as the downloads do with a 403
    assert _body(reads.send(_get(server.url)))[0] == b"ok"
    assert server.connections == 1
    reads.close()


def test_the_default_transport_sends_only_requests_asking_for_it_over_block_reads(serve):
    body = b"z" * (BLOCK_SIZE + 5)
    server = serve(_answer(body), _answer(body))
    with httpx.Client(transport=OriginPools(verify=True)) as client:
        with client.stream("GET", server.url, extensions={BLOCK_READS: True}) as response:
            sizes = [len(c) for c in response.iter_raw()]
        assert sizes == [BLOCK_SIZE, 5]  # blocks: http.client
        with client.stream("GET", server.url) as response:
            plain = [len(c) for c in response.iter_raw()]
        assert sum(plain) == len(body) and plain[0] < BLOCK_SIZE  # httpcore's reads
    assert server.connections == 2  # one connection each: separate pools


@pytest.mark.anyio
async def test_async_block_reads_read_the_same_blocks(serve):
    body = b"a" * (BLOCK_SIZE + 7)
    server = serve(_answer(body), _answer(b"b"))
    async with httpx.AsyncClient(transport=AsyncOriginPools(verify=True)) as client:
        request = client.build_request("GET", server.url, extensions={BLOCK_READS: True})
        response = await client.send(request, stream=True)
        sizes = [len(c) async for c in response.aiter_raw()]
        await response.aclose()
        second = await client.get(server.url, extensions={BLOCK_READS: True})
    assert sizes == [BLOCK_SIZE, 7] and second.content == b"b"
    assert server.connections == 1


@pytest.mark.anyio
async def test_cancelling_an_async_read_returns_at_once(serve):
    release = threading.Event()

    def stall(conn: socket.socket, head: bytes) -> bool:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc")
        release.wait(10)
        return False

    server = serve(stall)
    reads = AsyncBlockReads(ssl.create_default_context)
    response = await reads.send(_get(server.url, timeout=30))
    started = time.monotonic()
    with anyio.move_on_after(0.3):
        async for _ in response.aiter_raw():
            pass
    await response.aclose()
    assert time.monotonic() - started < 2  # not the 30 s read timeout
    release.set()
    reads.close()


def test_block_reads_refuse_what_is_not_a_get(tmp_path: Path):
    reads = BlockReads(ssl.create_default_context)
    with pytest.raises(ValueError, match="GETs only"):
        reads.send(httpx.Request("PUT", "http://127.0.0.1:1/x", content=b"x"))
    reads.close()


def test_downloads_read_storage_in_blocks_and_a_given_transport_is_left_alone(
    gc, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import hashlib

    import gc_highlevel
    from tests.transfers.conftest import MiB, add_image, random_bytes

    opened: list[str] = []
    original = BlockReads.open

    def spy(self: BlockReads, request: httpx.Request):  # type: ignore[no-untyped-def]
        presigned = "X-Amz-Signature" in request.url.params
        opened.append("storage" if presigned else request.url.path)
        return original(self, request)

    monkeypatch.setattr(BlockReads, "open", spy)
    data = random_bytes(3 * MiB + 5)
    image = add_image(gc, {"scan.mha": data})
    with gc_highlevel.Client(gc.tokens["demo"], base_url=gc.api_url) as client:
        (result,) = client.transfers.download_image(image.pk, tmp_path / "a", progress=False)
    assert hashlib.sha256(result.path.read_bytes()).digest() == hashlib.sha256(data).digest()
    # the image's details and the API's redirect to storage, then the first MiB and three
    # ranges from storage
    assert opened[:2] == [f"/api/v1/cases/images/{image.pk}/", f"/media/{image.files[0].key}"]
    assert opened[2:] == ["storage"] * 4

    opened.clear()
    with gc_highlevel.Client(
        gc.tokens["demo"], base_url=gc.api_url, transport=httpx.HTTPTransport()
    ) as client:
        (result,) = client.transfers.download_image(image.pk, tmp_path / "b", progress=False)
    assert result.path.read_bytes() == data and opened == []


@pytest.mark.anyio
async def test_async_reads_hand_over_what_arrived_before_a_break(serve):
    sent = BLOCK_SIZE * 2 + 1000

    def truncated(conn: socket.socket, head: bytes) -> bool:
        conn.sendall(
            f"HTTP/1.1 200 OK\r\nContent-Length: {sent + 5000}\r\n\r\n".encode() + b"x" * sent
        )
        return False  # and close, 5000 bytes short

    server = serve(truncated)
    reads = AsyncBlockReads(ssl.create_default_context)
    response = await reads.send(_get(server.url))
    received = 0
    with pytest.raises(httpx.RemoteProtocolError, match="5000 bytes before the end"):
        async for chunk in response.aiter_raw():
            received += len(chunk)
    assert received == sent  # every byte that came, before the error
    reads.close()

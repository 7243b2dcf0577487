"""Every fast path of the local S3: where the emulator reaches into moto's internals, or around
its HTTP layer, instead of letting moto's S3 API answer. Each gives the answer moto gives (its
status, headers, bytes, errors) and steps aside (``None``, or an untouched moto) for anything it
was not written for; tests/server/test_storage_fastpaths.py compares each with moto's own.

moto answers S3 correctly but slowly: it copies a completed object three times, reads a whole
object for each ranged GET, and spends more CPU parsing a request than storing its bytes. A 1 GiB
upload and download through the emulator should cost about what they cost against S3.

1. **Cheaper completion** (:func:`install`, :func:`_complete`): moto's
   ``FakeMultipart.complete`` concatenates the parts into a ``bytearray``, again for the
   full-object checksum, then copies the lot into ``bytes``. The replacement validates the
   parts exactly as moto does (``InvalidPart``, ``EntityTooSmall``, ``MalformedXML``), builds
   the object once (or not at all, see 4) and returns the same ETag and checksum. Installed
   only over the moto method it was written against (checked by its code).
2. **Large values straight to their file** (:func:`_make_value_setter`, :func:`_roll_over`):
   ``FakeKey`` writes a value larger than its spool size (every multipart part and completed
   object) directly to its temporary file, memory-backed (``SHM_DIR``) when there is room,
   instead of ``SpooledTemporaryFile``'s copy in memory then to disk.
3. **Parts received as they arrive** (:class:`Received`): a presigned part PUT is written to
   the buffer its ``FakeKey`` keeps, its MD5 (the part's ETag) and CRC32 computed on the way,
   so storing it costs nothing once the last byte is in, and completing the upload combines
   the parts' CRCs (:func:`crc32_combine`) instead of reading the object again.
4. **Completed objects left in their parts** (:class:`Assembled`, :class:`Chained`): the new
   key reads its bytes from its parts' buffers, in order, instead of a 1 GiB copy.
5. **Presigned part PUTs** (:func:`upload_part`, behind ``PresignGate._upload_part``): a plain
   UploadPart is handed to moto's backend directly, answered with moto's status and headers.
6. **Presigned ranged GETs** (:func:`ranged_get`, behind ``PresignGate._ranged_get``): moto
   answers the request as a HEAD (status and headers) and the bytes of the range come from the
   object's buffer; moto would read the whole object for each slice.
7. **The server's own S3 client in-process** (:class:`DirectDispatch`): its requests go to
   moto's WSGI application in the calling thread, not over a socket.
8. **The upload views' multipart calls** (:func:`create_multipart_upload`, :func:`list_parts`,
   :func:`complete_multipart_upload`, via :func:`moto_backend`): straight to moto's backend.
9. **Upload quota sums** (:func:`prefix_size`, via :func:`moto_bucket`): read moto's key store
   instead of listing the objects.

Not a fast path but moto's internals too: :func:`forget_dead_moto_models` drops the models only
moto's instance tracker still holds (a long-lived emulator otherwise grows with every upload).
"""

from __future__ import annotations

import base64
import binascii
import bisect
import codecs
import contextlib
import datetime as dt
import hashlib
import io
import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from .netio import StartResponse, WSGIApp, WSGIEnviron

_lock = threading.Lock()
_installed = False
#: moto's own ``FakeMultipart.complete`` once :func:`install` replaced it (for comparison)
original_complete: Any = None

# moto 5.1/5.2's FakeMultipart.complete reads these names; a version without them keeps its own
_EXPECTED_NAMES = {"MultipartChecksumBuilder", "S3_UPLOAD_PART_MIN_SIZE", "InvalidPart"}


CHUNK = 8 * 1024 * 1024


class Assembled:
    """A completed object's bytes, still in its parts' buffers: what the cheaper completion
    hands to ``FakeKey`` (whose patched ``value`` setter copies them, chunk by chunk, into
    its own buffer) instead of a ``bytes`` of the whole object.

    It takes the buffers over from the parts (moto disposes of the multipart upload, closing
    its parts' buffers, before it stores the object); the new key takes them over in turn,
    as its :class:`Chained` buffer."""

    def __init__(self, buffers: list[tuple[Any, int]]) -> None:
        self.buffers = buffers
        self.size = sum(n for _, n in buffers)

    def __len__(self) -> int:
        return self.size

    def chunks(self) -> Iterator[memoryview]:
        """The object's bytes in order, in views of one reused buffer (read each before
        asking for the next)."""
        scratch = bytearray(min(CHUNK, max(self.size, 1)))
        view = memoryview(scratch)
        for src, size in self.buffers:
            src.seek(0)
            left = size
            while left > 0:
                n = src.readinto(view[: min(left, len(view))])
                if not n:
                    raise OSError("a multipart part is shorter than its size")
                left -= n
                yield view[:n]

    def close(self) -> None:
        for src, _ in self.buffers:
            with contextlib.suppress(Exception):
                src.close()
        self.buffers = []

    def __del__(self) -> None:
        self.close()


class Chained:
    """The read side of a file over several buffers, back to back: a completed multipart
    object's bytes left in its parts' buffers. ``FakeKey`` only seeks, reads and closes its
    buffer (writing goes through its ``value`` setter, which swaps this for a fresh file).

    Example:
        >>> import io
        >>> c = Chained([(io.BytesIO(b"abc"), 3), (io.BytesIO(b"de"), 2)])
        >>> _ = c.seek(2); c.read(2), c.read(), c.tell()
        (b'cd', b'e', 5)
    """

    def __init__(self, buffers: list[tuple[Any, int]]) -> None:
        self.buffers = buffers
        self.starts: list[int] = []
        self.size = 0
        for _, n in buffers:
            self.starts.append(self.size)
            self.size += n
        self.pos = 0
        self.closed = False

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self.pos, os.SEEK_END: self.size}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self.pos = base + offset
        return self.pos

    def tell(self) -> int:
        return self.pos

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        if self.closed:
            raise ValueError("I/O operation on closed file")
        left = self.size - self.pos if size is None or size < 0 else size
        out = bytearray()
        index = max(0, bisect.bisect_right(self.starts, self.pos) - 1)
        while left > 0 and index < len(self.buffers) and self.pos < self.size:
            buf, n = self.buffers[index]
            inner = self.pos - self.starts[index]
            if inner >= n:
                index += 1
                continue
            buf.seek(inner)
            data = buf.read(min(left, n - inner))
            if not data:
                raise OSError("a multipart part is shorter than its size")
            out += data
            self.pos += len(data)
            left -= len(data)
        return bytes(out)

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        for buf, _ in self.buffers:
            with contextlib.suppress(Exception):
                buf.close()
        self.buffers = []


class Received:
    """A part's bytes as they arrived, already in the buffer its ``FakeKey`` will keep (a
    memory-backed temporary file when large), with their MD5 and CRC32.

    Example:
        >>> import io
        >>> r = Received.read(io.BytesIO(b"hello"), 5)
        >>> r.size, r.md5, r.crc32 == binascii.crc32(b"hello")
        (5, '5d41402abc4b2a76b9719d911017c592', True)
    """

    def __init__(self, buffer: Any, size: int, md5: str, crc32: int) -> None:
        self.buffer = buffer
        self.size = size
        self.md5 = md5
        self.crc32 = crc32

    @classmethod
    def read(cls, stream: Any, length: int, *, chunk: int = 256 * 1024) -> Received:
        """Read up to ``length`` bytes of ``stream`` (fewer if it ends first)."""
        from moto.settings import get_s3_default_key_buffer_size

        buffer = tempfile.SpooledTemporaryFile(get_s3_default_key_buffer_size())  # noqa: SIM115
        _roll_over(buffer, length)
        md5 = hashlib.md5(usedforsecurity=False)
        crc = 0
        size = 0
        while size < length:
            data = stream.read(min(chunk, length - size))
            if not data:
                break
            md5.update(data)
            crc = binascii.crc32(data, crc)
            buffer.write(data)
            size += len(data)
        return cls(buffer, size, md5.hexdigest(), crc)

    def __len__(self) -> int:
        return self.size

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.buffer.close()


def _gf2_times(matrix: list[int], vector: int) -> int:
    total = 0
    i = 0
    while vector:
        if vector & 1:
            total ^= matrix[i]
        vector >>= 1
        i += 1
    return total


def _gf2_compose(a: list[int], b: list[int]) -> list[int]:
    return [_gf2_times(a, column) for column in b]


_zeros_operators: dict[int, list[int]] = {}


def _zeros_operator(nbytes: int) -> list[int]:
    """The GF(2) matrix that runs a CRC-32 register over ``nbytes`` zero bytes (cached)."""
    op = _zeros_operators.get(nbytes)
    if op is not None:
        return op
    bit = [0xEDB88320] + [1 << n for n in range(31)]  # one zero bit (reflected polynomial)
    square = _gf2_compose(bit, bit)
    power = _gf2_compose(square, square)
    power = _gf2_compose(power, power)  # eight zero bits: one byte
    result: list[int] | None = None
    n = nbytes
    while n:
        if n & 1:
            result = power if result is None else _gf2_compose(power, result)
        n >>= 1
        if n:
            power = _gf2_compose(power, power)
    assert result is not None
    if len(_zeros_operators) < 64:
        _zeros_operators[nbytes] = result
    return result


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """The CRC-32 of ``A + B`` from ``crc32(A)``, ``crc32(B)`` and ``len(B)`` (zlib's
    ``crc32_combine``).

    Example:
        >>> crc32_combine(binascii.crc32(b"ab"), binascii.crc32(b"cde"), 3) == binascii.crc32(
        ...     b"abcde")
        True
    """
    if len2 <= 0:
        return crc1
    return _gf2_times(_zeros_operator(len2), crc1) ^ crc2


def _crc32_updater(algorithm: str) -> Any:
    """``compute_checksum``'s CRC, incrementally, when it is ``binascii.crc32`` (CRC32, and
    CRC64NVME without awscrt, which moto replaces by CRC32); ``None`` for the others."""
    from moto.s3 import utils

    if algorithm == "CRC32" or (algorithm == "CRC64NVME" and not getattr(utils, "HAS_CRT", True)):
        return binascii.crc32
    return None


def _read_into(part: Any, out: memoryview) -> None:
    """Copy one part's bytes into ``out`` (what ``part.value`` returns, without the copy)."""
    buf = part._value_buffer
    with part.lock:
        buf.seek(0)
        readinto = getattr(buf, "readinto", None)  # SpooledTemporaryFile has it from 3.11
        if readinto is not None:
            got = 0
            while got < len(out):
                n = readinto(out[got:])
                if not n:
                    break
                got += n
            if got == len(out):
                return
        buf.seek(0)
        out[:] = buf.read()


def _complete(self: Any, body: Iterator[tuple[int, str]]) -> tuple[Any, str, Any]:
    from moto.s3 import models as moto_models
    from moto.s3.utils import compute_checksum

    # not importlib.import_module: it takes the module's import lock on every call
    models: Any = moto_models

    checksum_algo: str | None = self.metadata.get("x-amz-checksum-algorithm")
    checksum_type: str | None = self.metadata.get("x-amz-checksum-type")
    decode_hex: Any = codecs.getdecoder("hex_codec")
    builder = models.MultipartChecksumBuilder(checksum_algo, checksum_type)
    md5s = bytearray()
    parts: list[Any] = []
    last = None
    for pn, etag in body:  # the same checks, in the same order, as moto's
        part = self.parts.get(pn)
        part_etag = None
        if part is not None:
            part_etag = part.etag.replace('"', "")
            etag = etag.replace('"', "")
        if part is None or part_etag != etag:
            raise models.InvalidPart()
        if last is not None and last.contentsize < models.S3_UPLOAD_PART_MIN_SIZE:
            raise models.EntityTooSmall()
        md5s.extend(decode_hex(part_etag)[0])
        parts.append(part)
        last = part
    if not parts:
        raise models.MalformedXML
    full_etag = hashlib.md5(bytes(md5s), usedforsecurity=False)
    etag_value = f"{full_etag.hexdigest()}-{len(parts)}"
    crc32 = _crc32_updater(builder.checksum_algorithm)
    readable = all(hasattr(p._value_buffer, "readinto") for p in parts)
    if builder.checksum_type != "COMPOSITE" and crc32 is not None and readable:
        # the whole object never sits in memory: the CRC runs over the parts' files and the
        # new key copies them into its own
        assembled = Assembled([(p._value_buffer, int(p.contentsize)) for p in parts])
        crc = 0
        if all(isinstance(getattr(p, "gc_crc32", None), int) for p in parts):
            for p in parts:  # each part's CRC was taken as it arrived: no need to read them
                crc = crc32_combine(crc, p.gc_crc32, int(p.contentsize))
        else:
            for chunk in assembled.chunks():
                crc = crc32(chunk, crc)
        for p in parts:  # what moto's disposal of the multipart upload closes instead
            p._value_buffer = tempfile.SpooledTemporaryFile(1)  # noqa: SIM115
        digest = base64.b64encode(crc.to_bytes(4, "big")).decode()
        return assembled, etag_value, (builder.checksum_type, digest, 1)
    # one allocation, each part read straight into its place
    total = bytearray(sum(int(p.contentsize) for p in parts))
    view = memoryview(total)
    offset = 0
    for part in parts:
        size = int(part.contentsize)
        _read_into(part, view[offset : offset + size])
        if builder.checksum_type == "COMPOSITE":
            builder.addPart(bytes(view[offset : offset + size]))
        else:
            builder.part_count += 1  # the full-object checksum is computed over `total`
        offset += size
    view.release()
    if builder.checksum_type == "COMPOSITE":
        checksum = builder.build()
    else:
        checksum = (
            builder.checksum_type,
            compute_checksum(total, builder.checksum_algorithm).decode(),  # type: ignore[arg-type]
            1,
        )
    # a bytearray is stored by FakeKey exactly like bytes (written to its buffer)
    return total, etag_value, checksum


#: where large S3 values are kept: memory-backed when the machine has it, so that the
#: emulator's writes do not wait on disk writeback (moto's default is the system temp dir)
SHM_DIR = "/dev/shm"


def _roll_over(buf: Any, size: int) -> None:
    """Move a still in-memory spool to its temporary file before ``size`` bytes are written,
    in ``SHM_DIR`` when it has room for them with plenty to spare."""
    if getattr(buf, "_rolled", True) or size <= getattr(buf, "_max_size", 1 << 62):
        return
    args = getattr(buf, "_TemporaryFileArgs", None)
    if isinstance(args, dict) and args.get("dir") is None:
        try:
            st = os.statvfs(SHM_DIR)
            if os.access(SHM_DIR, os.W_OK) and st.f_bavail * st.f_frsize > 4 * size + (1 << 30):
                args["dir"] = SHM_DIR
        except OSError:
            pass
    buf.rollover()


def _make_value_setter(original: Any) -> Any:
    def value(self: Any, new_value: Any) -> None:
        # SpooledTemporaryFile would buffer a large value in memory, then copy it to disk when
        # it passes max_size: go to disk first (same contents, two fewer copies)
        buf = self._value_buffer
        if isinstance(new_value, Assembled):
            # the object reads from its parts' buffers, taken over from the Assembled
            self._value_buffer = Chained(new_value.buffers)
            new_value.buffers = []
            buf.close()
            self.contentsize = len(new_value)
            return
        if isinstance(new_value, Received):  # already in its buffer, MD5 and CRC known
            self._value_buffer = new_value.buffer
            buf.close()
            self.contentsize = new_value.size
            self._etag = new_value.md5
            self.gc_crc32 = new_value.crc32
            return
        if isinstance(buf, Chained):  # a new value for a completed object: a file of its own
            buf.close()
            self._value_buffer = buf = tempfile.SpooledTemporaryFile(self._max_buffer_size)  # noqa: SIM115
        if isinstance(new_value, (bytes, bytearray)):
            _roll_over(buf, len(new_value))
        original(self, new_value)

    return value


def install() -> bool:
    """Use the cheaper completion in this process's moto (idempotent). Returns whether it is
    in use."""
    global _installed, original_complete
    with _lock:
        if _installed:
            return True
        try:
            from moto.s3 import models
        except ImportError:  # pragma: no cover
            return False
        original = models.FakeMultipart.complete
        code = getattr(original, "__code__", None)
        names = set(code.co_names) if code is not None else set()
        if not names >= _EXPECTED_NAMES or not hasattr(models.MultipartChecksumBuilder, "build"):
            return False  # pragma: no cover - a moto we do not know: keep its own
        prop = models.FakeKey.__dict__.get("value")
        if not isinstance(prop, property) or prop.fset is None:
            return False  # pragma: no cover
        original_complete = original
        models.FakeMultipart.complete = _complete  # type: ignore[method-assign]
        setattr(models.FakeKey, "value", prop.setter(_make_value_setter(prop.fset)))  # noqa: B010
        _installed = True
        return True


#: Request headers (as WSGI keys) of an UploadPart that moto itself must answer: CORS, copies,
#: checksums and integrity checks, streaming signatures and chunked bodies.
_PART_HEADERS_FOR_MOTO = (
    "HTTP_ORIGIN",
    "HTTP_X_AMZ_COPY_SOURCE",
    "HTTP_X_AMZ_SDK_CHECKSUM_ALGORITHM",
    "HTTP_X_AMZ_CONTENT_SHA256",
    "HTTP_X_AMZ_DECODED_CONTENT_LENGTH",
    "HTTP_CONTENT_MD5",
    "HTTP_TRANSFER_ENCODING",
)

_PRESIGN_PARAMS = {
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-Date",
    "X-Amz-Expires",
    "X-Amz-SignedHeaders",
    "X-Amz-Signature",
    "X-Amz-Security-Token",
}


class S3Refusal(Exception):
    """S3's error answer to a request a fast path took: the caller renders it as S3's XML
    error document."""

    def __init__(self, code: str, message: str, status: int) -> None:
        super().__init__(code, message, status)
        self.code = code
        self.message = message
        self.status = status


def no_such_upload() -> S3Refusal:
    """S3's 404 to a part of a multipart upload it does not hold (never created, completed
    or aborted)."""
    return S3Refusal(
        "NoSuchUpload",
        "The specified upload does not exist. The upload ID may be invalid, or the upload "
        "may have been aborted or completed.",
        404,
    )


def upload_part(
    storage: Any, environ: WSGIEnviron, path: str, q: dict[str, str], start_response: StartResponse
) -> list[bytes] | None:
    """A plain UploadPart (what clients PUT to presigned part URLs) handed to moto's
    backend directly, answered with the status and headers moto's S3 answers it with:
    moto's request handling costs more CPU than storing the part. ``None`` (moto answers
    it itself) for anything else: other parameters, checksums, CORS, copies, a part
    number moto refuses, an upload it does not know. Raises :class:`S3Refusal` for S3's
    ``IncompleteBody`` and ``NoSuchUpload`` answers."""
    if set(q) - _PRESIGN_PARAMS != {"uploadId", "partNumber"}:
        return None
    if any(k in environ for k in _PART_HEADERS_FOR_MOTO) or any(
        k.startswith("HTTP_X_AMZ_CHECKSUM") for k in environ
    ):
        return None
    number = q["partNumber"]
    if not (number.isascii() and number.isdigit() and 1 <= int(number) <= 10000):
        return None
    bucket_name, _, key_name = path.lstrip("/").partition("/")
    backend = storage._moto_backend(bucket_name)
    bucket = storage._moto_bucket(bucket_name)
    multipart = bucket.multiparts.get(q["uploadId"]) if bucket is not None else None
    if backend is None or multipart is None or multipart.key_name != key_name:
        return None
    try:
        from moto.utilities.aws_headers import gen_amzn_requestid_long
    except ImportError:  # pragma: no cover - another moto layout
        return None
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if install():  # stored, hashed and checksummed as it arrives
        body: Any = Received.read(environ["wsgi.input"], max(0, length))
    else:  # pragma: no cover - a moto the cheaper paths do not know
        body = environ["wsgi.input"].read(length) if length > 0 else b""
    if len(body) < length:  # the client stopped sending: S3 stores no part of it
        if isinstance(body, Received):
            body.close()
        raise S3Refusal(
            "IncompleteBody",
            "You did not provide the number of bytes specified by the Content-Length HTTP header",
            400,
        )
    key = None
    try:
        with storage.multipart_lock:
            if q["uploadId"] in bucket.multiparts:  # not aborted or completed meanwhile
                key = backend.upload_part(bucket_name, q["uploadId"], int(number), body)
    finally:
        if key is None and isinstance(body, Received):
            body.close()
    if key is None:  # S3's answer (moto's upload_part raised a KeyError: a 500)
        raise no_such_upload()
    headers: dict[str, str] = dict(key.response_dict)
    headers["content-length"] = "0"
    gen_amzn_requestid_long(headers)
    # what moto's Flask app adds: Flask's default type and (flask-cors) a wildcard origin
    headers["Content-Type"] = "text/html; charset=utf-8"
    headers["Access-Control-Allow-Origin"] = "*"
    start_response("200 OK", list(headers.items()))
    return [b""]


def ranged_get(
    app: WSGIApp,
    storage: Any,
    environ: WSGIEnviron,
    path: str,
    q: dict[str, str],
    start_response: StartResponse,
) -> list[bytes] | None:
    """A ranged GET of a plain object, reading only the range: moto reads the whole
    object for each one (1 GiB per 16 MiB slice). moto answers the same request as a HEAD
    (status and headers, ``Content-Range`` included) and the bytes come from its buffer.
    ``None`` (moto answers the GET itself) for anything but a 206 of a known object, and for
    a query with more than the presigning and ``response-*`` parameters."""
    if not all(k in _PRESIGN_PARAMS or k.startswith("response-") for k in q):
        return None
    status: list[str] = []
    headers: list[tuple[str, str]] = []

    def capture(st: str, hd: list[tuple[str, str]], exc_info: Any = None) -> Any:
        status[:] = [st]
        headers[:] = list(hd)
        return lambda _data: None

    head = dict(environ, REQUEST_METHOD="HEAD", CONTENT_LENGTH="0")
    head["wsgi.input"] = io.BytesIO(b"")
    result = app(head, capture)
    for _ in result:
        pass
    close = getattr(result, "close", None)
    if close is not None:
        close()
    if not status or not status[0].startswith("206"):
        return None
    try:  # a GET (not a HEAD) applies the presigned response-* overrides
        from moto.s3.responses import ALLOWED_HEADER_OVERRIDES
    except ImportError:  # pragma: no cover
        return None
    query = dict(parse_qsl(str(environ.get("QUERY_STRING", "")), keep_blank_values=True))
    for param, header in ALLOWED_HEADER_OVERRIDES.items():
        if param in query:
            headers = [(k, v) for k, v in headers if k.lower() != header.lower()]
            headers.append((header, query[param]))
    lower = {k.lower(): v for k, v in headers}
    bucket_name, _, key_name = path.lstrip("/").partition("/")
    moto_bucket = storage._moto_bucket(bucket_name)
    try:
        from moto.s3.models import FakeKey

        key = moto_bucket.keys.get(key_name) if moto_bucket is not None else None
        if not isinstance(key, FakeKey) or key.etag != lower.get("etag"):
            return None
        span = lower["content-range"].split()[1].split("/")[0]
        begin, end = (int(x) for x in span.split("-"))
        with key.lock:
            key._value_buffer.seek(begin)
            data = key._value_buffer.read(end - begin + 1)
    except Exception:
        return None
    if len(data) != end - begin + 1 or lower.get("content-length") != str(len(data)):
        return None
    start_response(status[0], headers)
    return [data]


class _RawBody(io.BytesIO):
    """A response body botocore can read or stream."""

    def stream(self, **kwargs: Any) -> Iterator[bytes]:
        while chunk := self.read(1 << 20):
            yield chunk


class DirectDispatch:
    """botocore ``before-send`` hook handing each request of the server's own S3 client to
    moto's WSGI application in the calling thread: the same moto request handling as over
    HTTP, without a socket round trip and two thread hand-offs per call (under load each
    waited for the GIL; create, list-parts and complete spent most of their time there)."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, request: Any, **kwargs: Any) -> Any:
        from botocore.awsrequest import AWSResponse

        body = request.body
        if body is None:
            data = b""
        elif isinstance(body, (bytes, bytearray)):
            data = bytes(body)
        elif isinstance(body, str):
            data = body.encode()
        else:
            data = body.read()
            if isinstance(data, str):
                data = data.encode()
        url = urlsplit(request.url)
        environ: WSGIEnviron = {
            "REQUEST_METHOD": request.method,
            "SCRIPT_NAME": "",
            # as werkzeug's server makes it: percent-decoded UTF-8, as latin-1
            "PATH_INFO": unquote(url.path).encode().decode("latin-1"),
            "QUERY_STRING": url.query,
            # werkzeug's server passes the raw target too; moto reads object keys from it
            "REQUEST_URI": url.path + (f"?{url.query}" if url.query else ""),
            "RAW_URI": url.path + (f"?{url.query}" if url.query else ""),
            "SERVER_NAME": url.hostname or "127.0.0.1",
            "SERVER_PORT": str(url.port or 80),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": url.scheme or "http",
            "wsgi.input": io.BytesIO(data),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": True,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
            "wsgi.input_terminated": True,
            "CONTENT_LENGTH": str(len(data)),
        }
        for name, value in request.headers.items():
            key = name.upper().replace("-", "_")
            if isinstance(value, bytes):
                value = value.decode("latin-1")
            if key == "CONTENT_TYPE":
                environ["CONTENT_TYPE"] = value
            elif key not in ("CONTENT_LENGTH", "TRANSFER_ENCODING"):
                environ["HTTP_" + key] = value
        environ["HTTP_HOST"] = url.netloc
        status: list[str] = []
        headers: list[tuple[str, str]] = []

        def start_response(st: str, hd: list[tuple[str, str]], exc_info: Any = None) -> Any:
            status[:] = [st]
            headers[:] = list(hd)
            return lambda _data: None

        result = self.app(environ, start_response)
        try:
            out = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        code = int(status[0].split(None, 1)[0])
        return AWSResponse(request.url, code, dict(headers), _RawBody(out))


def forget_dead_moto_models() -> int:
    """Drop the S3 model instances (keys, parts, multipart uploads, ACLs) that only moto's
    instance tracker still holds, and return how many. moto lists every model it ever created
    (for its dashboard) until its global reset, so a long-lived emulator kept ~10,000 objects
    per 300 uploads, and the garbage collector's full passes over them paused every request
    for ~0.1 s. Only instances referenced by nothing else are dropped: nothing alive changes.

    Example:
        >>> forget_dead_moto_models() >= 0
        True
    """
    try:
        from moto.core.model_instances import model_data
    except ImportError:  # pragma: no cover - a moto without the tracker
        return 0
    dropped = 0
    while True:  # again while something went: a dropped ACL frees its grants, and so on
        before = dropped
        for model in list(model_data.get("s3", {}).values()):
            tracked = getattr(model, "instances_tracked", None)
            if not isinstance(tracked, list):
                continue  # pragma: no cover
            # Only the first n are judged and replaced (one slice assignment, atomic under
            # the GIL), so an instance appended meanwhile stays. getrefcount(tracked[i]) is 2
            # when the tracker's reference is the only one (the other is the argument).
            n = len(tracked)
            alive = [tracked[i] for i in range(n) if sys.getrefcount(tracked[i]) > 2]
            dropped += n - len(alive)
            tracked[:n] = alive
        if dropped == before:
            return dropped


def moto_backend(bucket: str) -> Any:
    """moto's in-process S3 backend holding ``bucket``, or ``None`` when it cannot be reached."""
    try:
        from moto.s3.models import s3_backends

        partition, account_id = s3_backends.bucket_accounts[bucket]
        return s3_backends[account_id][partition]
    except Exception:  # pragma: no cover - another moto layout: use the S3 API
        return None


def moto_bucket(bucket: str) -> Any:
    """moto's in-process bucket object, or ``None`` when it cannot be reached."""
    try:
        from moto.s3.models import s3_backends

        partition, account_id = s3_backends.bucket_accounts[bucket]
        return s3_backends[account_id][partition].buckets[bucket]
    except Exception:  # pragma: no cover - another moto layout: use the S3 API
        return None


# The upload views' S3 calls, straight to moto's backend (the methods moto's S3 responses call,
# with the same arguments and checks), not through boto3 and moto's HTTP layer: serialising,
# signing, routing and parsing four calls per upload cost most of the emulator's CPU time with
# many small files. ``Storage`` falls back to the S3 API when the backend cannot be reached.


def create_multipart_upload(backend: Any, bucket: str, key: str) -> str:
    """``CreateMultipartUpload`` of ``key`` (no metadata, standard storage class, no tags, ACL
    or encryption, as the server asks); returns its upload id."""
    from moto.s3.utils import metadata_from_headers

    multipart = backend.create_multipart_upload(
        bucket, key, metadata_from_headers({}), "STANDARD", {}, None, None, None
    )
    return str(multipart.id)


def list_parts(backend: Any, bucket: str, upload_id: str) -> list[dict[str, Any]]:
    """Every part of an open multipart upload, as boto3's ``list_parts`` pages give them."""
    parts: list[dict[str, Any]] = []
    marker = 0
    while True:
        page = backend.list_parts(bucket, upload_id, part_number_marker=marker, max_parts=1000)
        for part in page:
            modified = part.last_modified.replace(microsecond=0)
            if modified.tzinfo is None:  # moto keeps naive UTC
                modified = modified.replace(tzinfo=dt.timezone.utc)
            parts.append(
                {
                    "PartNumber": int(part.name),
                    "LastModified": modified,
                    "ETag": part.etag,
                    "Size": int(part.size),
                }
            )
        if not page or not backend.is_truncated(bucket, upload_id, page[-1].name):
            return parts
        marker = int(page[-1].name)


def complete_multipart_upload(
    backend: Any, bucket: str, key: str, upload_id: str, parts: list[dict[str, Any]]
) -> int:
    """``CompleteMultipartUpload`` (a repeated one answered with the object, as S3 does);
    returns the object's size."""
    existing = backend.get_object(bucket, key)
    if existing is not None and existing.multipart and existing.multipart.id == upload_id:
        done = existing  # S3 answers a repeated completion with the object
    else:
        done = backend.complete_multipart_upload(
            bucket, upload_id, ((p["PartNumber"], p["ETag"]) for p in parts)
        )
    if done is None:
        raise ValueError("S3 refused the completion")
    return int(done.size)


def prefix_size(bucket: Any, prefix: str) -> int:
    """Total size of the objects of moto's ``bucket`` whose key starts with ``prefix``, what a
    paginated ``list_objects_v2`` sums, read from its key store instead of serialising and
    parsing a listing of every object (milliseconds per request with a few hundred)."""
    from moto.s3.models import FakeKey

    total = 0
    # dict.copy() is atomic under the GIL; the latest version is the listed one
    for key, versions in dict.copy(bucket.keys).items():
        if key.startswith(prefix) and versions and isinstance(versions[-1], FakeKey):
            total += int(versions[-1].size)
    return total

"""A cheaper ``CompleteMultipartUpload`` for moto's S3 (same result, fewer copies).

moto's ``FakeMultipart.complete`` concatenates the parts into a ``bytearray``, concatenates them
a second time for the full-object checksum, then copies the lot into ``bytes``: three copies of
the object before ``FakeKey`` stores it. For a 1 GiB upload that is most of the seconds the
emulator spends answering complete-multipart-upload (S3 takes well under one).

:func:`install` replaces that method with one that validates the parts exactly as moto does
(``InvalidPart``, ``EntityTooSmall``, ``MalformedXML``), builds the object once and computes the
same checksum over it, returning the same ETag and checksum details. It is only installed when
moto's method is the one this was written against (checked by its code), so another moto
version keeps its own.

It also lets ``FakeKey`` write a value larger than its spool size (every multipart part and
completed object) straight to its temporary file: ``SpooledTemporaryFile`` would first copy it
into memory, then copy it again to disk (2 s of the emulator's time for 1 GiB).

A part PUT to a presigned URL can arrive as a :class:`Received`: written to its buffer as it
comes in, its MD5 (the part's ETag) and CRC32 computed on the way, so that storing it costs
nothing once the last byte is in, and completing the upload combines the parts' CRCs instead
of reading the whole object again.

A completed object is not copied at all: its key reads its bytes from its parts' buffers, in
order (:class:`Chained`), which it takes over from the multipart upload. Writing a 1 GiB copy
took 1-3 s (fresh memory pages are slow to come by in a VM); S3 answers in well under one.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import codecs
import contextlib
import hashlib
import os
import tempfile
import threading
from collections.abc import Iterator
from typing import Any

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

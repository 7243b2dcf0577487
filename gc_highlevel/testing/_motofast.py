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
"""

from __future__ import annotations

import codecs
import hashlib
import threading
from collections.abc import Iterator
from typing import Any

_lock = threading.Lock()
_installed = False
#: moto's own ``FakeMultipart.complete`` once :func:`install` replaced it (for comparison)
original_complete: Any = None

# moto 5.1/5.2's FakeMultipart.complete reads these names; a version without them keeps its own
_EXPECTED_NAMES = {"MultipartChecksumBuilder", "S3_UPLOAD_PART_MIN_SIZE", "InvalidPart"}


def _complete(self: Any, body: Iterator[tuple[int, str]]) -> tuple[Any, str, Any]:
    import importlib

    from moto.s3.utils import compute_checksum

    models: Any = importlib.import_module("moto.s3.models")

    checksum_algo: str | None = self.metadata.get("x-amz-checksum-algorithm")
    checksum_type: str | None = self.metadata.get("x-amz-checksum-type")
    decode_hex: Any = codecs.getdecoder("hex_codec")
    builder = models.MultipartChecksumBuilder(checksum_algo, checksum_type)
    total = bytearray()
    md5s = bytearray()
    last = None
    count = 0
    for pn, etag in body:
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
        value = part.value
        total.extend(value)
        if builder.checksum_type == "COMPOSITE":
            builder.addPart(value)
        else:
            builder.part_count += 1  # the full-object checksum is computed over `total`
        last = part
        count += 1
    if count == 0:
        raise models.MalformedXML
    full_etag = hashlib.md5(bytes(md5s), usedforsecurity=False)
    if builder.checksum_type == "COMPOSITE":
        checksum = builder.build()
    else:
        checksum = (
            builder.checksum_type,
            compute_checksum(total, builder.checksum_algorithm).decode(),  # type: ignore[arg-type]
            1,
        )
    # a bytearray is stored by FakeKey exactly like bytes (written to its buffer)
    return total, f"{full_etag.hexdigest()}-{count}", checksum


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
        original_complete = original
        models.FakeMultipart.complete = _complete  # type: ignore[method-assign]
        _installed = True
        return True

"""What the sync and async transfer engines share: results and upload sources (their errors
are in :mod:`gc_highlevel._exceptions`)."""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Generic, TypeVar

from gc_highlevel._exceptions import TransferBatchError, TransferError
from gc_highlevel._results import LISTED, Outcome, Results
from gc_highlevel._transfer.shared_fd import SharedFd
from gc_highlevel._validate import check_filename

__all__ = [
    "DownloadResult",
    "TransferOutcome",
    "TransferResults",
    "UploadSource",
]

T = TypeVar("T")

#: What can be uploaded: a path, bytes, or a binary file object opened for reading.
UploadSource = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]

#: Bytes read from disk per ``read`` while streaming a part (memory per connection).
READ_CHUNK = 1024 * 1024


# -- messages --------------------------------------------------------------------------------


def describe_cause(exc: BaseException) -> str:
    """A short, token-free description of ``exc`` for messages."""
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# -- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DownloadResult:
    """A downloaded file: where it is, its size, and whether it was already there (``skipped``)
    or continued from a partial file (``resumed_from`` bytes were already on disk)."""

    path: Path
    size: int
    skipped: bool = False
    resumed_from: int = 0


@dataclass(frozen=True)
class TransferOutcome(Outcome, Generic[T]):
    """The outcome of one file of a batch: ``value`` on success, ``error`` on failure."""

    name: str
    value: T | None = None
    error: TransferError | None = None


class TransferResults(Results[TransferOutcome[T]]):
    """The outcomes of a batch, in input order (the shape: :mod:`gc_highlevel._results`).

    Example:
        >>> results = client.transfers.upload_many(paths)
        >>> for outcome in results.failed:
        ...     print(outcome.name, outcome.error)
        >>> uploads = results.values()   # raises if any file failed
    """

    def values(self) -> list[T]:
        """Every file's value in input order; raises :class:`TransferBatchError` if any failed."""
        self.raise_for_errors()
        return [o.value for o in self._outcomes]  # type: ignore[misc]

    def raise_for_errors(self) -> None:
        """Raise :class:`TransferBatchError` naming each failed file and why."""
        super().raise_for_errors()

    def _error(self, failed: list[TransferOutcome[T]]) -> TransferBatchError:
        lines = "; ".join(f"{o.name}: {o.error}" for o in failed[:LISTED])
        more = f" (and {len(failed) - LISTED} more)" if len(failed) > LISTED else ""
        return TransferBatchError(
            f"{len(failed)} of {len(self)} transfers failed: {lines}{more}", results=self
        )


# -- upload sources --------------------------------------------------------------------------


class Source:
    """Random-access reads of what is being uploaded, safe to call from several workers."""

    def __init__(self, name: str, size: int) -> None:
        self.name = name
        self.size = size

    def read_at(self, offset: int, size: int) -> bytes:
        raise NotImplementedError

    def chunks(self, offset: int, size: int) -> Iterator[bytes]:
        """``size`` bytes from ``offset`` in pieces of at most ``READ_CHUNK`` bytes."""
        end = offset + size
        while offset < end:
            data = self.read_at(offset, min(READ_CHUNK, end - offset))
            if not data:
                raise OSError(f"{self.name} is shorter than expected (changed while uploading?)")
            offset += len(data)
            yield data

    def close(self) -> None:
        return None


class _BytesSource(Source):
    def __init__(self, name: str, data: bytes | bytearray | memoryview) -> None:
        self._view = memoryview(data).cast("B")
        super().__init__(name, len(self._view))

    def read_at(self, offset: int, size: int) -> bytes:
        return bytes(self._view[offset : offset + size])


class _FileSource(Source):
    """A seekable binary file. ``os.pread`` where possible, else seek+read under a lock.

    After :meth:`close` reads are refused; a file we opened is closed by the last read in
    progress (after Ctrl-C the workers are not awaited, and a descriptor closed under their
    ``pread`` could by then be another file's or a socket's).
    """

    def __init__(self, name: str, fileobj: IO[bytes], *, owned: bool) -> None:
        self._file = fileobj
        self._owned = owned
        self._lock = threading.Lock()
        self._closed = False
        try:
            fd = fileobj.fileno() if hasattr(os, "pread") else None
        except (OSError, io.UnsupportedOperation, AttributeError):
            fd = None
        self._fd = None if fd is None else SharedFd(fd, self._close_file, name=name)
        self._start = fileobj.tell()
        size = fileobj.seek(0, os.SEEK_END) - self._start
        fileobj.seek(self._start)
        super().__init__(name, size)

    def read_at(self, offset: int, size: int) -> bytes:
        if self._fd is not None:
            with self._fd.use() as fd:
                return os.pread(fd, size, self._start + offset)
        with self._lock:
            if self._closed:
                raise OSError(f"{self.name} is closed (the transfer stopped)")
            self._file.seek(self._start + offset)
            return self._file.read(size)

    def _close_file(self) -> None:
        if self._owned:
            self._file.close()

    def close(self) -> None:
        if self._fd is not None:
            self._fd.close()  # closes the file after the last pread in progress
            return
        with self._lock:  # reads hold it: none is in progress
            self._closed = True
            self._close_file()


def _spool(fileobj: IO[bytes]) -> IO[bytes]:
    """Copy a non-seekable stream to a temporary file (on disk, so memory stays flat)."""
    spooled = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the source that owns it)
    shutil.copyfileobj(fileobj, spooled, READ_CHUNK)
    spooled.seek(0)
    return spooled


def open_source(source: UploadSource, filename: str | None) -> Source:
    """A :class:`Source` for ``source``; ``filename`` defaults to the path's or file's name."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        if not filename:
            raise ValueError("filename= is required when uploading bytes")
        return _BytesSource(filename, source)
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.is_file():
            raise FileNotFoundError(f"{path} is not a file")
        return _FileSource(filename or path.name, path.open("rb"), owned=True)
    name = filename or Path(str(getattr(source, "name", ""))).name
    if not name:
        raise ValueError("filename= is required for a file object without a name")
    seekable = getattr(source, "seekable", None)
    if callable(seekable) and seekable():
        return _FileSource(name, source, owned=False)
    return _FileSource(name, _spool(source), owned=True)


def check_source_name(
    source: UploadSource, filename: str | None, *, what: str = "filename"
) -> None:
    """Refuse, before any request, a file name grand-challenge would refuse (too long, not
    UTF-8); a nameless source is left to :func:`open_source` to report."""
    if filename:
        check_filename(filename, what=what)
    elif isinstance(source, (str, os.PathLike)):
        check_filename(Path(source).name, what=what)


def source_name(source: UploadSource, filename: str | None = None) -> str:
    """The file name used in messages and results before the source is opened."""
    if filename:
        return filename
    if isinstance(source, (str, os.PathLike)):
        return Path(source).name
    return Path(str(getattr(source, "name", "") or "<bytes>")).name

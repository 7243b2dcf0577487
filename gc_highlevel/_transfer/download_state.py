"""On-disk state of a download in progress: the ``.gcpart`` file and its ``.gcpart.json`` map.

A download is cut into byte ranges fetched in parallel with HTTP ``Range`` requests and
written in place into ``<destination>.gcpart``. ``<destination>.gcpart.json`` records, for each
range, how many bytes are already written, so an interrupted download continues where each
range stopped. A ``.gcpart`` without a map (written by a single stream) counts as a
contiguous prefix. When every range is complete the file is renamed to the destination.

The map is checkpointed while ranges are in flight (every :data:`CHECKPOINT_BYTES` written
to the file or :data:`CHECKPOINT_SECONDS`, whichever comes first), not only when a range ends
or the call fails: a process killed outright (SIGKILL, or SIGTERM without a handler) keeps all
but its last checkpoint's worth of progress. Each checkpoint takes its snapshot of the map, then flushes the
``.gcpart`` to disk (``fdatasync``), then replaces the map (temporary file + ``os.replace``),
so a map never claims bytes that were not on disk before it, even after a power loss.
A response is written in blocks of :data:`WRITE_BLOCK` bytes, each counted once written.

Example:
    >>> plan_ranges(0, 20 * MiB, connections=4)
    [[0, 5242880, 0], [5242880, 10485760, 0], [10485760, 15728640, 0], [15728640, 20971520, 0]]
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from gc_highlevel._transfer.shared_fd import SharedFd

MiB = 1024 * 1024
#: Suffix of the temporary file a download streams into, and of its range map.
PARTIAL_SUFFIX = ".gcpart"
STATE_SUFFIX = ".gcpart.json"
#: The first request asks for this many bytes and learns the total size from the answer.
PROBE_SIZE = 1 * MiB
#: Range sizes: one range per connection, between these bounds. Few big ranges keep the
#: request count low (a retry continues a range where it broke off, so a big range costs
#: nothing extra on failure); the cap keeps a very big file spread over all connections.
MIN_RANGE = 1 * MiB
MAX_RANGE = 64 * MiB
#: ... except the end of a file whose ranges would be longer than twice this: its last quarter
#: (at most a quarter of a round of ranges) is cut into a multiple of ``connections`` ranges of
#: about this size (at least half of it), so the connections that are ahead take them while the
#: slowest one ends its range, instead of idling (1 GiB over 16 connections at 100 Mbit/s
#: each: 16 ranges of 48 MiB, then 32 of 8 MiB; 6.6 s instead of 7.0 s on the loaded 2-core
#: dev VM, medians of 4 alternating runs).
TAIL_RANGE = 8 * MiB
#: Checkpoint the range map once this many bytes were written to the file since the last one,
#: or once this many seconds passed with bytes written (``None`` turns a trigger off; the map
#: is still saved when a range ends and when the call fails). A killed download loses at most
#: this much of its progress. Measured with ``scripts/bench_download_checkpoints.py`` (1 GiB
#: from the local server, 16 ranges, 2-core VM, medians of 3): every 32 MiB costs at most
#: ~0.1 s of wall time and of CPU (of 1.5-3 s), within the runs' spread; every 8 MiB
#: ~0.4-0.5 s (~20%), which goes to flushing the data still in the page cache.
CHECKPOINT_BYTES: int | None = 32 * MiB
CHECKPOINT_SECONDS: float | None = 1.0
#: After a checkpoint has flushed the file, let the kernel drop its pages from the page cache
#: (``posix_fadvise(DONTNEED)``; clean pages, so nothing is written again): a download keeps
#: about a checkpoint's worth of the file in memory instead of all of it, and writes into pages
#: just freed. Filling fresh page-cache pages was most of a big download's system CPU on the
#: 2-core dev VM (writing 1 GiB: 0.2 s of system CPU instead of 0.7-2.7 s, nearly all in the
#: kernel's copy into new pages, which the VM's host backs on first touch).
#: The cost: reading the file right after the download comes from the disk.
DROP_FLUSHED_PAGES = True
#: A response body is collected in memory and written to the file this many bytes at a time
#: (one ``pwritev`` of the chunks as received, no copy), and only then counted in the map and
#: the progress: a body arrives in TLS records of at most 16 KiB, and a system call, three
#: locks and the bookkeeping per record add up. Memory: up to one block per connection (1 MiB
#: blocks raised a 1 GiB download's peak RSS from ~50 to ~80 MB for no less CPU).
WRITE_BLOCK = 256 * 1024
#: ... or once this many chunks are waiting (a system call takes at most ``IOV_MAX`` buffers,
#: 1024 on Linux).
WRITE_BLOCK_CHUNKS = 512


def _checkpoint_bytes() -> int | None:
    return CHECKPOINT_BYTES


def _checkpoint_seconds() -> float | None:
    return CHECKPOINT_SECONDS


def _write_block() -> int:
    return WRITE_BLOCK


def plan_ranges(start: int, end: int, *, connections: int) -> list[list[int]]:
    """Cut ``[start, end)`` into ``[start, end, written=0]`` ranges for ``connections``.

    Example:
        >>> plan_ranges(0, 3, connections=8)
        [[0, 3, 0]]
        >>> [(b - a) // MiB for a, b, _ in plan_ranges(0, 40 * MiB, connections=4)]
        [10, 10, 10, 10]
        >>> [(b - a) // MiB for a, b, _ in plan_ranges(0, 256 * MiB, connections=4)]
        [48, 48, 48, 48, 8, 8, 8, 8, 8, 8, 8, 8]
    """
    length = end - start
    if length <= 0:
        return []
    n = max(1, connections)
    size = min(MAX_RANGE, max(MIN_RANGE, -(-length // n)))
    if size < 2 * TAIL_RANGE or n == 1:
        return _cut(start, end, size)
    tail = min(length // 4, n * MAX_RANGE // 4)  # a quarter of the last round of ranges
    per = max(1, (2 * tail + n * TAIL_RANGE) // (2 * n * TAIL_RANGE))  # per connection, rounded
    middle = end - tail
    head = min(MAX_RANGE, -(-(middle - start) // n))
    return _cut(start, middle, head) + _cut(middle, end, -(-tail // (per * n)))


def _cut(start: int, end: int, size: int) -> list[list[int]]:
    return [[a, min(a + size, end), 0] for a in range(start, end, size)]


@dataclass
class DownloadState:
    """Ranges of ``destination`` and how much of each is on disk."""

    destination: Path
    total: int | None = None
    ranges: list[list[int]] = field(default_factory=list)
    #: Bytes of a ``.gcpart`` left without a map (a contiguous prefix).
    prefix: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    #: The open ``.gcpart``: closed by the last write in progress (see :meth:`close`).
    _fd: SharedFd | None = field(default=None, repr=False)
    #: Checkpoint triggers (the module's defaults when the state is made).
    checkpoint_bytes: int | None = field(default_factory=_checkpoint_bytes)
    checkpoint_seconds: float | None = field(default_factory=_checkpoint_seconds)
    #: Bytes of a response collected before they are written (the module's default).
    write_block: int = field(default_factory=_write_block)
    #: How many checkpoints (saves triggered by :meth:`write`) this object made.
    checkpoints: int = field(default=0, repr=False)
    #: Bytes written since the last snapshot of the map, and when that snapshot was taken.
    _unsaved: int = field(default=0, repr=False)
    _saved_at: float = field(default_factory=time.monotonic, repr=False)
    #: Bytes claimed by the map on disk, all of them flushed before it was written.
    _durable: int = field(default=0, repr=False)
    #: One save at a time: a later snapshot is never overwritten by an earlier one.
    _save_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    #: The rest of the file comes in one range, written in order: the ``.gcpart`` stays a
    #: contiguous prefix, which is all a later run needs, so no map is written (see
    #: :meth:`start`).
    sequential: bool = field(default=False, repr=False)
    #: Whether :meth:`load` found a map file on disk.
    _map_found: bool = field(default=False, repr=False)

    @property
    def partial(self) -> Path:
        return self.destination.with_name(self.destination.name + PARTIAL_SUFFIX)

    @property
    def state_path(self) -> Path:
        return self.destination.with_name(self.destination.name + STATE_SUFFIX)

    @property
    def written(self) -> int:
        """Bytes already on disk."""
        with self._lock:
            return sum(r[2] for r in self.ranges) if self.ranges else self.prefix

    @property
    def missing(self) -> list[list[int]]:
        """Ranges not yet complete (the lists themselves, updated as bytes arrive)."""
        with self._lock:
            return [r for r in self.ranges if r[0] + r[2] < r[1]]

    def load(self) -> None:
        """Pick up what an earlier, interrupted download left on disk."""
        if not self.partial.exists():
            self.state_path.unlink(missing_ok=True)
            return
        size = self.partial.stat().st_size
        try:
            text = self.state_path.read_text(encoding="utf-8")
        except OSError:
            self.prefix = size  # no map: a contiguous prefix (a single stream wrote it)
            return
        self._map_found = True
        try:
            saved = json.loads(text)
            total, ranges = (
                int(saved["total"]),
                [[int(a), int(b), int(w)] for a, b, w in saved["ranges"]],
            )
        except (ValueError, KeyError, TypeError):
            # A map cut short (a power loss before the file system wrote it) may belong to
            # a full-sized file with holes in it: trust none of the file.
            self.prefix = 0
            return
        if size == total and all(0 <= w <= b - a for a, b, w in ranges):
            self.total, self.ranges = total, ranges
            self._durable = sum(w for _, _, w in ranges)
            return
        # A map written before the file grew to its size (the run stopped in between): the
        # file is still the contiguous prefix an earlier run left.
        self.prefix = size

    def start(self, total: int, connections: int, first: list[int] | None = None) -> None:
        """Plan the ranges of a ``total``-byte file (``first``: the probe's range).

        A file whose rest is the probe's range alone (a file of up to :data:`PROBE_SIZE`, the
        usual slice or small image) is written in order from its prefix: the ``.gcpart`` is
        then a contiguous prefix at every moment, which a later run continues without a map,
        so none is written and the file is not grown to its size first (a map file made,
        renamed and deleted per file cost ~0.3 ms of CPU in the file system).

        Example:
            >>> import pathlib, tempfile
            >>> state = DownloadState(pathlib.Path(tempfile.mkdtemp()) / "slice.dcm")
            >>> state.start(10, connections=8, first=[0, 10, 0])
            >>> state.sequential, state.state_path.exists()
            (True, False)
        """
        with self._lock:
            self.total = total
            if self.ranges:
                return
            done = min(self.prefix, total)
            ranges = [[0, done, done]] if done else []
            begin = done
            if first is not None:
                ranges.append(first)
                begin = first[1]
            ranges += plan_ranges(begin, total, connections=connections)
            self.ranges = ranges
            self.sequential = first is not None and first[0] == done and first[1] == total
        if self.sequential:
            if self._map_found:  # one the file outgrew, or unreadable: it must not come back
                self.state_path.unlink(missing_ok=True)
            if self._fd is not None:
                with self._fd.use() as fd:  # a file longer than its prefix (an unreadable
                    if os.fstat(fd).st_size != done:  # map's) keeps none of the rest
                        os.ftruncate(fd, done)
            return
        # The map goes to disk before the file grows to its full size: a run killed after that
        # (kill -9, power loss) must not leave a full-sized .gcpart without a map, which the
        # next run would take for a complete contiguous prefix, holes and all.
        self.save()
        if self._fd is not None:
            with self._fd.use() as fd:
                os.ftruncate(fd, total)

    def open(self) -> None:
        """Open the ``.gcpart`` for writing in place, sized to the total."""
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0)
        fd = os.open(self.partial, flags, 0o644)
        self._fd = SharedFd(fd, lambda: os.close(fd), name=self.partial.name)
        if self.total is not None and os.fstat(fd).st_size != self.total:
            os.ftruncate(fd, self.total)

    def write(self, piece: list[int], data: bytes | list[bytes]) -> None:
        """Write ``data`` (bytes, or chunks written together with one system call) at the
        current end of ``piece``, then account for it.

        Example:
            >>> import pathlib, tempfile
            >>> state = DownloadState(pathlib.Path(tempfile.mkdtemp()) / "ct.mha")
            >>> state.start(10, connections=1)
            >>> state.open()
            >>> state.write(state.ranges[0], [b"012", b"34"])
            >>> state.write(state.ranges[0], b"56789")
            >>> state.ranges, state.finish(), state.destination.read_bytes()
            ([[0, 10, 10]], 10, b'0123456789')
        """
        chunks = [data] if isinstance(data, (bytes, bytearray, memoryview)) else data
        size = sum(map(len, chunks))
        offset = piece[0] + piece[2]
        if self._fd is None:
            raise OSError(f"{self.partial.name} is not open")
        with self._fd.use() as fd:
            if hasattr(os, "pwrite"):
                _write_at(fd, chunks, offset, size)
            else:  # pragma: no cover - Windows
                with self._lock:
                    os.lseek(fd, offset, os.SEEK_SET)
                    _write_all(fd, b"".join(chunks))
        with self._lock:  # counted once on disk (a failed write above counts nothing)
            piece[2] += size
            self._unsaved += size
            due = self._checkpoint_due()
        if due:
            self.checkpoint()

    def _checkpoint_due(self) -> bool:
        """Whether the bytes written since the last snapshot call for one (under the lock)."""
        if self._unsaved <= 0 or self.sequential:
            return False
        every = self.checkpoint_bytes
        if every is not None and self._unsaved >= every:
            return True
        seconds = self.checkpoint_seconds
        return seconds is not None and time.monotonic() - self._saved_at >= seconds

    def checkpoint(self) -> None:
        """Save the map now, unless another worker is saving it (its snapshot is as good):
        what :meth:`write` calls every :data:`CHECKPOINT_BYTES` or :data:`CHECKPOINT_SECONDS`.

        Example:
            >>> import json, pathlib, tempfile
            >>> state = DownloadState(pathlib.Path(tempfile.mkdtemp()) / "ct.mha")
            >>> state.start(10, connections=1)
            >>> state.open()
            >>> state.write(state.ranges[0], b"01234")
            >>> state.checkpoint()  # the map on disk now counts every byte written so far
            >>> json.loads(state.state_path.read_text())["ranges"]
            [[0, 10, 5]]
            >>> state.close()
        """
        if not self._save_lock.acquire(blocking=False):
            return
        try:
            if self._save_locked():
                self.checkpoints += 1
        finally:
            self._save_lock.release()

    def reset(self) -> None:
        """Forget everything (the object changed, or the server ignores ``Range``)."""
        with self._lock:
            self.ranges = []
            self.prefix = 0
            self.total = None
            self._durable = self._unsaved = 0
            self.sequential = False
        if self._fd is not None:
            with self._fd.use() as fd:
                os.ftruncate(fd, 0)

    def save(self) -> None:
        """Persist the range map next to the partial file (workers call this concurrently).

        The map is a snapshot of the bytes written so far; the partial file is flushed to
        disk before the map that claims its new bytes replaces the old one.

        Example:
            >>> import json, pathlib, tempfile
            >>> state = DownloadState(pathlib.Path(tempfile.mkdtemp()) / "ct.mha")
            >>> state.start(10, connections=2)
            >>> state.save()
            >>> json.loads(state.state_path.read_text())["total"]
            10
        """
        with self._save_lock:
            self._save_locked()

    def _save_locked(self) -> bool:
        """Snapshot, flush, write the map (under ``_save_lock``); False if there is no map."""
        with self._lock:
            if self.total is None or not self.ranges or self.sequential:
                return False  # (sequential: the file itself says how far it got)
            text = json.dumps({"total": self.total, "ranges": self.ranges})
            claimed = sum(w for _, _, w in self.ranges)
            self._unsaved = 0
            self._saved_at = time.monotonic()
        # Every write the snapshot counts has returned, so flushing now puts its bytes on disk
        # before the map that claims them (a write still going on is not in the snapshot).
        if claimed > self._durable:
            self._flush()
        tmp = self.state_path.with_name(self.state_path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, self.state_path)
        self._durable = claimed
        return True

    def _flush(self) -> None:
        """``fdatasync`` the partial file (opened again by name once it is closed)."""
        sync = getattr(os, "fdatasync", os.fsync)
        if self._fd is not None:
            try:
                with self._fd.use() as fd:
                    sync(fd)
                    _drop_cached(fd)
                return
            except OSError:
                pass  # closed after Ctrl-C (its writes have returned): flush it by name
        fd = os.open(self.partial, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            sync(fd)
        finally:
            os.close(fd)

    def close(self) -> None:
        """Close the partial file. A worker still writing (after Ctrl-C the caller does not
        wait for them) keeps the descriptor until its write ends, and its next write raises:
        closing under it could let the number go to another file or socket first, and the
        write land there."""
        if self._fd is not None:
            self._fd.close()

    def finish(self) -> int:
        """Rename the complete file into place; returns its size."""
        self.close()
        size = self.partial.stat().st_size
        os.replace(self.partial, self.destination)
        self.state_path.unlink(missing_ok=True)
        return size


def _write_at(fd: int, chunks: list[bytes], offset: int, size: int) -> None:
    """Write all of ``chunks`` (``size`` bytes) at ``offset``: one ``pwritev`` (``pwrite``
    for one chunk), and again for what a short write left (rare for a file: a signal, a full
    disk)."""
    if len(chunks) == 1:
        done = os.pwrite(fd, chunks[0], offset)
    elif hasattr(os, "pwritev"):
        done = os.pwritev(fd, chunks, offset)
    else:  # pragma: no cover - no pwritev (macOS before 11)
        done = os.pwrite(fd, b"".join(chunks), offset)
    if done < size:
        view = memoryview(chunks[0] if len(chunks) == 1 else b"".join(chunks))
        while done < size:
            written = os.pwrite(fd, view[done:], offset + done)
            if written <= 0:
                raise OSError(f"wrote {done} of {size} bytes at {offset}")
            done += written


def _drop_cached(fd: int) -> None:
    """Let the kernel drop the (flushed) pages of ``fd`` from its cache, where it can."""
    if DROP_FLUSHED_PAGES and hasattr(os, "posix_fadvise"):
        # pages still dirty (written since the flush, by other workers) are not dropped
        with contextlib.suppress(OSError):  # only a hint
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)


def _write_all(fd: int, data: bytes) -> None:  # pragma: no cover - Windows
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]

"""Downloads write in blocks, not per network chunk: a body is collected and written
``WRITE_BLOCK`` bytes at a time (one ``pwritev``), counted in the range map and the progress
only once written; a body that breaks off writes what it had before the error goes up; the
checkpoints still come, and let the kernel drop the flushed pages from its cache."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import gc_highlevel
from gc_highlevel._sync.transfers._downloads import _stream_into
from gc_highlevel._transfer import download_state
from gc_highlevel._transfer.download_state import DownloadState
from gc_highlevel.progress import make_reporter
from gc_highlevel.testing import LocalGrandChallenge

from .conftest import MiB, add_image, random_bytes

KiB = 1024


class _Writes:
    """Records the size of every :meth:`DownloadState.write` (and the bytes it covers)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.sizes: list[int] = []
        real = DownloadState.write
        sizes = self.sizes

        def write(state: DownloadState, piece: list[int], data: bytes | list[bytes]) -> None:
            chunks = [data] if isinstance(data, bytes) else data
            real(state, piece, data)
            sizes.append(sum(map(len, chunks)))  # only once written

        monkeypatch.setattr(DownloadState, "write", write)


def _response(chunks: Iterator[bytes]) -> httpx.Response:
    return httpx.Response(206, content=chunks)


def _state(tmp_path: Path, total: int, **kwargs: int | None) -> DownloadState:
    state = DownloadState(tmp_path / "ct.mha", **kwargs)  # type: ignore[arg-type]
    state.open()
    state.start(total, connections=1)
    return state


def test_a_body_is_written_in_blocks_of_the_write_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """1000 chunks of 1000 bytes with a 64 KiB block: 16 writes of 66 chunks, not 1000."""
    writes = _Writes(monkeypatch)
    data = random_bytes(1_000_000)
    state = _state(tmp_path, len(data), checkpoint_bytes=None, checkpoint_seconds=None)
    state.write_block = 64 * KiB
    piece = state.ranges[0]
    chunks = (data[i : i + 1000] for i in range(0, len(data), 1000))
    _stream_into(
        state,
        piece,
        _response(chunks),
        make_reporter(False, total=None, description="x"),
        "ct.mha",
        exact=len(data),
    )
    assert piece[2] == len(data)
    assert all(size >= 64 * KiB for size in writes.sizes[:-1])
    assert len(writes.sizes) == -(-len(data) // 66_000) and sum(writes.sizes) == len(data)
    assert state.finish() == len(data) and state.destination.read_bytes() == data


def test_a_body_longer_than_its_range_is_cut_at_the_range_end(tmp_path: Path) -> None:
    data = random_bytes(10_000)
    state = _state(tmp_path, 3000)
    state.write_block = 1024
    piece = state.ranges[0]
    chunks = (data[i : i + 700] for i in range(0, len(data), 700))
    _stream_into(
        state,
        piece,
        _response(chunks),
        make_reporter(False, total=None, description="x"),
        "ct.mha",
        exact=3000,
    )
    assert piece == [0, 3000, 3000]
    assert state.finish() == 3000 and state.destination.read_bytes() == data[:3000]


def test_a_body_that_breaks_off_writes_and_counts_what_it_had(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bytes received before the connection broke are written and counted before the error
    goes up, so the retry asks only for the rest (and none is counted before it is written)."""
    writes = _Writes(monkeypatch)
    data = random_bytes(300_000)
    state = _state(tmp_path, len(data), checkpoint_bytes=None, checkpoint_seconds=None)
    state.write_block = 100_000
    piece = state.ranges[0]
    progress: list[int] = []

    def broken() -> Iterator[bytes]:
        for i in range(0, 150_000, 10_000):
            yield data[i : i + 10_000]
        raise httpx.ReadError("connection reset")

    with pytest.raises(httpx.ReadError):
        _stream_into(
            state,
            piece,
            _response(broken()),
            make_reporter(lambda e: progress.append(e.done), total=None, description="x"),
            "ct.mha",
            exact=len(data),
        )
    assert writes.sizes == [100_000, 50_000]  # the block, then what had arrived since
    assert piece[2] == 150_000 and progress[-1] == 150_000
    assert state.partial.read_bytes()[:150_000] == data[:150_000]
    state.close()


def test_a_short_pwritev_is_completed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not hasattr(os, "pwritev"):
        pytest.skip("no pwritev here")
    real = os.pwritev

    def short(fd: int, buffers: list[bytes], offset: int) -> int:
        return int(real(fd, [buffers[0][:3]], offset))  # three bytes, whatever was asked

    monkeypatch.setattr(download_state.os, "pwritev", short)
    state = _state(tmp_path, 12)
    state.write(state.ranges[0], [b"01234", b"56789", b"ab"])
    assert state.ranges[0][2] == 12
    assert state.finish() == 12 and state.destination.read_bytes() == b"0123456789ab"


def test_a_checkpoint_lets_the_kernel_drop_the_flushed_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the flush of a checkpoint (never before it), the file's pages are dropped from
    the page cache; with ``DROP_FLUSHED_PAGES`` off they are kept."""
    if not hasattr(os, "posix_fadvise") or not hasattr(os, "fdatasync"):
        pytest.skip("no posix_fadvise/fdatasync here")
    calls: list[str] = []
    real_sync, real_advise = os.fdatasync, os.posix_fadvise

    def sync(fd: int) -> None:
        calls.append("flush")
        real_sync(fd)

    def advise(fd: int, offset: int, length: int, advice: int) -> None:
        calls.append("drop" if advice == os.POSIX_FADV_DONTNEED else f"advice {advice}")
        real_advise(fd, offset, length, advice)

    monkeypatch.setattr(download_state.os, "fdatasync", sync)
    monkeypatch.setattr(download_state.os, "posix_fadvise", advise)
    state = _state(tmp_path, 100, checkpoint_bytes=10, checkpoint_seconds=None)
    state.write(state.ranges[0], b"x" * 10)
    assert calls == ["flush", "drop"]
    monkeypatch.setattr(download_state, "DROP_FLUSHED_PAGES", False)
    calls.clear()
    state.write(state.ranges[0], b"y" * 10)
    assert calls == ["flush"]
    state.close()


@pytest.mark.e2e
def test_a_download_writes_in_blocks_and_still_checkpoints(
    local_gc: LocalGrandChallenge, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real download (one connection: a checkpoint due while another worker saves is
    skipped, so over several the count varies): every write but the last of each response is
    a full block (the server sends 64 KiB chunks), and the range map is still checkpointed
    every ``CHECKPOINT_BYTES`` while the range is in flight."""
    monkeypatch.setattr(download_state, "WRITE_BLOCK", 256 * KiB)
    monkeypatch.setattr(download_state, "CHECKPOINT_BYTES", 2 * MiB)
    monkeypatch.setattr(download_state, "CHECKPOINT_SECONDS", None)
    writes = _Writes(monkeypatch)
    checkpoints: list[int] = []
    real_checkpoint = DownloadState.checkpoint

    def checkpoint(state: DownloadState) -> None:
        real_checkpoint(state)
        checkpoints.append(state.checkpoints)

    monkeypatch.setattr(DownloadState, "checkpoint", checkpoint)
    data = random_bytes(9 * MiB + 5)
    image = add_image(local_gc, {"b.mha": data})
    with gc_highlevel.Client(local_gc.tokens["demo"], base_url=local_gc.api_url) as client:
        (result,) = client.transfers.download_image(
            image, tmp_path, max_concurrency=1, progress=False
        )
    assert result.path.read_bytes() == data
    gets = local_gc.request_log.filter(kind="storage", method="GET")
    assert sum(writes.sizes) == len(data)
    # per response at most one short write (its last): at most one more write than blocks
    assert len(writes.sizes) <= len(data) // (256 * KiB) + len(gets)
    assert sum(1 for size in writes.sizes if size < 256 * KiB) <= len(gets)
    assert checkpoints and max(checkpoints) >= 3  # 9 MiB, every 2 MiB

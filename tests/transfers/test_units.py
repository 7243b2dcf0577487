"""Unit tests of the pure parts of the transfer engine: part plans, progress, sources, results."""

from __future__ import annotations

import io
import itertools
import json
import os
import sys
from pathlib import Path

import pytest

import gc_highlevel
from gc_highlevel import progress
from gc_highlevel._concurrency import WorkQueue
from gc_highlevel._exceptions import UploadError
from gc_highlevel._transfer.common import (
    TransferOutcome,
    TransferResults,
    _FileSource,
    open_source,
    source_name,
)
from gc_highlevel._transfer.download_state import DownloadState
from gc_highlevel._transfer.parts import (
    MAX_PARTS,
    MIN_PART_SIZE,
    GiB,
    MiB,
    PartPlan,
    choose_part_size,
    plan_parts,
    presign_batch,
)


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (0, 8 * MiB),
        (1, 8 * MiB),
        (1 * GiB, 8 * MiB),
        (MAX_PARTS * 8 * MiB, 8 * MiB),
        (MAX_PARTS * 8 * MiB + 1, 9 * MiB),
        (100 * GiB, 11 * MiB),
        (5 * 1024 * GiB, 525 * MiB),
    ],
)
def test_default_part_size_fits_s3_rules(size: int, expected: int) -> None:
    part_size = choose_part_size(size)
    assert part_size == expected
    plan = plan_parts(size)
    assert plan.count <= MAX_PARTS and plan.part_size >= MIN_PART_SIZE


def test_plan_covers_every_byte_once() -> None:
    plan = plan_parts(23 * MiB + 3, part_size=5 * MiB)
    parts = plan.parts
    assert [p.number for p in parts] == [1, 2, 3, 4, 5]
    assert sum(p.size for p in parts) == 23 * MiB + 3
    assert all(a.offset + a.size == b.offset for a, b in itertools.pairwise(parts))
    assert parts[-1].size == 3 * MiB + 3


def test_empty_file_is_one_empty_part() -> None:
    assert [(p.number, p.size) for p in PartPlan(0, 8 * MiB).parts] == [(1, 0)]


@pytest.mark.parametrize(
    ("size", "part_size", "message"),
    [
        (20 * MiB, MiB, "at least 5 MiB"),
        (20 * MiB, 6 * GiB, "at most 5 GiB"),
        (MAX_PARTS * 5 * MiB + 1, 5 * MiB, "at most 10000"),
        (10, 0, "positive"),
    ],
)
def test_bad_part_sizes_are_refused(size: int, part_size: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        plan_parts(size, part_size=part_size)


def test_a_small_file_may_use_a_small_part_size() -> None:
    assert plan_parts(100, part_size=1000).count == 1


def test_progress_callback_gets_running_totals() -> None:
    events: list[progress.ProgressEvent] = []
    reporter = progress.make_reporter(events.append, total=None, description="x")
    reporter.add_total(10)
    reporter.advance("a", 7)
    reporter.advance("a", -2)  # a failed attempt is taken back
    reporter.advance("b", 5)
    reporter.close()
    assert [(e.name, e.delta, e.done, e.total) for e in events] == [
        ("a", 7, 7, 10),
        ("a", -2, 5, 10),
        ("b", 5, 10, 10),
    ]


def test_progress_is_silent_when_nobody_watches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    monkeypatch.delitem(sys.modules, "ipykernel", raising=False)
    assert not progress.interactive()
    assert type(progress.make_reporter(None, total=1, description="x")).__name__ == "_Silent"
    assert type(progress.make_reporter(False, total=1, description="x")).__name__ == "_Silent"


def test_progress_bar_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    reporter = progress.make_reporter(True, total=None, description="upload")
    reporter.add_total(2048)
    reporter.advance("a", 2048)
    reporter.close()
    err = capsys.readouterr().err
    assert "upload" in err and "2.00k" in err


def test_sources_read_the_same_bytes(tmp_path: Path) -> None:
    data = bytes(range(256)) * 10_000
    path = tmp_path / "x.bin"
    path.write_bytes(data)

    class Pipe(io.RawIOBase):  # not seekable: spooled to a temporary file
        def __init__(self) -> None:
            self._inner = io.BytesIO(data)
            self.name = "pipe.bin"

        def readable(self) -> bool:
            return True

        def readinto(self, b: bytearray) -> int:  # type: ignore[override]
            chunk = self._inner.read(len(b))
            b[: len(chunk)] = chunk
            return len(chunk)

    handle = path.open("rb")
    handle.seek(10)  # a file object is read from its current position
    sources = [
        open_source(path, None),
        open_source(data, "x.bin"),
        open_source(io.BytesIO(data), "x.bin"),
        open_source(Pipe(), None),  # type: ignore[arg-type]
    ]
    for src in sources:
        assert src.size == len(data)
        assert b"".join(src.chunks(1000, 2_000_000)) == data[1000:2_001_000]
        src.close()
    offset = open_source(handle, None)
    assert offset.size == len(data) - 10 and offset.read_at(0, 3) == data[10:13]
    handle.close()
    assert sources[0].name == "x.bin" and sources[3].name == "pipe.bin"
    assert source_name(b"x") == "<bytes>"
    with pytest.raises(ValueError, match="filename"):
        open_source(b"x", None)


def test_results_keep_order_and_explain_failures() -> None:
    error = UploadError("Uploading 'b' failed (boom)", name="b")
    results: TransferResults[int] = TransferResults(
        [TransferOutcome("a", value=1), TransferOutcome("b", error=error)]
    )
    assert [o.name for o in results] == ["a", "b"] and len(results) == 2
    assert not results.ok and [o.name for o in results.failed] == ["b"]
    assert results[0].value == 1 and repr(results) == "TransferResults(succeeded=1, failed=1)"
    with pytest.raises(gc_highlevel.TransferBatchError, match="1 of 2 transfers failed") as info:
        results.values()
    assert info.value.results is results
    assert isinstance(error, gc_highlevel.GCError)
    assert TransferResults([TransferOutcome("a", value=1)]).values() == [1]


def test_work_queue_stops() -> None:
    queue = WorkQueue(range(5))
    assert queue.take() == 0
    queue.stop()
    assert queue.take() is None


def test_part_size_spreads_a_mid_sized_file_over_the_connections() -> None:
    assert choose_part_size(64 * MiB, connections=16) == 5 * MiB
    assert choose_part_size(64 * MiB, connections=4) == 8 * MiB
    assert choose_part_size(7 * MiB) == 8 * MiB  # one connection: one part
    assert plan_parts(64 * MiB, connections=16).count == 13


def test_cancelling_a_transfer_stops_its_queue() -> None:
    import asyncio

    from gc_highlevel._concurrency import AsyncGroup

    async def main() -> WorkQueue[int]:
        queue = WorkQueue(range(1000))

        async def worker() -> None:
            while queue.take() is not None:
                await asyncio.sleep(0.001)

        task = asyncio.ensure_future(AsyncGroup.run_workers(3, worker, stop=queue.stop))
        await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        return queue

    queue = asyncio.run(main())
    assert queue.stopped and queue.take() is None


def test_thread_workers_run_in_parallel_and_report_the_first_error() -> None:
    import threading

    from gc_highlevel._concurrency import Group

    queue = WorkQueue(range(20))
    seen: list[int] = []
    names: set[str] = set()

    def worker() -> None:
        while (item := queue.take()) is not None:
            names.add(threading.current_thread().name)
            seen.append(item)
            if item == 7:
                raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        Group.run_workers(4, worker, stop=queue.stop)
    assert 7 in seen and len(names) >= 1


def test_connection_bounds_default_per_call_and_yield_to_explicit_ones() -> None:
    client = gc_highlevel.Client("0" * 64, base_url="https://gc.example/api/v1/")
    try:
        default = client.transfers
        assert default._concurrency(None) == 16  # one file's parts or ranges
        assert default._concurrency(None, many=True) == 32  # upload_many, download_many...
        assert default._concurrency(3, many=True) == 3
        mine = gc_highlevel.Transfers(client, max_concurrency=8)
        assert mine._concurrency(None) == mine._concurrency(None, many=True) == 8
        assert mine._concurrency(2) == 2
        with pytest.raises(ValueError, match="max_concurrency"):
            gc_highlevel.Transfers(client, max_concurrency=0)
        with pytest.raises(ValueError, match="max_concurrency"):
            default._settings(0)
    finally:
        client.close()


@pytest.mark.parametrize("seed", range(20))
def test_presign_batches_cover_each_part_once_whatever_order_parts_ask_in(seed: int) -> None:
    import doctest
    import random

    import gc_highlevel._transfer.parts

    assert doctest.testmod(gc_highlevel._transfer.parts).failed == 0
    count, size = 23, 5
    order = list(range(1, count + 1))
    random.Random(seed).shuffle(order)  # workers reach the presign lock in any order
    urls: set[int] = set()
    batches = []
    for number in order:
        if number not in urls:
            batch = presign_batch(number, count, urls, size=size)
            assert number in batch and not urls & set(batch) and len(batch) <= size
            batches.append(batch)
            urls |= set(batch)
    assert urls == set(range(1, count + 1))
    assert sum(len(b) for b in batches) == count  # no part presigned twice


def test_presign_batches_in_order_are_the_fewest() -> None:
    assert presign_batch(1, 23, set(), size=5) == [1, 2, 3, 4, 5]
    assert presign_batch(2, 3, set()) == [1, 2, 3]  # part 2's worker came first: still one batch
    assert presign_batch(7, 23, set(range(1, 6)), size=5) == [6, 7, 8, 9, 10]


def _is_file(fd: int, path: Path) -> bool:
    """Whether ``fd`` is open on ``path`` (the number may have gone to another file)."""
    try:
        st = os.fstat(fd)
    except OSError:
        return False
    return (st.st_dev, st.st_ino) == (path.stat().st_dev, path.stat().st_ino)


def test_closing_a_download_under_a_writing_worker_keeps_its_descriptor_until_it_ends(
    tmp_path: Path,
) -> None:
    """After Ctrl-C the caller closes the partial file without waiting for the workers: a
    worker mid-write keeps the descriptor (so its number cannot go to another file or socket
    first), and its next write is refused."""
    state = DownloadState(tmp_path / "scan.mha")
    state.open()
    state.start(8, connections=1)
    piece = state.ranges[0]
    assert state._fd is not None
    with state._fd.use() as fd:  # a worker inside os.pwrite
        state.close()
        assert _is_file(fd, state.partial)
        with pytest.raises(OSError, match="closed"):
            state.write(piece, b"late")
        os.pwrite(fd, b"ab", 0)  # the write in progress still lands in the partial file
    assert not _is_file(fd, state.partial)  # the last user closed it
    assert state.partial.read_bytes()[:2] == b"ab"

    state = DownloadState(tmp_path / "other.mha")
    state.open()
    state.start(4, connections=1)
    state.write(state.ranges[0], b"abcd")
    assert state._fd is not None
    with state._fd.use() as fd:
        pass
    state.close()  # nobody writing: closed at once
    assert not _is_file(fd, state.partial)
    assert state.written == 4


def test_closing_an_upload_source_under_a_reading_worker_keeps_the_file_until_it_ends(
    tmp_path: Path,
) -> None:
    path = tmp_path / "slice.dcm"
    path.write_bytes(b"0123456789")
    src = open_source(path, None)
    assert isinstance(src, _FileSource) and src._fd is not None
    with src._fd.use() as fd:  # a worker inside os.pread
        src.close()
        assert not src._file.closed
        assert os.pread(fd, 4, 0) == b"0123"  # the read in progress still reads this file
        with pytest.raises(OSError, match="closed"):
            src.read_at(0, 4)
    assert src._file.closed  # the last reader closed the file we opened

    no_fd = io.BytesIO(b"abcdef")  # no descriptor: reads under the source's lock
    src = open_source(no_fd, "a.bin")
    assert src.read_at(2, 2) == b"cd"
    src.close()
    with pytest.raises(OSError, match="closed"):
        src.read_at(0, 2)
    assert not no_fd.closed  # not ours to close


def test_a_download_killed_after_sizing_its_file_is_not_taken_for_complete(
    tmp_path: Path,
) -> None:
    """The partial file is sized to the whole object before any range arrives; a run killed
    then (no save, no close) must not leave a file the next run takes for a complete prefix."""
    state = DownloadState(tmp_path / "ct.mha")
    state.open()
    state.start(8 * 1024 * 1024, connections=4)
    state.write(state.ranges[1], b"x" * 1000)  # bytes in the middle of a full-sized file
    assert state.partial.stat().st_size == 8 * 1024 * 1024
    assert state._fd is not None
    state._fd.close()  # the process dies here

    again = DownloadState(tmp_path / "ct.mha")
    again.load()
    assert again.written == 0  # the map written before the file grew: nothing counted yet
    assert again.total == 8 * 1024 * 1024 and len(again.missing) == len(state.ranges)


def _claimed(state: DownloadState) -> int:
    """Bytes the map on disk claims (what a run killed now would keep)."""
    saved = json.loads(state.state_path.read_text(encoding="utf-8"))
    return sum(w for _, _, w in saved["ranges"])


def test_writes_checkpoint_the_range_map_every_n_bytes(tmp_path: Path) -> None:
    """Bytes written into ranges still in flight reach the map on disk every
    ``checkpoint_bytes``, with no save or close: a killed run keeps them."""
    state = DownloadState(tmp_path / "ct.mha", checkpoint_bytes=100, checkpoint_seconds=None)
    state.open()
    state.start(4 * MiB, connections=4)  # four ranges of 1 MiB
    first, second = state.ranges[0], state.ranges[1]
    state.write(first, b"a" * 60)
    assert _claimed(state) == 0 and state.checkpoints == 0  # below the threshold
    state.write(second, b"b" * 50)  # 110 bytes since the last checkpoint, over two ranges
    assert _claimed(state) == 110 and state.checkpoints == 1
    state.write(first, b"c" * 90)
    assert _claimed(state) == 110  # 90 since the last one
    assert state._fd is not None
    state._fd.close()  # the process dies here: no save, no close

    again = DownloadState(tmp_path / "ct.mha")
    again.load()
    assert again.written == 110
    assert [r[2] for r in again.ranges] == [60, 50, 0, 0]
    # a resumed range asks only for what is missing: from its first byte not on disk
    assert [r[0] + r[2] for r in again.missing] == [60, MiB + 50, 2 * MiB, 3 * MiB]
    assert again.partial.read_bytes()[:60] == b"a" * 60
    assert again.partial.read_bytes()[MiB : MiB + 50] == b"b" * 50


def test_a_checkpoint_is_also_due_after_some_time(tmp_path: Path) -> None:
    due_at_once = DownloadState(tmp_path / "a.mha", checkpoint_bytes=None, checkpoint_seconds=0)
    due_at_once.open()
    due_at_once.start(100, connections=1)
    due_at_once.write(due_at_once.ranges[0], b"x")
    assert _claimed(due_at_once) == 1 and due_at_once.checkpoints == 1

    never = DownloadState(tmp_path / "b.mha", checkpoint_bytes=None, checkpoint_seconds=None)
    never.open()
    never.start(100, connections=1)
    never.write(never.ranges[0], b"x" * 100)
    assert _claimed(never) == 0 and never.checkpoints == 0  # turned off: only save() writes
    never.save()
    assert _claimed(never) == 100
    due_at_once.close()
    never.close()


def test_a_checkpoint_flushes_the_data_before_the_map_that_claims_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Order on disk: the partial file's bytes are flushed, then the map replaced (atomic);
    a save that claims nothing new flushes nothing."""
    from gc_highlevel._transfer import download_state

    calls: list[str] = []
    sync_name = "fdatasync" if hasattr(os, "fdatasync") else "fsync"
    real_sync, real_replace = getattr(os, sync_name), os.replace

    def sync(fd: int) -> None:
        calls.append("flush data")
        real_sync(fd)

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls.append(f"replace {Path(dst).name}")
        real_replace(src, dst)

    monkeypatch.setattr(download_state.os, sync_name, sync)
    monkeypatch.setattr(download_state.os, "replace", replace)
    state = DownloadState(tmp_path / "ct.mha", checkpoint_bytes=10, checkpoint_seconds=None)
    state.open()
    state.start(100, connections=1)
    assert calls == ["replace ct.mha.gcpart.json"]  # nothing claimed yet: nothing to flush
    calls.clear()
    state.write(state.ranges[0], b"y" * 10)
    assert calls == ["flush data", "replace ct.mha.gcpart.json"]
    calls.clear()
    state.save()  # claims no more than the last one
    assert calls == ["replace ct.mha.gcpart.json"]
    calls.clear()
    state.write(state.ranges[0], b"z" * 5)
    state.close()  # after Ctrl-C the file is closed first: flushed by its name
    state.save()
    assert calls == ["flush data", "replace ct.mha.gcpart.json"]
    assert _claimed(state) == 15
    assert not list(tmp_path.glob("*.tmp"))


def test_a_checkpoint_skips_while_another_worker_saves(tmp_path: Path) -> None:
    """A worker whose write makes a checkpoint due while another saves does not queue behind
    it; the bytes it wrote stay due, so the next write checkpoints them."""
    state = DownloadState(tmp_path / "ct.mha", checkpoint_bytes=10, checkpoint_seconds=None)
    state.open()
    state.start(2 * MiB, connections=2)
    with state._save_lock:  # another worker is saving
        state.write(state.ranges[0], b"a" * 20)
        assert state.checkpoints == 0 and _claimed(state) == 0
    state.write(state.ranges[1], b"b")
    assert state.checkpoints == 1 and _claimed(state) == 21
    state.close()


def test_a_map_cut_short_trusts_none_of_the_partial_file(tmp_path: Path) -> None:
    """A map truncated by a power loss may belong to a full-sized file with holes: the next run
    starts from zero rather than take the file for a contiguous prefix. Without any map, a
    partial file is still a prefix (a single stream wrote it)."""
    partial = tmp_path / "ct.mha.gcpart"
    partial.write_bytes(b"\0" * 4096)
    (tmp_path / "ct.mha.gcpart.json").write_text('{"total": 40', encoding="utf-8")
    state = DownloadState(tmp_path / "ct.mha")
    state.load()
    assert state.written == 0 and state.ranges == []

    (tmp_path / "ct.mha.gcpart.json").unlink()
    state = DownloadState(tmp_path / "ct.mha")
    state.load()
    assert state.written == 4096


def test_a_file_that_fits_its_first_range_is_a_prefix_on_disk_without_a_map(
    tmp_path: Path,
) -> None:
    """The whole file in the first range: written in order, never grown ahead of its bytes, no
    map; a run killed midway leaves a prefix the next run continues."""
    state = DownloadState(tmp_path / "s.dcm")
    state.open()
    state.start(10, connections=8, first=[0, 10, 0])
    assert state.sequential and not state.state_path.exists()
    state.write(state.ranges[0], b"0123")
    state.save()  # nothing to save: the file says it all
    assert state.partial.stat().st_size == 4 and not state.state_path.exists()
    assert state._fd is not None
    state._fd.close()  # the process dies here

    again = DownloadState(tmp_path / "s.dcm")
    again.load()
    assert again.written == 4
    again.open()
    again.start(10, connections=8, first=[4, 10, 0])
    assert again.sequential and again.missing == [[4, 10, 0]]
    again.write(again.missing[0], b"456789")
    assert again.finish() == 10 and again.destination.read_bytes() == b"0123456789"


def test_a_file_run_as_a_prefix_drops_an_unreadable_map_and_what_lies_past_the_prefix(
    tmp_path: Path,
) -> None:
    """After a map cut short, nothing of the partial file is trusted: a file that then fits
    its first range starts over at byte 0, at its own size, with the broken map gone."""
    (tmp_path / "ct.mha.gcpart").write_bytes(b"\xff" * 4096)
    (tmp_path / "ct.mha.gcpart.json").write_text('{"total": 40', encoding="utf-8")
    state = DownloadState(tmp_path / "ct.mha")
    state.load()
    state.open()
    state.start(6, connections=4, first=[0, 6, 0])
    assert not state.state_path.exists() and state.partial.stat().st_size == 0
    state.write(state.ranges[0], b"abcdef")
    assert state.finish() == 6 and state.destination.read_bytes() == b"abcdef"

"""``close()`` and Ctrl-C stop transfers in flight: uploads abort their multipart upload (or keep
it with ``keep_on_failure=True``), downloads stop, and a closed client opens no connection.

Storage is slowed with the local server's bandwidth cap, so a transfer takes many seconds when
left to run; the assertions are on server state and request counts, with time bounds only as
generous hang guards.
"""

from __future__ import annotations

import _thread
import asyncio
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import gc_highlevel
from gc_highlevel.testing import LocalGrandChallenge

from .conftest import MiB, add_image, random_bytes

#: Hang guard: far above what a prompt stop takes, far below what the slowed transfers take.
GUARD = 20.0


def open_multipart_uploads(gc: LocalGrandChallenge) -> int:
    listed = gc.storage.client.list_multipart_uploads(Bucket=gc.storage.uploads_bucket)
    return len(listed.get("Uploads", []))


def parts_stored(gc: LocalGrandChallenge) -> int:
    return sum(1 for e in gc.request_log.filter(kind="storage", method="PUT") if e.status == 200)


def wait_for(predicate: Any, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting for the transfer to start"
        time.sleep(0.02)


def settle(gc: LocalGrandChallenge) -> None:
    """Let the request log settle (the server logs a request when it ends)."""
    settled, deadline = -1, time.monotonic() + 10
    while settled != len(gc.request_log) and time.monotonic() < deadline:
        settled = len(gc.request_log)
        time.sleep(0.3)


def client_for(gc: LocalGrandChallenge) -> gc_highlevel.Client:
    return gc_highlevel.Client(gc.tokens["demo"], base_url=gc.api_url)


def slow_file(tmp_path: Path, size: int = 40 * MiB) -> Path:
    path = tmp_path / "big.bin"
    path.write_bytes(random_bytes(size))
    return path


# 40 MiB in eight 5 MiB parts over two connections of 16 Mbit/s: about 10 s when left alone.
PARTS = 8
UPLOAD = {"part_size": 5 * MiB, "max_concurrency": 2, "progress": False}


def test_close_from_another_thread_stops_an_upload_and_aborts_it(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    path = slow_file(tmp_path)
    local_gc.faults.set_wan(bandwidth_mbps=16)
    client = client_for(local_gc)
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = client.transfers.upload(path, **UPLOAD)
        except BaseException as exc:
            outcome["error"] = exc
        outcome["ended"] = time.monotonic()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    wait_for(lambda: local_gc.request_log.count(path="generate-presigned-urls") >= 1)
    time.sleep(1.0)  # parts are on their way
    started = time.monotonic()
    client.close()
    closed_in = time.monotonic() - started
    thread.join(GUARD)
    assert not thread.is_alive()
    assert closed_in < GUARD and outcome["ended"] - started < GUARD
    error = outcome.get("error")
    assert isinstance(error, gc_highlevel.UploadError), outcome
    assert isinstance(error.__cause__, gc_highlevel.ClientClosedError)
    assert "aborted" in str(error) and not error.kept
    settle(local_gc)
    assert local_gc.request_log.count(path="abort-multipart-upload") == 1
    assert local_gc.request_log.count(path="complete-multipart-upload") == 0
    assert open_multipart_uploads(local_gc) == 0
    assert parts_stored(local_gc) < PARTS
    # closed: nothing more is sent, and no pool is opened again
    before = len(local_gc.request_log)
    with pytest.raises(gc_highlevel.ClientClosedError, match="is closed"):
        client.transfers.upload(b"x", filename="x.bin", progress=False)
    with pytest.raises(gc_highlevel.ClientClosedError):
        client.archives.list().first()
    assert client._inner._pools == {}  # type: ignore[attr-defined]
    settle(local_gc)
    assert len(local_gc.request_log) == before


def test_ctrl_c_aborts_an_upload_and_returns_promptly(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    path = slow_file(tmp_path)
    local_gc.faults.set_wan(bandwidth_mbps=16)
    interrupted: list[float] = []

    def interrupt_later() -> None:
        wait_for(lambda: local_gc.request_log.count(path="generate-presigned-urls") >= 1)
        time.sleep(1.0)
        interrupted.append(time.monotonic())
        _thread.interrupt_main()

    with client_for(local_gc) as client:
        threading.Thread(target=interrupt_later, daemon=True).start()
        with pytest.raises(KeyboardInterrupt) as info:
            client.transfers.upload(path, **UPLOAD)
        raised = time.monotonic()
    assert raised - interrupted[0] < GUARD
    assert any("aborted" in note for note in getattr(info.value, "__notes__", ["aborted"]))
    settle(local_gc)
    assert local_gc.request_log.count(path="abort-multipart-upload") == 1
    assert local_gc.request_log.count(path="complete-multipart-upload") == 0
    assert open_multipart_uploads(local_gc) == 0
    assert parts_stored(local_gc) < PARTS


def test_ctrl_c_keeps_an_upload_with_keep_on_failure_for_resume(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    path = slow_file(tmp_path)
    local_gc.faults.set_wan(bandwidth_mbps=16)

    def interrupt_later() -> None:
        wait_for(lambda: local_gc.request_log.count(path="generate-presigned-urls") >= 1)
        time.sleep(1.0)
        _thread.interrupt_main()

    with client_for(local_gc) as client:
        threading.Thread(target=interrupt_later, daemon=True).start()
        with pytest.raises(KeyboardInterrupt) as info:
            client.transfers.upload(path, keep_on_failure=True, **UPLOAD)
        settle(local_gc)
        assert local_gc.request_log.count(path="abort-multipart-upload") == 0
        assert open_multipart_uploads(local_gc) == 1
        sent = parts_stored(local_gc)
        assert sent < PARTS
        # the interrupt names the kept upload (a note, and a warning in the log)
        notes = [n for n in getattr(info.value, "__notes__", []) if "resume_upload(" in n]
        if sys.version_info >= (3, 11):
            assert len(notes) == 1
        (pk,) = [u.pk for u in client.uploads.list()]
        local_gc.faults.set_wan()
        local_gc.request_log.clear()
        upload = client.transfers.resume_upload(pk, path, progress=False)
    assert upload.status == "Completed"
    assert local_gc.storage.get_bytes(local_gc.storage.uploads_bucket, upload.key) == (
        path.read_bytes()
    )
    assert parts_stored(local_gc) == PARTS - sent


def test_close_from_another_thread_stops_a_download(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    data = random_bytes(24 * MiB)
    image = add_image(local_gc, {"big.tif": data})
    local_gc.faults.set_wan(bandwidth_mbps=16)  # 2 MB/s per range: ~6 s over 2 connections
    client = client_for(local_gc)
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            client.transfers.download_image(
                image, tmp_path, image_type="TIFF", max_concurrency=2, progress=False
            )
        except BaseException as exc:
            outcome["error"] = exc
        outcome["ended"] = time.monotonic()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    wait_for(lambda: local_gc.request_log.count(kind="storage", method="GET") >= 1)
    started = time.monotonic()
    client.close()
    thread.join(GUARD)
    assert not thread.is_alive() and outcome["ended"] - started < GUARD
    assert isinstance(outcome.get("error"), gc_highlevel.ClientClosedError), outcome
    assert not (tmp_path / "big.tif").exists()
    settle(local_gc)
    served = sum(e.response_bytes for e in local_gc.request_log.filter(kind="storage"))
    assert served < len(data) // 2
    assert client._inner._pools == {}  # type: ignore[attr-defined]


# -- AsyncClient --------------------------------------------------------------------------------


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.anyio
async def test_aclose_from_another_task_stops_an_upload_and_aborts_it(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    path = slow_file(tmp_path)
    local_gc.faults.set_wan(bandwidth_mbps=16)
    client = gc_highlevel.AsyncClient(local_gc.tokens["demo"], base_url=local_gc.api_url)
    task = asyncio.ensure_future(client.transfers.upload(path, **UPLOAD))
    while local_gc.request_log.count(path="generate-presigned-urls") < 1:
        await asyncio.sleep(0.02)
    await asyncio.sleep(1.0)
    started = time.monotonic()
    await asyncio.wait_for(client.aclose(), GUARD)
    with pytest.raises(gc_highlevel.UploadError) as info:
        await asyncio.wait_for(task, GUARD)
    assert time.monotonic() - started < GUARD
    assert isinstance(info.value.__cause__, gc_highlevel.ClientClosedError)
    await asyncio.to_thread(settle, local_gc)
    assert local_gc.request_log.count(path="abort-multipart-upload") == 1
    assert open_multipart_uploads(local_gc) == 0
    assert parts_stored(local_gc) < PARTS
    with pytest.raises(gc_highlevel.ClientClosedError):
        await client.archives.list().first()
    assert client._inner._pools == {}  # type: ignore[attr-defined]


@pytest.mark.anyio
async def test_a_cancelled_upload_task_aborts_its_upload(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    path = slow_file(tmp_path)
    local_gc.faults.set_wan(bandwidth_mbps=16)
    async with gc_highlevel.AsyncClient(
        local_gc.tokens["demo"], base_url=local_gc.api_url
    ) as client:
        task = asyncio.ensure_future(client.transfers.upload(path, **UPLOAD))
        while local_gc.request_log.count(path="generate-presigned-urls") < 1:
            await asyncio.sleep(0.02)
        await asyncio.sleep(1.0)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await asyncio.wait_for(task, GUARD)
    await asyncio.to_thread(settle, local_gc)
    assert local_gc.request_log.count(path="abort-multipart-upload") == 1
    assert local_gc.request_log.count(path="complete-multipart-upload") == 0
    assert open_multipart_uploads(local_gc) == 0
    assert parts_stored(local_gc) < PARTS

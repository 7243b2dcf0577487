"""Transfers against the local grand-challenge over real HTTP (S3 on moto), async and sync.

This file is the async source; ``tests/transfers/_sync/`` is generated from it by
``scripts/make_sync.py``, so ``Client`` and ``AsyncClient`` pass the same tests. Retries never
sleep: the client gets an injected sleep.
"""

# The sync twin nests `with` blocks that the async source cannot merge (async with + with).
# ruff: noqa: SIM117, RUF100

from __future__ import annotations

import hashlib
import io
import json
import time
from pathlib import Path

import httpx
import pytest

import gc_highlevel
from gc_highlevel._concurrency import async_sleep
from gc_highlevel.progress import ProgressEvent
from gc_highlevel.testing import LocalGrandChallenge

from ..conftest import MiB, add_image, random_bytes
from .helpers import RecordingTransport, make_client

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def storage_puts(gc: LocalGrandChallenge) -> list[tuple[str, int]]:
    return [
        (e.query["partNumber"][0], e.status)
        for e in gc.request_log.filter(kind="storage", method="PUT")
    ]


def upload_objects(gc: LocalGrandChallenge) -> list[str]:
    listed = gc.storage.client.list_objects_v2(Bucket=gc.storage.uploads_bucket)
    return [o["Key"] for o in listed.get("Contents", [])]


def open_multipart_uploads(gc: LocalGrandChallenge) -> int:
    listed = gc.storage.client.list_multipart_uploads(Bucket=gc.storage.uploads_bucket)
    return len(listed.get("Uploads", []))


# -- uploads ----------------------------------------------------------------------------------


async def test_round_trip_of_a_multipart_file_is_byte_identical(
    gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    data = random_bytes(12 * MiB + 17)
    path = tmp_path / "ct.mha"
    path.write_bytes(data)
    transport = RecordingTransport()
    async with make_client(gc, transport) as client:
        upload = await client.transfers.upload(path, part_size=5 * MiB, progress=False)
    assert upload.status == "Completed" and upload.filename == "ct.mha"
    stored = gc.storage.get_bytes(gc.storage.uploads_bucket, upload.key)
    assert sha256(stored) == sha256(data)
    # create, one presign for all three parts, three PUTs, complete
    assert sorted(storage_puts(gc)) == [("1", 200), ("2", 200), ("3", 200)]
    assert gc.request_log.count(kind="api", path="generate-presigned-urls") == 1
    assert gc.request_log.count(kind="api") == 3
    # the token goes to the API and never to storage
    api = transport.to(gc.base_url)
    storage = transport.to(gc.storage_url)
    assert api and all(h["authorization"].startswith("Bearer ") for _, _, h in api)
    assert len(storage) == 3
    assert not any("authorization" in h for _, _, h in storage)
    assert not any(gc.tokens["demo"] in url for _, url, _ in storage)


async def test_download_round_trip_and_token_hygiene(
    gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    data = random_bytes(3 * MiB + 5)
    image = add_image(gc, {"scan.mha": data})
    transport = RecordingTransport()
    async with make_client(gc, transport) as client:
        results = await client.transfers.download_image(image.pk, tmp_path, progress=False)
    (result,) = results
    assert result.path == tmp_path / "scan.mha" and result.size == len(data)
    assert sha256(result.path.read_bytes()) == sha256(data)
    assert list(tmp_path.iterdir()) == [result.path]  # no .gcpart left behind
    storage = transport.to(gc.storage_url)
    assert len(storage) == 4  # 1 MiB to learn the size, then three ranges in parallel
    assert not any("authorization" in h for _, _, h in storage)
    media = [s for s in transport.to(gc.base_url) if "/media/" in s[1]]
    assert len(media) == 1 and "authorization" in media[0][2]


async def test_upload_bytes_and_file_objects(gc: LocalGrandChallenge) -> None:
    async with make_client(gc) as client:
        small = await client.transfers.upload(b'{"a": 1}', filename="a.json", progress=False)
        stream = await client.transfers.upload(
            io.BytesIO(b"x" * 1000), filename="b.bin", progress=False
        )
    assert gc.storage.get_bytes(gc.storage.uploads_bucket, small.key) == b'{"a": 1}'
    assert gc.storage.get_bytes(gc.storage.uploads_bucket, stream.key) == b"x" * 1000


@pytest.mark.parametrize(
    "fault",
    ["500", "reset", "expired"],
)
async def test_a_failing_part_is_retried_and_the_upload_completes_once(
    gc: LocalGrandChallenge, fault: str
) -> None:
    data = random_bytes(15 * MiB)
    expired: list[bool] = []

    def on_progress(event: ProgressEvent) -> None:
        # expire every URL issued so far once part 1 is sent: a later part's URL is stale
        if fault == "expired" and event.done >= 5 * MiB and not expired:
            gc.faults.expire_presigned_urls()
            expired.append(True)

    if fault == "500":
        gc.faults.fail_part(2, status=500)
    elif fault == "reset":
        gc.faults.reset_next(1, kind="storage", method="PUT", query={"partNumber": "2"})
    async with make_client(gc) as client:
        upload = await client.transfers.upload(
            data, filename="x.bin", part_size=5 * MiB, max_concurrency=1, progress=on_progress
        )
    assert upload.status == "Completed"
    assert gc.storage.get_bytes(gc.storage.uploads_bucket, upload.key) == data
    assert upload_objects(gc) == [upload.key]  # exactly one object: no duplicate
    assert open_multipart_uploads(gc) == 0
    puts = storage_puts(gc)
    if fault == "expired":
        assert [s for _, s in puts].count(403) == 1 and len(puts) == 4
        assert {n for n, s in puts if s == 200} == {"1", "2", "3"}
        assert gc.request_log.count(kind="api", path="generate-presigned-urls") == 2
    else:
        assert puts[0] == ("1", 200) and puts[-2:] == [("2", 200), ("3", 200)]
        assert len(puts) == 4


async def test_an_unrecoverable_failure_aborts_and_names_the_file(gc: LocalGrandChallenge) -> None:
    gc.faults.fail_part(2, n=100, status=500)
    async with make_client(gc) as client:
        with pytest.raises(gc_highlevel.UploadError) as info:
            await client.transfers.upload(
                random_bytes(11 * MiB), filename="lung.mha", part_size=5 * MiB, progress=False
            )
    error = info.value
    assert isinstance(error, gc_highlevel.GCError)
    assert "lung.mha" in str(error) and "500" in str(error) and "aborted" in str(error)
    assert error.name == "lung.mha" and not error.kept
    assert error.upload is not None
    assert gc.state.uploads[str(error.upload.pk)].status == "Aborted"
    assert error.upload.status == "Aborted"
    assert gc.request_log.count(kind="api", path="abort-multipart-upload") == 1
    assert open_multipart_uploads(gc) == 0 and upload_objects(gc) == []
    # 6 attempts for part 2, and the error keeps the last cause
    assert [n for n, _ in storage_puts(gc)].count("2") == 6
    assert error.__cause__ is not None


async def test_a_kept_upload_resumes_with_only_the_missing_parts(
    gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    data = random_bytes(16 * MiB)
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    gc.faults.fail_part(3, n=100, status=503)
    async with make_client(gc) as client:
        with pytest.raises(gc_highlevel.UploadError) as info:
            await client.transfers.upload(
                path, part_size=5 * MiB, keep_on_failure=True, progress=False
            )
        error = info.value
        assert error.kept and "resume_upload" in str(error)
        assert gc.state.uploads[str(error.upload.pk)].status == "Initialized"  # type: ignore[union-attr]
        gc.faults.clear()
        gc.request_log.clear()
        upload = await client.transfers.resume_upload(error, path, progress=False)
    assert upload.status == "Completed"
    assert gc.storage.get_bytes(gc.storage.uploads_bucket, upload.key) == data
    assert storage_puts(gc) == [("3", 200)]  # parts 1, 2 and 4 were already there
    assert gc.request_log.count(kind="api", path="list-parts") == 1


async def test_resume_sends_again_the_parts_that_differ_from_the_file(
    gc: LocalGrandChallenge,
) -> None:
    data = random_bytes(16 * MiB)
    gc.faults.fail_part(3, n=100, status=500)
    async with make_client(gc) as client:
        with pytest.raises(gc_highlevel.UploadError) as info:
            await client.transfers.upload(
                data, filename="v.bin", part_size=5 * MiB, keep_on_failure=True, progress=False
            )
        gc.faults.clear()
        gc.request_log.clear()
        changed = b"X" + data[1:]  # part 1 differs from what the server has
        upload = await client.transfers.resume_upload(info.value, changed, progress=False)
    assert gc.storage.get_bytes(gc.storage.uploads_bucket, upload.key) == changed
    assert sorted(storage_puts(gc)) == [("1", 200), ("3", 200)]


async def test_resume_by_pk_infers_the_part_size(gc: LocalGrandChallenge) -> None:
    data = random_bytes(11 * MiB)
    gc.faults.fail_part(1, n=100, status=500)
    async with make_client(gc) as client:
        with pytest.raises(gc_highlevel.UploadError) as info:
            await client.transfers.upload(
                data, filename="d.bin", part_size=5 * MiB, keep_on_failure=True, progress=False
            )
        gc.faults.clear()
        gc.request_log.clear()
        assert info.value.upload is not None
        upload = await client.transfers.resume_upload(
            str(info.value.upload.pk), data, filename="d.bin", progress=False
        )
    assert gc.storage.get_bytes(gc.storage.uploads_bucket, upload.key) == data
    assert storage_puts(gc) == [("1", 200)]


async def test_upload_many_bounds_connections_and_reports_each_file(
    gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    paths = []
    for i in range(6):
        path = tmp_path / f"slice{i}.dcm"
        path.write_bytes(random_bytes(6 * MiB if i % 2 else 100_000))
        paths.append(path)
    missing = tmp_path / "missing.dcm"
    sources: list[Path] = [*paths[:3], missing, *paths[3:]]
    gc.faults.delay(0.02, kind="storage")
    transport = RecordingTransport()
    events: list[ProgressEvent] = []
    async with make_client(gc, transport) as client:
        results = await client.transfers.upload_many(
            sources, part_size=5 * MiB, max_concurrency=3, progress=events.append
        )
    assert [o.name for o in results] == [p.name for p in sources]
    assert [o.ok for o in results] == [True, True, True, False, True, True, True]
    (failed,) = results.failed
    assert isinstance(failed.error, gc_highlevel.UploadError) and "missing.dcm" in str(failed.error)
    for outcome, path in zip(results.succeeded, paths, strict=True):
        assert outcome.value is not None and outcome.value.filename == path.name
        stored = gc.storage.get_bytes(gc.storage.uploads_bucket, outcome.value.key)
        assert stored == path.read_bytes()
    assert 2 <= transport.peak <= 3
    total = sum(p.stat().st_size for p in paths)
    assert events[-1].done == total == events[-1].total
    with pytest.raises(gc_highlevel.TransferBatchError, match=r"missing\.dcm"):
        results.values()


async def test_upload_many_puts_more_files_in_flight_by_default_within_its_bound(
    gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    """By default a call moving many files uses up to 32 connections (16 for one file): the
    requests of 48 small files overlap beyond 16, and never beyond 32."""
    paths = []
    for i in range(48):
        path = tmp_path / f"slice{i:02d}.dcm"
        path.write_bytes(random_bytes(1000))
        paths.append(path)
    gc.faults.delay(0.05, kind="api")
    transport = RecordingTransport()
    async with make_client(gc, transport) as client:
        results = await client.transfers.upload_many(paths, progress=False)
    assert len(results.values()) == 48
    assert 16 < transport.peak <= 32
    transport = RecordingTransport()
    async with make_client(gc, transport) as client:
        transfers = gc_highlevel.AsyncTransfers(client, max_concurrency=5)
        results = await transfers.upload_many(paths[:12], progress=False)
    assert len(results.values()) == 12
    assert transport.peak <= 5


async def test_transfers_keep_their_connections_to_api_and_storage_alive(
    gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    """The default transport keeps a pool per host and every connection alive: 48 files over
    24 connections open at most 24 to each host (httpx's default pool kept 20 idle in all and
    reconnected for most requests)."""
    paths = []
    for i in range(48):
        path = tmp_path / f"slice{i:02d}.dcm"
        path.write_bytes(random_bytes(1000))
        paths.append(path)
    gc.faults.delay(0.02, kind="api")
    before = gc.connections_accepted()
    async with gc_highlevel.AsyncClient(gc.tokens["demo"], base_url=gc.api_url) as client:
        results = await client.transfers.upload_many(paths, max_concurrency=24, progress=False)
        assert len(results.values()) == 48
        again = await client.transfers.upload_many(paths[:24], max_concurrency=24, progress=False)
        assert len(again.values()) == 24
    after = gc.connections_accepted()
    assert 1 <= after["api"] - before["api"] <= 24
    assert 1 <= after["storage"] - before["storage"] <= 24


async def test_one_request_at_a_time_uses_one_pool_and_many_spread_over_small_ones(
    gc: LocalGrandChallenge,
) -> None:
    """httpcore's pool costs CPU with the square of its size, so an origin gets several small
    pools; that must not cost sequential callers extra connections."""
    from gc_highlevel._async._http import SHARDS, AsyncOriginPools
    from gc_highlevel._concurrency import AsyncGroup

    pools = AsyncOriginPools()
    origin = (httpx.URL(gc.api_url).scheme, "127.0.0.1", httpx.URL(gc.api_url).port)
    before = gc.connections_accepted()["api"]
    async with httpx.AsyncClient(transport=pools, base_url=gc.api_url) as http:
        for _ in range(10):
            assert (await http.get("gcapi/")).status_code == 200
        assert gc.connections_accepted()["api"] - before == 1
        assert len(pools._pools[origin]) == 1

        gc.faults.delay(0.05, kind="api")  # keep requests in flight together
        statuses: list[int] = []

        async def worker() -> None:
            for _ in range(3):
                statuses.append((await http.get("gcapi/")).status_code)

        await AsyncGroup.run_workers(24, worker)
        assert statuses == [200] * 72
        assert 1 < len(pools._pools[origin]) <= SHARDS
        assert gc.connections_accepted()["api"] - before <= 24
        assert all(shard.busy == 0 for shard in pools._pools[origin])
        # one TLS context for all pools: httpx loading the CA bundle per pool took ~20 ms each
        contexts = {id(shard.pool._pool._ssl_context) for shard in pools._pools[origin]}
        assert contexts == {id(pools._context())}


async def _connections_for_gathered_reads(
    gc: LocalGrandChallenge, transport: httpx.AsyncBaseTransport | None, n: int
) -> int:
    """Connections to the API opened by ``n`` reads of one client at once."""
    from gc_highlevel._concurrency import AsyncGroup

    titles: list[str] = []
    before = gc.connections_accepted()["api"]
    async with gc_highlevel.AsyncClient(
        gc.tokens["demo"], base_url=gc.api_url, transport=transport, timeout=60
    ) as client:

        async def read() -> None:
            titles.append((await client.archives.get(slug="coronacasesorg")).title)

        await AsyncGroup.run_workers(n, read)  # asyncio.gather (threads in the sync twin)
    assert titles == ["coronacases.org"] * n
    return gc.connections_accepted()["api"] - before


async def test_gathered_api_reads_open_no_more_connections_than_the_pool_limits(
    gc: LocalGrandChallenge,
) -> None:
    """200 reads at once share the origin's ``max_connections``: its pools split it, and
    requests beyond it wait for a connection (each pool opened up to 100, so 200 reads
    opened 200 connections)."""
    from gc_highlevel._async._http import POOL_LIMITS, AsyncOriginPools

    assert POOL_LIMITS.max_connections == 100
    gc.faults.delay(0.05, kind="api")  # keep the requests in flight together
    # The upper bound is the point; the lower one only shows the reads overlapped (how many
    # start together depends on the machine's load: 47 of 200 on a busy 2-core VM).
    opened = await _connections_for_gathered_reads(gc, None, 200)
    assert 10 < opened <= 100, opened
    pools = AsyncOriginPools(limits=httpx.Limits(max_connections=10))
    opened = await _connections_for_gathered_reads(gc, pools, 200)
    assert 2 < opened <= 10, opened


async def test_a_file_that_fails_while_read_is_aborted_and_the_others_finish(
    gc: LocalGrandChallenge,
) -> None:
    class Shrinking(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            if self.tell() >= 5 * MiB:
                raise OSError("device went away")
            return super().read(size)

        def fileno(self) -> int:
            raise io.UnsupportedOperation("no fd")

    broken = Shrinking(random_bytes(11 * MiB))
    broken.name = "broken.mha"
    async with make_client(gc) as client:
        results = await client.transfers.upload_many(
            [broken, io.BytesIO(b"fine")],
            part_size=5 * MiB,
            max_concurrency=1,
            progress=False,
        )
    assert [o.ok for o in results] == [False, False]  # the nameless BytesIO needs filename=
    (error_broken, error_nameless) = (o.error for o in results)
    assert error_broken is not None and "broken.mha" in str(error_broken)
    assert "device went away" in str(error_broken)
    assert gc.request_log.count(kind="api", path="abort-multipart-upload") == 1
    assert error_nameless is not None and "filename" in str(error_nameless)


# -- downloads --------------------------------------------------------------------------------


async def test_downloads_reuse_their_connections_to_the_api(
    gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    """Each image is two API requests (its details, then its file's redirect to storage) and
    one storage GET; 12 images over 3 connections open no more than 3 to each host."""
    images = [add_image(gc, {f"scan{i}.mha": random_bytes(1000)}) for i in range(12)]
    before = gc.connections_accepted()
    async with gc_highlevel.AsyncClient(gc.tokens["demo"], base_url=gc.api_url) as client:
        results = await client.transfers.download_images(
            [i.pk for i in images], tmp_path, max_concurrency=3, progress=False
        )
    assert len(results.values()) == 12
    after = gc.connections_accepted()
    assert 1 <= after["api"] - before["api"] <= 3
    assert 1 <= after["storage"] - before["storage"] <= 3


async def test_download_picks_the_image_type(gc: LocalGrandChallenge, tmp_path: Path) -> None:
    image = add_image(gc, {"a.mha": b"mha-bytes", "a.tif": b"tiff-bytes"})
    async with make_client(gc) as client:
        (tif,) = await client.transfers.download_image(
            image.pk, tmp_path, image_type="TIFF", progress=False
        )
        with pytest.raises(ValueError, match="no DZI file"):
            await client.transfers.download_image(image.pk, tmp_path, image_type="DZI")
    assert tif.path.read_bytes() == b"tiff-bytes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.tif"]


async def test_an_interrupted_download_resumes_with_range(
    gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    data = random_bytes(4 * MiB)
    image = add_image(gc, {"big.mha": data})
    gc.faults.reset_next(1, kind="storage", method="GET", after_bytes=MiB // 2)
    async with make_client(gc) as client:
        (result,) = await client.transfers.download_image(image, tmp_path, progress=False)
    assert sha256(result.path.read_bytes()) == sha256(data)
    gets = gc.request_log.filter(kind="storage", method="GET")
    assert all(g.status == 206 for g in gets)
    # the reset first range was continued, not fetched again
    assert len(data) <= sum(g.response_bytes for g in gets) < len(data) + MiB // 2
    assert sorted(tmp_path.iterdir()) == [result.path]


async def test_a_big_download_uses_parallel_ranges(gc: LocalGrandChallenge, tmp_path: Path) -> None:
    data = random_bytes(20 * MiB + 3)
    image = add_image(gc, {"wsi.tif": data})
    gc.faults.delay(0.02, kind="storage")
    transport = RecordingTransport()
    async with make_client(gc, transport) as client:
        (result,) = await client.transfers.download_image(
            image, tmp_path, image_type="TIFF", max_concurrency=4, progress=False
        )
    assert sha256(result.path.read_bytes()) == sha256(data)
    gets = gc.request_log.filter(kind="storage", method="GET")
    assert len(gets) >= 4 and all(g.status == 206 for g in gets)
    assert sum(g.response_bytes for g in gets) == len(data)
    assert 2 <= transport.peak <= 4


async def test_a_failed_download_keeps_its_ranges_for_the_next_run(
    gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    data = random_bytes(12 * MiB)
    image = add_image(gc, {"e.mha": data})
    async with make_client(gc) as client:
        url = image_url(gc, image.pk, "e.mha")
        # every storage answer breaks off after 64 KiB: six attempts, then give up
        gc.faults.reset_next(100, kind="storage", method="GET", after_bytes=64 * 1024)
        with pytest.raises(gc_highlevel.DownloadError) as info:
            await client.transfers.download(url, tmp_path / "e.mha", progress=False)
        assert "e.mha" in str(info.value) and "continues" in str(info.value)
        assert (tmp_path / "e.mha.gcpart").exists() and not (tmp_path / "e.mha").exists()
        gc.faults.clear()
        gc.request_log.clear()
        result = await client.transfers.download(url, tmp_path / "e.mha", progress=False)
    assert result.path.read_bytes() == data
    assert result.resumed_from > 0
    assert sum(g.response_bytes for g in gc.request_log.filter(kind="storage")) < len(data)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.mha"]


async def test_a_reference_that_names_no_image_is_refused_before_any_request(
    gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    image = add_image(gc, {"ok.mha": b"123"})
    async with make_client(gc) as client:
        gc.request_log.clear()
        for bad in ("not-a-pk", f"{gc.api_url}archives/items/{image.pk}/"):
            with pytest.raises(gc_highlevel.InvalidArgumentError):
                await client.transfers.download_images([image.pk, bad], tmp_path, progress=False)
    assert len(gc.request_log) == 0 and list(tmp_path.iterdir()) == []


async def test_a_failed_small_download_keeps_its_prefix_without_a_map(
    gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    """A file that fits the first range is written in order: what a failed run leaves is a
    contiguous prefix (no range map needed), and the next run asks only for the rest."""
    data = random_bytes(MiB - 5)
    image = add_image(gc, {"s.mha": data})
    async with make_client(gc) as client:
        url = image_url(gc, image.pk, "s.mha")
        gc.faults.reset_next(100, kind="storage", method="GET", after_bytes=64 * 1024)
        with pytest.raises(gc_highlevel.DownloadError):
            await client.transfers.download(url, tmp_path / "s.mha", progress=False)
        kept = (tmp_path / "s.mha.gcpart").stat().st_size
        assert kept >= 64 * 1024 and (tmp_path / "s.mha.gcpart").read_bytes() == data[:kept]
        assert not (tmp_path / "s.mha.gcpart.json").exists()
        gc.faults.clear()
        gc.request_log.clear()
        result = await client.transfers.download(url, tmp_path / "s.mha", progress=False)
    assert result.path.read_bytes() == data and result.resumed_from == kept
    gets = gc.request_log.filter(kind="storage", method="GET")
    assert sum(g.response_bytes for g in gets) == len(data) - kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.mha"]


async def test_an_interrupted_download_keeps_its_ranges_for_the_next_run(
    gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    """Ctrl-C (or a cancelled task) in the middle of a ranged download: the range map is
    saved, so the next run fetches only what is missing, not just past the first gap."""
    data = random_bytes(12 * MiB)
    image = add_image(gc, {"i.mha": data})

    def interrupt_midway(event: ProgressEvent) -> None:
        if event.done >= 6 * MiB:
            raise KeyboardInterrupt

    async with make_client(gc) as client:
        url = image_url(gc, image.pk, "i.mha")
        with pytest.raises(KeyboardInterrupt):
            await client.transfers.download(url, tmp_path / "i.mha", progress=interrupt_midway)
        saved = json.loads((tmp_path / "i.mha.gcpart.json").read_text())
        kept = sum(w for _, _, w in saved["ranges"])
        assert saved["total"] == len(data) and kept >= 6 * MiB
        # The interrupted run's other range requests may still be ending (and being logged)
        # in the server: let the log settle so only the second run's requests are counted.
        settled, deadline = -1, time.monotonic() + 10
        while settled != len(gc.request_log) and time.monotonic() < deadline:
            settled = len(gc.request_log)
            await async_sleep(0.3)
        gc.request_log.clear()
        result = await client.transfers.download(url, tmp_path / "i.mha", progress=False)
    assert result.path.read_bytes() == data
    assert result.resumed_from == kept
    fetched = sum(g.response_bytes for g in gc.request_log.filter(kind="storage"))
    assert fetched == len(data) - kept


async def test_a_partial_file_from_an_earlier_run_is_continued(
    gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    data = random_bytes(3 * MiB)
    image = add_image(gc, {"c.mha": data})
    (tmp_path / "c.mha.gcpart").write_bytes(data[:MiB])
    async with make_client(gc) as client:
        (result,) = await client.transfers.download_image(image, tmp_path, progress=False)
        assert result.resumed_from == MiB and result.path.read_bytes() == data
        gets = gc.request_log.filter(kind="storage", method="GET")
        assert {g.status for g in gets} == {206}
        assert sum(g.response_bytes for g in gets) == 2 * MiB  # only what was missing
        gc.request_log.clear()
        (again,) = await client.transfers.download_image(image, tmp_path, progress=False)
    assert again.skipped and again.size == len(data)
    assert gc.request_log.count(kind="storage") == 0


async def test_a_complete_file_is_skipped_without_storage_requests(
    gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    image = add_image(gc, {"d.mha": b"123"})
    async with make_client(gc) as client:
        await client.transfers.download_image(image, tmp_path, progress=False)
        gc.request_log.clear()
        url = image_url(gc, image.pk, "d.mha")
        result = await client.transfers.download(url, tmp_path, progress=False)
    assert result.skipped and result.size == 3
    assert len(gc.request_log) == 0


def image_url(gc: LocalGrandChallenge, pk: str, filename: str) -> str:
    image = gc.state.images[pk]
    (f,) = [f for f in image.files if f.filename == filename]
    return f"{gc.base_url}/media/{f.key}"


async def test_download_many_reports_failures_per_file(
    gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    blobs = {f"f{i}.mha": random_bytes(200_000 + i) for i in range(5)}
    image = add_image(gc, blobs)
    pairs = [(image_url(gc, image.pk, name), tmp_path / name) for name in blobs]
    pairs.insert(2, (f"{gc.base_url}/media/images/xx/yy/{image.pk}/nope/missing.mha", tmp_path))
    async with make_client(gc) as client:
        results = await client.transfers.download_many(pairs, max_concurrency=3, progress=False)
    assert [o.ok for o in results] == [True, True, False, True, True, True]
    error = results[2].error
    assert isinstance(error, gc_highlevel.DownloadError) and "missing.mha" in str(error)
    for name, data in blobs.items():
        assert (tmp_path / name).read_bytes() == data


async def test_download_socket_value_file(gc: LocalGrandChallenge, tmp_path: Path) -> None:
    key = "components/componentinterfacevalue/ab/cd/999/report.json"
    gc.storage.put_bytes(gc.storage.protected_bucket, key, b'{"ok": true}')
    civ = gc.state.new_civ("nodules", file_key=key, file_name="report.json")
    archive = next(a for a in gc.state.archives.values() if a.title == "coronacases.org")
    gc.state.add_archive_item(archive).values["nodules"] = civ.pk
    url = f"{gc.base_url}/media/components/componentinterfacevalue/ab/cd/{civ.pk}/report.json"
    async with make_client(gc) as client:
        result = await client.transfers.download_socket_value(url, tmp_path, progress=False)
    assert result.path.read_bytes() == b'{"ok": true}'


async def test_a_failed_presign_is_asked_again(gc: LocalGrandChallenge) -> None:
    gc.faults.fail_next(1, 502, method="PATCH", path="generate-presigned-urls")
    async with make_client(gc) as client:
        upload = await client.transfers.upload(b"abc", filename="p.bin", progress=False)
    assert upload.status == "Completed"
    presigns = gc.request_log.filter(path="generate-presigned-urls")
    assert [e.status for e in presigns] == [502, 200]


async def test_empty_files_round_trip(gc: LocalGrandChallenge, tmp_path: Path) -> None:
    image = add_image(gc, {"empty.mha": b""})
    async with make_client(gc) as client:
        upload = await client.transfers.upload(b"", filename="empty.bin", progress=False)
        (result,) = await client.transfers.download_image(image, tmp_path, progress=False)
    assert gc.storage.get_bytes(gc.storage.uploads_bucket, upload.key) == b""
    assert result.size == 0 and result.path.read_bytes() == b""

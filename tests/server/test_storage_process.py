"""``LocalGrandChallenge(storage_process=True)``: storage (moto and the S3 endpoint) served from a
child process, driven by the API process over a control channel and loopback HTTP."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import httpx
import pytest

import gc_highlevel
from gc_highlevel.testing import LocalGrandChallenge
from gc_highlevel.testing.models import Image, new_uuid
from gc_highlevel.testing.storage_process import END_STAMP, RemoteStorage

MiB = 1024 * 1024


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is gone for our purposes, but stop() waits for the child: it must not be one
    with open(f"/proc/{pid}/stat") as f:
        return f.read().split(") ", 1)[1][0] != "Z"


def test_upload_and_ranged_download_through_a_storage_process(tmp_path: Path) -> None:
    gc = LocalGrandChallenge(storage_process=True, latency_ms=1, bandwidth_mbps=2000)
    with gc:
        assert isinstance(gc.storage, RemoteStorage)
        pid = gc.storage.pid
        assert pid is not None and pid != os.getpid() and _alive(pid)

        # a real multipart upload with the client: three parts PUT to the child's endpoint
        data = os.urandom(12 * MiB + 17)
        src = tmp_path / "ct.mha"
        src.write_bytes(data)
        with gc_highlevel.Client(gc.tokens["demo"], base_url=gc.api_url) as client:
            upload = client.transfers.upload(src, part_size=5 * MiB, progress=False)
            assert upload.status == "Completed"
            stored = gc.storage.get_bytes(gc.storage.uploads_bucket, upload.key)
            assert hashlib.sha256(stored).digest() == hashlib.sha256(data).digest()
            puts = gc.request_log.filter(kind="storage", method="PUT")
            assert sorted((e.query["partNumber"][0], e.status) for e in puts) == [
                ("1", 200),
                ("2", 200),
                ("3", 200),
            ]
            # stamped by the child on the clock both processes share
            assert all(float(e.extra[END_STAMP]) > 0 for e in puts)
            assert gc.request_log.count(kind="api", path="complete-multipart-upload") == 1

            # a ranged download of an image stored through the child
            image_data = os.urandom(6 * MiB + 5)
            image = Image(pk=new_uuid(), name="scan.mha", width=8, height=8, depth=4)
            image.viewers = {gc.users["demo"].pk}
            gc.state.attach_file(image, image_data, "scan.mha", "MHD")
            with gc.state.lock:
                gc.state.images[image.pk] = image
            gc.request_log.clear()
            out = tmp_path / "out"
            results = client.transfers.download_image(image.pk, out, progress=False)
            assert len(results) == 1
            got = (out / "scan.mha").read_bytes()
            assert hashlib.sha256(got).digest() == hashlib.sha256(image_data).digest()
        ranged = gc.request_log.filter(kind="storage", method="GET", status=206)
        assert len(ranged) >= 2  # the probe and the rest, in ranges
        assert sum(e.response_bytes for e in ranged) == len(image_data)

        # a ranged GET by hand, checked by the child's presign gate
        key = image.files[0].key
        url = gc.storage.presign("get_object", {"Bucket": gc.storage.protected_bucket, "Key": key})
        r = httpx.get(url, headers={"Range": "bytes=100-199"})
        assert r.status_code == 206 and r.content == image_data[100:200]
        assert httpx.get(url.replace("Signature=", "Signature=0")).status_code == 403

        # storage faults are forwarded to the child, and the counts come from it
        gc.faults.fail_next(1, 503, kind="storage", method="GET")
        assert httpx.get(url).status_code == 503
        assert httpx.get(url).status_code == 200
        assert gc.connections_accepted()["storage"] >= 4
        assert gc.storage.cpu_seconds() > 0
    assert gc.storage.pid is None
    assert not _alive(pid)


def test_the_storage_process_fails_to_start_on_a_taken_port() -> None:
    with LocalGrandChallenge(seed=False) as first:
        port = int(first.storage_url.rsplit(":", 1)[1])
        with pytest.raises(OSError):
            LocalGrandChallenge(seed=False, storage_process=True, storage_port=port).start()

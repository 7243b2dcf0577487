"""Fault injection and the WAN profile, on API and storage traffic (issue §7)."""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from gc_highlevel.testing import LocalGrandChallenge

from .conftest import MiB


def test_fail_next_with_retry_after(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    gc.faults.fail_next(2, 503, path=r"/gcapi/", retry_after=1)
    for _ in range(2):
        r = demo.get("gcapi/")
        assert r.status_code == 503 and r.headers["Retry-After"] == "1"
    assert demo.get("gcapi/").status_code == 200
    assert demo.get("archives/").status_code == 200
    assert [e.status for e in gc.request_log.filter(path="/gcapi/")] == [503, 503, 200]
    assert gc.request_log.filter(path="/gcapi/")[0].fault == "fail"


def test_reset_connection(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    gc.faults.reset_next(1, method="GET", path=r"/archives/$")
    with pytest.raises(httpx.TransportError):
        demo.get("archives/")
    assert demo.get("archives/").status_code == 200


def test_reset_mid_body_on_download(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    image = next(iter(gc.state.images.values()))
    url = gc.base_url + "/media/" + image.files[0].key
    gc.faults.reset_next(1, kind="storage", method="GET", after_bytes=1000)
    with pytest.raises(httpx.TransportError):
        r = demo.get(url, follow_redirects=True)
        r.read()
    r = demo.get(url, follow_redirects=True)
    assert r.status_code == 200 and len(r.content) > 1000


def test_fail_s3_part_and_expired_urls(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    up = demo.post("uploads/", json={"filename": "a.bin"}).json()
    base = f"uploads/{up['pk']}/{up['s3_upload_id']}/"
    urls = demo.patch(base + "generate-presigned-urls/", json={"part_numbers": [1, 2]}).json()[
        "presigned_urls"
    ]
    gc.faults.fail_part(2, status=500)
    assert httpx.put(urls["1"], content=b"a").status_code == 200
    r = httpx.put(urls["2"], content=b"b")
    assert r.status_code == 500 and b"<Code>InternalError</Code>" in r.content
    assert httpx.put(urls["2"], content=b"b").status_code == 200


def test_delay(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    gc.faults.delay(0.3, n=1, path=r"/gcapi/")
    t0 = time.monotonic()
    demo.get("gcapi/")
    assert time.monotonic() - t0 >= 0.3
    t0 = time.monotonic()
    demo.get("gcapi/")
    assert time.monotonic() - t0 < 0.3


def test_wan_profile(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    gc.faults.set_wan(latency_ms=100)
    t0 = time.monotonic()
    demo.get("gcapi/")
    assert time.monotonic() - t0 >= 0.1
    gc.faults.set_wan(bandwidth_mbps=80)  # 10 MB/s per connection
    up = demo.post("uploads/", json={"filename": "a.bin"}).json()
    base = f"uploads/{up['pk']}/{up['s3_upload_id']}/"
    url = demo.patch(base + "generate-presigned-urls/", json={"part_numbers": [1]}).json()[
        "presigned_urls"
    ]["1"]
    t0 = time.monotonic()
    assert httpx.put(url, content=os.urandom(3 * MiB)).status_code == 200
    assert time.monotonic() - t0 >= 0.25
    gc.faults.set_wan()


def test_parallel_part_uploads(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    n = 6
    data = os.urandom(n * 5 * MiB)
    up = demo.post("uploads/", json={"filename": "big.bin"}).json()
    base = f"uploads/{up['pk']}/{up['s3_upload_id']}/"
    urls = demo.patch(
        base + "generate-presigned-urls/", json={"part_numbers": list(range(1, n + 1))}
    ).json()["presigned_urls"]

    def put(i: int) -> dict[str, object]:
        chunk = data[(i - 1) * 5 * MiB : i * 5 * MiB]
        r = httpx.put(urls[str(i)], content=chunk, timeout=60)
        assert r.status_code == 200
        return {"ETag": r.headers["ETag"], "PartNumber": i}

    with ThreadPoolExecutor(n) as pool:
        parts = list(pool.map(put, range(1, n + 1)))
    r = demo.patch(base + "complete-multipart-upload/", json={"parts": parts})
    assert r.status_code == 200
    assert gc.storage.get_bytes(gc.storage.uploads_bucket, up["key"]) == data
    assert gc.request_log.count(kind="storage", method="PUT") == n


def test_factory_with_wan_profile(local_gc_factory) -> None:  # type: ignore[no-untyped-def]
    gc = local_gc_factory(latency_ms=150, seed=False)
    t0 = time.monotonic()
    assert httpx.get(gc.api_url + "gcapi/").status_code == 200
    assert time.monotonic() - t0 >= 0.15


def test_many_concurrent_api_requests(gc: LocalGrandChallenge) -> None:
    def get(i: int) -> int:
        with httpx.Client(headers=gc.headers()) as c:
            return c.get(gc.api_url + "archives/", params={"i": i}).status_code

    with ThreadPoolExecutor(32) as pool:
        statuses = list(pool.map(get, range(64)))
    assert statuses == [200] * 64
    assert gc.request_log.count(operation_id="archives_list") == 64


def test_answer_late_acts_first(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    """The request is handled at once; a client that gives up before the answer has made an
    upload it never heard of. Later requests are answered at once again."""
    gc.faults.answer_late(2, method="POST", path=r"/uploads/$")
    with pytest.raises(httpx.ReadTimeout):
        demo.post("uploads/", json={"filename": "late.bin"}, timeout=0.5)
    listed = demo.get("uploads/").json()
    assert [u["filename"] for u in listed["results"]] == ["late.bin"]
    assert demo.post("uploads/", json={"filename": "b.bin"}).status_code == 201


def test_lost_response_and_interrupted_upload(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    # the POST is handled but its response is lost: a retry creates a second upload
    gc.faults.reset_next(1, method="POST", path=r"/uploads/$")
    with pytest.raises(httpx.TransportError):
        demo.post("uploads/", json={"filename": "a.bin"})
    assert demo.get("uploads/").json()["count"] == 1
    up = demo.get("uploads/").json()["results"][0]
    base = f"uploads/{up['pk']}/{up['s3_upload_id']}/"
    url = demo.patch(base + "generate-presigned-urls/", json={"part_numbers": [1]}).json()[
        "presigned_urls"
    ]["1"]
    # the part upload is cut after 1 MiB: S3 never sees the part
    gc.faults.reset_next(1, kind="storage", method="PUT", after_bytes=MiB, in_request=True)
    with pytest.raises(httpx.TransportError):
        httpx.put(url, content=os.urandom(6 * MiB))
    assert demo.get(base + "list-parts/").json()["parts"] == []
    assert httpx.put(url, content=os.urandom(6 * MiB)).status_code == 200
    assert [p["PartNumber"] for p in demo.get(base + "list-parts/").json()["parts"]] == [1]

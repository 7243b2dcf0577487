"""User uploads with real S3 multipart uploads (research §3)."""

from __future__ import annotations

import os

import httpx

from gc_highlevel.testing import LocalGrandChallenge
from gc_highlevel.testing.models import Upload

from .conftest import MiB, upload


def test_multipart_upload_in_5mib_parts(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    data = os.urandom(11 * MiB + 123)
    r = demo.post("uploads/", json={"filename": "big.bin"})
    assert r.status_code == 201
    up = r.json()
    assert up["status"] == "Initialized" and up["s3_upload_id"]
    assert up["key"] == f"uploads/{gc.users['demo'].pk}/{up['pk']}"
    assert up["api_url"] == f"{gc.api_url}uploads/{up['pk']}/"
    base = f"uploads/{up['pk']}/{up['s3_upload_id']}/"
    r = demo.patch(base + "generate-presigned-urls/", json={"part_numbers": [1, 2, 3]})
    assert r.status_code == 200
    urls = r.json()["presigned_urls"]
    assert sorted(urls) == ["1", "2", "3"]
    assert urls["1"].startswith(f"{gc.storage_url}/{gc.storage.uploads_bucket}/{up['key']}?")
    assert "partNumber=1" in urls["1"] and "X-Amz-Signature=" in urls["1"]
    parts = []
    with httpx.Client() as s3:
        for n in (1, 2, 3):
            chunk = data[(n - 1) * 5 * MiB : n * 5 * MiB]
            resp = s3.put(urls[str(n)], content=chunk)
            assert resp.status_code == 200
            etag = resp.headers["ETag"]
            assert etag.startswith('"') and etag.endswith('"')
            parts.append({"ETag": etag, "PartNumber": n})
    r = demo.get(base + "list-parts/")
    assert r.status_code == 200
    listed = r.json()["parts"]
    assert [p["PartNumber"] for p in listed] == [1, 2, 3]
    assert [p["Size"] for p in listed] == [5 * MiB, 5 * MiB, MiB + 123]
    r = demo.patch(base + "complete-multipart-upload/", json={"parts": parts})
    assert r.status_code == 200 and r.json()["status"] == "Completed"
    obj = gc.storage.get_bytes(gc.storage.uploads_bucket, up["key"])
    assert obj == data
    # completing twice is a RuntimeError on the server: 500 (HTML)
    r = demo.patch(base + "complete-multipart-upload/", json={"parts": parts})
    assert r.status_code == 500
    assert r.headers["content-type"].startswith("text/html")
    assert demo.get("uploads/").json()["count"] == 1


def test_small_non_last_part_and_wrong_order_are_500(demo: httpx.Client) -> None:
    up = demo.post("uploads/", json={"filename": "x.bin"}).json()
    base = f"uploads/{up['pk']}/{up['s3_upload_id']}/"
    urls = demo.patch(base + "generate-presigned-urls/", json={"part_numbers": [1, 2]}).json()[
        "presigned_urls"
    ]
    e1 = httpx.put(urls["1"], content=b"a" * 100).headers["ETag"]
    e2 = httpx.put(urls["2"], content=b"b" * 100).headers["ETag"]
    parts = [{"ETag": e1, "PartNumber": 1}, {"ETag": e2, "PartNumber": 2}]
    assert demo.patch(base + "complete-multipart-upload/", json={"parts": parts}).status_code == 500
    parts.reverse()
    assert demo.patch(base + "complete-multipart-upload/", json={"parts": parts}).status_code == 500
    # LastModified/Size are rejected by boto3 on the server: 500
    extra = [{"ETag": e1, "PartNumber": 1, "Size": 100, "LastModified": "2025-01-01T00:00:00Z"}]
    r = demo.patch(base + "complete-multipart-upload/", json={"parts": extra})
    assert r.status_code == 500
    r = demo.patch(
        base + "complete-multipart-upload/", json={"parts": [{"ETag": e1, "PartNumber": 1}]}
    )
    assert r.status_code == 200


def test_upload_errors(gc: LocalGrandChallenge, demo: httpx.Client, anon: httpx.Client) -> None:
    r = demo.post("uploads/", json={"filename": "../../foo.bat"})
    assert r.status_code == 400
    assert r.json() == {"filename": ["../../foo.bat is not a valid filename"]}
    assert anon.post("uploads/", json={"filename": "a"}).status_code == 401
    up = demo.post("uploads/", json={"filename": "a.bin"}).json()
    base = f"uploads/{up['pk']}/"
    r = demo.patch(base + "wrong/generate-presigned-urls/", json={"part_numbers": [1]})
    assert r.status_code == 404 and r.json() == {"detail": "Not found."}
    base += up["s3_upload_id"] + "/"
    r = demo.patch(base + "generate-presigned-urls/", json={})
    assert r.json() == {"non_field_errors": ["The `part_numbers` field is required"]}
    r = demo.patch(base + "generate-presigned-urls/", json={"part_numbers": [0, 2]})
    assert r.status_code == 400
    assert r.json() == {"part_numbers": {"0": ["Ensure this value is greater than or equal to 1."]}}
    r = demo.patch(base + "complete-multipart-upload/", json={})
    assert r.json() == {"non_field_errors": ["The `parts` field is required"]}
    # other users' uploads are invisible
    with httpx.Client(base_url=gc.api_url, headers=gc.headers("reader")) as other:
        assert other.get(f"uploads/{up['pk']}/").status_code == 404
    # abort clears the id; a repeated abort with the old id is a 404
    r = demo.patch(base + "abort-multipart-upload/")
    assert r.status_code == 200
    assert r.json()["status"] == "Aborted" and r.json()["s3_upload_id"] == ""
    assert demo.patch(base + "abort-multipart-upload/").status_code == 404


def test_quota_and_upload_count(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    gc.upload_quota = 3 * MiB
    upload(demo, "a.bin", os.urandom(3 * MiB))
    up = demo.post("uploads/", json={"filename": "b.bin"}).json()
    r = demo.patch(
        f"uploads/{up['pk']}/{up['s3_upload_id']}/generate-presigned-urls/",
        json={"part_numbers": [1]},
    )
    assert r.status_code == 403 and r.json() == {"detail": "Upload limit reached"}
    user = gc.users["demo"]
    with gc.state.lock:
        for i in range(2000):
            pk = f"00000000-0000-4000-8000-{i:012d}"
            gc.state.uploads[pk] = Upload(pk, user.pk, "f", f"uploads/{user.pk}/{pk}", "x")
    r = demo.post("uploads/", json={"filename": "c.bin"})
    assert r.status_code == 400
    assert r.json() == {
        "non_field_errors": ["You have created too many uploads. Please try again later."]
    }
    with gc.state.lock:
        for i in range(2000):
            del gc.state.uploads[f"00000000-0000-4000-8000-{i:012d}"]


def test_presigned_url_checks(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    up = demo.post("uploads/", json={"filename": "a.bin"}).json()
    base = f"uploads/{up['pk']}/{up['s3_upload_id']}/"
    url = demo.patch(base + "generate-presigned-urls/", json={"part_numbers": [1]}).json()[
        "presigned_urls"
    ]["1"]
    # a second auth mechanism is rejected
    r = httpx.put(url, content=b"x", headers={"Authorization": "Bearer abc"})
    assert r.status_code == 400 and b"InvalidArgument" in r.content
    # tampering breaks the signature
    r = httpx.put(url.replace("partNumber=1", "partNumber=2"), content=b"x")
    assert r.status_code == 403 and b"SignatureDoesNotMatch" in r.content
    # unsigned access is denied
    r = httpx.get(f"{gc.storage_url}/{gc.storage.uploads_bucket}/{up['key']}")
    assert r.status_code == 403 and b"AccessDenied" in r.content
    gc.faults.expire_presigned_urls()
    r = httpx.put(url, content=b"x")
    assert r.status_code == 403
    assert b"<Code>AccessDenied</Code>" in r.content and b"Request has expired" in r.content
    # a fresh URL works again
    url2 = demo.patch(base + "generate-presigned-urls/", json={"part_numbers": [1]}).json()[
        "presigned_urls"
    ]["1"]
    assert httpx.put(url2, content=b"x").status_code == 200


def test_part_put_needs_content_length(demo: httpx.Client) -> None:
    up = demo.post("uploads/", json={"filename": "a.bin"}).json()
    base = f"uploads/{up['pk']}/{up['s3_upload_id']}/"
    url = demo.patch(base + "generate-presigned-urls/", json={"part_numbers": [1]}).json()[
        "presigned_urls"
    ]["1"]

    def chunks():  # type: ignore[no-untyped-def]
        yield b"abc"

    r = httpx.put(url, content=chunks())
    assert r.status_code == 411 and b"MissingContentLength" in r.content
    r = httpx.put(url, content=b"abc")
    assert r.status_code == 200


def test_ranged_download(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    image = next(iter(gc.state.images.values()))
    url = gc.base_url + "/media/" + image.files[0].key
    full = demo.get(url, follow_redirects=True).content
    r = demo.get(url, follow_redirects=True, headers={"Range": "bytes=10-19"})
    assert r.status_code == 206 and r.content == full[10:20]


def test_concurrent_completes_of_one_upload_complete_it_once(
    gc: LocalGrandChallenge, demo: httpx.Client
) -> None:
    """complete-multipart-upload lets other requests run while moto assembles the object;
    two completes racing on one upload still end with one 200, one 500 and one object."""
    from concurrent.futures import ThreadPoolExecutor

    data = os.urandom(6 * MiB)
    up = demo.post("uploads/", json={"filename": "race.bin"}).json()
    base = f"uploads/{up['pk']}/{up['s3_upload_id']}/"
    urls = demo.patch(base + "generate-presigned-urls/", json={"part_numbers": [1]}).json()[
        "presigned_urls"
    ]
    etag = httpx.put(urls["1"], content=data).headers["ETag"]
    body = {"parts": [{"ETag": etag, "PartNumber": 1}]}
    with ThreadPoolExecutor(4) as pool:
        codes = sorted(
            pool.map(lambda _: demo.patch(base + "complete-multipart-upload/", json=body).status_code, range(4))
        )  # fmt: skip
    assert codes == [200, 500, 500, 500]
    got = demo.get(f"uploads/{up['pk']}/").json()
    assert got["status"] == "Completed"
    assert gc.storage.get_bytes(gc.storage.uploads_bucket, up["key"]) == data
    assert demo.post("uploads/", json={"filename": "next.bin"}).status_code == 201

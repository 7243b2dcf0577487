"""The local server's upload handling goes straight to moto's S3 backend (no boto3, no moto
HTTP layer), and answers exactly as the S3 API route it replaces: same results, same errors."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from gc_highlevel.testing import LocalGrandChallenge
from gc_highlevel.testing.storage import Storage

MiB = 1024 * 1024


@pytest.fixture(scope="module")
def server() -> Iterator[LocalGrandChallenge]:
    with LocalGrandChallenge(seed=False, contract=False) as gc:
        yield gc


@pytest.fixture(params=["moto backend", "S3 API"])
def storage(
    request: pytest.FixtureRequest, server: LocalGrandChallenge, monkeypatch: pytest.MonkeyPatch
) -> Storage:
    """The server's storage, taking the direct route or (when moto's backend cannot be
    reached) the S3 API one."""
    if request.param == "S3 API":
        monkeypatch.setattr(server.storage, "_moto_backend", lambda bucket: None)
    return server.storage


def _put_parts(storage: Storage, key: str, upload_id: str, data: list[bytes]) -> list[str]:
    c = storage.client
    return [
        c.upload_part(
            Bucket=storage.uploads_bucket, Key=key, UploadId=upload_id, PartNumber=i, Body=d
        )["ETag"]
        for i, d in enumerate(data, 1)
    ]


def test_multipart_calls_answer_like_the_s3_api(storage: Storage) -> None:
    c, bucket = storage.client, storage.uploads_bucket
    key = f"uploads/1/{os.urandom(4).hex()}"
    upload_id = storage.create_multipart_upload(bucket, key)
    open_uploads = c.list_multipart_uploads(Bucket=bucket).get("Uploads", [])
    assert {"Key": key, "UploadId": upload_id}.items() <= next(
        u for u in open_uploads if u["UploadId"] == upload_id
    ).items()
    data = [os.urandom(5 * MiB + 1), os.urandom(5 * MiB), os.urandom(7)]
    etags = _put_parts(storage, key, upload_id, data)

    listed = c.list_parts(Bucket=bucket, Key=key, UploadId=upload_id)["Parts"]
    assert storage.list_parts(bucket, key, upload_id) == listed  # LastModified: same instant

    def parts(*numbers: int, etag: Any = None) -> list[dict[str, Any]]:
        return [{"ETag": etag or etags[n - 1], "PartNumber": n} for n in numbers]

    for refused in (
        [{"ETag": '"0123"', "PartNumber": 1}],  # InvalidPart
        parts(2, 1, 3),  # InvalidPartOrder
        parts(3, 1),  # a 7-byte part that is not the last: EntityTooSmall
        [],  # MalformedXML
        [{"ETag": etags[0], "PartNumber": "1"}],  # boto3 sends no string part numbers
        [{"ETag": etags[0], "PartNumber": True}],
        [{"ETag": None, "PartNumber": 1}],
    ):
        with pytest.raises(Exception):  # noqa: B017 - any failure is a 500 for the client
            storage.complete_multipart_upload(bucket, key, upload_id, refused)
    assert len(storage.list_parts(bucket, key, upload_id)) == 3  # still open

    size = storage.complete_multipart_upload(bucket, key, upload_id, parts(1, 2, 3))
    whole = b"".join(data)
    assert size == len(whole)
    head = c.head_object(Bucket=bucket, Key=key)
    assert head["ContentLength"] == len(whole) and head["ETag"].endswith('-3"')
    assert c.get_object(Bucket=bucket, Key=key)["Body"].read() == whole
    # S3 answers a repeated completion with the object
    assert storage.complete_multipart_upload(bucket, key, upload_id, parts(1, 2, 3)) == size
    with pytest.raises(Exception):  # noqa: B017 - NoSuchUpload
        storage.list_parts(bucket, key, upload_id)


def test_list_parts_pages_past_a_thousand_parts(storage: Storage) -> None:
    bucket = storage.uploads_bucket
    key = f"uploads/1/{os.urandom(4).hex()}"
    upload_id = storage.create_multipart_upload(bucket, key)
    backend = Storage._moto_backend(storage, bucket)  # the real one, even when patched
    for n in range(1, 1203):
        backend.upload_part(bucket, upload_id, n, b"%d" % n)
    listed: list[dict[str, Any]] = []
    pages = storage.client.get_paginator("list_parts")
    for page in pages.paginate(Bucket=bucket, Key=key, UploadId=upload_id):
        listed.extend(page["Parts"])
    ours = storage.list_parts(bucket, key, upload_id)
    assert len(ours) == 1202
    assert ours == listed

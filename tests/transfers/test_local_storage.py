"""The local server's upload handling goes straight to moto's S3 backend (no boto3, no moto
HTTP layer), and answers exactly as the S3 API route it replaces: same results, same errors,
same part answers."""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from gc_highlevel.testing import LocalGrandChallenge, _motofast
from gc_highlevel.testing.storage import PresignGate, Storage

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


def _presigned_put(gc: LocalGrandChallenge, key: str, upload_id: str, number: int) -> str:
    return gc.storage.presign(
        "upload_part",
        {
            "Bucket": gc.storage.uploads_bucket,
            "Key": key,
            "UploadId": upload_id,
            "PartNumber": number,
        },
    )


def _answer(response: httpx.Response) -> tuple[int, dict[str, str], bytes]:
    volatile = {"date", "last-modified", "x-amzn-requestid"}
    headers = {k: v for k, v in response.headers.items() if k not in volatile}
    return response.status_code, headers, response.content


def test_a_part_put_is_answered_as_moto_answers_it(
    server: LocalGrandChallenge, monkeypatch: pytest.MonkeyPatch
) -> None:
    bucket = server.storage.uploads_bucket
    data = os.urandom(6 * MiB + 5)
    answers = []
    for direct in (True, False):
        if not direct:
            monkeypatch.setattr(PresignGate, "_upload_part", lambda *args: None)
        key = f"uploads/1/{os.urandom(4).hex()}"
        upload_id = server.storage.create_multipart_upload(bucket, key)
        response = httpx.put(_presigned_put(server, key, upload_id, 3), content=data)
        assert len(response.headers["x-amzn-requestid"]) == 52
        answers.append(_answer(response))
        (part,) = server.storage.list_parts(bucket, key, upload_id)
        assert (part["PartNumber"], part["Size"], part["ETag"]) == (
            3,
            len(data),
            response.headers["etag"],
        )
        moto_part = server.storage._moto_bucket(bucket).multiparts[upload_id].parts[3]
        assert moto_part.value == data
        assert (getattr(moto_part, "gc_crc32", None) is not None) is direct
    assert answers[0] == answers[1]
    assert answers[0][0] == 200 and answers[0][2] == b""


@pytest.mark.parametrize(
    "case", ["part number 10001", "aborted upload", "checksum header", "cors origin"]
)
def test_parts_the_direct_route_does_not_know_are_answered_by_moto(
    server: LocalGrandChallenge, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    bucket = server.storage.uploads_bucket
    body = b"part"
    headers = {
        "checksum header": {"x-amz-checksum-crc32": base64.b64encode(
            binascii.crc32(body).to_bytes(4, "big")).decode()},
        "cors origin": {"Origin": "https://example.org"},
    }.get(case, {})  # fmt: skip
    answers = []
    for direct in (True, False):
        if not direct:
            monkeypatch.setattr(PresignGate, "_upload_part", lambda *args: None)
        key = f"uploads/1/{os.urandom(4).hex()}"
        upload_id = server.storage.create_multipart_upload(bucket, key)
        number = 10001 if case == "part number 10001" else 1
        url = _presigned_put(server, key, upload_id, number)
        if case == "aborted upload":
            server.storage.client.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id)
        response = httpx.put(url, content=body, headers=headers)
        status, kept, content = _answer(response)
        answers.append((status, kept, content.split(b"<RequestId>")[0]))
    assert answers[0] == answers[1]


def test_a_part_whose_upload_is_aborted_while_it_arrives_gets_s3s_no_such_upload(
    server: LocalGrandChallenge, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An abort between the direct route's check and the part's storing: S3's 404
    NoSuchUpload (moto's own answer to a part of an aborted upload), not a 500."""
    bucket = server.storage.uploads_bucket
    key = f"uploads/1/{os.urandom(4).hex()}"
    upload_id = server.storage.create_multipart_upload(bucket, key)
    url = _presigned_put(server, key, upload_id, 1)
    read = _motofast.Received.read.__func__  # type: ignore[attr-defined]

    def read_then_abort(cls: Any, stream: Any, length: int, **kwargs: Any) -> Any:
        received = read(cls, stream, length, **kwargs)
        server.storage.abort_multipart_upload(bucket, key, upload_id)
        return received

    monkeypatch.setattr(_motofast.Received, "read", classmethod(read_then_abort))
    response = httpx.put(url, content=b"part")
    assert response.status_code == 404
    assert b"<Code>NoSuchUpload</Code>" in response.content
    assert not server.server_errors


@pytest.mark.parametrize("ending", ["completed", "aborted"])
def test_a_part_arriving_after_its_upload_ended_gets_s3s_no_such_upload_quietly(
    server: LocalGrandChallenge, capfd: pytest.CaptureFixture[str], ending: str
) -> None:
    """A delayed PUT of a part (a retry whose first answer was lost) after the upload was
    completed or aborted: S3's 404 NoSuchUpload, not moto's 500 and its KeyError traceback."""
    storage = server.storage
    bucket = storage.uploads_bucket
    key = f"uploads/1/{os.urandom(4).hex()}"
    upload_id = storage.create_multipart_upload(bucket, key)
    late = [_presigned_put(server, key, upload_id, n) for n in (1, 2)]
    first = httpx.put(_presigned_put(server, key, upload_id, 1), content=b"part one")
    assert first.status_code == 200
    if ending == "completed":
        parts = [{"ETag": first.headers["etag"], "PartNumber": 1}]
        assert storage.complete_multipart_upload(bucket, key, upload_id, parts) == 8
    else:
        storage.abort_multipart_upload(bucket, key, upload_id)
    capfd.readouterr()
    for url in late:  # a part sent again, and one never sent before
        response = httpx.put(url, content=b"late part")
        assert response.status_code == 404, response.content
        assert b"<Code>NoSuchUpload</Code>" in response.content
    assert "Traceback" not in capfd.readouterr().err
    assert not server.server_errors
    if ending == "completed":
        assert storage.get_bytes(bucket, key) == b"part one"


def test_completing_parts_that_arrived_through_the_direct_route_keeps_the_checksum(
    server: LocalGrandChallenge,
) -> None:
    """Their CRCs, taken as they arrived, are combined instead of reading the object again:
    the completed object gets the checksum moto computes over all its bytes."""
    storage = server.storage
    bucket = storage.uploads_bucket
    data = [os.urandom(5 * MiB), os.urandom(5 * MiB + 3), os.urandom(11)]
    keys = []
    for direct in (True, False):
        key = f"uploads/1/{os.urandom(4).hex()}"
        upload_id = storage.create_multipart_upload(bucket, key)
        if direct:
            etags = [
                httpx.put(_presigned_put(server, key, upload_id, n), content=d).headers["etag"]
                for n, d in enumerate(data, 1)
            ]
        else:
            etags = _put_parts(storage, key, upload_id, data)
        parts = [{"ETag": e, "PartNumber": n} for n, e in enumerate(etags, 1)]
        storage.complete_multipart_upload(bucket, key, upload_id, parts)
        keys.append(storage._moto_bucket(bucket).keys[key])
    ours, theirs = keys
    assert isinstance(ours._value_buffer, _motofast.Chained)
    assert ours.value == theirs.value == b"".join(data)
    assert ours.etag == theirs.etag
    assert (ours.checksum_value, ours.checksum_type) == (
        theirs.checksum_value,
        theirs.checksum_type,
    )


@pytest.mark.parametrize("sizes", [(0, 5), (5, 0), (1, 1), (8 * MiB, 3 * MiB + 1), (7, 65537)])
def test_crc32_combine_matches_a_crc_over_both(sizes: tuple[int, int]) -> None:
    a, b = (os.urandom(n) for n in sizes)
    combined = _motofast.crc32_combine(binascii.crc32(a), binascii.crc32(b), len(b))
    assert combined == binascii.crc32(a + b)

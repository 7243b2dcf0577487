"""Each fast path of the local S3 (gc_highlevel/testing/_motofast.py, which names them) gives
the answer moto gives without it: the same status, headers, bytes and errors."""

from __future__ import annotations

import base64
import binascii
import os
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from gc_highlevel.testing import _motofast
from gc_highlevel.testing._motofast import forget_dead_moto_models
from gc_highlevel.testing.server import LocalGrandChallenge
from gc_highlevel.testing.storage import PresignGate, Storage

MiB = 1024 * 1024


def test_the_docstring_names_every_fast_path() -> None:
    """The module docstring is the list of fast paths: each name it gives exists."""
    doc = _motofast.__doc__ or ""
    named = re.findall(r":(?:func|class):`(\w+)`", doc)
    assert len(set(named)) >= 15
    assert [n for n in named if not callable(getattr(_motofast, n, None))] == []
    for number in range(1, 10):
        assert f"\n{number}. **" in doc


def _original_complete() -> Any:
    from moto.s3 import models

    assert _motofast.install()
    assert models.FakeMultipart.complete is _motofast._complete
    assert _motofast.original_complete is not None
    return _motofast.original_complete


def _value(v: Any) -> bytes:
    if isinstance(v, _motofast.Assembled):
        return b"".join(bytes(c) for c in v.chunks())
    return bytes(v)


@pytest.mark.parametrize(
    "meta",
    [
        {},  # CRC64NVME (CRC32 without awscrt), full object: streamed from the parts
        {"x-amz-checksum-algorithm": "SHA256"},  # composite: assembled in memory
        {"x-amz-checksum-algorithm": "CRC32", "x-amz-checksum-type": "FULL_OBJECT"},
        {"x-amz-checksum-algorithm": "SHA1", "x-amz-checksum-type": "FULL_OBJECT"},
    ],
)
def test_cheaper_completion_matches_motos(meta: dict[str, str]) -> None:
    from moto.s3 import models

    original = _original_complete()
    data = [os.urandom(n) for n in (5 * MiB + 3, 5 * MiB, 7)]

    def multipart() -> tuple[Any, list[tuple[int, str]]]:
        mp = models.FakeMultipart(
            "k", models.CaseInsensitiveDict(meta), "123456789012", "us-east-1"
        )
        return mp, [(i, mp.set_part(i, d).etag) for i, d in enumerate(data, 1)]

    mp, etags = multipart()
    theirs = original(mp, iter(etags))
    mp, etags = multipart()
    ours = _motofast._complete(mp, iter(etags))
    assert _value(ours[0]) == bytes(theirs[0]) == b"".join(data)
    assert len(ours[0]) == len(theirs[0])
    assert ours[1:] == theirs[1:]
    for bad in (
        [(1, '"nope"')],
        [],
        [(3, etags[2][1]), (1, etags[0][1])],  # 7-byte part not last: EntityTooSmall
    ):
        errors = []
        for fn in (_motofast._complete, original):
            mp, _ = multipart()
            with pytest.raises(Exception) as info:
                fn(mp, iter(bad))
            errors.append(type(info.value).__name__)
        assert errors[0] == errors[1]


def test_completed_object_round_trips_through_s3() -> None:
    """A multipart object assembled by the cheaper path reads back whole and by range."""
    with LocalGrandChallenge(seed=False, contract=False) as gc:
        c, bucket = gc.storage.client, gc.storage.uploads_bucket
        data = [os.urandom(5 * MiB + 1), os.urandom(6 * MiB), os.urandom(1000)]
        mp = c.create_multipart_upload(Bucket=bucket, Key="big")
        parts = [
            {"PartNumber": i, "ETag": c.upload_part(
                Bucket=bucket, Key="big", UploadId=mp["UploadId"], PartNumber=i, Body=d
            )["ETag"]}
            for i, d in enumerate(data, 1)
        ]  # fmt: skip
        done = c.complete_multipart_upload(
            Bucket=bucket, Key="big", UploadId=mp["UploadId"], MultipartUpload={"Parts": parts}
        )
        assert done["ETag"].endswith('-3"')
        whole = b"".join(data)
        assert c.get_object(Bucket=bucket, Key="big")["Body"].read() == whole
        ranged = c.get_object(Bucket=bucket, Key="big", Range="bytes=5242870-5242890")
        assert ranged["Body"].read() == whole[5242870:5242891]
        assert c.head_object(Bucket=bucket, Key="big")["ContentLength"] == len(whole)
        key = gc.storage._moto_bucket(bucket).keys["big"]
        chained = key._value_buffer  # the object reads from its parts' buffers, not a copy
        assert isinstance(chained, _motofast.Chained)
        assert [n for _, n in chained.buffers] == [len(d) for d in data]
        if os.access(_motofast.SHM_DIR, os.W_OK):  # the big parts live in memory-backed files
            for buf, _ in chained.buffers[:2]:
                fd = buf.fileno()
                assert os.readlink(f"/proc/self/fd/{fd}").startswith(_motofast.SHM_DIR + "/")
        c.put_object(Bucket=bucket, Key="big", Body=b"replaced")  # a new object, own buffer
        assert c.get_object(Bucket=bucket, Key="big")["Body"].read() == b"replaced"
        assert chained.closed


def test_prefix_size_matches_a_listing() -> None:
    with LocalGrandChallenge(seed=False, contract=False) as gc:
        s = gc.storage
        s.put_bytes(s.uploads_bucket, "uploads/a/1", b"x" * 10)
        s.put_bytes(s.uploads_bucket, "uploads/a/2", b"x" * 7)
        s.put_bytes(s.uploads_bucket, "uploads/a/2", b"x" * 5)  # overwritten
        s.put_bytes(s.uploads_bucket, "uploads/ab/1", b"x" * 3)
        s.put_bytes(s.uploads_bucket, "uploads/b/1", b"x" * 3)
        s.delete(s.uploads_bucket, "uploads/a/1")
        listed = sum(
            int(o["Size"])
            for o in s.client.list_objects_v2(Bucket=s.uploads_bucket, Prefix="uploads/a/")[
                "Contents"
            ]
        )
        assert s.prefix_size(s.uploads_bucket, "uploads/a/") == listed == 5
        assert s.prefix_size(s.uploads_bucket, "uploads/") == 11


def _one_part_upload(s: Storage, key: str) -> None:
    """A multipart upload of one part, completed: a part key and an object key in moto."""
    upload_id = s.create_multipart_upload(s.uploads_bucket, key)
    etag = s.client.upload_part(
        Bucket=s.uploads_bucket, Key=key, UploadId=upload_id, PartNumber=1, Body=b"x" * 100
    )["ETag"]
    s.complete_multipart_upload(s.uploads_bucket, key, upload_id, [{"ETag": etag, "PartNumber": 1}])


def test_reset_forgets_the_moto_models_only_its_tracker_held() -> None:
    """moto lists every model it creates until its global reset; a long-lived emulator grew by
    ~10,000 objects per 300 uploads. Reset drops the dead ones and keeps the living."""
    from moto.s3.models import FakeKey, FakeMultipart

    def tracked(model: Any) -> int:
        return len(model.instances_tracked)

    with LocalGrandChallenge(seed=False, contract=False) as gc:
        s = gc.storage

        for i in range(5):
            _one_part_upload(s, f"uploads/1/{i}")
        gc.reset()
        keys, multiparts = tracked(FakeKey), tracked(FakeMultipart)
        for i in range(20):
            _one_part_upload(s, f"uploads/1/{i}")
        assert tracked(FakeKey) >= keys + 40  # a part and an object per upload
        s.put_bytes(s.protected_bucket, "kept/object", b"still here")
        gc.reset()
        s.put_bytes(s.protected_bucket, "kept/object", b"still here")
        assert tracked(FakeKey) <= keys + 1
        assert tracked(FakeMultipart) <= multiparts
        # what is still referenced stays tracked, and works
        live = [k for k in FakeKey.instances_tracked if getattr(k, "name", None) == "kept/object"]
        assert live
        forget_dead_moto_models()
        assert live[0] in FakeKey.instances_tracked
        assert s.get_bytes(s.protected_bucket, "kept/object") == b"still here"


def test_a_server_never_reset_does_not_grow_with_every_upload(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from moto.s3.models import FakeKey

    from gc_highlevel.testing import storage as storage_module

    monkeypatch.setattr(storage_module, "PRUNE_EVERY", 10)
    with LocalGrandChallenge(seed=False, contract=False) as gc:
        s = gc.storage
        sizes = []
        for i in range(60):
            _one_part_upload(s, f"uploads/1/{i}")
            s.delete(s.uploads_bucket, f"uploads/1/{i}")
            sizes.append(len(FakeKey.instances_tracked))
        # without the passes, two keys (the part and the object) per upload: +120
        assert max(sizes[20:]) - min(sizes[:20]) < 30


def test_server_s3_client_talks_to_moto_in_process(tmp_path: Any) -> None:
    """The server's own boto3 client reaches moto without a socket, with S3's answers."""
    import botocore.exceptions

    with LocalGrandChallenge(seed=False, contract=False) as gc:
        s = gc.storage
        c, bucket = s.client, s.uploads_bucket
        key = "odd keys/ü ñ+%20 x.bin"
        s.put_bytes(bucket, key, b"0123456789")
        assert s.get_bytes(bucket, key) == b"0123456789"
        assert c.get_object(Bucket=bucket, Key=key, Range="bytes=2-4")["Body"].read() == b"234"
        assert c.head_object(Bucket=bucket, Key=key)["ContentLength"] == 10
        assert [o["Key"] for o in c.list_objects_v2(Bucket=bucket)["Contents"]] == [key]
        with pytest.raises(botocore.exceptions.ClientError) as info:
            c.get_object(Bucket=bucket, Key="missing")
        assert info.value.response["Error"]["Code"] == "NoSuchKey"
        big = tmp_path / "big.bin"
        big.write_bytes(os.urandom(9 * MiB))  # s3transfer: a multipart upload
        c.upload_file(str(big), bucket, "big.bin")
        assert s.get_bytes(bucket, "big.bin") == big.read_bytes()
        # and through the public endpoint, a presigned URL sees the same object
        import httpx

        url = s.presign("get_object", {"Bucket": bucket, "Key": key})
        assert httpx.get(url).content == b"0123456789"
        assert gc.request_log.count(kind="storage") == 1  # internal calls are not logged


def test_server_s3_client_answers_as_moto_over_http() -> None:
    """DirectDispatch: the server's client, handed to moto in-process, parses the same answers
    (results and errors) as a client talking to moto's HTTP listener."""
    import boto3
    import botocore.exceptions
    from botocore.config import Config

    from gc_highlevel.testing import storage as st

    volatile = {"RequestId", "HostId", "RetryAttempts"}
    volatile_headers = {"server", "date", "x-amzn-requestid", "x-amz-request-id", "x-amz-id-2"}

    def answer(call: Any, **kwargs: Any) -> Any:
        try:
            out = dict(call(**kwargs))
        except botocore.exceptions.ClientError as e:
            out = dict(e.response)
        meta = {k: v for k, v in out.pop("ResponseMetadata").items() if k not in volatile}
        meta["HTTPHeaders"] = {
            k: v for k, v in meta["HTTPHeaders"].items() if k not in volatile_headers
        }
        out.pop("Error", {}).pop("RequestId", None)
        if "Body" in out:
            out["Body"] = out["Body"].read()
        return out, meta

    with LocalGrandChallenge(seed=False, contract=False) as gc:
        s = gc.storage
        config = Config(
            signature_version="s3v4", s3={"addressing_style": "path"}, retries={"max_attempts": 2}
        )
        over_http = boto3.client(
            "s3",
            endpoint_url=s.internal.origin,
            region_name=st.REGION,
            aws_access_key_id=st.ACCESS_KEY,
            aws_secret_access_key=st.SECRET_KEY,
            config=config,
        )
        answers = []
        for n, c in enumerate((s.client, over_http)):
            bucket, key = s.uploads_bucket, f"odd keys/ü ñ+%20 {n}.bin"
            calls = [
                (c.put_object, {"Bucket": bucket, "Key": key, "Body": b"0123456789"}),
                (c.get_object, {"Bucket": bucket, "Key": key}),
                (c.get_object, {"Bucket": bucket, "Key": key, "Range": "bytes=2-4"}),
                (c.head_object, {"Bucket": bucket, "Key": key}),
                (c.get_object, {"Bucket": bucket, "Key": "missing"}),
                (c.head_object, {"Bucket": bucket, "Key": "missing"}),
                (c.list_objects_v2, {"Bucket": bucket, "Prefix": key}),
                (c.delete_object, {"Bucket": bucket, "Key": key}),
            ]
            got = [answer(call, **kwargs) for call, kwargs in calls]
            for out, _ in got:  # the keys differ by the number only
                for item in out.get("Contents", []):
                    item["Key"] = item["Key"].replace(f" {n}.bin", ".bin")
                if "Prefix" in out:
                    out["Prefix"] = out["Prefix"].replace(f" {n}.bin", ".bin")
            answers.append(got)
        assert answers[0] == answers[1]


@pytest.mark.parametrize("disposition", [False, True])
@pytest.mark.parametrize(
    "rng",
    ["bytes=0-99", "bytes=100-", "bytes=-50", "bytes=5-3", "bytes=99999999-", "bytes=0-1,5-6"],
)
def test_ranged_get_reads_only_the_range_with_motos_answer(
    rng: str, disposition: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Presigned ranged GETs are served from the object's buffer: same status, headers and
    bytes as moto's own (which reads the whole object); anything but a 206 is moto's."""
    import httpx

    from gc_highlevel.testing import storage as st

    data = os.urandom(3 * MiB + 17)
    used: list[bool] = []
    fast = st.PresignGate._ranged_get

    def counting(*args: Any) -> Any:
        out = fast(*args)
        used.append(out is not None)
        return out

    def get(with_fast_path: bool) -> tuple[int, dict[str, str], bytes]:
        monkeypatch.setattr(
            st.PresignGate, "_ranged_get", counting if with_fast_path else (lambda *a: None)
        )
        params = {"Bucket": bucket, "Key": "img/x.mha"}
        if disposition:  # as the media redirects presign it
            params["ResponseContentDisposition"] = 'attachment; filename="x.mha"'
        url = gc.storage.presign("get_object", params)
        r = httpx.get(url, headers={"Range": rng})
        skip = {"date", "x-amz-request-id", "x-amzn-requestid", "x-amz-id-2"}
        return r.status_code, {k: v for k, v in r.headers.items() if k not in skip}, r.content

    with LocalGrandChallenge(seed=False, contract=False) as gc:
        bucket = gc.storage.protected_bucket
        gc.storage.put_bytes(bucket, "img/x.mha", data)
        ours, motos = get(True), get(False)
        assert ours == motos
        assert used == [ours[0] == 206]
        assert gc.request_log.count(kind="storage", method="GET") == 2


def test_a_part_whose_body_stops_short_is_not_stored() -> None:
    """A client that stops sending a part (closed, Ctrl-C) leaves no part behind: S3 answers
    IncompleteBody and stores nothing, so a resumed upload sends that part again."""
    import socket
    import time
    from urllib.parse import urlsplit

    with LocalGrandChallenge(seed=False, contract=False) as gc:
        s = gc.storage
        bucket, key = s.uploads_bucket, "uploads/short.bin"
        upload_id = s.create_multipart_upload(bucket, key)
        params = {"Bucket": bucket, "Key": key, "UploadId": upload_id, "PartNumber": 1}
        url = urlsplit(s.presign("upload_part", params))
        with socket.create_connection((url.hostname, url.port), timeout=30) as sock:
            head = (
                f"PUT {url.path}?{url.query} HTTP/1.1\r\nHost: {url.netloc}\r\n"
                f"Content-Length: {6 * MiB}\r\n\r\n"
            )
            sock.sendall(head.encode() + os.urandom(MiB))  # 1 of 6 MiB, then gone
        gc.wait_idle(30)
        for _ in range(100):  # the server notices the closed connection a little later
            if gc.request_log.count(kind="storage", method="PUT"):
                break
            time.sleep(0.05)
        parts = s.client.list_parts(Bucket=bucket, Key=key, UploadId=upload_id)
        assert parts.get("Parts", []) == []


# -- the part-upload path and the upload views' calls straight to moto's backend --------------


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

"""The emulator's cheaper storage paths give the same answers as moto's and the S3 API."""

from __future__ import annotations

import os
from typing import Any

import pytest

from gc_highlevel.testing import _motofast
from gc_highlevel.testing.server import LocalGrandChallenge
from gc_highlevel.testing.storage import Storage, forget_dead_moto_models

MiB = 1024 * 1024


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

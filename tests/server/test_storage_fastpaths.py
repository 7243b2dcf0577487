"""The emulator's cheaper storage paths give the same answers as moto's and the S3 API."""

from __future__ import annotations

import os
from typing import Any

import pytest

from gc_highlevel.testing import _motofast
from gc_highlevel.testing.server import LocalGrandChallenge

MiB = 1024 * 1024


def _original_complete() -> Any:
    from moto.s3 import models

    assert _motofast.install()
    assert models.FakeMultipart.complete is _motofast._complete
    assert _motofast.original_complete is not None
    return _motofast.original_complete


@pytest.mark.parametrize(
    "meta",
    [
        {},
        {"x-amz-checksum-algorithm": "SHA256"},
        {"x-amz-checksum-algorithm": "CRC32", "x-amz-checksum-type": "FULL_OBJECT"},
    ],
)
def test_cheaper_completion_matches_motos(meta: dict[str, str]) -> None:
    from moto.s3 import models

    original = _original_complete()
    mp = models.FakeMultipart("k", models.CaseInsensitiveDict(meta), "123456789012", "us-east-1")
    etags = [
        (i, mp.set_part(i, os.urandom(n)).etag) for i, n in enumerate([5 * MiB + 3, 5 * MiB, 7], 1)
    ]
    ours = _motofast._complete(mp, iter(etags))
    theirs = original(mp, iter(etags))
    assert bytes(ours[0]) == bytes(theirs[0])
    assert ours[1:] == theirs[1:]
    for bad in (
        [(1, '"nope"')],
        [],
        [(3, etags[2][1]), (1, etags[0][1])],  # 7-byte part not last: EntityTooSmall
    ):
        errors = []
        for fn in (_motofast._complete, original):
            with pytest.raises(Exception) as info:
                fn(mp, iter(bad))
            errors.append(type(info.value).__name__)
        assert errors[0] == errors[1]


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

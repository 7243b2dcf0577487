"""Fixtures for the local grand-challenge's own test suite (plain httpx, real HTTP)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import httpx
import numpy as np
import pytest

from gc_highlevel.testing import LocalGrandChallenge
from gc_highlevel.testing.pytest_plugin import (  # noqa: F401
    local_gc,
    local_gc_factory,
    local_gc_server,
)

MiB = 1024 * 1024


@pytest.fixture
def gc(local_gc: LocalGrandChallenge) -> LocalGrandChallenge:  # noqa: F811
    return local_gc


def client(gc: LocalGrandChallenge, user: str | None = "demo") -> httpx.Client:
    headers = gc.headers(user) if user else {}
    return httpx.Client(base_url=gc.api_url, headers=headers, timeout=30)


@pytest.fixture
def demo(gc: LocalGrandChallenge) -> Iterator[httpx.Client]:
    with client(gc, "demo") as c:
        yield c


@pytest.fixture
def reader(gc: LocalGrandChallenge) -> Iterator[httpx.Client]:
    with client(gc, "reader") as c:
        yield c


@pytest.fixture
def outsider(gc: LocalGrandChallenge) -> Iterator[httpx.Client]:
    with client(gc, "outsider") as c:
        yield c


@pytest.fixture
def anon(gc: LocalGrandChallenge) -> Iterator[httpx.Client]:
    with client(gc, None) as c:
        yield c


def upload(c: httpx.Client, filename: str, data: bytes, part_size: int = 5 * MiB) -> dict[str, Any]:
    """Upload ``data`` the way gcapi does; returns the completed upload."""
    r = c.post("uploads/", json={"filename": filename})
    assert r.status_code == 201, r.text
    up = r.json()
    n_parts = max(1, -(-len(data) // part_size))
    url = f"uploads/{up['pk']}/{up['s3_upload_id']}/"
    r = c.patch(
        url + "generate-presigned-urls/", json={"part_numbers": list(range(1, n_parts + 1))}
    )
    assert r.status_code == 200, r.text
    urls = r.json()["presigned_urls"]
    parts = []
    with httpx.Client(timeout=30) as s3:
        for n in range(1, n_parts + 1):
            chunk = data[(n - 1) * part_size : n * part_size]
            resp = s3.put(urls[str(n)], content=chunk)
            assert resp.status_code == 200, resp.text
            parts.append({"ETag": resp.headers["ETag"], "PartNumber": n})
    r = c.patch(url + "complete-multipart-upload/", json={"parts": parts})
    assert r.status_code == 200, r.text
    done: dict[str, Any] = r.json()
    return done


def mha_bytes(array: Any, spacing: tuple[float, ...] = (1.0, 1.0, 1.0)) -> bytes:
    import os
    import tempfile

    import SimpleITK as sitk

    img = sitk.GetImageFromArray(array)
    img.SetSpacing(spacing[: img.GetDimension()])
    with tempfile.TemporaryDirectory() as tmp:
        p = os.path.join(tmp, "x.mha")
        sitk.WriteImage(img, p, True)
        with open(p, "rb") as f:
            return f.read()


def read_mha(data: bytes) -> Any:
    import os
    import tempfile

    import SimpleITK as sitk

    with tempfile.TemporaryDirectory() as tmp:
        p = os.path.join(tmp, "x.mha")
        with open(p, "wb") as f:
            f.write(data)
        return sitk.GetArrayFromImage(sitk.ReadImage(p))


def ct_bytes(seed: int = 7) -> bytes:
    from gc_highlevel.testing.algos import synthetic_ct

    return mha_bytes(synthetic_ct(seed), (0.8, 0.8, 2.5))


def mask_bytes(values: tuple[int, ...] = (0, 1), shape: tuple[int, ...] = (4, 8, 8)) -> bytes:
    arr = np.zeros(shape, dtype=np.uint8)
    for i, v in enumerate(values):
        arr[i % shape[0]] = v
    return mha_bytes(arr)


def wait(gc: LocalGrandChallenge) -> None:
    assert gc.wait_idle(60)


def tiff_shape(data: bytes) -> tuple[int, ...]:
    import tifffile

    return tuple(tifffile.imread(io.BytesIO(data)).shape)


def archive_by_slug(c: httpx.Client, slug: str) -> dict[str, Any]:
    r = c.get("archives/", params={"slug": slug})
    assert r.status_code == 200, r.text
    (a,) = r.json()["results"]
    return a  # type: ignore[no-any-return]


def dicom_series(n: int = 3, size: int = 8, seed: int = 0) -> list[bytes]:
    """A small, valid CT DICOM series (one file per slice)."""
    from gc_highlevel.testing import synthetic_dicom_series

    return synthetic_dicom_series(n, size, seed)

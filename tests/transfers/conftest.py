"""Fixtures of the transfer tests: the local grand-challenge (real HTTP, real S3 on moto)."""

from __future__ import annotations

import os

import pytest

from gc_highlevel.testing import LocalGrandChallenge
from gc_highlevel.testing.models import Image, new_uuid
from gc_highlevel.testing.pytest_plugin import local_gc, local_gc_server  # noqa: F401

MiB = 1024 * 1024


@pytest.fixture
def gc(local_gc: LocalGrandChallenge) -> LocalGrandChallenge:  # noqa: F811
    return local_gc


def add_image(gc: LocalGrandChallenge, files: dict[str, bytes], *, viewer: str = "demo") -> Image:
    """An image visible to ``viewer`` with one file per ``{filename: data}``; ``.tif`` files
    are of type TIFF, the others MHD."""
    image = Image(pk=new_uuid(), name="scan.mha", width=8, height=8, depth=4)
    image.viewers = {gc.users[viewer].pk}
    for filename, data in files.items():
        kind = "TIFF" if filename.endswith((".tif", ".tiff")) else "MHD"
        gc.state.attach_file(image, data, filename, kind)
    with gc.state.lock:
        gc.state.images[image.pk] = image
    return image


def random_bytes(size: int) -> bytes:
    return os.urandom(size)

"""Fixtures for the DICOM tests: the local grand-challenge, no ambient credentials, journals
in the test's temporary directory, and DICOM series written to files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from gc_highlevel.testing.pytest_plugin import (  # noqa: F401
    local_gc,
    local_gc_factory,
    local_gc_server,
)

pytest.importorskip("pydicom")
pytest.importorskip("grand_challenge_dicom_de_identifier")


SeriesWriter = Callable[..., list[Path]]


@pytest.fixture
def write_series() -> SeriesWriter:
    """``write_series(folder, n, seed=..., **synthetic_dicom_series kwargs)``: the files of
    one synthetic series, ``IM0000``... (no suffix, as scanners write them)."""
    from gc_highlevel.testing import synthetic_dicom_series

    def write(
        folder: Path, n: int, *, seed: int = 0, prefix: str = "IM", **kw: object
    ) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for i, data in enumerate(synthetic_dicom_series(n, seed=seed, **kw)):  # type: ignore[arg-type]
            path = folder / f"{prefix}{seed:02d}{i:04d}"
            path.write_bytes(data)
            paths.append(path)
        return paths

    return write

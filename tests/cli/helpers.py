"""Small test files and server-state readers for the command-line tests."""

from __future__ import annotations

from pathlib import Path

from gc_highlevel.testing import LocalGrandChallenge


def ct_files(directory: Path, n: int, *, prefix: str = "case") -> list[Path]:
    """``n`` small CT-like ``.mha`` files (``case01.mha``, ...)."""
    from gc_highlevel.testing import write_synthetic_cts

    return write_synthetic_cts(directory, n, prefix=prefix)


def dicom_series(directory: Path, n: int = 3, *, suffix: str = "") -> list[Path]:
    """A small valid CT DICOM series, one file per slice (``IM0001``...)."""
    from gc_highlevel.testing import synthetic_dicom_series

    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, data in enumerate(synthetic_dicom_series(n)):
        path = directory / f"IM{i + 1:04d}{suffix}"
        path.write_bytes(data)
        paths.append(path)
    return paths


def archive_items(gc: LocalGrandChallenge, slug: str = "radboudcovid") -> list[dict[str, int]]:
    """The values (socket slug -> value id) of every item of the archive, once idle."""
    gc.wait_idle(60)
    archive = next(a for a in gc.state.archives.values() if a.slug == slug)
    return [dict(i.values) for i in gc.state.archive_items.values() if i.archive == archive.pk]


def item_posts(gc: LocalGrandChallenge) -> int:
    """How many archive items were created (POSTs) since the request log was cleared."""
    return gc.request_log.count(method="POST", path=r"^/api/v1/archives/items/$")

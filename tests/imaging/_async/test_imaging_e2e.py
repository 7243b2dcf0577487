"""End to end: in-memory images and arrays uploaded with their geometry and read back.

Async source; ``tests/imaging/_sync/`` is generated from it by ``scripts/make_sync.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from gc_highlevel import AsyncClient, InvalidArgumentError, UploadError
from gc_highlevel.imaging import ImageArray, MissingExtraError, image_from_array
from gc_highlevel.socket_values import SocketKindError
from gc_highlevel.testing import LocalGrandChallenge

pytestmark = [pytest.mark.anyio, pytest.mark.e2e]

ARCHIVE = "radboudcovid"
#: A rotation about z by 30 degrees: a direction no default would give.
COS, SIN = float(np.cos(np.pi / 6)), float(np.sin(np.pi / 6))
DIRECTION = (COS, -SIN, 0.0, SIN, COS, 0.0, 0.0, 0.0, 1.0)
SPACING = (0.7, 0.8, 2.5)
ORIGIN = (-120.5, 33.25, 7.0)


def _connect(gc_: LocalGrandChallenge) -> AsyncClient:
    async def idle(seconds: float) -> None:  # instead of sleeping: let the server work
        gc_.wait_idle(60)

    return AsyncClient(gc_.tokens["demo"], base_url=gc_.api_url, sleep=idle, timeout=30)


def _voxels(seed: int = 0) -> Any:
    rng = np.random.default_rng(seed)
    return rng.integers(-1000, 1000, size=(6, 9, 11), dtype=np.int16)


def _ct(seed: int = 0) -> ImageArray:
    return ImageArray(_voxels(seed), spacing=SPACING, origin=ORIGIN, direction=DIRECTION)


def _items(gc_: LocalGrandChallenge) -> list[Any]:
    gc_.wait_idle(60)
    archive = next(a for a in gc_.state.archives.values() if a.slug == ARCHIVE)
    return [i for i in gc_.state.archive_items.values() if i.archive == archive.pk]


def _ours(folder: Path) -> list[str]:
    """The client's temporary files and folders (the local server, in this process, has its
    own)."""
    return [p.name for p in folder.iterdir() if p.name.startswith("gc-client-")]


def _assert_same(read: ImageArray, sent: ImageArray) -> None:
    assert read.array.dtype == sent.array.dtype
    assert np.array_equal(read.array, sent.array)
    assert np.allclose(read.spacing, sent.spacing, atol=1e-6, rtol=0)
    assert np.allclose(read.origin, sent.origin, atol=1e-6, rtol=0)
    assert np.allclose(read.direction, sent.direction, atol=1e-6, rtol=0)


async def test_an_array_round_trips_with_its_geometry(
    local_gc: LocalGrandChallenge, tmp_path: Path, scratch_dir: Path
) -> None:
    sent = _ct()
    during: list[str] = []
    async with _connect(local_gc) as client:
        result = await client.archives.add_cases(
            ARCHIVE,
            [{"ct-image": sent}],
            journal=tmp_path / "journal.jsonl",
            on_step=lambda event: during.extend(_ours(scratch_dir)),
        )
        result.raise_for_errors()
        (case,) = await client.archives.cases(ARCHIVE)
        value = case.values["ct-image"]
        read = await client.images.read_array(value)  # a socket value
        image = await client.images.read(value.image)  # its api_url
        by_object = await client.images.read_array(await client.images.get(api_url=value.image))
    _assert_same(read, sent)
    _assert_same(by_object, sent)
    assert image.GetSize() == (11, 9, 6)
    assert image.GetSpacing() == pytest.approx(SPACING)
    # the image was written to a temporary file for the upload (and, in a journaled batch,
    # linked where a rerun would find it); both are gone once the call ends, as are the files
    # the reads downloaded
    assert "gc-client-image-" in {name[:16] for name in during}
    assert all(name.startswith(("gc-client-image-", "gc-client-prepared-")) for name in during)
    assert _ours(scratch_dir) == []


async def test_a_simpleitk_image_and_a_mask_as_a_set_value(
    local_gc: LocalGrandChallenge, tmp_path: Path, scratch_dir: Path
) -> None:
    ct = _ct(1)
    mask = ImageArray(ct.array > 0, spacing=SPACING, origin=ORIGIN, direction=DIRECTION)
    async with _connect(local_gc) as client:
        result = await client.archives.add_cases(ARCHIVE, [{"ct-image": ct.to_image()}])
        (item,) = result.pks()
        await client.archives.set_values(item, {"generic-overlay": mask.to_image()}, wait=True)
        (case,) = await client.archives.cases(ARCHIVE)
        read_ct = await client.images.read_array(case.image_url("ct-image"))
        read_mask = await client.images.read_array(case.values["generic-overlay"])
    _assert_same(read_ct, ct)
    _assert_same(read_mask, mask)
    assert read_mask.array.dtype == np.uint8  # a boolean mask is sent as uint8
    assert _ours(scratch_dir) == []


async def test_a_rerun_with_the_same_arrays_makes_no_second_item(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    journal = tmp_path / "journal.jsonl"
    async with _connect(local_gc) as client:
        first = await client.archives.add_cases(
            ARCHIVE, [{"ct-image": _ct(2)}, {"ct-image": _ct(3)}], journal=journal
        )
        first.raise_for_errors()
        assert len(_items(local_gc)) == 2
        # new objects, the same voxels and geometry: the same cases
        again = await client.archives.add_cases(
            ARCHIVE,
            [
                {"ct-image": _ct(2)},
                {
                    "ct-image": image_from_array(
                        _voxels(3), spacing=SPACING, origin=ORIGIN, direction=DIRECTION
                    )
                },
            ],
            journal=journal,
        )
        again.raise_for_errors()
        assert len(_items(local_gc)) == 2
        assert len(again.skipped) == 2 and again.pks() == first.pks()
        # other geometry: another case
        moved = ImageArray(_voxels(2), spacing=SPACING, origin=(0, 0, 0), direction=DIRECTION)
        (
            await client.archives.add_cases(ARCHIVE, [{"ct-image": moved}], journal=journal)
        ).raise_for_errors()
    assert len(_items(local_gc)) == 3


async def test_an_array_whose_upload_failed_half_way_is_resumed_by_the_rerun(
    local_gc: LocalGrandChallenge, tmp_path: Path, scratch_dir: Path
) -> None:
    """The file written for an in-memory image stays where the rerun finds it when its
    upload fails: the rerun finishes the kept upload with the part the server lacks, instead
    of writing the image again and sending all of it as a new upload."""
    rng = np.random.default_rng(7)
    voxels = rng.integers(-32768, 32767, size=(64, 256, 256), dtype=np.int16)  # 8 MiB: 2 parts
    sent = ImageArray(voxels, spacing=SPACING, origin=ORIGIN, direction=DIRECTION)
    journal = tmp_path / "journal.jsonl"
    local_gc.faults.fail_part(2, n=1000, status=503)
    async with _connect(local_gc) as client:
        first = await client.archives.add_cases(
            ARCHIVE, [{"ct-image": sent}], journal=journal, raise_on_error=False
        )
        error = first[0].error
        assert isinstance(error, UploadError) and error.kept
        assert len(list(scratch_dir.glob("gc-client-prepared-*/image-*/*.mha"))) == 1
        local_gc.faults.clear()
        local_gc.request_log.clear()
        # new objects, the same voxels and geometry: the same case, and the kept upload
        again = await client.archives.add_cases(
            ARCHIVE,
            [
                {
                    "ct-image": image_from_array(
                        voxels.copy(), spacing=SPACING, origin=ORIGIN, direction=DIRECTION
                    )
                }
            ],
            journal=journal,
            raise_on_error=False,
        )
        assert again.ok, [o.error for o in again]
        (case,) = await client.archives.cases(ARCHIVE)
        read = await client.images.read_array(case.values["ct-image"])
    _assert_same(read, sent)
    sent_requests = [f"{e.method} {e.path}" for e in local_gc.request_log]
    assert "POST /api/v1/uploads/" not in sent_requests  # the kept upload was finished ...
    puts = [e for e in local_gc.request_log if e.kind == "storage" and e.method == "PUT"]
    assert [e.query.get("partNumber") for e in puts] == [["2"]]  # ... with its missing part
    # the kept file went once the case was in (the first run's own temporary file goes with
    # the objects of its failure, still held here)
    assert list(scratch_dir.glob("gc-client-prepared-*/*")) == []


async def test_a_bare_numpy_array_is_refused_before_any_request(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    seen = len(local_gc.request_log)
    async with _connect(local_gc) as client:
        with pytest.raises(SocketKindError, match="ImageArray") as info:
            await client.archives.add_cases(
                ARCHIVE, [{"ct-image": _ct(4)}, {"ct-image": _voxels(4)}]
            )
        assert info.value.slug == "ct-image" and info.value.case == 1
        with pytest.raises(SocketKindError, match="no geometry"):
            await client.algorithms.run(
                "pulmonary-lobe-segmentation", {"generic-medical-image": _voxels(4)}
            )
        with pytest.raises(SocketKindError, match="no geometry"):
            await client.reader_studies.add_display_sets(
                "corads-score-exam", [{"ct-image": _voxels(4)}]
            )
    assert len(local_gc.request_log) == seen


async def test_an_algorithm_runs_on_an_array_and_its_output_is_read(
    local_gc: LocalGrandChallenge, tmp_path: Path, scratch_dir: Path
) -> None:
    ct = ImageArray(
        np.full((4, 12, 12), -600, np.int16), spacing=SPACING, origin=ORIGIN, direction=DIRECTION
    )
    async with _connect(local_gc) as client:
        jobs = await client.algorithms.run(
            "pulmonary-lobe-segmentation", [{"generic-medical-image": ct}]
        )
        (job,) = await client.jobs.wait(jobs, timeout=120)
        output = next(v for v in job.outputs if v.interface.slug == "pulmonary-lobes")
        lobes = await client.images.read_array(output)
    assert lobes.shape == ct.shape
    assert set(np.unique(lobes.array)) <= {0, 1, 2, 3, 4, 5} and lobes.array.max() > 0
    assert np.allclose(lobes.spacing, SPACING) and np.allclose(lobes.direction, DIRECTION)
    del jobs
    assert _ours(scratch_dir) == []


async def test_reading_what_holds_no_image_is_refused(local_gc: LocalGrandChallenge) -> None:
    seen = len(local_gc.request_log)
    async with _connect(local_gc) as client:
        with pytest.raises(InvalidArgumentError, match="several values"):
            await client.images.read_array((await client.archives.cases("coronacasesorg"))[0])
        seen = len(local_gc.request_log)
        with pytest.raises(InvalidArgumentError, match="takes an image"):
            await client.images.read(_ct())
    assert len(local_gc.request_log) == seen


async def test_without_the_extra_reading_fails_before_any_request(
    local_gc: LocalGrandChallenge, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with _connect(local_gc) as client:
        (case, *_) = await client.archives.cases("coronacasesorg")
        seen = len(local_gc.request_log)
        monkeypatch.setitem(sys.modules, "SimpleITK", None)  # as if not installed
        with pytest.raises(MissingExtraError, match=r'pip install "gc-client\[imaging\]"'):
            await client.images.read(case.values["ct-image"])
    assert len(local_gc.request_log) == seen

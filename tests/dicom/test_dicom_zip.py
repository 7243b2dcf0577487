"""The one zip per series: deflated when its files compress, stored when they do not; and a
missing ``dicom`` extra named with its ``pip install``."""

from __future__ import annotations

import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from gc_highlevel import MissingExtraError, dicom

from .conftest import SeriesWriter


def _members(path: Path) -> set[int]:
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        return {info.compress_type for info in zf.infolist()}


def test_ct_like_slices_are_deflated(tmp_path: Path, write_series: SeriesWriter) -> None:
    files = write_series(tmp_path / "ct", 4, size=64, pixels="phantom")
    archive = dicom.zip_files(files, tmp_path / "ct.zip")
    assert _members(archive) == {zipfile.ZIP_DEFLATED}
    assert archive.stat().st_size < sum(f.stat().st_size for f in files) // 2
    with zipfile.ZipFile(archive) as zf:
        assert [zf.read(f.name) for f in files] == [f.read_bytes() for f in files]


def test_noise_is_stored_not_deflated(tmp_path: Path, write_series: SeriesWriter) -> None:
    files = write_series(tmp_path / "noise", 4, size=64, pixels="noise")
    archive = dicom.zip_files(files, tmp_path / "noise.zip")
    assert _members(archive) == {zipfile.ZIP_STORED}
    with zipfile.ZipFile(archive) as zf:
        assert [zf.read(f.name) for f in files] == [f.read_bytes() for f in files]


def test_preparation_says_what_the_zip_saved(tmp_path: Path, write_series: SeriesWriter) -> None:
    files = write_series(tmp_path / "ct", 3, size=64, pixels="phantom")
    with dicom.preparations() as done:
        prepared = dicom.prepare_image_files("ct-image", "Image", files)
        prepared.close()
    [prep] = done
    assert prep.deflated and prep.zipped and prep.files == 3
    assert prep.original_bytes == sum(f.stat().st_size for f in files)
    assert 0 < prep.sent_bytes < prep.original_bytes // 2
    assert "zipped and deflated to" in str(prep)
    files = write_series(tmp_path / "noise", 3, size=64, seed=1)
    with dicom.preparations() as done:
        dicom.prepare_image_files("ct-image", "Image", files).close()
    assert not done[0].deflated and "stored" in str(done[0])


@pytest.mark.parametrize(
    ("module", "call"),
    [
        ("pydicom", lambda tmp: dicom.group_series([])),
        (
            "grand_challenge_dicom_de_identifier.deidentifier",
            lambda tmp: dicom.deidentify_files([], tmp),
        ),
    ],
)
def test_a_missing_extra_names_the_pip_install(
    module: str, call: Callable[[Path], object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` fail
    with pytest.raises(MissingExtraError, match=r'pip install "gc-client\[dicom\]"'):
        call(tmp_path)

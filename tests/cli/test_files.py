"""Which files ``upload`` and ``run`` send, and how they form cases (no server)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gc_highlevel.cli._files import collect
from gc_highlevel.cli._term import CommandError


def _touch(root: Path, *names: str, data: bytes = b"x") -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _dicom(root: Path, *names: str) -> None:
    _touch(root, *names, data=bytes(128) + b"DICM" + bytes(16))


def test_system_and_hidden_files_are_skipped_and_reported(tmp_path: Path) -> None:
    _touch(tmp_path, "a.mha", "b.nii.gz", ".DS_Store", "._a.mha", "Thumbs.db", "__MACOSX/a.mha")
    _touch(tmp_path, ".git/config", "sub/c.mha")
    selection = collect([tmp_path], recursive=True, group_images=False)
    assert [c.label for c in selection.cases] == ["a.mha", "b.nii.gz", "sub/c.mha"]
    assert {p.name for p in selection.skipped} == {
        ".DS_Store", "._a.mha", "Thumbs.db", "__MACOSX", ".git"
    }  # fmt: skip
    text = "\n".join(selection.summary())
    assert "3 files" in text and ".nii.gz  1" in text and ".mha     2" in text
    assert "skipped 5 system or hidden entries" in text
    # A system file named explicitly is skipped too; a data file named twice counts once.
    again = collect(
        [tmp_path / "._a.mha", tmp_path / "a.mha", tmp_path], recursive=False, group_images=False
    )
    assert [c.label for c in again.cases] == ["a.mha", "b.nii.gz"]
    assert [p.name for p in again.not_entered] == ["sub"]
    assert "add --recursive" in "\n".join(again.summary())


_HEADER = "ObjectType = Image\nNDims = 3\nDimSize = 2 1 1\nElementType = MET_UCHAR\n"


def _mhd(root: Path, name: str, data: str) -> None:
    """An MHD header naming ``data`` (``LOCAL``: the two voxels follow the header)."""
    text = _HEADER + f"ElementDataFile = {data}\n"
    _touch(root, name, data=text.encode() + (b"\1\2" if data == "LOCAL" else b""))


def test_dicom_series_and_mhd_pairs_are_one_case_each_for_image_sockets(tmp_path: Path) -> None:
    _dicom(tmp_path, "p1/IM0001", "p1/IM0002", "p2/s1.dcm", "p2/s2.dcm", "p2/s3.dcm")
    _touch(tmp_path, "p2/notes.txt", data=b"scanned on Monday\n")
    _touch(tmp_path, "x.raw", data=b"\1\2")
    _mhd(tmp_path, "x.mhd", "x.raw")
    _mhd(tmp_path, "y.mha", "LOCAL")
    selection = collect([tmp_path], recursive=True)
    cases = selection.cases
    assert [(c.label, c.kind, [f.name for f in c.files]) for c in cases] == [
        ("x.mhd", "MHD header + data", ["x.mhd", "x.raw"]),  # a folder's files, then below
        ("y.mha", "file", ["y.mha"]),
        ("p1", "DICOM series", ["IM0001", "IM0002"]),
        ("p2", "DICOM series", ["s1.dcm", "s2.dcm", "s3.dcm"]),
    ]
    # notes.txt makes no case: refused before any request, and the summary says why
    assert [(p.name, why) for p, why in selection.refused] == [
        ("notes.txt", "it is text, not an image")
    ]
    text = "\n".join(selection.summary())
    assert "refused 1 file that cannot be an image" in text
    assert "notes.txt: it is text, not an image" in text and ".txt" not in text.split("refused")[0]
    assert cases[0].value == list(cases[0].files) and cases[1].value == cases[1].files[0]
    # Files of a series given one by one (a shell glob) still form one case.
    globbed = collect(sorted((tmp_path / "p2").glob("*.dcm")), recursive=False).cases
    assert [(c.label, len(c.files)) for c in globbed] == [("p2", 3)]
    # A socket that takes files, not images: every file is its own case.
    plain = collect([tmp_path / "p1", tmp_path / "x.mhd"], recursive=False, group_images=False)
    assert [c.label for c in plain.cases] == ["IM0001", "IM0002", "x.mhd"]


def test_paths_that_do_not_exist_are_named(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"'nope\.mha' does not exist"):
        collect(["nope.mha"], recursive=False)
    assert collect([tmp_path], recursive=False).cases == []


def test_mhd_headers_pair_with_the_data_file_they_name(tmp_path: Path) -> None:
    _touch(tmp_path, "volume-data.raw", "a.raw", "b.raw", data=b"\1\2")
    _mhd(tmp_path, "a.mhd", "volume-data.raw")  # not a.raw: the header names another file
    _mhd(tmp_path, "b.mhd", "LOCAL")  # the data is in the header's file: b.raw is not its data
    _mhd(tmp_path, "c.mhd", "missing.raw")
    # a data file may have any name its header gives (listed before its header here)
    _touch(tmp_path, "d-data.bin", "e/scan.img", "e/volume", data=b"\1\2")
    _mhd(tmp_path, "d.mhd", "d-data.bin")
    _mhd(tmp_path, "e/scan.mhd", "scan.img")
    _mhd(tmp_path, "e/vol.mhd", "volume")
    selection = collect([tmp_path], recursive=True)
    assert [(c.label, [f.name for f in c.files]) for c in selection.cases] == [
        ("a.mhd", ["a.mhd", "volume-data.raw"]),
        ("b.mhd", ["b.mhd"]),
        ("d.mhd", ["d.mhd", "d-data.bin"]),
        ("e/scan.mhd", ["scan.mhd", "scan.img"]),
        ("e/vol.mhd", ["vol.mhd", "volume"]),
    ]
    assert {c.kind for c in selection.cases if c.label != "b.mhd"} == {"MHD header + data"}
    refused = {p.name: why for p, why in selection.refused}
    assert refused.keys() == {"a.raw", "b.raw", "c.mhd"}
    assert "without the .mhd header that names it" in refused["a.raw"]
    assert "without the .mhd header" in refused["b.raw"]
    assert "'missing.raw' is not among the files" in refused["c.mhd"]
    # The same files for a socket that takes files: every file is a case, nothing refused.
    plain = collect([tmp_path], recursive=True, group_images=False)
    assert len(plain.cases) == 12 and not plain.refused

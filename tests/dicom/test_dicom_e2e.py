"""DICOM end to end against the local grand-challenge: series refused or split before any
request, de-identification leaving no identifier in any stored byte, one zip per series,
DICOM Image Set upload and download."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import gc_highlevel
from gc_highlevel import dicom
from gc_highlevel.cli._files import collect
from gc_highlevel.testing import LocalGrandChallenge

from .conftest import SeriesWriter

pytestmark = [pytest.mark.e2e]

PATIENT_NAME = "Doe^Johnathan"
PATIENT_ID = "PID-73914-XQ"
#: Secondary Capture: not in grand-challenge's de-identification procedure, so rejected.
SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7"
WRITES = ("POST", "PUT", "PATCH", "DELETE")


def _client(gc: LocalGrandChallenge) -> gc_highlevel.Client:
    def sleep(_seconds: float) -> None:  # instead of sleeping, let the server's worker run
        gc.wait_idle(60)

    return gc_highlevel.Client(gc.tokens["demo"], base_url=gc.api_url, timeout=30, sleep=sleep)


def _writes(gc: LocalGrandChallenge) -> list[str]:
    return [f"{e.method} {e.path}" for e in gc.request_log if e.method in WRITES]


def _digests(paths: list[Path]) -> dict[Path, tuple[str, int]]:
    return {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in paths}


def _stored(gc: LocalGrandChallenge) -> list[tuple[str, bytes]]:
    """Every object in the local server's S3 buckets."""
    storage = gc.storage
    found = []
    for bucket in (storage.uploads_bucket, storage.protected_bucket):
        pages = storage._client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
        for page in pages:
            for obj in page.get("Contents", []):
                found.append((obj["Key"], storage.get_bytes(bucket, obj["Key"])))
    return found


def _identifiers_in(blobs: list[tuple[str, bytes]]) -> list[str]:
    needles = [PATIENT_ID.encode(), b"Johnathan", PATIENT_NAME.encode()]
    return [key for key, data in blobs if any(n in data or n in key.encode() for n in needles)]


def test_two_series_in_one_value_are_refused_before_any_request(
    local_gc: LocalGrandChallenge, tmp_path: Path, write_series: SeriesWriter
) -> None:
    folder = tmp_path / "study"
    write_series(folder, 3, seed=1)
    write_series(folder, 2, seed=2)
    with _client(local_gc) as client, pytest.raises(dicom.DicomSeriesError) as caught:
        client.archives.add_cases("radboudcovid", [{"ct-image": folder}])
    assert len(caught.value.series) == 2
    assert "2 DICOM series" in str(caught.value)
    assert all(s.series_instance_uid in str(caught.value) for s in caught.value.series)
    assert _writes(local_gc) == []


def test_dicom_mixed_with_other_files_is_refused(
    local_gc: LocalGrandChallenge, tmp_path: Path, write_series: SeriesWriter
) -> None:
    folder = tmp_path / "series"
    write_series(folder, 3)
    notes = folder / "IM_notes.png"
    notes.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    with _client(local_gc) as client, pytest.raises(dicom.DicomSeriesError) as caught:
        client.archives.add_cases("radboudcovid", [{"ct-image": folder}])
    assert caught.value.not_dicom == (notes.resolve(),)
    assert _writes(local_gc) == []


def test_the_command_line_makes_one_case_per_series_whatever_the_folders(
    tmp_path: Path, write_series: SeriesWriter
) -> None:
    first = write_series(tmp_path / "a", 5, seed=1)
    (tmp_path / "b").mkdir()
    for path in first[3:]:  # two files of series 1 in another folder
        path.rename(tmp_path / "b" / path.name)
    write_series(tmp_path / "a", 4, seed=2)  # a second series in the same folder
    (tmp_path / "a" / "readme.txt").write_text("not an image")
    selection = collect([tmp_path], recursive=True)
    series = [c for c in selection.cases if c.kind == "DICOM series"]
    assert sorted(len(c.files) for c in series) == [4, 5]
    assert len({c.label for c in series}) == 2
    # the text file is no case: refused for an image socket, with why
    assert [c for c in selection.cases if c.kind == "file"] == []
    assert [(p.name, why) for p, why in selection.refused] == [
        ("readme.txt", "it is text, not an image")
    ]


def test_a_series_is_one_zip_upload_and_one_image(
    local_gc: LocalGrandChallenge, tmp_path: Path, write_series: SeriesWriter
) -> None:
    files = write_series(tmp_path / "series", 40, size=16)
    with _client(local_gc) as client, dicom.preparations() as done:
        result = client.archives.add_cases("radboudcovid", [{"ct-image": tmp_path / "series"}])
        result.raise_for_errors()
        item = client.archive_items.get(result[0].pk)
        value = next(v for v in item.values if v.interface.slug == "ct-image")
        image = client.images.get(api_url=value.image)
    assert image.shape[0] == 40
    writes = _writes(local_gc)
    assert sum(1 for w in writes if w.startswith("POST /api/v1/uploads/")) == 1, writes
    assert len(local_gc.request_log) <= 20, [e.path for e in local_gc.request_log]
    assert [(p.files, p.zipped, p.deidentified, p.uploads) for p in done] == [(40, True, False, 1)]
    assert all(f.exists() for f in files)


def test_deidentified_upload_stores_no_identifier_and_keeps_the_originals(
    local_gc: LocalGrandChallenge, tmp_path: Path, write_series: SeriesWriter
) -> None:
    files = write_series(
        tmp_path / "Doe_Johnathan", 5, size=16, patient_id=PATIENT_ID, patient_name=PATIENT_NAME
    )
    before = _digests(files)
    assert all(PATIENT_ID.encode() in f.read_bytes() for f in files)
    value = dicom.DicomFiles(tmp_path / "Doe_Johnathan", deidentify=True)
    with _client(local_gc) as client, dicom.preparations() as done:
        client.archives.add_cases("radboudcovid", [{"ct-image": value}]).raise_for_errors()
    local_gc.wait_idle(60)
    stored = _stored(local_gc)
    assert stored, "the image is stored"
    assert _identifiers_in(stored) == []
    assert _digests(files) == before
    assert [(p.deidentified, p.zipped) for p in done] == [(True, True)]
    assert not list(Path(__import__("tempfile").gettempdir()).glob("gc-client-dicom-*"))


def test_dicom_image_set_is_deidentified_uploaded_and_downloaded(
    local_gc: LocalGrandChallenge, tmp_path: Path, write_series: SeriesWriter
) -> None:
    files = write_series(
        tmp_path / "scan", 4, size=16, patient_id=PATIENT_ID, patient_name=PATIENT_NAME
    )
    before = _digests(files)
    with _client(local_gc) as client:
        result = client.archives.add_cases("radboudcovid", [{"dicom-image-set": tmp_path / "scan"}])
        result.raise_for_errors()
        item = client.archive_items.get(result[0].pk)
        value = next(v for v in item.values if v.interface.slug == "dicom-image-set")
        image = client.images.get(api_url=value.image)
        assert image.dicom_image_set is not None
        written = dicom.download_image_set(client, image, tmp_path / "out")
    writes = _writes(local_gc)
    assert sum(1 for w in writes if w.startswith("POST /api/v1/uploads/")) == 4  # one per file
    assert len(written) == 4 and all(p.suffix == ".dcm" for p in written)
    import pydicom

    for path in written:
        ds = pydicom.dcmread(path)
        assert str(ds.PatientID) != PATIENT_ID and "Johnathan" not in str(ds.PatientName)
        assert ds.PatientIdentityRemoved == "YES"
    assert _identifiers_in(_stored(local_gc)) == []
    assert _digests(files) == before


def test_a_file_the_procedure_rejects_is_an_error_before_any_request(
    local_gc: LocalGrandChallenge, tmp_path: Path, write_series: SeriesWriter
) -> None:
    write_series(tmp_path / "sc", 2, size=8, sop_class_uid=SECONDARY_CAPTURE)
    with _client(local_gc) as client, pytest.raises(dicom.DicomRejectedError) as caught:
        client.archives.add_cases("radboudcovid", [{"dicom-image-set": tmp_path / "sc"}])
    assert "SOP Class" in caught.value.justification or "Unsupported" in caught.value.justification
    assert _writes(local_gc) == []
    with _client(local_gc) as client, pytest.raises(dicom.DicomRejectedError):
        client.archives.add_cases(
            "radboudcovid", [{"ct-image": dicom.DicomFiles(tmp_path / "sc", deidentify=True)}]
        )
    assert _writes(local_gc) == []


def test_group_series_and_deidentify_files_locally(
    tmp_path: Path, write_series: SeriesWriter
) -> None:
    one = write_series(tmp_path / "x", 2, seed=1, patient_id=PATIENT_ID)
    two = write_series(tmp_path / "y", 3, seed=2)
    (tmp_path / "y" / "notes.txt").write_text("hello")
    grouping = dicom.group_series([*one, *two, tmp_path / "y" / "notes.txt"])
    assert [s.files for s in grouping.series] == [tuple(one), tuple(two)]
    assert grouping.not_dicom == (tmp_path / "y" / "notes.txt",)
    report = dicom.deidentify_files(one, tmp_path / "out")
    assert [p.name for p in report.files] == ["00000.dcm", "00001.dcm"]
    assert all(PATIENT_ID.encode() not in p.read_bytes() for p in report.files)
    with pytest.raises(dicom.DicomRejectedError, match="differing values"):
        dicom.deidentify_files([*one, *two], tmp_path / "out2")


def test_deidentification_is_part_of_the_case_key(
    tmp_path: Path, write_series: SeriesWriter
) -> None:
    """The same files sent plain and then de-identified are two different cases for the batch
    journal: a rerun asking for de-identification is never skipped as already done."""
    from gc_highlevel.socket_values import example_socket, plan_case

    files = write_series(tmp_path / "s", 3, seed=1)
    sockets = {"ct-image": example_socket("ct-image", "Image", "Image")}
    plain = plan_case({"ct-image": files}, sockets).fingerprint("archive:x")
    cleaned = plan_case({"ct-image": dicom.DicomFiles(files, deidentify=True)}, sockets)
    kept = plan_case({"ct-image": dicom.DicomFiles(files, deidentify=False)}, sockets)
    assert cleaned.fingerprint("archive:x") != plain
    assert kept.fingerprint("archive:x") == plain


def test_a_deflated_zip_round_trips_into_the_same_voxels(
    local_gc: LocalGrandChallenge, tmp_path: Path, write_series: SeriesWriter
) -> None:
    """CT-like slices are deflated into the zip, and the image the server imports from it
    holds the very voxels of the files."""
    np = pytest.importorskip("numpy")
    pytest.importorskip("SimpleITK")
    import pydicom

    files = write_series(tmp_path / "series", 6, size=64, pixels="phantom")
    original = sum(f.stat().st_size for f in files)
    with _client(local_gc) as client, dicom.preparations() as done:
        result = client.archives.add_cases("radboudcovid", [{"ct-image": tmp_path / "series"}])
        result.raise_for_errors()
        item = client.archive_items.get(result[0].pk)
        value = next(v for v in item.values if v.interface.slug == "ct-image")
        read = client.images.read_array(value.image)
    [prep] = done
    assert (prep.zipped, prep.deflated, prep.uploads, prep.original_bytes) == (
        True,
        True,
        1,
        original,
    )
    assert prep.sent_bytes < original // 2, prep
    sent = sum(
        e.request_bytes for e in local_gc.request_log if e.kind == "storage" and e.method == "PUT"
    )
    assert 0 < sent < original // 2
    expected = np.stack([pydicom.dcmread(f).pixel_array for f in files])
    assert read.array.shape == expected.shape == (6, 64, 64)
    assert np.array_equal(read.array, expected)
    assert expected.min() == -1024 and expected.max() > 500  # air and bone: a CT, not noise


def test_an_interrupted_deidentified_zip_upload_is_resumed_by_the_rerun(
    local_gc: LocalGrandChallenge,
    tmp_path: Path,
    write_series: SeriesWriter,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """De-identification draws new UIDs each time, so a rerun could not make the same zip
    again: the prepared folder of a failed upload stays for the rerun, which finishes the kept
    upload with the part the server lacks; the folder goes once the case is in."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    write_series(tmp_path / "series", 30, size=512, patient_id=PATIENT_ID)  # 15 MiB: 3 parts
    value = dicom.DicomFiles(tmp_path / "series", deidentify=True)
    journal = tmp_path / "journal.jsonl"
    local_gc.faults.fail_part(2, n=1000, status=503)
    with _client(local_gc) as client:
        first = client.archives.add_cases(
            "radboudcovid", [{"ct-image": value}], journal=journal, raise_on_error=False
        )
        assert isinstance(first[0].error, gc_highlevel.UploadError) and first[0].error.kept
        (kept,) = list(dicom._prepared_root().iterdir())
        assert len(list(kept.glob("*.zip"))) == 1

        def no_second_deidentification(*args: object, **kwargs: object) -> None:
            raise AssertionError("the rerun de-identified again (new UIDs: another zip)")

        monkeypatch.setattr(dicom, "deidentify_files", no_second_deidentification)
        local_gc.faults.clear()
        local_gc.request_log.clear()
        with dicom.preparations() as done:
            again = client.archives.add_cases(
                "radboudcovid", [{"ct-image": value}], journal=journal, raise_on_error=False
            )
        assert again.ok, [o.error for o in again]
        item = client.archive_items.get(again[0].pk)
        (image_value,) = [v for v in item.values if v.interface.slug == "ct-image"]
        assert client.images.get(api_url=image_value.image).shape[0] == 30  # the whole series
    writes = _writes(local_gc)
    assert "POST /api/v1/uploads/" not in writes  # the kept upload was finished ...
    puts = [e for e in local_gc.request_log if e.kind == "storage" and e.method == "PUT"]
    assert [e.query.get("partNumber") for e in puts] == [["2"]]  # ... with its missing part
    assert [(p.deidentified, p.zipped) for p in done] == [(True, True)]
    assert not dicom._prepared_root().exists()  # removed once the case is in
    local_gc.wait_idle(60)
    assert _identifiers_in(_stored(local_gc)) == []


def test_prepared_files_are_reused_only_for_the_same_inputs(
    tmp_path: Path, write_series: SeriesWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    files = write_series(tmp_path / "s", 12, size=16)
    first = dicom.prepare_image_files("ct-image", "Image", files, reusable=True)
    first.close(keep=True)
    again = dicom.prepare_image_files("ct-image", "Image", files, reusable=True)
    assert again.paths == first.paths and again.preparation == first.preparation
    again.close(keep=True)
    files[0].write_bytes(files[0].read_bytes() + b"\0")  # changed input: a new preparation
    changed = dicom.prepare_image_files("ct-image", "Image", files, reusable=True)
    assert changed.paths != first.paths
    changed.close()  # done: removed
    assert not changed.paths[0].exists() and first.paths[0].exists()
    plain = dicom.prepare_image_files("ct-image", "Image", files)  # no journal: never kept
    plain.close(keep=True)
    assert not plain.paths[0].exists()

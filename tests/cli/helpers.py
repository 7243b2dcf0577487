"""Small test files and server-state readers for the command-line tests."""

from __future__ import annotations

import io
from pathlib import Path

from gc_highlevel.testing import LocalGrandChallenge


def ct_files(directory: Path, n: int, *, prefix: str = "case") -> list[Path]:
    """``n`` small CT-like ``.mha`` files (``case01.mha``, ...)."""
    from gc_highlevel.testing import write_synthetic_cts

    return write_synthetic_cts(directory, n, prefix=prefix)


def dicom_series(directory: Path, n: int = 3, *, suffix: str = "") -> list[Path]:
    """A small valid CT DICOM series, one file per slice (``IM0001``...)."""
    import numpy as np
    import pydicom
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian, generate_uid

    directory.mkdir(parents=True, exist_ok=True)
    study, series, frame = generate_uid(), generate_uid(), generate_uid()
    rng = np.random.default_rng(0)
    paths = []
    for i in range(n):
        sop = generate_uid()
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = CTImageStorage
        meta.MediaStorageSOPInstanceUID = sop
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds = Dataset()
        ds.file_meta = meta
        ds.SOPClassUID, ds.SOPInstanceUID = CTImageStorage, sop
        ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = study, series, frame
        ds.Modality, ds.PatientID, ds.PatientName = "CT", "anon", "Anon"
        ds.InstanceNumber = i + 1
        ds.ImagePositionPatient = [0.0, 0.0, float(i * 2)]
        ds.ImageOrientationPatient = [1.0, 0.0, 0.0, 0.0, 1.0, 0.0]
        ds.PixelSpacing, ds.SliceThickness = [0.5, 0.5], 2.0
        ds.Rows = ds.Columns = 8
        ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
        ds.BitsAllocated = ds.BitsStored = 16
        ds.HighBit, ds.PixelRepresentation = 15, 1
        ds.RescaleIntercept, ds.RescaleSlope = 0, 1
        ds.PixelData = rng.integers(-1000, 1000, (8, 8)).astype(np.int16).tobytes()
        buf = io.BytesIO()
        pydicom.dcmwrite(buf, ds, enforce_file_format=True)
        path = directory / f"IM{i + 1:04d}{suffix}"
        path.write_bytes(buf.getvalue())
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

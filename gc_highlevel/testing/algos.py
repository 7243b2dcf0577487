"""The seeded algorithms: small Python functions that really compute outputs from inputs.

Each function takes ``{socket slug: input}`` (SimpleITK images for image sockets, JSON for
value sockets, bytes for file sockets) and returns ``{socket slug: output}`` where an output is
a SimpleITK image (stored as MHA), a :class:`Tiff` (stored as TIFF), ``bytes`` (file sockets)
or a JSON value.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np


@dataclass
class Tiff:
    """A 2D RGB image to be stored as a TIFF file."""

    array: Any  # (height, width, 3) uint8


Function = Callable[[dict[str, Any]], dict[str, Any]]
FUNCTIONS: dict[str, Function] = {}


def register(name: str) -> Callable[[Function], Function]:
    """Register an algorithm function under ``name`` (the ``function`` of an algorithm)."""

    def deco(fn: Function) -> Function:
        FUNCTIONS[name] = fn
        return fn

    return deco


def sitk_module() -> Any:
    """SimpleITK, typed as ``Any`` (its partial annotations upset ``mypy --strict``)."""
    import importlib

    return importlib.import_module("SimpleITK")


def _array(img: Any) -> Any:
    return sitk_module().GetArrayFromImage(img)


def _like(arr: Any, ref: Any) -> Any:
    out = sitk_module().GetImageFromArray(arr)
    out.CopyInformation(ref)
    return out


def lung_mask(arr: Any) -> Any:
    """Voxels of aerated lung in a CT volume (HU between -950 and -400)."""
    return (arr > -950) & (arr < -300)


def lobes(arr: Any) -> Any:
    """A 5-lobe label map: left lung upper/lower (1, 2), right upper/middle/lower (3, 4, 5)."""
    mask = lung_mask(arr)
    label = np.zeros(arr.shape, dtype=np.uint8)
    depth = arr.shape[0]
    z = np.arange(depth)[:, None, None]
    x = np.arange(arr.shape[2])[None, None, :]
    left = x >= arr.shape[2] // 2
    upper_half = z >= depth / 2
    third = np.minimum(z * 3 // max(depth, 1), 2)
    label[mask & left & upper_half] = 1
    label[mask & left & ~upper_half] = 2
    label[mask & ~left & (third == 2)] = 3
    label[mask & ~left & (third == 1)] = 4
    label[mask & ~left & (third == 0)] = 5
    return label


def _volume_ml(mask: Any, spacing: tuple[float, ...]) -> float:
    return round(float(mask.sum()) * float(np.prod(spacing)) / 1000.0, 3)


@register("lobe_segmentation")
def lobe_segmentation(inputs: dict[str, Any]) -> dict[str, Any]:
    """Threshold lobe segmentation of ``generic-medical-image``; also the lung volume (mL)."""
    ct = inputs["generic-medical-image"]
    arr = _array(ct)
    label = lobes(arr)
    return {
        "pulmonary-lobes": _like(label, ct),
        "lung-volume": _volume_ml(label > 0, ct.GetSpacing()),
    }


def screenshot(arr: Any, label: Any) -> Tiff:
    """Middle axial slice, lung window, lobes tinted: an RGB uint8 array."""
    z = arr.shape[0] // 2
    sl = np.clip((arr[z].astype(np.float32) + 1350) / 1500 * 255, 0, 255).astype(np.uint8)
    rgb = np.stack([sl, sl, sl], axis=-1)
    colours = np.array(
        [[0, 0, 0], [230, 25, 75], [60, 180, 75], [255, 225, 25], [0, 130, 200], [245, 130, 48]],
        dtype=np.uint16,
    )
    tint = colours[label[z]]
    on = label[z] > 0
    rgb[on] = ((rgb[on].astype(np.uint16) + tint[on]) // 2).astype(np.uint8)
    return Tiff(rgb)


@register("lobe_segmentation_covid")
def lobe_segmentation_covid(inputs: dict[str, Any]) -> dict[str, Any]:
    """Lobe segmentation of ``ct-image`` plus a TIFF screenshot of the middle slice."""
    ct = inputs["ct-image"]
    arr = _array(ct)
    label = lobes(arr)
    return {
        "pulmonary-lobes": _like(label, ct),
        "pulmonary-lobes-screenshot": screenshot(arr, label),
    }


def _centroid(mask: Any) -> Any:
    idx = np.argwhere(mask)
    return idx.mean(axis=0) if len(idx) else np.zeros(mask.ndim)


@register("lung_registration")
def lung_registration(inputs: dict[str, Any]) -> dict[str, Any]:
    """Translation-only registration from the lung-mask centroids: a constant displacement
    field on the fixed grid and the moving image shifted onto it."""
    sitk = sitk_module()
    fixed, moving = inputs["fixed-image"], inputs["moving-image"]
    fmask, mmask = _array(inputs["fixed-mask"]) > 0, _array(inputs["moving-mask"]) > 0
    shift_zyx = _centroid(mmask) - _centroid(fmask)
    spacing = np.array(fixed.GetSpacing()[::-1])
    disp_xyz = (shift_zyx * spacing)[::-1].astype(np.float32)
    farr = _array(fixed)
    field = np.broadcast_to(disp_xyz, (*farr.shape, 3)).copy()
    dfield = sitk.GetImageFromArray(field, isVector=True)
    dfield.CopyInformation(fixed)
    marr = _array(moving)
    rolled = np.roll(marr, tuple(-round(float(s)) for s in shift_zyx), axis=(0, 1, 2))
    if rolled.shape != farr.shape:
        out = np.full(farr.shape, -1000, dtype=marr.dtype)
        sl = tuple(slice(0, min(a, b)) for a, b in zip(farr.shape, rolled.shape, strict=True))
        out[sl] = rolled[sl]
        rolled = out
    return {"displacement-field": dfield, "moving-image-transformed": _like(rolled, fixed)}


def tiny_pdf(text: str) -> bytes:
    """A minimal valid one-page PDF showing ``text``."""
    safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 12 Tf 72 720 Td ({safe}) Tj ET".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


@register("corads")
def corads(inputs: dict[str, Any]) -> dict[str, Any]:
    """CO-RADS from the fraction of ground-glass voxels (-750..-300 HU) in the lungs, the
    probability, nodule candidates (dense blobs) as Multiple points, and a PDF report."""
    ct = inputs["generic-medical-image"]
    arr = _array(ct)
    ggo = (arr > -750) & (arr < -300)
    lungs = lung_mask(arr) | ggo
    fraction = float(ggo.sum()) / max(1.0, float(lungs.sum()))
    score = int(min(5, 1 + int(fraction * 40)))
    probability = round(min(0.99, fraction * 8), 4)
    dense = np.argwhere(arr > 150)
    points = []
    if len(dense):
        z, y, x = dense.mean(axis=0)
        sx, sy, sz = ct.GetSpacing()
        points.append({"name": "nodule 1", "point": [float(x * sx), float(y * sy), float(z * sz)]})
    nodules = {
        "type": "Multiple points",
        "points": points,
        "version": {"major": 1, "minor": 0},
    }
    report = tiny_pdf(f"CO-RADS {score}; COVID-19 probability {probability:.2f}")
    return {
        "corads-score": score,
        "covid-19-probability": probability,
        "nodules": nodules,
        "report": report,
    }


@register("echo")
def echo(inputs: dict[str, Any]) -> dict[str, Any]:
    """Returns every value input unchanged under ``some-score`` (for tests)."""
    (value,) = inputs.values()
    return {"some-score": float(value) if isinstance(value, (int, float)) else 0.0}


def synthetic_ct(seed: int, shape: tuple[int, int, int] = (16, 40, 40)) -> Any:
    """A small deterministic chest-CT-like volume (int16 HU, z/y/x): air, body, two lungs,
    ground-glass patches growing with ``seed`` and a dense nodule."""
    rng = np.random.default_rng(seed)
    d, h, w = shape
    z, y, x = np.mgrid[0:d, 0:h, 0:w].astype(np.float32)
    arr = np.full(shape, -1000.0, dtype=np.float32)
    body = ((y - h / 2) / (h * 0.45)) ** 2 + ((x - w / 2) / (w * 0.47)) ** 2 <= 1
    arr[body] = 40
    for cx in (w * 0.3, w * 0.7):
        lung = ((y - h / 2) / (h * 0.32)) ** 2 + ((x - cx) / (w * 0.16)) ** 2 + (
            (z - d / 2) / (d * 0.55)
        ) ** 2 <= 1
        arr[lung] = -850
    for k in range(seed % 4 + 1):
        cz, cy, cx2 = d / 2 + k - 1, h / 2 + 3 * k - 3, w * (0.3 if k % 2 else 0.7)
        patch = ((z - cz) / 3) ** 2 + ((y - cy) / 4) ** 2 + ((x - cx2) / 3) ** 2 <= 1
        arr[patch & (arr < -500)] = -600
    nod = ((z - d / 2) / 1.5) ** 2 + ((y - h / 2 + 5) / 1.5) ** 2 + ((x - w * 0.3) / 1.5) ** 2 <= 1
    arr[nod] = 300
    arr += rng.normal(0, 8, size=shape)
    return arr.astype(np.int16)


def write_synthetic_cts(
    directory: str | os.PathLike[str], n: int, *, prefix: str = "case", first_seed: int = 1
) -> list[Path]:
    """Write ``n`` small synthetic chest CTs (:func:`synthetic_ct`, 0.8 x 0.8 x 2.5 mm) as
    ``<prefix>01.mha``, ``<prefix>02.mha``, ... into ``directory``: test data that the local
    server's importer and seeded algorithms accept. Needs SimpleITK (the ``server`` extra).

    Example:
        >>> import tempfile
        >>> [p.name for p in write_synthetic_cts(tempfile.mkdtemp(), 2)]
        ['case01.mha', 'case02.mha']
    """
    sitk = sitk_module()
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        image = sitk.GetImageFromArray(synthetic_ct(first_seed + i))
        image.SetSpacing((0.8, 0.8, 2.5))
        path = folder / f"{prefix}{i + 1:02d}.mha"
        sitk.WriteImage(image, str(path), True)
        paths.append(path)
    return paths


def _phantom_slice(size: int, index: int, n: int, rng: Any) -> Any:
    """One CT-like ``size`` x ``size`` int16 slice (HU) for :func:`synthetic_dicom_series`."""
    y, x = np.mgrid[:size, :size].astype(np.float64)
    centre = (size - 1) / 2
    # the body narrows towards both ends of the series, as a trunk does
    scale = 1.0 - 0.15 * abs(2 * index / max(n - 1, 1) - 1)
    a, b = 0.42 * size * scale, 0.32 * size * scale
    r = ((x - centre) / a) ** 2 + ((y - centre) / b) ** 2
    slice_ = np.full((size, size), -1024.0)
    body = r < 1
    slice_[body] = 40.0 + rng.normal(0.0, 20.0, int(body.sum()))
    bone = (r > 0.55) & (r < 0.7)
    slice_[bone] = 700.0 + rng.normal(0.0, 20.0, int(bone.sum()))
    return np.clip(np.rint(slice_), -1024, 3071).astype(np.int16)


def synthetic_dicom_series(
    n: int = 3,
    size: int = 8,
    seed: int = 0,
    *,
    patient_id: str = "anon",
    patient_name: str = "Anon",
    sop_class_uid: str | None = None,
    pixels: Literal["noise", "phantom"] = "noise",
) -> list[bytes]:
    """A small valid CT DICOM series, one file's bytes per slice (``n`` slices of ``size`` x
    ``size`` int16, 2 mm apart, uncompressed): test data that the local server's importer
    assembles into one image. Needs pydicom (the ``server`` extra). ``patient_id`` and
    ``patient_name`` go in every file (to check de-identification); ``sop_class_uid`` replaces
    CT Image Storage (e.g. one that grand-challenge's de-identification procedure rejects).

    ``pixels``: ``"noise"``, uniform in [-1000, 1000) (incompressible: deflate leaves ~82%), or
    ``"phantom"``, a CT-like slice that compresses like real CT (deflate level 1: ~22%): air
    at -1024 HU around an elliptic body of ~40 HU tissue with gaussian noise (sigma 20), a
    ~700 HU bone ring inside it, the ellipse changing slightly from slice to slice. Both are
    seeded by ``seed``.

    Example:
        >>> files = synthetic_dicom_series(2)
        >>> len(files), files[0][128:132]
        (2, b'DICM')
        >>> import zlib
        >>> phantom = synthetic_dicom_series(1, size=64, pixels="phantom")[0]
        >>> len(zlib.compress(phantom, 1)) < len(phantom) // 2
        True
    """
    import pydicom
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import UID, CTImageStorage, ExplicitVRLittleEndian, generate_uid

    sop_class = UID(sop_class_uid) if sop_class_uid else CTImageStorage
    study, series, frame = generate_uid(), generate_uid(), generate_uid()
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        sop = generate_uid()
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = sop_class
        meta.MediaStorageSOPInstanceUID = sop
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds = Dataset()
        ds.file_meta = meta
        ds.SOPClassUID, ds.SOPInstanceUID = sop_class, sop
        ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = study, series, frame
        ds.Modality, ds.PatientID, ds.PatientName = "CT", patient_id, patient_name
        ds.InstanceNumber = i + 1
        ds.ImagePositionPatient = [0.0, 0.0, float(i * 2)]
        ds.ImageOrientationPatient = [1.0, 0.0, 0.0, 0.0, 1.0, 0.0]
        ds.PixelSpacing, ds.SliceThickness = [0.5, 0.5], 2.0
        ds.Rows = ds.Columns = size
        ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
        ds.BitsAllocated = ds.BitsStored = 16
        ds.HighBit, ds.PixelRepresentation = 15, 1
        ds.RescaleIntercept, ds.RescaleSlope = 0, 1
        if pixels == "phantom":
            slice_ = _phantom_slice(size, i, n, rng)
        else:
            slice_ = rng.integers(-1000, 1000, (size, size)).astype(np.int16)
        ds.PixelData = slice_.tobytes()
        buf = io.BytesIO()
        pydicom.dcmwrite(buf, ds, enforce_file_format=True)
        out.append(buf.getvalue())
    return out

"""Whether a local file can be an image grand-challenge imports, from its first bytes.

grand-challenge imports the files of an Image socket with ``panimg`` in the background: a
file it cannot read is uploaded, then fails there, leaving an object without the value. The
plan refuses such files before any request, by sniffing their header (no image library
needed): MHA/MHD (the MetaImage text header, ``.mhd`` with its data file in the same case:
``.raw``, ``.zraw`` or any name its ``ElementDataFile`` line gives),
NIfTI (``.nii``/``.nii.gz``), NRRD, DICOM (``DICM`` at byte 128), TIFF, PNG and JPEG, and the
``.zip``/``.tar.gz`` archives the server unpacks. When SimpleITK is installed (the ``server``
extra), the headers of MHA, MHD, NIfTI and NRRD files are also read with it, to catch corrupt
ones; it is imported only then.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "scan.mha").write_bytes(b"%PDF-1.4\\n")
    >>> image_file_problem(folder / "scan.mha", ())
    'it is a PDF document, not an image'
"""

from __future__ import annotations

import gzip
import importlib
import math
import zlib
from collections.abc import Collection
from pathlib import Path
from typing import Any

__all__ = ["EXPECTED_IMAGE_FORMATS", "image_file_problem"]

#: What the plan's error says an Image socket takes.
EXPECTED_IMAGE_FORMATS = (
    "MHA/MHD (.mha, or .mhd with its data file)",
    "NIfTI (.nii, .nii.gz)",
    "NRRD (.nrrd)",
    "DICOM",
    "TIFF",
    "PNG",
    "JPEG",
    ".zip or .tar.gz of those",
)
#: Formats panimg reads that are not sniffed (OCT, MIRAX): taken by their extension.
_BY_EXTENSION = (".fds", ".fda", ".e2e", ".mrxs")
_MHD_DATA = (".raw", ".zraw")
_HEAD = 4096
#: A MetaImage header longer than this is not looked for (the data follows it in ``.mha``).
_MAX_META_HEADER = 64 * 1024
_META_SIZES = {
    "MET_CHAR": 1,
    "MET_UCHAR": 1,
    "MET_SHORT": 2,
    "MET_USHORT": 2,
    "MET_INT": 4,
    "MET_UINT": 4,
    "MET_FLOAT": 4,
    "MET_DOUBLE": 8,
    "MET_LONG_LONG": 8,
    "MET_ULONG_LONG": 8,
}
_OTHER_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"{", "text"),
    (b"[", "text"),
)


def _name_ends(path: Path, *suffixes: str) -> bool:
    return path.name.lower().endswith(suffixes)


def image_file_problem(path: Path, case_files: Collection[Path]) -> str | None:
    """Why ``path`` cannot be (part of) an image grand-challenge imports, or None.

    ``case_files`` are all files given for the same socket value (an ``.mhd`` needs its data
    file among them). A file an ``.mhd`` among them names in its ``ElementDataFile`` line is
    that header's data, whatever its name (``scan.raw``, ``scan.img``, ``volume``); a
    ``.raw``/``.zraw`` file no header names is refused.

    Example:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> header = "ObjectType = Image\\nNDims = 1\\nDimSize = 2\\nElementType = MET_UCHAR\\n"
        >>> _ = (folder / "scan.mhd").write_text(header + "ElementDataFile = scan.img\\n")
        >>> _ = (folder / "scan.img").write_bytes(bytes(2))
        >>> files = [folder / "scan.mhd", folder / "scan.img"]
        >>> [image_file_problem(p, files) for p in files]
        [None, None]
        >>> image_file_problem(folder / "scan.img", [folder / "scan.img"])
        'its content is none of the image formats grand-challenge imports'
    """
    with path.open("rb") as fh:
        head = fh.read(_HEAD)
    if not head:
        return "it is empty (0 bytes)"
    problem = _sniffed_problem(path, head, case_files)
    if problem is not None and _named_data_file(path, case_files):
        return None  # the data of a header given with it: raw bytes, any name
    return problem


def _named_data_file(path: Path, case_files: Collection[Path]) -> bool:
    """Whether an ``.mhd`` among ``case_files`` names ``path`` in its ``ElementDataFile``."""
    for other in case_files:
        if other != path and _name_ends(other, ".mhd"):
            named = _meta_data_file(other)
            if named is not None and Path(named).name == path.name:
                return True
    return False


def _sniffed_problem(path: Path, head: bytes, case_files: Collection[Path]) -> str | None:
    """:func:`image_file_problem` from the file's name and first bytes ``head`` alone."""
    if _name_ends(path, *_BY_EXTENSION):
        return None
    if _name_ends(path, *_MHD_DATA):
        return "it is raw image data without the .mhd header that names it"
    if head[128:132] == b"DICM":
        return None
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return None
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        return None
    if head.startswith(b"NRRD000"):
        return _needs_suffix(path, (".nrrd", ".nhdr"), "NRRD") or _sitk_problem(path)
    if _nifti(head):
        return _needs_suffix(path, (".nii",), "NIfTI") or _sitk_problem(path)
    if head.startswith(b"\x1f\x8b"):
        return _gzip_problem(path)
    if head.startswith(b"PK\x03\x04") and _name_ends(path, ".zip"):
        return None
    meta = _meta_header(path)
    if meta is not None:
        problem = _needs_suffix(path, (".mha", ".mhd"), "MetaImage (MHA/MHD)") or _meta_problem(
            path, meta, case_files
        )
        return problem or _sitk_problem(path)
    for magic, what in _OTHER_MAGIC:
        if head.startswith(magic):
            return f"it is {what}, not an image"
    if b"\x00" not in head:
        return "it is text, not an image"
    return "its content is none of the image formats grand-challenge imports"


def _needs_suffix(path: Path, suffixes: tuple[str, ...], what: str) -> str | None:
    if _name_ends(path, *suffixes):
        return None
    return f"it holds {what} data but is not named {' or '.join(suffixes)}, so it is not imported"


def _nifti(head: bytes) -> bool:
    """NIfTI-1 (348-byte header, magic at 344) or NIfTI-2 (540 bytes, magic at 4)."""
    if len(head) < 8:
        return False
    sizes = {int.from_bytes(head[:4], "little"), int.from_bytes(head[:4], "big")}
    if 348 in sizes and len(head) >= 348:
        return head[344:348] in (b"n+1\x00", b"ni1\x00")
    return 540 in sizes and head[4:8] in (b"n+2\x00", b"ni2\x00")


def _gzip_problem(path: Path) -> str | None:
    if _name_ends(path, ".tar.gz", ".tgz"):
        return None
    if not _name_ends(path, ".nii.gz"):
        return "it is gzip-compressed but not a .nii.gz or .tar.gz file"
    try:
        with gzip.open(path, "rb") as fh:
            head = fh.read(544)
    except (OSError, EOFError, zlib.error):
        return "it is not a valid gzip file"
    if not _nifti(head):
        return "it is a gzip file without a NIfTI header"
    return _sitk_problem(path)


def _meta_header(path: Path) -> dict[str, str] | None:
    """The ``Key = Value`` lines of a MetaImage header (up to ``ElementDataFile``), or None
    when the file does not start like one."""
    with path.open("rb") as fh:
        raw = fh.read(_MAX_META_HEADER)
    fields: dict[str, str] = {}
    offset = 0
    for line in raw.split(b"\n"):
        offset += len(line) + 1
        text = line.decode("latin-1").strip()
        if not text:
            continue
        key, sep, value = text.partition("=")
        if not sep or not key.strip().replace("_", "").isalnum():
            break
        fields[key.strip()] = value.strip()
        if key.strip() == "ElementDataFile":
            fields["\0offset"] = str(offset)
            break
    if not fields or not {"ObjectType", "NDims"} & fields.keys():
        return None
    return fields


def _meta_data_file(mhd: Path) -> str | None:
    try:
        fields = _meta_header(mhd)
    except OSError:
        return None
    return None if fields is None else fields.get("ElementDataFile")


def _meta_problem(path: Path, fields: dict[str, str], case_files: Collection[Path]) -> str | None:
    if "ElementDataFile" not in fields:
        return "its MetaImage header is incomplete (no ElementDataFile line; truncated?)"
    for key in ("NDims", "DimSize", "ElementType"):
        if key not in fields:
            return f"its MetaImage header has no {key} line"
    data = fields["ElementDataFile"]
    if data.upper() != "LOCAL":
        if _name_ends(path, ".mha"):
            return "it is an .mha whose data is in another file; use .mhd with its data file"
        if "%" in data or data.upper().startswith("LIST") or " " in data:
            return None  # a file pattern or list: left to the server
        if Path(data).name not in {p.name for p in case_files}:
            return f"its data file {data!r} is not among the files given for this image"
        return None
    return _local_data_problem(path, fields)


def _local_data_problem(path: Path, fields: dict[str, str]) -> str | None:
    """An ``.mha`` shorter than its header says (data or compressed data size) is truncated."""
    if "HeaderSize" in fields:
        return None
    size = _META_SIZES.get(fields["ElementType"].upper())
    try:
        dims = [int(d) for d in fields["DimSize"].split()]
        channels = int(fields.get("ElementNumberOfChannels", "1"))
        packed = int(fields.get("CompressedDataSize", "-1"))
    except ValueError:
        return "its MetaImage header has a size that is not an integer"
    if fields.get("CompressedData", "False").lower() == "true":
        expected = packed
    else:
        expected = -1 if size is None else math.prod(dims) * channels * size
    if expected < 0:
        return None
    have = path.stat().st_size - int(fields["\0offset"])
    if have < expected:
        return f"it is truncated: its header says {expected:,} bytes of data, it holds {have:,}"
    return None


def _sitk_problem(path: Path) -> str | None:
    """SimpleITK's verdict on the header, when SimpleITK is installed (else None)."""
    try:
        sitk: Any = importlib.import_module("SimpleITK")
    except ImportError:
        return None
    reader = sitk.ImageFileReader()
    reader.SetFileName(str(path))
    try:
        reader.ReadImageInformation()
    except RuntimeError as exc:
        first = next((ln.strip() for ln in str(exc).splitlines() if ln.strip()), "")
        return f"its header cannot be read ({first[:200] or 'SimpleITK refused it'})"
    return None

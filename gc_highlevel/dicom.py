"""DICOM for grand-challenge: series, local de-identification, one-zip uploads, image sets.

Needs the ``dicom`` extra (``pip install 'gc-client[dicom]'``: pydicom and the official
``grand-challenge-dicom-de-identifier``); imported only when DICOM files are met.

* **Series.** :func:`group_series` groups files by ``SeriesInstanceUID`` (headers only,
  ``stop_before_pixels``), whatever their folders; files that are not DICOM are listed apart.
  A case value (a folder or list of files) for an Image socket must hold one series: two
  series, or DICOM mixed with other files, raise :class:`DicomSeriesError` before any request
  (grand-challenge would refuse it later: "Image imports should result in a single image").
  The command line's folder selection instead makes one case per series.
* **De-identification** with the procedure grand-challenge itself applies
  (``grand_challenge_dicom_de_identifier``, one de-identifier per series, so the new UIDs are
  consistent): always for ``DICOM Image Set`` sockets, and on request for other image sockets
  (pass :class:`DicomFiles` with ``deidentify=True``, or call :func:`deidentify_files`). A file
  the procedure rejects (an unsupported SOP class, a series whose identifiers differ across
  files) raises :class:`DicomRejectedError` while the case is planned, before any request.
  De-identified copies are written to a temporary folder, named ``00000.dcm``, ... (an original
  name may identify the patient), and deleted after the upload; no original file is changed.
* **One upload per series.** A DICOM series (or any image of more than
  :data:`ZIP_FILES_OVER` files) given to an ``Image``/``Segmentation``/... socket is sent as one
  ``.zip`` that grand-challenge's importer extracts (``cases/tasks.py::extract_files``; checked
  against the server: a 1-series zip gives one image, a 2-series zip two images and a refusal).
  Its members are deflated (zlib level 1) when a sample of them compresses to at most
  :data:`DEFLATE_AT_MOST` of its size (uncompressed CT: 20-35%), and stored otherwise (JPEG
  2000 and other compressed transfer syntaxes, noise), so no CPU is spent on data that does
  not shrink; the importer extracts either (Python's ``zipfile``; checked against the real
  server: a deflated 12-slice zip gave one image holding the files' voxels).
  ``DICOM Image Set`` sockets take one upload per file (the server de-identifies each upload as
  one DICOM file; a zip would be rejected there).
* **Image sets.** :func:`download_image_set` / :func:`adownload_image_set` write the instances
  of an image's DICOM Image Set to a folder (``<SOPInstanceUID>.dcm``), following the presigned
  requests of ``GET /cases/images/<pk>/dicom/instances/`` without sending the API token.

What was done to each value (and the bytes sent against the bytes given) is logged (logger
``gc_highlevel``, INFO) and collected by :func:`preparations`.

Example:
    >>> import tempfile
    >>> from gc_highlevel.testing import synthetic_dicom_series
    >>> folder = Path(tempfile.mkdtemp())
    >>> for i, data in enumerate(synthetic_dicom_series(3) + synthetic_dicom_series(2, seed=1)):
    ...     _ = (folder / f"IM{i}").write_bytes(data)
    >>> [len(s.files) for s in group_series(sorted(folder.iterdir())).series]
    [3, 2]
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gc_highlevel._exceptions import (
    DicomRejectedError,
    DicomSeriesError,
    InvalidArgumentError,
)
from gc_highlevel._utils import import_extra

if TYPE_CHECKING:
    from gc_highlevel._async._client import AsyncClient
    from gc_highlevel._sync._client import Client

__all__ = [
    "DEFLATE_AT_MOST",
    "DEFLATE_SAMPLE_BYTES",
    "DICOM_IMAGE_SET_KIND",
    "UNIQUE_PER_SET",
    "ZIP_FILES_OVER",
    "DeidentifyReport",
    "DicomFiles",
    "DicomRejectedError",
    "DicomSeries",
    "DicomSeriesError",
    "Preparation",
    "SeriesGrouping",
    "adownload_image_set",
    "check_deidentifiable",
    "deidentify_files",
    "download_image_set",
    "group_series",
    "is_dicom_file",
    "preparations",
    "zip_files",
]

_log = logging.getLogger("gc_highlevel")

#: The socket kind whose files grand-challenge imports into AWS HealthImaging.
DICOM_IMAGE_SET_KIND = "DICOM Image Set"
#: Elements grand-challenge requires to be equal in every file of one DICOM Image Set (the
#: ``assert_unique_value_for`` of its importer, ``cases/models.py::_deidentify_files``).
UNIQUE_PER_SET = (
    "StudyInstanceUID",
    "SeriesInstanceUID",
    "PatientID",
    "StudyID",
    "StudyDate",
    "AccessionNumber",
    "SeriesNumber",
)
#: An image of more files than this is sent as one zip even when it is not DICOM (a DICOM
#: series of two or more files always is).
ZIP_FILES_OVER = 10
#: A zip's members are deflated when a sample of them deflates to at most this fraction of its
#: size (uncompressed CT: 0.2-0.35), and stored otherwise: data that shrinks less (int16 noise:
#: 0.77-0.82, deflated at a quarter of CT's speed) costs more time to deflate than it saves.
DEFLATE_AT_MOST = 0.7
#: How many bytes (from the first files) :func:`zip_files` deflates to decide.
DEFLATE_SAMPLE_BYTES = 256 * 1024


def _pydicom() -> Any:
    """pydicom, or :class:`~gc_highlevel.MissingExtraError` naming the ``pip install``."""
    return import_extra("pydicom", extra="dicom", needs="DICOM files need pydicom")


def _deidentifier_module(name: str) -> Any:
    return import_extra(
        f"grand_challenge_dicom_de_identifier.{name}",
        extra="dicom",
        needs="de-identifying DICOM needs grand-challenge's de-identifier",
    )


def is_dicom_file(path: Path) -> bool:
    """Whether ``path`` starts like a DICOM file (``DICM`` at byte 128).

    Example:
        >>> is_dicom_file(Path(__file__))
        False
    """
    try:
        with path.open("rb") as fh:
            return fh.read(132)[128:132] == b"DICM"
    except OSError:
        return False


# -- series ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class DicomSeries:
    """The files of one series (by ``SeriesInstanceUID``), in the order given."""

    series_instance_uid: str
    files: tuple[Path, ...]
    modality: str = ""
    description: str = ""
    number: str = ""

    @property
    def label(self) -> str:
        """How errors and summaries name the series.

        Example:
            >>> DicomSeries("1.2.3", (Path("a"),), "CT", "thorax", "4").label
            "series 4 'thorax' (CT, 1 file, SeriesInstanceUID 1.2.3)"
        """
        parts = [p for p in (self.number, repr(self.description) if self.description else "") if p]
        count = f"{len(self.files)} file{'s' if len(self.files) != 1 else ''}"
        what = ", ".join(p for p in (self.modality, count) if p)
        head = " ".join(["series", *parts]) if parts else "series"
        return f"{head} ({what}, SeriesInstanceUID {self.series_instance_uid})"


@dataclass(frozen=True)
class SeriesGrouping:
    """DICOM files grouped into series, and the files that are not DICOM."""

    series: tuple[DicomSeries, ...]
    not_dicom: tuple[Path, ...] = ()


def group_series(paths: Iterable[str | Path]) -> SeriesGrouping:
    """Group files into series by ``SeriesInstanceUID`` (headers only), whatever their
    folders; series in order of their first file, files not DICOM listed apart.

    Example:
        >>> group_series([Path(__file__)]).not_dicom == (Path(__file__),)
        True
    """
    pydicom = _pydicom()
    by_uid: dict[str, list[Path]] = {}
    info: dict[str, tuple[str, str, str]] = {}
    other: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not is_dicom_file(path):
            other.append(path)
            continue
        try:
            ds = pydicom.dcmread(path, stop_before_pixels=True)
        except Exception:
            other.append(path)
            continue
        uid = str(ds.get("SeriesInstanceUID", "") or "")
        by_uid.setdefault(uid, []).append(path)
        if uid not in info:
            info[uid] = (
                str(ds.get("Modality", "") or ""),
                str(ds.get("SeriesDescription", "") or ""),
                str(ds.get("SeriesNumber", "") or ""),
            )
    series = tuple(DicomSeries(uid, tuple(files), *info[uid]) for uid, files in by_uid.items())
    return SeriesGrouping(series, tuple(other))


def one_series(slug: str, paths: Sequence[Path]) -> DicomSeries | None:
    """The one DICOM series that ``paths`` hold, or None when none is DICOM; raises
    :class:`DicomSeriesError` for several series or DICOM mixed with other files."""
    dicom = [p for p in paths if is_dicom_file(p)]
    if not dicom:
        return None
    grouping = group_series(paths)
    where = paths[0]
    if len(grouping.series) > 1:
        names = "; ".join(s.label for s in grouping.series)
        raise DicomSeriesError(
            f"socket {slug!r}: the files given for one image hold {len(grouping.series)} DICOM "
            f"series ({names}); grand-challenge imports one image per value. Give each series "
            "as its own case (gc_highlevel.dicom.group_series splits them)",
            slug=slug,
            path=where,
            series=grouping.series,
        )
    if grouping.not_dicom:
        shown = ", ".join(repr(p.name) for p in grouping.not_dicom[:5])
        more = f" and {len(grouping.not_dicom) - 5} more" if len(grouping.not_dicom) > 5 else ""
        raise DicomSeriesError(
            f"socket {slug!r}: {len(grouping.not_dicom)} of the files given with the DICOM "
            f"series are not DICOM ({shown}{more}); they would not be part of the image. "
            "Remove them from the value",
            slug=slug,
            path=grouping.not_dicom[0],
            series=grouping.series,
            not_dicom=grouping.not_dicom,
        )
    return grouping.series[0]


# -- the value wrapper -----------------------------------------------------------------------
class DicomFiles(tuple[Path, ...]):
    """The files of one DICOM series as a case value, with options: ``deidentify=True``
    de-identifies them locally before upload (always done for DICOM Image Set sockets);
    ``image_name`` names the image a DICOM Image Set socket makes (by default a name made
    from a hash of the files, never from folder or file names, which often name the patient).

    A folder stands for its files (hidden ones skipped).

    Example:
        >>> value = DicomFiles([Path("s/1.dcm"), Path("s/2.dcm")], deidentify=True)
        >>> len(value), value.deidentify
        (2, True)
        >>> DicomFiles([Path("s/1.dcm")], image_name="CT 1").image_name
        'CT 1'
    """

    deidentify: bool
    image_name: str | None

    def __new__(
        cls,
        files: str | Path | Iterable[str | Path],
        *,
        deidentify: bool = True,
        image_name: str | None = None,
    ) -> DicomFiles:
        if isinstance(files, (str, Path)):
            folder = Path(files).expanduser()
            listed = (
                sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
                if folder.is_dir()
                else [folder]
            )
        else:
            listed = [Path(p).expanduser() for p in files]
        if image_name is not None and not (isinstance(image_name, str) and image_name.strip()):
            raise InvalidArgumentError("image_name must be a non-empty string (or None)")
        self = super().__new__(cls, listed)
        self.deidentify = deidentify
        self.image_name = image_name.strip() if image_name is not None else None
        return self

    def with_paths(self, paths: Iterable[Path]) -> DicomFiles:
        """The same options for other (e.g. resolved) paths."""
        return DicomFiles(list(paths), deidentify=self.deidentify, image_name=self.image_name)


def wants_deidentify(paths: Sequence[Path], kind: str) -> bool:
    """Whether the files of a value of socket kind ``kind`` are de-identified before upload."""
    return kind == DICOM_IMAGE_SET_KIND or bool(getattr(paths, "deidentify", False))


# -- de-identification -----------------------------------------------------------------------
def _deidentifier() -> Any:
    module = _deidentifier_module("deidentifier")
    return module.DicomDeidentifier(assert_unique_value_for=list(UNIQUE_PER_SET))


def _rejected() -> type[Exception]:
    rejected: type[Exception] = _deidentifier_module("exceptions").RejectedDICOMFileError
    return rejected


def _rejection(slug: str, path: Path, exc: Exception) -> DicomRejectedError:
    why = str(getattr(exc, "justification", "") or exc)
    return DicomRejectedError(
        f"socket {slug!r}: grand-challenge's DICOM de-identification rejects {str(path)!r}: {why}",
        slug=slug,
        path=path,
        justification=why,
    )


def check_deidentifiable(paths: Sequence[Path], *, slug: str = "") -> None:
    """Run the de-identification procedure on the headers of ``paths`` (nothing is written);
    raise :class:`DicomRejectedError` for the first file it rejects.

    Example:
        >>> check_deidentifiable([])
    """
    if not paths:
        return
    pydicom = _pydicom()
    deid = _deidentifier()
    rejected = _rejected()
    for path in paths:
        try:
            ds = pydicom.dcmread(path, stop_before_pixels=True, force=True)
            deid.deidentify_dataset(ds)
        except rejected as exc:
            raise _rejection(slug, path, exc) from None
        except Exception as exc:
            raise _rejection(slug, path, exc) from None


@dataclass(frozen=True)
class DeidentifyReport:
    """What :func:`deidentify_files` did: each source file and its de-identified copy."""

    sources: tuple[Path, ...]
    files: tuple[Path, ...]
    procedure: str

    def __str__(self) -> str:
        return (
            f"{len(self.files)} DICOM file(s) de-identified with grand-challenge's procedure "
            f"{self.procedure}"
        )


def deidentify_files(
    paths: Sequence[str | Path], out_dir: str | Path, *, slug: str = ""
) -> DeidentifyReport:
    """Write a de-identified copy of each file of one series to ``out_dir``
    (``00000.dcm``, ``00001.dcm``, ... in the order given); the originals are only read.

    Raises :class:`DicomRejectedError` for a file the procedure rejects (nothing is kept
    then).

    Example:
        >>> import tempfile
        >>> from gc_highlevel.testing import synthetic_dicom_series
        >>> src, out = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp())
        >>> _ = (src / "a.dcm").write_bytes(synthetic_dicom_series(1, patient_id="PID-1")[0])
        >>> report = deidentify_files([src / "a.dcm"], out)
        >>> [p.name for p in report.files], b"PID-1" in report.files[0].read_bytes()
        (['00000.dcm'], False)
    """
    deid = _deidentifier()
    rejected = _rejected()
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    sources = tuple(Path(p) for p in paths)
    written: list[Path] = []
    try:
        for index, path in enumerate(sources):
            target = folder / f"{index:05d}.dcm"
            try:
                deid.deidentify_file(path, output=target)
            except rejected as exc:
                raise _rejection(slug, path, exc) from None
            written.append(target)
    except BaseException:
        for done in written:
            done.unlink(missing_ok=True)
        raise
    version = str(deid.procedure.get("version", "unknown"))
    return DeidentifyReport(sources, tuple(written), version)


def zip_files(paths: Sequence[str | Path], dest: str | Path) -> Path:
    """One ``.zip`` of ``paths`` (flat, by file name; names must be distinct), at ``dest``.

    Members are deflated (zlib level 1, ~150 MB/s on one core) when they compress: the first
    :data:`DEFLATE_SAMPLE_BYTES` of the files are deflated in memory first, and if they shrink
    to more than :data:`DEFLATE_AT_MOST` of their size every member is stored instead, so no
    CPU is spent on data that does not compress (JPEG 2000 and other compressed transfer
    syntaxes, noise). Uncompressed CT typically deflates to 20-35% (air around the body);
    grand-challenge's importer reads either (Python's ``zipfile``).

    Example:
        >>> import os
        >>> import tempfile
        >>> import zipfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "a").write_bytes(bytes(4096))
        >>> _ = (folder / "b").write_bytes(os.urandom(4096))
        >>> zip_files([folder / "a"], folder / "a.zip").name
        'a.zip'
        >>> zipfile.ZipFile(folder / "a.zip").getinfo("a").compress_type == zipfile.ZIP_DEFLATED
        True
        >>> stored = zip_files([folder / "b"], folder / "b.zip")
        >>> zipfile.ZipFile(stored).getinfo("b").compress_type == zipfile.ZIP_STORED
        True
    """
    return _write_zip(paths, dest)[0]


def _compresses(paths: Sequence[Path]) -> bool:
    """Whether the first :data:`DEFLATE_SAMPLE_BYTES` of ``paths`` deflate to at most
    :data:`DEFLATE_AT_MOST` of their size."""
    sample = bytearray()
    for path in paths:
        with path.open("rb") as fh:
            sample += fh.read(DEFLATE_SAMPLE_BYTES - len(sample))
        if len(sample) >= DEFLATE_SAMPLE_BYTES:
            break
    if not sample:
        return False
    return len(zlib.compress(bytes(sample), 1)) <= DEFLATE_AT_MOST * len(sample)


def _write_zip(paths: Sequence[str | Path], dest: str | Path) -> tuple[Path, bool]:
    """:func:`zip_files`, and whether its members were deflated."""
    target = Path(dest)
    files = [Path(p) for p in paths]
    names = [p.name for p in files]
    if len(set(names)) != len(names):
        raise InvalidArgumentError("the files of one zip must have distinct names")
    deflate = _compresses(files)
    method = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    with zipfile.ZipFile(target, "w", method, compresslevel=1 if deflate else None) as zf:
        for path, name in zip(files, names, strict=True):
            zf.write(path, arcname=name)
    return target, deflate


# -- what the uploads did --------------------------------------------------------------------
@dataclass(frozen=True)
class Preparation:
    """How one image value's files were sent: ``deidentified`` (copies made with grand-
    challenge's procedure), ``zipped`` (as one ``.zip``), ``deflated`` (the zip's members
    compressed; stored when they do not compress), ``uploads`` (how many uploads), and
    ``original_bytes`` (the files given) against ``sent_bytes`` (the files uploaded).

    Example:
        >>> print(Preparation("ct-image", 300, False, True, 1, "", 157_440_000, 34_636_800, True))
        socket 'ct-image': 300 file(s) zipped and deflated to 22% (157.4 MB -> 34.6 MB), 1 upload(s)
    """

    slug: str
    files: int
    deidentified: bool
    zipped: bool
    uploads: int
    series_instance_uid: str = ""
    original_bytes: int = 0
    sent_bytes: int = 0
    deflated: bool = False

    def __str__(self) -> str:
        done = []
        if self.deidentified:
            done.append("de-identified")
        if self.zipped:
            done.append("zipped")
        how = " and ".join(done) or "sent as they are"
        if self.deflated and self.original_bytes:
            share = self.sent_bytes / self.original_bytes
            how += (
                f" and deflated to {share:.0%} ({self.original_bytes / 1e6:.1f} MB -> "
                f"{self.sent_bytes / 1e6:.1f} MB)"
            )
        elif self.zipped:
            how += " (stored: the files do not compress)"
        return f"socket {self.slug!r}: {self.files} file(s) {how}, {self.uploads} upload(s)"


_collectors: list[list[Preparation]] = []
_collectors_lock = threading.Lock()


@contextlib.contextmanager
def preparations() -> Iterator[list[Preparation]]:
    """Collect what the uploads inside the ``with`` block did to DICOM and many-file images.

    Example:
        >>> with preparations() as done:
        ...     pass  # client.archives.add_cases(...)
        >>> done
        []
    """
    found: list[Preparation] = []
    with _collectors_lock:
        _collectors.append(found)
    try:
        yield found
    finally:
        with _collectors_lock:
            _collectors.remove(found)


def _report(prep: Preparation) -> None:
    _log.info("%s", prep)
    with _collectors_lock:
        for found in _collectors:
            found.append(prep)


@dataclass
class PreparedFiles:
    """The files to upload for one image value (copies in ``tmp``, removed by ``close``)."""

    paths: list[Path]
    preparation: Preparation | None = None
    tmp: Path | None = field(default=None, repr=False)
    #: ``tmp`` is a reusable folder (see :func:`prepare_image_files`).
    reusable: bool = field(default=False, repr=False)

    def close(self, *, keep: bool = False) -> None:
        """Remove the copies; ``keep=True`` leaves a reusable folder in place for the rerun
        that finishes its upload. The shared folder of reusable ones goes with its last."""
        if self.tmp is not None:
            if not (keep and self.reusable):
                shutil.rmtree(self.tmp, ignore_errors=True)
                if self.reusable:
                    with contextlib.suppress(OSError):  # not empty: other runs' folders
                        self.tmp.parent.rmdir()
            self.tmp = None


#: Bumped when what :func:`prepare_image_files` writes changes (old folders are not reused).
_PREPARED_FORMAT = 1


def _prepared_root() -> Path:
    """Where reusable prepared files live: ``gc-client-prepared-<uid>`` in the temporary
    directory (the user's own, mode 0700)."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"gc-client-prepared-{uid}"


def _staging_folder(final: Path) -> Path:
    """A new folder beside ``final`` to write a preparation into before it is renamed to
    ``final`` (the shared folder is made as needed: the last run to empty it removes it)."""
    for _attempt in range(3):
        final.parent.mkdir(mode=0o700, exist_ok=True)
        try:
            return Path(tempfile.mkdtemp(prefix=f"{final.name}.", dir=final.parent))
        except FileNotFoundError:  # removed in between by a run that emptied it
            continue
    return Path(tempfile.mkdtemp(prefix=f"{final.name}.", dir=final.parent))


def _prepared_key(slug: str, kind: str, paths: Sequence[Path], deidentify: bool) -> str:
    """The inputs of a preparation: the files (path, size, modification time) and options."""
    described = [[str(p.resolve()), st.st_size, st.st_mtime_ns] for p in paths for st in [p.stat()]]
    spec = [_PREPARED_FORMAT, slug, kind, deidentify, DEFLATE_AT_MOST, described]
    return hashlib.sha256(json.dumps(spec).encode()).hexdigest()[:32]


def _load_prepared(folder: Path) -> PreparedFiles | None:
    """A complete earlier preparation in ``folder`` (its manifest and every file, at its
    size), or None."""
    try:
        manifest = json.loads((folder / "prepared.json").read_text(encoding="utf-8"))
        paths = [folder / name for name in manifest["files"]]
        if [p.stat().st_size for p in paths] != manifest["sizes"]:
            return None
        done = manifest["preparation"]
        preparation = None if done is None else Preparation(**done)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return PreparedFiles(paths, preparation, tmp=folder, reusable=True)


def _save_prepared(prepared: PreparedFiles) -> None:
    assert prepared.tmp is not None
    done = prepared.preparation
    manifest = {
        "files": [str(p.relative_to(prepared.tmp)) for p in prepared.paths],
        "sizes": [p.stat().st_size for p in prepared.paths],
        "preparation": None if done is None else dataclasses.asdict(done),
    }
    (prepared.tmp / "prepared.json").write_text(json.dumps(manifest), encoding="utf-8")


def prepare_image_files(
    slug: str, kind: str, paths: Sequence[Path], *, reusable: bool = False
) -> PreparedFiles:
    """The files to upload for an image value: de-identified copies (DICOM Image Set
    sockets, or ``DicomFiles(..., deidentify=True)``), and one zip for a DICOM series of
    several files or an image of more than :data:`ZIP_FILES_OVER` files (not for DICOM Image
    Set sockets). The originals are returned unchanged when nothing applies.

    With ``reusable`` (batches with a journal), the copies go to a folder named after the
    inputs (the files' paths, sizes and modification times, and the options) that
    ``close(keep=True)`` leaves in place: the rerun after a failed or interrupted upload finds
    the same files there, byte for byte (de-identification draws new UIDs each time, so they
    could not be made again), and its upload continues with the parts the server lacks.
    Folders are written whole and then renamed into place, so a run never sees half of one.
    """
    deidentify = wants_deidentify(paths, kind)
    dicom = len(paths) > 0 and all(is_dicom_file(p) for p in paths)
    zipped = kind != DICOM_IMAGE_SET_KIND and (
        (dicom and len(paths) > 1) or len(paths) > ZIP_FILES_OVER
    )
    if not (deidentify or zipped):
        return PreparedFiles(list(paths))

    def fill(prepared: PreparedFiles) -> None:
        _prepare_into(prepared, slug, paths, deidentify=deidentify, zipped=zipped)

    if reusable:
        final = _prepared_root() / _prepared_key(slug, kind, paths, deidentify)
        prepared = _in_reusable_folder(final, fill)
    else:
        prepared = PreparedFiles(list(paths), tmp=Path(tempfile.mkdtemp(prefix="gc-client-dicom-")))
        try:
            fill(prepared)
        except BaseException:
            prepared.close()
            raise
    assert prepared.preparation is not None
    _report(prepared.preparation)
    return prepared


def keep_image_file(path: Path, key: str) -> PreparedFiles:
    """The file written for an in-memory image (``SimpleITK.Image``, ``ImageArray``), in a
    reusable folder named after ``key`` (what names the value across runs: its case and
    socket), kept as :func:`prepare_image_files` keeps its copies: when its upload fails, the
    rerun of the batch finds the very bytes the kept upload holds (the image written again
    need not give the same bytes) and finishes that upload with the parts the server lacks.
    An earlier folder of ``key`` is used as it is; ``close()`` removes it once the case is in.

    Example:
        >>> written = Path(tempfile.mkdtemp()) / "ct-image.mha"
        >>> _ = written.write_bytes(b"ObjectType = Image")
        >>> kept = keep_image_file(written, "case 3: ct-image")
        >>> kept.paths[0].read_bytes() == written.read_bytes(), kept.paths[0] != written
        (True, True)
        >>> kept.close(keep=True)  # its upload failed: the rerun finds it
        >>> again = keep_image_file(written, "case 3: ct-image")
        >>> again.paths == kept.paths
        True
        >>> again.close()  # the case is in: removed
    """

    def fill(prepared: PreparedFiles) -> None:
        assert prepared.tmp is not None
        prepared.paths = [prepared.tmp / path.name]
        try:
            os.link(path, prepared.paths[0])  # the same bytes, no copy (same file system)
        except OSError:
            shutil.copyfile(path, prepared.paths[0])

    final = _prepared_root() / f"image-{hashlib.sha256(key.encode()).hexdigest()[:32]}"
    return _in_reusable_folder(final, fill)


def _in_reusable_folder(final: Path, fill: Callable[[PreparedFiles], None]) -> PreparedFiles:
    """The complete earlier preparation in ``final``, else a new one: ``fill`` writes its files
    into a staging folder (setting ``paths``, and ``preparation`` if any), which gets its
    manifest and is then renamed to ``final`` whole (removed if anything fails)."""
    earlier = _load_prepared(final)
    if earlier is not None:
        return earlier
    prepared = PreparedFiles([], tmp=_staging_folder(final))
    try:
        fill(prepared)
        _save_prepared(prepared)
        return _move_into_place(prepared, final)
    except BaseException:
        prepared.close()
        raise


def _prepare_into(
    prepared: PreparedFiles, slug: str, paths: Sequence[Path], *, deidentify: bool, zipped: bool
) -> None:
    """De-identify and/or zip ``paths`` into ``prepared.tmp``; fills ``paths`` and
    ``preparation``."""
    assert prepared.tmp is not None
    tmp = prepared.tmp
    deflated = False
    files: Sequence[Path] = list(paths)
    if deidentify:
        files = deidentify_files(paths, tmp / "deidentified", slug=slug).files
    if zipped:
        name = "series.zip" if deidentify else f"{paths[0].parent.name or 'image'}.zip"
        archive, deflated = _write_zip(files, tmp / name)
        files = [archive]
    prepared.paths = list(files)
    prepared.preparation = Preparation(
        slug,
        len(paths),
        deidentify,
        zipped,
        len(prepared.paths),
        original_bytes=sum(p.stat().st_size for p in paths),
        sent_bytes=sum(p.stat().st_size for p in prepared.paths),
        deflated=deflated,
    )


def _move_into_place(prepared: PreparedFiles, final: Path) -> PreparedFiles:
    """Rename the finished folder to ``final``; when another run got there first, use its
    (complete) folder and drop this one."""
    assert prepared.tmp is not None
    staged = prepared.tmp
    try:
        staged.rename(final)
    except OSError:
        earlier = _load_prepared(final)
        if earlier is None:  # a broken leftover: keep using the staged copy, unshared
            return prepared
        shutil.rmtree(staged, ignore_errors=True)
        return earlier
    moved = [final / p.relative_to(staged) for p in prepared.paths]
    return PreparedFiles(moved, prepared.preparation, tmp=final, reusable=True)


# -- image sets ------------------------------------------------------------------------------
def _image_pk(image: object) -> str:
    pk = getattr(image, "pk", None)
    if pk is not None:
        return str(pk)
    text = str(image).rstrip("/")
    return text.rsplit("/", 1)[-1]


def _instance_path(folder: Path, sop: str) -> Path:
    name = f"{sop}.dcm"
    if "/" in sop or "\\" in sop or sop in ("", ".", ".."):
        raise InvalidArgumentError(f"the server named an instance {sop!r}; refused as a file name")
    return folder / name


def download_image_set(
    client: Client, image: object, folder: str | Path, *, overwrite: bool = False
) -> list[Path]:
    """Write every instance of ``image``'s DICOM Image Set to ``folder`` as
    ``<SOPInstanceUID>.dcm``; the paths, in the server's order. ``image``: an image, its pk
    or ``api_url``. An existing file is an error unless ``overwrite``.

    Example:
        >>> paths = download_image_set(client, image, "ct-series")  # doctest: +SKIP
    """
    import httpx

    from gc_api.api.cases import cases_images_dicom_instances_retrieve
    from gc_highlevel._sync._resource import call

    listing = call(
        client, cases_images_dicom_instances_retrieve.sync_detailed, id=uuid.UUID(_image_pk(image))
    )
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    jobs = [(i.get_instance, _instance_path(out, i.sop_instance_uid)) for i in listing.instances]
    if not overwrite:
        for _, path in jobs:
            if path.exists():
                raise InvalidArgumentError(f"{str(path)!r} exists; pass overwrite=True")

    with httpx.Client(timeout=httpx.Timeout(60.0, connect=10.0)) as http:

        def fetch(job: tuple[Any, Path]) -> Path:
            request, path = job
            part = path.with_name(path.name + ".part")
            with http.stream(
                request.method,
                request.url,
                headers={str(k): str(v) for k, v in request.headers.to_dict().items()},
                content=request.data or None,
            ) as resp:
                resp.raise_for_status()
                with part.open("wb") as fh:
                    for chunk in resp.iter_bytes():
                        fh.write(chunk)
            part.replace(path)
            return path

        with ThreadPoolExecutor(max_workers=8) as pool:
            return list(pool.map(fetch, jobs))


async def adownload_image_set(
    client: AsyncClient, image: object, folder: str | Path, *, overwrite: bool = False
) -> list[Path]:
    """:func:`download_image_set` with an :class:`~gc_highlevel.AsyncClient`.

    Example:
        >>> paths = await adownload_image_set(client, image, "ct-series")  # doctest: +SKIP
    """
    import httpx

    from gc_api.api.cases import cases_images_dicom_instances_retrieve
    from gc_highlevel._async._resource import call

    listing = await call(
        client,
        cases_images_dicom_instances_retrieve.asyncio_detailed,
        id=uuid.UUID(_image_pk(image)),
    )
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    jobs = [(i.get_instance, _instance_path(out, i.sop_instance_uid)) for i in listing.instances]
    if not overwrite:
        for _, path in jobs:
            if path.exists():
                raise InvalidArgumentError(f"{str(path)!r} exists; pass overwrite=True")
    limit = asyncio.Semaphore(8)
    async with httpx.AsyncClient(timeout=httpx.Timeout(60.0, connect=10.0)) as http:

        async def fetch(job: tuple[Any, Path]) -> Path:
            request, path = job
            part = path.with_name(path.name + ".part")
            async with (
                limit,
                http.stream(
                    request.method,
                    request.url,
                    headers={str(k): str(v) for k, v in request.headers.to_dict().items()},
                    content=request.data or None,
                ) as resp,
            ):
                resp.raise_for_status()
                with part.open("wb") as fh:
                    async for chunk in resp.aiter_bytes():
                        fh.write(chunk)
            part.replace(path)
            return path

        return list(await asyncio.gather(*(fetch(j) for j in jobs)))

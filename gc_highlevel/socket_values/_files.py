"""Files of a case: resolving and reading paths, and checking that a file fits its socket.

A path must exist and be readable, with a name the server keeps; a folder given to an Image
socket stands for its files. An Image socket's files must look like an image (the headers are
sniffed by :mod:`gc_highlevel.socket_values._image_formats`), and hold at most one DICOM series
(:mod:`gc_highlevel.dicom`, headers only; files to de-identify must pass grand-challenge's
procedure); a File socket's file must have
its kind's extension and, where the server checks the content, start right (a PDF) or parse
and fit the kind's schema (JSON, up to :data:`JSON_CHECK_MAX_BYTES`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from gc_highlevel._exceptions import (
    ImageFileError,
    InputFileError,
    InvalidArgumentError,
    SocketKindError,
)
from gc_highlevel._validate import check_filename
from gc_highlevel.socket_values._kinds import (
    _FILE_KINDS,
    _JSON_FILE,
    _JSON_KINDS,
    _raise_for_schema,
)

if TYPE_CHECKING:
    from gc_api.models.component_interface import ComponentInterface

__all__ = ["JSON_CHECK_MAX_BYTES", "is_readable_file"]

#: JSON files up to this size are parsed and checked against the kind's schema before upload;
#: of bigger ones only the first character is looked at (planning never reads a big file).
JSON_CHECK_MAX_BYTES = 8 * 1024 * 1024
_JSON_STARTS = frozenset(b'{["-0123456789tfn')


def _unreadable(slug: str, path: Path, exc: OSError) -> InputFileError:
    return InputFileError(
        f"socket {slug!r}: cannot read {str(path)!r} ({exc.strerror or exc})", slug=slug, path=path
    )


def _readable_file(slug: str, raw: Path | str) -> tuple[Path, tuple[str, int, int]]:
    path = Path(raw).expanduser()
    if not path.exists():
        raise InputFileError(
            f"socket {slug!r}: file {str(path)!r} does not exist", slug=slug, path=path
        )
    if not path.is_file():
        raise InputFileError(f"socket {slug!r}: {str(path)!r} is not a file", slug=slug, path=path)
    try:
        with path.open("rb") as fh:
            fh.read(1)
        stat = path.stat()
    except OSError as exc:
        raise _unreadable(slug, path, exc) from exc
    resolved = path.resolve()
    return resolved, (str(resolved), stat.st_size, stat.st_mtime_ns)


def _listed_files(
    slug: str, raw: object
) -> tuple[tuple[Path, ...], tuple[tuple[str, int, int], ...]]:
    items: list[Path | str]
    if isinstance(raw, (str, Path)):
        path = Path(raw).expanduser()
        if path.is_dir():
            items = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
            if not items:
                raise InputFileError(
                    f"socket {slug!r}: folder {str(path)!r} is empty", slug=slug, path=path
                )
        else:
            items = [raw]
    else:
        items = list(raw)  # type: ignore[call-overload]
    checked = [_readable_file(slug, p) for p in items]
    for path, _ in checked:
        _check_upload_name(slug, path)
    paths = tuple(p for p, _ in checked)
    with_options = getattr(raw, "with_paths", None)  # gc_highlevel.dicom.DicomFiles
    if callable(with_options):
        paths = with_options(paths)
    return paths, tuple(s for _, s in checked)


def _check_upload_name(slug: str, path: Path) -> None:
    """The server keeps an upload's name (at most 128 characters of text)."""
    try:
        check_filename(path.name, what=f"socket {slug!r}")
    except InvalidArgumentError as exc:
        raise InputFileError(str(exc), slug=slug, path=path) from None


def _check_image_file(socket: ComponentInterface, path: Path, paths: Sequence[Path]) -> None:
    """Raise :class:`ImageFileError` unless ``path`` can be (part of) an image the server
    imports; a DICOM Image Set socket takes DICOM files only. Reads the file's header."""
    from gc_highlevel.socket_values._image_formats import EXPECTED_IMAGE_FORMATS, image_file_problem

    slug, kind = socket.slug, socket.kind
    expected: Sequence[str] = EXPECTED_IMAGE_FORMATS
    try:
        if kind == "DICOM Image Set":
            expected = ("DICOM",)
            problem = None if _head(path, 132)[128:132] == b"DICM" else "it is not a DICOM file"
            if path.stat().st_size == 0:
                problem = "it is empty (0 bytes)"
        else:
            problem = image_file_problem(path, paths)
    except OSError as exc:
        raise _unreadable(slug, path, exc) from exc
    if problem is not None:
        error = ImageFileError(
            f"socket {slug!r} ({kind}): {str(path)!r} is not an image grand-challenge can "
            f"import: {problem}. Expected: {', '.join(expected)}",
            slug=slug,
            path=path,
        )
        error.valid = tuple(expected)
        raise error
    if paths and path == paths[-1]:
        _check_dicom_value(socket, paths)


def _check_dicom_value(socket: ComponentInterface, paths: Sequence[Path]) -> None:
    """The files of one image value hold at most one DICOM series and nothing else beside
    it; files to de-identify (DICOM Image Set sockets, ``DicomFiles(deidentify=True)``) are
    DICOM files that grand-challenge's procedure accepts. Reads headers only."""
    from gc_highlevel import dicom

    slug = socket.slug
    deidentify = dicom.wants_deidentify(paths, socket.kind)
    has_dicom = any(dicom.is_dicom_file(p) for p in paths)
    if not (deidentify or has_dicom):
        return
    if deidentify:
        other = next((p for p in paths if not dicom.is_dicom_file(p)), None)
        if other is not None:
            raise InputFileError(
                f"socket {slug!r} ({socket.kind}): {str(other)!r} is not a DICOM file; "
                "de-identification applies to DICOM files only",
                slug=slug,
                path=other,
            )
    else:
        try:
            import pydicom  # noqa: F401
        except ImportError:  # without the dicom extra, the server is left to judge
            return
    dicom.one_series(slug, paths)
    if deidentify:
        dicom.check_deidentifiable(paths, slug=slug)


def _head(path: Path, n: int) -> bytes:
    with path.open("rb") as fh:
        return fh.read(n)


def _check_file_kind(socket: ComponentInterface, path: Path, size: int) -> None:
    """Raise if the file cannot be what ``socket``'s kind takes (extension, then content).

    Reads at most a few bytes, or a JSON file up to :data:`JSON_CHECK_MAX_BYTES`.
    """
    slug, kind = socket.slug, socket.kind
    is_json_kind = kind in _JSON_KINDS
    spec = _JSON_FILE if is_json_kind else _FILE_KINDS.get(kind)
    if spec is None:
        return
    valid = [f"a {s} file" for s in spec.suffixes]
    if path.suffix.lower() not in spec.suffixes:
        takes = " or ".join(spec.suffixes)
        raise SocketKindError(
            f"socket {slug!r} ({kind}) takes a {takes} file; {path.name!r} is not one",
            slug=slug,
            valid=valid,
        )
    if spec.magic and not _head(path, len(spec.magic)).startswith(spec.magic):
        raise InputFileError(
            f"socket {slug!r} ({kind}): {str(path)!r} is not {spec.what} "
            f"(it does not start with {spec.magic.decode()})",
            slug=slug,
            path=path,
        )
    if is_json_kind:
        _check_json_file(socket, path, size)


def _check_json_file(socket: ComponentInterface, path: Path, size: int) -> None:
    slug, kind = socket.slug, socket.kind
    if size > JSON_CHECK_MAX_BYTES:
        first = _head(path, 4096).lstrip()[:1]
        if not first or first[0] not in _JSON_STARTS:
            raise InputFileError(
                f"socket {slug!r} ({kind}): {str(path)!r} is not a JSON file", slug=slug, path=path
            )
        return
    try:
        value = json.loads(path.read_bytes())
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputFileError(
            f"socket {slug!r} ({kind}): {str(path)!r} is not a JSON file ({exc})",
            slug=slug,
            path=path,
        ) from None
    # As the server: the parsed file against the schemas (null and NaN are JSON here).
    _raise_for_schema(socket, value, f"the content of {path.name!r}")


def is_readable_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is an existing, readable regular file."""
    p = Path(path)
    return p.is_file() and os.access(p, os.R_OK)

"""One socket's value to a :class:`~gc_highlevel.socket_values._plans.PlannedValue`.

:func:`plan_value` chooses the route by the socket's ``super_kind`` (image files →
``user_uploads``; existing image → ``image``; file or JSON stored in a file →
``user_upload``; JSON → ``value``) and checks the value on the way: an existing socket value
is taken as its image URL or JSON, image and file paths are checked as files, JSON against
the kind's schema and the socket's own. An in-memory image (a ``SimpleITK.Image`` or a
``gc_highlevel.imaging.ImageArray``) is written as compressed MHA to a temporary file that
lives as long as the plan, and keyed by its voxels and geometry; a bare numpy array is
refused (it has no geometry).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from gc_highlevel import imaging
from gc_highlevel._exceptions import InputFileError, SocketKindError
from gc_highlevel.socket_values._files import (
    _check_file_kind,
    _check_image_file,
    _check_upload_name,
    _listed_files,
    _readable_file,
)
from gc_highlevel.socket_values._kinds import _JSON_KINDS, _check_value, _describe, _plain_json
from gc_highlevel.socket_values._plans import PlannedValue, Route

if TYPE_CHECKING:
    from gc_api.models.component_interface import ComponentInterface

__all__ = ["plan_value"]

_URL_MARKERS = ("://", "/api/v1/")


def _looks_like_url(text: str) -> bool:
    return any(marker in text for marker in _URL_MARKERS)


def _image_url(raw: object) -> str | None:
    api_url = getattr(raw, "api_url", None)
    if isinstance(api_url, str) and hasattr(raw, "files"):
        return api_url
    if isinstance(raw, str) and _looks_like_url(raw):
        return raw
    return None


def _plan_memory_image(socket: ComponentInterface, raw: object) -> PlannedValue:
    """A ``SimpleITK.Image`` or ``ImageArray``, written as compressed MHA to a temporary file
    (removed with the plan) and keyed by its voxels and geometry, not by that file."""
    slug, kind = socket.slug, socket.kind
    image = imaging.as_sitk_image(raw)
    key = imaging.image_key(image)
    path, scratch = imaging.write_scratch_mha(image, f"{slug}-{key[:12]}")
    try:
        paths, stats = _listed_files(slug, path)
        _check_image_file(socket, path, paths)
    except BaseException:
        scratch.remove()
        raise
    return PlannedValue(
        slug,
        kind,
        "Image",
        Route.IMAGE_UPLOAD,
        paths=paths,
        file_stats=stats,
        content_key=key,
        scratch=scratch,
    )


def _plan_image(socket: ComponentInterface, raw: object) -> PlannedValue:
    slug, kind = socket.slug, socket.kind
    if imaging.is_image_value(raw):
        return _plan_memory_image(socket, raw)
    if imaging.is_bare_array(raw):
        raise SocketKindError(
            imaging.bare_array_message(slug, raw),
            slug=slug,
            valid=["Path", "SimpleITK.Image", "ImageArray"],
        )
    url = _image_url(raw)
    if url is not None:
        if "/cases/images/" not in url:
            raise SocketKindError(
                f"socket {slug!r} ({kind}) takes an image; {url!r} is not an image api_url "
                "(…/api/v1/cases/images/<pk>/)",
                slug=slug,
            )
        return PlannedValue(slug, kind, "Image", Route.IMAGE, image_url=url)
    is_paths = isinstance(raw, (str, Path)) or (
        isinstance(raw, (list, tuple)) and raw and all(isinstance(p, (str, Path)) for p in raw)
    )
    if not is_paths:
        raise SocketKindError(
            f"socket {slug!r} is an Image socket ({kind}): pass a Path, a list of Paths "
            f"(the files of one image), an Image or an image api_url, or an in-memory image "
            f"(a SimpleITK.Image, a gc_highlevel.imaging.ImageArray); got {_describe(raw)}",
            slug=slug,
            valid=["Path", "list[Path]", "Image", "image api_url", "SimpleITK.Image", "ImageArray"],
        )
    paths, stats = _listed_files(slug, raw)
    for path in paths:
        _check_image_file(socket, path, paths)
    image_name = _image_set_name(raw, paths) if kind == "DICOM Image Set" else None
    return PlannedValue(
        slug,
        kind,
        "Image",
        Route.IMAGE_UPLOAD,
        paths=paths,
        image_name=image_name,
        file_stats=stats,
    )


def _image_set_name(raw: object, paths: Sequence[Path]) -> str:
    """The name of the image a DICOM Image Set value makes: the ``image_name`` of a
    ``DicomFiles``, else ``DICOM image set <hash>``, a hash of the files' names and sizes. Never
    the folder's or a file's name: the files are de-identified before upload, and folders are
    often named after the patient (``Doe_John_1957``), so the name must not carry them either.

    Example:
        >>> _image_set_name([], []).startswith("DICOM image set ")
        True
    """
    given = getattr(raw, "image_name", None) or getattr(paths, "image_name", None)
    if isinstance(given, str) and given:
        return given
    digest = hashlib.sha256()
    for path in paths:
        digest.update(f"{path.name}\0{path.stat().st_size}\n".encode())
    return f"DICOM image set {digest.hexdigest()[:12]}"


def _plan_file(socket: ComponentInterface, raw: object) -> PlannedValue:
    slug, kind = socket.slug, socket.kind
    is_json_kind = kind in _JSON_KINDS
    as_path = isinstance(raw, Path) or (
        isinstance(raw, str) and (not is_json_kind or Path(raw).expanduser().exists())
    )
    if as_path:
        given = Path(raw).expanduser()  # type: ignore[arg-type]
        if given.is_dir():
            raise InputFileError(
                f"socket {slug!r} ({kind}) takes one file; {str(given)!r} is a folder",
                slug=slug,
                path=given,
            )
        path, stat = _readable_file(slug, given)
        _check_upload_name(slug, path)
        _check_file_kind(socket, path, stat[1])
        return PlannedValue(
            slug, kind, "File", Route.FILE_UPLOAD, paths=(path,), file_stats=(stat,)
        )
    if not is_json_kind:
        raise SocketKindError(
            f"socket {slug!r} is a File socket ({kind}): pass the Path of one file; "
            f"got {_describe(raw)}",
            slug=slug,
            valid=["Path"],
        )
    value = _plain_json(slug, kind, raw)
    _check_value(socket, value)
    filename = Path(socket.relative_path).name or f"{slug}.json"
    return PlannedValue(
        slug,
        kind,
        "File",
        Route.FILE_UPLOAD,
        data=json.dumps(value).encode(),
        filename=filename,
        value=value,
    )


def _plan_value(socket: ComponentInterface, raw: object) -> PlannedValue:
    slug, kind = socket.slug, socket.kind
    if isinstance(raw, Path):
        path, _ = _readable_file(slug, raw)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise InputFileError(
                f"socket {slug!r}: {str(path)!r} is not a JSON file ({exc})", slug=slug, path=path
            ) from None
    value = _plain_json(slug, kind, raw)
    _check_value(socket, value)
    return PlannedValue(slug, kind, "Value", Route.VALUE, value=value)


def _unwrap_socket_value(socket: ComponentInterface, raw: object) -> object:
    """An existing socket value (e.g. from an archive item or a job's outputs) as its image URL
    or JSON; file values cannot be re-linked through the API."""
    if not (hasattr(raw, "interface") and hasattr(raw, "image") and hasattr(raw, "pk")):
        return raw
    image = getattr(raw, "image", None)
    if isinstance(image, str) and image:
        return image
    file_url = getattr(raw, "file", None)
    if isinstance(file_url, str) and file_url:
        raise SocketKindError(
            f"socket {socket.slug!r}: an existing file value cannot be reused directly; "
            "download it (client.transfers.download_socket_value) and pass the Path",
            slug=socket.slug,
        )
    from gc_api.types import Unset

    value = getattr(raw, "value", None)
    return None if isinstance(value, Unset) else value


def _refuse_arrays(socket: ComponentInterface, raw: object) -> None:
    """In-memory images go to Image sockets; numpy arrays (other than one number) are not
    JSON."""
    slug, kind = socket.slug, socket.kind
    if imaging.is_image_value(raw):
        raise SocketKindError(
            f"socket {slug!r} is a {socket.super_kind} socket ({kind}); an in-memory image "
            "(SimpleITK.Image, ImageArray) goes to an Image socket",
            slug=slug,
        )
    if imaging.is_bare_array(raw) and getattr(raw, "size", 1) != 1:
        raise SocketKindError(
            f"socket {slug!r} ({kind}) takes JSON; a numpy array (shape "
            f"{getattr(raw, 'shape', '?')}) is not JSON: pass array.tolist()",
            slug=slug,
        )


def plan_value(socket: ComponentInterface, raw: object) -> PlannedValue:
    """Validate ``raw`` for ``socket`` and choose its route by the socket's ``super_kind``.

    Example:
        >>> from gc_highlevel.socket_values import example_socket
        >>> plan_value(example_socket("ct-image", "Image", "Image"),
        ...            "https://gc.example/api/v1/cases/images/0b5d/").route
        <Route.IMAGE: 'image'>
    """
    raw = _unwrap_socket_value(socket, raw)
    if socket.super_kind != "Image":
        _refuse_arrays(socket, raw)
    if socket.super_kind == "Image":
        return _plan_image(socket, raw)
    if socket.super_kind == "File":
        return _plan_file(socket, raw)
    return _plan_value(socket, raw)

"""Socket values from plain Python: one validated plan per case, before any request.

A *case* is a mapping from socket slug to a plain Python value::

    {"ct-image": Path("ct.mha"),                 # Image socket: files to upload (or a list)
     "generic-overlay": image,                   # ... or an existing Image / its api_url
     "report": Path("report.pdf"),               # File socket: one file to upload
     "nodules": {"type": "Multiple points", "points": []},  # JSON stored in a file
     "lung-volume": 1.9}                         # Value socket: JSON

:func:`plan_case` looks every slug up in the given socket definitions, chooses the route by
the socket's ``super_kind`` (image files → ``user_uploads``; existing image → ``image``; file →
``user_upload``; JSON → ``value``), checks JSON against the kind's value schema (and the
socket's own ``schema`` when the API shows one) and, for algorithms, checks the set of slugs
against the algorithm's input combinations. Every problem raises a :class:`SocketValueError`
subclass naming the slug and what would be valid, before anything is uploaded or created.

The files of an Image socket must look like an image grand-challenge imports (MHA/MHD,
NIfTI, NRRD, DICOM, TIFF, PNG, JPEG, or a .zip/.tar.gz of them): an empty file, a PDF or text
raises :class:`ImageFileError` (see ``gc_highlevel._image_formats``, which reads headers only).

A File socket takes one file (not a folder) with its kind's extension (``.pdf`` for a PDF
socket, ``.json`` for a JSON kind stored in a file, ...); where grand-challenge checks the
content, so does the plan, cheaply: a PDF must start with ``%PDF``, a JSON file must parse and
fit the kind's schema (files over :data:`JSON_CHECK_MAX_BYTES` only have their first character
looked at). Otherwise the server would accept the upload and the create, then drop the value
in the background, leaving an object without it.

JSON checks use a small built-in validator for the schema keywords the value kinds use
(``type``, ``enum``, ``required``, ``properties``, ``items``, ``min/maxItems``,
``minimum/maximum``, ``allOf``/``anyOf``); ``jsonschema`` is not a runtime dependency.
The server remains the final judge of annotation kinds.

Example:
    >>> from gc_highlevel.socket_values import plan_case, example_socket
    >>> sockets = {"lung-volume": example_socket("lung-volume", "Float", "Value")}
    >>> plan = plan_case({"lung-volume": 1.9}, sockets)
    >>> plan.values[0].route.value, plan.values[0].value
    ('value', 1.9)
    >>> plan_case({"lung-volume": "big"}, sockets)
    Traceback (most recent call last):
    ...
    gc_highlevel._exceptions.SocketKindError: socket 'lung-volume' (Float) rejects 'big': ...
"""

from __future__ import annotations

import difflib
import hashlib
import json
import math
import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gc_highlevel._exceptions import DuplicateCaseError as DuplicateCaseError
from gc_highlevel._exceptions import DuplicateSocketError as DuplicateSocketError
from gc_highlevel._exceptions import ImageFileError as ImageFileError
from gc_highlevel._exceptions import InputFileError as InputFileError
from gc_highlevel._exceptions import InputSetError as InputSetError
from gc_highlevel._exceptions import InvalidArgumentError
from gc_highlevel._exceptions import MissingInputError as MissingInputError
from gc_highlevel._exceptions import SocketKindError as SocketKindError
from gc_highlevel._exceptions import SocketValueError as SocketValueError
from gc_highlevel._exceptions import UnexpectedInputError as UnexpectedInputError
from gc_highlevel._exceptions import UnknownSocketError as UnknownSocketError
from gc_highlevel._validate import (
    MAX_JSON_DEPTH,
    MAX_JSON_VALUE_BYTES,
    check_filename,
    json_depth_exceeds,
)

if TYPE_CHECKING:
    from gc_api.models.component_interface import ComponentInterface
    from gc_api.models.component_interface_value_post_request import (
        ComponentInterfaceValuePostRequest,
    )

__all__ = [
    "JSON_CHECK_MAX_BYTES",
    "CasePlan",
    "DuplicateCaseError",
    "DuplicateSocketError",
    "ImageFileError",
    "InputFileError",
    "InputSetError",
    "MissingInputError",
    "PlannedValue",
    "Route",
    "SocketKindError",
    "SocketValueError",
    "UnexpectedInputError",
    "UnknownSocketError",
    "check_json",
    "example_socket",
    "kind_schema",
    "plan_case",
    "plan_cases",
    "precheck_cases",
]

CaseValues = Mapping[str, object] | Iterable[tuple[str, object]]

# -- kinds and schemas -------------------------------------------------------------------------

_POINT = {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 3}


def _annotation(
    type_label: str, key: str, inner: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    props: dict[str, Any] = {"type": {"enum": [type_label]}}
    props[key] = dict(inner) if inner is not None else {}
    return {"type": "object", "required": ["type", key], "properties": props}


#: Value schemas by kind label (grand-challenge ``INTERFACE_VALUE_SCHEMA``, the parts a client
#: can check reliably). Kinds not listed accept any JSON object.
_KIND_SCHEMAS: dict[str, dict[str, Any]] = {
    "String": {"type": "string"},
    "Integer": {"type": "integer"},
    "Float": {"type": "number"},
    "Bool": {"type": "boolean"},
    "Anything": {},
    "Choice": {"type": "string"},
    "Multiple choice": {"type": "array", "items": {"type": "string"}},
    "Chart": {"type": "object"},
    "Point": _annotation("Point", "point", _POINT),
    "Multiple points": _annotation("Multiple points", "points", {"type": "array"}),
    "2D bounding box": _annotation("2D bounding box", "corners", {"type": "array"}),
    "Multiple 2D bounding boxes": _annotation(
        "Multiple 2D bounding boxes", "boxes", {"type": "array"}
    ),
    "Distance measurement": {
        "type": "object",
        "required": ["type", "start", "end"],
        "properties": {"type": {"enum": ["Distance measurement"]}, "start": _POINT, "end": _POINT},
    },
    "Multiple distance measurements": _annotation(
        "Multiple distance measurements", "lines", {"type": "array"}
    ),
    "Polygon": {"type": "object"},
    "Multiple polygons": {"type": "object"},
}

_JSON_KINDS = frozenset(_KIND_SCHEMAS) | {
    "Line",
    "Multiple lines",
    "Angle",
    "Multiple angles",
    "Ellipse",
    "Multiple ellipses",
    "Three-point angle",
    "Multiple three-point angles",
    "Affine transform registration",
}

_URL_MARKERS = ("://", "/api/v1/")


@dataclass(frozen=True)
class _FileKind:
    """What grand-challenge takes on a File socket of one kind.

    ``suffixes``: the kind's file extension on the server (``INTERFACE_KIND_TO_FILE_EXTENSION``)
    and the extensions its upload form offers (``INTERFACE_KIND_TO_ALLOWED_FILE_TYPES``, the
    file validator's list). ``magic``: how the file must start, for kinds whose content the
    server checks (the local grand-challenge refuses a "PDF" that does not start with %PDF).
    """

    suffixes: tuple[str, ...]
    magic: bytes = b""
    what: str = ""


#: File kinds by display label (``components/models.py``). JSON kinds stored in a file take
#: ``.json`` and must parse; kinds not listed here (new ones) are not checked.
_FILE_KINDS: dict[str, _FileKind] = {
    "PDF file": _FileKind((".pdf",), b"%PDF", "a PDF"),
    "CSV file": _FileKind((".csv",)),
    "ZIP file": _FileKind((".zip",)),
    "Thumbnail jpg": _FileKind((".jpeg", ".jpg")),
    "Thumbnail png": _FileKind((".png",)),
    "SQREG file": _FileKind((".sqreg",)),
    "OBJ file": _FileKind((".obj",)),
    "MP4 file": _FileKind((".mp4",)),
    "Newick tree-format file": _FileKind((".newick", ".nwk", ".tree")),
    "BIOM format": _FileKind((".biom",)),
}
_JSON_FILE = _FileKind((".json",))
#: JSON files up to this size are parsed and checked against the kind's schema before upload;
#: of bigger ones only the first character is looked at (planning never reads a big file).
JSON_CHECK_MAX_BYTES = 8 * 1024 * 1024
_JSON_STARTS = frozenset(b'{["-0123456789tfn')


def kind_schema(kind: str) -> dict[str, Any]:
    """The JSON schema checked locally for a value of socket kind ``kind`` (a display label).

    Example:
        >>> kind_schema("Integer")
        {'type': 'integer'}
    """
    return dict(_KIND_SCHEMAS.get(kind, {"type": "object"} if kind in _JSON_KINDS else {}))


def _type_ok(value: object, name: str) -> bool:
    if name == "string":
        return isinstance(value, str)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if name == "object":
        return isinstance(value, Mapping)
    if name == "array":
        return isinstance(value, (list, tuple))
    if name == "null":
        return value is None
    return True


def check_json(value: object, schema: Mapping[str, Any], where: str = "value") -> str | None:
    """The first way ``value`` breaks ``schema`` (a readable sentence), or None if it fits.

    Supports the keywords the grand-challenge value kinds use; others are ignored.

    Example:
        >>> check_json(3, {"type": "integer"}) is None
        True
        >>> check_json("3", {"type": "integer"})
        "value is not of type 'integer'"
    """
    types = schema.get("type")
    if types is not None:
        names = [types] if isinstance(types, str) else list(types)
        if not any(_type_ok(value, n) for n in names):
            return f"{where} is not of type {' or '.join(repr(n) for n in names)}"
    if "enum" in schema and value not in schema["enum"]:
        return f"{where} is not one of {schema['enum']!r}"
    for sub in schema.get("allOf", ()):
        problem = check_json(value, sub, where)
        if problem:
            return problem
    if "anyOf" in schema and all(check_json(value, s, where) for s in schema["anyOf"]):
        return f"{where} matches none of the allowed forms"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            return f"{where} is less than the minimum {schema['minimum']}"
        if "maximum" in schema and value > schema["maximum"]:
            return f"{where} is more than the maximum {schema['maximum']}"
    if isinstance(value, Mapping):
        for key in schema.get("required", ()):
            if key not in value:
                return f"{where} is missing the required key {key!r}"
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                problem = check_json(value[key], sub, f"{where}[{key!r}]")
                if problem:
                    return problem
    if isinstance(value, (list, tuple)):
        if "minItems" in schema and len(value) < schema["minItems"]:
            return f"{where} has fewer than {schema['minItems']} items"
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            return f"{where} has more than {schema['maxItems']} items"
        items = schema.get("items")
        if isinstance(items, Mapping):
            for i, item in enumerate(value):
                problem = check_json(item, items, f"{where}[{i}]")
                if problem:
                    return problem
    return None


# -- plans -------------------------------------------------------------------------------------


class Route(str, Enum):
    """How a value reaches the server (the key of the socket-value payload)."""

    IMAGE_UPLOAD = "user_uploads"
    IMAGE = "image"
    FILE_UPLOAD = "user_upload"
    VALUE = "value"


@dataclass(frozen=True)
class PlannedValue:
    """One socket's validated value and how it will be sent.

    Exactly one source is set: ``paths`` (files to upload), ``data`` (JSON bytes to upload as
    ``filename``), ``image_url`` (an existing image) or ``value`` (JSON).
    """

    slug: str
    kind: str
    super_kind: str
    route: Route
    paths: tuple[Path, ...] = ()
    data: bytes | None = None
    filename: str | None = None
    image_url: str | None = None
    value: Any = None
    image_name: str | None = None
    #: ``(path, size, mtime_ns)`` of each file when planned; part of the case fingerprint.
    file_stats: tuple[tuple[str, int, int], ...] = field(default=(), repr=False)

    @property
    def needs_upload(self) -> bool:
        """Whether files (or JSON bytes) must be uploaded before the create."""
        return self.route in (Route.IMAGE_UPLOAD, Route.FILE_UPLOAD)

    @property
    def upload_count(self) -> int:
        """How many uploads this value needs."""
        if not self.needs_upload:
            return 0
        return 1 if self.data is not None else len(self.paths)

    @property
    def name(self) -> str:
        """A readable name of the value: the first file's name, the image URL or the JSON."""
        if self.paths:
            return self.paths[0].name
        if self.filename:
            return self.filename
        if self.image_url:
            return self.image_url
        return json.dumps(self.value)

    def fingerprint(self) -> str:
        """A stable text that changes when the value (or a file's size/mtime) changes."""
        if self.file_stats:
            source = json.dumps(self.file_stats)
        elif self.data is not None:
            source = hashlib.sha256(self.data).hexdigest()
        elif self.image_url is not None:
            source = self.image_url.split("/api/v1/", 1)[-1]
        else:
            source = json.dumps(self.value, sort_keys=True)
        return f"{self.slug}={self.route.value}:{source}"

    def to_request(
        self, upload_urls: Sequence[str] = (), session: str | None = None
    ) -> ComponentInterfaceValuePostRequest:
        """The socket-value payload, given the ``api_url`` of each finished upload (or of the
        upload session that holds them, for an image).

        Example:
            >>> v = PlannedValue("age", "Integer", "Value", Route.VALUE, value=63)
            >>> v.to_request().to_dict()
            {'interface': 'age', 'value': 63}
        """
        from gc_highlevel.types import socket_value

        if self.route is Route.VALUE:
            return socket_value(self.slug, value=self.value)
        if self.route is Route.IMAGE:
            return socket_value(self.slug, image=self.image_url)
        if session is not None and self.route is Route.IMAGE_UPLOAD:
            return socket_value(self.slug, upload_session=session)
        if len(upload_urls) != self.upload_count:
            raise ValueError(
                f"socket {self.slug!r} needs {self.upload_count} upload(s), got {len(upload_urls)}"
            )
        if self.route is Route.FILE_UPLOAD:
            return socket_value(self.slug, user_upload=upload_urls[0])
        return socket_value(self.slug, user_uploads=list(upload_urls), image_name=self.image_name)


@dataclass(frozen=True)
class CasePlan:
    """The validated values of one case, in the order given."""

    values: tuple[PlannedValue, ...]

    @property
    def slugs(self) -> frozenset[str]:
        """The sockets this case sets."""
        return frozenset(v.slug for v in self.values)

    @property
    def upload_count(self) -> int:
        """How many uploads the case needs in total."""
        return sum(v.upload_count for v in self.values)

    @property
    def name(self) -> str:
        """A readable name: the first uploaded file's name, else the first value's name."""
        for v in self.values:
            if v.paths:
                return v.paths[0].name
        return self.values[0].name if self.values else "empty case"

    def get(self, slug: str) -> PlannedValue | None:
        """The planned value of socket ``slug``, if the case sets it."""
        return next((v for v in self.values if v.slug == slug), None)

    def fingerprint(self, target: str = "") -> str:
        """A stable key of this case on ``target`` (sha256 hex), used by the batch journal.

        Example:
            >>> from gc_highlevel.socket_values import plan_case, example_socket
            >>> s = {"age": example_socket("age", "Integer", "Value")}
            >>> a = plan_case({"age": 1}, s).fingerprint("archive:x")
            >>> a == plan_case({"age": 1}, s).fingerprint("archive:x")
            True
        """
        parts = [target, *sorted(v.fingerprint() for v in self.values)]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def requests(
        self,
        upload_urls: Mapping[str, Sequence[str]] | None = None,
        sessions: Mapping[str, str] | None = None,
    ) -> list[ComponentInterfaceValuePostRequest]:
        """The payload of every value; ``upload_urls`` maps slug to its uploads' ``api_url``s,
        ``sessions`` slug to the upload session holding them (sent instead, for images)."""
        urls = upload_urls or {}
        held = sessions or {}
        return [v.to_request(urls.get(v.slug, ()), held.get(v.slug)) for v in self.values]


# -- planning ----------------------------------------------------------------------------------


def example_socket(
    slug: str,
    kind: str,
    super_kind: str,
    *,
    relative_path: str = "",
    pk: int = 1,
    schema: Mapping[str, Any] | None = None,
) -> ComponentInterface:
    """A socket definition without asking the server (for examples, tests and offline checks).

    Example:
        >>> example_socket("ct-image", "Image", "Image").super_kind
        'Image'
    """
    from gc_api.models.component_interface import ComponentInterface

    socket = ComponentInterface(
        title=slug.replace("-", " ").title(),
        slug=slug,
        kind=kind,
        pk=pk,
        super_kind=super_kind,
        relative_path=relative_path or slug,
        look_up_table=None,
    )
    if schema is not None:
        socket.additional_properties["schema"] = dict(schema)
    return socket


def _pairs(values: CaseValues) -> list[tuple[str, object]]:
    if isinstance(values, Mapping):
        return [(str(k), v) for k, v in values.items()]
    return [(str(k), v) for k, v in values]


def _looks_like_url(text: str) -> bool:
    return any(marker in text for marker in _URL_MARKERS)


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
        raise InputFileError(
            f"socket {slug!r}: cannot read {str(path)!r} ({exc.strerror or exc})",
            slug=slug,
            path=path,
        ) from exc
    resolved = path.resolve()
    return resolved, (str(resolved), stat.st_size, stat.st_mtime_ns)


def _files(slug: str, raw: object) -> tuple[tuple[Path, ...], tuple[tuple[str, int, int], ...]]:
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
    return tuple(p for p, _ in checked), tuple(s for _, s in checked)


def _check_upload_name(slug: str, path: Path) -> None:
    """The server keeps an upload's name (at most 128 characters of text)."""
    try:
        check_filename(path.name, what=f"socket {slug!r}")
    except InvalidArgumentError as exc:
        raise InputFileError(str(exc), slug=slug, path=path) from None


def _describe(raw: object) -> str:
    text = repr(raw)
    return text if len(text) <= 60 else text[:57] + "..."


def _plain_json(slug: str, kind: str, raw: object) -> Any:
    if hasattr(raw, "item") and not isinstance(raw, (list, tuple, dict)):
        raw = raw.item()  # numpy scalars
    if json_depth_exceeds(raw):
        raise SocketKindError(
            f"socket {slug!r} ({kind}): the JSON value nests deeper than {MAX_JSON_DEPTH} "
            "levels of lists and objects; flatten it",
            slug=slug,
        )
    try:
        text = json.dumps(raw, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise SocketKindError(
            f"socket {slug!r} ({kind}) takes JSON; {_describe(raw)} is not JSON ({exc})",
            slug=slug,
        ) from None
    return json.loads(text)


def _schema_problem(socket: ComponentInterface, value: Any) -> tuple[str, dict[str, Any]] | None:
    """The first way ``value`` breaks the kind's schema or the socket's own, and that schema."""
    schemas = [kind_schema(socket.kind)]
    own = socket.additional_properties.get("schema")
    if isinstance(own, Mapping):
        schemas.append(dict(own))
    for schema in schemas:
        problem = check_json(value, schema)
        if problem:
            return problem, schema
    return None


def _check_value(socket: ComponentInterface, value: Any) -> None:
    if value is None:
        raise SocketKindError(
            f"socket {socket.slug!r} ({socket.kind}) needs a value; None is not accepted",
            slug=socket.slug,
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise SocketKindError(f"socket {socket.slug!r} rejects {value!r}", slug=socket.slug)
    _raise_for_schema(socket, value, _describe(value))


def _raise_for_schema(socket: ComponentInterface, value: Any, what: str) -> None:
    found = _schema_problem(socket, value)
    if found is not None:
        problem, schema = found
        raise SocketKindError(
            f"socket {socket.slug!r} ({socket.kind}) rejects {what}: {problem}",
            slug=socket.slug,
            valid=[json.dumps(schema)],
        )


def _image_url(raw: object) -> str | None:
    api_url = getattr(raw, "api_url", None)
    if isinstance(api_url, str) and hasattr(raw, "files"):
        return api_url
    if isinstance(raw, str) and _looks_like_url(raw):
        return raw
    return None


def _plan_image(socket: ComponentInterface, raw: object) -> PlannedValue:
    slug, kind = socket.slug, socket.kind
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
            f"(the files of one image), an Image or an image api_url; got {_describe(raw)}",
            slug=slug,
            valid=["Path", "list[Path]", "Image", "image api_url"],
        )
    paths, stats = _files(slug, raw)
    for path in paths:
        _check_image_file(socket, path, paths)
    image_name = paths[0].parent.name or paths[0].stem if kind == "DICOM Image Set" else None
    return PlannedValue(
        slug,
        kind,
        "Image",
        Route.IMAGE_UPLOAD,
        paths=paths,
        image_name=image_name,
        file_stats=stats,
    )


def _check_image_file(socket: ComponentInterface, path: Path, paths: Sequence[Path]) -> None:
    """Raise :class:`ImageFileError` unless ``path`` can be (part of) an image the server
    imports; a DICOM Image Set socket takes DICOM files only. Reads the file's header."""
    from gc_highlevel._image_formats import EXPECTED_IMAGE_FORMATS, image_file_problem

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
        raise InputFileError(
            f"socket {slug!r}: cannot read {str(path)!r} ({exc.strerror or exc})",
            slug=slug,
            path=path,
        ) from exc
    if problem is not None:
        error = ImageFileError(
            f"socket {slug!r} ({kind}): {str(path)!r} is not an image grand-challenge can "
            f"import: {problem}. Expected: {', '.join(expected)}",
            slug=slug,
            path=path,
        )
        error.valid = tuple(expected)
        raise error


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


def plan_value(socket: ComponentInterface, raw: object) -> PlannedValue:
    """Validate ``raw`` for ``socket`` and choose its route by the socket's ``super_kind``.

    Example:
        >>> plan_value(example_socket("ct-image", "Image", "Image"),
        ...            "https://gc.example/api/v1/cases/images/0b5d/").route
        <Route.IMAGE: 'image'>
    """
    raw = _unwrap_socket_value(socket, raw)
    if socket.super_kind == "Image":
        return _plan_image(socket, raw)
    if socket.super_kind == "File":
        return _plan_file(socket, raw)
    return _plan_value(socket, raw)


def _closest(given: frozenset[str], combinations: Sequence[frozenset[str]]) -> frozenset[str]:
    # Prefer a combination that covers everything given (only inputs missing), then the nearest.
    return min(combinations, key=lambda c: (bool(given - c), len(c ^ given)))


def _check_combination(
    given: frozenset[str], combinations: Sequence[frozenset[str]], target: str
) -> None:
    if not combinations or given in combinations:
        return
    best = _closest(given, combinations)
    missing, extra = best - given, given - best
    options = "; ".join("{" + ", ".join(sorted(c)) + "}" for c in combinations)
    detail = []
    if missing:
        detail.append(f"missing {', '.join(sorted(missing))}")
    if extra:
        detail.append(f"not an input: {', '.join(sorted(extra))}")
    cls = MissingInputError if missing else UnexpectedInputError
    raise cls(
        f"{target or 'the algorithm'} takes one of these input combinations: {options}; "
        f"you gave {{{', '.join(sorted(given))}}} ({'; '.join(detail)})",
        missing=missing,
        extra=extra,
        combinations=combinations,
    )


#: Up to this many valid slugs are listed in an unknown-socket message; beyond, only the nearest.
_LIST_AT_MOST = 12


def _unknown_socket(
    slug: str,
    known: Collection[str],
    target: str,
    combinations: Sequence[Collection[str]] | None,
    given: frozenset[str],
) -> SocketValueError:
    """The error for a slug that is not a socket of ``target`` (or not one at all)."""
    valid = sorted(known)
    near = difflib.get_close_matches(slug, valid, n=3)
    hint = f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
    if combinations is not None:
        combos = [frozenset(c) for c in combinations]
        best = _closest(given & frozenset(valid), combos) if combos else frozenset()
        return UnexpectedInputError(
            f"{slug!r} is not an input of {target or 'the algorithm'} "
            f"(inputs: {', '.join(valid) or 'none'}){hint}",
            missing=best - given,
            extra=given - frozenset(valid),
            combinations=combos,
            slug=slug,
        )
    where = f" for {target}" if target else ""
    if len(valid) <= _LIST_AT_MOST:
        listing = f"valid: {', '.join(valid)}" if valid else "no socket is known"
    else:
        listing = f"none of the server's {len(valid)} sockets; client.sockets.list() lists them"
    return UnknownSocketError(
        f"no socket {slug!r}{where} ({listing}){hint}", slug=slug, valid=valid
    )


def plan_case(
    values: CaseValues,
    sockets: Mapping[str, ComponentInterface],
    *,
    combinations: Sequence[Collection[str]] | None = None,
    target: str = "",
    known: Collection[str] | None = None,
) -> CasePlan:
    """Validate one case and plan how each value is sent. Makes no request.

    Args:
        values: ``{slug: value}`` (or ``(slug, value)`` pairs, so duplicates can be caught).
        sockets: the definitions of the sockets the target takes or that exist, by slug.
        combinations: for algorithms, the valid input sets (one per interface); the case's
            slugs must equal one of them.
        target: how errors name the target, e.g. ``"algorithm 'corads-ai'"``.
        known: every slug that exists, when ``sockets`` holds only those looked up (so that
            an unknown slug gets a suggestion); default: the keys of ``sockets``.

    Example:
        >>> sockets = {"age": example_socket("age", "Integer", "Value")}
        >>> plan_case({"agee": 3}, sockets)
        Traceback (most recent call last):
        ...
        gc_highlevel._exceptions.UnknownSocketError: no socket 'agee' ... did you mean 'age'?
    """
    pairs = _pairs(values)
    given = frozenset(slug for slug, _ in pairs)
    seen: set[str] = set()
    planned: list[PlannedValue] = []
    for slug, raw in pairs:
        if slug in seen:
            raise DuplicateSocketError(
                f"socket {slug!r} is given twice in one case; each socket takes one value "
                "(give the files of one image as a list)",
                slug=slug,
            )
        seen.add(slug)
        socket = sockets.get(slug)
        if socket is None:
            valid = sockets.keys() if known is None or combinations is not None else known
            raise _unknown_socket(slug, valid, target, combinations, given)
        planned.append(plan_value(socket, raw))
    if not planned:
        raise MissingInputError(
            f"an empty case for {target or 'the target'}: give at least one socket value",
            missing=(),
            extra=(),
            combinations=[frozenset(c) for c in combinations or ()],
        )
    _check_inline_size(planned)
    if combinations is not None:
        _check_combination(frozenset(seen), [frozenset(c) for c in combinations], target)
    return CasePlan(tuple(planned))


def _check_inline_size(planned: Sequence[PlannedValue]) -> None:
    """The JSON values sent inline all go in one request, which the API caps at 16 MiB."""
    total = 0
    for value in planned:
        if value.route is Route.VALUE:
            total += len(json.dumps(value.value).encode())
            if total > MAX_JSON_VALUE_BYTES:
                raise SocketKindError(
                    f"socket {value.slug!r}: the case's JSON values take {total:,} bytes or "
                    f"more; one request to grand-challenge holds at most "
                    f"{MAX_JSON_VALUE_BYTES:,} bytes of them (16 MiB bodies). Put large "
                    "data in a file socket instead",
                    slug=value.slug,
                )


def precheck_cases(cases: object, *, what: str = "cases") -> list[CaseValues]:
    """The cases as a list, after checks that need no socket definitions (so they run before
    any request): each case is a mapping of slugs to values (or a list of ``(slug, value)``
    pairs), and no value nests deeper than :data:`MAX_JSON_DEPTH`.

    Example:
        >>> precheck_cases([["age", 3]])
        Traceback (most recent call last):
        ...
        gc_highlevel._exceptions.SocketValueError: case 0: cases[0] must be a mapping ...
    """
    if isinstance(cases, Mapping):
        listed: list[object] = [cases]
    elif isinstance(cases, (str, bytes, bytearray)) or not isinstance(cases, Iterable):
        raise SocketValueError(
            f"{what} must be a list of cases, each a mapping of socket slugs to values; got "
            f"{_describe(cases)}"
        )
    else:
        listed = list(cases)
    for index, case in enumerate(listed):
        problem = _case_problem(case)
        if problem is not None:
            error = SocketValueError(f"{what}[{index}] {problem}")
            error.case = index
            raise error
    return listed  # type: ignore[return-value]


def _case_problem(case: object) -> str | None:
    if isinstance(case, Mapping):
        pairs = list(case.items())
    elif isinstance(case, (list, tuple)) and all(
        isinstance(p, (tuple, list)) and len(p) == 2 for p in case
    ):
        pairs = list(case)
    else:
        return (
            "must be a mapping of socket slugs to values (or a list of (slug, value) pairs); "
            f"got {_describe(case)}"
        )
    for slug, value in pairs:
        if not isinstance(slug, str):
            return f"has the key {_describe(slug)}; socket slugs are strings"
        if json_depth_exceeds(value):
            return (
                f"socket {slug!r}: the value nests deeper than {MAX_JSON_DEPTH} levels of lists "
                "and objects; flatten it"
            )
    return None


def plan_cases(
    cases: Sequence[CaseValues],
    sockets: Mapping[str, ComponentInterface],
    *,
    combinations: Sequence[Collection[str]] | None = None,
    target: str = "",
    known: Collection[str] | None = None,
) -> list[CasePlan]:
    """:func:`plan_case` for every case; an error carries the failing case's index in ``case``.

    Example:
        >>> s = {"age": example_socket("age", "Integer", "Value")}
        >>> [p.values[0].value for p in plan_cases([{"age": 1}, {"age": 2}], s)]
        [1, 2]
    """
    plans = []
    seen: dict[str, int] = {}
    for index, case in enumerate(cases):
        try:
            plan = plan_case(case, sockets, combinations=combinations, target=target, known=known)
        except SocketValueError as exc:
            exc.case = index
            raise
        first = seen.setdefault(plan.fingerprint(), index)
        if first != index:
            raise DuplicateCaseError(
                f"cases {first} and {index} are identical (same files and values); each case "
                "makes one object, so give each once",
                cases=(first, index),
            )
        plans.append(plan)
    return plans


def is_readable_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is an existing, readable regular file."""
    p = Path(path)
    return p.is_file() and os.access(p, os.R_OK)

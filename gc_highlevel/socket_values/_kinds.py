"""Socket kinds: what each kind takes, its JSON value schema, and the checks of a JSON value.

Which kinds hold JSON (:data:`_JSON_KINDS`) and which files a File socket of a kind takes
(:data:`_FILE_KINDS`); the value schema of each kind (:func:`kind_schema`), checked with
:func:`~gc_highlevel.socket_values._schema.check_json` together with the socket's own
``schema``; and :func:`example_socket`, a socket definition made without the server.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gc_highlevel._exceptions import SocketKindError
from gc_highlevel._validate import MAX_JSON_DEPTH
from gc_highlevel.socket_values._plain_json import JSONProblem, dump_plain_json
from gc_highlevel.socket_values._schema import check_json

if TYPE_CHECKING:
    from gc_api.models.component_interface import ComponentInterface

__all__ = ["example_socket", "kind_schema"]

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


def kind_schema(kind: str) -> dict[str, Any]:
    """The JSON schema checked locally for a value of socket kind ``kind`` (a display label).

    Example:
        >>> kind_schema("Integer")
        {'type': 'integer'}
    """
    return dict(_KIND_SCHEMAS.get(kind, {"type": "object"} if kind in _JSON_KINDS else {}))


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


def _describe(raw: object) -> str:
    text = repr(raw)
    return text if len(text) <= 60 else text[:57] + "..."


def _plain_json(slug: str, kind: str, raw: object) -> Any:
    """``raw`` as plain JSON (a copy; numpy scalars as Python numbers), or
    :class:`SocketKindError` (:func:`~gc_highlevel.socket_values._plain_json.dump_plain_json`
    is the check, shared with evaluation metrics)."""
    if hasattr(raw, "item") and not isinstance(raw, (list, tuple, Mapping)):
        raw = raw.item()  # numpy scalars
    text = dump_plain_json(raw)
    if isinstance(text, JSONProblem):
        if text.too_deep:
            raise SocketKindError(
                f"socket {slug!r} ({kind}): the JSON value nests deeper than {MAX_JSON_DEPTH} "
                "levels of lists and objects; flatten it",
                slug=slug,
            )
        raise SocketKindError(
            f"socket {slug!r} ({kind}) takes JSON; {_describe(raw)} is not JSON ({text.detail})",
            slug=slug,
        )
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

"""Comparing two recordings of the same workflows (the fidelity loop's verdict): requests made
and response shapes (key sets and types, maps by their values), not data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from gc_devtools.contracts.cassettes import Cassette, Exchange
from gc_devtools.contracts.recording import _UUID
from gc_devtools.contracts.schema import OperationIndex, _is_map_schema, _resolve

# Keys that are data, not field names: ids (uuids, with or without dashes) and integer pks.
_ID_KEY = re.compile(rf"^(?:{_UUID.pattern}|[0-9a-f]{{32}}|\d+)$")


@dataclass(frozen=True)
class MapShape:
    """The shape of a map, whose keys are data (question pks, socket slugs, part numbers):
    the merged shape of its values (None for an empty map)."""

    values: Any


def shape(value: Any, schema: Any = None, components: dict[str, Any] | None = None) -> Any:
    """The structure of a JSON value: key sets and types, not the data.

    A list's items are merged into one shape (the union of their keys), so which items a list
    happens to hold at the moment of recording does not matter. A map (an object the schema
    types by ``additionalProperties`` alone, or whose keys are all ids: the ground truth,
    keyed by question pk; ``descriptions_map_safe``, keyed by socket slug) is a
    :class:`MapShape`: its values merged, its keys not compared, as they differ from server
    to server.
    """
    components = components or {}
    node = _resolve(schema, components)
    if isinstance(value, dict):
        if _is_map_schema(node) or (value and all(_ID_KEY.match(k) for k in value)):
            inner = node.get("additionalProperties") if node and _is_map_schema(node) else None
            merged: Any = None
            for item in value.values():
                item_shape = shape(item, inner, components)
                merged = item_shape if merged is None else _merge_shapes(merged, item_shape)
            return MapShape(merged)
        properties = (node or {}).get("properties") or {}
        return {k: shape(v, properties.get(k), components) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = (node or {}).get("items")
        merged = None
        for item in value:
            item_shape = shape(item, items, components)
            merged = item_shape if merged is None else _merge_shapes(merged, item_shape)
        return [] if merged is None else [merged]
    if value is None:
        return "null"
    return type(value).__name__


_ANY = "any"


def _as_map(value: Any) -> MapShape | None:
    """A map's shape, or an object's shape read as a map (its values merged)."""
    if isinstance(value, MapShape):
        return value
    if isinstance(value, dict):
        merged: Any = None
        for item in value.values():
            merged = item if merged is None else _merge_shapes(merged, item)
        return MapShape(merged)
    return None


def _merge_shapes(a: Any, b: Any) -> Any:
    if isinstance(a, MapShape) or isinstance(b, MapShape):
        if "null" in (a, b):
            return b if a == "null" else a
        am, bm = _as_map(a), _as_map(b)
        if am is None or bm is None:
            return _ANY
        if am.values is None or bm.values is None:
            return MapShape(am.values if bm.values is None else bm.values)
        return MapShape(_merge_shapes(am.values, bm.values))
    if isinstance(a, dict) and isinstance(b, dict):
        return {
            k: _merge_shapes(a[k], b[k]) if k in a and k in b else a.get(k, b.get(k))
            for k in sorted(a.keys() | b.keys())
        }
    if isinstance(a, list) and isinstance(b, list):
        if not a or not b:
            return a or b
        return [_merge_shapes(a[0], b[0])]
    if a == b or b == "null":
        return a
    return b if a == "null" else _ANY


def _shape_differences(a: Any, b: Any, path: str = "$") -> Iterator[str]:
    if isinstance(a, MapShape) or isinstance(b, MapShape):
        am, bm = _as_map(a), _as_map(b)
        if am is not None and bm is not None:
            if am.values is not None and bm.values is not None:
                yield from _shape_differences(am.values, bm.values, f"{path}.*")
            return
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(a.keys() - b.keys()):
            yield f"{path}.{key}: only in the committed cassette"
        for key in sorted(b.keys() - a.keys()):
            yield f"{path}.{key}: only in the new recording"
        for key in sorted(a.keys() & b.keys()):
            yield from _shape_differences(a[key], b[key], f"{path}.{key}")
    elif isinstance(a, list) and isinstance(b, list):
        if a and b:
            yield from _shape_differences(a[0], b[0], f"{path}[]")
    elif a != b and "null" not in (a, b) and _ANY not in (a, b):
        yield f"{path}: {_describe_shape(a)} in the committed cassette, {_describe_shape(b)} in the new recording"


def _describe_shape(value: Any) -> str:
    if isinstance(value, MapShape):
        return "a map"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return str(value)


def compare_cassettes(
    committed: list[Cassette],
    recorded: list[Cassette],
    schema: dict[str, Any] | None = None,
    failed: Iterable[str] = (),
) -> tuple[list[str], list[str]]:
    """(differences, notes) between two recordings of the same workflows.

    Differences: a request answered with other statuses, or a response of another shape
    (the shapes of all exchanges of each method + operation + status, merged, compared; with
    ``schema``, objects it types as maps compare as maps, see :func:`shape`). Notes: requests
    made on one side only. How often and in which order requests happen varies (parallel
    uploads, polling rounds, a check made only when a round shows no progress), so their
    presence alone is reported, not counted. Workflows in ``failed`` (they failed while being
    recorded, and are reported as such) are not reported as missing.
    """
    differences: list[str] = []
    notes: list[str] = []
    new = {c.workflow: c for c in recorded}
    failed = set(failed)
    index = OperationIndex(schema) if schema else None
    components = (schema or {}).get("components", {}).get("schemas", {})

    def merged_shape(exchanges: list[Exchange]) -> Any:
        out: Any = None
        for ex in exchanges:
            node = _response_schema(index, ex) if index else None
            s = shape(ex.response_body, node, components)
            out = s if out is None else _merge_shapes(out, s)
        return out

    for old in committed:
        other = new.get(old.workflow)
        if other is None:
            if old.workflow not in failed:
                differences.append(f"{old.workflow}: not recorded")
            continue
        before, after = _by_request(old), _by_request(other)
        for key in sorted(before.keys() - after.keys()):
            notes.append(f"{old.workflow}: {' '.join(key)} only in the committed cassette")
        for key in sorted(after.keys() - before.keys()):
            notes.append(f"{old.workflow}: {' '.join(key)} only in the new recording")
        for key in sorted(before.keys() & after.keys()):
            if set(before[key]) != set(after[key]):
                differences.append(
                    f"{old.workflow}: {' '.join(key)} answered {sorted(before[key])} "
                    f"in the committed cassette, {sorted(after[key])} now"
                )
                continue
            for status, a in before[key].items():
                b = after[key][status]
                operation = a[0].operation
                for diff in _shape_differences(merged_shape(a), merged_shape(b)):
                    differences.append(f"{old.workflow} ({operation} {status}) response {diff}")
    return differences, notes


def _response_schema(index: OperationIndex, ex: Exchange) -> Any:
    op = index.by_id.get(ex.operation)
    if op is None:
        return None
    response = op.spec.get("responses", {}).get(str(ex.status)) or {}
    return response.get("content", {}).get("application/json", {}).get("schema")


def _by_request(cassette: Cassette) -> dict[tuple[str, str], dict[int, list[Exchange]]]:
    """method + operation -> status -> the exchanges with it."""
    out: dict[tuple[str, str], dict[int, list[Exchange]]] = {}
    for exchange in cassette.exchanges:
        statuses = out.setdefault((exchange.method, exchange.operation), {})
        statuses.setdefault(exchange.status, []).append(exchange)
    return out

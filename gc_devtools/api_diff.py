"""A readable API change report between two grand-challenge OpenAPI schemas.

It compares what a client can observe: operations, their parameters, component schemas and
their fields (type, nullability, required), and enum values. Each change says whether it can
break an existing client:

- removed operations, schemas, response fields and parameters; retyped fields; removed enum
  values; newly required request fields or parameters; response fields that became nullable
  are **breaking**;
- additions (operations, optional fields, enum values, optional parameters) are not.

Example::

    >>> from gc_devtools.api_diff import diff_schemas, format_report
    >>> print(format_report(diff_schemas(old_schema, new_schema)))  # doctest: +SKIP
    API changes: 2 (1 breaking)
      BREAKING  operation removed: GET /api/v1/archives/{id}/patients/ (archives_patients_retrieve)
                enum value added: ImageTypeEnum: 'PNG'
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True, order=True)
class Change:
    """One observable API change.

    ``kind`` is a stable machine-readable label (e.g. ``"field-removed"``), ``location`` names
    the operation (``"GET /api/v1/x/"``) or schema member (``"Schema.field"``), and ``detail``
    is the human-readable sentence.
    """

    kind: str
    location: str
    detail: str
    breaking: bool

    def __str__(self) -> str:
        flag = "BREAKING" if self.breaking else ""
        return f"  {flag:<8}  {self.detail}"


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def describe_type(schema: dict[str, Any] | None) -> str:
    """A short, comparable description of a schema's type, e.g. ``array[Image] | null``."""
    if not schema:
        return "any"
    if "$ref" in schema:
        base = _ref_name(schema["$ref"])
    elif "allOf" in schema and len(schema["allOf"]) == 1:
        base = describe_type(schema["allOf"][0])
    elif "oneOf" in schema or "anyOf" in schema:
        parts = [describe_type(s) for s in schema.get("oneOf", schema.get("anyOf", []))]
        base = " | ".join(sorted(parts))
    elif schema.get("type") == "array":
        base = f"array[{describe_type(schema.get('items'))}]"
    elif "type" in schema:
        base = schema["type"] + (f"<{schema['format']}>" if "format" in schema else "")
        if schema["type"] == "object" and "additionalProperties" in schema:
            extra = schema["additionalProperties"]
            base = f"map[{describe_type(extra if isinstance(extra, dict) else None)}]"
    else:
        base = "any"
    return base


def _is_request_schema(name: str) -> bool:
    return name.endswith("Request")


def _operations(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    ops = {}
    for path, item in schema.get("paths", {}).items():
        for method in HTTP_METHODS:
            if method in item:
                ops[f"{method.upper()} {path}"] = item[method]
    return ops


def _params(operation: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(p["in"], p["name"]): p for p in operation.get("parameters", []) if "name" in p}


def _body_type(operation: dict[str, Any]) -> str | None:
    content = operation.get("requestBody", {}).get("content", {})
    media = content.get("application/json") or next(iter(content.values()), None)
    return describe_type(media.get("schema")) if media else None


def _response_type(operation: dict[str, Any]) -> str | None:
    for status, response in sorted(operation.get("responses", {}).items()):
        if str(status).startswith("2"):
            media = response.get("content", {}).get("application/json")
            return describe_type(media.get("schema")) if media else None
    return None


def _diff_operations(old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    old_ops, new_ops = _operations(old), _operations(new)
    for key in sorted(old_ops.keys() - new_ops.keys()):
        op_id = old_ops[key].get("operationId", "?")
        yield Change("operation-removed", key, f"operation removed: {key} ({op_id})", True)
    for key in sorted(new_ops.keys() - old_ops.keys()):
        op_id = new_ops[key].get("operationId", "?")
        yield Change("operation-added", key, f"operation added: {key} ({op_id})", False)
    for key in sorted(old_ops.keys() & new_ops.keys()):
        yield from _diff_operation(key, old_ops[key], new_ops[key])


def _diff_operation(key: str, old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    old_params, new_params = _params(old), _params(new)
    for where, name in sorted(old_params.keys() - new_params.keys()):
        yield Change("parameter-removed", key, f"parameter removed: {key} {where} '{name}'", True)
    for where, name in sorted(new_params.keys() - old_params.keys()):
        required = bool(new_params[(where, name)].get("required"))
        label = "required parameter added" if required else "parameter added"
        yield Change("parameter-added", key, f"{label}: {key} {where} '{name}'", required)
    for pkey in sorted(old_params.keys() & new_params.keys()):
        before = describe_type(old_params[pkey].get("schema"))
        after = describe_type(new_params[pkey].get("schema"))
        if before != after:
            yield Change(
                "parameter-retyped",
                key,
                f"parameter retyped: {key} {pkey[0]} '{pkey[1]}': {before} -> {after}",
                True,
            )
        if not old_params[pkey].get("required") and new_params[pkey].get("required"):
            yield Change(
                "parameter-required",
                key,
                f"parameter now required: {key} {pkey[0]} '{pkey[1]}'",
                True,
            )
    before_body, after_body = _body_type(old), _body_type(new)
    if before_body != after_body:
        yield Change(
            "request-body-changed",
            key,
            f"request body changed: {key}: {before_body} -> {after_body}",
            before_body is not None or bool(new.get("requestBody", {}).get("required")),
        )
    before_resp, after_resp = _response_type(old), _response_type(new)
    if before_resp != after_resp:
        yield Change(
            "response-changed",
            key,
            f"response changed: {key}: {before_resp} -> {after_resp}",
            before_resp is not None,
        )


def _enum_values(schema: dict[str, Any]) -> list[Any] | None:
    values = schema.get("enum")
    return list(values) if isinstance(values, list) else None


def _diff_enum(location: str, old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    before, after = _enum_values(old), _enum_values(new)
    if before is None or after is None:
        return
    for value in [v for v in before if v not in after]:
        yield Change(
            "enum-value-removed", location, f"enum value removed: {location}: {value!r}", True
        )
    for value in [v for v in after if v not in before]:
        yield Change(
            "enum-value-added", location, f"enum value added: {location}: {value!r}", False
        )


def _diff_schema(name: str, old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    request = _is_request_schema(name)
    yield from _diff_enum(name, old, new)
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    old_req, new_req = set(old.get("required", [])), set(new.get("required", []))
    for field in sorted(old_props.keys() - new_props.keys()):
        loc = f"{name}.{field}"
        yield Change("field-removed", loc, f"field removed: {loc}", not request)
    for field in sorted(new_props.keys() - old_props.keys()):
        loc = f"{name}.{field}"
        required = request and field in new_req
        label = "required field added" if required else "field added"
        yield Change(
            "field-added", loc, f"{label}: {loc} ({describe_type(new_props[field])})", required
        )
    for field in sorted(old_props.keys() & new_props.keys()):
        loc = f"{name}.{field}"
        before, after = old_props[field], new_props[field]
        if describe_type(before) != describe_type(after):
            yield Change(
                "field-retyped",
                loc,
                f"field retyped: {loc}: {describe_type(before)} -> {describe_type(after)}",
                True,
            )
        was_null, is_null = bool(before.get("nullable")), bool(after.get("nullable"))
        if was_null != is_null:
            now = "nullable" if is_null else "not nullable"
            breaking = (is_null and not request) or (was_null and request)
            yield Change("field-nullability", loc, f"field now {now}: {loc}", breaking)
        if request and field in new_req and field not in old_req:
            yield Change("field-required", loc, f"field now required: {loc}", True)
        yield from _diff_enum(loc, before, after)


def _diff_components(old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    old_s = old.get("components", {}).get("schemas", {})
    new_s = new.get("components", {}).get("schemas", {})
    for name in sorted(old_s.keys() - new_s.keys()):
        yield Change("schema-removed", name, f"schema removed: {name}", True)
    for name in sorted(new_s.keys() - old_s.keys()):
        yield Change("schema-added", name, f"schema added: {name}", False)
    for name in sorted(old_s.keys() & new_s.keys()):
        yield from _diff_schema(name, old_s[name], new_s[name])


def diff_schemas(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """All observable changes from ``old`` to ``new``, operations first, then schemas."""
    return [*_diff_operations(old, new), *_diff_components(old, new)]


def format_report(changes: list[Change]) -> str:
    """Breaking changes first, then the rest, each on one line."""
    if not changes:
        return "API changes: none"
    n_breaking = sum(c.breaking for c in changes)
    ordered = [c for c in changes if c.breaking] + [c for c in changes if not c.breaking]
    lines = [f"API changes: {len(changes)} ({n_breaking} breaking)"]
    lines += [str(c) for c in ordered]
    return "\n".join(lines)

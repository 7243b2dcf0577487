"""The schema side of the contract: finding the operation behind a recorded request,
resolving ``$ref``s, and the annotated, strict copies of a schema that validation runs on.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

HTTP_METHODS = ("get", "put", "post", "delete", "patch")


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    template: str
    spec: dict[str, Any]


def _template_regex(template: str) -> re.Pattern[str]:
    """``/a/{id}/`` -> ``^/a/(?P<id>[^/]+)/$``."""
    parts = re.split(r"\{([^}]+)\}", template)
    pattern = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<{part}>[^/]+)" for i, part in enumerate(parts)
    )
    return re.compile(f"^{pattern}$")


class OperationIndex:
    """Finds the schema operation behind a recorded method + path."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.by_id: dict[str, Operation] = {}
        self._routes: list[tuple[re.Pattern[str], int, Operation]] = []
        for template, item in schema.get("paths", {}).items():
            for method in HTTP_METHODS:
                if method in item:
                    spec = item[method]
                    op = Operation(spec.get("operationId", ""), method.upper(), template, spec)
                    self.by_id[op.operation_id] = op
                    # Literal segments beat parameters: /answers/mine/ before /answers/{id}/.
                    self._routes.append((_template_regex(template), template.count("{"), op))
        self._routes.sort(key=lambda r: r[1])

    def match(self, method: str, path: str) -> Operation | None:
        found = self.match_with_params(method, path)
        return found[0] if found else None

    def match_with_params(self, method: str, path: str) -> tuple[Operation, dict[str, str]] | None:
        for regex, _, op in self._routes:
            m = regex.match(path) if op.method == method.upper() else None
            if m:
                return op, m.groupdict()
        return None


SCHEMA_NAME = "x-gc-schema"


def annotate_schema_names(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy of the schema in which every object schema with properties says where it is
    (``x-gc-schema``): its component (``HyperlinkedImage``) or its place in one
    (``DisplaySet.descriptions_map_safe``, ``X.items[]``, ``X.map{}``), so that a validation
    error names the model whose field it is about (:func:`model_class`)."""
    out = copy.deepcopy(schema)

    def visit(node: Any, where: str) -> None:
        if not isinstance(node, dict) or "$ref" in node:
            return
        if isinstance(node.get("properties"), dict):
            node[SCHEMA_NAME] = where
            for name, value in node["properties"].items():
                visit(value, f"{where}.{name}")
        visit(node.get("items"), f"{where}[]")
        visit(node.get("additionalProperties"), f"{where}{{}}")
        for key in ("allOf", "anyOf", "oneOf"):
            for value in node.get(key) or []:
                visit(value, where)

    for name, component in out.get("components", {}).get("schemas", {}).items():
        visit(component, name)
    return out


def make_strict(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy of the schema in which objects may not carry undeclared fields."""
    strict = copy.deepcopy(schema)

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            if "properties" in node and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    def nullable_refs(node: Any) -> Any:
        # openapi-core rejects null for drf-spectacular's {"allOf": [ref], "nullable": true};
        # the same meaning, spelled so that it accepts it.
        if isinstance(node, dict):
            node = {k: nullable_refs(v) for k, v in node.items()}
            if node.get("nullable") and len(node.get("allOf", [])) == 1:
                ref = node.pop("allOf")[0]
                node.pop("nullable")
                node["anyOf"] = [ref, {"nullable": True, "enum": [None]}]
            return node
        if isinstance(node, list):
            return [nullable_refs(v) for v in node]
        return node

    strict = nullable_refs(strict)
    visit(strict.get("components", {}))
    for item in strict.get("paths", {}).values():
        visit(item)
    return strict


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"].rsplit("/", 1)[-1]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def schemas_used(schema: dict[str, Any], operation: dict[str, Any]) -> set[str]:
    """Component schemas reachable from an operation's parameters, body and responses."""
    components = schema.get("components", {}).get("schemas", {})
    todo, seen = list(_refs(operation)), set()
    while todo:
        name = todo.pop()
        if name not in seen and name in components:
            seen.add(name)
            todo.extend(_refs(components[name]))
    return seen


def _null_schema(node: Any) -> bool:
    return isinstance(node, dict) and (node.get("enum") == [None] or node.get("type") == "null")


def _resolve(node: Any, components: dict[str, Any]) -> dict[str, Any] | None:
    """The object schema behind ``$ref``s, one-branch ``allOf`` and nullable ``anyOf`` /
    ``oneOf``; None where the schema does not say one thing (or there is none)."""
    for _ in range(32):
        if not isinstance(node, dict):
            return None
        if "$ref" in node:
            node = components.get(str(node["$ref"]).rsplit("/", 1)[-1])
            continue
        branches = [
            b
            for key in ("allOf", "anyOf", "oneOf")
            for b in node.get(key) or []
            if not _null_schema(b)
        ]
        if not branches:
            return node
        if len(branches) > 1 or "properties" in node:
            return None
        node = branches[0]
    return None


def _is_map_schema(node: dict[str, Any] | None) -> bool:
    """An object whose keys are data: ``additionalProperties`` and no declared properties."""
    return (
        node is not None
        and not node.get("properties")
        and node.get("additionalProperties") not in (None, False)
    )

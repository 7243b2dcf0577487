"""The small built-in JSON schema checker: the first way a JSON value breaks a schema.

Supports the schema keywords the grand-challenge value kinds use (``type``, ``enum``,
``required``, ``properties``, ``items``, ``min/maxItems``, ``minimum/maximum``,
``allOf``/``anyOf``); others are ignored. ``jsonschema`` is not a runtime dependency.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["check_json"]


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

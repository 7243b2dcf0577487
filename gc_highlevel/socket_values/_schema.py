"""JSON values checked against their schemas with ``jsonschema``, as grand-challenge does.

The server validates a JSON socket value with ``jsonschema.validate(value, schema)``
(``core/validators.py::JSONValidator``): the draft the schema's ``$schema`` names, else the
latest (2020-12); every keyword; formats not checked. Doing the same before any request means a
value the server would refuse fails here, before its files are uploaded. A ``$ref`` to another
document is not fetched (the server fetches only from its own allow-list): such a value is left
to the server.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any

__all__ = ["check_json"]


def _where(where: str, path: Any) -> str:
    return where + "".join(f"[{part!r}]" for part in path)


def _no_remote_refs(uri: str) -> Any:
    from referencing.exceptions import NoSuchResource

    raise NoSuchResource(ref=uri)  # type: ignore[call-arg]  # an attrs class


@functools.lru_cache(maxsize=256)
def _validator(text: str) -> Any:
    """The validator of the schema serialised as ``text`` (None: not a valid schema), made once:
    checking a schema against its meta-schema costs more than checking a value."""
    import jsonschema
    from jsonschema.exceptions import SchemaError
    from referencing import Registry

    schema = json.loads(text)
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    try:
        cls.check_schema(schema)
    except SchemaError:
        return None
    return cls(schema, registry=Registry(retrieve=_no_remote_refs))  # type: ignore[call-arg]


def check_json(value: object, schema: Mapping[str, Any], where: str = "value") -> str | None:
    """The most relevant way ``value`` breaks ``schema`` (a sentence naming the value's path),
    or None if it fits.

    Example:
        >>> check_json(3, {"type": "integer"}) is None
        True
        >>> check_json({"a": [1, "x"]}, {"properties": {"a": {"items": {"type": "integer"}}}})
        "value['a'][1]: 'x' is not of type 'integer'"
        >>> check_json("abc", {"pattern": "^[0-9]+$"})
        "value: 'abc' does not match '^[0-9]+$'"
    """
    from jsonschema.exceptions import best_match
    from referencing.exceptions import Unresolvable

    validator = _validator(json.dumps(schema, sort_keys=True))
    if validator is None:
        return None  # not a schema the server would hold: nothing to check against
    try:
        error = best_match(validator.iter_errors(value))
    except Unresolvable:
        return None  # a $ref to another document: the server checks it
    if error is None:
        return None
    return f"{_where(where, error.absolute_path)}: {error.message}"

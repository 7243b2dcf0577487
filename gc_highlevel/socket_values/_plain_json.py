"""The one check that a value is plain JSON, shared by socket values and evaluation metrics.

Plain JSON is what grand-challenge stores unchanged: dicts with str keys (number, boolean
and None keys are written as str, as ``json`` does), lists (and tuples), str, finite numbers,
booleans and None, nested at most
:data:`~gc_highlevel._validate.MAX_JSON_DEPTH` levels. Callers word the error themselves.

Example:
    >>> dump_plain_json({"dice": 0.91, "cases": [1, 2]})
    '{"dice": 0.91, "cases": [1, 2]}'
    >>> dump_plain_json({"dice": float("nan")}).detail
    'Out of range float values are not JSON compliant...'
    >>> dump_plain_json([[[0]]], depth=2).too_deep
    True
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from gc_highlevel._validate import MAX_JSON_DEPTH, json_depth_exceeds

__all__ = ["JSONProblem", "dump_plain_json"]


@dataclass(frozen=True)
class JSONProblem:
    """Why a value is not plain JSON: it nests too deeply, or ``detail`` (json's message)."""

    too_deep: bool
    detail: str


def dump_plain_json(value: object, *, depth: int = MAX_JSON_DEPTH) -> str | JSONProblem:
    """``value`` as JSON text when it is plain JSON (see the module), else why it is not.

    Lists and dicts nesting deeper than ``depth`` are refused first (checked without
    recursion, so any depth is safe); then anything ``json.dumps`` refuses (NaN, infinity,
    tuple or object keys; values such as sets or numpy arrays).
    """
    if json_depth_exceeds(value, depth):
        return JSONProblem(too_deep=True, detail=f"it nests deeper than {depth} levels")
    try:
        return json.dumps(value, allow_nan=False)
    except (TypeError, ValueError) as exc:
        return JSONProblem(too_deep=False, detail=str(exc))

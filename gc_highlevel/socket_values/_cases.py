"""Cases to plans: one case (a mapping of socket slugs to values) or a batch of them.

:func:`precheck_cases` checks the shape of the cases before any request; :func:`plan_case`
looks every slug up in the socket definitions (an unknown one gets the nearest as a hint, a
repeated one is refused), plans each value, caps the JSON sent inline, and for algorithms
checks the set of slugs against the input combinations; :func:`plan_cases` does so for every
case and refuses identical cases.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from gc_highlevel import imaging
from gc_highlevel._exceptions import (
    DuplicateCaseError,
    DuplicateSocketError,
    MissingInputError,
    SocketKindError,
    SocketValueError,
    UnexpectedInputError,
    UnknownSocketError,
)
from gc_highlevel._validate import MAX_JSON_DEPTH, MAX_JSON_VALUE_BYTES, json_depth_exceeds
from gc_highlevel.socket_values._kinds import _describe
from gc_highlevel.socket_values._plans import CasePlan, PlannedValue, Route
from gc_highlevel.socket_values._values import plan_value

if TYPE_CHECKING:
    from gc_api.models.component_interface import ComponentInterface

__all__ = ["CaseValues", "plan_case", "plan_cases", "precheck_cases"]

CaseValues = Mapping[str, object] | Iterable[tuple[str, object]]


def _pairs(values: CaseValues) -> list[tuple[str, object]]:
    if isinstance(values, Mapping):
        return [(str(k), v) for k, v in values.items()]
    return [(str(k), v) for k, v in values]


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
        >>> from gc_highlevel.socket_values import example_socket
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
    pairs), no value nests deeper than :data:`MAX_JSON_DEPTH`, and no value is a bare numpy
    array (:class:`SocketKindError`: without its geometry it is no image; wrap it in a
    ``gc_highlevel.imaging.ImageArray``).

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
        error: SocketValueError | None = None
        if problem is not None:
            error = SocketValueError(f"{what}[{index}] {problem}")
        else:
            error = _bare_array(case)
        if error is not None:
            error.case = index
            raise error
    return listed  # type: ignore[return-value]


def _bare_array(case: object) -> SocketValueError | None:
    """A numpy array (other than one number) has no geometry and is not JSON: refused before
    any request, with what to pass instead."""
    pairs = case.items() if isinstance(case, Mapping) else case
    for slug, value in pairs:  # type: ignore[attr-defined]
        if imaging.is_bare_array(value) and (value.ndim >= 2 or value.size != 1):
            return SocketKindError(
                imaging.bare_array_message(slug, value),
                slug=slug,
                valid=["Path", "SimpleITK.Image", "ImageArray"],
            )
    return None


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
        >>> from gc_highlevel.socket_values import example_socket
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

"""Contains some shared types for properties"""

import contextlib
import datetime
import logging
from collections.abc import Iterator, Mapping, MutableMapping
from contextvars import ContextVar
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar

from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


class Missing:
    """A required field the server's answer did not carry (lenient parsing only).

    Falsy; reading any attribute of it raises AttributeError naming the field's absence.
    """

    __slots__ = ()

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "MISSING"

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(
            f"this field is MISSING: the server's answer did not include it (reading .{name})"
        )

    def __reduce__(self) -> str:
        return "MISSING"


MISSING: Any = Missing()
"""The value of a required field absent from a leniently parsed response."""

#: The exceptions a field's parser raises when the value does not fit the schema.
PARSE_ERRORS = (KeyError, TypeError, ValueError, AttributeError)

_strict: ContextVar[bool] = ContextVar("gc_api_strict_responses", default=False)
_log = logging.getLogger("gc_api")


@contextlib.contextmanager
def parse_mode(*, strict: bool) -> Iterator[None]:
    """Parse responses strictly (raise on any mismatch) or leniently inside this block."""
    token = _strict.set(strict)
    try:
        yield
    finally:
        _strict.reset(token)


def strict_parsing() -> bool:
    """True when responses are parsed strictly in the current context."""
    return _strict.get()


def parse_datetime(value: str) -> datetime.datetime:
    """A timestamp as the server writes it (ISO 8601, ``Z`` for UTC), on every Python.

    ``datetime.fromisoformat`` takes it from Python 3.11 on (the fast path); before, it refuses
    the ``Z`` and fractions of other than 3 or 6 digits, so dateutil's ``isoparse`` reads those.
    """
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        from dateutil.parser import isoparse

        return isoparse(value)


def unparsed(raw: Any, field: str, exc: Exception) -> Any:
    """What a field that did not parse holds: in strict mode, raise ``exc``; else keep ``raw``."""
    if _strict.get():
        raise exc
    _log.debug(
        "lenient parse: %s %s (%s)",
        field,
        "missing" if raw is MISSING else "kept as sent",
        exc,
    )
    return raw


__all__ = [
    "MISSING",
    "PARSE_ERRORS",
    "UNSET",
    "File",
    "FileTypes",
    "Missing",
    "RequestFiles",
    "Response",
    "Unset",
    "parse_datetime",
    "parse_mode",
    "strict_parsing",
    "unparsed",
]

"""Boundary helpers: ``None`` → ``UNSET``, ids from ``api_url``s, response unwrapping."""

from __future__ import annotations

import ssl
import uuid
from typing import Any, TypeVar

import httpx

T = TypeVar("T")


def unset(value: T | None) -> Any:
    """``None`` becomes the generator's ``UNSET`` (so the parameter is not sent)."""
    if value is None:
        from gc_api.types import UNSET

        return UNSET
    return value


def to_uuid(value: str | uuid.UUID, *, what: str = "pk") -> uuid.UUID:
    """Accept a UUID or its string form; a clear ``ValueError`` otherwise."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise ValueError(f"{what} must be a UUID, got {value!r}") from None


def pk_from_api_url(api_url: str, collection: str) -> str:
    """The last path segment of an ``api_url`` under ``collection`` (e.g. ``archives/items/``).

    Only the path is used (like the server does for hyperlinks), so an ``api_url`` built
    with another host name still works, and nothing is ever sent to that host.

    Example:
        >>> pk_from_api_url("https://grand-challenge.org/api/v1/archives/ab12/", "archives/")
        'ab12'
    """
    path = httpx.URL(api_url).path
    prefix = f"/api/v1/{collection}"
    if prefix not in path:
        raise ValueError(f"{api_url!r} is not an API URL under {prefix!r}")
    rest = path.split(prefix, 1)[1].strip("/")
    if not rest or "/" in rest:
        raise ValueError(f"{api_url!r} is not the URL of one object under {prefix!r}")
    return rest


def one_of(**kwargs: object) -> tuple[str, Any]:
    """Exactly one keyword must be given (not None); returns its name and value."""
    given = [(k, v) for k, v in kwargs.items() if v is not None]
    if len(given) != 1:
        names = ", ".join(kwargs)
        raise TypeError(f"pass exactly one of {names}")
    return given[0]


def ssl_verify(verify: bool | ssl.SSLContext | str) -> bool | ssl.SSLContext:
    """httpx's ``verify``, with a CA bundle path turned into an ``SSLContext`` (httpx 0.28
    deprecates passing the path)."""
    if isinstance(verify, str):
        return ssl.create_default_context(cafile=verify)
    return verify

"""Small pure helpers at the boundary with the API and the generated code.

``None`` → ``UNSET`` (:func:`unset`), UUIDs (:func:`to_uuid`, :func:`is_uuid`), pks and slugs
from URLs (:func:`pk_from_api_url`, :func:`slug_from_url`), Django's :func:`slugify`, the
exactly-one-of argument check (:func:`one_of`) and httpx's ``verify`` (:func:`ssl_verify`).
"""

from __future__ import annotations

import re
import ssl
import unicodedata
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
    """Accept a UUID or its string form; a clear :class:`InvalidReferenceError` otherwise."""
    from gc_highlevel._exceptions import InvalidReferenceError

    if isinstance(value, uuid.UUID):
        return value
    if isinstance(value, str):
        try:
            return uuid.UUID(value.strip())
        except ValueError:
            pass
        raise InvalidReferenceError(
            f"{what} must be a UUID (like '1c4c57e6-8c1b-4f38-9c4c-0c4f2d5a7d21'), got {value!r}"
        )
    raise InvalidReferenceError(
        f"{what} must be a UUID or its string, got {type(value).__name__} {value!r}"
    )


def is_uuid(text: str) -> bool:
    """Whether ``text`` is a UUID (a pk) rather than, say, a slug.

    Example:
        >>> is_uuid("9f1c2d3e-0000-4000-8000-123456789abc"), is_uuid("coronacasesorg")
        (True, False)
    """
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def pk_from_api_url(api_url: str, collection: str) -> str:
    """The last path segment of an ``api_url`` under ``collection`` (e.g. ``archives/items/``).

    Only the path is used (like the server does for hyperlinks), so an ``api_url`` built
    with another host name still works, and nothing is ever sent to that host.

    Example:
        >>> pk_from_api_url("https://grand-challenge.org/api/v1/archives/ab12/", "archives/")
        'ab12'
    """
    from gc_highlevel._exceptions import InvalidReferenceError

    collection = collection.strip("/") + "/"
    prefix = f"/api/v1/{collection}"
    try:
        path = httpx.URL(api_url).path
    except (httpx.InvalidURL, TypeError):
        path = ""
    if prefix not in path:
        raise InvalidReferenceError(
            f"{api_url!r} is not an API URL under {prefix!r} "
            f"(expected something like 'https://grand-challenge.org{prefix}<pk>/')"
        )
    rest = path.split(prefix, 1)[1].strip("/")
    if not rest or "/" in rest:
        raise InvalidReferenceError(
            f"{api_url!r} is not the URL of one object under {prefix!r} "
            f"(expected something like 'https://grand-challenge.org{prefix}<pk>/')"
        )
    return rest


def slug_from_url(url: str, section: str) -> str | None:
    """The slug in a web ``url`` such as ``https://grand-challenge.org/archives/<slug>/``.

    Example:
        >>> slug_from_url("https://grand-challenge.org/archives/coronacasesorg/", "archives")
        'coronacasesorg'
    """
    try:
        parts = [p for p in httpx.URL(url).path.split("/") if p]
    except (httpx.InvalidURL, TypeError):
        return None
    if section in parts:
        i = parts.index(section)
        if i + 1 < len(parts):
            return parts[i + 1]
    return None


_NOT_SLUG = re.compile(r"[^\w\s-]")
_DASHES = re.compile(r"[-\s]+")


def slugify(value: str) -> str:
    """What grand-challenge (Django's ``slugify``) makes of a title.

    Example:
        >>> slugify("coronacases.org"), slugify("CO-RADS Score exam")
        ('coronacasesorg', 'co-rads-score-exam')
    """
    text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    text = _NOT_SLUG.sub("", text.lower())
    return _DASHES.sub("-", text).strip("-_")


def one_of(_call: str = "", /, **kwargs: object) -> tuple[str, Any]:
    """Exactly one keyword must be given (not None); returns its name and value.

    ``_call`` (e.g. ``"images.get()"``) names the caller in the error message.
    """
    from gc_highlevel._exceptions import InvalidReferenceError

    given = [(k, v) for k, v in kwargs.items() if v is not None]
    if len(given) == 1:
        return given[0]
    where = f"{_call} " if _call else ""
    if not given:
        names = " or ".join(f"{k}=" for k in kwargs)
        raise InvalidReferenceError(f"{where}needs one of {names}, and all of them are None")
    names = " and ".join(f"{k}=" for k, _ in given)
    raise InvalidReferenceError(f"{where}got {names}; pass only one of them")


def ssl_verify(verify: bool | ssl.SSLContext | str) -> bool | ssl.SSLContext:
    """httpx's ``verify``, with a CA bundle path turned into an ``SSLContext`` (httpx 0.28
    deprecates passing the path)."""
    if isinstance(verify, str):
        return ssl.create_default_context(cafile=verify)
    return verify

"""Checks of arguments, made before any request: each failure is an :class:`InvalidArgumentError`
that names the argument and what it may be, and never shows a token or a password.

The limits are grand-challenge's (gc-server.md): request bodies up to 16 MiB
(``DATA_UPLOAD_MAX_MEMORY_SIZE``), upload file names up to 128 characters, slugs made of
letters, digits, ``-`` and ``_``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from gc_highlevel._constants import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from gc_highlevel._exceptions import InvalidArgumentError, InvalidReferenceError

__all__ = [
    "MAX_FILENAME_LENGTH",
    "MAX_JSON_DEPTH",
    "MAX_JSON_VALUE_BYTES",
    "MAX_SLUG_LENGTH",
    "check_count",
    "check_filename",
    "check_max_retries",
    "check_page_size",
    "check_retry_budget",
    "check_seconds",
    "check_slug",
    "check_token",
    "check_wait_timeout",
    "json_depth_exceeds",
]

#: ``UserUpload.filename`` is a ``CharField(max_length=128)``.
MAX_FILENAME_LENGTH = 128
#: The API takes bodies up to 16 MiB; the JSON values of one request get that minus room for
#: the rest of the body.
MAX_JSON_VALUE_BYTES = 16 * 1024 * 1024 - 64 * 1024
#: Nesting depth of a JSON value (``json`` and the schema check recurse once per level).
MAX_JSON_DEPTH = 100
#: Longer than any slug grand-challenge makes (titles are at most 255 characters).
MAX_SLUG_LENGTH = 255
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_TOKEN_BAD = re.compile(r"[\x00-\x20\x7f-\x9f]|\s")


def check_token(token: str) -> None:
    """A token is one word of printable characters. The message never shows it.

    Example:
        >>> check_token("abc\\x00def")
        Traceback (most recent call last):
        ...
        gc_highlevel._exceptions.InvalidArgumentError: token: the API token holds a control character or whitespace (at position 3); pass it as one word of printable characters, optionally prefixed by 'Bearer ' or 'Token '
    """
    bad = _TOKEN_BAD.search(token)
    if bad is not None:
        raise InvalidArgumentError(
            f"token: the API token holds a control character or whitespace (at position "
            f"{bad.start()}); pass it as one word of printable characters, optionally prefixed "
            "by 'Bearer ' or 'Token '"
        )


def _finite(value: object) -> float | None:
    """``value`` as a float if it is a finite int or float (not a bool), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:  # an int too large for a float
        return None
    return number if math.isfinite(number) else None


def check_seconds(name: str, value: object) -> float:
    """A duration: a finite number of seconds > 0.

    Example:
        >>> check_seconds("timeout", float("nan"))
        Traceback (most recent call last):
        ...
        gc_highlevel._exceptions.InvalidArgumentError: timeout must be a finite number of seconds > 0, got nan
    """
    number = _finite(value)
    if number is None or number <= 0:
        raise InvalidArgumentError(
            f"{name} must be a finite number of seconds > 0, got {_short(value)}"
        )
    return number


def check_wait_timeout(name: str, value: object) -> float | None:
    """How long a wait may take: ``None`` (no limit) or a finite number of seconds >= 0
    (``0``: do not wait).

    Example:
        >>> check_wait_timeout("timeout", -1)
        Traceback (most recent call last):
        ...
        gc_highlevel._exceptions.InvalidArgumentError: timeout must be None (no limit) or a finite number of seconds >= 0, got -1
    """
    if value is None:
        return None
    number = _finite(value)
    if number is None or number < 0:
        raise InvalidArgumentError(
            f"{name} must be None (no limit) or a finite number of seconds >= 0, got {_short(value)}"
        )
    return number


def check_max_retries(value: object) -> int:
    """``max_retries``: an int >= 0 (not a bool)."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidArgumentError(
            f"max_retries must be an int >= 0 (0 disables retries), got {_short(value)}"
        )
    return value


def check_retry_budget(value: object) -> float:
    """``retry_budget``: finite seconds >= 0 (0 allows no retry)."""
    number = _finite(value)
    if number is None or number < 0:
        raise InvalidArgumentError(
            f"retry_budget must be a finite number of seconds >= 0, got {_short(value)}"
        )
    return number


def check_count(name: str, value: object) -> int:
    """A bound such as ``concurrency``, ``max_concurrency`` or ``max_active``: an int >= 1.

    Example:
        >>> check_count("max_active", 0)
        Traceback (most recent call last):
        ...
        gc_highlevel._exceptions.InvalidArgumentError: max_active must be an int >= 1, got 0
    """
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise InvalidArgumentError(f"{name} must be an int >= 1, got {_short(value)}")
    return value


def check_page_size(page_size: object, *, what: str = "page_size") -> int:
    """``page_size`` (or another count of objects per request, named ``what``) if it is a whole
    number from 1 to 1000 (the server's cap).

    Example:
        >>> check_page_size(0)
        Traceback (most recent call last):
        ...
        gc_highlevel._exceptions.InvalidArgumentError: page_size must be a whole number from 1 to 1000 ...
    """
    if (
        isinstance(page_size, int)
        and not isinstance(page_size, bool)
        and 1 <= page_size <= MAX_PAGE_SIZE
    ):
        return page_size
    hint = f"; leave it out for {DEFAULT_PAGE_SIZE} objects per request"
    raise InvalidArgumentError(
        f"{what} must be a whole number from 1 to {MAX_PAGE_SIZE} (the server's maximum), "
        f"got {page_size!r}{hint if what == 'page_size' else ''}"
    )


def check_filename(name: str, *, what: str = "filename") -> None:
    """An upload's file name: 1 to 128 characters that UTF-8 can encode."""
    if not name:
        raise InvalidArgumentError(f"{what}: the file name is empty")
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidArgumentError(
            f"{what}: the file name {name!r} is not valid UTF-8 (grand-challenge stores names "
            "as text); rename the file"
        ) from None
    if len(name) > MAX_FILENAME_LENGTH:
        raise InvalidArgumentError(
            f"{what}: the file name {_short(name)} has {len(name)} characters; grand-challenge "
            f"takes at most {MAX_FILENAME_LENGTH}: rename the file"
        )


def check_slug(what: str, slug: str, *, hint: str = "") -> None:
    """A slug: 1 to 255 of ``a-z A-Z 0-9 - _`` (the server's pattern ``^[-a-zA-Z0-9_]+$``)."""
    if len(slug) > MAX_SLUG_LENGTH or not _SLUG.fullmatch(slug):
        raise InvalidReferenceError(
            f"{what} got {_short(slug)}, which is not a slug (1 to {MAX_SLUG_LENGTH} letters, "
            f"digits, '-' or '_'){hint}"
        )


def json_depth_exceeds(value: object, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether lists and dicts in ``value`` nest deeper than ``limit`` (checked without
    recursion, so any depth is safe)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, Mapping):
            children: Any = item.values()
        elif isinstance(item, (list, tuple)):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."

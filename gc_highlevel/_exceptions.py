"""Errors raised by gc_highlevel.

::

    GCError                                   anything raised on purpose by this package
    ├── APIError                              something went wrong talking to the API
    │   ├── APIStatusError                    the server answered 4xx/5xx (.status_code, .body, ...)
    │   │   ├── BadRequestError               400, with .field_errors
    │   │   ├── AuthenticationError           401
    │   │   ├── PermissionDeniedError         403
    │   │   ├── NotFoundError                 404 (also an ObjectNotFoundError)
    │   │   ├── ConflictError                 409
    │   │   ├── RequestTooLargeError          413
    │   │   ├── RateLimitError                429, with .retry_after
    │   │   └── InternalServerError           >= 500
    │   ├── APIConnectionError                no response (DNS, refused, reset, ...)
    │   │   └── APITimeoutError               the request timed out
    │   └── APIResponseValidationError        a 2xx body that does not match the schema
    ├── ObjectNotFoundError                   a look-up found nothing (also a LookupError)
    ├── MultipleObjectsReturnedError          a look-up that needs one object found several
    ├── InvalidArgumentError                  an argument the client cannot use (also a ValueError)
    │   └── InvalidReferenceError             a pk/slug/api_url/object reference of the wrong form
    │                                         or type (also a TypeError)
    └── ClientClosedError                     the client was used after close() (also a RuntimeError)

Errors about arguments are raised before any request is sent, and say what was expected and
how to pass it.

Messages name the request's method and path and say what to do; they never contain the token.
The httpx exception behind a connection error is kept as ``__cause__``.

Example:
    >>> import gc_highlevel
    >>> try:
    ...     archive = client.archives.get(slug="does-not-exist")
    ... except gc_highlevel.ObjectNotFoundError as exc:
    ...     print(exc)
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConflictError",
    "GCError",
    "InternalServerError",
    "InvalidArgumentError",
    "InvalidReferenceError",
    "MultipleObjectsReturnedError",
    "NotFoundError",
    "ObjectNotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestTooLargeError",
    "make_status_error",
    "parse_field_errors",
]

#: Key under which errors that belong to no single field are collected in ``field_errors``.
NON_FIELD_ERRORS = "non_field_errors"


class GCError(Exception):
    """Base class of every error raised on purpose by gc_highlevel.

    Every one pickles (so it crosses ``multiprocessing``) with its attributes, whatever its
    constructor takes: it is rebuilt without calling ``__init__``. Errors holding a request
    or response (:class:`APIError`) pickle only plain data, never the token.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        # The default, ``cls(*args)``, fails for every error with keyword-only arguments.
        return (_rebuild_gc_error, (type(self), self.args), dict(self.__dict__))


def _rebuild_gc_error(cls: type[GCError], args: tuple[Any, ...]) -> GCError:
    err = cls.__new__(cls)
    err.args = args
    return err


class ObjectNotFoundError(GCError, LookupError):
    """The object you asked for does not exist or is not visible to your account.

    Raised by look-ups that filter a list (``get(slug=...)``, ``Paginator.get_one()``) and,
    through :class:`NotFoundError`, by a 404. Catch this one to handle both.
    """


class MultipleObjectsReturnedError(GCError, LookupError):
    """A look-up that needs exactly one object matched several."""


class InvalidArgumentError(GCError, ValueError):
    """An argument the client cannot use (e.g. ``page_size=0``); raised before any request.

    The message says what was expected and how to pass it. Also a ``ValueError``.
    """


class InvalidReferenceError(InvalidArgumentError, TypeError):
    """A reference to an object that cannot be used, raised before any request.

    References are the object itself, its pk (a UUID, or its string), its ``api_url``, or for
    archives, algorithms, reader studies and sockets its slug. This is raised for a value of
    the wrong form (``"abc"`` where only a UUID fits, the ``api_url`` of another kind of
    object), of the wrong type (``5`` for an archive), or for ``get()`` given none or several
    of ``pk``/``slug``/``api_url``. Also a ``ValueError`` and a ``TypeError``.

    Example:
        >>> client.archive_items.get("case-1")
        Traceback (most recent call last):
        gc_highlevel.InvalidReferenceError: archive_items.get(): 'case-1' is not a UUID ...
    """


class ClientClosedError(GCError, RuntimeError):
    """The client was used after it was closed (after its ``with`` block, or ``close()``).

    Use the client inside its ``with`` block, or create a new one.
    """


class APIError(GCError):
    """Something went wrong talking to the API. ``method``/``url``/``path`` name the request."""

    def __init__(self, message: str, *, method: str, url: str, body: object | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.url = url
        self.path = httpx.URL(url).path
        self.body = body
        #: How many attempts were made (1 = no retry). Set by the HTTP layer.
        self.attempts = 1

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickle only plain data: never the request (its headers carry the token).
        return (
            _rebuild_error,
            (type(self), self.message, self.method, self.url, self.body),
            {"attempts": self.attempts},
        )


def _rebuild_error(
    cls: type[APIError], message: str, method: str, url: str, body: object
) -> APIError:
    err = cls.__new__(cls)
    APIError.__init__(err, message, method=method, url=url, body=body)
    return err


class APIResponseValidationError(APIError):
    """The server answered 2xx but the body does not match the API schema."""


class APIConnectionError(APIError):
    """No response arrived: DNS failure, connection refused or reset, TLS error, ..."""


class APITimeoutError(APIConnectionError):
    """The request timed out. Raise ``timeout=`` on the client, or retry later."""


class APIStatusError(APIError):
    """The server answered with a 4xx or 5xx status.

    Attributes: ``status_code``, ``response`` (the ``httpx.Response``, body already read),
    ``body`` (parsed JSON, or the text), ``method``, ``path``, ``url``.
    """

    status_code: int

    def __init__(self, message: str, *, response: httpx.Response, body: object | None) -> None:
        request = response.request
        super().__init__(message, method=request.method, url=str(request.url), body=body)
        self.response: httpx.Response | None = response
        self.status_code = response.status_code
        self.headers = httpx.Headers(response.headers)

    def __reduce__(self) -> tuple[Any, ...]:
        # Plain data only: never the response, whose request carries the token.
        state: dict[str, object] = {"attempts": self.attempts}
        if isinstance(self, RateLimitError):
            state["retry_after"] = self.retry_after
        return (
            _rebuild_status_error,
            (type(self), self.message, self.method, self.url, self.body, self.status_code),
            state,
        )


def _rebuild_status_error(
    cls: type[APIStatusError],
    message: str,
    method: str,
    url: str,
    body: object,
    status_code: int,
) -> APIStatusError:
    err = cls.__new__(cls)
    APIError.__init__(err, message, method=method, url=url, body=body)
    err.response = None
    err.status_code = status_code
    err.headers = httpx.Headers()
    if isinstance(err, BadRequestError):
        err.field_errors = parse_field_errors(body)
    if isinstance(err, RateLimitError):
        err.retry_after = None
    return err


class BadRequestError(APIStatusError):
    """400: the server rejected the request's data.

    ``field_errors`` maps a field path to its messages, whatever shape the server used:
    ``{"title": [...]}``, ``{"values[0]": [...]}`` (nested list items),
    ``{"part_numbers[0]": [...]}`` (list fields) and ``{"non_field_errors": [...]}`` for
    ``detail``, ``non_field_errors``, ``__all__`` and bare lists.

    Example:
        >>> try:
        ...     client.archive_items.create(archive=archive, title="dup")
        ... except gc_highlevel.BadRequestError as exc:
        ...     print(exc.field_errors)
        {'title': ['An item with this title already exists.']}
    """

    status_code = 400

    def __init__(self, message: str, *, response: httpx.Response, body: object | None) -> None:
        super().__init__(message, response=response, body=body)
        self.field_errors: dict[str, list[str]] = parse_field_errors(body)

    @property
    def non_field_errors(self) -> list[str]:
        """Messages that belong to no single field."""
        return self.field_errors.get(NON_FIELD_ERRORS, [])


class AuthenticationError(APIStatusError):
    """401: no token was sent where one is needed, or the token was rejected."""

    status_code = 401


class PermissionDeniedError(APIStatusError):
    """403: the object is visible but your account may not do this with it."""

    status_code = 403


class NotFoundError(APIStatusError, ObjectNotFoundError):
    """404: the object does not exist or is not visible to your account."""

    status_code = 404


class ConflictError(APIStatusError):
    """409: the request conflicts with the object's current state."""

    status_code = 409


class RequestTooLargeError(APIStatusError):
    """413: the request body is too large (the API takes at most 16 MiB)."""

    status_code = 413


class RateLimitError(APIStatusError):
    """429: too many requests. ``retry_after`` is the server's hint in seconds, if any."""

    status_code = 429

    def __init__(self, message: str, *, response: httpx.Response, body: object | None) -> None:
        super().__init__(message, response=response, body=body)
        self.retry_after: float | None = parse_retry_after(response.headers)


class InternalServerError(APIStatusError):
    """A status of 500 or above: the server (or a proxy in front of it) failed."""


# -- parsing ---------------------------------------------------------------------------------


def parse_retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds from ``Retry-After`` (delta seconds or an HTTP date), or None.

    Example:
        >>> parse_retry_after({"retry-after": "3"})
        3.0
    """
    value = headers.get("retry-after")
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        import email.utils
        import time

        try:
            parsed = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        seconds = parsed.timestamp() - time.time()
    if seconds != seconds or seconds < 0:  # NaN or in the past
        return 0.0
    return seconds


def _as_messages(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return [str(v) for v in value]
    return [json.dumps(value)]


def _flatten(value: object, path: str, out: dict[str, list[str]]) -> None:
    key = path or NON_FIELD_ERRORS
    if isinstance(value, dict):
        for k, v in value.items():
            k = str(k)
            if k in ("__all__", NON_FIELD_ERRORS, "detail"):
                _flatten(v, path, out)
            elif k.isdigit():  # ListField errors are keyed by index
                _flatten(v, f"{path}[{k}]" if path else f"[{k}]", out)
            else:
                _flatten(v, f"{path}.{k}" if path else k, out)
    elif isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        # One entry per item of a nested list; ``{}`` marks the valid ones.
        for i, v in enumerate(value):
            if v in ({}, [], None):
                continue
            _flatten(v, f"{path}[{i}]" if path else f"[{i}]", out)
    elif value not in (None, [], ""):
        out.setdefault(key, []).extend(_as_messages(value))


def parse_field_errors(body: object) -> dict[str, list[str]]:
    """Flatten any DRF error body into ``{field path: [messages]}``.

    Example:
        >>> parse_field_errors({"values": [{"__all__": ["bad"]}, {}]})
        {'values[0]': ['bad']}
        >>> parse_field_errors(["Values can only be added via update"])
        {'non_field_errors': ['Values can only be added via update']}
        >>> parse_field_errors({"part_numbers": {"0": ["too small"]}})
        {'part_numbers[0]': ['too small']}
    """
    out: dict[str, list[str]] = {}
    if isinstance(body, str):
        text = _html_summary(body) if _looks_like_html(body) else body.strip()
        if text:
            out[NON_FIELD_ERRORS] = [text[:500]]
        return out
    _flatten(body, "", out)
    return out


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def _html_summary(text: str) -> str:
    match = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    if match is None:
        match = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.IGNORECASE | re.DOTALL)
    summary = re.sub(r"<[^>]+>|\s+", " ", match.group(1) if match else "").strip()
    return summary or "an HTML error page"


def decode_body(response: httpx.Response) -> object:
    """The parsed JSON body, else the text (possibly HTML), else None."""
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        try:
            return response.text
        except (UnicodeDecodeError, LookupError):
            return None


def _summary(body: object) -> str:
    if body is None:
        return "no body"
    if isinstance(body, str):
        if _looks_like_html(body):
            return f"HTML page {_html_summary(body)!r}"
        return repr(body.strip()[:300])
    if isinstance(body, dict) and isinstance(body.get("detail"), str) and len(body) == 1:
        return repr(body["detail"])
    errors = parse_field_errors(body)
    if errors:
        parts = [f"{k}: {'; '.join(v)}" for k, v in errors.items()]
        text = ", ".join(parts)
        return text if len(text) <= 500 else text[:497] + "..."
    return json.dumps(body)[:300]


_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: RequestTooLargeError,
    429: RateLimitError,
}


def no_token_hint() -> str:
    """What to say when a look-up finds nothing and no token is configured."""
    from gc_highlevel._constants import ENV_TOKEN

    return (
        "no API token is configured, and anonymous users see only public objects. Pass "
        f"Client(token=...) or set {ENV_TOKEN}."
    )


def _hint(status: int, *, token_configured: bool, retry_after: float | None) -> str:
    if status == 400:
        return "The server rejected the request data; see .field_errors for what to fix."
    if status == 401:
        if not token_configured:
            from gc_highlevel._auth import config_path
            from gc_highlevel._constants import ENV_TOKEN

            return (
                "This request needs an API token and none is configured: pass "
                f'Client(token=...), set {ENV_TOKEN}, or put {{"token": "..."}} in '
                f"{config_path()}. Create a token at https://grand-challenge.org/settings/api-tokens/."
            )
        return (
            "The API token was rejected (unknown, expired or malformed); create a new one at "
            "https://grand-challenge.org/settings/api-tokens/."
        )
    if status == 403:
        return "Your account may see this object but not do this; ask its editors for access."
    if status == 404:
        if not token_configured:
            return f"It does not exist, or it is private: {no_token_hint()}"
        return (
            "It does not exist or your account cannot see it (private objects give 404 too); "
            "check the id or slug and your permissions."
        )
    if status == 405:
        return "The API does not offer this method on this path."
    if status == 409:
        return "It conflicts with the object's current state; fetch it again and retry."
    if status == 413:
        return "The request body is too large; send files through uploads instead."
    if status == 429:
        wait = f" about {retry_after:g}s" if retry_after is not None else ""
        return f"The server is rate limiting; wait{wait} and retry."
    if status >= 500:
        return "The server or a proxy failed; retry later, and report it if it persists."
    return "See .body for the server's explanation."


def make_status_error(
    response: httpx.Response,
    *,
    token_configured: bool = True,
    attempts: int = 1,
    foreign_host: bool = False,
) -> APIStatusError:
    """Build the typed error for a 4xx/5xx response whose body has been read.

    Example:
        >>> import httpx
        >>> r = httpx.Response(404, json={"detail": "Not found."},
        ...                    request=httpx.Request("GET", "https://x/api/v1/archives/1/"))
        >>> type(make_status_error(r)).__name__
        'NotFoundError'
    """
    status = response.status_code
    cls = _STATUS_CLASSES.get(status)
    if cls is None:
        cls = InternalServerError if status >= 500 else APIStatusError
    body = decode_body(response)
    request = response.request
    reason = response.reason_phrase or "Unknown Status"
    retry_after = parse_retry_after(response.headers) if status in (429, 503) else None
    tries = f" after {attempts} attempts" if attempts > 1 else ""
    if foreign_host:
        where = f"{request.method} {request.url.host}{request.url.path}"
        hint = (
            "That host is not the API (e.g. storage behind a presigned or redirected URL); "
            "such URLs expire, so ask the API for a fresh one."
        )
    else:
        where = f"{request.method} {request.url.path}"
        hint = _hint(status, token_configured=token_configured, retry_after=retry_after)
    summary = _summary(body)
    stop = "" if summary.rstrip("'\"").endswith((".", "!", "?")) else "."
    message = f"{where} failed with {status} {reason}{tries}: {summary}{stop} {hint}"
    err = cls(message, response=response, body=body)
    err.attempts = attempts
    return err

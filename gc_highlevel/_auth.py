"""Where the token comes from, and the ``httpx.Auth`` that only ever sends it to the API.

Resolution order (first hit wins):

1. the ``token=`` argument,
2. the ``GRAND_CHALLENGE_AUTHORIZATION`` environment variable,
3. the user config file :func:`config_path` (JSON: ``{"token": "...", "base_url": "..."}``).

``Bearer x``, ``Token x`` and a bare ``x`` are all accepted.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import os
from collections.abc import Generator
from pathlib import Path
from typing import Any, NoReturn

import httpx

from gc_highlevel._constants import (
    API_PREFIX,
    DEFAULT_BASE_URL,
    ENV_BASE_URL,
    ENV_STRICT_RESPONSES,
    ENV_TOKEN,
    REDACTED,
)
from gc_highlevel._exceptions import InvalidArgumentError
from gc_highlevel._validate import check_token

__all__ = [
    "TokenAuth",
    "config_path",
    "normalize_token",
    "resolve_base_url",
    "resolve_token",
]

_SCHEMES = ("bearer", "token")


def config_path() -> Path:
    """The user config file the client reads its token (and base URL) from.

    Example:
        >>> from gc_highlevel import config_path
        >>> config_path().name
        'config.json'
    """
    import platformdirs

    return Path(platformdirs.user_config_path("gc-client")) / "config.json"


def _read_config() -> dict[str, Any]:
    path = config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return {}
    try:
        data = json.loads(text)
    except ValueError as exc:
        # Never echo the file's content: it holds the token.
        raise ValueError(
            f"The gc-client config file {path} is not valid JSON (line {getattr(exc, 'lineno', '?')}); "
            "fix or delete it."
        ) from None
    return data if isinstance(data, dict) else {}


def normalize_token(raw: str) -> str:
    """Strip an optional ``Bearer``/``Token`` keyword and surrounding whitespace.

    Example:
        >>> normalize_token("Bearer abc123")
        'abc123'
        >>> normalize_token("  abc123 ")
        'abc123'
    """
    parts = raw.split()
    if len(parts) == 2 and parts[0].lower() in _SCHEMES:
        parts = parts[1:]
    if len(parts) != 1:
        # Do not include the value: it may be a real token with a typo.
        raise InvalidArgumentError(
            "token: the API token must be a single word, optionally prefixed by 'Bearer ' or "
            "'Token '."
        )
    check_token(parts[0])
    return parts[0]


def resolve_token(token: str | None) -> str | None:
    """The token to use: the argument, else the environment, else the config file, else None.

    Example:
        >>> resolve_token("Token abc")
        'abc'
    """
    sources = (
        lambda: token,
        lambda: os.environ.get(ENV_TOKEN),
        lambda: _read_config().get("token"),
    )
    for source in sources:  # lazily: the config file is read only when nothing else gave one
        candidate = source()
        if isinstance(candidate, str) and candidate.strip():
            return normalize_token(candidate)
    return None


def is_loopback(host: str) -> bool:
    """True for ``localhost``, ``127.0.0.0/8`` and ``::1``: the only hosts plain http may use."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def strict_responses_default() -> bool:
    """Whether clients parse answers strictly unless told: ``GC_CLIENT_STRICT_RESPONSES=1``.

    Example:
        >>> os.environ.pop("GC_CLIENT_STRICT_RESPONSES", None) and None
        >>> strict_responses_default()
        False
    """
    return os.environ.get(ENV_STRICT_RESPONSES, "").strip() == "1"


def resolve_base_url(base_url: str | None) -> httpx.URL:
    """The API base URL (ends in ``/api/v1/``): argument, environment, config file, default.

    Plain ``http`` is refused except for loopback hosts (the local test server), so a token
    never travels unencrypted over a network.

    Example:
        >>> str(resolve_base_url("http://127.0.0.1:8000/api/v1"))
        'http://127.0.0.1:8000/api/v1/'
    """
    raw = base_url or os.environ.get(ENV_BASE_URL) or _read_config().get("base_url")
    if not isinstance(raw, str) or not raw.strip():
        raw = DEFAULT_BASE_URL
    raw = raw.strip()
    if not raw.endswith("/"):
        raw += "/"
    try:
        url = httpx.URL(raw)
    except httpx.InvalidURL:
        raise InvalidArgumentError("base_url is not a valid URL") from None
    if url.userinfo:
        # Never echo the URL: it holds a password.
        raise InvalidArgumentError(
            "base_url must not hold a user name or password (user:password@); pass the API "
            "token as token= instead"
        )
    if url.scheme not in ("http", "https") or not url.host:
        raise InvalidArgumentError(f"base_url must be an absolute http(s) URL, got {raw!r}")
    if url.scheme == "http" and not is_loopback(url.host):
        raise InvalidArgumentError(
            f"base_url {raw!r} uses plain http; use https (plain http is only allowed for "
            "loopback hosts such as 127.0.0.1, e.g. the local test server)."
        )
    if not url.path.endswith(API_PREFIX):
        raise InvalidArgumentError(
            f"base_url must end with {API_PREFIX!r}, e.g. {DEFAULT_BASE_URL!r}"
        )
    if url.query or url.fragment:
        raise InvalidArgumentError("base_url must not have a query string or fragment")
    return url


def same_origin(a: httpx.URL, b: httpx.URL) -> bool:
    """Scheme, host and (effective) port all equal."""
    return a.scheme == b.scheme and a.host == b.host and _port(a) == _port(b)


def _port(url: httpx.URL) -> int | None:
    return url.port or {"http": 80, "https": 443}.get(url.scheme)


class TokenAuth(httpx.Auth):
    """Adds ``Authorization: Bearer <token>`` to requests for the API's own origin only.

    Requests to any other host (presigned storage URLs, the targets of cross-origin
    redirects, which httpx strips anyway) go out without it. The token never shows in
    ``repr`` and the object refuses to be pickled.
    """

    def __init__(self, token: str | None, api_url: httpx.URL) -> None:
        self._token = token
        self._origin = api_url

    @property
    def has_token(self) -> bool:
        return self._token is not None

    @property
    def account_key(self) -> str:
        """Who the requests are made as, for local bookkeeping (batch journals): a short,
        one-way digest of the token (it cannot be turned back into the token), or
        ``anonymous``."""
        if self._token is None:
            return "anonymous"
        return "t" + hashlib.sha256(self._token.encode()).hexdigest()[:12]

    def authorize(self, request: httpx.Request) -> None:
        """Add the token to ``request`` if it goes to the API's origin (else leave it be)."""
        if self._token is not None and same_origin(request.url, self._origin):
            request.headers["Authorization"] = f"Bearer {self._token}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self.authorize(request)
        yield request

    def __repr__(self) -> str:
        state = REDACTED if self._token is not None else None
        return f"TokenAuth(token={state!r}, origin={str(self._origin.copy_with(path='/'))!r})"

    __str__ = __repr__

    def __reduce__(self) -> NoReturn:
        raise TypeError("TokenAuth holds an API token and cannot be pickled")

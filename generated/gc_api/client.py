import ssl
from typing import Any

import httpx
from attrs import define, evolve, field
from typing_extensions import Self


@define
class Client:
    """Settings and connections for anonymous calls to the API.

    Keyword arguments: ``base_url``, ``cookies``, ``headers``, ``timeout``, ``verify_ssl``,
    ``follow_redirects`` (default False) and ``httpx_args`` (passed to the httpx clients).
    """

    raise_on_unexpected_status: bool = field(default=False, kw_only=True)
    """Raise errors.UnexpectedStatus when the API answers a status the schema does not document."""
    strict_responses: bool = field(default=False, kw_only=True)
    """Fail when a response lacks a field the schema requires or holds a value of another type.

    Off by default: such a field then holds ``types.MISSING`` (absent) or the value as sent, so a
    field the caller never reads cannot fail the call. Tests and contract checks turn it on."""
    _base_url: str = field(alias="base_url")
    _cookies: dict[str, str] = field(
        factory=dict, kw_only=True, alias="cookies", repr=False
    )
    _headers: dict[str, str] = field(
        factory=dict, kw_only=True, alias="headers", repr=False
    )
    _timeout: httpx.Timeout | None = field(default=None, kw_only=True, alias="timeout")
    _verify_ssl: str | bool | ssl.SSLContext = field(
        default=True, kw_only=True, alias="verify_ssl"
    )
    _follow_redirects: bool = field(
        default=False, kw_only=True, alias="follow_redirects"
    )
    _httpx_args: dict[str, Any] = field(
        factory=dict, kw_only=True, alias="httpx_args", repr=False
    )
    _client: httpx.Client | None = field(default=None, init=False, repr=False)
    _async_client: httpx.AsyncClient | None = field(
        default=None, init=False, repr=False
    )

    def with_headers(self, headers: dict[str, str]) -> "Client":
        """A new client like this one with additional headers."""
        for client in (self._client, self._async_client):
            if client is not None:
                client.headers.update(headers)
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> "Client":
        """A new client like this one with additional cookies."""
        for client in (self._client, self._async_client):
            if client is not None:
                client.cookies.update(cookies)
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout) -> "Client":
        """A new client like this one with another timeout."""
        for client in (self._client, self._async_client):
            if client is not None:
                client.timeout = timeout
        return evolve(self, timeout=timeout)

    def _all_headers(self) -> dict[str, str]:
        return dict(self._headers)

    def _httpx_kwargs(self) -> dict[str, Any]:
        return {
            "base_url": self._base_url,
            "cookies": self._cookies,
            "headers": self._all_headers(),
            "timeout": self._timeout,
            "verify": self._verify_ssl,
            "follow_redirects": self._follow_redirects,
            **self._httpx_args,
        }

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Use this httpx.Client (its settings replace every setting of this object)."""
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """The underlying httpx.Client, made on first use."""
        if self._client is None:
            self._client = httpx.Client(**self._httpx_kwargs())
        return self._client

    def __enter__(self) -> Self:
        """Enter the underlying httpx.Client (once only, as with httpx)."""
        self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit the underlying httpx.Client."""
        self.get_httpx_client().__exit__(*args, **kwargs)

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Use this httpx.AsyncClient (its settings replace every setting of this object)."""
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """The underlying httpx.AsyncClient, made on first use."""
        if self._async_client is None:
            self._async_client = httpx.AsyncClient(**self._httpx_kwargs())
        return self._async_client

    async def __aenter__(self) -> Self:
        """Enter the underlying httpx.AsyncClient (once only, as with httpx)."""
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit the underlying httpx.AsyncClient."""
        await self.get_async_httpx_client().__aexit__(*args, **kwargs)


@define
class AuthenticatedClient:
    """Settings and connections for authenticated calls to the API.

    As ``Client``, plus ``token``, ``prefix`` (default "Bearer") and ``auth_header_name``. The
    token is sent in the Authorization header and never shown in ``repr()``.
    """

    raise_on_unexpected_status: bool = field(default=False, kw_only=True)
    """Raise errors.UnexpectedStatus when the API answers a status the schema does not document."""
    strict_responses: bool = field(default=False, kw_only=True)
    """Fail when a response lacks a field the schema requires or holds a value of another type.

    Off by default: such a field then holds ``types.MISSING`` (absent) or the value as sent, so a
    field the caller never reads cannot fail the call. Tests and contract checks turn it on."""
    _base_url: str = field(alias="base_url")
    _cookies: dict[str, str] = field(
        factory=dict, kw_only=True, alias="cookies", repr=False
    )
    _headers: dict[str, str] = field(
        factory=dict, kw_only=True, alias="headers", repr=False
    )
    _timeout: httpx.Timeout | None = field(default=None, kw_only=True, alias="timeout")
    _verify_ssl: str | bool | ssl.SSLContext = field(
        default=True, kw_only=True, alias="verify_ssl"
    )
    _follow_redirects: bool = field(
        default=False, kw_only=True, alias="follow_redirects"
    )
    _httpx_args: dict[str, Any] = field(
        factory=dict, kw_only=True, alias="httpx_args", repr=False
    )
    _client: httpx.Client | None = field(default=None, init=False, repr=False)
    _async_client: httpx.AsyncClient | None = field(
        default=None, init=False, repr=False
    )
    token: str = field(repr=False)
    """The token to use for authentication (never shown in repr)."""
    prefix: str = "Bearer"
    """The prefix of the Authorization header's value ("" sends the bare token)."""
    auth_header_name: str = "Authorization"
    """The name of the Authorization header."""

    def with_headers(self, headers: dict[str, str]) -> "AuthenticatedClient":
        """A new client like this one with additional headers."""
        for client in (self._client, self._async_client):
            if client is not None:
                client.headers.update(headers)
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> "AuthenticatedClient":
        """A new client like this one with additional cookies."""
        for client in (self._client, self._async_client):
            if client is not None:
                client.cookies.update(cookies)
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout) -> "AuthenticatedClient":
        """A new client like this one with another timeout."""
        for client in (self._client, self._async_client):
            if client is not None:
                client.timeout = timeout
        return evolve(self, timeout=timeout)

    def _all_headers(self) -> dict[str, str]:
        value = f"{self.prefix} {self.token}" if self.prefix else self.token
        return {**self._headers, self.auth_header_name: value}

    def _httpx_kwargs(self) -> dict[str, Any]:
        return {
            "base_url": self._base_url,
            "cookies": self._cookies,
            "headers": self._all_headers(),
            "timeout": self._timeout,
            "verify": self._verify_ssl,
            "follow_redirects": self._follow_redirects,
            **self._httpx_args,
        }

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Use this httpx.Client (its settings replace every setting of this object)."""
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """The underlying httpx.Client, made on first use."""
        if self._client is None:
            self._client = httpx.Client(**self._httpx_kwargs())
        return self._client

    def __enter__(self) -> Self:
        """Enter the underlying httpx.Client (once only, as with httpx)."""
        self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit the underlying httpx.Client."""
        self.get_httpx_client().__exit__(*args, **kwargs)

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Use this httpx.AsyncClient (its settings replace every setting of this object)."""
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """The underlying httpx.AsyncClient, made on first use."""
        if self._async_client is None:
            self._async_client = httpx.AsyncClient(**self._httpx_kwargs())
        return self._async_client

    async def __aenter__(self) -> Self:
        """Enter the underlying httpx.AsyncClient (once only, as with httpx)."""
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit the underlying httpx.AsyncClient."""
        await self.get_async_httpx_client().__aexit__(*args, **kwargs)

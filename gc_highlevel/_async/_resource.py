"""Base class of the resources and the one function through which they call ``gc_api``."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from gc_highlevel._async._pagination import AsyncPageFetcher, AsyncPaginator
from gc_highlevel._concurrency import Awaitable
from gc_highlevel._exceptions import APIResponseValidationError
from gc_highlevel._utils import pk_from_api_url, to_uuid

if TYPE_CHECKING:
    from gc_highlevel._async._client import AsyncClient, DetailedResponse

T = TypeVar("T")


async def call(
    client: AsyncClient,
    fn: Callable[..., Awaitable[DetailedResponse[T]]],
    /,
    *args: Any,
    **kwargs: Any,
) -> T:
    """Call a generated ``*_detailed`` endpoint function through ``client`` and unwrap it.

    Errors (4xx/5xx, connection) are raised by the HTTP seam before the generated parser
    runs; what is left here is a 2xx body that does not fit the schema.
    """
    operation = getattr(fn, "__module__", "?").rsplit(".", 1)[-1]
    try:
        response = await fn(*args, client=client.raw, **kwargs)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise APIResponseValidationError(
            f"The server's answer to {operation} does not match the API schema "
            f"({type(exc).__name__}: {exc}). Upgrade gc-client, or report this with the "
            "operation name.",
            method=operation,
            url=client.base_url,
        ) from exc
    result = response.parsed
    if result is None:
        raise APIResponseValidationError(
            f"The server's answer to {operation} had no body the API schema describes.",
            method=operation,
            url=client.base_url,
        )
    return result


class AsyncAPIResource:
    """Shared plumbing of ``client.<resource>`` objects."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def _call(
        self, fn: Callable[..., Awaitable[DetailedResponse[T]]], /, *args: Any, **kwargs: Any
    ) -> T:
        return await call(self._client, fn, *args, **kwargs)

    def _paginate(
        self, fetcher: AsyncPageFetcher[T], *, page_size: int | None, what: str
    ) -> AsyncPaginator[T]:
        return AsyncPaginator(fetcher, page_size=page_size or self._client.page_size, what=what)


def describe(noun: str, **filters: object) -> str:
    """``"archive with slug='x'"`` for messages."""
    given = ", ".join(f"{k}={v!r}" for k, v in filters.items() if v is not None)
    return f"{noun} with {given}" if given else noun


class HasPk(Protocol):
    @property
    def pk(self) -> uuid.UUID: ...


class HasSlug(Protocol):
    @property
    def slug(self) -> str: ...


def slug_of(ref: str | HasSlug) -> str:
    """The slug of ``ref`` (a slug string, or an object with ``.slug``)."""
    return ref if isinstance(ref, str) else ref.slug


#: A reference to an object: the object itself, its pk (UUID or str) or its ``api_url``.
Ref = HasPk | uuid.UUID | str


def ref_pk(ref: Ref, collection: str) -> uuid.UUID:
    """The pk of ``ref`` (an object with ``.pk``, a UUID, a pk string or an ``api_url``)."""
    if isinstance(ref, uuid.UUID):
        return ref
    if isinstance(ref, str):
        if "/" in ref:
            ref = pk_from_api_url(ref, collection)
        return to_uuid(ref)
    return ref.pk


def ref_url(client: AsyncClient, ref: Ref, collection: str) -> str:
    """The ``api_url`` of ``ref``, which is what hyperlinked fields of request bodies expect."""
    if isinstance(ref, str) and "/" in ref:
        pk_from_api_url(ref, collection)  # validates it points at the right collection
        return ref
    api_url = getattr(ref, "api_url", None)
    if isinstance(api_url, str):
        return api_url
    return f"{client.base_url}{collection}{ref_pk(ref, collection)}/"

"""Base class of the resources and the one function through which they call ``gc_api``.

Each resource declares the objects it serves (``noun``, ``collection``, ``slugged``); references
to them are checked by :mod:`gc_highlevel._references` and resolved by ``_references.py`` here.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from gc_highlevel._async._pagination import AsyncPageFetcher, AsyncPaginator
from gc_highlevel._async._references import AsyncLazyRef, AsyncLazyRefs, declare, remember_slug
from gc_highlevel._concurrency import Awaitable
from gc_highlevel._exceptions import (
    APIError,
    APIResponseValidationError,
    ObjectNotFoundError,
    no_token_hint,
)
from gc_highlevel._references import Kind, check_get, slug_not_found

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
    """Shared plumbing of ``client.<resource>`` objects.

    A subclass declares the objects it serves, so that references to them anywhere in the
    client are checked and named alike (``AsyncArchives``: ``noun = "archive"``,
    ``collection = "archives/"``, ``slugged = True``); subclasses of a resource (the
    workflows) inherit its declaration.
    """

    #: What one object is called in messages, e.g. ``"archive item"``.
    noun: ClassVar[str]
    #: Where the objects live under ``/api/v1/``, e.g. ``"archives/items/"``.
    collection: ClassVar[str]
    #: Whether a reference may be an object's slug (looked up with ``get(slug=...)``).
    slugged: ClassVar[bool] = False
    #: Objects served under this resource that have no resource of their own.
    also_serves: ClassVar[tuple[Kind, ...]] = ()
    #: The three above, as one value (set for each declaring subclass).
    kind: ClassVar[Kind]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "collection" in cls.__dict__:
            cls.kind = Kind(cls.collection, cls.noun, cls.slugged)
            declare(cls, (cls.kind, *cls.also_serves))

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def _call(
        self, fn: Callable[..., Awaitable[DetailedResponse[T]]], /, *args: Any, **kwargs: Any
    ) -> T:
        return await call(self._client, fn, *args, **kwargs)

    def _paginate(
        self, fetcher: AsyncPageFetcher[T], *, page_size: int | None, what: str
    ) -> AsyncPaginator[T]:
        size = self._client.page_size if page_size is None else page_size
        hint = None if self._client.has_token else f"Check the spelling; also, {no_token_hint()}"
        return AsyncPaginator(fetcher, page_size=size, what=what, not_found_hint=hint)

    def _lookup(self, call_name: str, **given: object) -> uuid.UUID | str:
        """Check a ``get(pk, *, slug=, api_url=)`` call before any request.

        Returns the pk, or a slug (given as ``slug=`` or, for slugged resources,
        positionally) to look up.
        """
        return check_get(call_name, self.kind, **given)

    async def _one_by_slug(self, listing: AsyncPaginator[T], slug: str) -> T:
        """The only object of ``listing`` (filtered by ``slug``), with a helpful not-found error."""
        try:
            found = await listing.get_one()
        except ObjectNotFoundError as exc:
            if isinstance(exc, APIError):
                raise
            raise ObjectNotFoundError(
                slug_not_found(self.noun, slug, has_token=self._client.has_token)
            ) from None
        pk = getattr(found, "pk", None)
        if isinstance(pk, uuid.UUID):
            remember_slug(self._client, self.collection, slug, pk)
        return found

    def _lazy(self, ref: object | None, collection: str, *, what: str) -> AsyncLazyRef:
        return AsyncLazyRef(self._client, ref, collection, what=what)

    def _lazies(self, refs: object | None, collection: str, *, what: str) -> AsyncLazyRefs:
        return AsyncLazyRefs(self._client, refs, collection, what=what)

"""One paginator for every list endpoint.

``AsyncPaginator[T]`` walks a DRF limit/offset list lazily: it asks for big pages (1000 by
default, the server's cap), follows ``next`` until it is null, and fetches the next page while
the caller is still consuming the current one. ``AsyncPage[T]`` gives manual control.
"""

from __future__ import annotations

import builtins
import functools
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

import httpx

from gc_highlevel._concurrency import AsyncPrefetch
from gc_highlevel._constants import DEFAULT_PAGE_SIZE
from gc_highlevel._exceptions import (
    MultipleObjectsReturnedError,
    ObjectNotFoundError,
)
from gc_highlevel._validate import check_page_size

if TYPE_CHECKING:
    from gc_api.types import Unset

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

__all__ = ["AsyncPage", "AsyncPageFetcher", "AsyncPaginator", "PageData", "check_page_size"]


class PageData(Protocol[T_co]):
    """What every generated ``Paginated*List`` model looks like."""

    @property
    def count(self) -> int: ...

    @property
    def results(self) -> Sequence[T_co]: ...

    @property
    def next_(self) -> str | Unset | None: ...


class AsyncPageFetcher(Protocol[T_co]):
    """Fetches one page of a list: ``await fetch(offset=0, limit=1000)``."""

    async def __call__(self, *, offset: int, limit: int) -> PageData[T_co]: ...


def _next_offset(next_url: object, offset: int, received: int) -> int | None:
    if not isinstance(next_url, str) or not next_url:
        return None
    raw = httpx.URL(next_url).params.get("offset")
    try:
        nxt = int(raw) if raw is not None else offset + received
    except ValueError:
        nxt = offset + received
    return nxt if nxt > offset else None


@dataclass
class AsyncPage(Generic[T]):
    """One page of results.

    Example:
        >>> page = await client.archive_items.list(archive=archive.pk).first_page()
        >>> while page is not None:
        ...     for item in page.items:
        ...         print(item.pk)
        ...     page = await page.get_next_page()
    """

    items: builtins.list[T]
    #: Total number of objects matching the query (all pages), as the server counted it.
    count: int
    offset: int
    limit: int
    #: Offset of the next page, or None on the last page.
    next_offset: int | None
    _fetcher: AsyncPageFetcher[T] = field(repr=False)

    def has_next_page(self) -> bool:
        """Whether another page follows (``next`` was not null).

        Example:
            >>> page = await client.archives.list(page_size=1).first_page()
            >>> page.has_next_page()
            True
        """
        return self.next_offset is not None

    async def get_next_page(self) -> AsyncPage[T] | None:
        """The following page, or None if this is the last one.

        Example:
            >>> second = await page.get_next_page()
        """
        if self.next_offset is None:
            return None
        return await _fetch_page(self._fetcher, self.next_offset, self.limit)

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


async def _fetch_page(fetcher: AsyncPageFetcher[T], offset: int, limit: int) -> AsyncPage[T]:
    data = await fetcher(offset=offset, limit=limit)
    items = list(data.results)
    return AsyncPage(
        items=items,
        count=data.count,
        offset=offset,
        limit=limit,
        next_offset=_next_offset(data.next_, offset, len(items)),
        _fetcher=fetcher,
    )


class AsyncPaginator(Generic[T]):
    """A lazy, typed iterator over every object of a list endpoint.

    Nothing is requested until you iterate (or call a method). Pages are ``page_size`` objects
    (at most 1000, the server's cap); while you consume one page the next one is already
    being fetched (``prefetch=False`` turns that off).

    Example:
        >>> async for item in client.archive_items.list(archive=archive.pk):
        ...     print(item.pk)
        >>> n = await client.archive_items.list(archive=archive.pk).count()
        >>> archive = await client.archives.list(slug="coronacasesorg").get_one()
    """

    def __init__(
        self,
        fetcher: AsyncPageFetcher[T],
        *,
        page_size: int | None = None,
        prefetch: bool = True,
        what: str = "object",
        not_found_hint: str | None = None,
    ) -> None:
        self._fetcher = fetcher
        self._what = what
        self._not_found_hint = not_found_hint
        self.prefetch = prefetch
        self.page_size = check_page_size(DEFAULT_PAGE_SIZE if page_size is None else page_size)

    def __repr__(self) -> str:
        # Never raises, also half built (a traceback showing locals while ``page_size=0`` is
        # refused in ``__init__``) or with ``page_size`` set to anything afterwards.
        what = getattr(self, "_what", "object")
        page_size = getattr(self, "page_size", None)
        return f"<{type(self).__name__} of {what}, page_size={page_size!r}>"

    def __aiter__(self) -> AsyncIterator[T]:
        return self._items()

    async def _items(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.items:
                yield item

    async def pages(self) -> AsyncIterator[AsyncPage[T]]:
        """Every page in turn, the next one prefetched while you work on the current one.

        Example:
            >>> async for page in client.archive_items.list(archive=archive.pk).pages():
            ...     print(page.offset, len(page.items), page.count)
        """
        page: AsyncPage[T] | None = await _fetch_page(self._fetcher, 0, self.page_size)
        pending: AsyncPrefetch[AsyncPage[T]] | None = None
        try:
            while page is not None:
                nxt = page.next_offset
                if nxt is not None and self.prefetch:
                    pending = AsyncPrefetch(
                        functools.partial(_fetch_page, self._fetcher, nxt, self.page_size)
                    )
                yield page
                if nxt is None:
                    page = None
                elif pending is not None:
                    page = await pending.result()
                    pending = None
                else:
                    page = await _fetch_page(self._fetcher, nxt, self.page_size)
        finally:
            if pending is not None:
                pending.cancel()

    async def first_page(self) -> AsyncPage[T]:
        """The first page (``page_size`` objects), for manual paging with ``get_next_page()``.

        Example:
            >>> page = await client.archive_items.list(page_size=100).first_page()
            >>> len(page.items), page.count, page.next_offset
            (100, 2500, 100)
        """
        return await _fetch_page(self._fetcher, 0, self.page_size)

    async def count(self) -> int:
        """How many objects the query matches (one request asking for a single object).

        Example:
            >>> await client.archive_items.list(archive=archive).count()
            2500
        """
        return (await _fetch_page(self._fetcher, 0, 1)).count

    async def first(self) -> T | None:
        """The first object, or None if there is none (one small request).

        Example:
            >>> job = await client.algorithm_jobs.list(algorithm=algorithm).first()
        """
        page = await _fetch_page(self._fetcher, 0, 1)
        return page.items[0] if page.items else None

    async def last(self, n: int) -> builtins.list[T]:
        """The last ``n`` objects, in list order (two requests, up to 1000 objects): on lists
        ordered by creation (jobs, uploads, items) the newest, oldest of them first.

        Example:
            >>> newest = await client.algorithm_jobs.list(algorithm=algorithm).last(20)
        """
        n = check_page_size(n, what="last(n)")
        first = await _fetch_page(self._fetcher, 0, 1)
        if first.count <= 1:
            return list(first.items)
        page = await _fetch_page(self._fetcher, max(0, first.count - n), n)
        return list(page.items)

    async def get_one(self) -> T:
        """The only matching object (one request asking for two).

        Example:
            >>> archive = await client.archives.list(slug="coronacasesorg").get_one()

        Raises:
            ObjectNotFoundError: nothing matches (or nothing visible to you).
            MultipleObjectsReturnedError: more than one object matches.
        """
        page = await _fetch_page(self._fetcher, 0, 2)
        if not page.items:
            hint = self._not_found_hint or (
                "Check the spelling, and that your account (token) has access: private "
                "objects are hidden, not refused."
            )
            raise ObjectNotFoundError(f"No {self._what} is visible to you. {hint}")
        if len(page.items) > 1 or page.count > 1:
            raise MultipleObjectsReturnedError(
                f"{page.count} objects match {self._what}; expected one. "
                "Add filters to narrow it down."
            )
        return page.items[0]

    async def to_list(self) -> builtins.list[T]:
        """Every object, in a list.

        Example:
            >>> items = await client.archive_items.list(archive=archive).to_list()
        """
        return [item async for item in self]

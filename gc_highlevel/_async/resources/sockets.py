"""``client.sockets``: sockets (component interfaces), cached by slug."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable

from gc_api.api.components import components_interfaces_list, components_interfaces_retrieve
from gc_api.models.component_interface import ComponentInterface
from gc_api.models.paginated_component_interface_list import PaginatedComponentInterfaceList
from gc_highlevel._async._client import AsyncClient
from gc_highlevel._async._pagination import AsyncPaginator
from gc_highlevel._async._resource import AsyncAPIResource
from gc_highlevel._exceptions import InvalidReferenceError, ObjectNotFoundError
from gc_highlevel._references import describe, one_of, pk_from_api_url
from gc_highlevel._utils import unset

_FORMS = (
    "pass a socket's slug (e.g. 'generic-medical-image', positionally or as slug=), its "
    "integer pk, or the socket itself"
)


def _socket_ref(value: object) -> int | str:
    """The integer pk, or the slug, of a positional socket reference (checked, no request)."""
    if isinstance(value, bool):
        raise InvalidReferenceError(f"sockets.get() got {value!r}; {_FORMS}")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip()
        if "/" in text:
            rest = pk_from_api_url(text, AsyncSockets.collection)
            if rest.isdigit():
                return int(rest)
            raise InvalidReferenceError(f"sockets.get() got {value!r}; {_FORMS}")
        if text.isdigit():
            return int(text)
        if text:
            return text
    slug = getattr(value, "slug", None)
    if isinstance(slug, str) and slug:
        return slug
    raise InvalidReferenceError(f"sockets.get() got {type(value).__name__} {value!r}; {_FORMS}")


class AsyncSockets(AsyncAPIResource):
    """Sockets (``/api/v1/components/interfaces/``): the typed slots values go into.

    Sockets rarely change, so they are cached per client by slug (:meth:`get`,
    :meth:`get_many`; ``clear_cache()`` forgets): the batch calls read them from here too. Listing sockets needs a token, even for public ones.
    """

    noun = "socket"
    collection = "components/interfaces/"

    def __init__(self, client: AsyncClient) -> None:
        super().__init__(client)
        self._by_slug: dict[str, ComponentInterface] = {}
        self._listed = False  # every socket was listed once: an unknown slug does not exist

    def list(
        self, *, slug: str | None = None, page_size: int | None = None
    ) -> AsyncPaginator[ComponentInterface]:
        """All sockets, optionally filtered by ``slug``.

        Example:
            >>> async for socket in client.sockets.list():
            ...     print(socket.slug, socket.kind, socket.super_kind)
        """

        async def fetch(*, offset: int, limit: int) -> PaginatedComponentInterfaceList:
            return await self._call(
                components_interfaces_list.asyncio_detailed,
                slug=unset(slug),
                offset=offset,
                limit=limit,
            )

        return self._paginate(fetch, page_size=page_size, what=describe(self.noun, slug=slug))

    async def get(
        self, pk: int | str | None = None, *, slug: str | None = None
    ) -> ComponentInterface:
        """One socket by slug or integer pk (positionally), or ``slug=``; cached by slug.

        A positional string that is not a number is a slug. The first look-up of a slug is one
        list request; later ones are answered from the cache.

        Example:
            >>> socket = await client.sockets.get("generic-medical-image")
            >>> socket.super_kind
            'Image'
        """
        try:
            kind, value = one_of("sockets.get()", pk=pk, slug=slug)
        except InvalidReferenceError as exc:
            raise InvalidReferenceError(f"{exc}; {_FORMS}") from None
        ref = _socket_ref(value) if kind == "pk" else value
        if not isinstance(ref, int) and not (isinstance(ref, str) and ref.strip()):
            raise InvalidReferenceError(f"sockets.get() got slug={ref!r}; {_FORMS}")
        if isinstance(ref, str):
            ref = ref.strip()
            cached = self._by_slug.get(ref)
            if cached is not None:
                return cached
            socket = await self._one_by_slug(self.list(slug=ref), ref)
        else:
            socket = await self._call(components_interfaces_retrieve.asyncio_detailed, ref)
        self._by_slug[socket.slug] = socket
        return socket

    async def get_many(self, slugs: Iterable[str]) -> dict[str, ComponentInterface]:
        """The sockets among ``slugs`` that exist, by slug (unknown slugs are simply absent).

        Cached with :meth:`get`: one slug not seen yet costs one request (``?slug=``); several
        cost one list request of all sockets (page size 1000), whatever their number, and so
        does a slug that does not exist (then :meth:`known` holds every socket, for the
        error's nearest-slug hints).

        Example:
            >>> found = await client.sockets.get_many(["ct-image", "age", "no-such-socket"])
            >>> sorted(found)
            ['age', 'ct-image']
        """
        wanted = sorted(set(slugs))
        missing = [s for s in wanted if s not in self._by_slug]
        if len(missing) == 1 and not self._listed:
            with contextlib.suppress(ObjectNotFoundError):  # then listed below, for the hints
                await self.get(slug=missing[0])
        if any(s not in self._by_slug for s in missing) and not self._listed:
            async for socket in self.list(page_size=1000):
                self._by_slug[socket.slug] = socket
            self._listed = True
        return {s: self._by_slug[s] for s in wanted if s in self._by_slug}

    def known(self) -> dict[str, ComponentInterface]:
        """Every socket this client has looked up so far, by slug (no request).

        Example:
            >>> sorted(client.sockets.known())
            ['ct-image']
        """
        return dict(self._by_slug)

    def clear_cache(self) -> None:
        """Forget the sockets cached by :meth:`get` and :meth:`get_many`.

        Example:
            >>> client.sockets.clear_cache()
        """
        self._by_slug.clear()
        self._listed = False

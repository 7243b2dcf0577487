"""``client.sockets``: sockets (component interfaces), cached by slug."""

from __future__ import annotations

from gc_api.api.components import components_interfaces_list, components_interfaces_retrieve
from gc_api.models.component_interface import ComponentInterface
from gc_api.models.paginated_component_interface_list import PaginatedComponentInterfaceList
from gc_highlevel._async._client import AsyncClient
from gc_highlevel._async._pagination import AsyncPaginator
from gc_highlevel._async._resource import AsyncAPIResource, describe
from gc_highlevel._utils import one_of, unset


class AsyncSockets(AsyncAPIResource):
    """Sockets (``/api/v1/components/interfaces/``): the typed slots values go into.

    Sockets rarely change, so :meth:`get` by slug is cached per client (``clear_cache()``
    forgets). Listing sockets needs a token, even for public ones.
    """

    def __init__(self, client: AsyncClient) -> None:
        super().__init__(client)
        self._by_slug: dict[str, ComponentInterface] = {}

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

        return self._paginate(fetch, page_size=page_size, what=describe("socket", slug=slug))

    async def get(self, pk: int | None = None, *, slug: str | None = None) -> ComponentInterface:
        """One socket by integer pk or by ``slug`` (cached after the first look-up).

        Example:
            >>> socket = await client.sockets.get(slug="generic-medical-image")
            >>> socket.super_kind
            'Image'
        """
        kind, value = one_of(pk=pk, slug=slug)
        if kind == "slug":
            cached = self._by_slug.get(value)
            if cached is not None:
                return cached
            socket = await self.list(slug=value).get_one()
        else:
            socket = await self._call(components_interfaces_retrieve.asyncio_detailed, int(value))
        self._by_slug[socket.slug] = socket
        return socket

    def clear_cache(self) -> None:
        """Forget the sockets cached by :meth:`get`."""
        self._by_slug.clear()

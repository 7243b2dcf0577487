"""``client.archive_items``: the cases of an archive and their socket values."""

from __future__ import annotations

from collections.abc import Sequence

from gc_api.api.archives import (
    archives_items_create,
    archives_items_list,
    archives_items_partial_update,
    archives_items_retrieve,
    archives_items_update,
)
from gc_api.models.archive_item import ArchiveItem
from gc_api.models.archive_item_post import ArchiveItemPost
from gc_api.models.archive_item_post_request import ArchiveItemPostRequest
from gc_api.models.component_interface_value_post_request import (
    ComponentInterfaceValuePostRequest,
)
from gc_api.models.paginated_archive_item_list import PaginatedArchiveItemList
from gc_api.models.patched_archive_item_post_request import PatchedArchiveItemPostRequest
from gc_highlevel._async._pagination import AsyncPaginator
from gc_highlevel._async._references import ref_pk, resolve_url
from gc_highlevel._async._resource import AsyncAPIResource
from gc_highlevel._references import Ref, describe
from gc_highlevel._utils import unset


class AsyncArchiveItems(AsyncAPIResource):
    """Archive items (``/api/v1/archives/items/``). No delete through the API."""

    noun = "archive item"
    collection = "archives/items/"

    def list(
        self, *, archive: Ref | None = None, page_size: int | None = None
    ) -> AsyncPaginator[ArchiveItem]:
        """Items visible to you, optionally of one ``archive`` (object, slug, pk or ``api_url``).

        A slug is looked up with the first page (one request, then cached per client).

        Example:
            >>> items = await client.archive_items.list(archive="coronacasesorg").to_list()
        """
        archive_ref = self._lazy(archive, "archives/", what="archive_items.list(archive=...)")

        async def fetch(*, offset: int, limit: int) -> PaginatedArchiveItemList:
            return await self._call(
                archives_items_list.asyncio_detailed,
                archive=unset(await archive_ref.pk()),
                offset=offset,
                limit=limit,
            )

        return self._paginate(
            fetch, page_size=page_size, what=describe(self.noun, archive=archive_ref.label)
        )

    async def get(self, pk: Ref | None = None, *, api_url: str | None = None) -> ArchiveItem:
        """One archive item by pk or ``api_url``.

        Example:
            >>> item = await client.archive_items.get("1c4c57e6-8c1b-4f38-9c4c-0c4f2d5a7d21")
            >>> [v.interface.slug for v in item.values]
            ['generic-medical-image']
        """
        value = self._lookup("archive_items.get()", pk=pk, api_url=api_url)
        return await self._call(archives_items_retrieve.asyncio_detailed, value)

    async def create(self, *, archive: Ref, title: str | None = None) -> ArchiveItemPost:
        """Create an empty item in ``archive`` (the object, its slug, pk or ``api_url``).

        Values are added with :meth:`partial_update`.

        Example:
            >>> item = await client.archive_items.create(archive="coronacasesorg", title="case 1")
        """
        url = await resolve_url(
            self._client, archive, "archives/", what="archive_items.create(archive=...)"
        )
        body = ArchiveItemPostRequest(archive=url, title=title or "")
        return await self._call(archives_items_create.asyncio_detailed, body=body)

    async def partial_update(
        self,
        pk: Ref,
        *,
        values: Sequence[ComponentInterfaceValuePostRequest] | None = None,
        title: str | None = None,
    ) -> ArchiveItemPost:
        """Set some socket values (others stay) and/or the title.

        Example:
            >>> from gc_highlevel.types import socket_value
            >>> await client.archive_items.partial_update(
            ...     item.pk, values=[socket_value("age", value=63)]
            ... )
        """
        body = PatchedArchiveItemPostRequest(
            values=unset(list(values) if values is not None else None), title=unset(title)
        )
        return await self._call(
            archives_items_partial_update.asyncio_detailed,
            ref_pk(pk, self.collection, what="archive_items.partial_update()"),
            body=body,
        )

    async def update(
        self,
        pk: Ref,
        *,
        values: Sequence[ComponentInterfaceValuePostRequest],
        title: str | None = None,
    ) -> ArchiveItemPost:
        """Replace the item's socket values: sockets not listed are removed (HTTP PUT).

        Example:
            >>> await client.archive_items.update(item.pk, values=[socket_value("age", value=64)])
        """
        # The title is only sent when given: a PUT must not blank it.
        body = ArchiveItemPostRequest(values=list(values), title=unset(title))
        return await self._call(
            archives_items_update.asyncio_detailed,
            ref_pk(pk, self.collection, what="archive_items.update()"),
            body=body,
        )

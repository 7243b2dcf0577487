"""``client.archives``: archives, looked up by slug, pk or ``api_url``.

The API's ``Archive`` has no ``slug`` field; :func:`gc_highlevel.types.archive_slug` reads it
from the archive's web ``url``.
"""

from __future__ import annotations

import builtins

from gc_api.api.archives import (
    archives_list,
    archives_patients_retrieve,
    archives_retrieve,
    archives_studies_retrieve,
)
from gc_api.models.archive import Archive
from gc_api.models.paginated_archive_list import PaginatedArchiveList
from gc_highlevel._async._pagination import AsyncPaginator
from gc_highlevel._async._references import resolve_pk
from gc_highlevel._async._resource import AsyncAPIResource
from gc_highlevel._references import Ref, describe
from gc_highlevel._utils import unset


class AsyncArchives(AsyncAPIResource):
    """Archives (``/api/v1/archives/``). Read-only through the API."""

    noun = "archive"
    collection = "archives/"
    slugged = True

    def list(
        self, *, slug: str | None = None, page_size: int | None = None
    ) -> AsyncPaginator[Archive]:
        """Archives visible to you, optionally filtered by ``slug``.

        Example:
            >>> async for archive in client.archives.list():
            ...     print(archive.title)
        """

        async def fetch(*, offset: int, limit: int) -> PaginatedArchiveList:
            return await self._call(
                archives_list.asyncio_detailed, slug=unset(slug), offset=offset, limit=limit
            )

        return self._paginate(fetch, page_size=page_size, what=describe(self.noun, slug=slug))

    async def get(
        self, pk: Ref | None = None, *, slug: str | None = None, api_url: str | None = None
    ) -> Archive:
        """One archive by slug or pk (positionally), ``slug=`` or ``api_url=``.

        A positional string that is neither a UUID nor an ``api_url`` is a slug (one list
        request). Raises :class:`~gc_highlevel.ObjectNotFoundError` (a
        :class:`~gc_highlevel.NotFoundError` for a pk) if it does not exist or is not visible
        to you, and :class:`~gc_highlevel.InvalidReferenceError` for a reference of the wrong
        form, before any request.

        Example:
            >>> archive = await client.archives.get("coronacasesorg")
            >>> archive.title
            'coronacases.org'
        """
        value = self._lookup("archives.get()", pk=pk, slug=slug, api_url=api_url)
        if isinstance(value, str):
            return await self._one_by_slug(self.list(slug=value), value)
        return await self._call(archives_retrieve.asyncio_detailed, value)

    async def patients(self, archive: Ref) -> builtins.list[str]:
        """The distinct patient ids of the archive's images (may include ``""``).

        Example:
            >>> await client.archives.patients(archive)
            ['p001', 'p002']
        """
        pk = await resolve_pk(self._client, archive, self.collection, what="archives.patients()")
        return await self._call(archives_patients_retrieve.asyncio_detailed, pk)

    async def studies(self, archive: Ref, *, patient_id: str) -> builtins.list[str]:
        """The distinct study descriptions of one patient's images in the archive.

        Example:
            >>> await client.archives.studies(archive, patient_id="p001")
            ['CT chest']
        """
        pk = await resolve_pk(self._client, archive, self.collection, what="archives.studies()")
        return await self._call(
            archives_studies_retrieve.asyncio_detailed, pk, patient_id=patient_id
        )

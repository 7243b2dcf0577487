"""``client.upload_sessions``: raw image upload sessions (server-side image imports)."""

from __future__ import annotations

from collections.abc import Sequence

from gc_api.api.cases import (
    cases_upload_sessions_create,
    cases_upload_sessions_list,
    cases_upload_sessions_retrieve,
)
from gc_api.models.paginated_raw_image_upload_session_list import (
    PaginatedRawImageUploadSessionList,
)
from gc_api.models.raw_image_upload_session import RawImageUploadSession
from gc_api.models.raw_image_upload_session_request import RawImageUploadSessionRequest
from gc_highlevel._async._pagination import AsyncPaginator
from gc_highlevel._async._resource import AsyncAPIResource, HasSlug, Ref, ref_pk, ref_url, slug_of
from gc_highlevel._utils import one_of, unset

_COLLECTION = "cases/upload-sessions/"


class AsyncUploadSessions(AsyncAPIResource):
    """Raw image upload sessions (``/api/v1/cases/upload-sessions/``)."""

    def list(self, *, page_size: int | None = None) -> AsyncPaginator[RawImageUploadSession]:
        """Your upload sessions.

        Example:
            >>> async for session in client.upload_sessions.list():
            ...     print(session.pk, session.status, session.error_message)
        """

        async def fetch(*, offset: int, limit: int) -> PaginatedRawImageUploadSessionList:
            return await self._call(
                cases_upload_sessions_list.asyncio_detailed, offset=offset, limit=limit
            )

        return self._paginate(fetch, page_size=page_size, what="upload session")

    async def get(
        self, pk: Ref | None = None, *, api_url: str | None = None
    ) -> RawImageUploadSession:
        """One upload session by pk or ``api_url``.

        Example:
            >>> (await client.upload_sessions.get(session.pk)).status
            'Succeeded'
        """
        _, value = one_of(pk=pk, api_url=api_url)
        return await self._call(
            cases_upload_sessions_retrieve.asyncio_detailed, ref_pk(value, _COLLECTION)
        )

    async def create(
        self,
        *,
        uploads: Sequence[Ref],
        archive: str | HasSlug | None = None,
        archive_item: Ref | None = None,
        display_set: Ref | None = None,
        answer: Ref | None = None,
        socket: str | None = None,
    ) -> RawImageUploadSession:
        """Import completed ``uploads`` as images into at most one target.

        ``archive`` is a slug or an archive (one new item per image); ``archive_item`` and ``display_set``
        need ``socket``; ``answer`` attaches a mask. Without a target the session only waits
        to be referenced by a socket value.

        Example:
            >>> session = await client.upload_sessions.create(
            ...     uploads=[upload.api_url], archive="coronacasesorg", socket="ct-image"
            ... )
            >>> session.status
            'Queued'
        """
        body = RawImageUploadSessionRequest(
            uploads=[ref_url(self._client, u, "uploads/") for u in uploads],
            archive=unset(slug_of(archive) if archive is not None else None),
            archive_item=unset(ref_pk(archive_item, "archives/items/") if archive_item else None),
            display_set=unset(
                ref_pk(display_set, "reader-studies/display-sets/") if display_set else None
            ),
            answer=unset(ref_pk(answer, "reader-studies/answers/") if answer else None),
            interface=unset(socket),
        )
        return await self._call(cases_upload_sessions_create.asyncio_detailed, body=body)

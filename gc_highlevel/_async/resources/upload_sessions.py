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
from gc_highlevel._async._references import ref_pk, resolve_slug, resolve_url
from gc_highlevel._async._resource import AsyncAPIResource
from gc_highlevel._references import Ref
from gc_highlevel._utils import unset


class AsyncUploadSessions(AsyncAPIResource):
    """Raw image upload sessions (``/api/v1/cases/upload-sessions/``)."""

    noun = "upload session"
    collection = "cases/upload-sessions/"

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

        return self._paginate(fetch, page_size=page_size, what=self.noun)

    async def get(
        self, pk: Ref | None = None, *, api_url: str | None = None
    ) -> RawImageUploadSession:
        """One upload session by pk or ``api_url``.

        Example:
            >>> (await client.upload_sessions.get(session.pk)).status
            'Succeeded'
        """
        value = self._lookup("upload_sessions.get()", pk=pk, api_url=api_url)
        return await self._call(cases_upload_sessions_retrieve.asyncio_detailed, value)

    async def create(
        self,
        *,
        uploads: Sequence[Ref],
        archive: Ref | None = None,
        archive_item: Ref | None = None,
        display_set: Ref | None = None,
        answer: Ref | None = None,
        socket: str | None = None,
    ) -> RawImageUploadSession:
        """Import completed ``uploads`` as images into at most one target.

        ``archive`` (one new item per image) is its slug, the archive, its pk or ``api_url``;
        ``archive_item`` and ``display_set`` need ``socket``; ``answer`` attaches a mask.
        Without a target the session only waits to be referenced by a socket value.

        Example:
            >>> session = await client.upload_sessions.create(
            ...     uploads=[upload.api_url], archive="coronacasesorg", socket="ct-image"
            ... )
            >>> session.status
            'Queued'
        """
        what = "upload_sessions.create({}=...)"
        upload_urls = [
            await resolve_url(self._client, u, "uploads/", what=what.format("uploads"))
            for u in uploads
        ]
        archive_slug = (
            None
            if archive is None
            else await resolve_slug(self._client, archive, "archives/", what=what.format("archive"))
        )
        targets = {
            "archive_item": (archive_item, "archives/items/"),
            "display_set": (display_set, "reader-studies/display-sets/"),
            "answer": (answer, "reader-studies/answers/"),
        }
        pks = {
            name: None if ref is None else ref_pk(ref, collection, what=what.format(name))
            for name, (ref, collection) in targets.items()
        }
        body = RawImageUploadSessionRequest(
            uploads=upload_urls,
            archive=unset(archive_slug),
            archive_item=unset(pks["archive_item"]),
            display_set=unset(pks["display_set"]),
            answer=unset(pks["answer"]),
            interface=unset(socket),
        )
        return await self._call(cases_upload_sessions_create.asyncio_detailed, body=body)

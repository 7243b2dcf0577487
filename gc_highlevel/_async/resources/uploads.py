"""``client.uploads``: the user-upload endpoints (multipart uploads to storage).

These are the low-level steps; a resumable transfer engine builds on them. Parts are PUT to
the presigned URLs *without* the API token.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from gc_api.api.uploads import (
    uploads_abort_multipart_upload_partial_update,
    uploads_complete_multipart_upload_partial_update,
    uploads_create,
    uploads_generate_presigned_urls_partial_update,
    uploads_list,
    uploads_list_parts_retrieve,
    uploads_retrieve,
)
from gc_api.models.paginated_user_upload_list import PaginatedUserUploadList
from gc_api.models.part_request import PartRequest
from gc_api.models.patched_user_upload_complete_request import PatchedUserUploadCompleteRequest
from gc_api.models.patched_user_upload_presigned_ur_ls_request import (
    PatchedUserUploadPresignedURLsRequest,
)
from gc_api.models.user_upload import UserUpload
from gc_api.models.user_upload_complete import UserUploadComplete
from gc_api.models.user_upload_create import UserUploadCreate
from gc_api.models.user_upload_create_request import UserUploadCreateRequest
from gc_api.models.user_upload_parts import UserUploadParts
from gc_api.models.user_upload_presigned_ur_ls import UserUploadPresignedURLs
from gc_highlevel._async._pagination import AsyncPaginator
from gc_highlevel._async._references import ref_pk
from gc_highlevel._async._resource import AsyncAPIResource
from gc_highlevel._references import Ref


class AsyncUploads(AsyncAPIResource):
    """User uploads (``/api/v1/uploads/``): create, presign parts, complete, abort, list parts."""

    noun = "upload"
    collection = "uploads/"

    def list(self, *, page_size: int | None = None) -> AsyncPaginator[UserUpload]:
        """Your uploads that have not been consumed or expired.

        Example:
            >>> async for upload in client.uploads.list():
            ...     print(upload.filename, upload.status)
        """

        async def fetch(*, offset: int, limit: int) -> PaginatedUserUploadList:
            return await self._call(uploads_list.asyncio_detailed, offset=offset, limit=limit)

        return self._paginate(fetch, page_size=page_size, what=self.noun)

    async def get(self, pk: Ref | None = None, *, api_url: str | None = None) -> UserUpload:
        """One of your uploads by pk or ``api_url``.

        Example:
            >>> (await client.uploads.get(upload.pk)).status
            'Completed'
        """
        value = self._lookup("uploads.get()", pk=pk, api_url=api_url)
        return await self._call(uploads_retrieve.asyncio_detailed, value)

    async def create(self, *, filename: str) -> UserUploadCreate:
        """Open a multipart upload for a file called ``filename`` (a bare name, no directories).

        Not retried on 5xx or read timeouts: a resend would open a second upload.

        Example:
            >>> upload = await client.uploads.create(filename="ct.mha")
            >>> upload.status
            'Initialized'
        """
        body = UserUploadCreateRequest(filename=filename)
        return await self._call(uploads_create.asyncio_detailed, body=body)

    async def presign_parts(
        self, upload: Ref, *, s3_upload_id: str, part_numbers: Iterable[int]
    ) -> dict[int, str]:
        """Presigned PUT URLs for the given part numbers (1..10000), keyed by part number.

        Example:
            >>> urls = await client.uploads.presign_parts(
            ...     upload.pk, s3_upload_id=upload.s3_upload_id, part_numbers=[1, 2]
            ... )
            >>> sorted(urls)
            [1, 2]
        """
        body = PatchedUserUploadPresignedURLsRequest(part_numbers=list(part_numbers))
        result: UserUploadPresignedURLs = await self._call(
            uploads_generate_presigned_urls_partial_update.asyncio_detailed,
            ref_pk(upload, self.collection),
            s3_upload_id,
            body=body,
        )
        return {int(k): v for k, v in result.presigned_urls.additional_properties.items()}

    async def complete(
        self, upload: Ref, *, s3_upload_id: str, parts: Mapping[int, str]
    ) -> UserUploadComplete:
        """Finish a multipart upload; ``parts`` maps part number to the ETag S3 returned.

        ETags are passed verbatim (quotes included); parts are sent in ascending order.

        Example:
            >>> done = await client.uploads.complete(
            ...     upload.pk, s3_upload_id=upload.s3_upload_id, parts={1: '"9b2cf5..."'}
            ... )
            >>> done.status
            'Completed'
        """
        body = PatchedUserUploadCompleteRequest(
            parts=[PartRequest(e_tag=parts[n], part_number=n) for n in sorted(parts)]
        )
        return await self._call(
            uploads_complete_multipart_upload_partial_update.asyncio_detailed,
            ref_pk(upload, self.collection),
            s3_upload_id,
            body=body,
        )

    async def abort(self, upload: Ref, *, s3_upload_id: str) -> UserUpload:
        """Abort a multipart upload (its parts are discarded).

        Example:
            >>> (await client.uploads.abort(upload.pk, s3_upload_id=upload.s3_upload_id)).status
            'Aborted'
        """
        return await self._call(
            uploads_abort_multipart_upload_partial_update.asyncio_detailed,
            ref_pk(upload, self.collection),
            s3_upload_id,
        )

    async def list_parts(self, upload: Ref, *, s3_upload_id: str) -> UserUploadParts:
        """The parts S3 already has (to resume an interrupted upload).

        Example:
            >>> parts = await client.uploads.list_parts(upload.pk, s3_upload_id=upload.s3_upload_id)
            >>> [p.part_number for p in parts.parts]
            [1]
        """
        return await self._call(
            uploads_list_parts_retrieve.asyncio_detailed,
            ref_pk(upload, self.collection),
            s3_upload_id,
        )

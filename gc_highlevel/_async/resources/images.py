"""``client.images``: medical images, their metadata and their files."""

from __future__ import annotations

import builtins
import datetime
from collections.abc import Sequence

from gc_api.api.cases import cases_images_list, cases_images_retrieve
from gc_api.models.hyperlinked_image import HyperlinkedImage
from gc_api.models.image_file import ImageFile
from gc_api.models.paginated_hyperlinked_image_list import PaginatedHyperlinkedImageList
from gc_highlevel._async._pagination import AsyncPaginator
from gc_highlevel._async._resource import AsyncAPIResource, Ref, describe, ref_pk
from gc_highlevel._utils import one_of, unset

_COLLECTION = "cases/images/"


def _pks(refs: Sequence[Ref] | None, collection: str) -> builtins.list[object] | None:
    return [ref_pk(r, collection) for r in refs] if refs is not None else None


class AsyncImages(AsyncAPIResource):
    """Images (``/api/v1/cases/images/``). Created by imports, not directly."""

    def list(
        self,
        *,
        origin: Ref | None = None,
        archive: Sequence[Ref] | None = None,
        reader_study: Sequence[Ref] | None = None,
        job_input: Sequence[Ref] | None = None,
        job_output: Sequence[Ref] | None = None,
        name: str | None = None,
        patient_id: str | None = None,
        patient_name: str | None = None,
        patient_birth_date: datetime.date | None = None,
        patient_age: str | None = None,
        study_date: datetime.date | None = None,
        study_instance_uid: str | None = None,
        series_instance_uid: str | None = None,
        study_description: str | None = None,
        series_description: str | None = None,
        patient_id_isempty: bool | None = None,
        study_description_isempty: bool | None = None,
        page_size: int | None = None,
    ) -> AsyncPaginator[HyperlinkedImage]:
        """Images visible to you, with the server's filters (several pks are OR-ed).

        ``origin`` is the upload session that created the image.

        Example:
            >>> archive = await client.archives.get(slug="coronacasesorg")
            >>> async for image in client.images.list(archive=[archive]):
            ...     print(image.name, image.shape)
        """
        filters: dict[str, object] = {
            "origin": ref_pk(origin, "cases/upload-sessions/") if origin is not None else None,
            "archive": _pks(archive, "archives/"),
            "reader_study": _pks(reader_study, "reader-studies/"),
            "job_input": _pks(job_input, "algorithms/jobs/"),
            "job_output": _pks(job_output, "algorithms/jobs/"),
            "name": name,
            "patient_id": patient_id,
            "patient_name": patient_name,
            "patient_birth_date": patient_birth_date,
            "patient_age": patient_age,
            "study_date": study_date,
            "study_instance_uid": study_instance_uid,
            "series_instance_uid": series_instance_uid,
            "study_description": study_description,
            "series_description": series_description,
            "patient_id_isempty": patient_id_isempty,
            "study_description_isempty": study_description_isempty,
        }

        async def fetch(*, offset: int, limit: int) -> PaginatedHyperlinkedImageList:
            return await self._call(
                cases_images_list.asyncio_detailed,
                offset=offset,
                limit=limit,
                **{k: unset(v) for k, v in filters.items()},
            )

        return self._paginate(fetch, page_size=page_size, what=describe("image", **filters))

    async def get(self, pk: Ref | None = None, *, api_url: str | None = None) -> HyperlinkedImage:
        """One image by pk or ``api_url`` (e.g. a socket value's ``image``).

        Example:
            >>> image = await client.images.get(api_url=item.values[0].image)
            >>> image.shape
            [120, 512, 512]
        """
        _, value = one_of(pk=pk, api_url=api_url)
        return await self._call(cases_images_retrieve.asyncio_detailed, ref_pk(value, _COLLECTION))

    async def files(self, image: Ref, *, image_type: str | None = None) -> builtins.list[ImageFile]:
        """The image's files (``.mha`` for ``MHD``, ``.tif`` for ``TIFF``, ``DZI``).

        Each file's ``file`` URL is a download link on the API host that redirects to storage.

        Example:
            >>> [f.image_type for f in await client.images.files(image)]
            ['MHD']
        """
        found = image if isinstance(image, HyperlinkedImage) else await self.get(image)
        return [f for f in found.files if image_type is None or f.image_type == image_type]

"""``client.reader_studies``: reader studies and their ground truth."""

from __future__ import annotations

from gc_api.api.reader_studies import (
    reader_studies_ground_truth_retrieve,
    reader_studies_list,
    reader_studies_retrieve,
)
from gc_api.models.paginated_reader_study_list import PaginatedReaderStudyList
from gc_api.models.reader_studies_ground_truth_retrieve_response_200 import (
    ReaderStudiesGroundTruthRetrieveResponse200,
)
from gc_api.models.reader_study import ReaderStudy
from gc_highlevel._async._pagination import AsyncPaginator
from gc_highlevel._async._references import ref_pk, resolve_pk
from gc_highlevel._async._resource import AsyncAPIResource
from gc_highlevel._references import Ref, describe
from gc_highlevel._utils import unset


class AsyncReaderStudies(AsyncAPIResource):
    """Reader studies (``/api/v1/reader-studies/``). Read-only through the API."""

    noun = "reader study"
    collection = "reader-studies/"
    slugged = True

    def list(
        self, *, slug: str | None = None, page_size: int | None = None
    ) -> AsyncPaginator[ReaderStudy]:
        """Reader studies visible to you, optionally filtered by ``slug``.

        Example:
            >>> async for study in client.reader_studies.list():
            ...     print(study.slug)
        """

        async def fetch(*, offset: int, limit: int) -> PaginatedReaderStudyList:
            return await self._call(
                reader_studies_list.asyncio_detailed, slug=unset(slug), offset=offset, limit=limit
            )

        return self._paginate(fetch, page_size=page_size, what=describe(self.noun, slug=slug))

    async def get(
        self, pk: Ref | None = None, *, slug: str | None = None, api_url: str | None = None
    ) -> ReaderStudy:
        """One reader study by slug or pk (positionally), ``slug=`` or ``api_url=``.

        A positional string that is neither a UUID nor an ``api_url`` is a slug (one list
        request).

        Example:
            >>> study = await client.reader_studies.get("corads-score-exam")
            >>> [q.question_text for q in study.questions]
        """
        value = self._lookup("reader_studies.get()", pk=pk, slug=slug, api_url=api_url)
        if isinstance(value, str):
            return await self._one_by_slug(self.list(slug=value), value)
        return await self._call(reader_studies_retrieve.asyncio_detailed, value)

    async def ground_truth(
        self, reader_study: Ref, display_set: Ref
    ) -> ReaderStudiesGroundTruthRetrieveResponse200:
        """The ground truth of one display set, keyed by question pk (educational studies only).

        Example:
            >>> truth = await client.reader_studies.ground_truth(study, display_set)
            >>> truth.additional_properties
        """
        what = "reader_studies.ground_truth()"
        return await self._call(
            reader_studies_ground_truth_retrieve.asyncio_detailed,
            await resolve_pk(self._client, reader_study, self.collection, what=what),
            ref_pk(display_set, "reader-studies/display-sets/", what=what),
        )

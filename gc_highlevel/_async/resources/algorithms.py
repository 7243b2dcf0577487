"""``client.algorithms``: algorithms and their container images."""

from __future__ import annotations

from gc_api.api.algorithms import (
    algorithms_images_list,
    algorithms_images_retrieve,
    algorithms_list,
    algorithms_retrieve,
)
from gc_api.models.algorithm import Algorithm
from gc_api.models.algorithm_image import AlgorithmImage
from gc_api.models.paginated_algorithm_image_list import PaginatedAlgorithmImageList
from gc_api.models.paginated_algorithm_list import PaginatedAlgorithmList
from gc_highlevel._async._pagination import AsyncPaginator
from gc_highlevel._async._references import ref_pk
from gc_highlevel._async._resource import AsyncAPIResource
from gc_highlevel._references import Kind, Ref, describe
from gc_highlevel._utils import unset


class AsyncAlgorithms(AsyncAPIResource):
    """Algorithms (``/api/v1/algorithms/``). Read-only through the API."""

    noun = "algorithm"
    collection = "algorithms/"
    slugged = True
    also_serves = (Kind("algorithms/images/", "algorithm image"),)

    def list(
        self, *, slug: str | None = None, page_size: int | None = None
    ) -> AsyncPaginator[Algorithm]:
        """Algorithms visible to you, optionally filtered by ``slug``.

        Example:
            >>> async for algorithm in client.algorithms.list():
            ...     print(algorithm.slug)
        """

        async def fetch(*, offset: int, limit: int) -> PaginatedAlgorithmList:
            return await self._call(
                algorithms_list.asyncio_detailed, slug=unset(slug), offset=offset, limit=limit
            )

        return self._paginate(fetch, page_size=page_size, what=describe(self.noun, slug=slug))

    async def get(
        self, pk: Ref | None = None, *, slug: str | None = None, api_url: str | None = None
    ) -> Algorithm:
        """One algorithm by slug or pk (positionally), ``slug=`` or ``api_url=``.

        A positional string that is neither a UUID nor an ``api_url`` is a slug (one list
        request).

        Example:
            >>> algorithm = await client.algorithms.get("pulmonary-lobe-segmentation")
            >>> [s.slug for s in algorithm.interfaces[0].inputs]
        """
        value = self._lookup("algorithms.get()", pk=pk, slug=slug, api_url=api_url)
        if isinstance(value, str):
            return await self._one_by_slug(self.list(slug=value), value)
        return await self._call(algorithms_retrieve.asyncio_detailed, value)

    def list_images(
        self, *, algorithm: Ref | None = None, page_size: int | None = None
    ) -> AsyncPaginator[AlgorithmImage]:
        """Container images of algorithms you can see, optionally of one ``algorithm``
        (the object, its slug, pk or ``api_url``).

        Example:
            >>> images = await client.algorithms.list_images(algorithm=algorithm).to_list()
        """
        algorithm_ref = self._lazy(
            algorithm, self.collection, what="algorithms.list_images(algorithm=...)"
        )

        async def fetch(*, offset: int, limit: int) -> PaginatedAlgorithmImageList:
            return await self._call(
                algorithms_images_list.asyncio_detailed,
                algorithm=unset(await algorithm_ref.pk()),
                offset=offset,
                limit=limit,
            )

        what = describe("algorithm image", algorithm=algorithm_ref.label)
        return self._paginate(fetch, page_size=page_size, what=what)

    async def get_image(self, pk: Ref) -> AlgorithmImage:
        """One algorithm container image by pk or ``api_url``.

        Example:
            >>> image = await client.algorithms.get_image(algorithm_image_pk)
        """
        return await self._call(
            algorithms_images_retrieve.asyncio_detailed,
            ref_pk(pk, "algorithms/images/", what="algorithms.get_image()"),
        )

"""``client.algorithm_jobs``: start algorithm jobs and follow them."""

from __future__ import annotations

import builtins
from collections.abc import Sequence

from gc_api.api.algorithms import (
    algorithms_jobs_create,
    algorithms_jobs_list,
    algorithms_jobs_retrieve,
)
from gc_api.models.component_interface_value_post_request import (
    ComponentInterfaceValuePostRequest,
)
from gc_api.models.hyperlinked_job import HyperlinkedJob
from gc_api.models.job_post import JobPost
from gc_api.models.job_post_request import JobPostRequest
from gc_api.models.paginated_hyperlinked_job_list import PaginatedHyperlinkedJobList
from gc_highlevel._async._pagination import AsyncPaginator
from gc_highlevel._async._resource import AsyncAPIResource, Ref, describe, ref_pk, ref_url
from gc_highlevel._utils import one_of, unset

_COLLECTION = "algorithms/jobs/"


def _pks(refs: Sequence[Ref] | None, collection: str) -> builtins.list[object] | None:
    return [ref_pk(r, collection) for r in refs] if refs is not None else None


class AsyncAlgorithmJobs(AsyncAPIResource):
    """Algorithm jobs (``/api/v1/algorithms/jobs/``)."""

    def list(
        self,
        *,
        algorithm: Ref | None = None,
        input_image: Sequence[Ref] | None = None,
        output_image: Sequence[Ref] | None = None,
        page_size: int | None = None,
    ) -> AsyncPaginator[HyperlinkedJob]:
        """Your jobs (and public ones), filtered by ``algorithm`` and/or input/output images.

        Several images are OR-ed, as on the server.

        Example:
            >>> algorithm = await client.algorithms.get(slug="pulmonary-lobe-segmentation")
            >>> async for job in client.algorithm_jobs.list(algorithm=algorithm):
            ...     print(job.pk, job.status)
        """
        algorithm_pk = ref_pk(algorithm, "algorithms/") if algorithm is not None else None
        inputs = _pks(input_image, "cases/images/")
        outputs = _pks(output_image, "cases/images/")

        async def fetch(*, offset: int, limit: int) -> PaginatedHyperlinkedJobList:
            return await self._call(
                algorithms_jobs_list.asyncio_detailed,
                algorithm_image_algorithm=unset(algorithm_pk),
                input_image=unset(inputs),
                output_image=unset(outputs),
                offset=offset,
                limit=limit,
            )

        what = describe("job", algorithm=algorithm_pk, input_image=inputs, output_image=outputs)
        return self._paginate(fetch, page_size=page_size, what=what)

    async def get(self, pk: Ref | None = None, *, api_url: str | None = None) -> HyperlinkedJob:
        """One job by pk or ``api_url``.

        Example:
            >>> job = await client.algorithm_jobs.get(job_post.pk)
            >>> job.status
            'Succeeded'
        """
        _, value = one_of(pk=pk, api_url=api_url)
        return await self._call(
            algorithms_jobs_retrieve.asyncio_detailed, ref_pk(value, _COLLECTION)
        )

    async def create(
        self, *, algorithm: Ref, inputs: Sequence[ComponentInterfaceValuePostRequest]
    ) -> JobPost:
        """Start a job of ``algorithm`` with socket ``inputs``.

        The set of input sockets must match one of the algorithm's interfaces exactly.
        Not retried on 5xx or read timeouts (a resend could start a second job).

        Example:
            >>> from gc_highlevel.types import socket_value
            >>> job = await client.algorithm_jobs.create(
            ...     algorithm=algorithm,
            ...     inputs=[socket_value("ct-image", image=image.api_url)],
            ... )
            >>> job.status
            'Validating inputs'
        """
        body = JobPostRequest(
            algorithm=ref_url(self._client, algorithm, "algorithms/"), inputs=list(inputs)
        )
        return await self._call(algorithms_jobs_create.asyncio_detailed, body=body)

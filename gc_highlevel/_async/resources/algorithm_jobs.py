"""``client.algorithm_jobs``: start algorithm jobs and follow them."""

from __future__ import annotations

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
from gc_highlevel._async._references import resolve_url
from gc_highlevel._async._resource import AsyncAPIResource
from gc_highlevel._references import Ref, describe
from gc_highlevel._utils import unset


class AsyncAlgorithmJobs(AsyncAPIResource):
    """Algorithm jobs (``/api/v1/algorithms/jobs/``)."""

    noun = "algorithm job"
    collection = "algorithms/jobs/"

    def list(
        self,
        *,
        algorithm: Ref | None = None,
        input_image: Ref | Sequence[Ref] | None = None,
        output_image: Ref | Sequence[Ref] | None = None,
        page_size: int | None = None,
    ) -> AsyncPaginator[HyperlinkedJob]:
        """Your jobs (and public ones), filtered by ``algorithm`` and/or input/output images.

        ``algorithm`` is the algorithm, its slug, pk or ``api_url``; ``input_image`` and
        ``output_image`` are one image or several (OR-ed, as on the server).

        Example:
            >>> async for job in client.algorithm_jobs.list(algorithm="pulmonary-lobe-segmentation"):
            ...     print(job.pk, job.status)
        """
        algorithm_ref = self._lazy(
            algorithm, "algorithms/", what="algorithm_jobs.list(algorithm=...)"
        )
        inputs = self._lazies(
            input_image, "cases/images/", what="algorithm_jobs.list(input_image=...)"
        )
        outputs = self._lazies(
            output_image, "cases/images/", what="algorithm_jobs.list(output_image=...)"
        )

        async def fetch(*, offset: int, limit: int) -> PaginatedHyperlinkedJobList:
            return await self._call(
                algorithms_jobs_list.asyncio_detailed,
                algorithm_image_algorithm=unset(await algorithm_ref.pk()),
                input_image=unset(await inputs.pks()),
                output_image=unset(await outputs.pks()),
                offset=offset,
                limit=limit,
            )

        what = describe(
            "job",
            algorithm=algorithm_ref.label,
            input_image=inputs.label,
            output_image=outputs.label,
        )
        return self._paginate(fetch, page_size=page_size, what=what)

    async def get(self, pk: Ref | None = None, *, api_url: str | None = None) -> HyperlinkedJob:
        """One job by pk or ``api_url``.

        Example:
            >>> job = await client.algorithm_jobs.get(job_post.pk)
            >>> job.status
            'Succeeded'
        """
        value = self._lookup("algorithm_jobs.get()", pk=pk, api_url=api_url)
        return await self._call(algorithms_jobs_retrieve.asyncio_detailed, value)

    async def create(
        self, *, algorithm: Ref, inputs: Sequence[ComponentInterfaceValuePostRequest]
    ) -> JobPost:
        """Start a job of ``algorithm`` (the object, its slug, pk or ``api_url``) with ``inputs``.

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
        url = await resolve_url(
            self._client, algorithm, "algorithms/", what="algorithm_jobs.create(algorithm=...)"
        )
        body = JobPostRequest(algorithm=url, inputs=list(inputs))
        return await self._call(algorithms_jobs_create.asyncio_detailed, body=body)

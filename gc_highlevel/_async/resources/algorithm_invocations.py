"""``client.algorithm_invocations``: inputs sent to a running algorithm endpoint."""

from __future__ import annotations

from collections.abc import Sequence

from gc_api.api.algorithms import (
    algorithms_invocations_create,
    algorithms_invocations_list,
    algorithms_invocations_retrieve,
)
from gc_api.models.component_interface_value_post_request import (
    ComponentInterfaceValuePostRequest,
)
from gc_api.models.invocation import Invocation
from gc_api.models.invocation_post import InvocationPost
from gc_api.models.invocation_post_request import InvocationPostRequest
from gc_api.models.paginated_invocation_list import PaginatedInvocationList
from gc_highlevel._async._pagination import AsyncPaginator
from gc_highlevel._async._references import resolve_url
from gc_highlevel._async._resource import AsyncAPIResource
from gc_highlevel._references import Ref


class AsyncAlgorithmInvocations(AsyncAPIResource):
    """Algorithm invocations (``/api/v1/algorithms/invocations/``): inputs sent to an
    endpoint, with the outputs its algorithm computed. ``client.algorithms.endpoint()``
    validates and uploads inputs for you."""

    noun = "algorithm invocation"
    collection = "algorithms/invocations/"

    def list(self, *, page_size: int | None = None) -> AsyncPaginator[Invocation]:
        """Your invocations (the server has no filter for this list).

        Example:
            >>> async for invocation in client.algorithm_invocations.list():
            ...     print(invocation.pk, invocation.status)
        """

        async def fetch(*, offset: int, limit: int) -> PaginatedInvocationList:
            return await self._call(
                algorithms_invocations_list.asyncio_detailed, offset=offset, limit=limit
            )

        return self._paginate(fetch, page_size=page_size, what="invocation")

    async def get(self, pk: Ref | None = None, *, api_url: str | None = None) -> Invocation:
        """One invocation by pk (or the object) or ``api_url``.

        Example:
            >>> invocation = await client.algorithm_invocations.get(invocation_post.pk)
            >>> invocation.status, [v.interface.slug for v in invocation.outputs]
            ('Succeeded', ['corads-score', 'covid-19-probability', 'nodules', 'report'])
        """
        value = self._lookup("algorithm_invocations.get()", pk=pk, api_url=api_url)
        return await self._call(algorithms_invocations_retrieve.asyncio_detailed, value)

    async def create(
        self, *, endpoint: Ref, inputs: Sequence[ComponentInterfaceValuePostRequest]
    ) -> InvocationPost:
        """Send ``inputs`` (socket values, exactly as for jobs) to ``endpoint`` (the
        endpoint, its pk or ``api_url``).

        The set of input sockets must match one of the algorithm's interfaces exactly; an
        endpoint that has stopped refuses with a 400. Not retried on 5xx or read timeouts (a
        resend could run the inputs twice).

        Example:
            >>> from gc_highlevel.types import socket_value
            >>> invocation = await client.algorithm_invocations.create(
            ...     endpoint=endpoint,
            ...     inputs=[socket_value("generic-medical-image", image=image.api_url)],
            ... )
            >>> invocation.status
            'Queued'
        """
        url = await resolve_url(
            self._client,
            endpoint,
            "algorithms/endpoints/",
            what="algorithm_invocations.create(endpoint=...)",
        )
        body = InvocationPostRequest(endpoint=url, inputs=list(inputs))
        return await self._call(algorithms_invocations_create.asyncio_detailed, body=body)

"""``client.algorithm_endpoints``: running algorithms for on-demand inference."""

from __future__ import annotations

from typing import Literal

from gc_api.api.algorithms import (
    algorithms_endpoints_create,
    algorithms_endpoints_keep_alive_partial_update,
    algorithms_endpoints_list,
    algorithms_endpoints_retrieve,
)
from gc_api.models.endpoint import Endpoint
from gc_api.models.endpoint_keep_alive import EndpointKeepAlive
from gc_api.models.endpoint_post import EndpointPost
from gc_api.models.endpoint_post_request import EndpointPostRequest
from gc_api.models.paginated_endpoint_list import PaginatedEndpointList
from gc_highlevel._async._pagination import AsyncPaginator
from gc_highlevel._async._references import ref_pk, resolve_url
from gc_highlevel._async._resource import AsyncAPIResource
from gc_highlevel._exceptions import InvalidArgumentError
from gc_highlevel._references import Ref, describe
from gc_highlevel._utils import unset

#: The statuses of an endpoint that serves (the only values the list filter accepts).
SERVING_STATUSES = ("Queued", "Started", "Running")
EndpointStatus = Literal["Queued", "Started", "Running"]


class AsyncAlgorithmEndpoints(AsyncAPIResource):
    """Algorithm endpoints (``/api/v1/algorithms/endpoints/``): a running copy of an algorithm
    that answers invocations (see ``client.algorithm_invocations``) until its lifetime runs
    out; each keep-alive starts the lifetime again. ``client.algorithms.endpoint()`` does all
    of this for you.
    """

    noun = "algorithm endpoint"
    collection = "algorithms/endpoints/"

    def list(
        self, *, status: EndpointStatus | None = None, page_size: int | None = None
    ) -> AsyncPaginator[Endpoint]:
        """Your endpoints (and, for algorithm editors, the algorithm's), optionally only those
        with ``status`` (``"Queued"``, ``"Started"`` or ``"Running"``: the server filters on
        nothing else, so stopped ones can only be listed with all others).

        Example:
            >>> async for endpoint in client.algorithm_endpoints.list(status="Running"):
            ...     print(endpoint.pk, endpoint.algorithm, endpoint.remaining_lifetime)
        """
        if status is not None and status not in SERVING_STATUSES:
            raise InvalidArgumentError(
                f"algorithm_endpoints.list(status={status!r}): the server filters only on "
                f"{', '.join(SERVING_STATUSES)}; pass one of them, or None for every endpoint"
            )

        async def fetch(*, offset: int, limit: int) -> PaginatedEndpointList:
            return await self._call(
                algorithms_endpoints_list.asyncio_detailed,
                status=unset(status),
                offset=offset,
                limit=limit,
            )

        return self._paginate(fetch, page_size=page_size, what=describe("endpoint", status=status))

    async def get(self, pk: Ref | None = None, *, api_url: str | None = None) -> Endpoint:
        """One endpoint by pk (or the object) or ``api_url``.

        Example:
            >>> endpoint = await client.algorithm_endpoints.get(endpoint_post.pk)
            >>> endpoint.status
            'Running'
        """
        value = self._lookup("algorithm_endpoints.get()", pk=pk, api_url=api_url)
        return await self._call(algorithms_endpoints_retrieve.asyncio_detailed, value)

    async def create(self, *, algorithm: Ref) -> EndpointPost:
        """Start an endpoint of ``algorithm`` (the object, its slug, pk or ``api_url``).

        It is ``Queued`` at first, then ``Started`` and ``Running``. Your account needs to be
        allowed to run the algorithm. Not retried on 5xx or read timeouts (a resend could
        start a second endpoint).

        Example:
            >>> endpoint = await client.algorithm_endpoints.create(algorithm="corads-ai")
            >>> endpoint.status
            'Queued'
        """
        url = await resolve_url(
            self._client,
            algorithm,
            "algorithms/",
            what="algorithm_endpoints.create(algorithm=...)",
        )
        body = EndpointPostRequest(algorithm=url)
        return await self._call(algorithms_endpoints_create.asyncio_detailed, body=body)

    async def keep_alive(self, endpoint: Ref) -> EndpointKeepAlive:
        """Start the endpoint's lifetime again (its ``remaining_lifetime`` is full again).

        ``endpoint`` is the endpoint, its pk or ``api_url``. A stopped endpoint cannot be
        revived: the server answers 400 (:class:`~gc_highlevel.BadRequestError`). The answer's
        content is not specified by the API (``.additional_properties``).

        Example:
            >>> await client.algorithm_endpoints.keep_alive(endpoint)
        """
        pk = ref_pk(endpoint, self.collection, what="algorithm_endpoints.keep_alive()")
        return await self._call(algorithms_endpoints_keep_alive_partial_update.asyncio_detailed, pk)

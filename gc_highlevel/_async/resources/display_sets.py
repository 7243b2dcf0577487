"""``client.display_sets``: the cases of a reader study."""

from __future__ import annotations

from collections.abc import Sequence

from gc_api.api.reader_studies import (
    reader_studies_display_sets_create,
    reader_studies_display_sets_list,
    reader_studies_display_sets_partial_update,
    reader_studies_display_sets_retrieve,
    reader_studies_display_sets_update,
)
from gc_api.models.component_interface_value_post_request import (
    ComponentInterfaceValuePostRequest,
)
from gc_api.models.display_set import DisplaySet
from gc_api.models.display_set_post import DisplaySetPost
from gc_api.models.display_set_post_request import DisplaySetPostRequest
from gc_api.models.paginated_display_set_list import PaginatedDisplaySetList
from gc_api.models.patched_display_set_post_request import PatchedDisplaySetPostRequest
from gc_highlevel._async._pagination import AsyncPaginator
from gc_highlevel._async._references import ref_pk, resolve_slug
from gc_highlevel._async._resource import AsyncAPIResource
from gc_highlevel._references import Ref, describe
from gc_highlevel._utils import unset


class AsyncDisplaySets(AsyncAPIResource):
    """Display sets (``/api/v1/reader-studies/display-sets/``). No delete through the API."""

    noun = "display set"
    collection = "reader-studies/display-sets/"

    def list(
        self,
        *,
        reader_study: Ref | None = None,
        unanswered_by_user: bool | None = None,
        user: str | None = None,
        page_size: int | None = None,
    ) -> AsyncPaginator[DisplaySet]:
        """Display sets visible to you, optionally of one ``reader_study`` (the study, its slug,
        pk or ``api_url``).

        ``unanswered_by_user=True`` (needs ``reader_study``) keeps those you, or ``user``
        (editors only), have not answered yet.

        Example:
            >>> async for ds in client.display_sets.list(reader_study="corads-score-exam"):
            ...     print(ds.order, ds.title)
        """
        study = self._lazy(
            reader_study, "reader-studies/", what="display_sets.list(reader_study=...)"
        )

        async def fetch(*, offset: int, limit: int) -> PaginatedDisplaySetList:
            return await self._call(
                reader_studies_display_sets_list.asyncio_detailed,
                reader_study=unset(await study.pk()),
                unanswered_by_user=unset(unanswered_by_user),
                user=unset(user),
                offset=offset,
                limit=limit,
            )

        what = describe(self.noun, reader_study=study.label, user=user)
        return self._paginate(fetch, page_size=page_size, what=what)

    async def get(self, pk: Ref | None = None, *, api_url: str | None = None) -> DisplaySet:
        """One display set by pk or ``api_url``.

        Example:
            >>> ds = await client.display_sets.get(api_url=answer.display_set)
        """
        value = self._lookup("display_sets.get()", pk=pk, api_url=api_url)
        return await self._call(reader_studies_display_sets_retrieve.asyncio_detailed, value)

    async def create(
        self, *, reader_study: Ref, title: str | None = None, order: int | None = None
    ) -> DisplaySetPost:
        """Create an empty display set in ``reader_study`` (editors only).

        ``reader_study`` is its slug (no extra request), the study, its pk or ``api_url``.

        Add values with :meth:`partial_update`. ``order`` 0 or None puts it at the end.

        Example:
            >>> ds = await client.display_sets.create(reader_study="corads-score-exam", title="case 7")
        """
        slug = await resolve_slug(
            self._client,
            reader_study,
            "reader-studies/",
            what="display_sets.create(reader_study=...)",
        )
        body = DisplaySetPostRequest(reader_study=slug, title=title or "", order=unset(order))
        return await self._call(reader_studies_display_sets_create.asyncio_detailed, body=body)

    async def partial_update(
        self,
        pk: Ref,
        *,
        values: Sequence[ComponentInterfaceValuePostRequest] | None = None,
        title: str | None = None,
        order: int | None = None,
    ) -> DisplaySetPost:
        """Set some socket values, the title and/or the order (frozen once answered).

        Example:
            >>> await client.display_sets.partial_update(ds.pk, order=5)
        """
        body = PatchedDisplaySetPostRequest(
            values=unset(list(values) if values is not None else None),
            title=unset(title),
            order=unset(order),
        )
        return await self._call(
            reader_studies_display_sets_partial_update.asyncio_detailed,
            ref_pk(pk, self.collection, what="display_sets.partial_update()"),
            body=body,
        )

    async def update(
        self,
        pk: Ref,
        *,
        values: Sequence[ComponentInterfaceValuePostRequest],
        title: str | None = None,
        order: int | None = None,
    ) -> DisplaySetPost:
        """Replace the socket values: sockets not listed are removed (HTTP PUT).

        Example:
            >>> await client.display_sets.update(ds.pk, values=[])
        """
        body = DisplaySetPostRequest(values=list(values), title=unset(title), order=unset(order))
        return await self._call(
            reader_studies_display_sets_update.asyncio_detailed,
            ref_pk(pk, self.collection, what="display_sets.update()"),
            body=body,
        )

"""``client.challenges``: challenges, looked up by their short name (the slug in their URL)."""

from __future__ import annotations

from gc_api.api.challenges import challenges_list, challenges_retrieve
from gc_api.models.paginated_public_challenge_list import PaginatedPublicChallengeList
from gc_api.models.public_challenge import PublicChallenge
from gc_highlevel._async._pagination import AsyncPaginator
from gc_highlevel._async._resource import AsyncAPIResource
from gc_highlevel._exceptions import InvalidReferenceError
from gc_highlevel._references import slug_hint
from gc_highlevel._validate import check_slug


class AsyncChallenges(AsyncAPIResource):
    """Challenges (``/api/v1/challenges/``). Read-only through the API.

    A challenge has no pk in the API: it is named by its short name, the ``slug`` in
    ``https://<slug>.grand-challenge.org``.
    """

    noun = "challenge"
    collection = "challenges/"
    slugged = True

    def list(self, *, page_size: int | None = None) -> AsyncPaginator[PublicChallenge]:
        """Challenges visible to you (public ones, and hidden ones you take part in).

        Example:
            >>> async for challenge in client.challenges.list():
            ...     print(challenge.slug, challenge.status)
            covid-ct-challenge CLOSED
        """

        async def fetch(*, offset: int, limit: int) -> PaginatedPublicChallengeList:
            return await self._call(challenges_list.asyncio_detailed, offset=offset, limit=limit)

        return self._paginate(fetch, page_size=page_size, what=self.noun)

    async def get(self, slug: str) -> PublicChallenge:
        """One challenge by its short name (exactly: another case is not found).

        Raises :class:`~gc_highlevel.InvalidReferenceError` for a name that cannot be a short
        name (before any request) and :class:`~gc_highlevel.ObjectNotFoundError` when no
        challenge of that name is visible to you (a :class:`~gc_highlevel.NotFoundError`, the 404).

        Example:
            >>> challenge = await client.challenges.get("covid-ct-challenge")
            >>> challenge.title
            'COVID-19 CT Challenge'
        """
        if not isinstance(slug, str) or not slug.strip():
            raise InvalidReferenceError(
                f"challenges.get(): pass the challenge's short name (a string), got {slug!r}"
            )
        name = slug.strip()
        check_slug("challenges.get()", name, hint=slug_hint(name))
        return await self._call(challenges_retrieve.asyncio_detailed, name)

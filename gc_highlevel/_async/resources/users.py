"""``client.users``: who the token belongs to."""

from __future__ import annotations

from gc_api.api.profiles import profiles_users_self_retrieve
from gc_api.models.user_profile import UserProfile
from gc_highlevel._async._resource import AsyncAPIResource


class AsyncUsers(AsyncAPIResource):
    """The current user's profile (``/api/v1/profiles/users/self/``)."""

    async def me(self) -> UserProfile:
        """Your profile; a cheap way to check that the token works.

        Example:
            >>> profile = await client.users.me()
            >>> profile.user.username
            'demo'
        """
        return await self._call(profiles_users_self_retrieve.asyncio_detailed)

"""Bearer-token authentication with the bodies of the real server (knox + DRF).

Example:
    >>> from gc_highlevel.testing.state import State
    >>> s = State(); u = s.add_user("demo")
    >>> authenticate(s, f"Bearer {u.token}").username
    'demo'
    >>> authenticate(s, None).username
    'AnonymousUser'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import User

if TYPE_CHECKING:
    from .state import State


def _fail(message: str) -> Exception:
    from .api import ApiError

    return ApiError(401, {"detail": message}, headers={"WWW-Authenticate": "Bearer"})


def authenticate(state: State, header: str | None, *, media: bool = False) -> User:
    """The user for an ``Authorization`` header; anonymous when there is none.

    Any keyword other than ``Bearer`` (case-insensitive) is ignored, as on the server. For
    ``/media/`` downloads a bad token falls back to the anonymous user instead of a 401.
    """
    if not header:
        return state.anonymous
    parts = header.split()
    if not parts or parts[0].lower() != "bearer":
        return state.anonymous
    try:
        if len(parts) == 1:
            raise _fail("Invalid token header. No credentials provided.")
        if len(parts) > 2:
            raise _fail("Invalid token header. Token string should not contain spaces.")
        pk = state.tokens.get(parts[1].lower())
        if pk is None:
            raise _fail("Invalid token.")
        user = state.users[pk]
        if not user.is_active:
            raise _fail("User inactive or deleted.")
        return user
    except Exception:
        if media:
            return state.anonymous
        raise

"""Titles of value sets (archive items, display sets): the marker an object is created under
until its real title is set, the checks of the titles a user gives, and the server's refusal
of a title another object has.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from gc_highlevel._exceptions import (
    NON_FIELD_ERRORS,
    APIStatusError,
    InvalidArgumentError,
    parse_field_errors,
)

#: How the title of an object being created starts (until its values and real title are set).
MARKER_PREFIX = "gc-client:"


def new_marker() -> str:
    """A title no other object has: an object is created under it, so that a rerun can find
    the object if the create's answer was lost (grand-challenge titles: up to 255 characters,
    unique per archive / reader study when not empty).

    Example:
        >>> marker = new_marker()
        >>> marker.startswith(MARKER_PREFIX), len(marker), marker == new_marker()
        (True, 42, False)
    """
    return f"{MARKER_PREFIX}{uuid.uuid4().hex}"


#: The longest title grand-challenge keeps (``CharField(max_length=255)``).
MAX_TITLE_LENGTH = 255


def check_titles(titles: Sequence[str] | None, cases: int, container: str) -> None:
    """Raise :class:`InvalidArgumentError` (before any request) for ``titles`` the server would
    refuse only after the object exists: as many as ``cases``, at most 255 characters, and no
    non-empty title twice (titles are unique per ``container``; empty ones excepted).

    Example:
        >>> check_titles(["a", "", ""], 3, "archive")  # empty titles may repeat
        >>> try:
        ...     check_titles(["a", "b", "a"], 3, "archive")
        ... except InvalidArgumentError as error:
        ...     print(str(error)[:35])
        title 'a' is given to cases 0 and 2
    """
    if titles is None:
        return
    if len(titles) != cases:
        raise InvalidArgumentError(f"{len(titles)} titles for {cases} cases")
    first: dict[str, int] = {}
    for index, title in enumerate(titles):
        if len(title) > MAX_TITLE_LENGTH:
            raise InvalidArgumentError(
                f"the title of case {index} has {len(title)} characters; grand-challenge "
                f"keeps at most {MAX_TITLE_LENGTH}"
            )
        if title and title in first:
            raise InvalidArgumentError(
                f"title {title!r} is given to cases {first[title]} and {index}: titles are "
                f"unique per {container} (empty ones excepted)"
            )
        first.setdefault(title, index)


def title_taken(error: APIStatusError) -> bool:
    """Whether the server refused a create because another object has its title."""
    messages = parse_field_errors(error.body).get(NON_FIELD_ERRORS, [])
    return any("must make a unique set" in m for m in messages)

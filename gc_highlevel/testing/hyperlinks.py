"""Incoming hyperlinks, parsed by path only as DRF's ``HyperlinkedRelatedField`` does.

Example (in a view)::

    pk = parse_hyperlink(ctx, value, "uploads_retrieve")
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from .api import Ctx


class FieldError(Exception):
    """A field-level validation error (message goes into ``{"field": [message]}``)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


NO_MATCH = "Invalid hyperlink - No URL match."
WRONG_MATCH = "Invalid hyperlink - Incorrect URL match."
DOES_NOT_EXIST = "Invalid hyperlink - Object does not exist."


def parse_hyperlink(ctx: Ctx, value: Any, operation_id: str) -> str:
    """The object pk a hyperlink points at; raises :class:`FieldError` with the DRF texts."""
    if not isinstance(value, str):
        raise FieldError(f"Incorrect type. Expected URL string, received {type(value).__name__}.")
    path = unquote(urlsplit(value).path)
    match = ctx.gc.api_app.resolve_path(path)
    if match is None:
        raise FieldError(NO_MATCH)
    op, kwargs = match
    if op != operation_id:
        raise FieldError(WRONG_MATCH)
    return kwargs.get("id", "")


def is_uuid(value: Any) -> bool:
    """Whether ``value`` is a UUID string.

    Example:
        >>> is_uuid("not-a-uuid")
        False
    """
    if not isinstance(value, str):
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True

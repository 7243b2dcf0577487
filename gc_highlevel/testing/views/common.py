"""Filter helpers shared by the list views (django-filter semantics, research §2.2)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from ..api import ApiError, Ctx
from ..hyperlinks import is_uuid

T = TypeVar("T")
INVALID_CHOICE = "Select a valid choice. That choice is not one of the available choices."


def slug_filter(ctx: Ctx, items: list[T]) -> list[T]:
    """Apply ``?slug=`` when given."""
    slug = ctx.args.get("slug")
    if slug is None or slug == "":
        return items
    return [i for i in items if getattr(i, "slug", None) == slug]


def fk_filter(ctx: Ctx, name: str, table: Mapping[str, Any]) -> set[str] | None:
    """Validate a single-valued foreign-key filter against *all* rows (no permission check).

    Returns the set with the one pk, or None when the parameter is absent or empty.
    """
    value = ctx.args.get(name)
    if value is None or value == "":
        return None
    if not is_uuid(value) or value not in table:
        raise ApiError(400, {name: [INVALID_CHOICE]})
    return {value}


def multi_fk_filter(ctx: Ctx, name: str, table: Mapping[str, Any]) -> set[str] | None:
    """A repeatable foreign-key filter (``?x=a&x=b``, OR)."""
    values = [v for v in ctx.args.getlist(name) if v != ""]
    if not values:
        return None
    for v in values:
        if not is_uuid(v) or v not in table:
            raise ApiError(
                400, {name: [f"Select a valid choice. {v} is not one of the available choices."]}
            )
    return set(values)


def bool_filter(ctx: Ctx, name: str) -> bool | None:
    value = ctx.args.get(name)
    if value is None or value == "":
        return None
    v = value.lower()
    if v in ("true", "1", "yes", "on"):
        return True
    if v in ("false", "0", "no", "off"):
        return False
    raise ApiError(400, {name: ["Enter a valid boolean."]})

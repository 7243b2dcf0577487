"""DRF ``LimitOffsetPagination`` with ``max_limit=1000`` and a default limit of 100.

Example:
    >>> parse_limit_offset({"limit": "5000", "offset": "-3"})
    (1000, 0)
    >>> parse_limit_offset({"limit": "0"})
    (100, 0)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

if TYPE_CHECKING:
    from .api import Ctx

T = TypeVar("T")
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def parse_limit_offset(args: Mapping[str, str]) -> tuple[int, int]:
    """``(limit, offset)`` as DRF reads them: bad or non-positive limits fall back to 100,
    limits above 1000 are clamped, bad or negative offsets become 0."""
    limit = _int(args.get("limit"))
    if limit is None or limit <= 0:
        limit = DEFAULT_LIMIT
    limit = min(limit, MAX_LIMIT)
    offset = _int(args.get("offset"))
    if offset is None or offset < 0:
        offset = 0
    return limit, offset


def _replace(url: str, **params: int | None) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    for k, v in params.items():
        if v is not None:
            query.append((k, str(v)))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def paginate(ctx: Ctx, items: Sequence[T], render: Callable[[T], Any]) -> dict[str, Any]:
    """The paginated body ``{"count", "next", "previous", "results"}`` with absolute links."""
    limit, offset = parse_limit_offset(ctx.args)
    count = len(items)
    url = ctx.request.url
    nxt = _replace(url, limit=limit, offset=offset + limit) if offset + limit < count else None
    if offset <= 0:
        prev = None
    elif offset - limit <= 0:
        prev = _replace(url, limit=limit, offset=None)
    else:
        prev = _replace(url, limit=limit, offset=offset - limit)
    return {
        "count": count,
        "next": nxt,
        "previous": prev,
        "results": [render(i) for i in items[offset : offset + limit]],
    }

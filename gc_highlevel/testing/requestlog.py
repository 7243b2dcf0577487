"""The request log: one entry per HTTP request that reached the local grand-challenge.

Example:
    >>> log = RequestLog()
    >>> log.count(kind="api")
    0
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["api", "storage", "media"]


@dataclass(frozen=True)
class RequestLogEntry:
    """One request as the server saw it.

    ``kind`` is ``"api"`` for ``/api/...`` and ``/media/...`` requests on the API host and
    ``"storage"`` for requests to the S3 endpoint. ``operation_id`` is the OpenAPI operation id
    of an API request when it is known.
    """

    method: str
    path: str
    query: dict[str, list[str]]
    status: int
    request_bytes: int
    response_bytes: int
    duration: float
    kind: str
    operation_id: str | None = None
    fault: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


class RequestLog:
    """A thread-safe, list-like log of :class:`RequestLogEntry`.

    Example:
        >>> log = RequestLog()
        >>> log.append(RequestLogEntry("GET", "/api/v1/gcapi/", {}, 200, 0, 10, 0.01, "api"))
        >>> log.count(method="GET", path=r"/gcapi/")
        1
        >>> log.clear(); len(log)
        0
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[RequestLogEntry] = []

    def append(self, entry: RequestLogEntry) -> None:
        with self._lock:
            self._entries.append(entry)

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def __iter__(self) -> Iterator[RequestLogEntry]:
        with self._lock:
            return iter(list(self._entries))

    def __getitem__(self, index: int) -> RequestLogEntry:
        with self._lock:
            return self._entries[index]

    def filter(
        self,
        *,
        method: str | None = None,
        path: str | None = None,
        kind: str | None = None,
        status: int | None = None,
        operation_id: str | None = None,
    ) -> list[RequestLogEntry]:
        """Entries matching every given criterion; ``path`` is a regex searched in the path.

        Example:
            >>> RequestLog().filter(kind="storage", method="PUT")
            []
        """
        rx = re.compile(path) if path is not None else None
        out = []
        for e in self:
            if method is not None and e.method != method.upper():
                continue
            if kind is not None and e.kind != kind:
                continue
            if status is not None and e.status != status:
                continue
            if operation_id is not None and e.operation_id != operation_id:
                continue
            if rx is not None and not rx.search(e.path):
                continue
            out.append(e)
        return out

    def count(
        self,
        *,
        method: str | None = None,
        path: str | None = None,
        kind: str | None = None,
        status: int | None = None,
        operation_id: str | None = None,
    ) -> int:
        """Number of entries matching, with the same criteria as :meth:`filter`."""
        return len(
            self.filter(
                method=method, path=path, kind=kind, status=status, operation_id=operation_id
            )
        )

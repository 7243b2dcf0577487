"""Scriptable faults and the WAN profile, applied to API and storage traffic alike.

Example:
    >>> f = Faults()
    >>> f.fail_next(2, 503, path=r"/api/v1/uploads/", retry_after=1)
    >>> f.reset_next(1, kind="storage", after_bytes=100)
    >>> f.clear()
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from typing import Literal

Action = Literal["fail", "reset", "delay", "late"]


@dataclass
class FaultRule:
    """One scripted fault; ``remaining`` counts down as requests match (``None``: forever)."""

    action: Action
    remaining: int | None
    method: str | None = None
    path: re.Pattern[str] | None = None
    query: dict[str, str] = field(default_factory=dict)
    kind: str | None = None
    status: int = 503
    retry_after: float | None = None
    after_bytes: int = 0
    seconds: float = 0.0
    body: bytes | None = None
    in_request: bool = False

    def matches(self, kind: str, method: str, path: str, query: dict[str, list[str]]) -> bool:
        if self.kind is not None and self.kind != kind:
            return False
        if self.method is not None and self.method != method.upper():
            return False
        if self.path is not None and not self.path.search(path):
            return False
        return all(v in query.get(k, []) for k, v in self.query.items())


class Faults:
    """Fault scripting for a running :class:`~gc_highlevel.testing.LocalGrandChallenge`.

    All matchers are optional: ``method`` (e.g. ``"PUT"``), ``path`` (a regex searched in the URL
    path), ``query`` (exact values of query parameters, e.g. ``{"partNumber": "2"}``) and
    ``kind`` (``"api"`` or ``"storage"``). The first matching rule wins.

    Example:
        >>> faults = Faults()
        >>> faults.fail_part(2, status=500)   # S3 part 2 fails once
        >>> faults.delay(0.5, path=r"/jobs/")
    """

    def __init__(self, *, latency_ms: float = 0.0, bandwidth_mbps: float | None = None) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []
        self.latency_ms = latency_ms
        self.bandwidth_mbps = bandwidth_mbps
        self._expired_before = 0.0
        self.expire_listeners: list[threading.Event] = []

    # -- scripting -------------------------------------------------------------------------
    def _add(self, rule: FaultRule) -> None:
        with self._lock:
            self._rules.append(rule)

    @staticmethod
    def _rx(path: str | None) -> re.Pattern[str] | None:
        return re.compile(path) if path is not None else None

    def fail_next(
        self,
        n: int,
        status: int,
        *,
        method: str | None = None,
        path: str | None = None,
        query: dict[str, str] | None = None,
        kind: str | None = "api",
        retry_after: float | None = None,
        body: bytes | None = None,
    ) -> None:
        """Answer the next ``n`` matching requests with ``status`` (and ``Retry-After``).

        API faults get an HTML body, as the load balancer in front of the real server sends;
        storage faults get an S3 XML error body.

        Example:
            >>> Faults().fail_next(1, 429, retry_after=2)
        """
        self._add(
            FaultRule(
                "fail",
                n,
                method.upper() if method else None,
                self._rx(path),
                dict(query or {}),
                kind,
                status=status,
                retry_after=retry_after,
                body=body,
            )
        )

    def reset_next(
        self,
        n: int = 1,
        *,
        method: str | None = None,
        path: str | None = None,
        query: dict[str, str] | None = None,
        kind: str | None = "api",
        after_bytes: int = 0,
        in_request: bool = False,
    ) -> None:
        """Drop the connection (TCP RST) of the next ``n`` matching requests.

        With ``after_bytes=0`` no response is sent at all (the request is still handled: a
        lost response); otherwise the status line, headers and the first ``after_bytes``
        bytes of the response body are sent first. With ``in_request=True`` the connection
        is dropped after reading ``after_bytes`` of the *request* body, before the request is
        handled (an interrupted upload).

        Example:
            >>> Faults().reset_next(1, kind="storage", method="GET", after_bytes=1024)
            >>> Faults().reset_next(1, kind="storage", method="PUT", after_bytes=10, in_request=True)
        """
        self._add(
            FaultRule(
                "reset",
                n,
                method.upper() if method else None,
                self._rx(path),
                dict(query or {}),
                kind,
                after_bytes=after_bytes,
                in_request=in_request,
            )
        )

    def answer_late(
        self,
        seconds: float,
        *,
        n: int | None = 1,
        method: str | None = None,
        path: str | None = None,
        query: dict[str, str] | None = None,
        kind: str | None = "api",
    ) -> None:
        """Handle the next ``n`` matching requests at once but send their answers ``seconds``
        later (a slow answer after the server acted: a client that gives up first never learns
        what was made). :meth:`delay` waits *before* handling instead.

        Example:
            >>> Faults().answer_late(3, method="POST", path=r"/algorithms/jobs/$")
        """
        self._add(
            FaultRule(
                "late",
                n,
                method.upper() if method else None,
                self._rx(path),
                dict(query or {}),
                kind,
                seconds=seconds,
            )
        )

    def delay(
        self,
        seconds: float,
        *,
        n: int | None = None,
        method: str | None = None,
        path: str | None = None,
        query: dict[str, str] | None = None,
        kind: str | None = None,
    ) -> None:
        """Delay matching requests by ``seconds`` (the next ``n``, or all while set).

        Example:
            >>> Faults().delay(0.2, n=3, kind="storage")
        """
        self._add(
            FaultRule(
                "delay",
                n,
                method.upper() if method else None,
                self._rx(path),
                dict(query or {}),
                kind,
                seconds=seconds,
            )
        )

    def fail_part(self, part_number: int, *, n: int = 1, status: int = 500) -> None:
        """Fail the next ``n`` S3 ``PUT``s of multipart part ``part_number``.

        Example:
            >>> Faults().fail_part(3, status=503)
        """
        self.fail_next(
            n, status, method="PUT", query={"partNumber": str(part_number)}, kind="storage"
        )

    def expire_presigned_urls(self) -> None:
        """Make every presigned storage URL issued so far answer 403 "Request has expired".

        Example:
            >>> Faults().expire_presigned_urls()
        """
        with self._lock:
            self._expired_before = time.time()

    def is_expired(self, issued_at: float) -> bool:
        with self._lock:
            return issued_at <= self._expired_before

    def set_wan(self, *, latency_ms: float = 0.0, bandwidth_mbps: float | None = None) -> None:
        """Set the WAN profile: added latency per request and a bandwidth cap per connection.

        Example:
            >>> Faults().set_wan(latency_ms=50, bandwidth_mbps=100)
        """
        self.latency_ms = latency_ms
        self.bandwidth_mbps = bandwidth_mbps

    def clear(self) -> None:
        """Remove every scripted fault and the URL expiry (the WAN profile stays).

        Example:
            >>> Faults().clear()
        """
        with self._lock:
            self._rules.clear()
            self._expired_before = 0.0

    @property
    def pending(self) -> int:
        """How many scripted rules are still armed."""
        with self._lock:
            return len(self._rules)

    # -- matching --------------------------------------------------------------------------
    def take(
        self, kind: str, method: str, path: str, query: dict[str, list[str]]
    ) -> list[FaultRule]:
        """Consume and return the rules that apply to one request (delays and late answers,
        then a fail/reset)."""
        out: list[FaultRule] = []
        terminal_found = False
        with self._lock:
            for rule in list(self._rules):
                if not rule.matches(kind, method, path, query):
                    continue
                if rule.action not in ("delay", "late"):
                    if terminal_found:
                        continue
                    terminal_found = True
                out.append(rule)
                if rule.remaining is not None:
                    rule.remaining -= 1
                    if rule.remaining <= 0:
                        self._rules.remove(rule)
        return out

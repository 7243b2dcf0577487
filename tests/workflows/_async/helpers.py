"""Helpers shared by the async workflow tests and their generated sync twin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gc_highlevel import AsyncClient
from gc_highlevel.testing import LocalGrandChallenge

#: Requests that change state on the server.
WRITES = ("POST", "PUT", "PATCH", "DELETE")


class IdleSleep:
    """Instead of sleeping, wait until the local server's worker is idle (jobs and imports
    advance), and record the requested delays. ``before`` runs first (tests script the server)."""

    def __init__(self, gc: LocalGrandChallenge) -> None:
        self.gc: LocalGrandChallenge | None = gc
        self.calls: list[float] = []
        self.before: Any = None

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)
        if self.before is not None:
            self.before(len(self.calls))
        if self.gc is not None:
            self.gc.wait_idle(60)


def connect(
    gc: LocalGrandChallenge, user: str = "demo", **kwargs: Any
) -> tuple[AsyncClient, IdleSleep]:
    """A client of the local grand-challenge as ``user``."""
    sleep = IdleSleep(gc)
    kwargs.setdefault("timeout", 30)
    client = AsyncClient(gc.tokens[user], base_url=gc.api_url, sleep=sleep, **kwargs)
    return client, sleep


def ct_files(directory: Path, n: int, *, prefix: str = "case") -> list[Path]:
    """``n`` small CT-like ``.mha`` files (``case01.mha``, ...)."""
    from gc_highlevel.testing import write_synthetic_cts

    return write_synthetic_cts(directory, n, prefix=prefix)


def writes(gc: LocalGrandChallenge) -> list[str]:
    """Every state-changing request the server saw (API and storage)."""
    return [f"{e.method} {e.path}" for e in gc.request_log if e.method in WRITES]


def api_requests(gc: LocalGrandChallenge) -> list[str]:
    """``METHOD path`` of every request (API and storage), in order."""
    return [f"{e.method} {e.path}" for e in gc.request_log]

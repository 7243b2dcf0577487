"""The sync/async primitives the paginator builds on."""

from __future__ import annotations

import asyncio
import threading

import pytest

from gc_highlevel._concurrency import AsyncPrefetch, Prefetch, async_sleep


def test_async_prefetch_starts_at_once_inside_asyncio() -> None:
    started: list[str] = []

    async def work() -> int:
        started.append("yes")
        return 42

    async def main() -> int:
        prefetch = AsyncPrefetch(work)
        await async_sleep(0)
        assert started == ["yes"]  # ran before anyone awaited it
        return await prefetch.result()

    assert asyncio.run(main()) == 42


def test_async_prefetch_without_an_asyncio_loop_runs_lazily() -> None:
    async def work() -> int:
        return 7

    prefetch = AsyncPrefetch(work)  # no running loop (as under trio): nothing starts
    prefetch.cancel()
    assert asyncio.run(AsyncPrefetch(work).result()) == 7


def test_sync_prefetch_runs_in_a_thread_and_reraises() -> None:
    names: list[str] = []

    def work() -> str:
        names.append(threading.current_thread().name)
        return "done"

    assert Prefetch(work).result() == "done"
    assert names == ["gc-prefetch"]

    def fail() -> str:
        raise LookupError("boom")

    with pytest.raises(LookupError, match="boom"):
        Prefetch(fail).result()

"""pytest plugin: the ``local_gc`` fixture.

Enable it in a ``conftest.py``::

    pytest_plugins = ["gc_highlevel.testing.pytest_plugin"]

    def test_archives(local_gc):
        r = httpx.get(local_gc.api_url + "archives/", headers=local_gc.headers("demo"))
        assert r.status_code == 200

One server is started per test session (``local_gc_server``, session-scoped) and **reset to the
freshly seeded state before every test** by ``local_gc`` (function-scoped): same users and
tokens, new objects, empty request log, no faults. At the end of each test the worker is
drained and, in strict mode, contract mismatches or background-task errors fail the test.

``local_gc_factory`` starts dedicated servers with other options (WAN profile, TLS, no seed…).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .server import LocalGrandChallenge


@pytest.fixture(scope="session")
def local_gc_server() -> Iterator[LocalGrandChallenge]:
    """The session's server (strict contract checking on)."""
    with LocalGrandChallenge(strict=True) as gc:
        yield gc


@pytest.fixture
def local_gc(
    local_gc_server: LocalGrandChallenge,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[LocalGrandChallenge]:
    """A freshly reset local grand-challenge for one test.

    Batch journals go to the test's temporary folder: every test starts from the seed, so a
    journal of an earlier test (whose objects no longer exist) must not be read back.
    """
    monkeypatch.setenv("GC_CLIENT_JOURNAL_DIR", str(tmp_path / "gc-client-journals"))
    gc = local_gc_server
    gc.reset()
    yield gc
    gc.worker.resume()
    gc.wait_idle(60)
    gc.faults.clear()
    gc.faults.set_wan()
    if gc.strict:
        gc.check()


@pytest.fixture
def local_gc_factory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., LocalGrandChallenge]]:
    """Start dedicated servers with your own options; they are stopped after the test.

    Example::

        def test_slow_network(local_gc_factory):
            gc = local_gc_factory(latency_ms=80, bandwidth_mbps=50)
            ...
    """
    monkeypatch.setenv("GC_CLIENT_JOURNAL_DIR", str(tmp_path / "gc-client-journals"))
    started: list[LocalGrandChallenge] = []

    def make(**kwargs: Any) -> LocalGrandChallenge:
        gc = LocalGrandChallenge(**kwargs).start()
        started.append(gc)
        return gc

    yield make
    errors: list[BaseException] = []
    for gc in started:
        try:
            gc.stop()
        except BaseException as e:  # stop them all, then report
            errors.append(e)
    if errors:
        raise errors[0]

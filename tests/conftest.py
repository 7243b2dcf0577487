import os

# Strict response parsing in the whole suite (also in the CLI subprocesses and examples it
# runs): users get lenient parsing by default, the tests must still see any drift between
# the client, the local server and the schema.
# (The fidelity loop records against a real instance leniently: it sets "0".)
os.environ.setdefault("GC_CLIENT_STRICT_RESPONSES", "1")

import gc_highlevel

# ``gc_highlevel`` resolves its exports lazily and keeps what it found. Resolve config_path
# now: resolved first inside a test that monkeypatches ``_auth.config_path``, the package
# would keep that test's stand-in, and the CLI tests (which check the real one follows
# XDG_CONFIG_HOME) skipped whenever they ran after the client or workflow tests.
gc_highlevel.config_path  # noqa: B018

import signal  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture(autouse=True, scope="session")
def _ctrl_c_reaches_the_tests() -> Iterator[None]:
    """A shell without job control starts a background command (``cmd &``) with SIGINT
    ignored, and a CI runner may do the same; then ``_thread.interrupt_main()`` does nothing
    and the CLI processes the tests start inherit the ignoring, so every test of Ctrl-C
    fails. The tests get Python's handler back while they run."""
    ignored = signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    if ignored:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    if ignored:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never read the developer's token, base URL or config file, nor write journals or
    dataset caches to the user cache dir (a test that needs one sets it itself)."""
    monkeypatch.delenv("GRAND_CHALLENGE_AUTHORIZATION", raising=False)
    monkeypatch.delenv("GRAND_CHALLENGE_API_URL", raising=False)
    monkeypatch.setenv("GC_CLIENT_DATASET_CACHE", str(tmp_path / "dataset-cache"))
    monkeypatch.setattr("gc_highlevel._auth.config_path", lambda: tmp_path / "no" / "config.json")
    journals = tmp_path / "journals"
    monkeypatch.setattr(
        "gc_highlevel.journal.default_journal_path",
        lambda target: journals / f"{target.replace(':', '-')}.jsonl",
    )


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"

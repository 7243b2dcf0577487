"""A download process really killed mid-range (SIGKILL, SIGTERM), then run again: the range map
checkpointed while the range was in flight lets the rerun fetch only the missing bytes, and the
file comes out byte-identical (the server's request log counts what the rerun fetched)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import gc_highlevel
from gc_highlevel.testing import LocalGrandChallenge

from .conftest import MiB, add_image, random_bytes

pytestmark = pytest.mark.e2e

SIZE = 40 * MiB
#: The child checkpoints every 8 MiB and kills itself once 12 MiB are written; it downloads
#: over one connection, so the checkpoint that the first 8 MiB triggered (in the writing
#: thread, before its progress event) is on disk by then.
CHECKPOINT = 8 * MiB
KILL_AFTER = 12 * MiB

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    import gc_highlevel
    from gc_highlevel._transfer import download_state

    api_url, token, url, destination, how, after, every = sys.argv[1:]
    download_state.CHECKPOINT_BYTES = int(every)
    sig = signal.SIGKILL if how == "SIGKILL" else signal.SIGTERM
    if how == "SIGTERM-handled":  # an application that turns SIGTERM into an exception
        def on_term(signum, frame):
            raise SystemExit(128 + signum)
        signal.signal(signal.SIGTERM, on_term)

    def on_progress(event):
        if event.done >= int(after):
            os.kill(os.getpid(), sig)  # SIGKILL and a plain SIGTERM: no cleanup, no finally

    with gc_highlevel.Client(token, base_url=api_url) as client:
        client.transfers.download(url, destination, progress=on_progress)
    """
)


def _settle(gc: LocalGrandChallenge) -> None:
    """Let the killed run's request end (and be logged) in the server before counting."""
    settled, deadline = -1, time.monotonic() + 15
    while settled != len(gc.request_log) and time.monotonic() < deadline:
        settled = len(gc.request_log)
        time.sleep(0.3)


@pytest.mark.skipif(os.name != "posix", reason="signals are POSIX")
@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM", "SIGTERM-handled"])
def test_a_killed_download_keeps_the_bytes_of_its_ranges_in_flight(
    local_gc: LocalGrandChallenge, tmp_path: Path, how: str
) -> None:
    data = random_bytes(SIZE)
    image = add_image(local_gc, {"k.mha": data})
    (f,) = local_gc.state.images[image.pk].files
    url = f"{local_gc.base_url}/media/{f.key}"
    destination = tmp_path / "k.mha"
    args = [local_gc.api_url, local_gc.tokens["demo"], url, str(destination), how]
    child = subprocess.run(
        [sys.executable, "-c", CHILD, *args, str(KILL_AFTER), str(CHECKPOINT)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if how == "SIGTERM-handled":
        assert child.returncode == 128 + signal.SIGTERM, child.stderr
    else:
        expected = signal.SIGKILL if how == "SIGKILL" else signal.SIGTERM
        assert child.returncode == -expected, child.stderr
    assert not destination.exists()
    saved = json.loads((tmp_path / "k.mha.gcpart.json").read_text())
    kept = sum(w for _, _, w in saved["ranges"])
    assert saved["total"] == SIZE
    # the range in flight was checkpointed: far more than the probe's first MiB is kept
    assert CHECKPOINT <= kept < SIZE

    _settle(local_gc)
    local_gc.request_log.clear()
    with gc_highlevel.Client(local_gc.tokens["demo"], base_url=local_gc.api_url) as client:
        result = client.transfers.download(url, destination, progress=False)
    assert result.resumed_from == kept
    assert result.path.read_bytes() == data
    gets = local_gc.request_log.filter(kind="storage", method="GET")
    assert gets and all(g.status == 206 for g in gets)
    fetched = sum(g.response_bytes for g in gets)
    assert fetched == SIZE - kept < SIZE  # only the missing bytes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.mha"]

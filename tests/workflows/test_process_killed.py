"""A batch process really killed (SIGKILL) between an upload and the create, then rerun: exactly
one archive item per case and no empty item (the server's state proves it)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import gc_highlevel
from gc_highlevel.testing import LocalGrandChallenge

from ._async.helpers import ct_files

pytestmark = pytest.mark.e2e

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    import gc_highlevel

    api_url, token, journal, *files = sys.argv[1:]

    def on_step(event):
        if event.index == 1 and event.step == "uploaded":
            os.kill(os.getpid(), signal.SIGKILL)  # no cleanup, no finally: like a crash

    with gc_highlevel.Client(token, base_url=api_url) as client:
        client.archives.add_cases(
            "radboudcovid", [{"ct-image": Path(f)} for f in files],
            journal=Path(journal), on_step=on_step, concurrency=1,
        )
    """
)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_killed_process_then_rerun(local_gc: LocalGrandChallenge, tmp_path: Path) -> None:
    files = ct_files(tmp_path / "scans", 3)
    journal = tmp_path / "batch.jsonl"
    child = subprocess.run(
        [sys.executable, "-c", CHILD, local_gc.api_url, local_gc.tokens["demo"], str(journal)]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    local_gc.wait_idle(60)
    archive = next(a for a in local_gc.state.archives.values() if a.slug == "radboudcovid")
    items = [i for i in local_gc.state.archive_items.values() if i.archive == archive.pk]
    assert len(items) == 1  # case 1 finished; case 2 uploaded only; case 3 never started

    with gc_highlevel.Client(local_gc.tokens["demo"], base_url=local_gc.api_url) as client:
        result = client.archives.add_cases(
            "radboudcovid", [{"ct-image": f} for f in files], journal=journal, wait=True
        )
    assert [o.skipped for o in result] == [True, False, False]
    items = [i for i in local_gc.state.archive_items.values() if i.archive == archive.pk]
    assert len(items) == 3 and all(set(i.values) == {"ct-image"} for i in items)
    uploads = [
        e for e in local_gc.request_log if e.method == "POST" and e.path == "/api/v1/uploads/"
    ]
    assert len(uploads) == 3  # the killed case's upload was reused, not sent again

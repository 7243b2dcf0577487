"""Two runs of the same batch at once (two real processes, one journal): the second waits for
the first's lock on the journal and then resumes, so each case gets exactly one archive item and
no empty marker item is left (issue #16). ``wait_for_lock=0`` fails at once instead."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import gc_highlevel
from gc_highlevel.journal import JournalLock
from gc_highlevel.testing import LocalGrandChallenge
from gc_highlevel.testing.models import ArchiveItem

from ._async.helpers import ct_files

pytestmark = pytest.mark.e2e

CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import gc_highlevel

    api_url, token, journal, ready, *files = sys.argv[1:]
    ready, others = Path(ready), Path(ready).parent

    with gc_highlevel.Client(token, base_url=api_url) as client:
        client.archives.get("radboudcovid")  # connected: now wait until both processes are
        ready.touch()
        while len(list(others.glob("ready-*"))) < 2:
            time.sleep(0.01)
        result = client.archives.add_cases(
            "radboudcovid", [{"ct-image": Path(f)} for f in files],
            journal=Path(journal), concurrency=2, wait=False,
        )
        result.raise_for_errors()
        print(sum(o.skipped for o in result), "skipped")
    """
)


def _items(local_gc: LocalGrandChallenge) -> list[ArchiveItem]:
    archive = next(a for a in local_gc.state.archives.values() if a.slug == "radboudcovid")
    return [i for i in local_gc.state.archive_items.values() if i.archive == archive.pk]


def test_two_processes_same_batch_make_each_item_once(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    files = ct_files(tmp_path / "scans", 4)
    journal = tmp_path / "batch.jsonl"
    (tmp_path / "ready").mkdir()
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, local_gc.api_url, local_gc.tokens["demo"]]
            + [str(journal), str(tmp_path / "ready" / f"ready-{n}")]
            + [str(f) for f in files],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    outs = [child.communicate(timeout=120) for child in children]
    assert [child.returncode for child in children] == [0, 0], [err for _, err in outs]
    # One run made the four items; the other waited for it, then found every case done.
    assert sorted(out.split()[0] for out, _ in outs) == ["0", "4"], outs
    local_gc.wait_idle(60)
    items = _items(local_gc)
    assert len(items) == 4
    assert all(set(i.values) == {"ct-image"} for i in items)
    assert not [i for i in items if str(i.title).startswith("gc-client:")]
    uploads = [
        e for e in local_gc.request_log if e.method == "POST" and e.path == "/api/v1/uploads/"
    ]
    assert len(uploads) == 4


def test_wait_for_lock_zero_fails_at_once_and_no_journal_takes_no_lock(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    files = ct_files(tmp_path / "scans", 1)
    journal = tmp_path / "batch.jsonl"
    other = JournalLock(journal)  # another run of the batch holds the journal
    assert other.try_acquire()
    try:
        with gc_highlevel.Client(local_gc.tokens["demo"], base_url=local_gc.api_url) as client:
            cases = [{"ct-image": f} for f in files]
            with pytest.raises(gc_highlevel.BatchInProgressError) as caught:
                client.archives.add_cases("radboudcovid", cases, journal=journal, wait_for_lock=0)
            assert caught.value.path == journal
            assert str(journal) in str(caught.value) and "rerun" in str(caught.value)
            assert isinstance(caught.value, gc_highlevel.GCError)
            with pytest.raises(gc_highlevel.BatchInProgressError, match=r"waited \d+\.\d s"):
                client.archives.add_cases("radboudcovid", cases, journal=journal, wait_for_lock=0.2)
            assert _items(local_gc) == []
            result = client.archives.add_cases("radboudcovid", cases, journal=False, wait=False)
            assert len(result.succeeded) == 1
    finally:
        other.release()

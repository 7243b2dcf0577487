"""``python -m gc_highlevel`` as a real process, and the ``gc-client`` console script."""

from __future__ import annotations

import importlib.metadata
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import gc_highlevel
from gc_highlevel.cli import run
from gc_highlevel.testing import LocalGrandChallenge

from .helpers import ct_files

pytestmark = pytest.mark.e2e


def _gc_client(*args: str | Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    # The environment (config dir, journals, no token) is the test's: see conftest._isolated.
    return subprocess.run(
        [sys.executable, "-m", "gc_highlevel", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def test_python_m_gc_highlevel(local_gc: LocalGrandChallenge, tmp_path: Path) -> None:
    token = local_gc.tokens["demo"]
    config = _gc_client("config", "--url", local_gc.api_url, stdin=token + "\n")
    assert config.returncode == 0, config.stderr
    assert "as demo" in config.stdout
    path = gc_highlevel.config_path()
    assert json.loads(path.read_text())["token"] == token
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600

    whoami = _gc_client("whoami")  # the saved config, read by another process
    assert (whoami.returncode, whoami.stdout.strip()) == (0, "demo")

    ct_files(tmp_path, 1)
    bad = _gc_client("upload", "radboud-covid", tmp_path, "--socket", "ct-image")
    assert bad.returncode == 1
    assert "error: No archive with slug='radboud-covid' is visible to you" in bad.stderr
    assert "Traceback" not in bad.stderr
    usage = _gc_client("upload")
    assert usage.returncode == 2 and "usage: gc-client upload" in usage.stderr
    for done in (config, whoami, bad, usage):
        assert token not in done.stdout + done.stderr


def test_the_console_script_is_declared() -> None:
    (script,) = importlib.metadata.entry_points(group="console_scripts", name="gc-client")
    assert script.value == "gc_highlevel.cli:run"
    assert script.load() is run


def test_two_identical_uploads_at_once_resume_each_other(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    """The second of two identical commands waits for the first's journal, then resumes."""
    import threading

    from gc_highlevel._sync.workflows._journals import open_journal
    from gc_highlevel.journal import JournalLock

    ct_files(tmp_path / "scans", 3)
    archive = next(a for a in local_gc.state.archives.values() if a.slug == "radboudcovid")
    with gc_highlevel.Client(local_gc.tokens["demo"], base_url=local_gc.api_url) as client:
        path = open_journal(True, f"archive-{archive.pk}", client).path  # the commands' journal
    assert path is not None
    held = JournalLock(path)  # held until both commands wait for it: they surely overlap
    assert held.try_acquire()
    env = {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "GRAND_CHALLENGE_AUTHORIZATION": local_gc.tokens["demo"],
        "GRAND_CHALLENGE_API_URL": local_gc.api_url,
    }
    command = [sys.executable, "-m", "gc_highlevel", "upload", "radboudcovid"]
    command += [str(tmp_path / "scans"), "--socket", "ct-image", "--yes", "--no-progress"]
    procs = [
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        for _ in range(2)
    ]
    errs: list[list[str]] = [[], []]
    waiting = [threading.Event(), threading.Event()]

    def read(n: int) -> None:
        stream = procs[n].stderr
        assert stream is not None
        for line in stream:
            errs[n].append(line)
            if "waiting for it to finish" in line:
                waiting[n].set()

    readers = [threading.Thread(target=read, args=(n,), daemon=True) for n in range(2)]
    for reader in readers:
        reader.start()
    try:
        assert all(w.wait(60) for w in waiting), errs
    finally:
        held.release()
    outs = [p.stdout.read() if p.stdout else "" for p in procs]
    codes = [p.wait(120) for p in procs]
    for reader in readers:
        reader.join(10)
    assert codes == [0, 0], errs
    assert sorted(outs) == [
        "0 items added to archive 'radboudcovid'; 3 already there from an earlier run.\n",
        "3 items added to archive 'radboudcovid'.\n",
    ], (outs, errs)
    local_gc.wait_idle(60)
    items = [i for i in local_gc.state.archive_items.values() if i.archive == archive.pk]
    assert len(items) == 3 and all(set(i.values) == {"ct-image"} for i in items)


def _big_mha(directory: Path) -> Path:
    """A 40 MiB MetaImage (512 x 512 x 80 shorts): eight parts, seconds on a slowed link."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "big.mha"
    header = (
        "ObjectType = Image\nNDims = 3\nBinaryData = True\nBinaryDataByteOrderMSB = False\n"
        "DimSize = 512 512 80\nElementType = MET_SHORT\nElementDataFile = LOCAL\n"
    )
    with path.open("wb") as f:
        f.write(header.encode())
        f.write(os.urandom(512 * 512 * 80 * 2))
    return path


@pytest.mark.parametrize("signals", [1, 2], ids=["ctrl-c", "ctrl-c-twice"])
def test_ctrl_c_during_an_upload_exits_130_promptly_without_a_traceback(
    local_gc: LocalGrandChallenge, tmp_path: Path, signals: int
) -> None:
    """SIGINT while the parts are being sent: the process exits 130 with one line (a second
    SIGINT during the clean-up prints no traceback either); the upload is kept, recorded in the
    batch journal, and the same command run again finishes it with only its missing parts."""
    import signal
    import time

    _big_mha(tmp_path / "scans")
    local_gc.faults.set_wan(bandwidth_mbps=8)  # 1 MB/s per connection: ~5 s per part
    env = {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "GRAND_CHALLENGE_AUTHORIZATION": local_gc.tokens["demo"],
        "GRAND_CHALLENGE_API_URL": local_gc.api_url,
        "GC_CLIENT_JOURNAL_DIR": str(tmp_path / "journals"),
    }
    command = [sys.executable, "-m", "gc_highlevel", "upload", "radboudcovid"]
    command += [str(tmp_path / "scans"), "--socket", "ct-image", "--yes", "--no-progress"]
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        deadline = time.monotonic() + 60
        while local_gc.request_log.count(path="generate-presigned-urls") < 1:
            assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
            time.sleep(0.02)
        time.sleep(1.5)  # parts on their way
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        if signals == 2:
            time.sleep(0.2)
            proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)  # hang guard
        took = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert "interrupted" in err
    assert took < 30, took  # hang guard only; the parts alone would take longer
    local_gc.wait_idle(30)
    assert local_gc.request_log.count(path="complete-multipart-upload") == 0
    assert local_gc.request_log.count(path="abort-multipart-upload") == 0  # kept for the rerun
    listed = local_gc.storage.client.list_multipart_uploads(Bucket=local_gc.storage.uploads_bucket)
    assert len(listed.get("Uploads", [])) == 1
    # the same command again: the kept upload is finished, not sent again from zero
    local_gc.faults.set_wan(bandwidth_mbps=None)
    local_gc.request_log.clear()
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    local_gc.wait_idle(60)
    assert local_gc.request_log.count(method="POST", path="/api/v1/uploads/$") == 0
    assert local_gc.request_log.count(path="list-parts") == 1
    assert local_gc.request_log.count(path="complete-multipart-upload") == 1

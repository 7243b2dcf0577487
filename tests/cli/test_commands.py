"""``upload``, ``run``, ``mirror``, ``answers``, ``describe`` against the local grand-challenge,
in-process (``gc_highlevel.cli.main``), checked against the server's state."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from gc_highlevel.testing import LocalGrandChallenge

from .conftest import CLI
from .helpers import archive_items, ct_files, dicom_series, item_posts

pytestmark = pytest.mark.e2e


def test_upload_adds_one_item_per_file_and_a_rerun_adds_none(
    server: LocalGrandChallenge, cli: CLI, tmp_path: Path
) -> None:
    scans = tmp_path / "scans"
    ct_files(scans, 3)
    ct_files(scans / "later", 1, prefix="later")  # not entered without --recursive
    for junk in (".DS_Store", "._case01.mha", "__MACOSX/case01.mha"):
        (scans / junk).parent.mkdir(exist_ok=True)
        (scans / junk).write_bytes(b"\0\0junk")

    first = cli("upload", "radboudcovid", scans, "--socket", "ct-image")

    assert first.code == 0, first.err
    assert "archive 'radboudcovid' (radboudcovid), socket 'ct-image'" in first.err
    assert "3 files" in first.err and ".mha  3" in first.err
    assert "skipped 3 system or hidden entries" in first.err and "--recursive" in first.err
    assert "3 items added" in first.out
    assert archive_items(server) == [{"ct-image": v} for v in _ids(server)]
    assert len(archive_items(server)) == 3

    server.request_log.clear()
    again = cli("upload", "radboudcovid", scans, "--socket", "ct-image", "--quiet")
    assert again.code == 0, again.err
    assert "0 items added" in again.out and "3 already there" in again.out
    assert again.err == ""  # --quiet: no summary, no progress
    assert item_posts(server) == 0
    assert server.request_log.count(method="POST", path=r"^/api/v1/uploads/$") == 0
    assert len(archive_items(server)) == 3

    recursive = cli("upload", "radboudcovid", scans, "--socket", "ct-image", "-r")
    assert recursive.code == 0 and "1 item added" in recursive.out
    assert len(archive_items(server)) == 4


def _ids(gc: LocalGrandChallenge) -> list[int]:
    return [v["ct-image"] for v in archive_items(gc)]


def test_a_file_that_fails_gives_a_table_and_exit_1(
    server: LocalGrandChallenge, cli: CLI, tmp_path: Path
) -> None:
    ct_files(tmp_path, 1)
    # a PNG signature passes the local check; the server import fails
    (tmp_path / "broken.mha").write_bytes(b"\x89PNG\r\n\x1a\n" + b"this is not an image")

    result = cli("upload", "radboudcovid", tmp_path, "--socket", "ct-image")

    assert result.code == 1
    assert "1 item added" in result.out
    table = result.out[result.out.index("1 of 2 cases failed") :]
    assert "FILE" in table and "ERROR" in table
    (row,) = [line for line in table.splitlines() if "broken.mha" in line]
    assert "could not import" in row
    assert "error: 1 of 2 cases failed" in result.err and "rerun the same command" in result.err
    assert sorted(len(v) for v in archive_items(server)) == [0, 1]


def test_a_dicom_series_folder_is_one_item(
    server: LocalGrandChallenge, cli: CLI, tmp_path: Path
) -> None:
    dicom_series(tmp_path / "patients" / "p1", 3)
    dicom_series(tmp_path / "patients" / "p2", 2, suffix=".dcm")

    result = cli("upload", "radboudcovid", tmp_path / "patients", "--socket", "ct-image", "-r")

    assert result.code == 0, result.err
    assert "5 files" in result.err and "2 DICOM series" in result.err
    assert "2 items added" in result.out
    assert [len(v) for v in archive_items(server)] == [1, 1]


def test_upload_asks_on_a_terminal_and_no_means_nothing_is_sent(
    server: LocalGrandChallenge, cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ct_files(tmp_path, 1)
    monkeypatch.setattr("gc_highlevel.cli._commands.stdin_is_tty", lambda: True)
    monkeypatch.setattr(sys, "stdin", io.StringIO("n\n"))
    server.request_log.clear()

    declined = cli("upload", "radboudcovid", tmp_path, "--socket", "ct-image", "--quiet")

    assert declined.code == 1
    assert "1 file" in declined.err and "Proceed? [y/N]" in declined.err  # shown even if quiet
    assert "nothing was uploaded" in declined.err
    assert not [e for e in server.request_log if e.method != "GET"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))
    accepted = cli("upload", "radboudcovid", tmp_path, "--socket", "ct-image")
    assert accepted.code == 0 and len(archive_items(server)) == 1
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    skipped = cli("upload", "radboudcovid", tmp_path, "--socket", "ct-image", "--yes")
    assert skipped.code == 0 and "Proceed" not in skipped.err


def test_run_wait_out_downloads_the_outputs(
    server: LocalGrandChallenge, cli: CLI, tmp_path: Path
) -> None:
    ct_files(tmp_path / "scans", 2)
    out = tmp_path / "results"

    result = cli(
        "run", "pulmonary-lobe-segmentation", tmp_path / "scans",
        "--socket", "generic-medical-image", "--wait", "--out", out,
    )  # fmt: skip

    assert result.code == 0, result.err
    rows = [line.split() for line in result.out.splitlines() if ".mha" in line]
    assert [(r[0], r[2]) for r in rows] == [
        ("case01.mha", "Succeeded"),
        ("case02.mha", "Succeeded"),
    ]
    assert {str(pk) for pk in server.state.jobs} == {r[1] for r in rows}
    assert sorted(p.name for p in out.iterdir()) == [
        "case01_lung-volume.json",
        "case01_pulmonary-lobes.mha",
        "case02_lung-volume.json",
        "case02_pulmonary-lobes.mha",
    ]
    assert "4 output files in" in result.out


def test_run_without_wait_then_a_failed_job_exits_1(
    server: LocalGrandChallenge, cli: CLI, tmp_path: Path
) -> None:
    ct_files(tmp_path, 2)
    server.state.fail_next_job("pulmonary-lobe-segmentation")
    args = ["run", "pulmonary-lobe-segmentation", tmp_path, "--socket", "generic-medical-image"]

    started = cli(*args)
    assert started.code == 0 and started.out.count(" started") == 2
    assert "rerun the same command with --wait" in started.err

    waited = cli(*args, "--wait")  # the same jobs: none is started twice
    assert waited.code == 1
    assert len(server.state.jobs) == 2 and "started by an earlier run" in waited.err
    assert "Failed" in waited.out and "Succeeded" in waited.out
    table = waited.out[waited.out.index("1 of 2 cases failed") :]
    assert "ended Failed" in table and "logs" in table
    assert "error: 1 of 2 cases failed" in waited.err


def test_run_refuses_a_socket_the_algorithm_does_not_take(
    server: LocalGrandChallenge, cli: CLI, tmp_path: Path
) -> None:
    ct_files(tmp_path, 1)
    wrong = cli("run", "pulmonary-lobe-segmentation", tmp_path, "--socket", "ct-image")
    assert wrong.code == 1
    assert "'ct-image' is not an input" in wrong.err and "generic-medical-image" in wrong.err
    partial = cli(
        "run", "deep-learning-based-ct-lung-registration", tmp_path, "--socket", "fixed-image"
    )
    assert partial.code == 1 and "needs more inputs" in partial.err
    assert not server.state.jobs and not server.state.uploads


def test_mirror_writes_the_archive(server: LocalGrandChallenge, cli: CLI, tmp_path: Path) -> None:
    target = tmp_path / "mirror"
    result = cli("mirror", "coronacasesorg", target)
    assert result.code == 0, result.err
    assert sorted(p.name for p in target.iterdir()) == [
        ".gcmirror.json",  # the sizes the next run checks
        "coronacases_001.mha",
        "coronacases_002.mha",
        "coronacases_003.mha",
        "items.csv",
    ]
    assert all((target / f"coronacases_00{i}.mha").stat().st_size > 0 for i in (1, 2, 3))
    assert "3 files" in result.out
    again = cli("mirror", "coronacasesorg", target)
    assert again.code == 0 and "3 were already complete" in again.out


def test_answers_writes_a_csv(server: LocalGrandChallenge, cli: CLI, tmp_path: Path) -> None:
    from gc_highlevel import Client

    with Client(server.tokens["reader"], base_url=server.api_url) as reader:
        study = reader.reader_studies.get("corads-score-exam")
        question = next(q for q in study.questions if q.answer_type == "Text")
        display_set = reader.reader_studies.display_sets(study)[0]
        reader.answers.create(question=question, display_set=display_set, answer="patchy")
    path = tmp_path / "answers.csv"

    result = cli("answers", "corads-score-exam", "--csv", path)

    assert result.code == 0, result.err
    with path.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["creator"], r["answer_text"]) for r in rows] == [("reader", "patchy")]
    assert "1 answer written" in result.out
    mine = cli("answers", "corads-score-exam", "--csv", tmp_path / "mine.csv", "--mine")
    assert mine.code == 0 and "0 answers written" in mine.out  # demo answered nothing


def test_describe(server: LocalGrandChallenge, cli: CLI) -> None:
    result = cli("describe", "pulmonary-lobe-segmentation")
    assert result.code == 0
    assert "input  generic-medical-image" in result.out and "output pulmonary-lobes" in result.out


def test_jobs_lists_the_newest_with_their_status(
    server: LocalGrandChallenge, cli: CLI, tmp_path: Path
) -> None:
    empty = cli("jobs", "corads-ai")
    assert empty.code == 0 and empty.out.strip() == "0 of 0 jobs"
    ct_files(tmp_path, 3)
    started = cli("run", "pulmonary-lobe-segmentation", tmp_path, "--socket",
                  "generic-medical-image", "--yes", "--wait")  # fmt: skip
    assert started.code == 0, started.err
    shown = cli("jobs", "pulmonary-lobe-segmentation", "--limit", "2")
    assert shown.code == 0
    lines = shown.out.strip().splitlines()
    assert lines[0].split() == ["JOB", "STATUS", "INPUTS"] and len(lines) == 4
    assert all(
        "Succeeded" in line and "generic-medical-image=image " in line for line in lines[1:3]
    )
    assert lines[-1] == "2 of 3 jobs (the newest, oldest first): 2 Succeeded"
    bad = cli("jobs", "pulmonary-lobe-segmentation", "--limit", "0")
    assert bad.code == 2 and "from 1 to 1000" in bad.err


def test_bad_input_is_one_clear_line_and_exit_1(
    server: LocalGrandChallenge, cli: CLI, tmp_path: Path
) -> None:
    ct_files(tmp_path, 1)
    bad_archive = cli("upload", "radboud-covid", tmp_path, "--socket", "ct-image")
    assert bad_archive.code == 1
    assert bad_archive.err.startswith("error: No archive with slug='radboud-covid'")
    bad_socket = cli("upload", "radboudcovid", tmp_path, "--socket", "ct-imag")
    assert bad_socket.code == 1 and "did you mean 'ct-image'?" in bad_socket.err
    wrong_kind = cli("upload", "radboudcovid", tmp_path, "--socket", "report")
    assert wrong_kind.code == 1 and "takes a .pdf file" in wrong_kind.err
    missing = cli("upload", "radboudcovid", tmp_path / "nope.mha", "--socket", "ct-image")
    assert missing.code == 1 and "nope.mha' does not exist" in missing.err
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = cli("upload", "radboudcovid", empty, "--socket", "ct-image")
    assert nothing.code == 1 and "no files to upload" in nothing.err
    unknown_algorithm = cli("describe", "nope")
    assert unknown_algorithm.code == 1 and "No algorithm with slug='nope'" in unknown_algorithm.err
    usage = cli("upload", "radboudcovid", tmp_path)  # no --socket
    assert usage.code == 2 and "--socket" in usage.err
    no_command = cli()
    assert no_command.code == 2 and "name a command" in no_command.err
    assert len(archive_items(server)) == 0


def test_no_token_interrupt_and_unexpected_errors(
    local_gc: LocalGrandChallenge, cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GRAND_CHALLENGE_API_URL", local_gc.api_url)
    ct_files(tmp_path, 1)
    anonymous = cli("upload", "radboudcovid", tmp_path, "--socket", "ct-image")
    assert anonymous.code == 1 and "run `gc-client config`" in anonymous.err
    public = cli("describe", "corads-ai")  # public objects need no token
    assert public.code == 0
    private = cli("mirror", "radboudcovid", tmp_path / "mirror")
    assert private.code == 1 and "run `gc-client config`" in private.err

    monkeypatch.setenv("GRAND_CHALLENGE_AUTHORIZATION", local_gc.tokens["demo"])

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("gc_highlevel.cli._commands.collect", interrupted)
    stopped = cli("upload", "radboudcovid", tmp_path, "--socket", "ct-image")
    assert stopped.code == 130 and "interrupted" in stopped.err and "resume" in stopped.err

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("gc_highlevel.cli._commands.collect", broken)
    bug = cli("upload", "radboudcovid", tmp_path, "--socket", "ct-image")
    assert bug.code == 1 and "RuntimeError: boom" in bug.err and "--verbose" in bug.err


def test_run_wait_timeout_says_the_jobs_keep_running(
    server: LocalGrandChallenge, cli: CLI, tmp_path: Path
) -> None:
    ct_files(tmp_path, 1)
    server.worker.pause()  # the job stays queued
    result = cli(
        "run", "pulmonary-lobe-segmentation", tmp_path,
        "--socket", "generic-medical-image", "--wait", "--timeout", "0.5",
    )  # fmt: skip
    assert result.code == 1
    assert "1 job had not finished after 0.5 s" in result.err
    assert "rerun the same command" in result.err


def test_job_shows_status_inputs_outputs_and_why_it_failed(
    server: LocalGrandChallenge, cli: CLI, tmp_path: Path
) -> None:
    import json

    ct_files(tmp_path, 2)
    server.state.fail_next_job("pulmonary-lobe-segmentation")
    ran = cli("run", "pulmonary-lobe-segmentation", tmp_path, "--socket",
              "generic-medical-image", "--wait", "--json")  # fmt: skip
    cases = {c["label"]: c for c in json.loads(ran.out)["cases"]}
    failed = next(c for c in cases.values() if c["status"] == "Failed")
    ok = next(c for c in cases.values() if c["status"] == "Succeeded")

    shown = cli("job", ok["job"])
    assert shown.code == 0, shown.err
    assert shown.out.splitlines()[0] == f"job {ok['job']}: Succeeded"
    assert "generic-medical-image" in shown.out and "image " in shown.out
    assert "pulmonary-lobes" in shown.out and "lung-volume" in shown.out
    by_url = cli("job", ok["api_url"], "--json")
    doc = json.loads(by_url.out)
    assert (doc["pk"], doc["status"], doc["error"]) == (ok["job"], "Succeeded", None)
    assert doc["api_url"] == ok["api_url"]
    assert [v["socket"] for v in doc["inputs"]] == ["generic-medical-image"]
    assert "image" in doc["inputs"][0]
    assert {v["socket"] for v in doc["outputs"]} == {"pulmonary-lobes", "lung-volume"}

    bad = cli("job", failed["job"], "--json")
    assert bad.code == 0 and json.loads(bad.out)["status"] == "Failed"
    assert "ended Failed" in json.loads(bad.out)["error"] and "ended Failed" in bad.err
    nope = cli("job", "not-a-uuid")
    assert nope.code == 1 and nope.err.startswith("error: ") and nope.out == ""


def test_uploads_lists_the_newest_with_their_status(server: LocalGrandChallenge, cli: CLI) -> None:
    import json

    from gc_highlevel import Client

    empty = cli("uploads")
    assert empty.code == 0 and empty.out.strip() == "0 of 0 uploads"
    with Client(server.tokens["demo"], base_url=server.api_url) as client:
        made = [client.uploads.create(filename=f"scan{i}.mha") for i in range(3)]
    shown = cli("uploads", "--limit", "2")
    assert shown.code == 0, shown.err
    lines = shown.out.strip().splitlines()
    assert lines[0].split() == ["UPLOAD", "CREATED", "STATUS", "FILE"] and len(lines) == 4
    assert [line.split()[-1] for line in lines[1:3]] == ["scan1.mha", "scan2.mha"]
    assert lines[-1] == "2 of 3 uploads (the newest, oldest first): 2 Initialized"
    doc = json.loads(cli("--json", "uploads").out)
    assert doc["total"] == 3 and doc["counts"] == {"Initialized": 3}
    assert [u["pk"] for u in doc["uploads"]] == [str(u.pk) for u in made]
    assert all(u["api_url"].endswith(f"uploads/{u['pk']}/") for u in doc["uploads"])


def test_upload_and_run_show_the_bytes_sent_on_a_terminal(
    server: LocalGrandChallenge, cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    (scan,) = ct_files(tmp_path / "scans", 1)
    size = scan.stat().st_size
    monkeypatch.setattr("gc_highlevel.progress.interactive", lambda: True)  # "a terminal"

    shown = cli("upload", "radboudcovid", tmp_path / "scans", "--socket", "ct-image")
    assert shown.code == 0, shown.err
    (line,) = [x for x in shown.err.replace("\r", "\n").splitlines() if x.startswith("upload:")][
        -1:
    ]
    total = _tqdm_size(size) + "B"  # e.g. 26.5kB
    assert re.search(rf"\| {re.escape(total)}/{re.escape(total)} \[", line), line
    assert "1 item added" in shown.out

    ran = cli("run", "pulmonary-lobe-segmentation", tmp_path / "scans",
              "--socket", "generic-medical-image")  # fmt: skip
    assert ran.code == 0 and "upload:" in ran.err and _tqdm_size(size) + "B" in ran.err

    ct_files(tmp_path / "more", 1, prefix="more")
    quiet = cli(
        "upload", "radboudcovid", tmp_path / "more", "--socket", "ct-image", "--no-progress"
    )
    assert quiet.code == 0 and "upload:" not in quiet.err
    monkeypatch.setattr("gc_highlevel.progress.interactive", lambda: False)  # a pipe, a log
    ct_files(tmp_path / "piped", 1, prefix="piped")
    piped = cli("upload", "radboudcovid", tmp_path / "piped", "--socket", "ct-image")
    assert piped.code == 0 and "upload:" not in piped.err and "B/" not in piped.err


def _tqdm_size(n: int) -> str:
    import importlib

    tqdm = importlib.import_module("tqdm").tqdm  # no type stubs
    return str(tqdm.format_sizeof(n, divisor=1024))


def test_upload_refuses_files_that_cannot_be_images_before_any_request(
    server: LocalGrandChallenge, cli: CLI, tmp_path: Path
) -> None:
    ct_files(tmp_path / "scans", 2)
    (tmp_path / "scans" / "notes.txt").write_text("scanned on Monday\n")

    result = cli("upload", "radboudcovid", tmp_path / "scans", "--socket", "ct-image", "--json")

    assert result.code == 0, result.err
    assert "2 files" in result.err and ".txt" not in result.err.split("refused")[0]
    assert result.err.index("refused 1 file") < result.err.index("warning:")
    assert "refused 1 file that cannot be an image" in result.err
    assert "notes.txt: it is text, not an image" in result.err
    assert "warning: 1 file cannot be an image and is left out: notes.txt" in result.err
    doc = json.loads(result.out)
    assert [c["label"] for c in doc["cases"]] == ["case01.mha", "case02.mha"]
    assert doc["refused"] == [
        {"path": str(tmp_path / "scans" / "notes.txt"), "reason": "it is text, not an image"}
    ]
    assert len(archive_items(server)) == 2
    assert server.request_log.count(method="POST", path=r"^/api/v1/uploads/$") == 2

    server.request_log.clear()
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "notes.txt").write_text("nothing here\n")
    nothing = cli("upload", "radboudcovid", notes, "--socket", "ct-image")
    assert nothing.code == 1 and "no files to upload" in nothing.err
    assert "cannot be an image" in nothing.err and "it is text" in nothing.err
    assert not [e for e in server.request_log if e.method != "GET"]
    # A socket that takes files takes the text file as it is.
    report = cli("upload", "radboudcovid", notes, "--socket", "results-json-file")
    assert "cannot be an image" not in report.err

"""``gc-client display-sets``: reader-study display sets from folders and from a CSV file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gc_highlevel.testing import LocalGrandChallenge

from .conftest import CLI
from .helpers import ct_files, dicom_series

pytestmark = pytest.mark.e2e


def _display_sets(gc: LocalGrandChallenge) -> dict[str, dict[str, object]]:
    """Title -> socket slug -> value id, of the display sets made after the seeded two."""
    gc.wait_idle(60)
    return {
        ds.title: dict(ds.values)
        for ds in gc.state.display_sets.values()
        if not str(ds.title).startswith("case ")
    }


def test_display_sets_from_a_folder_one_per_case_titled_after_it(
    server: LocalGrandChallenge, cli: CLI, tmp_path: Path
) -> None:
    ct_files(tmp_path / "scans", 2)
    dicom_series(tmp_path / "scans" / "series", 2)

    result = cli("display-sets", "corads-score-exam", tmp_path / "scans", "--socket", "ct-image",
                 "-r", "--json")  # fmt: skip
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["reader_study"]["slug"] == "corads-score-exam" and doc["added"] == 3
    assert [c["label"] for c in doc["cases"]] == ["case01.mha", "case02.mha", "series"]
    made = _display_sets(server)
    assert sorted(made) == ["case01.mha", "case02.mha", "series"]
    assert all(list(values) == ["ct-image"] for values in made.values())
    assert {c["display_set"] for c in doc["cases"]} == {
        str(pk) for pk, ds in server.state.display_sets.items() if ds.title in made
    }
    assert all(c["api_url"].endswith(f"display-sets/{c['display_set']}/") for c in doc["cases"])

    again = cli("display-sets", "corads-score-exam", tmp_path / "scans", "--socket", "ct-image",
                "-r")  # fmt: skip
    assert again.code == 0 and "0 display sets added" in again.out and "3 already" in again.out
    assert len(_display_sets(server)) == 3


def test_display_sets_from_a_csv_with_files_and_values(
    server: LocalGrandChallenge, cli: CLI, tmp_path: Path
) -> None:
    ct_files(tmp_path / "data" / "scans", 2)
    dicom_series(tmp_path / "data" / "dicom" / "p1", 2)
    table = tmp_path / "data" / "cases.csv"
    table.write_text(
        "title,ct-image,some-score,age\n"
        "first,scans/case01.mha,2.5,63\n"
        "second,scans/case02.mha,,\n"
        "third,dicom/p1,1,70\n"
    )

    result = cli("display-sets", "corads-score-exam", "--csv", table, "--json")
    assert result.code == 0, result.err
    assert "one display set per row" in result.err and "some-score (Value)" in result.err
    doc = json.loads(result.out)
    assert [c["label"] for c in doc["cases"]] == ["first", "second", "third"]
    assert [len(c["files"]) for c in doc["cases"]] == [1, 1, 2]
    made = _display_sets(server)
    assert {title: sorted(v) for title, v in made.items()} == {
        "first": ["age", "ct-image", "some-score"],
        "second": ["ct-image"],
        "third": ["age", "ct-image", "some-score"],
    }
    first = made["first"]
    assert server.state.civs[first["some-score"]].value == 2.5  # type: ignore[index]
    assert server.state.civs[first["age"]].value == 63  # type: ignore[index]


def test_display_sets_refuse_bad_input_before_any_request(
    server: LocalGrandChallenge, cli: CLI, tmp_path: Path
) -> None:
    table = tmp_path / "cases.csv"
    table.write_text("ct-image,some-score\nmissing.mha,1\n")
    server.request_log.clear()
    missing = cli("display-sets", "corads-score-exam", "--csv", table)
    assert missing.code == 1 and "line 2" in missing.err and "missing.mha" in missing.err
    table.write_text("ct-imag\nx.mha\n")
    unknown = cli("display-sets", "corads-score-exam", "--csv", table)
    assert unknown.code == 1 and "did you mean 'ct-image'" in unknown.err
    both = cli("display-sets", "corads-score-exam", tmp_path, "--csv", table)
    assert both.code == 2 and "give no PATH" in both.err
    neither = cli("display-sets", "corads-score-exam", tmp_path)
    assert neither.code == 2 and "--socket" in neither.err
    assert not [e for e in server.request_log if e.method != "GET"]
    assert _display_sets(server) == {}

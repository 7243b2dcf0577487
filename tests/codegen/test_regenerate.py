"""The regeneration pipeline: patches fail loudly, output is deterministic, --check works."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gc_devtools import regenerate
from gc_devtools.openapi_patches import (
    PatchError,
    SchemaPatch,
    apply_patches,
    load_patches,
    load_schema,
)

ROOT = Path(__file__).resolve().parents[2]
VENDORED = ROOT / "openapi" / "grand-challenge.schema.json"
SCRIPT = ROOT / "scripts" / "regenerate.py"


def report_only(schema: Path) -> subprocess.CompletedProcess[str]:
    """``regenerate.py --report-only --schema schema``, run as a user would."""
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--report-only", "--schema", str(schema)],
        capture_output=True,
        text=True,
    )


def test_every_patch_has_a_one_line_reason() -> None:
    patches = load_patches()
    assert len(patches) >= 10
    for patch in patches:
        assert patch.reason and "\n" not in patch.reason
        assert patch.operations


def test_patch_that_no_longer_applies_fails_naming_it() -> None:
    schema = load_schema(VENDORED)
    stale = SchemaPatch(
        "999-stale.json", "gone upstream", [{"op": "remove", "path": "/components/schemas/Nope"}]
    )
    with pytest.raises(PatchError, match=r"999-stale\.json"):
        apply_patches(schema, [*load_patches(), stale])


def test_changed_value_under_a_test_operation_fails() -> None:
    schema = load_schema(VENDORED)
    schema["components"]["schemas"]["PartRequest"]["required"] = ["ETag"]
    with pytest.raises(PatchError, match="020-part-request"):
        apply_patches(schema, load_patches())


def test_new_multipart_body_upstream_fails_the_json_only_guard() -> None:
    schema = load_schema(VENDORED)
    body = schema["paths"]["/api/v1/uploads/"]["post"]["requestBody"]["content"]
    schema["paths"]["/api/v1/new-thing/"] = {
        "post": {
            "operationId": "x",
            "requestBody": {"content": copy.deepcopy(body)},
            "responses": {},
        }
    }
    with pytest.raises(PatchError, match=r"POST /api/v1/new-thing/"):
        apply_patches(schema, load_patches())


def test_patched_schema_keeps_only_json_bodies() -> None:
    patched = apply_patches(load_schema(VENDORED), load_patches())
    for item in patched["paths"].values():
        for op in item.values():
            if isinstance(op, dict) and "requestBody" in op:
                assert list(op["requestBody"]["content"]) == ["application/json"]


def test_generator_output_is_deterministic(tmp_path: Path) -> None:
    patched = tmp_path / "patched.json"
    patched.write_text(json.dumps(apply_patches(load_schema(VENDORED), load_patches())))
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = regenerate.run_generator(patched, tmp_path / "a")
    second = regenerate.run_generator(patched, tmp_path / "b")
    assert regenerate.tree_differences(first, second) == []
    # ...and equal to what is committed.
    assert regenerate.tree_differences(first, ROOT / "generated" / "gc_api") == []


def test_check_detects_a_stale_tree(tmp_path: Path) -> None:
    patched = tmp_path / "patched.json"
    patched.write_text(json.dumps(apply_patches(load_schema(VENDORED), load_patches())))
    out = regenerate.run_generator(patched, tmp_path)
    (out / "models" / "archive.py").write_text("# edited by hand\n")
    (out / "extra.py").write_text("")
    diffs = regenerate.tree_differences(out, ROOT / "generated" / "gc_api")
    assert diffs == ["differs: models/archive.py", "only in new output: extra.py"]


def test_check_passes_on_the_committed_tree() -> None:
    proc = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "up to date" in proc.stdout


def test_report_only_prints_the_change_report(tmp_path: Path) -> None:
    new = load_schema(VENDORED)
    del new["paths"]["/api/v1/gcapi/"]
    variant = tmp_path / "new.json"
    variant.write_text(json.dumps(new))
    proc = report_only(variant)
    assert proc.returncode == 0, proc.stderr
    assert "API changes: 1 (1 breaking)" in proc.stdout
    assert "operation removed: GET /api/v1/gcapi/ (gcapi_retrieve)" in proc.stdout


def test_unreadable_schema_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    proc = report_only(bad)
    assert proc.returncode == 2
    assert "cannot read schema" in proc.stderr


def test_report_names_the_recorded_workflows_a_new_schema_breaks(tmp_path: Path) -> None:
    new = load_schema(VENDORED)
    del new["components"]["schemas"]["UserUploadCreate"]["properties"]["key"]
    new["components"]["schemas"]["UserUploadCreate"]["required"].remove("key")
    variant = tmp_path / "new.json"
    variant.write_text(json.dumps(new))
    proc = report_only(variant)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "BREAKING  field removed: UserUploadCreate.key" in proc.stdout
    assert "CONTRACT BROKEN" in proc.stdout
    assert "workflows that break:" in proc.stdout and "upload" in proc.stdout


def test_a_patch_that_fails_because_the_api_changed_names_the_broken_workflow(
    tmp_path: Path,
) -> None:
    # The issue's own example: an endpoint a patch touches (and the client calls) disappears.
    new = load_schema(VENDORED)
    del new["paths"]["/api/v1/archives/{id}/patients/"]
    variant = tmp_path / "new.json"
    variant.write_text(json.dumps(new))
    proc = report_only(variant)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    report = proc.stdout.index("operation removed: GET /api/v1/archives/{id}/patients/")
    assert report < proc.stdout.index("workflows that break: read-resources")
    assert "note: patch 050-archive-patients-studies" in proc.stdout


def test_a_stale_patch_error_is_one_short_line() -> None:
    schema = load_schema(VENDORED)
    schema["components"]["schemas"]["PartRequest"]["required"] = ["ETag"]
    with pytest.raises(PatchError) as info:
        apply_patches(schema, load_patches())
    message = str(info.value)
    assert message.startswith("patch 020-part-request")
    assert "operation #" in message and "\n" not in message and len(message) < 400


def test_default_schema_is_the_live_one(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def fake_load(source: str | Path) -> dict[str, object]:
        asked.append(str(source))
        return load_schema(VENDORED)

    monkeypatch.setattr(regenerate, "load_schema", fake_load)
    monkeypatch.setattr(regenerate, "check_contracts", lambda patched: True)
    assert regenerate.main(["--report-only"]) == 0
    assert asked == [str(VENDORED), regenerate.DEFAULT_SCHEMA_URL]
    asked.clear()
    assert regenerate.main(["--report-only", "--vendored"]) == 0
    assert asked == [str(VENDORED)]


def test_adopting_a_schema_vendors_it_and_records_where_it_came_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    new = load_schema(VENDORED)
    new["paths"]["/api/v1/new-thing/"] = {
        "get": {"operationId": "new_thing_retrieve", "responses": {"200": {"description": ""}}}
    }
    variant = tmp_path / "new.json"
    variant.write_text(json.dumps(new))
    openapi = tmp_path / "openapi"
    openapi.mkdir()
    (openapi / "SOURCE.md").write_text("# Provenance\n\nhand-written text\n")
    for name, target in {
        "VENDORED_SCHEMA": openapi / "schema.json",
        "PATCHED_SCHEMA": openapi / "patched.json",
        "LOCK": openapi / "lock.json",
        "PROVENANCE": openapi / "SOURCE.md",
        "GENERATED_DIR": tmp_path / "generated",
    }.items():
        monkeypatch.setattr(regenerate, name, target)
    (openapi / "schema.json").write_bytes(VENDORED.read_bytes())

    assert regenerate.main(["--schema", str(variant)]) == 0
    assert (
        tmp_path / "generated" / "gc_api" / "api" / "default" / "new_thing_retrieve.py"
    ).is_file()
    assert load_schema(openapi / "schema.json") == new
    provenance = (openapi / "SOURCE.md").read_text()
    assert provenance.startswith("# Provenance\n\nhand-written text\n")
    assert f"from `{variant}`" in provenance
    # Adopting again replaces the note instead of piling notes up.
    assert regenerate.main(["--schema", str(variant)]) == 0
    assert (openapi / "SOURCE.md").read_text().count("Currently vendored") == 1


def test_edited_patches_report_what_they_change_in_the_generated_api(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The patched schema as it was before a patch added Answer.score (patch 190).
    before = json.loads(regenerate.PATCHED_SCHEMA.read_text(encoding="utf-8"))
    del before["components"]["schemas"]["Answer"]["properties"]["score"]
    stale = tmp_path / "patched.json"
    stale.write_text(json.dumps(before))
    monkeypatch.setattr(regenerate, "PATCHED_SCHEMA", stale)
    assert regenerate.main(["--report-only", "--vendored"]) == 0
    out = capsys.readouterr().out
    assert "what the patches change in the generated API" in out
    assert "field added: Answer.score" in out
    monkeypatch.setattr(regenerate, "PATCHED_SCHEMA", tmp_path / "absent.json")
    assert regenerate.main(["--report-only", "--vendored"]) == 0
    assert "what the patches change" not in capsys.readouterr().out

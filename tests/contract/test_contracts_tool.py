"""scripts/contracts.py on hand-made schema variants, with small recorded workflows.

The cassettes here are written by the test (two workflows: an upload and an image read) so
that each schema variant has a known effect; the committed cassettes are checked by
test_cassettes.py.
"""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from gc_devtools.contracts.cassettes import CASSETTE_DIR, Cassette, Exchange
from gc_devtools.contracts.checker import ContractChecker
from gc_devtools.contracts.cli import main
from gc_devtools.contracts.client_reads import ClientReads, client_reads, model_class
from gc_devtools.contracts.recording import CassetteRecorder, Sanitiser, canonical_order
from gc_devtools.openapi_patches import PATCHED_SCHEMA, VENDORED_SCHEMA, load_schema

API = "https://grand-challenge.org/api/v1"
U1 = "00000000-0000-4000-8000-000000000001"
IMG = "00000000-0000-4000-8000-000000000002"
FILE = "00000000-0000-4000-8000-000000000003"
UPLOAD = {
    "pk": U1,
    "created": "2025-01-01T00:00:00Z",
    "filename": "ct.mha",
    "key": f"uploads/1/{U1}",
    "s3_upload_id": "s3-upload-id-1",
    "status": "Initialized",
    "api_url": f"{API}/uploads/{U1}/",
}
IMAGE: dict[str, Any] = {
    "pk": IMG,
    "name": "ct.mha",
    "files": [
        {"pk": FILE, "image": IMG, "image_type": "MHD",
         "file": f"https://grand-challenge.org/media/images/{IMG}/{FILE}/{IMG}.mha"}
    ],
    "dicom_image_set": None, "width": 8, "height": 8, "depth": 4, "color_space": "GRAY",
    "modality": None, "eye_choice": "NA", "stereoscopic_choice": None, "field_of_view": None,
    "shape_without_color": [4, 8, 8], "shape": [4, 8, 8], "voxel_width_mm": 1.0,
    "voxel_height_mm": 1.0, "voxel_depth_mm": 1.0, "api_url": f"{API}/cases/images/{IMG}/",
    "window_center": None, "window_width": None, "segments": None,
}  # fmt: skip
# What the server sent before the 2026 API dropped the DICOM fields from images.
DICOM_FIELDS = {
    "patient_id": "", "patient_name": "", "patient_birth_date": None, "patient_age": "",
    "patient_sex": "", "study_date": None, "study_instance_uid": "", "series_instance_uid": "",
    "study_description": "", "series_description": "",
}  # fmt: skip


ANSWER_URL = f"{API}/reader-studies/answers/{U1}/"
ANSWER_REQUEST = {
    "display_set": f"{API}/reader-studies/display-sets/{IMG}/",
    "question": f"{API}/reader-studies/questions/{FILE}/",
    "answer": True,
}
ANSWER = {
    **ANSWER_REQUEST, "api_url": ANSWER_URL, "created": "2025-01-01T00:00:00Z",
    "creator": "demo", "pk": U1, "modified": "2025-01-01T00:00:00Z", "answer_image": None,
    "last_edit_duration": None, "total_edit_duration": None, "is_ground_truth": False,
    "score": None,
}  # fmt: skip


ITEM: dict[str, Any] = {
    "pk": U1, "title": "case 1", "archive": f"{API}/archives/{IMG}/", "values": [],
    "hanging_protocol": None, "optional_hanging_protocols": [], "view_content": {},
}  # fmt: skip


def _cassettes(directory: Path) -> Path:
    upload = Cassette(
        "upload",
        "create an upload, presign, complete",
        [
            Exchange("uploads_create", "POST", "/api/v1/uploads/", {}, {"filename": "ct.mha"}, 201, UPLOAD),
            Exchange(
                "uploads_generate_presigned_urls_partial_update", "PATCH",
                f"/api/v1/uploads/{U1}/s3-upload-id-1/generate-presigned-urls/", {},
                {"part_numbers": [1]}, 200,
                {**UPLOAD, "presigned_urls": {"1": "https://storage.invalid/b/k?partNumber=1&X-Amz-Signature=REDACTED"}},
            ),
            Exchange(
                "uploads_complete_multipart_upload_partial_update", "PATCH",
                f"/api/v1/uploads/{U1}/s3-upload-id-1/complete-multipart-upload/", {},
                {"parts": [{"ETag": '"d41d8cd98f00b204e9800998ecf8427e"', "PartNumber": 1}]}, 200,
                {**UPLOAD, "status": "Completed"},
            ),
        ],
    )  # fmt: skip
    images = Cassette(
        "read-image",
        "read one image",
        [Exchange("cases_images_retrieve", "GET", f"/api/v1/cases/images/{IMG}/", {}, None, 200, IMAGE)],
    )  # fmt: skip
    answer = Cassette(
        "answer",
        "answer a question",
        [Exchange("reader_studies_answers_create", "POST", "/api/v1/reader-studies/answers/", {},
                  ANSWER_REQUEST, 201, ANSWER)],
    )  # fmt: skip
    item = Cassette(
        "archive-item",
        "read one archive item",
        [Exchange("archives_items_retrieve", "GET", f"/api/v1/archives/items/{U1}/", {}, None, 200, ITEM)],
    )  # fmt: skip
    directory.mkdir(exist_ok=True)
    for cassette in (upload, images, answer, item):
        (directory / f"{cassette.workflow}.json").write_text(cassette.dump())
    return directory


def _run(
    tmp_path: Path,
    schema: dict[str, Any] | None,
    capsys: pytest.CaptureFixture[str],
    cassettes: Path | None = None,
) -> tuple[int, str]:
    args = ["--cassettes", str(cassettes or _cassettes(tmp_path / "cassettes"))]
    if schema is not None:
        (tmp_path / "new.json").write_text(json.dumps(schema))
        args += ["--schema", str(tmp_path / "new.json")]
    code = main(args)
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.fixture
def raw() -> dict[str, Any]:
    return copy.deepcopy(load_schema(VENDORED_SCHEMA))


def test_recorded_workflows_hold_against_the_vendored_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _run(tmp_path, None, capsys)
    assert code == 0, out
    assert "contract holds: 4 cassettes, 6 exchanges" in out
    assert "drift" not in out


def test_removed_response_field_the_client_reads_breaks(
    tmp_path: Path, raw: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    del raw["components"]["schemas"]["HyperlinkedImage"]["properties"]["name"]
    raw["components"]["schemas"]["HyperlinkedImage"]["required"].remove("name")
    code, out = _run(tmp_path, raw, capsys)
    assert code == 1
    assert "BREAKING  field removed: HyperlinkedImage.name" in out
    assert "read-image #0 (cases_images_retrieve)" in out
    assert (
        "read-image exchange #0 (cases_images_retrieve) response at $.name: 'name' was "
        "unexpected: HyperlinkedImage does not declare it, and the client reads it"
    ) in out
    assert "workflows that break: read-image" in out


def _remove_field(raw: dict[str, Any], schema: str, name: str) -> None:
    component = raw["components"]["schemas"][schema]
    del component["properties"][name]
    if name in component.get("required", []):
        component["required"].remove(name)


def test_removed_response_field_the_client_never_reads_is_drift(
    tmp_path: Path, raw: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Still in the recorded responses, gone from the schema, never read by gc_highlevel:
    regenerating the models is all it takes. Listed, not breaking."""
    _remove_field(raw, "HyperlinkedImage", "window_center")
    _remove_field(raw, "ArchiveItem", "view_content")
    code, out = _run(tmp_path, raw, capsys)
    assert code == 0, out
    assert "field removed: HyperlinkedImage.window_center (drift: not read by the client)" in out
    assert "BREAKING  field removed: HyperlinkedImage.window_center" not in out
    assert (
        "drift: field HyperlinkedImage.window_center no longer sent, not read by the client: "
        "read-image #0 (cases_images_retrieve) at $.window_center"
    ) in out
    assert (
        "drift: field ArchiveItem.view_content no longer sent, not read by the client: "
        "archive-item #0 (archives_items_retrieve) at $.view_content"
    ) in out
    assert "contract holds: 4 cassettes" in out
    assert "CONTRACT BROKEN" not in out


@pytest.mark.parametrize(
    ("schema", "read", "workflow", "operation"),
    [
        ("ArchiveItem", "values", "archive-item", "archives_items_retrieve"),
        ("HyperlinkedImage", "name", "read-image", "cases_images_retrieve"),
    ],
)
def test_removed_fields_read_and_unread_tell_breaking_from_drift(
    tmp_path: Path,
    raw: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    schema: str,
    read: str,
    workflow: str,
    operation: str,
) -> None:
    _remove_field(raw, schema, read)  # the client reads it
    _remove_field(raw, "ArchiveItem", "hanging_protocol")  # it never does
    code, out = _run(tmp_path, raw, capsys)
    assert code == 1, out
    assert f"BREAKING  field removed: {schema}.{read}\n" in out
    assert "field removed: ArchiveItem.hanging_protocol (drift: not read by the client)" in out
    assert (
        f"{workflow} exchange #0 ({operation}) response at $.{read}: '{read}' was unexpected: "
        f"{schema} does not declare it, and the client reads it [rule: additionalProperties]"
    ) in out
    assert (
        "drift: field ArchiveItem.hanging_protocol no longer sent, not read by the client: "
        "archive-item #0 (archives_items_retrieve) at $.hanging_protocol"
    ) in out
    broken = next(line for line in out.splitlines() if "workflows that break:" in line)
    assert broken == f"workflows that break: {workflow}"
    assert "hanging_protocol" not in "".join(
        line for line in out.splitlines() if "CONTRACT BROKEN" in line or "exchange #" in line
    )


def test_fields_the_2026_api_dropped_are_drift_for_a_client_that_no_longer_reads_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Responses recorded before the 2026 API dropped the images' DICOM fields, checked
    against today's schema (patch 160 removes them): the client reads none of them."""
    cassettes = _cassettes(tmp_path / "cassettes")
    old = Cassette.load(cassettes / "read-image.json")
    old.exchanges[0].response_body = {**IMAGE, **DICOM_FIELDS}
    (cassettes / "read-image.json").write_text(old.dump())
    code, out = _run(tmp_path, None, capsys, cassettes=cassettes)
    assert code == 0, out
    drift = re.findall(
        r"drift: field HyperlinkedImage\.(\w+) no longer sent, not read by the client: "
        r"read-image #0 \(cases_images_retrieve\) at \$\.\1\n",
        out,
    )
    assert sorted(drift) == sorted(DICOM_FIELDS), out
    assert "contract holds" in out


def test_the_2026_removals_leave_only_the_patches_that_made_them_stale(
    tmp_path: Path, raw: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """The 2026 live schema itself drops the fields patches 150 and 160 remove: those patches
    no longer apply, and the raw change report decides. The client reads none of the fields
    (it reads the *_safe twins), so no workflow breaks: only the patches are stale (exit 2)."""
    removed = {
        "ReaderStudy": ["title", "help_text"],
        "Question": ["question_text", "help_text", "empty_answer_confirmation_label"],
        "DisplaySet": ["title"],
        "HyperlinkedImage": list(DICOM_FIELDS),
    }
    for schema, names in removed.items():
        for name in names:
            _remove_field(raw, schema, name)
    code, out = _run(tmp_path, raw, capsys)
    assert code == 2, out
    for schema, names in removed.items():
        for name in names:
            assert f"field removed: {schema}.{name} (drift: not read by the client)" in out
    assert "BREAKING  field removed" not in out
    assert (
        "error: patch 150-deprecated-reader-study-reads-removed.json: operation #0 "
        "(remove /components/schemas/ReaderStudy/properties/title) no longer applies"
    ) in out
    assert "error: patch 160-image-patient-study-series-reads-removed.json: operation #0" in out
    assert "CONTRACT BROKEN" not in out


def test_client_reads_come_from_the_client_source() -> None:
    """Typed attribute reads in gc_highlevel, per generated model."""
    reads = client_reads()
    assert reads.error is None
    assert reads.reads("ReaderStudy", "title_safe")  # read by types.title_of
    assert reads.reads("ArchiveItem", "values")
    assert reads.reads("HyperlinkedJob", "status")
    assert reads.reads("Part", "ETag")  # JSON key -> attribute e_tag
    # UserUpload.from_dict(obj.to_dict()), obj: Any: UserUpload's fields, on any model.
    assert reads.reads("UserUploadCreate", "key")
    assert reads.reads("UserUploadCreate", "s3_upload_id")
    assert not reads.reads("HyperlinkedImage", "window_center")
    assert not reads.reads("ReaderStudy", "help_text_safe")
    assert not reads.reads("ArchiveItem", "view_content")
    # When in doubt, read: an unknown model, a failed analysis.
    assert reads.reads("NoSuchModel", "anything")
    assert ClientReads(error="mypy missing").reads("HyperlinkedImage", "window_center")
    assert model_class("Timezone") == "UserTimezone"
    assert model_class("DisplaySet.descriptions_map_safe") == "DisplaySetDescriptionsMapSafe"


def test_drift_under_a_nullable_object_is_checked_again_without_it() -> None:
    """openapi-core reports a field a nullable nested object no longer declares together with
    the null branch's complaint; once the field is known to be drift, neither remains."""
    schema = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {"/api/v1/outer/": {"get": {"operationId": "outer_retrieve", "responses": {
            "200": {"description": "", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Outer"}}}}}}}},
        "components": {"schemas": {
            "Outer": {"type": "object", "properties": {
                "inner": {"allOf": [{"$ref": "#/components/schemas/Inner"}], "nullable": True}}},
            "Inner": {"type": "object", "properties": {"a": {"type": "string"}}},
        }},
    }  # fmt: skip
    ex = Exchange(
        "outer_retrieve", "GET", "/api/v1/outer/", {}, None, 200, {"inner": {"a": "x", "b": 1}}
    )
    keys = {"Outer": {"inner": "inner"}, "Inner": {"a": "a", "b": "b"}}
    unread = ClientReads(typed={"Inner": {"a"}}, json_keys=keys)
    checker = ContractChecker(schema, reads=unread)
    assert checker.check([Cassette("w", "", [ex])]) == []
    assert [(d.field, d.json_path) for d in checker.drift] == [("Inner.b", "$.inner.b")]
    read = ClientReads(typed={"Inner": {"a", "b"}}, json_keys=keys)
    problems = ContractChecker(schema, reads=read).check([Cassette("w", "", [ex])])
    assert any(
        p.json_path == "$.inner.b" and p.message.endswith("and the client reads it")
        for p in problems
    ), problems


def test_removed_operation_a_workflow_calls_breaks(
    tmp_path: Path, raw: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    del raw["paths"]["/api/v1/cases/images/{id}/"]["get"]
    code, out = _run(tmp_path, raw, capsys)
    assert code == 1
    assert "operation removed: GET /api/v1/cases/images/{id}/ (cases_images_retrieve)" in out
    assert "read-image exchange #0 (cases_images_retrieve) operation" in out
    assert "workflows that break: read-image" in out


def test_removed_operation_a_patch_edits_breaks_the_workflow(
    tmp_path: Path, raw: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Patch 010 edits the body of POST /uploads/: with the operation gone it cannot apply,
    and the workflow that calls it is what breaks (the stale patch is only a note)."""
    del raw["paths"]["/api/v1/uploads/"]["post"]
    code, out = _run(tmp_path, raw, capsys)
    assert code == 1, out
    assert "operation removed: POST /api/v1/uploads/ (uploads_create)" in out
    assert "upload #0 (uploads_create)" in out
    notes = [line for line in out.splitlines() if "note: patch" in line]
    assert len(notes) == 1 and "010-json-request-bodies.json: operation #" in notes[0]
    assert "(test /paths/~1api~1v1~1uploads~1/post/" in notes[0]
    assert len(notes[0]) < 300  # names the patch, op and pointer; never quotes the schema
    assert "workflows that break: upload" in out
    assert "read-image" not in out and "answer #" not in out


@pytest.mark.parametrize(
    ("path", "method", "patch", "workflow"),
    [
        ("/api/v1/archives/items/", "post", "010-json-request-bodies.json", "add-case-to-archive"),
        (
            "/api/v1/cases/images/",
            "get",
            "100-image-filters-repeatable-uuids.json",
            "read-resources",
        ),
        (
            "/api/v1/reader-studies/answers/mine/",
            "get",
            "070-answers-mine-paginated.json",
            "reader-study-answers",
        ),
    ],
)
def test_removed_operation_breaks_the_committed_workflows_that_call_it(
    tmp_path: Path,
    raw: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    path: str,
    method: str,
    patch: str,
    workflow: str,
) -> None:
    op_id = raw["paths"][path][method]["operationId"]
    del raw["paths"][path][method]
    code, out = _run(tmp_path, raw, capsys, cassettes=CASSETTE_DIR)
    assert code == 1, out
    assert f"operation removed: {method.upper()} {path} ({op_id})" in out
    assert f"{workflow} #" in out and f"({op_id})" in out
    assert f"note: patch {patch}: operation #" in out
    broken = next(line for line in out.splitlines() if "workflows that break:" in line)
    assert workflow in broken
    assert "upload," not in broken  # the upload workflow calls no such operation


def test_new_required_field_on_a_patched_request_breaks(
    tmp_path: Path, raw: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """Patch 130 tests AnswerRequest.required: a new required field stops it applying, and
    the workflow posting answers is what breaks."""
    answer = raw["components"]["schemas"]["AnswerRequest"]
    answer["properties"]["confidence"] = {"type": "integer"}
    answer["required"].append("confidence")
    code, out = _run(tmp_path, raw, capsys)
    assert code == 1, out
    assert "required field added: AnswerRequest.confidence" in out
    assert "answer #0 (reader_studies_answers_create)" in out
    assert "note: patch 130-answer-display-set-required.json: operation #0 (test " in out
    assert "workflows that break: answer" in out


def test_narrowed_enum_breaks(
    tmp_path: Path, raw: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    raw["components"]["schemas"]["ImageTypeEnum"]["enum"].remove("MHD")
    code, out = _run(tmp_path, raw, capsys)
    assert code == 1
    assert "enum value removed: ImageTypeEnum: 'MHD'" in out
    assert "$.files[0].image_type" in out
    assert "workflows that break: read-image" in out


def test_new_required_request_field_breaks(
    tmp_path: Path, raw: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    create = raw["components"]["schemas"]["UserUploadCreateRequest"]
    create["properties"]["mimetype"] = {"type": "string"}
    create["required"].append("mimetype")
    code, out = _run(tmp_path, raw, capsys)
    assert code == 1
    assert "required field added: UserUploadCreateRequest.mimetype" in out
    assert "upload exchange #0 (uploads_create) request" in out
    assert "workflows that break: upload" in out


def test_additive_change_passes(
    tmp_path: Path, raw: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    raw["components"]["schemas"]["HyperlinkedImage"]["properties"]["thumbnail"] = {
        "type": "string",
        "nullable": True,
    }
    raw["paths"]["/api/v1/new-things/"] = {
        "get": {"operationId": "new_things_list", "responses": {"200": {"description": ""}}}
    }
    code, out = _run(tmp_path, raw, capsys)
    assert code == 0, out
    assert "operation added: GET /api/v1/new-things/" in out
    assert "contract holds" in out


def test_patch_that_no_longer_applies_exits_2_naming_it(
    tmp_path: Path, raw: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    del raw["components"]["schemas"]["PartRequest"]["properties"]["LastModified"]
    code, out = _run(tmp_path, raw, capsys)
    assert code == 2, out
    assert (
        "error: patch 020-part-request-etag-partnumber.json: operation #2 "
        "(remove /components/schemas/PartRequest/properties/LastModified) no longer applies: "
        "its target is gone"
    ) in out
    assert "CONTRACT BROKEN" not in out


def test_generated_models_must_parse_recorded_responses() -> None:
    checker = ContractChecker(load_schema(PATCHED_SCHEMA), check_models=True)
    files = [{**IMAGE["files"][0], "image_type": "PNG"}]
    bad = Exchange(
        "cases_images_retrieve", "GET", f"/api/v1/cases/images/{IMG}/", {}, None, 200,
        {**IMAGE, "files": files},
    )  # fmt: skip
    problems = checker.check_exchange("w", 0, bad)
    assert {(p.where, p.rule) for p in problems} == {("response", "enum"), ("model", "parse")}
    assert any(p.json_path == "$.files[0].image_type" for p in problems)


def test_sanitiser_removes_secrets_and_stabilises_ids() -> None:
    s = Sanitiser("http://127.0.0.1:8123", secrets=["deadbeef" * 8])
    upload = "9f1c2d3e-0000-4000-8000-123456789abc"
    body = s.data(
        {
            "api_url": f"http://127.0.0.1:8123/api/v1/uploads/{upload}/",
            "s3_upload_id": "moto-ZmFrZQ",
            "created": "2026-11-25T03:14:15.926535Z",
            "presigned_urls": {"1": f"http://127.0.0.1:9000/b/uploads/1/{upload}?uploadId=moto-ZmFrZQ&partNumber=1&X-Amz-Credential=AKIA%2Fx&X-Amz-Signature=abc123"},
            "note": "token deadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef",
        }
    )  # fmt: skip
    assert body["api_url"] == f"{API}/uploads/{U1}/"
    assert body["s3_upload_id"] == "s3-upload-id-1"
    assert body["created"] == "2025-01-01T00:00:00Z"
    assert body["presigned_urls"]["1"] == (
        f"https://storage.invalid/b/uploads/1/{U1}?uploadId=REDACTED&partNumber=1"
        "&X-Amz-Credential=REDACTED&X-Amz-Signature=REDACTED"
    )
    assert body["note"] == "token REDACTED"
    # The same id maps to the same placeholder in paths too.
    assert s.text(f"/api/v1/uploads/{upload}/") == f"/api/v1/uploads/{U1}/"
    # And in keys: the ground truth is keyed by question pk.
    question = "8d393b50-8fed-48e4-963d-3b1fd72da9c2"
    assert s.data({question: {"answer": True}, "1": "option"}) == {
        IMG: {"answer": True},
        "1": "option",
    }


def test_sanitiser_recomputes_media_shards_and_blanks_timings() -> None:
    s = Sanitiser("http://127.0.0.1:8123")
    image = "50aa1c2d-0000-4000-8000-123456789abc"
    body = s.data(
        {
            "pk": image,
            "file": f"http://127.0.0.1:8123/media/images/50/aa/{image}/x/{image}.mha",
            "average_duration": 0.004438,
            "exec_duration": "P0DT00H00M03.25S",
            "invoke_duration": None,
            "durations": [1.5, 2],
            "title": "gc-client:9f1c2d3e00004000a000123456789abc",
            "values": [{"interface": {"pk": 1}, "pk": 17}, {"interface": {"pk": 1}, "pk": 12}],
        }
    )
    # The shards follow the stable id, as the server derives them from the real one.
    assert body["file"] == f"https://grand-challenge.org/media/images/00/00/{U1}/x/{U1}.mha"
    # Same JSON type and format, still valid for the schema; null stays null.
    assert body["average_duration"] == 0.0 and isinstance(body["average_duration"], float)
    assert body["exec_duration"] == "P0DT00H00M00.00S"
    assert body["invoke_duration"] is None
    assert body["durations"] == [0.0, 0]
    # A dashless uuid4 (the client's title markers) gets a stable id, without dashes.
    assert body["title"] == "gc-client:" + IMG.replace("-", "")
    # Socket values' integer pks are numbered as first seen; the interface's pk is kept.
    assert [(v["interface"]["pk"], v["pk"]) for v in body["values"]] == [(1, 1), (1, 2)]
    # A path that only looks sharded keeps its digits.
    assert s.text(f"/media/images/12/34/{image}/") == f"/media/images/12/34/{U1}/"


def _upload_exchanges(pk: str, name: str) -> list[Exchange]:
    body = {**UPLOAD, "pk": pk, "filename": name, "api_url": f"{API}/uploads/{pk}/"}
    return [
        Exchange("uploads_create", "POST", "/api/v1/uploads/", {}, {"filename": name}, 201, body),
        Exchange("uploads_generate_presigned_urls_partial_update", "PATCH",
                 f"/api/v1/uploads/{pk}/s3-upload-id-1/generate-presigned-urls/", {},
                 {"part_numbers": [1]}, 200, body),
        Exchange("uploads_complete_multipart_upload_partial_update", "PATCH",
                 f"/api/v1/uploads/{pk}/s3-upload-id-1/complete-multipart-upload/", {},
                 {"parts": [{"ETag": '"e"', "PartNumber": 1}]}, 200, body),
    ]  # fmt: skip


def _case(upload: str, item: str, name: str) -> tuple[list[Exchange], list[Exchange]]:
    """(the upload's exchanges, the item create + PATCH that uses it)."""
    marker = f"gc-client:{uuid.uuid4().hex}"
    created = {"pk": item, "title": marker}
    return _upload_exchanges(upload, name), [
        Exchange("archives_items_create", "POST", "/api/v1/archives/items/", {},
                 {"title": marker}, 201, created),
        Exchange("archives_items_partial_update", "PATCH", f"/api/v1/archives/items/{item}/", {},
                 {"values": [{"user_uploads": [f"{API}/uploads/{upload}/"]}]}, 200, created),
    ]  # fmt: skip


def test_concurrent_cases_are_recorded_in_one_order() -> None:
    read = Exchange("archives_list", "GET", "/api/v1/archives/", {}, None, 200, {"results": []})
    (u1, w1) = _case(str(uuid.uuid4()), str(uuid.uuid4()), "case01.mha")
    (u2, w2) = _case(str(uuid.uuid4()), str(uuid.uuid4()), "case02.mha")
    # Two runs of the same batch: the cases' requests interleave differently.
    one = [read, u2[0], u1[0], u1[1], u2[1], u1[2], w1[0], u2[2], w1[1], w2[0], w2[1], read]
    two = [read, u1[0], u1[1], u1[2], u2[0], w1[0], u2[1], w1[1], u2[2], w2[0], w2[1], read]
    dumps = set()
    for run in (one, two):
        sanitiser = Sanitiser(API)
        dumps.add(Cassette("w", "", [sanitiser.exchange(e) for e in canonical_order(run)]).dump())
    assert len(dumps) == 1
    # Case by case (by file name), each case's requests in the order they were made.
    assert canonical_order(one) == [read, *u1, *w1, *u2, *w2, read]


def test_sequential_traffic_keeps_its_order() -> None:
    (u1, w1) = _case(str(uuid.uuid4()), str(uuid.uuid4()), "b.mha")
    (u2, w2) = _case(str(uuid.uuid4()), str(uuid.uuid4()), "a.mha")
    sequential = [*u1, *w1, *u2, *w2]
    assert canonical_order(sequential) == sequential
    # Writes without uploads (items created one by one, then the first one updated) stay put.
    items = [w1[0], w2[0], w1[1]]
    assert canonical_order(items) == items


def test_recorder_keeps_api_exchanges_only() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/api/"):
            return httpx.Response(201, json=UPLOAD)
        return httpx.Response(200, content=b"bytes", headers={"ETag": '"x"'})

    recorder = CassetteRecorder(
        "w", "d", api_url="http://127.0.0.1:5/api/v1/", schema=load_schema(PATCHED_SCHEMA)
    )
    with httpx.Client(transport=recorder.transport(httpx.MockTransport(handler))) as client:
        client.post(
            "http://127.0.0.1:5/api/v1/uploads/",
            json={"filename": "ct.mha"},
            headers={"Authorization": "Bearer s3cret"},
        )
        client.put("http://127.0.0.1:6/bucket/key?X-Amz-Signature=abc", content=b"bytes")
    (exchange,) = recorder.cassette.exchanges
    assert (exchange.operation, exchange.status, exchange.request_body) == (
        "uploads_create",
        201,
        {"filename": "ct.mha"},
    )
    assert "s3cret" not in recorder.cassette.dump()


ROOT = Path(__file__).resolve().parents[2]


def _fidelity(gc: Any, out: Path, cassettes: Path) -> subprocess.CompletedProcess[str]:
    """scripts/contracts.py --api-url: record against ``gc`` into ``out``, compare with
    ``cassettes``."""
    env = dict(
        os.environ,
        GRAND_CHALLENGE_AUTHORIZATION=f"Bearer {gc.tokens['demo']}",
        GC_CLIENT_JOURNAL_DIR=str(out.parent / "journals"),
    )
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "contracts.py"),
         "--api-url", gc.api_url, "--out", str(out), "--cassettes", str(cassettes)],
        env=env, capture_output=True, text=True, timeout=280,
    )  # fmt: skip


@pytest.fixture(scope="module")
def first_server_recording(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workflows recorded against one local server set up as the README says (compared
    with nothing): what the second servers below are compared with. (The committed cassettes
    follow the client's traffic as re-recorded; the loop's own behaviour is what is tested.)"""
    from test_recorded_workflows import prepare_instance

    from gc_highlevel.testing import LocalGrandChallenge

    tmp = tmp_path_factory.mktemp("first-server")
    (tmp / "none").mkdir()
    gc = LocalGrandChallenge().start()
    try:
        prepare_instance(gc)
        proc = _fidelity(gc, tmp / "recorded", tmp / "none")
    finally:
        gc.stop()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return tmp / "recorded"


def test_fidelity_loop_against_a_second_server(
    tmp_path: Path, local_gc_factory: Callable[..., Any], first_server_recording: Path
) -> None:
    """Record the workflows against another local server (as against a real instance, set up
    as the README says) and compare them with a recording made elsewhere."""
    from test_recorded_workflows import prepare_instance

    other = local_gc_factory()
    prepare_instance(other)
    proc = _fidelity(other, tmp_path / "remote", first_server_recording)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no differences between" in proc.stdout
    assert "failed" not in proc.stdout
    recorded = sorted(p.name for p in (tmp_path / "remote").glob("*.json"))
    assert recorded == sorted(p.name for p in CASSETTE_DIR.glob("*.json"))
    assert other.tokens["demo"] not in "".join(
        p.read_text(encoding="utf-8") for p in (tmp_path / "remote").glob("*.json")
    )


def test_fidelity_loop_records_the_other_workflows_when_one_fails(
    tmp_path: Path, local_gc_factory: Callable[..., Any], first_server_recording: Path
) -> None:
    """A server lacking one fixture (its reader study does not allow changing answers): that
    workflow fails; the others are recorded and compared all the same, the failure is named
    in one line, and the exit status says it (after the comparison is printed)."""
    from test_recorded_workflows import add_ground_truth, edit_the_algorithm

    other = local_gc_factory()
    add_ground_truth(other)
    edit_the_algorithm(other)  # not allow_answer_changes
    proc = _fidelity(other, tmp_path / "remote", first_server_recording)
    out = proc.stdout
    assert proc.returncode == 1, out + proc.stderr
    (failure,) = [line for line in out.splitlines() if "FAILED: workflow" in line]
    assert failure.startswith(
        "  FAILED: workflow reader-study-edits failed (test_reader_study_edits): "
    ), failure
    assert len(failure) < 400
    # Everything else was recorded, and compared: no difference, no "not recorded".
    recorded = {p.stem for p in (tmp_path / "remote").glob("*.json")}
    assert recorded == {p.stem for p in first_server_recording.glob("*.json")} - {
        "reader-study-edits"
    }
    assert "no differences between" in out
    assert "not recorded" not in out
    assert out.rstrip().endswith("1 workflow(s) failed: reader-study-edits"), out


@pytest.mark.parametrize("option", ["--api-url", "--record-from"])
def test_recording_elsewhere_needs_an_out_dir(
    option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([option, "https://gc.invalid/api/v1/"]) == 2
    assert "error: --api-url needs --out DIR" in capsys.readouterr().err


def test_shape_comparison_reports_a_missing_field() -> None:
    from gc_devtools.contracts.shapes import compare_cassettes

    old = Cassette(
        "read-image", "", [Exchange("cases_images_retrieve", "GET", "/p/", {}, None, 200, IMAGE)]
    )
    trimmed = {k: v for k, v in IMAGE.items() if k != "width"}
    new = Cassette(
        "read-image", "", [Exchange("cases_images_retrieve", "GET", "/p/", {}, None, 200, trimmed)]
    )
    assert compare_cassettes([old], [new]) == (
        ["read-image (cases_images_retrieve 200) response $.width: only in the committed cassette"],
        [],
    )


def test_comparison_counts_statuses_and_notes_extra_requests() -> None:
    from gc_devtools.contracts.shapes import compare_cassettes

    read = Exchange("cases_images_retrieve", "GET", "/p/", {}, None, 200, IMAGE)
    gone = Exchange("cases_images_retrieve", "GET", "/p/", {}, None, 404, {"detail": "Not found."})
    poll = Exchange("cases_upload_sessions_list", "GET", "/s/", {}, None, 200, {"count": 0})
    differences, notes = compare_cassettes(
        [Cassette("w", "", [read])], [Cassette("w", "", [gone, poll])]
    )
    assert differences == [
        "w: GET cases_images_retrieve answered [200] in the committed cassette, [404] now"
    ]
    assert notes == ["w: GET cases_upload_sessions_list only in the new recording"]


def _truth(question: str, *, explanation: bool = True) -> dict[str, Any]:
    answer: dict[str, Any] = {"answer": 3, "answer_text": "CO-RADS 3",
                              "question_text": "CO-RADS score", "options": {"3": "CO-RADS 3"}}  # fmt: skip
    if explanation:
        answer["explanation"] = ""
    return {question: answer}


def test_ground_truth_compares_as_a_map_of_question_pk() -> None:
    """Ground truth is keyed by question pk, which differs from server to server (as do the
    option ids keying ``options``): compared as maps, by the shape of their values."""
    from gc_devtools.contracts.shapes import compare_cassettes

    schema = load_schema(PATCHED_SCHEMA)
    op = "reader_studies_ground_truth_retrieve"
    path = f"/api/v1/reader-studies/{U1}/ground-truth/{IMG}/"

    def cassette(*bodies: dict[str, Any]) -> Cassette:
        return Cassette("truth", "", [Exchange(op, "GET", path, {}, None, 200, b) for b in bodies])

    here = cassette(_truth(str(uuid.uuid4())), {})
    there = cassette({}, {**_truth(str(uuid.uuid4())), **_truth(str(uuid.uuid4()))})
    assert compare_cassettes([here], [there], schema=schema) == ([], [])
    # A difference in the answers' shape is still one.
    trimmed = cassette(_truth(str(uuid.uuid4()), explanation=False))
    assert compare_cassettes([here], [trimmed], schema=schema)[0] == [
        f"truth ({op} 200) response $.*.explanation: only in the committed cassette"
    ]
    # Without the schema, uuid keys alone make a map.
    assert compare_cassettes([here], [there]) == ([], [])


def test_maps_the_schema_types_by_additional_properties_compare_by_value() -> None:
    """descriptions_map_safe is keyed by socket slug: the slugs are data, not fields."""
    from gc_devtools.contracts.shapes import compare_cassettes

    schema = load_schema(PATCHED_SCHEMA)
    op = "reader_studies_display_sets_retrieve"
    path = f"/api/v1/reader-studies/display-sets/{U1}/"

    def cassette(descriptions: dict[str, Any]) -> Cassette:
        body = {"pk": U1, "descriptions_map_safe": descriptions}
        return Cassette("ds", "", [Exchange(op, "GET", path, {}, None, 200, body)])

    local = cassette({"generic-medical-image": "CT"})
    real = cassette({"ct-image": "CT", "age": "63"})
    assert compare_cassettes([local], [real], schema=schema) == ([], [])
    assert compare_cassettes([local], [cassette({"ct-image": 1})], schema=schema)[0] == [
        f"ds ({op} 200) response $.descriptions_map_safe.*: str in the committed cassette, "
        "int in the new recording"
    ]
    # Without the schema, slug keys look like fields.
    assert compare_cassettes([local], [real])[0]


def test_workflow_failures_are_read_from_the_junit_report(tmp_path: Path) -> None:
    from gc_devtools.contracts.fidelity import WorkflowFailure, junit_failures, workflow_names

    names = workflow_names()
    assert names["test_archive_items"] == "archive-items"
    assert names["test_resume_and_abort_uploads"] == "resume-upload"
    assert names["test_reader_study_edits"] == "reader-study-edits"
    report = tmp_path / "report.xml"
    report.write_text(
        '<testsuites><testsuite name="pytest">'
        '<testcase classname="t" name="test_archive_items"/>'
        '<testcase classname="t" name="test_reader_study_edits">'
        '<failure message="gc_highlevel.BadRequestError: PATCH failed with 400&#10;more">'
        "traceback</failure></testcase>"
        '<testcase classname="t" name="test_upload"><error message="failed on setup">x</error>'
        "</testcase>"
        '<testcase classname="t" name="test_errors"><skipped message="no"/></testcase>'
        "</testsuite></testsuites>"
    )
    assert junit_failures(report, names) == [
        WorkflowFailure(
            "reader-study-edits",
            "test_reader_study_edits",
            "gc_highlevel.BadRequestError: PATCH failed with 400",
        ),
        WorkflowFailure("upload", "test_upload", "failed on setup"),
    ]

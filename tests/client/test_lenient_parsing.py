"""Lenient reads, strict tests: a response field the caller does not use never fails a call.

Users' clients parse leniently by default (a missing or unknown field is kept as ``MISSING`` or
as sent); ``strict_responses=True`` (and ``GC_CLIENT_STRICT_RESPONSES=1``, which this suite
sets) raises instead, so the project still sees drift.
"""

from __future__ import annotations

import json
import pickle
import uuid
from typing import Any

import httpx
import pytest

import gc_highlevel
from gc_api.models.answer import Answer
from gc_api.models.reader_study import ReaderStudy
from gc_api.models.user_profile import UserProfile
from gc_api.types import MISSING, Missing, parse_mode
from gc_highlevel import APIResponseValidationError
from gc_highlevel.testing import LocalGrandChallenge
from gc_highlevel.types import question_text, title_of

STUDY_PK = "3f1c2d3e-0000-4000-a000-123456789abc"


def _reader_study(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "api_url": f"https://gc.test/api/v1/reader-studies/{STUDY_PK}/",
        "url": "https://gc.test/reader-studies/s/",
        "slug": "s",
        "logo": "https://gc.test/logo.png",
        "description": "",
        "help_text_safe": "",
        "pk": STUDY_PK,
        "questions": [],
        "title_safe": "Lungs &amp; airways",
        "has_ground_truth": False,
        "end_of_study_text_safe": "",
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not MISSING}


def test_a_missing_required_field_is_missing_not_an_error() -> None:
    body = _reader_study(end_of_study_text_safe=MISSING, brand_new_field=[1, 2])
    study = ReaderStudy.from_dict(body)
    assert study.end_of_study_text_safe is MISSING and not study.end_of_study_text_safe
    assert study.pk == uuid.UUID(STUDY_PK) and title_of(study) == "Lungs & airways"
    assert study.additional_properties == {"brand_new_field": [1, 2]}
    with pytest.raises(AttributeError, match="did not include it"):
        study.end_of_study_text_safe.upper()
    # Written back, a missing field is left out rather than invented.
    assert "end_of_study_text_safe" not in study.to_dict()
    assert study.to_dict()["title_safe"] == "Lungs &amp; airways"
    assert pickle.loads(pickle.dumps(study)).end_of_study_text_safe is MISSING


def test_a_value_of_another_type_is_kept_as_sent() -> None:
    profile = UserProfile.from_dict(
        {"user": {"username": "u"}, "mugshot": "", "institution": "", "department": "",
         "location": "Atlantis"}
    )  # fmt: skip
    assert profile.location == "Atlantis"
    answer = Answer.from_dict(
        {"answer": True, "api_url": "u", "created": "not a date", "creator": "u",
         "display_set": None, "pk": "not-a-uuid", "question": "q", "modified": "",
         "answer_image": None, "total_edit_duration": None, "is_ground_truth": False}
    )  # fmt: skip
    assert answer.pk == "not-a-uuid" and answer.created == "not a date"
    assert answer.score is MISSING  # a 2026 field an older server would not send


def test_strict_parsing_raises_as_the_generated_code_always_did() -> None:
    with parse_mode(strict=True), pytest.raises(KeyError, match="end_of_study_text_safe"):
        ReaderStudy.from_dict(_reader_study(end_of_study_text_safe=MISSING))
    with parse_mode(strict=True), pytest.raises(ValueError, match="UUID"):
        Answer.from_dict(
            {"answer": True, "api_url": "u", "created": "2026-01-01T00:00:00+00:00",
             "creator": "u", "display_set": None, "pk": "not-a-uuid", "question": "q",
             "modified": "2026-01-01T00:00:00+00:00", "answer_image": None,
             "total_edit_duration": None, "is_ground_truth": False, "score": None}
        )  # fmt: skip
    assert isinstance(MISSING, Missing) and repr(MISSING) == "MISSING"


def _mock_client(strict: bool | None, body: dict[str, Any]) -> gc_highlevel.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=json.dumps(body).encode(), headers={"content-type": "application/json"}
        )

    return gc_highlevel.Client(
        "t", base_url="https://gc.test/api/v1/", transport=httpx.MockTransport(handler),
        strict_responses=strict,
    )  # fmt: skip


def test_the_client_is_lenient_by_default_and_strict_on_request(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    body = _reader_study(title_safe=MISSING)  # a field the caller may never read
    monkeypatch.delenv("GC_CLIENT_STRICT_RESPONSES")
    with _mock_client(None, body) as client:
        assert client.strict_responses is False
        study = client.reader_studies.get(STUDY_PK)
        assert study.slug == "s" and study.title_safe is MISSING and title_of(study) == ""
        strict = client.with_options(strict_responses=True)
        with pytest.raises(APIResponseValidationError, match="title_safe"):
            strict.reader_studies.get(STUDY_PK)
    with _mock_client(True, body) as client, pytest.raises(APIResponseValidationError):
        client.reader_studies.get(STUDY_PK)
    monkeypatch.setenv("GC_CLIENT_STRICT_RESPONSES", "1")
    with _mock_client(None, body) as client:
        assert client.strict_responses and client.raw.strict_responses
        with pytest.raises(APIResponseValidationError, match="title_safe"):
            client.reader_studies.get(STUDY_PK)


DEPRECATED = {
    "reader study": {"title", "help_text"},
    "question": {"question_text", "help_text", "empty_answer_confirmation_label"},
    "display set": {"title"},
    "image": {"patient_id", "patient_name", "study_date", "series_instance_uid"},
}


def test_reads_work_in_strict_mode_with_every_deprecated_field_absent(
    local_gc: LocalGrandChallenge,
) -> None:
    """The local server answers like the 2026 API; reading each kind works in strict mode."""
    headers = local_gc.headers("demo")
    with httpx.Client(base_url=local_gc.api_url, headers=headers) as http:
        study = http.get("reader-studies/", params={"slug": "corads-score-exam"}).json()
        study = study["results"][0]
        ds = http.get("reader-studies/display-sets/", params={"reader_study": study["pk"]})
        ds = ds.json()["results"][0]
        image = http.get("cases/images/").json()["results"][0]
    assert not DEPRECATED["reader study"] & set(study)
    assert not DEPRECATED["question"] & set(study["questions"][0])
    assert not DEPRECATED["display set"] & set(ds)
    assert not DEPRECATED["image"] & set(image)
    assert "socket" in ds["values"][0] and "descriptions_map_safe" in ds
    with gc_highlevel.Client(
        local_gc.tokens["demo"], base_url=local_gc.api_url, strict_responses=True
    ) as client:
        rs = client.reader_studies.get("corads-score-exam")
        texts = [question_text(q) for q in client.questions.list(reader_study=rs)]
        assert "Is there evidence of COVID-19?" in texts
        sets = client.display_sets.list(reader_study=rs).to_list()
        assert [title_of(d) for d in sets] == ["case 1", "case 2"]
        assert sets[0].values[0].socket.slug == sets[0].values[0].interface.slug
        assert client.images.get(image["pk"]).name == image["name"]
        # Images without a patient id (most non-DICOM uploads) have studies under "" (§12.2).
        assert client.archives.studies("radboudcovid", patient_id="") == []
    with gc_highlevel.Client(
        local_gc.tokens["reader"], base_url=local_gc.api_url, strict_responses=True
    ) as client:
        assert client.users.me().location == ""  # a profile without a country
        created = client.answers.create(question=rs.questions[0], display_set=sets[0], answer=True)
        (mine,) = client.answers.mine(reader_study=rs).to_list()
        assert created.score is None and mine.pk == created.pk and mine.score is None


def test_socket_of_reads_whichever_name_the_server_sent() -> None:
    from gc_api.models.hyperlinked_component_interface_value import (
        HyperlinkedComponentInterfaceValue,
    )
    from gc_highlevel.types import socket_of

    sock = {"title": "CT", "slug": "ct-image", "kind": "Image", "pk": 1, "super_kind": "Image",
            "relative_path": "images/ct", "description": "", "default_value": None,
            "overlay_segments": [], "look_up_table": None}  # fmt: skip
    old = HyperlinkedComponentInterfaceValue.from_dict({"interface": sock, "image": None, "pk": 1})
    new = HyperlinkedComponentInterfaceValue.from_dict({"socket": sock, "image": None, "pk": 2})
    assert old.socket is MISSING and new.interface is MISSING  # 2025 server / a later API
    assert socket_of(old).slug == socket_of(new).slug == "ct-image"

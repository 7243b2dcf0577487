"""Guards on the generated package: it imports, it is typed, and the patched behaviours hold."""

from __future__ import annotations

import datetime
import importlib
import json
import pkgutil
from pathlib import Path
from uuid import UUID

import httpx
import pytest

import gc_api

ROOT = Path(__file__).resolve().parents[2]
ARCHIVE_ITEM = UUID("11111111-2222-3333-4444-555555555555")


def test_every_generated_module_imports() -> None:
    names = [m.name for m in pkgutil.walk_packages(gc_api.__path__, prefix="gc_api.")]
    assert len(names) > 200
    for name in names:
        importlib.import_module(name)


def test_generated_package_ships_py_typed() -> None:
    assert (Path(gc_api.__file__).parent / "py.typed").is_file()


class Recorder:
    """A MockTransport handler that records requests and answers with a canned body."""

    def __init__(self, status: int, body: object) -> None:
        self.requests: list[httpx.Request] = []
        self.status, self.body = status, body

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(self.status, json=self.body)


def _client(handler: Recorder) -> gc_api.AuthenticatedClient:
    client = gc_api.AuthenticatedClient(base_url="https://gc.test", token="t")
    client.set_httpx_client(
        httpx.Client(base_url="https://gc.test", transport=httpx.MockTransport(handler))
    )
    return client


def test_partial_update_sends_json_with_only_what_was_set() -> None:
    from gc_api.api.archives import archives_items_partial_update
    from gc_api.models import ComponentInterfaceValuePostRequest, PatchedArchiveItemPostRequest

    body = {
        "pk": str(ARCHIVE_ITEM),
        "title": "kept",
        "archive": "https://gc.test/api/v1/archives/a/",
        "values": [],
        "hanging_protocol": None,
        "optional_hanging_protocols": [],
        "view_content": {},
    }
    recorder = Recorder(200, body)
    value = ComponentInterfaceValuePostRequest(interface="lung-volume", value=1.9)
    archives_items_partial_update.sync_detailed(
        ARCHIVE_ITEM, client=_client(recorder), body=PatchedArchiveItemPostRequest(values=[value])
    )
    (request,) = recorder.requests
    assert request.method == "PATCH"
    assert request.headers["content-type"] == "application/json"
    # No default title: a PATCH that adds values must not blank the item's title.
    assert json.loads(request.content) == {"values": [{"interface": "lung-volume", "value": 1.9}]}


def test_create_sends_json() -> None:
    from gc_api.api.algorithms import algorithms_jobs_create
    from gc_api.models import ComponentInterfaceValuePostRequest, JobPostRequest

    recorder = Recorder(201, {"pk": str(ARCHIVE_ITEM), "inputs": [], "status": "Queued"})
    body = JobPostRequest(
        algorithm="https://gc.test/api/v1/algorithms/x/",
        inputs=[
            ComponentInterfaceValuePostRequest(
                interface="ct-image", user_uploads=["https://gc.test/api/v1/uploads/u/"]
            )
        ],
    )
    algorithms_jobs_create.sync_detailed(client=_client(recorder), body=body)
    (request,) = recorder.requests
    assert request.headers["content-type"] == "application/json"
    sent = json.loads(request.content)
    assert sent["inputs"] == [
        {"interface": "ct-image", "user_uploads": ["https://gc.test/api/v1/uploads/u/"]}
    ]


def test_complete_multipart_upload_sends_only_etag_and_part_number() -> None:
    from gc_api.models import PartRequest, PatchedUserUploadCompleteRequest

    body = PatchedUserUploadCompleteRequest(
        parts=[PartRequest(e_tag='"abc"', part_number=1), PartRequest(e_tag='"def"', part_number=2)]
    )
    assert body.to_dict() == {
        "parts": [{"ETag": '"abc"', "PartNumber": 1}, {"ETag": '"def"', "PartNumber": 2}]
    }


def test_null_job_durations_parse() -> None:
    from gc_api.models import HyperlinkedJob

    fields = HyperlinkedJob.__init__.__annotations__
    assert "None" in str(fields["exec_duration"]) and "None" in str(fields["invoke_duration"])
    # And a job as the server sends it before its durations are measured parses.
    cassette = ROOT / "tests" / "contract" / "cassettes" / "run-job-and-wait.json"
    jobs = [
        body
        for exchange in json.loads(cassette.read_text(encoding="utf-8"))["exchanges"]
        for body in _job_bodies(exchange["response_body"])
    ]
    assert jobs, "the cassette should hold a recorded job"
    job = HyperlinkedJob.from_dict({**jobs[0], "exec_duration": None, "invoke_duration": None})
    assert job.exec_duration is None and job.invoke_duration is None


def _job_bodies(body: object) -> list[dict[str, object]]:
    items = body.get("results", [body]) if isinstance(body, dict) else []
    return [i for i in items if isinstance(i, dict) and "exec_duration" in i]


def test_authenticated_client_keeps_the_token_out_of_repr_but_sends_it() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    client = gc_api.AuthenticatedClient(
        base_url="https://gc.test",
        token="s3cret-token",
        headers={"X-Extra": "1"},
        httpx_args={"transport": httpx.MockTransport(handler)},
    )
    client.get_httpx_client().get("/api/v1/gcapi/")
    assert seen[0].headers["authorization"] == "Bearer s3cret-token"
    assert seen[0].headers["x-extra"] == "1"
    assert "s3cret" not in repr(client)
    assert "s3cret" not in repr(client.with_headers({"X-Other": "2"}))
    assert "s3cret" not in repr(gc_api.AuthenticatedClient("https://gc.test", "s3cret", prefix=""))


@pytest.mark.parametrize(
    ("module", "function"),
    [
        ("gc_api.api.archives.archives_patients_retrieve", "sync_detailed"),
        ("gc_api.api.reader_studies.reader_studies_answers_mine_retrieve", "sync_detailed"),
    ],
)
def test_custom_response_shapes(module: str, function: str) -> None:
    mod = importlib.import_module(module)
    ret = str(getattr(mod, function).__annotations__["return"])
    if "patients" in module:
        assert "list[str]" in ret
    else:
        assert "PaginatedAnswerList" in ret


class _Python310Datetime(datetime.datetime):
    """``datetime`` as Python 3.10 parses: ``fromisoformat`` refuses a trailing ``Z``."""

    @classmethod
    def fromisoformat(cls, date_string: str) -> datetime.datetime:
        if date_string.endswith("Z"):
            raise ValueError(f"Invalid isoformat string: {date_string!r}")
        return datetime.datetime.fromisoformat(date_string)


def test_timestamps_with_z_parse_on_every_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """The server writes UTC as ``Z``; before Python 3.11 ``fromisoformat`` refused it, so
    nothing could be uploaded on 3.10 (#20). The models parse such answers on every Python."""
    import types as pytypes

    from gc_api import types as gc_types
    from gc_api.models.answer import Answer

    monkeypatch.setattr(gc_types, "datetime", pytypes.SimpleNamespace(datetime=_Python310Datetime))
    expected = datetime.datetime(2026, 12, 7, 1, 11, 0, 392000, tzinfo=datetime.timezone.utc)
    assert gc_types.parse_datetime("2026-12-07T01:11:00.392000Z") == expected
    assert gc_types.parse_datetime("2026-12-07T01:11:00.392+00:00") == expected
    with gc_types.parse_mode(strict=True):
        answer = Answer.from_dict(
            {
                "pk": "1b6f5c2e-9a34-4c6e-8c55-1e0f1d2a3b4c",
                "api_url": "https://gc/api/v1/reader-studies/answers/1b6f5c2e/",
                "creator": "demo",
                "question": "https://gc/api/v1/reader-studies/questions/2b6f5c2e/",
                "display_set": "2b6f5c2e-9a34-4c6e-8c55-1e0f1d2a3b4c",
                "answer": True,
                "answer_image": None,
                "created": "2026-12-07T01:11:00.392000Z",
                "modified": "2026-12-07T01:11:00Z",
                "is_ground_truth": False,
                "score": None,
                "last_edit_duration": None,
                "total_edit_duration": None,
            }
        )
    assert answer.created == expected
    assert answer.modified == expected.replace(microsecond=0)

"""The public surface is frozen, imports stay lazy, and the sync twins cannot drift."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import make_sync  # scripts/ is on sys.path (tests/conftest.py)

import gc_highlevel

ROOT = Path(__file__).resolve().parents[2]

EXPECTED_ALL = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AlgorithmSummary",
    "AnswerRow",
    "ArchiveCase",
    "AsyncClient",
    "AsyncEndpointSession",
    "AsyncPage",
    "AsyncPaginator",
    "AsyncTransfers",
    "AuthenticationError",
    "BadRequestError",
    "BatchError",
    "BatchInProgressError",
    "BatchResult",
    "CaseNotStartedError",
    "CaseOutcome",
    "Client",
    "ClientClosedError",
    "ConflictError",
    "DisplaySetsLockedError",
    "DownloadError",
    "DownloadResult",
    "DownloadedOutput",
    "DuplicateSocketError",
    "EndpointError",
    "EndpointSession",
    "EndpointStoppedError",
    "EndpointTimeoutError",
    "GCError",
    "GroundTruthRow",
    "ImageFileError",
    "ImportFailedError",
    "InputFileError",
    "InputSetError",
    "InternalServerError",
    "InvalidArgumentError",
    "InvalidReferenceError",
    "InvocationFailedError",
    "InvocationTimeoutError",
    "JobCancelledError",
    "JobError",
    "JobFailedError",
    "JobTimeoutError",
    "Journal",
    "MirrorResult",
    "MissingInputError",
    "MultipleObjectsReturnedError",
    "NotFoundError",
    "ObjectDeletedError",
    "ObjectNotFoundError",
    "OutputRow",
    "OutputsByInput",
    "Page",
    "Paginator",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestTooLargeError",
    "SocketKindError",
    "SocketValueError",
    "StepEvent",
    "TransferBatchError",
    "TransferError",
    "TransferOutcome",
    "TransferResults",
    "Transfers",
    "UnexpectedInputError",
    "UnknownSocketError",
    "UploadError",
    "ValuesNotAttachedError",
    "__version__",
    "config_path",
    "types",
]


def test_exported_members() -> None:
    assert gc_highlevel.__all__ == EXPECTED_ALL
    for name in gc_highlevel.__all__:
        assert getattr(gc_highlevel, name) is not None, name
    import types

    public = {
        n
        for n in dir(gc_highlevel)
        if not n.startswith("_") and not isinstance(getattr(gc_highlevel, n), types.ModuleType)
    }
    assert public - {"annotations", "TYPE_CHECKING", "Any"} <= set(EXPECTED_ALL)


def test_client_twins_have_the_same_surface() -> None:
    def surface(cls: type) -> set[str]:
        return {n for n in dir(cls) if not n.startswith("_")}

    sync_names = surface(gc_highlevel.Client)
    async_names = surface(gc_highlevel.AsyncClient)
    assert sync_names - {"close"} == async_names - {"aclose"}


def test_import_is_lazy() -> None:
    code = (
        "import json, sys, gc_highlevel; "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('gc_api', 'httpx', 'gc_highlevel')))))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    loaded = json.loads(out.stdout)
    assert loaded == ["gc_highlevel"], loaded


def test_client_construction_does_not_load_endpoint_modules() -> None:
    code = (
        "import json, sys, gc_highlevel; c = gc_highlevel.Client('t', base_url='http://127.0.0.1:1/api/v1/'); "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('gc_api.api', 'gc_api.models')))))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert json.loads(out.stdout) == []


def test_sync_twins_are_up_to_date(tmp_path: Path) -> None:
    make_sync.generate(tmp_path)
    for _, dst in make_sync.PAIRS:
        diff = make_sync.differences(tmp_path / dst, ROOT / dst)
        assert diff == [], f"{dst} is stale; run python scripts/make_sync.py ({diff})"


def test_bench_import_script_runs() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench_import.py"), "--runs", "2"],
        check=True,
        capture_output=True,
        text=True,
    )
    assert "import gc_highlevel" in out.stdout

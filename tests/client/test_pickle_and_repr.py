"""Every public error and batch result pickles (``multiprocessing`` sends them between
processes) with its attributes and without the token; reprs never raise."""

from __future__ import annotations

import datetime
import pickle
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

import gc_highlevel
from gc_highlevel._exceptions import make_status_error
from gc_highlevel.socket_values import DuplicateCaseError
from gc_highlevel.workflow_types import BatchResult, CaseOutcome

TOKEN = "0123456789abcdef0123456789abcdef"
URL = "https://gc.test/api/v1/archives/"


def _job(status: str = "Failed") -> Any:
    from gc_api.models.hyperlinked_job import HyperlinkedJob

    return HyperlinkedJob(
        pk=uuid.UUID(int=7),
        url="https://gc.test/algorithms/a/jobs/7/",
        api_url="https://gc.test/api/v1/algorithms/jobs/7/",
        algorithm_image="x",
        inputs=[],
        outputs=[],
        status=status,
        hanging_protocol=None,
        optional_hanging_protocols=[],
        view_content={},
        exec_duration=None,
        invoke_duration=None,
        algorithm="https://gc.test/api/v1/algorithms/1/",
    )


def _endpoint() -> Any:
    from gc_api.models.endpoint import Endpoint

    return Endpoint(
        api_url="https://gc.test/api/v1/endpoints/1/",
        pk=uuid.UUID(int=3),
        algorithm="https://gc.test/api/v1/algorithms/1/",
        status="Stopped",
        remaining_lifetime="0",
    )


def _invocation(status: str = "Failed") -> Any:
    from gc_api.models.invocation import Invocation

    return Invocation(
        pk=uuid.UUID(int=4),
        endpoint="https://gc.test/api/v1/endpoints/1/",
        inputs=[],
        outputs=[],
        status=status,
        error_message="boom",
    )


def _upload() -> Any:
    from gc_api.models.user_upload import UserUpload

    return UserUpload(
        pk=uuid.UUID(int=5),
        created=datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc),
        filename="ct.mha",
        key="uploads/ct.mha",
        s3_upload_id="abc",
        status="Initialized",
        api_url="https://gc.test/api/v1/uploads/5/",
    )


def _status_error(status: int) -> gc_highlevel.APIStatusError:
    """A status error whose request carried the token (which must not survive pickling)."""
    request = httpx.Request("GET", URL, headers={"Authorization": f"Bearer {TOKEN}"})
    headers = {"Retry-After": "7"} if status == 429 else {}
    response = httpx.Response(status, json={"detail": "nope"}, headers=headers, request=request)
    return make_status_error(response)


def _failed_batch() -> BatchResult[object]:
    return BatchResult(
        [
            CaseOutcome(index=0, name="a.mha", key="k0", pk=uuid.UUID(int=1), created="item"),
            CaseOutcome(index=1, name="b.mha", key="k1", pk=None, error=_status_error(400)),
            CaseOutcome(
                index=2,
                name="c.mha",
                key="k2",
                pk=None,
                error=gc_highlevel.ImportFailedError(
                    "not an image", missing={"p": ["ct"]}, errors={"p": "bad"}
                ),
            ),
        ]
    )


def _input_set(cls: type[gc_highlevel.InputSetError]) -> gc_highlevel.InputSetError:
    return cls(
        "sockets do not match",
        missing={"ct"},
        extra={"mr"},
        combinations=[frozenset({"ct", "lung"})],
        slug="mr",
    )


_STATUS = {
    gc_highlevel.APIStatusError: 418,
    gc_highlevel.BadRequestError: 400,
    gc_highlevel.AuthenticationError: 401,
    gc_highlevel.PermissionDeniedError: 403,
    gc_highlevel.NotFoundError: 404,
    gc_highlevel.ConflictError: 409,
    gc_highlevel.RequestTooLargeError: 413,
    gc_highlevel.RateLimitError: 429,
    gc_highlevel.InternalServerError: 503,
}

#: Builders for errors whose constructor needs more than a message.
FACTORIES: dict[type[BaseException], Callable[[], BaseException]] = {
    **{cls: (lambda s=status: _status_error(s)) for cls, status in _STATUS.items()},
    gc_highlevel.APIError: lambda: gc_highlevel.APIError("x", method="GET", url=URL, body={"a": 1}),
    gc_highlevel.APIConnectionError: lambda: gc_highlevel.APIConnectionError(
        "refused", method="GET", url=URL
    ),
    gc_highlevel.APITimeoutError: lambda: gc_highlevel.APITimeoutError(
        "timed out", method="GET", url=URL
    ),
    gc_highlevel.APIResponseValidationError: lambda: gc_highlevel.APIResponseValidationError(
        "bad body", method="GET", url=URL, body=[1]
    ),
    gc_highlevel.BatchError: lambda: gc_highlevel.BatchError("2 failed", result=_failed_batch()),
    gc_highlevel.CaseNotStartedError: lambda: gc_highlevel.CaseNotStartedError(
        "not started", reason="credits", refused_index=3, refusal=_status_error(403)
    ),
    gc_highlevel.DisplaySetsLockedError: lambda: gc_highlevel.DisplaySetsLockedError(
        "locked", locked=[uuid.UUID(int=1)]
    ),
    gc_highlevel.AttachError: lambda: gc_highlevel.AttachError("attach", missing={"p": ["ct"]}),
    gc_highlevel.ValuesNotAttachedError: lambda: gc_highlevel.ValuesNotAttachedError(
        "late", missing={"p": ["ct"]}
    ),
    gc_highlevel.ImportFailedError: lambda: gc_highlevel.ImportFailedError(
        "failed", missing={"p": ["ct"]}, errors={"p": "not an image"}
    ),
    gc_highlevel.ObjectDeletedError: lambda: gc_highlevel.ObjectDeletedError(
        "case 2: archive item 7d... was deleted", case="scan2.mha", pk="7d", noun="archive item"
    ),
    gc_highlevel.EndpointStoppedError: lambda: gc_highlevel.EndpointStoppedError(
        "stopped", endpoint=_endpoint()
    ),
    gc_highlevel.EndpointTimeoutError: lambda: gc_highlevel.EndpointTimeoutError(
        "slow", endpoint=_endpoint()
    ),
    gc_highlevel.InvocationFailedError: lambda: gc_highlevel.InvocationFailedError(
        "failed", invocation=_invocation(), invocations=[_invocation("Succeeded"), _invocation()]
    ),
    gc_highlevel.InvocationTimeoutError: lambda: gc_highlevel.InvocationTimeoutError(
        "slow", pending=[_invocation("Started")]
    ),
    gc_highlevel.JobError: lambda: gc_highlevel.JobError("failed", job=_job()),
    gc_highlevel.JobFailedError: lambda: gc_highlevel.JobFailedError(
        "failed", job=_job(), jobs=[_job("Succeeded"), _job()]
    ),
    gc_highlevel.JobCancelledError: lambda: gc_highlevel.JobCancelledError(
        "cancelled", job=_job("Cancelled")
    ),
    gc_highlevel.JobTimeoutError: lambda: gc_highlevel.JobTimeoutError(
        "slow", pending=[_job("Started")]
    ),
    gc_highlevel.SocketValueError: lambda: gc_highlevel.SocketValueError(
        "bad", slug="ct", valid=["Image"]
    ),
    gc_highlevel.UnknownSocketError: lambda: gc_highlevel.UnknownSocketError("no", slug="ctt"),
    gc_highlevel.SocketKindError: lambda: gc_highlevel.SocketKindError("kind", slug="ct"),
    gc_highlevel.DuplicateSocketError: lambda: gc_highlevel.DuplicateSocketError("dup", slug="ct"),
    DuplicateCaseError: lambda: DuplicateCaseError("same", cases=(0, 2)),
    gc_highlevel.InputFileError: lambda: gc_highlevel.InputFileError(
        "missing", slug="ct", path=Path("ct.mha")
    ),
    gc_highlevel.ImageFileError: lambda: gc_highlevel.ImageFileError(
        "not an image", slug="ct", path=Path("notes.txt")
    ),
    gc_highlevel.DicomSeriesError: lambda: gc_highlevel.DicomSeriesError(
        "two series", slug="ct", path=Path("scans"), not_dicom=(Path("scans/notes.txt"),)
    ),
    gc_highlevel.DicomRejectedError: lambda: gc_highlevel.DicomRejectedError(
        "rejected", slug="ct", path=Path("scans/1.dcm"), justification="unsupported SOP class"
    ),
    gc_highlevel.InputSetError: lambda: _input_set(gc_highlevel.InputSetError),
    gc_highlevel.MissingInputError: lambda: _input_set(gc_highlevel.MissingInputError),
    gc_highlevel.UnexpectedInputError: lambda: _input_set(gc_highlevel.UnexpectedInputError),
    gc_highlevel.TransferError: lambda: gc_highlevel.TransferError("failed", name="ct.mha"),
    gc_highlevel.UploadError: lambda: gc_highlevel.UploadError(
        "failed", name="ct.mha", upload=_upload(), kept=True, part_size=5 << 20
    ),
    gc_highlevel.DownloadError: lambda: gc_highlevel.DownloadError(
        "failed", name="ct.mha", url="https://s3.test/ct.mha", destination=Path("out/ct.mha")
    ),
    gc_highlevel.TransferBatchError: lambda: gc_highlevel.TransferBatchError(
        "1 of 1 failed",
        results=gc_highlevel.TransferResults(
            [
                gc_highlevel.TransferOutcome(
                    "ct.mha", error=gc_highlevel.TransferError("failed", name="ct.mha")
                )
            ]
        ),
    ),
}

EXPORTED_ERRORS = sorted(
    (
        obj
        for obj in (getattr(gc_highlevel, name) for name in gc_highlevel.__all__)
        if isinstance(obj, type) and issubclass(obj, BaseException)
    ),
    key=lambda cls: cls.__name__,
)
#: Errors that are not exported but can reach users (raised by batch calls).
EXTRA_ERRORS: list[type[BaseException]] = [DuplicateCaseError]


def _build(cls: type[BaseException]) -> BaseException:
    factory = FACTORIES.get(cls)
    return factory() if factory is not None else cls("something went wrong")


def _comparable(value: object) -> object:
    """Attributes compared after the round trip; errors and results by their text."""
    if isinstance(value, BaseException):
        return (type(value), str(value))
    if isinstance(value, (BatchResult, gc_highlevel.TransferResults)):
        return [_comparable(vars(o)) for o in value]
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_comparable(v) for v in value]
    return value


@pytest.mark.parametrize("cls", EXPORTED_ERRORS + EXTRA_ERRORS, ids=lambda cls: cls.__name__)
def test_every_public_error_pickles_with_its_attributes_and_without_the_token(
    cls: type[BaseException],
) -> None:
    err = _build(cls)
    assert type(err) is cls
    data = pickle.dumps(err)
    assert TOKEN.encode() not in data
    clone = pickle.loads(data)
    assert type(clone) is cls
    assert str(clone) == str(err)
    assert clone.args == err.args
    skip = {"response", "headers"}  # the response (and its request's token) is dropped
    expected = {k: _comparable(v) for k, v in vars(err).items() if k not in skip}
    assert {k: _comparable(v) for k, v in vars(clone).items() if k not in skip} == expected
    assert "response" not in vars(err) or clone.response is None


def test_every_exported_error_has_a_factory_or_takes_a_message() -> None:
    for cls in EXPORTED_ERRORS:
        assert type(_build(cls)) is cls


def test_a_failed_batch_result_pickles_with_its_errors() -> None:
    result = _failed_batch()
    data = pickle.dumps(result)
    assert TOKEN.encode() not in data
    clone = pickle.loads(data)
    assert repr(clone) == repr(result) == "BatchResult(1 ok (0 from an earlier run), 2 failed)"
    assert [o.pk for o in clone] == [o.pk for o in result]
    bad_request = clone[1].error
    assert isinstance(bad_request, gc_highlevel.BadRequestError)
    assert bad_request.status_code == 400 and bad_request.field_errors == {
        "non_field_errors": ["nope"]
    }
    import_failed = clone[2].error
    assert isinstance(import_failed, gc_highlevel.ImportFailedError)
    assert import_failed.errors == {"p": "bad"} and import_failed.missing == {"p": ["ct"]}
    with pytest.raises(gc_highlevel.BatchError) as info:
        clone.raise_for_errors()
    again = pickle.loads(pickle.dumps(info.value))
    assert str(again) == str(info.value) and len(again.result.failed) == 2


# -- reprs -----------------------------------------------------------------------------------


def _half_built(cls: type[Any], *args: Any, **kwargs: Any) -> Any:
    """An instance whose ``__init__`` refused its arguments, as a traceback's locals show it."""
    obj = cls.__new__(cls)
    with pytest.raises(gc_highlevel.InvalidArgumentError):
        obj.__init__(*args, **kwargs)
    return obj


@pytest.mark.parametrize("page_size", [0, -1, 1001, True, 2.5, "10"])
@pytest.mark.parametrize("cls", [gc_highlevel.AsyncPaginator, gc_highlevel.Paginator])
def test_paginator_repr_never_raises(cls: type[Any], page_size: object) -> None:
    async def fetch(**_: Any) -> Any:
        raise AssertionError("no request")

    half = _half_built(cls, fetch, page_size=page_size, what="archive")
    assert repr(half) == f"<{cls.__name__} of archive, page_size=None>"
    assert repr(cls.__new__(cls)) == f"<{cls.__name__} of object, page_size=None>"
    paginator = cls(fetch, page_size=5, what="archive")
    assert repr(paginator) == f"<{cls.__name__} of archive, page_size=5>"
    paginator.page_size = page_size
    assert repr(paginator) == f"<{cls.__name__} of archive, page_size={page_size!r}>"


@pytest.mark.parametrize("cls", [gc_highlevel.AsyncClient, gc_highlevel.Client])
def test_client_repr_never_raises(cls: type[Any]) -> None:
    for half in (
        cls.__new__(cls),
        _half_built(cls, TOKEN, base_url="https://gc.test/api/v1/", page_size=0),
        _half_built(cls, TOKEN, base_url="https://gc.test/", headers={"Authorization": "x"}),
    ):
        assert repr(half) == f"<{cls.__name__} (not initialised)>"
        assert TOKEN not in repr(half)


def test_result_and_transfer_reprs_never_raise() -> None:
    assert repr(BatchResult.__new__(BatchResult)) == "BatchResult()"
    assert repr(gc_highlevel.TransferResults.__new__(gc_highlevel.TransferResults)) == (
        "TransferResults()"
    )
    assert repr(BatchResult([])) == "BatchResult(0 ok (0 from an earlier run), 0 failed)"
    assert repr(_failed_batch()) == "BatchResult(1 ok (0 from an earlier run), 2 failed)"
    for cls in (gc_highlevel.AsyncTransfers, gc_highlevel.Transfers):
        assert repr(cls.__new__(cls)) == f"{cls.__name__}(max_concurrency=None)"

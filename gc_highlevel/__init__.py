"""gc_highlevel: the typed, sync and async client for grand-challenge.org.

The typed low-level bindings live in the generated package ``gc_api``; this package is the layer
users import. Everything is loaded on first use, so ``import gc_highlevel`` is cheap.

Example:
    >>> import gc_highlevel
    >>> with gc_highlevel.Client() as client:          # token from GRAND_CHALLENGE_AUTHORIZATION
    ...     archive = client.archives.get(slug="coronacasesorg")
    ...     for item in client.archive_items.list(archive=archive):
    ...         print(item.pk)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from gc_highlevel import types as types
    from gc_highlevel._async._client import AsyncClient as AsyncClient
    from gc_highlevel._async._pagination import AsyncPage as AsyncPage
    from gc_highlevel._async._pagination import AsyncPaginator as AsyncPaginator
    from gc_highlevel._async.transfers import AsyncTransfers as AsyncTransfers
    from gc_highlevel._async.workflows.endpoints import (
        AsyncEndpointSession as AsyncEndpointSession,
    )
    from gc_highlevel._auth import config_path as config_path
    from gc_highlevel._exceptions import APIConnectionError as APIConnectionError
    from gc_highlevel._exceptions import APIError as APIError
    from gc_highlevel._exceptions import APIResponseValidationError as APIResponseValidationError
    from gc_highlevel._exceptions import APIStatusError as APIStatusError
    from gc_highlevel._exceptions import APITimeoutError as APITimeoutError
    from gc_highlevel._exceptions import AuthenticationError as AuthenticationError
    from gc_highlevel._exceptions import BadRequestError as BadRequestError
    from gc_highlevel._exceptions import ClientClosedError as ClientClosedError
    from gc_highlevel._exceptions import ConflictError as ConflictError
    from gc_highlevel._exceptions import GCError as GCError
    from gc_highlevel._exceptions import InternalServerError as InternalServerError
    from gc_highlevel._exceptions import InvalidArgumentError as InvalidArgumentError
    from gc_highlevel._exceptions import InvalidReferenceError as InvalidReferenceError
    from gc_highlevel._exceptions import (
        MultipleObjectsReturnedError as MultipleObjectsReturnedError,
    )
    from gc_highlevel._exceptions import NotFoundError as NotFoundError
    from gc_highlevel._exceptions import ObjectNotFoundError as ObjectNotFoundError
    from gc_highlevel._exceptions import PermissionDeniedError as PermissionDeniedError
    from gc_highlevel._exceptions import RateLimitError as RateLimitError
    from gc_highlevel._exceptions import RequestTooLargeError as RequestTooLargeError
    from gc_highlevel._jobs_policy import JobCancelledError as JobCancelledError
    from gc_highlevel._jobs_policy import JobError as JobError
    from gc_highlevel._jobs_policy import JobFailedError as JobFailedError
    from gc_highlevel._jobs_policy import JobTimeoutError as JobTimeoutError
    from gc_highlevel._sync._client import Client as Client
    from gc_highlevel._sync._pagination import Page as Page
    from gc_highlevel._sync._pagination import Paginator as Paginator
    from gc_highlevel._sync.transfers import Transfers as Transfers
    from gc_highlevel._sync.workflows.endpoints import EndpointSession as EndpointSession
    from gc_highlevel._transfer_common import DownloadError as DownloadError
    from gc_highlevel._transfer_common import DownloadResult as DownloadResult
    from gc_highlevel._transfer_common import TransferBatchError as TransferBatchError
    from gc_highlevel._transfer_common import TransferError as TransferError
    from gc_highlevel._transfer_common import TransferOutcome as TransferOutcome
    from gc_highlevel._transfer_common import TransferResults as TransferResults
    from gc_highlevel._transfer_common import UploadError as UploadError
    from gc_highlevel.answer_rows import AnswerRow as AnswerRow
    from gc_highlevel.journal import BatchInProgressError as BatchInProgressError
    from gc_highlevel.journal import Journal as Journal
    from gc_highlevel.socket_values import DuplicateSocketError as DuplicateSocketError
    from gc_highlevel.socket_values import ImageFileError as ImageFileError
    from gc_highlevel.socket_values import InputFileError as InputFileError
    from gc_highlevel.socket_values import InputSetError as InputSetError
    from gc_highlevel.socket_values import MissingInputError as MissingInputError
    from gc_highlevel.socket_values import SocketKindError as SocketKindError
    from gc_highlevel.socket_values import SocketValueError as SocketValueError
    from gc_highlevel.socket_values import UnexpectedInputError as UnexpectedInputError
    from gc_highlevel.socket_values import UnknownSocketError as UnknownSocketError
    from gc_highlevel.workflow_types import AlgorithmSummary as AlgorithmSummary
    from gc_highlevel.workflow_types import ArchiveCase as ArchiveCase
    from gc_highlevel.workflow_types import BatchError as BatchError
    from gc_highlevel.workflow_types import BatchResult as BatchResult
    from gc_highlevel.workflow_types import CaseNotStartedError as CaseNotStartedError
    from gc_highlevel.workflow_types import CaseOutcome as CaseOutcome
    from gc_highlevel.workflow_types import DisplaySetsLockedError as DisplaySetsLockedError
    from gc_highlevel.workflow_types import DownloadedOutput as DownloadedOutput
    from gc_highlevel.workflow_types import EndpointError as EndpointError
    from gc_highlevel.workflow_types import EndpointStoppedError as EndpointStoppedError
    from gc_highlevel.workflow_types import EndpointTimeoutError as EndpointTimeoutError
    from gc_highlevel.workflow_types import GroundTruthRow as GroundTruthRow
    from gc_highlevel.workflow_types import ImportFailedError as ImportFailedError
    from gc_highlevel.workflow_types import InvocationFailedError as InvocationFailedError
    from gc_highlevel.workflow_types import InvocationTimeoutError as InvocationTimeoutError
    from gc_highlevel.workflow_types import MirrorResult as MirrorResult
    from gc_highlevel.workflow_types import ObjectDeletedError as ObjectDeletedError
    from gc_highlevel.workflow_types import OutputRow as OutputRow
    from gc_highlevel.workflow_types import OutputsByInput as OutputsByInput
    from gc_highlevel.workflow_types import StepEvent as StepEvent
    from gc_highlevel.workflow_types import ValuesNotAttachedError as ValuesNotAttachedError

_EXPORTS: dict[str, str] = {
    # the seed workflows: typed errors and results
    **{
        name: "gc_highlevel.socket_values"
        for name in (
            "DuplicateSocketError",
            "ImageFileError",
            "InputFileError",
            "InputSetError",
            "MissingInputError",
            "SocketKindError",
            "SocketValueError",
            "UnexpectedInputError",
            "UnknownSocketError",
        )
    },
    **{
        name: "gc_highlevel._jobs_policy"
        for name in (
            "JobCancelledError",
            "JobError",
            "JobFailedError",
            "JobTimeoutError",
        )
    },
    **{
        name: "gc_highlevel.workflow_types"
        for name in (
            "AlgorithmSummary",
            "ArchiveCase",
            "BatchError",
            "BatchResult",
            "CaseNotStartedError",
            "CaseOutcome",
            "DisplaySetsLockedError",
            "DownloadedOutput",
            "EndpointError",
            "EndpointStoppedError",
            "EndpointTimeoutError",
            "GroundTruthRow",
            "ImportFailedError",
            "InvocationFailedError",
            "InvocationTimeoutError",
            "MirrorResult",
            "ObjectDeletedError",
            "OutputRow",
            "OutputsByInput",
            "StepEvent",
            "ValuesNotAttachedError",
        )
    },
    **{name: "gc_highlevel.answer_rows" for name in ("AnswerRow",)},
    **{name: "gc_highlevel.journal" for name in ("BatchInProgressError", "Journal")},
    "AsyncClient": "gc_highlevel._async._client",
    "AsyncPage": "gc_highlevel._async._pagination",
    "AsyncPaginator": "gc_highlevel._async._pagination",
    "AsyncEndpointSession": "gc_highlevel._async.workflows.endpoints",
    "EndpointSession": "gc_highlevel._sync.workflows.endpoints",
    "Client": "gc_highlevel._sync._client",
    "Page": "gc_highlevel._sync._pagination",
    "Paginator": "gc_highlevel._sync._pagination",
    "config_path": "gc_highlevel._auth",
    "AsyncTransfers": "gc_highlevel._async.transfers",
    "Transfers": "gc_highlevel._sync.transfers",
    **{
        name: "gc_highlevel._transfer_common"
        for name in (
            "DownloadError",
            "DownloadResult",
            "TransferBatchError",
            "TransferError",
            "TransferOutcome",
            "TransferResults",
            "UploadError",
        )
    },
    **{
        name: "gc_highlevel._exceptions"
        for name in (
            "APIConnectionError",
            "APIError",
            "APIResponseValidationError",
            "APIStatusError",
            "APITimeoutError",
            "AuthenticationError",
            "BadRequestError",
            "ClientClosedError",
            "ConflictError",
            "GCError",
            "InternalServerError",
            "InvalidArgumentError",
            "InvalidReferenceError",
            "MultipleObjectsReturnedError",
            "NotFoundError",
            "ObjectNotFoundError",
            "PermissionDeniedError",
            "RateLimitError",
            "RequestTooLargeError",
        )
    },
}

__all__ = [
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


def __getattr__(name: str) -> Any:
    if name == "types":
        return importlib.import_module("gc_highlevel.types")
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'gc_highlevel' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

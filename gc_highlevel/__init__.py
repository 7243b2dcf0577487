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

__version__ = "0.1.0"

# typing.TYPE_CHECKING without importing typing (most of this module's import time): type
# checkers take any name TYPE_CHECKING as true. It is deleted below, like every helper, so that
# the module's namespace holds only its public names and private tables.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from gc_highlevel import dataframes as dataframes
    from gc_highlevel import datasets as datasets
    from gc_highlevel import dicom as dicom
    from gc_highlevel import imaging as imaging
    from gc_highlevel import types as types
    from gc_highlevel._async._client import AsyncClient as AsyncClient
    from gc_highlevel._async._pagination import AsyncPage as AsyncPage
    from gc_highlevel._async._pagination import AsyncPaginator as AsyncPaginator
    from gc_highlevel._async.transfers import AsyncTransfers as AsyncTransfers
    from gc_highlevel._async.workflows.endpoints import AsyncEndpointSession as AsyncEndpointSession
    from gc_highlevel._auth import config_path as config_path
    from gc_highlevel._exceptions import APIConnectionError as APIConnectionError
    from gc_highlevel._exceptions import APIError as APIError
    from gc_highlevel._exceptions import APIResponseValidationError as APIResponseValidationError
    from gc_highlevel._exceptions import APIStatusError as APIStatusError
    from gc_highlevel._exceptions import APITimeoutError as APITimeoutError
    from gc_highlevel._exceptions import AttachError as AttachError
    from gc_highlevel._exceptions import AuthenticationError as AuthenticationError
    from gc_highlevel._exceptions import BadRequestError as BadRequestError
    from gc_highlevel._exceptions import BatchError as BatchError
    from gc_highlevel._exceptions import BatchInProgressError as BatchInProgressError
    from gc_highlevel._exceptions import CaseNotStartedError as CaseNotStartedError
    from gc_highlevel._exceptions import ClientClosedError as ClientClosedError
    from gc_highlevel._exceptions import ConflictError as ConflictError
    from gc_highlevel._exceptions import DicomRejectedError as DicomRejectedError
    from gc_highlevel._exceptions import DicomSeriesError as DicomSeriesError
    from gc_highlevel._exceptions import DisplaySetsLockedError as DisplaySetsLockedError
    from gc_highlevel._exceptions import DownloadError as DownloadError
    from gc_highlevel._exceptions import DuplicateSocketError as DuplicateSocketError
    from gc_highlevel._exceptions import EndpointError as EndpointError
    from gc_highlevel._exceptions import EndpointStoppedError as EndpointStoppedError
    from gc_highlevel._exceptions import EndpointTimeoutError as EndpointTimeoutError
    from gc_highlevel._exceptions import GCError as GCError
    from gc_highlevel._exceptions import ImageFileError as ImageFileError
    from gc_highlevel._exceptions import ImportFailedError as ImportFailedError
    from gc_highlevel._exceptions import InputFileError as InputFileError
    from gc_highlevel._exceptions import InputSetError as InputSetError
    from gc_highlevel._exceptions import InternalServerError as InternalServerError
    from gc_highlevel._exceptions import InvalidArgumentError as InvalidArgumentError
    from gc_highlevel._exceptions import InvalidReferenceError as InvalidReferenceError
    from gc_highlevel._exceptions import InvocationFailedError as InvocationFailedError
    from gc_highlevel._exceptions import InvocationTimeoutError as InvocationTimeoutError
    from gc_highlevel._exceptions import JobCancelledError as JobCancelledError
    from gc_highlevel._exceptions import JobError as JobError
    from gc_highlevel._exceptions import JobFailedError as JobFailedError
    from gc_highlevel._exceptions import JobTimeoutError as JobTimeoutError
    from gc_highlevel._exceptions import MissingExtraError as MissingExtraError
    from gc_highlevel._exceptions import MissingInputError as MissingInputError
    from gc_highlevel._exceptions import (
        MultipleObjectsReturnedError as MultipleObjectsReturnedError,
    )
    from gc_highlevel._exceptions import NotFoundError as NotFoundError
    from gc_highlevel._exceptions import ObjectDeletedError as ObjectDeletedError
    from gc_highlevel._exceptions import ObjectNotFoundError as ObjectNotFoundError
    from gc_highlevel._exceptions import PermissionDeniedError as PermissionDeniedError
    from gc_highlevel._exceptions import RateLimitError as RateLimitError
    from gc_highlevel._exceptions import RequestTooLargeError as RequestTooLargeError
    from gc_highlevel._exceptions import SocketKindError as SocketKindError
    from gc_highlevel._exceptions import SocketValueError as SocketValueError
    from gc_highlevel._exceptions import TransferBatchError as TransferBatchError
    from gc_highlevel._exceptions import TransferError as TransferError
    from gc_highlevel._exceptions import UnexpectedInputError as UnexpectedInputError
    from gc_highlevel._exceptions import UnknownSocketError as UnknownSocketError
    from gc_highlevel._exceptions import UploadError as UploadError
    from gc_highlevel._exceptions import ValuesNotAttachedError as ValuesNotAttachedError
    from gc_highlevel._sync._client import Client as Client
    from gc_highlevel._sync._pagination import Page as Page
    from gc_highlevel._sync._pagination import Paginator as Paginator
    from gc_highlevel._sync.transfers import Transfers as Transfers
    from gc_highlevel._sync.workflows.endpoints import EndpointSession as EndpointSession
    from gc_highlevel._transfer.common import DownloadResult as DownloadResult
    from gc_highlevel._transfer.common import TransferOutcome as TransferOutcome
    from gc_highlevel._transfer.common import TransferResults as TransferResults
    from gc_highlevel.answer_rows import AnswerRow as AnswerRow
    from gc_highlevel.dicom import DicomFiles as DicomFiles
    from gc_highlevel.imaging import ImageArray as ImageArray
    from gc_highlevel.imaging import image_from_array as image_from_array
    from gc_highlevel.journal import Journal as Journal
    from gc_highlevel.workflow_types import AlgorithmSummary as AlgorithmSummary
    from gc_highlevel.workflow_types import ArchiveCase as ArchiveCase
    from gc_highlevel.workflow_types import BatchResult as BatchResult
    from gc_highlevel.workflow_types import CaseOutcome as CaseOutcome
    from gc_highlevel.workflow_types import DownloadedOutput as DownloadedOutput
    from gc_highlevel.workflow_types import GroundTruthRow as GroundTruthRow
    from gc_highlevel.workflow_types import MirrorResult as MirrorResult
    from gc_highlevel.workflow_types import OutputRow as OutputRow
    from gc_highlevel.workflow_types import OutputsByInput as OutputsByInput
    from gc_highlevel.workflow_types import StepEvent as StepEvent

del TYPE_CHECKING

#: THE list of public names: each one under the module it is loaded from on first use.
#: ``__all__``, ``dir()`` and the loader below all derive from it. Type checkers do not run
#: ``__getattr__``, so the ``TYPE_CHECKING`` imports above name the same objects for them;
#: tests/client/test_public_api.py fails when the two differ (and prints the block to paste).
_EXPORTS: dict[str, tuple[str, ...]] = {
    "gc_highlevel._async._client": ("AsyncClient",),
    "gc_highlevel._async._pagination": ("AsyncPage", "AsyncPaginator"),
    "gc_highlevel._async.transfers": ("AsyncTransfers",),
    "gc_highlevel._async.workflows.endpoints": ("AsyncEndpointSession",),
    "gc_highlevel._auth": ("config_path",),
    "gc_highlevel._exceptions": (
        "APIConnectionError",
        "APIError",
        "APIResponseValidationError",
        "APIStatusError",
        "APITimeoutError",
        "AttachError",
        "AuthenticationError",
        "BadRequestError",
        "BatchError",
        "BatchInProgressError",
        "CaseNotStartedError",
        "ClientClosedError",
        "ConflictError",
        "DicomRejectedError",
        "DicomSeriesError",
        "DisplaySetsLockedError",
        "DownloadError",
        "DuplicateSocketError",
        "EndpointError",
        "EndpointStoppedError",
        "EndpointTimeoutError",
        "GCError",
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
        "MissingExtraError",
        "MissingInputError",
        "MultipleObjectsReturnedError",
        "NotFoundError",
        "ObjectDeletedError",
        "ObjectNotFoundError",
        "PermissionDeniedError",
        "RateLimitError",
        "RequestTooLargeError",
        "SocketKindError",
        "SocketValueError",
        "TransferBatchError",
        "TransferError",
        "UnexpectedInputError",
        "UnknownSocketError",
        "UploadError",
        "ValuesNotAttachedError",
    ),
    "gc_highlevel._sync._client": ("Client",),
    "gc_highlevel._sync._pagination": ("Page", "Paginator"),
    "gc_highlevel._sync.transfers": ("Transfers",),
    "gc_highlevel._sync.workflows.endpoints": ("EndpointSession",),
    "gc_highlevel._transfer.common": ("DownloadResult", "TransferOutcome", "TransferResults"),
    "gc_highlevel.answer_rows": ("AnswerRow",),
    "gc_highlevel.dicom": ("DicomFiles",),
    "gc_highlevel.imaging": ("ImageArray", "image_from_array"),
    "gc_highlevel.journal": ("Journal",),
    "gc_highlevel.workflow_types": (
        "AlgorithmSummary",
        "ArchiveCase",
        "BatchResult",
        "CaseOutcome",
        "DownloadedOutput",
        "GroundTruthRow",
        "MirrorResult",
        "OutputRow",
        "OutputsByInput",
        "StepEvent",
    ),
}
#: Public submodules, imported on first use as well.
_SUBMODULES = ("dataframes", "datasets", "dicom", "imaging", "types")
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = sorted([*_MODULE_OF, *_SUBMODULES, "__version__"])


def __getattr__(name: str) -> "Any":
    import importlib  # here, not at the top: importing the package stays cheap

    if name in _SUBMODULES:
        return importlib.import_module(f"gc_highlevel.{name}")
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'gc_highlevel' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

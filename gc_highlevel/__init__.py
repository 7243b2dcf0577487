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
    from gc_highlevel._auth import config_path as config_path
    from gc_highlevel._exceptions import APIConnectionError as APIConnectionError
    from gc_highlevel._exceptions import APIError as APIError
    from gc_highlevel._exceptions import APIResponseValidationError as APIResponseValidationError
    from gc_highlevel._exceptions import APIStatusError as APIStatusError
    from gc_highlevel._exceptions import APITimeoutError as APITimeoutError
    from gc_highlevel._exceptions import AuthenticationError as AuthenticationError
    from gc_highlevel._exceptions import BadRequestError as BadRequestError
    from gc_highlevel._exceptions import ConflictError as ConflictError
    from gc_highlevel._exceptions import GCError as GCError
    from gc_highlevel._exceptions import InternalServerError as InternalServerError
    from gc_highlevel._exceptions import (
        MultipleObjectsReturnedError as MultipleObjectsReturnedError,
    )
    from gc_highlevel._exceptions import NotFoundError as NotFoundError
    from gc_highlevel._exceptions import ObjectNotFoundError as ObjectNotFoundError
    from gc_highlevel._exceptions import PermissionDeniedError as PermissionDeniedError
    from gc_highlevel._exceptions import RateLimitError as RateLimitError
    from gc_highlevel._exceptions import RequestTooLargeError as RequestTooLargeError
    from gc_highlevel._sync._client import Client as Client
    from gc_highlevel._sync._pagination import Page as Page
    from gc_highlevel._sync._pagination import Paginator as Paginator
    from gc_highlevel._sync.transfers import Transfers as Transfers
    from gc_highlevel._transfer_common import DownloadError as DownloadError
    from gc_highlevel._transfer_common import DownloadResult as DownloadResult
    from gc_highlevel._transfer_common import TransferBatchError as TransferBatchError
    from gc_highlevel._transfer_common import TransferError as TransferError
    from gc_highlevel._transfer_common import TransferOutcome as TransferOutcome
    from gc_highlevel._transfer_common import TransferResults as TransferResults
    from gc_highlevel._transfer_common import UploadError as UploadError

_EXPORTS: dict[str, str] = {
    "AsyncClient": "gc_highlevel._async._client",
    "AsyncPage": "gc_highlevel._async._pagination",
    "AsyncPaginator": "gc_highlevel._async._pagination",
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
            "ConflictError",
            "GCError",
            "InternalServerError",
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
    "AsyncClient",
    "AsyncPage",
    "AsyncPaginator",
    "AsyncTransfers",
    "AuthenticationError",
    "BadRequestError",
    "Client",
    "ConflictError",
    "DownloadError",
    "DownloadResult",
    "GCError",
    "InternalServerError",
    "MultipleObjectsReturnedError",
    "NotFoundError",
    "ObjectNotFoundError",
    "Page",
    "Paginator",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestTooLargeError",
    "TransferBatchError",
    "TransferError",
    "TransferOutcome",
    "TransferResults",
    "Transfers",
    "UploadError",
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

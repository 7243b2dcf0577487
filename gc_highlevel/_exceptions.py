"""Errors raised by gc_highlevel.

::

    GCError                                   anything raised on purpose by this package
    ├── APIError                              something went wrong talking to the API
    │   ├── APIStatusError                    the server answered 4xx/5xx (.status_code, .body, ...)
    │   │   ├── BadRequestError               400, with .field_errors
    │   │   ├── AuthenticationError           401
    │   │   ├── PermissionDeniedError         403
    │   │   ├── NotFoundError                 404 (also an ObjectNotFoundError)
    │   │   ├── ConflictError                 409
    │   │   ├── RequestTooLargeError          413
    │   │   ├── RateLimitError                429, with .retry_after
    │   │   └── InternalServerError           >= 500
    │   ├── APIConnectionError                no response (DNS, refused, reset, ...)
    │   │   └── APITimeoutError               the request timed out
    │   └── APIResponseValidationError        a 2xx body that does not match the schema
    ├── ObjectNotFoundError                   a look-up found nothing (also a LookupError)
    ├── MultipleObjectsReturnedError          a look-up that needs one object found several
    ├── InvalidArgumentError                  an argument the client cannot use (also a ValueError)
    │   └── InvalidReferenceError             a pk/slug/api_url/object reference of the wrong form
    │                                         or type (also a TypeError)
    ├── ClientClosedError                     the client was used after close() (also a RuntimeError)
    ├── MissingExtraError                     an optional extra the call needs is not installed; the
    │                                         message names the pip install (also an ImportError)
    ├── SocketValueError                      a case's inputs, rejected before any request that
    │   │                                     changes state (.slug, .valid, .case; also a ValueError)
    │   ├── UnknownSocketError                no socket with this slug
    │   │   └── UnexpectedInputError          the algorithm does not take it (also an InputSetError)
    │   ├── SocketKindError                   the value does not fit the socket's kind
    │   ├── DuplicateSocketError              one socket twice in a case
    │   ├── DuplicateCaseError                two identical cases in a batch (.cases)
    │   ├── InputFileError                    a file missing, not a file, unreadable (.path)
    │   │   └── ImageFileError                not an image grand-challenge imports
    │   │       ├── DicomSeriesError          not one DICOM series (.series, .not_dicom)
    │   │       └── DicomRejectedError        grand-challenge's de-identification rejects it
    │   │                                     (.justification)
    │   └── InputSetError                     no input combination of the algorithm fits
    │       │                                 (.missing, .extra, .combinations)
    │       ├── MissingInputError             a socket the algorithm needs is missing
    │       └── UnexpectedInputError          (see above)
    ├── TransferError                         a file's transfer failed after retries (.name)
    │   ├── UploadError                       (.upload, .kept: resume it with resume_upload)
    │   └── DownloadError                     (.url, .destination; a .gcpart file is kept)
    ├── TransferBatchError                    some files of a batch failed (.results)
    ├── JobError                              a job ended without succeeding (.job, .jobs, .failed)
    │   ├── JobFailedError                    ... Failed
    │   └── JobCancelledError                 ... Cancelled
    ├── JobTimeoutError                       waiting for jobs ran out (.pending; also a TimeoutError)
    ├── BatchError                            some cases of a batch failed (.result)
    ├── CaseNotStartedError                   a case left untouched after a refusal that would
    │                                         refuse every case (.reason, .refused_index)
    ├── DisplaySetsLockedError                answered display sets a change would touch (.locked)
    ├── AttachError                           values sent from uploads are not on their objects
    │   │                                     (.missing, .errors)
    │   ├── ValuesNotAttachedError            not (yet) there in time (also a TimeoutError)
    │   └── ImportFailedError                 the server could not import a case's files
    ├── ObjectDeletedError                    a case's object was deleted while the batch waited
    ├── BatchInProgressError                  another run holds the batch's journal (.path; also
    │                                         a RuntimeError)
    └── EndpointError                         an algorithm endpoint or its invocations
        ├── EndpointStoppedError              the endpoint stopped (.endpoint, .status)
        ├── EndpointTimeoutError              it did not start in time (also a TimeoutError)
        ├── InvocationFailedError             an invocation failed (.invocation, .failed)
        └── InvocationTimeoutError            waiting ran out (.pending; also a TimeoutError)

Errors about arguments are raised before any request is sent, and say what was expected and
how to pass it. This module defines every public error; the public modules that raise them
(``socket_values``, ``workflow_types``, ``journal``) re-export theirs.

Messages name the request's method and path and say what to do; they never contain the token.
The httpx exception behind a connection error is kept as ``__cause__``.

Example:
    >>> import gc_highlevel
    >>> try:
    ...     archive = client.archives.get(slug="does-not-exist")
    ... except gc_highlevel.ObjectNotFoundError as exc:
    ...     print(exc)
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    import uuid
    from pathlib import Path

    from gc_api.models.endpoint import Endpoint
    from gc_api.models.hyperlinked_job import HyperlinkedJob
    from gc_api.models.invocation import Invocation
    from gc_api.models.user_upload import UserUpload
    from gc_highlevel._transfer.common import TransferResults
    from gc_highlevel.dicom import DicomSeries
    from gc_highlevel.workflow_types import BatchResult

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
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
    "DuplicateCaseError",
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
    "make_status_error",
    "parse_field_errors",
]

#: Key under which errors that belong to no single field are collected in ``field_errors``.
NON_FIELD_ERRORS = "non_field_errors"


class GCError(Exception):
    """Base class of every error raised on purpose by gc_highlevel.

    Every one pickles (so it crosses ``multiprocessing``) with its attributes, whatever its
    constructor takes: it is rebuilt without calling ``__init__``. Errors holding a request
    or response (:class:`APIError`) pickle only plain data, never the token.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        # The default, ``cls(*args)``, fails for every error with keyword-only arguments.
        return (_rebuild_gc_error, (type(self), self.args), dict(self.__dict__))


def _rebuild_gc_error(cls: type[GCError], args: tuple[Any, ...]) -> GCError:
    err = cls.__new__(cls)
    err.args = args
    return err


class ObjectNotFoundError(GCError, LookupError):
    """The object you asked for does not exist or is not visible to your account.

    Raised by look-ups that filter a list (``get(slug=...)``, ``Paginator.get_one()``) and,
    through :class:`NotFoundError`, by a 404. Catch this one to handle both.
    """


class MultipleObjectsReturnedError(GCError, LookupError):
    """A look-up that needs exactly one object matched several."""


class InvalidArgumentError(GCError, ValueError):
    """An argument the client cannot use (e.g. ``page_size=0``); raised before any request.

    The message says what was expected and how to pass it. Also a ``ValueError``.
    """


class InvalidReferenceError(InvalidArgumentError, TypeError):
    """A reference to an object that cannot be used, raised before any request.

    References are the object itself, its pk (a UUID, or its string), its ``api_url``, or for
    archives, algorithms, reader studies and sockets its slug. This is raised for a value of
    the wrong form (``"abc"`` where only a UUID fits, the ``api_url`` of another kind of
    object), of the wrong type (``5`` for an archive), or for ``get()`` given none or several
    of ``pk``/``slug``/``api_url``. Also a ``ValueError`` and a ``TypeError``.

    Example:
        >>> client.archive_items.get("case-1")
        Traceback (most recent call last):
        gc_highlevel.InvalidReferenceError: archive_items.get(): 'case-1' is not a UUID ...
    """


class MissingExtraError(GCError, ImportError):
    """An optional dependency of the call is not installed; the message names the extra to
    install (e.g. ``pip install "gc-client[imaging]"``). Raised before any request. Also an
    ``ImportError``.
    """


class ClientClosedError(GCError, RuntimeError):
    """The client was used after it was closed (after its ``with`` block, or ``close()``).

    Use the client inside its ``with`` block, or create a new one.
    """


class APIError(GCError):
    """Something went wrong talking to the API. ``method``/``url``/``path`` name the request."""

    def __init__(self, message: str, *, method: str, url: str, body: object | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.url = url
        self.path = httpx.URL(url).path
        self.body = body
        #: How many attempts were made (1 = no retry). Set by the HTTP layer.
        self.attempts = 1

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickle only plain data: never the request (its headers carry the token).
        return (
            _rebuild_error,
            (type(self), self.message, self.method, self.url, self.body),
            {"attempts": self.attempts},
        )


def _rebuild_error(
    cls: type[APIError], message: str, method: str, url: str, body: object
) -> APIError:
    err = cls.__new__(cls)
    APIError.__init__(err, message, method=method, url=url, body=body)
    return err


class APIResponseValidationError(APIError):
    """The server answered 2xx but the body does not match the API schema."""


class APIConnectionError(APIError):
    """No response arrived: DNS failure, connection refused or reset, TLS error, ..."""


class APITimeoutError(APIConnectionError):
    """The request timed out. Raise ``timeout=`` on the client, or retry later."""


class APIStatusError(APIError):
    """The server answered with a 4xx or 5xx status.

    Attributes: ``status_code``, ``response`` (the ``httpx.Response``, body already read),
    ``body`` (parsed JSON, or the text), ``method``, ``path``, ``url``.
    """

    status_code: int

    def __init__(self, message: str, *, response: httpx.Response, body: object | None) -> None:
        request = response.request
        super().__init__(message, method=request.method, url=str(request.url), body=body)
        self.response: httpx.Response | None = response
        self.status_code = response.status_code
        self.headers = httpx.Headers(response.headers)

    def __reduce__(self) -> tuple[Any, ...]:
        # Plain data only: never the response, whose request carries the token.
        state: dict[str, object] = {"attempts": self.attempts}
        if isinstance(self, RateLimitError):
            state["retry_after"] = self.retry_after
        return (
            _rebuild_status_error,
            (type(self), self.message, self.method, self.url, self.body, self.status_code),
            state,
        )


def _rebuild_status_error(
    cls: type[APIStatusError],
    message: str,
    method: str,
    url: str,
    body: object,
    status_code: int,
) -> APIStatusError:
    err = cls.__new__(cls)
    APIError.__init__(err, message, method=method, url=url, body=body)
    err.response = None
    err.status_code = status_code
    err.headers = httpx.Headers()
    if isinstance(err, BadRequestError):
        err.field_errors = parse_field_errors(body)
    if isinstance(err, RateLimitError):
        err.retry_after = None
    return err


class BadRequestError(APIStatusError):
    """400: the server rejected the request's data.

    ``field_errors`` maps a field path to its messages, whatever shape the server used:
    ``{"title": [...]}``, ``{"values[0]": [...]}`` (nested list items),
    ``{"part_numbers[0]": [...]}`` (list fields) and ``{"non_field_errors": [...]}`` for
    ``detail``, ``non_field_errors``, ``__all__`` and bare lists.

    Example:
        >>> try:
        ...     client.archive_items.create(archive=archive, title="dup")
        ... except gc_highlevel.BadRequestError as exc:
        ...     print(exc.field_errors)
        {'title': ['An item with this title already exists.']}
    """

    status_code = 400

    def __init__(self, message: str, *, response: httpx.Response, body: object | None) -> None:
        super().__init__(message, response=response, body=body)
        self.field_errors: dict[str, list[str]] = parse_field_errors(body)

    @property
    def non_field_errors(self) -> list[str]:
        """Messages that belong to no single field."""
        return self.field_errors.get(NON_FIELD_ERRORS, [])


class AuthenticationError(APIStatusError):
    """401: no token was sent where one is needed, or the token was rejected."""

    status_code = 401


class PermissionDeniedError(APIStatusError):
    """403: the object is visible but your account may not do this with it."""

    status_code = 403


class NotFoundError(APIStatusError, ObjectNotFoundError):
    """404: the object does not exist or is not visible to your account."""

    status_code = 404


class ConflictError(APIStatusError):
    """409: the request conflicts with the object's current state."""

    status_code = 409


class RequestTooLargeError(APIStatusError):
    """413: the request body is too large (the API takes at most 16 MiB)."""

    status_code = 413


class RateLimitError(APIStatusError):
    """429: too many requests. ``retry_after`` is the server's hint in seconds, if any."""

    status_code = 429

    def __init__(self, message: str, *, response: httpx.Response, body: object | None) -> None:
        super().__init__(message, response=response, body=body)
        self.retry_after: float | None = parse_retry_after(response.headers)


class InternalServerError(APIStatusError):
    """A status of 500 or above: the server (or a proxy in front of it) failed."""


# -- transfers -------------------------------------------------------------------------------


class TransferError(GCError):
    """An upload or download failed after retries. ``name`` is the file; ``__cause__`` why."""

    def __init__(self, message: str, *, name: str) -> None:
        super().__init__(message)
        self.message = message
        self.name = name

    def __str__(self) -> str:
        return self.message


class UploadError(TransferError):
    """Uploading ``name`` failed.

    ``upload`` is the user upload that was created (None if creating it failed). When the
    upload was kept (``keep_on_failure=True``), ``kept`` is True and the parts sent so far stay
    on the server: pass this error (or ``upload``) to ``resume_upload`` to send only the rest.
    Otherwise the multipart upload was aborted and nothing counts against your quota. The
    same holds when ``client.close()`` stopped the upload (the ``__cause__`` is then a
    :class:`~gc_highlevel.ClientClosedError`). Ctrl-C raises ``KeyboardInterrupt``, not this
    error, with the same effect: aborted, or kept with ``keep_on_failure=True`` (a note on the
    interrupt names the upload; ``resume_upload(pk, source)`` finishes it).

    Example:
        >>> try:
        ...     client.transfers.upload("ct.mha", keep_on_failure=True)
        ... except gc_highlevel.UploadError as exc:
        ...     upload = client.transfers.resume_upload(exc, "ct.mha")
    """

    def __init__(
        self,
        message: str,
        *,
        name: str,
        upload: UserUpload | None = None,
        kept: bool = False,
        part_size: int | None = None,
    ) -> None:
        super().__init__(message, name=name)
        self.upload = upload
        self.kept = kept
        self.part_size = part_size


class DownloadError(TransferError):
    """Downloading ``url`` to ``destination`` failed. A partial ``<name>.gcpart`` file is kept
    next to the destination, and the next download of the same file resumes from it."""

    def __init__(self, message: str, *, name: str, url: str, destination: Path) -> None:
        super().__init__(message, name=name)
        self.url = url
        self.destination = destination


class TransferBatchError(GCError):
    """Some files of a batch failed; ``results`` has every outcome."""

    def __init__(self, message: str, *, results: TransferResults[Any]) -> None:
        super().__init__(message)
        self.results = results


# -- socket values ---------------------------------------------------------------------------


class SocketValueError(GCError, ValueError):
    """A case's socket values were rejected before any request that changes state.

    ``slug`` names the socket (None when the problem is the set of sockets), ``valid`` what
    would have been accepted, ``case`` the index of the case in a batch (None for one case).
    """

    def __init__(self, message: str, *, slug: str | None = None, valid: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.slug = slug
        self.valid = tuple(valid)
        self.case: int | None = None

    def __str__(self) -> str:
        prefix = f"case {self.case}: " if self.case is not None else ""
        return prefix + self.message


class UnknownSocketError(SocketValueError):
    """No socket with this slug exists (or the target does not take it)."""


class SocketKindError(SocketValueError):
    """The value does not fit the socket's kind (e.g. a float for an Image socket)."""


class DuplicateSocketError(SocketValueError):
    """The same socket was given twice in one case."""


class DuplicateCaseError(SocketValueError):
    """Two cases of a batch are identical (same files and values): each case makes one
    object, and a journaled batch would treat them as one. ``cases`` are their indices."""

    def __init__(self, message: str, *, cases: tuple[int, int]) -> None:
        super().__init__(message)
        self.cases = cases


class InputFileError(SocketValueError):
    """A file to upload is missing, not a file, or unreadable. ``path`` names it."""

    def __init__(self, message: str, *, slug: str, path: Path) -> None:
        super().__init__(message, slug=slug)
        self.path = path


class ImageFileError(InputFileError):
    """A file given for an Image socket is not an image grand-challenge imports (empty, a
    PDF, text, a truncated header...). ``path`` names it, ``valid`` the formats expected."""


class DicomSeriesError(ImageFileError):
    """The files given for one image are not one DICOM series: several series (``series``
    names each), or DICOM files mixed with other files (``not_dicom``)."""

    def __init__(
        self,
        message: str,
        *,
        slug: str,
        path: Path,
        series: Sequence[DicomSeries] = (),
        not_dicom: Sequence[Path] = (),
    ) -> None:
        super().__init__(message, slug=slug, path=path)
        self.series = tuple(series)
        self.not_dicom = tuple(not_dicom)


class DicomRejectedError(ImageFileError):
    """grand-challenge's de-identification procedure rejects the file ``path``
    (``justification`` says why: an unsupported SOP class, identifiers that differ across the
    files of one series, ...)."""

    def __init__(self, message: str, *, slug: str, path: Path, justification: str) -> None:
        super().__init__(message, slug=slug, path=path)
        self.justification = justification


class InputSetError(SocketValueError):
    """The set of sockets matches none of the algorithm's input combinations.

    ``missing`` and ``extra`` compare with the closest combination; ``combinations`` lists
    every valid one.
    """

    def __init__(
        self,
        message: str,
        *,
        missing: Collection[str],
        extra: Collection[str],
        combinations: Sequence[frozenset[str]],
        slug: str | None = None,
    ) -> None:
        super().__init__(message, slug=slug, valid=[", ".join(sorted(c)) for c in combinations])
        self.missing = tuple(sorted(missing))
        self.extra = tuple(sorted(extra))
        self.combinations = tuple(combinations)


class MissingInputError(InputSetError):
    """A socket the algorithm needs was not given."""


class UnexpectedInputError(InputSetError, UnknownSocketError):
    """A socket was given that the algorithm does not take.

    Also an :class:`UnknownSocketError` (the socket is unknown to the algorithm), so one
    ``except`` catches a misspelt slug whatever the target.
    """


# -- jobs ------------------------------------------------------------------------------------


class JobError(GCError):
    """A job ended without succeeding. ``job`` is the job as last read from the server.

    Raised by ``jobs.wait`` once every job has finished: ``jobs`` holds all of them (in the
    order given, the succeeded ones too) and ``failed`` those that did not succeed.
    """

    def __init__(
        self,
        message: str,
        *,
        job: HyperlinkedJob,
        jobs: Sequence[HyperlinkedJob] | None = None,
    ) -> None:
        super().__init__(message)
        self.job = job
        self.status = job.status
        self.jobs: list[HyperlinkedJob] = list(jobs) if jobs is not None else [job]
        from gc_highlevel._jobs_policy import SUCCEEDED  # it imports this module

        self.failed: list[HyperlinkedJob] = [j for j in self.jobs if j.status != SUCCEEDED]


class JobFailedError(JobError):
    """The job's status is ``Failed`` (the algorithm raised or its outputs were invalid)."""


class JobCancelledError(JobError):
    """The job's status is ``Cancelled`` (often: an input failed validation on the server)."""


class JobTimeoutError(GCError, TimeoutError):
    """Waiting ran out of time. ``pending`` lists the jobs still running (as last read)."""

    def __init__(self, message: str, *, pending: list[HyperlinkedJob]) -> None:
        super().__init__(message)
        self.pending = pending


# -- batches ---------------------------------------------------------------------------------


class BatchError(GCError):
    """Some cases of a batch failed; ``result`` holds every case's outcome.

    Rerunning the same batch (same inputs, same journal) finishes the failed cases without
    duplicating the others.
    """

    def __init__(self, message: str, *, result: BatchResult[object]) -> None:
        super().__init__(message)
        self.result = result


class CaseNotStartedError(GCError):
    """A case of a batch was not started because the server refused an earlier case in a way
    it would refuse every case; nothing was uploaded or created for it, and a rerun of the
    same batch (once the cause is fixed) starts it.

    ``reason`` is one of :data:`~gc_highlevel.workflow_types.NOT_STARTED_REASONS`: ``"permission"`` (the account may not
    add to the archive, reader study or algorithm), ``"target-gone"`` (the target was deleted
    or hidden during the batch), ``"credits"`` (the account's algorithm credits are spent) or
    ``"quota"`` (the account's upload limit is reached). ``refused_index`` is the case the
    server refused and ``refusal`` its error.

    Example:
        >>> error = CaseNotStartedError("not started", reason="credits", refused_index=3)
        >>> error.reason, error.refused_index
        ('credits', 3)
    """

    def __init__(
        self,
        message: str,
        *,
        reason: str = "permission",
        refused_index: int | None = None,
        refusal: BaseException | None = None,
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.refused_index = refused_index
        self.refusal = refusal


class DisplaySetsLockedError(GCError):
    """Display sets that cannot be changed because they have answers: grand-challenge refuses
    any change to an answered display set (400 "This display set cannot be changed, as
    answers for it already exist."). ``locked`` lists their pks in the order given; the call
    that raised it changed nothing.

    Example:
        >>> error = DisplaySetsLockedError("locked", locked=[uuid.UUID(int=1)])
        >>> [str(pk)[-4:] for pk in error.locked]
        ['0001']
    """

    def __init__(self, message: str, *, locked: Sequence[uuid.UUID] = ()) -> None:
        super().__init__(message)
        self.locked = list(locked)


class AttachError(GCError):
    """Values sent from uploads are not on their objects (base class).

    Images and files are attached by the server in the background; an image that cannot be
    imported never appears: the server reports why on its upload session, and ``errors`` carries
    that message per object. ``missing`` maps each object's pk to the sockets still missing.
    Catch this one for both :class:`ValuesNotAttachedError` (not there in time, also a
    ``TimeoutError``) and :class:`ImportFailedError` (a broken file: not a ``TimeoutError``).
    """

    def __init__(
        self,
        message: str,
        *,
        missing: dict[str, list[str]],
        errors: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.missing = missing
        #: pk → the server's message, for objects whose import failed.
        self.errors = dict(errors or {})


class ValuesNotAttachedError(AttachError, TimeoutError):
    """Values sent from uploads did not appear on their objects in time (the server may still
    be importing them), or their objects were deleted meanwhile. Also a ``TimeoutError``."""


class ImportFailedError(AttachError):
    """The server could not import a case's files (not an image, an unreadable series...).

    Found by the batch calls when they wait (``wait=True``, the default). The case's object
    (item or display set) stays, without the files that failed (the values that did attach
    are kept), because the API cannot delete it; a rerun of the batch after fixing the files
    fills that same object instead of making a new one.
    """


class ObjectDeletedError(GCError):
    """The archive item or display set of a case was deleted on the server (by someone else,
    or in the web UI) while the batch waited for its import.

    The journal then forgets that object: a rerun of the batch makes a new one for the case
    (a rerun also notices objects of finished cases deleted since, and re-creates them).
    ``case`` is the case's name, ``pk`` the deleted object's pk, ``noun`` what it was.
    """

    def __init__(self, message: str, *, case: str, pk: str, noun: str) -> None:
        super().__init__(message)
        self.case = case
        self.pk = pk
        self.noun = noun


class BatchInProgressError(GCError, RuntimeError):
    """Another run of the same batch holds its journal (another process, or another call).

    Raised by the batch calls when ``wait_for_lock`` seconds passed (0: at once) before the
    other run finished. ``path`` is the journal. Wait for the other run to end, then rerun:
    the batch resumes, making nothing twice; or pass ``journal=`` another path (or False) to
    run a separate batch.
    """

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        #: The journal the other run holds.
        self.path = path


# -- algorithm endpoints ---------------------------------------------------------------------


class EndpointError(GCError):
    """Something went wrong with an algorithm endpoint or its invocations (base class)."""


class EndpointStoppedError(EndpointError):
    """The endpoint is no longer running (its lifetime ran out without a keep-alive), so it
    refuses invocations. ``endpoint`` is the endpoint as last read; start a new one (leave and
    enter ``client.algorithms.endpoint(...)`` again) and invoke again.
    """

    def __init__(self, message: str, *, endpoint: Endpoint | None) -> None:
        super().__init__(message)
        self.endpoint = endpoint
        self.status = endpoint.status if endpoint is not None else None


class EndpointTimeoutError(EndpointError, TimeoutError):
    """The endpoint did not reach ``Running`` in time (``endpoint``: as last read)."""

    def __init__(self, message: str, *, endpoint: Endpoint) -> None:
        super().__init__(message)
        self.endpoint = endpoint


class InvocationFailedError(EndpointError):
    """An invocation ended ``Failed`` or ``Cancelled``. ``invocation`` is the first one (as
    last read, with the server's ``error_message``), ``invocations`` all that were waited for
    (in the order given) and ``failed`` those that did not succeed."""

    def __init__(
        self,
        message: str,
        *,
        invocation: Invocation,
        invocations: Sequence[Invocation] | None = None,
    ) -> None:
        super().__init__(message)
        self.invocation = invocation
        self.status = invocation.status
        self.invocations: list[Invocation] = (
            list(invocations) if invocations is not None else [invocation]
        )
        self.failed: list[Invocation] = [i for i in self.invocations if i.status != "Succeeded"]


class InvocationTimeoutError(EndpointError, TimeoutError):
    """Waiting for invocations ran out of time. ``pending`` lists those still running (as last
    read); they go on on the server: wait again with the same invocations to collect them."""

    def __init__(self, message: str, *, pending: list[Invocation]) -> None:
        super().__init__(message)
        self.pending = pending


# -- parsing ---------------------------------------------------------------------------------


def parse_retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds from ``Retry-After`` (delta seconds or an HTTP date), or None.

    Example:
        >>> parse_retry_after({"retry-after": "3"})
        3.0
    """
    value = headers.get("retry-after")
    if value is None:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        import email.utils
        import time

        try:
            parsed = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        seconds = parsed.timestamp() - time.time()
    if seconds != seconds or seconds < 0:  # NaN or in the past
        return 0.0
    return seconds


def _as_messages(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return [str(v) for v in value]
    return [json.dumps(value)]


def _flatten(value: object, path: str, out: dict[str, list[str]]) -> None:
    key = path or NON_FIELD_ERRORS
    if isinstance(value, dict):
        for k, v in value.items():
            k = str(k)
            if k in ("__all__", NON_FIELD_ERRORS, "detail"):
                _flatten(v, path, out)
            elif k.isdigit():  # ListField errors are keyed by index
                _flatten(v, f"{path}[{k}]" if path else f"[{k}]", out)
            else:
                _flatten(v, f"{path}.{k}" if path else k, out)
    elif isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        # One entry per item of a nested list; ``{}`` marks the valid ones.
        for i, v in enumerate(value):
            if v in ({}, [], None):
                continue
            _flatten(v, f"{path}[{i}]" if path else f"[{i}]", out)
    elif value not in (None, [], ""):
        out.setdefault(key, []).extend(_as_messages(value))


def parse_field_errors(body: object) -> dict[str, list[str]]:
    """Flatten any DRF error body into ``{field path: [messages]}``.

    Example:
        >>> parse_field_errors({"values": [{"__all__": ["bad"]}, {}]})
        {'values[0]': ['bad']}
        >>> parse_field_errors(["Values can only be added via update"])
        {'non_field_errors': ['Values can only be added via update']}
        >>> parse_field_errors({"part_numbers": {"0": ["too small"]}})
        {'part_numbers[0]': ['too small']}
    """
    out: dict[str, list[str]] = {}
    if isinstance(body, str):
        text = _html_summary(body) if _looks_like_html(body) else body.strip()
        if text:
            out[NON_FIELD_ERRORS] = [text[:500]]
        return out
    _flatten(body, "", out)
    return out


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def _html_summary(text: str) -> str:
    match = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    if match is None:
        match = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.IGNORECASE | re.DOTALL)
    summary = re.sub(r"<[^>]+>|\s+", " ", match.group(1) if match else "").strip()
    return summary or "an HTML error page"


def decode_body(response: httpx.Response) -> object:
    """The parsed JSON body, else the text (possibly HTML), else None."""
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        try:
            return response.text
        except (UnicodeDecodeError, LookupError):
            return None


def _summary(body: object) -> str:
    if body is None:
        return "no body"
    if isinstance(body, str):
        if _looks_like_html(body):
            return f"HTML page {_html_summary(body)!r}"
        return repr(body.strip()[:300])
    if isinstance(body, dict) and isinstance(body.get("detail"), str) and len(body) == 1:
        return repr(body["detail"])
    errors = parse_field_errors(body)
    if errors:
        parts = [f"{k}: {'; '.join(v)}" for k, v in errors.items()]
        text = ", ".join(parts)
        return text if len(text) <= 500 else text[:497] + "..."
    return json.dumps(body)[:300]


_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: RequestTooLargeError,
    429: RateLimitError,
}


def no_token_hint() -> str:
    """What to say when a look-up finds nothing and no token is configured."""
    from gc_highlevel._constants import ENV_TOKEN

    return (
        "no API token is configured, and anonymous users see only public objects. Pass "
        f"Client(token=...) or set {ENV_TOKEN}."
    )


def _hint(status: int, *, token_configured: bool, retry_after: float | None) -> str:
    if status == 400:
        return "The server rejected the request data; see .field_errors for what to fix."
    if status == 401:
        if not token_configured:
            from gc_highlevel._auth import config_path
            from gc_highlevel._constants import ENV_TOKEN

            return (
                "This request needs an API token and none is configured: pass "
                f'Client(token=...), set {ENV_TOKEN}, or put {{"token": "..."}} in '
                f"{config_path()}. Create a token at https://grand-challenge.org/settings/api-tokens/."
            )
        return (
            "The API token was rejected (unknown, expired or malformed); create a new one at "
            "https://grand-challenge.org/settings/api-tokens/."
        )
    if status == 403:
        return "Your account may see this object but not do this; ask its editors for access."
    if status == 404:
        if not token_configured:
            return f"It does not exist, or it is private: {no_token_hint()}"
        return (
            "It does not exist or your account cannot see it (private objects give 404 too); "
            "check the id or slug and your permissions."
        )
    if status == 405:
        return "The API does not offer this method on this path."
    if status == 409:
        return "It conflicts with the object's current state; fetch it again and retry."
    if status == 413:
        return "The request body is too large; send files through uploads instead."
    if status == 429:
        wait = f" about {retry_after:g}s" if retry_after is not None else ""
        return f"The server is rate limiting; wait{wait} and retry."
    if status >= 500:
        return "The server or a proxy failed; retry later, and report it if it persists."
    return "See .body for the server's explanation."


def make_status_error(
    response: httpx.Response,
    *,
    token_configured: bool = True,
    attempts: int = 1,
    foreign_host: bool = False,
) -> APIStatusError:
    """Build the typed error for a 4xx/5xx response whose body has been read.

    Example:
        >>> import httpx
        >>> r = httpx.Response(404, json={"detail": "Not found."},
        ...                    request=httpx.Request("GET", "https://x/api/v1/archives/1/"))
        >>> type(make_status_error(r)).__name__
        'NotFoundError'
    """
    status = response.status_code
    cls = _STATUS_CLASSES.get(status)
    if cls is None:
        cls = InternalServerError if status >= 500 else APIStatusError
    body = decode_body(response)
    request = response.request
    reason = response.reason_phrase or "Unknown Status"
    retry_after = parse_retry_after(response.headers) if status in (429, 503) else None
    tries = f" after {attempts} attempts" if attempts > 1 else ""
    if foreign_host:
        where = f"{request.method} {request.url.host}{request.url.path}"
        hint = (
            "That host is not the API (e.g. storage behind a presigned or redirected URL); "
            "such URLs expire, so ask the API for a fresh one."
        )
    else:
        where = f"{request.method} {request.url.path}"
        hint = _hint(status, token_configured=token_configured, retry_after=retry_after)
    summary = _summary(body)
    stop = "" if summary.rstrip("'\"").endswith((".", "!", "?")) else "."
    message = f"{where} failed with {status} {reason}{tries}: {summary}{stop} {hint}"
    err = cls(message, response=response, body=body)
    err.attempts = attempts
    return err

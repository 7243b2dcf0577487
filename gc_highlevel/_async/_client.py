"""``AsyncClient``: the entry point (``gc_highlevel.Client`` is generated from this file)."""

from __future__ import annotations

import ssl
import time
import uuid
from collections.abc import AsyncIterable, Callable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, NoReturn, ParamSpec, Protocol, TypeVar

import httpx

from gc_highlevel._async._http import (
    CLOSE_GRACE,
    AsyncOriginPools,
    AsyncRetryTransport,
    Lifecycle,
    build_http_client,
)
from gc_highlevel._async._pagination import AsyncPaginator, PageData, check_page_size
from gc_highlevel._auth import (
    TokenAuth,
    resolve_base_url,
    resolve_token,
    strict_responses_default,
)
from gc_highlevel._concurrency import AsyncSleep, Awaitable, async_sleep, guard_sync_calls
from gc_highlevel._constants import (
    API_PREFIX,
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_MAX_RETRIES,
    DEFAULT_RETRY_BUDGET,
    DEFAULT_TIMEOUT,
    REDACTED,
)
from gc_highlevel._exceptions import InvalidArgumentError
from gc_highlevel._retry import RetryPolicy
from gc_highlevel._utils import ssl_verify
from gc_highlevel._validate import check_seconds

if TYPE_CHECKING:
    from types import TracebackType

    from gc_api.client import AuthenticatedClient
    from gc_highlevel._async.resources.algorithm_endpoints import AsyncAlgorithmEndpoints
    from gc_highlevel._async.resources.algorithm_invocations import AsyncAlgorithmInvocations
    from gc_highlevel._async.resources.answers import AsyncAnswers
    from gc_highlevel._async.resources.archive_items import AsyncArchiveItems
    from gc_highlevel._async.resources.challenges import AsyncChallenges
    from gc_highlevel._async.resources.display_sets import AsyncDisplaySets
    from gc_highlevel._async.resources.images import AsyncImages
    from gc_highlevel._async.resources.questions import AsyncQuestions
    from gc_highlevel._async.resources.sockets import AsyncSockets
    from gc_highlevel._async.resources.upload_sessions import AsyncUploadSessions
    from gc_highlevel._async.resources.uploads import AsyncUploads
    from gc_highlevel._async.resources.users import AsyncUsers
    from gc_highlevel._async.transfers import AsyncTransfers
    from gc_highlevel._async.workflows.algorithms import AsyncAlgorithmWorkflows
    from gc_highlevel._async.workflows.archives import AsyncArchiveWorkflows
    from gc_highlevel._async.workflows.evaluations import AsyncEvaluationWorkflows
    from gc_highlevel._async.workflows.jobs import AsyncJobs
    from gc_highlevel._async.workflows.reader_studies import AsyncReaderStudyWorkflows

__all__ = ["AsyncClient"]

T = TypeVar("T")
P = ParamSpec("P")
T_co = TypeVar("T_co", covariant=True)
_NOT_GIVEN: Any = object()


class DetailedResponse(Protocol[T_co]):
    """The generated ``gc_api.types.Response[T]``, as far as the client needs it."""

    @property
    def parsed(self) -> T_co | None: ...


def _timeout(value: float | httpx.Timeout | None) -> httpx.Timeout:
    if isinstance(value, httpx.Timeout):
        for part in ("connect", "read", "write", "pool"):
            given = getattr(value, part)
            if given is not None:  # None: no limit, as in httpx
                check_seconds(f"timeout ({part})", given)
        return value
    if value is None:
        return httpx.Timeout(DEFAULT_TIMEOUT, connect=DEFAULT_CONNECT_TIMEOUT)
    check_seconds("timeout", value)
    return httpx.Timeout(value, connect=min(value, DEFAULT_CONNECT_TIMEOUT))


def _timeout_repr(timeout: httpx.Timeout) -> str:
    """``300.0``, or ``Timeout(300.0, connect=10.0)`` (as one would pass it)."""
    first = timeout.read
    rest = (timeout.write, timeout.pool)
    if any(t != first for t in rest):
        return repr(timeout)
    if timeout.connect == first:
        return repr(first)
    return f"Timeout({first!r}, connect={timeout.connect!r})"


class AsyncClient:
    """The grand-challenge.org client (async flavour: every call is awaited).

    Args:
        token: API token (``Bearer x``, ``Token x`` or bare ``x``). Default: the
            ``GRAND_CHALLENGE_AUTHORIZATION`` environment variable, else the config file
            (:func:`gc_highlevel.config_path`). Without any, public objects can still be read;
            a request that needs a token raises :class:`AuthenticationError` saying how to set one.
        base_url: API root ending in ``/api/v1/``. Default: ``GRAND_CHALLENGE_API_URL``, else
            ``https://grand-challenge.org/api/v1/``. Plain http only for loopback hosts.
        timeout: seconds per request attempt (or an ``httpx.Timeout``); default 60 s, 10 s to connect.
        max_retries: retries after the first attempt (default 2); see :mod:`gc_highlevel._retry`
            for what is retried. ``0`` disables retries.
        retry_budget: total seconds one call may spend including waits before no new retry starts.
        page_size: objects per list request (1..1000, default 1000).
        transport: an ``httpx.AsyncBaseTransport`` to send requests with (e.g.
            ``httpx.MockTransport`` in tests). Retries, auth and errors still apply.
        headers: extra headers for every API request.
        verify: TLS verification of the default transport, as in httpx (``True``, a CA bundle
            path, or an ``ssl.SSLContext``); a ``transport=`` you pass brings its own.
        sleep: the function used to wait between retries and polls (tests pass one that does
            not sleep).
        clock: the monotonic clock that timeouts of waits are measured on (default
            ``time.monotonic``; tests pass a fake one together with ``sleep``).
        strict_responses: fail a call whose answer lacks a field the API schema requires or
            holds a value of another type (:class:`APIResponseValidationError`). Off by default:
            such a field then holds ``gc_api.types.MISSING`` (absent) or the value as sent, so a
            field you never read cannot fail your call. Default: on if the environment variable
            ``GC_CLIENT_STRICT_RESPONSES`` is ``1``; test suites turn it on to see API drift.

    Constructing a client makes no network request. Use it as a context manager, or call
    :meth:`aclose`.

    Example:
        >>> import asyncio, gc_highlevel
        >>> async def main() -> None:
        ...     async with gc_highlevel.AsyncClient() as client:
        ...         archive = await client.archives.get(slug="coronacasesorg")
        ...         async for item in client.archive_items.list(archive=archive.pk):
        ...             print(item.pk)
        >>> asyncio.run(main())
    """

    def __init__(
        self,
        token: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry_budget: float = DEFAULT_RETRY_BUDGET,
        page_size: int | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        headers: Mapping[str, str] | None = None,
        verify: bool | ssl.SSLContext | str = True,
        sleep: AsyncSleep | None = None,
        strict_responses: bool | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        api_url = resolve_base_url(base_url)
        inner = transport or AsyncOriginPools(verify=ssl_verify(verify))
        self._setup(
            token=resolve_token(token),
            api_url=api_url,
            timeout=_timeout(timeout),
            policy=RetryPolicy(max_retries=max_retries, budget=retry_budget),
            page_size=page_size,
            inner=inner,
            owns_inner=True,
            headers=dict(headers or {}),
            sleep=sleep or async_sleep,
            clock=clock or time.monotonic,
            strict_responses=strict_responses_default()
            if strict_responses is None
            else strict_responses,
            lifecycle=Lifecycle(),
        )

    def _setup(
        self,
        *,
        token: str | None,
        api_url: httpx.URL,
        timeout: httpx.Timeout,
        policy: RetryPolicy,
        page_size: int | None,
        inner: httpx.AsyncBaseTransport,
        owns_inner: bool,
        headers: dict[str, str],
        sleep: AsyncSleep,
        clock: Callable[[], float],
        strict_responses: bool,
        lifecycle: Lifecycle,
    ) -> None:
        if page_size is not None:
            check_page_size(page_size)
        if any(name.lower() in ("authorization", "cookie") for name in headers):
            # Default headers go to every host (storage too); the token must not.
            raise InvalidArgumentError("pass the API token as token=, not in headers=")
        self._api_url = api_url
        self._root_url = api_url.copy_with(path=api_url.path[: -len(API_PREFIX) + 1])
        self._timeout = timeout
        self._policy = policy
        self._page_size = page_size
        self._headers = headers
        self._sleep = sleep
        self._clock = clock
        self._strict_responses = strict_responses
        self._inner = inner
        self._lifecycle = lifecycle
        self._auth = TokenAuth(token, api_url)
        self._transport = AsyncRetryTransport(
            inner,
            policy=policy,
            sleep=sleep,
            token_configured=token is not None,
            api_url=api_url,
            owns_inner=owns_inner,
            lifecycle=lifecycle,
        )
        self._http = build_http_client(
            root_url=self._root_url,
            auth=self._auth,
            transport=self._transport,
            timeout=timeout,
            headers=headers,
            owner=type(self).__name__,
            lifecycle=lifecycle,
        )
        #: slug → pk of archives, algorithms and reader studies (they never change).
        self._slug_pks: dict[tuple[str, str], uuid.UUID] = {}

    # -- configuration -----------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        """The API root, e.g. ``https://grand-challenge.org/api/v1/``."""
        return str(self._api_url)

    @property
    def max_retries(self) -> int:
        return self._policy.max_retries

    @property
    def timeout(self) -> httpx.Timeout:
        return self._timeout

    @property
    def page_size(self) -> int | None:
        """Objects per list request (None: the default, 1000)."""
        return self._page_size

    @property
    def strict_responses(self) -> bool:
        """Whether an answer that does not fit the API schema fails the call (see ``__init__``)."""
        return self._strict_responses

    @property
    def has_token(self) -> bool:
        """Whether a token is configured (the token itself is never exposed)."""
        return self._auth.has_token

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        retry_budget: float | None = None,
        page_size: int | None = None,
        headers: Mapping[str, str] | None = None,
        strict_responses: bool | None = None,
    ) -> AsyncClient:
        """A copy with some settings changed, sharing this client's connections and token.

        Close the original (not the copy) to release the connections; its copies are closed
        with it (using one then raises :class:`~gc_highlevel.ClientClosedError`).

        Example:
            >>> patient = client.with_options(max_retries=5, timeout=300)
            >>> item = await patient.archive_items.get(pk)
        """
        clone = object.__new__(type(self))
        clone._setup(
            token=self._auth._token,
            api_url=self._api_url,
            timeout=self._timeout if timeout is None else _timeout(timeout),
            policy=RetryPolicy(
                max_retries=self._policy.max_retries if max_retries is None else max_retries,
                budget=self._policy.budget if retry_budget is None else retry_budget,
            ),
            page_size=self._page_size if page_size is None else page_size,
            inner=self._inner,
            owns_inner=False,
            headers={**self._headers, **(headers or {})},
            sleep=self._sleep,
            clock=self._clock,
            strict_responses=self._strict_responses
            if strict_responses is None
            else strict_responses,
            lifecycle=Lifecycle(self._lifecycle),
        )
        # Closing the original (which owns the connections) closes every copy too.
        clone._http.closed_with = self._http.closed_with or self._http
        clone._slug_pks = self._slug_pks
        return clone

    @cached_property
    def _cleanup(self) -> AsyncClient:
        """A copy whose requests are still sent while this client closes: transfers stopped
        by ``aclose()`` abort their multipart uploads through it."""
        clone = self.with_options()
        clone._http.cleanup = True
        return clone

    # -- escape hatches ----------------------------------------------------------------------

    @cached_property
    def raw(self) -> AuthenticatedClient:
        """The generated ``gc_api`` client, wired to this client's HTTP seam.

        Call any generated endpoint's ``asyncio_detailed`` with it: the same token, retries,
        logging and typed errors apply (a 404 raises :class:`NotFoundError`). Its ``token``
        field is a placeholder; the real token stays in this client.

        Example:
            >>> from gc_api.api.gcapi import gcapi_retrieve
            >>> versions = (await gcapi_retrieve.asyncio_detailed(client=client.raw)).parsed
        """
        from gc_api.client import AuthenticatedClient

        raw = AuthenticatedClient(
            base_url=str(self._root_url),
            token=REDACTED,
            strict_responses=self._strict_responses,
        )
        raw.set_async_httpx_client(self._http)
        guard_sync_calls(raw)
        return raw

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: object = _NOT_GIVEN,
        content: bytes | AsyncIterable[bytes] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        """Send any request through the client's seam (auth, retries, typed errors).

        ``path`` is relative to ``base_url`` (``"archives/"``), absolute on the API host
        (``"/media/..."``), or a full URL (the token is only attached on the API's origin).
        A streamed ``content`` (an iterable of bytes) is sent once, never retried.

        Example:
            >>> response = await client.request("GET", "gcapi/")
            >>> response.json()["latest_version"]
        """
        if path.startswith(("http://", "https://")):
            url = httpx.URL(path)
        elif path.startswith("/"):
            url = self._root_url.join(path.lstrip("/"))
        else:
            url = self._api_url.join(path)
        kwargs: dict[str, Any] = {}
        if json is not _NOT_GIVEN:
            kwargs["json"] = json
        response = await self._http.request(
            method.upper(),
            url,
            params=dict(params) if params is not None else None,
            content=content,
            headers=dict(headers) if headers is not None else None,
            **kwargs,
        )
        await response.aread()
        return response

    def paginate(
        self,
        fn: Callable[P, Awaitable[DetailedResponse[PageData[T]]]],
        /,
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> AsyncPaginator[T]:
        """Paginate any generated list endpoint, typed by its own signature.

        ``fn`` is the endpoint's ``asyncio_detailed``; pass its arguments as you would to it
        (``client=client.raw`` plus its filters). ``limit`` sets the page size; ``offset`` is
        managed for you.

        Example:
            >>> from gc_api.api.workstations import workstations_list
            >>> async for ws in client.paginate(
            ...     workstations_list.asyncio_detailed, client=client.raw, slug="x"
            ... ):
            ...     print(ws.title)
        """
        from gc_highlevel._async._resource import call
        from gc_highlevel._exceptions import no_token_hint

        params: dict[str, Any] = dict(kwargs)
        params.pop("client", None)
        params.pop("offset", None)
        limit = params.pop("limit", None)
        page_size = check_page_size(limit) if isinstance(limit, int) else self._page_size
        unchecked: Callable[..., Awaitable[DetailedResponse[PageData[T]]]] = fn

        async def fetch(*, offset: int, limit: int) -> PageData[T]:
            return await call(self, unchecked, *args, offset=offset, limit=limit, **params)

        hint = None if self.has_token else f"Check the spelling; also, {no_token_hint()}"
        return AsyncPaginator(fetch, page_size=page_size, not_found_hint=hint)

    # -- resources (imported on first use, so ``import gc_highlevel`` stays fast) ------------

    @cached_property
    def algorithms(self) -> AsyncAlgorithmWorkflows:
        """Algorithms: ``get``, ``list``, their container images; ``run``, ``describe``,
        ``outputs_by_input``, ``endpoint``."""
        from gc_highlevel._async.workflows.algorithms import AsyncAlgorithmWorkflows

        return AsyncAlgorithmWorkflows(self)

    @cached_property
    def algorithm_jobs(self) -> AsyncJobs:
        """Algorithm jobs: ``create``, ``get``, ``list``; ``wait`` (few list requests),
        ``outputs`` and ``download_outputs``. Also reached as ``client.jobs``."""
        from gc_highlevel._async.workflows.jobs import AsyncJobs

        return AsyncJobs(self)

    @cached_property
    def algorithm_endpoints(self) -> AsyncAlgorithmEndpoints:
        """Algorithm endpoints (on-demand inference): ``create``, ``get``, ``list``,
        ``keep_alive``. ``algorithms.endpoint()`` manages one for you."""
        from gc_highlevel._async.resources.algorithm_endpoints import AsyncAlgorithmEndpoints

        return AsyncAlgorithmEndpoints(self)

    @cached_property
    def algorithm_invocations(self) -> AsyncAlgorithmInvocations:
        """Invocations of algorithm endpoints: ``create``, ``get``, ``list``."""
        from gc_highlevel._async.resources.algorithm_invocations import (
            AsyncAlgorithmInvocations,
        )

        return AsyncAlgorithmInvocations(self)

    @cached_property
    def archives(self) -> AsyncArchiveWorkflows:
        """Archives: ``get``, ``list``, patients and studies; ``add_cases``, ``mirror`` and
        the other archive workflows."""
        from gc_highlevel._async.workflows.archives import AsyncArchiveWorkflows

        return AsyncArchiveWorkflows(self)

    @cached_property
    def archive_items(self) -> AsyncArchiveItems:
        """Archive items: ``create``, ``get``, ``list``, ``update``, ``partial_update``."""
        from gc_highlevel._async.resources.archive_items import AsyncArchiveItems

        return AsyncArchiveItems(self)

    @cached_property
    def images(self) -> AsyncImages:
        """Images and their files: ``get``, ``list``, ``files``."""
        from gc_highlevel._async.resources.images import AsyncImages

        return AsyncImages(self)

    @cached_property
    def uploads(self) -> AsyncUploads:
        """User uploads (the multipart endpoints; the transfer engine builds on these)."""
        from gc_highlevel._async.resources.uploads import AsyncUploads

        return AsyncUploads(self)

    @cached_property
    def upload_sessions(self) -> AsyncUploadSessions:
        """Raw image upload sessions: ``create``, ``get``, ``list``."""
        from gc_highlevel._async.resources.upload_sessions import AsyncUploadSessions

        return AsyncUploadSessions(self)

    @cached_property
    def sockets(self) -> AsyncSockets:
        """Sockets (component interfaces), cached by slug."""
        from gc_highlevel._async.resources.sockets import AsyncSockets

        return AsyncSockets(self)

    @cached_property
    def reader_studies(self) -> AsyncReaderStudyWorkflows:
        """Reader studies: ``get``, ``list``, ``ground_truth``; ``add_display_sets``,
        ``answers`` and the other reader-study workflows."""
        from gc_highlevel._async.workflows.reader_studies import AsyncReaderStudyWorkflows

        return AsyncReaderStudyWorkflows(self)

    @cached_property
    def display_sets(self) -> AsyncDisplaySets:
        """Reader-study display sets: ``create``, ``get``, ``list``, ``update``, ``partial_update``."""
        from gc_highlevel._async.resources.display_sets import AsyncDisplaySets

        return AsyncDisplaySets(self)

    @cached_property
    def questions(self) -> AsyncQuestions:
        """Reader-study questions: ``get``, ``list``."""
        from gc_highlevel._async.resources.questions import AsyncQuestions

        return AsyncQuestions(self)

    @cached_property
    def answers(self) -> AsyncAnswers:
        """Reader-study answers: ``create``, ``get``, ``list``, ``mine``, ``partial_update``."""
        from gc_highlevel._async.resources.answers import AsyncAnswers

        return AsyncAnswers(self)

    @cached_property
    def challenges(self) -> AsyncChallenges:
        """Challenges: ``list``, ``get`` (by short name)."""
        from gc_highlevel._async.resources.challenges import AsyncChallenges

        return AsyncChallenges(self)

    @cached_property
    def evaluations(self) -> AsyncEvaluationWorkflows:
        """Challenge evaluations: ``list``, ``get``; external evaluation: ``claimable``,
        ``claim``, ``report_success``, ``report_failure``, and ``evaluate_external`` (all of
        it in one call)."""
        from gc_highlevel._async.workflows.evaluations import AsyncEvaluationWorkflows

        return AsyncEvaluationWorkflows(self)

    @cached_property
    def users(self) -> AsyncUsers:
        """The current user: ``me()``."""
        from gc_highlevel._async.resources.users import AsyncUsers

        return AsyncUsers(self)

    @property
    def jobs(self) -> AsyncJobs:
        """The same object as :attr:`algorithm_jobs` (a shorter name)."""
        return self.algorithm_jobs

    @cached_property
    def transfers(self) -> AsyncTransfers:
        """Parallel, retried, resumable uploads and streaming downloads of files:
        ``upload``, ``upload_many``, ``resume_upload``, ``download``, ``download_many``,
        ``download_image``, ``download_socket_value``."""
        from gc_highlevel._async.transfers import AsyncTransfers

        return AsyncTransfers(self)

    # -- lifecycle ---------------------------------------------------------------------------

    async def aclose(self) -> None:
        """Stop what is in flight and close the connections (a ``with_options`` copy leaves
        the shared ones open).

        Transfers running in other tasks (or, for ``Client``, other threads) stop at their
        next chunk or part: an upload aborts its multipart upload (unless
        ``keep_on_failure=True``), a download keeps its partial file for the next run. This
        waits for them (at most 5 s), then closes the connections. Afterwards every request
        raises :class:`~gc_highlevel.ClientClosedError` without opening a connection.

        Example:
            >>> client = gc_highlevel.AsyncClient()
            >>> await client.aclose()
        """
        await self._close(grace=CLOSE_GRACE)

    async def _close(self, *, grace: float) -> None:
        life = self._lifecycle
        life.begin_close()
        try:
            deadline = time.monotonic() + grace
            while life.active > 0 and time.monotonic() < deadline:
                await async_sleep(0.02)
        finally:  # a second Ctrl-C while waiting: close at once
            life.end_close()
            await self._http.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # After Ctrl-C the transfers were already given their time to stop (and abort their
        # uploads) where the interrupt arrived: do not make the user wait a second time.
        interrupted = exc_type is not None and issubclass(exc_type, KeyboardInterrupt)
        await self._close(grace=0.0 if interrupted else CLOSE_GRACE)

    def __repr__(self) -> str:
        if not hasattr(self, "_auth"):  # half built: __init__ refused an argument
            return f"<{type(self).__name__} (not initialised)>"
        token = REDACTED if self._auth.has_token else None
        page_size = "" if self._page_size is None else f", page_size={self._page_size}"
        return (
            f"{type(self).__name__}(base_url={self.base_url!r}, token={token!r}, "
            f"max_retries={self.max_retries}, timeout={_timeout_repr(self._timeout)}"
            f"{page_size})"
        )

    def __reduce__(self) -> NoReturn:
        raise TypeError(
            f"{type(self).__name__} cannot be pickled: it holds an API token and open "
            "connections. Create a new client in each process (the token is read from "
            "GRAND_CHALLENGE_AUTHORIZATION or the config file)."
        )

"""Shared steps of the workflows: socket look-up, uploads of a case, the no-orphan batch runner.

The batch runner fills *value sets* (archive items, display sets) one case at a time:

1. upload every file of the case (in parallel) and record the uploads in the journal;
2. create the empty object only now, titled with a marker recorded in the journal before the
   request (:func:`new_marker`), and record the object;
3. set all the case's values and its real title in one PATCH, and record the case as done.

A failure at any step leaves the journal pointing at what exists, so a rerun reuses the
completed uploads and the created object instead of making new ones. When the create's answer
was lost, the rerun adopts only the object titled with the case's marker: never an empty object
of another batch or user.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import httpx

from gc_highlevel._concurrency import AsyncGroup, AsyncTurnstile, Awaitable, WorkQueue
from gc_highlevel._exceptions import (
    NON_FIELD_ERRORS,
    APIConnectionError,
    APIStatusError,
    AttachError,
    AuthenticationError,
    BadRequestError,
    CaseNotStartedError,
    ImportFailedError,
    InvalidArgumentError,
    NotFoundError,
    ObjectDeletedError,
    ObjectNotFoundError,
    PermissionDeniedError,
    UploadError,
    ValuesNotAttachedError,
    parse_field_errors,
)
from gc_highlevel._polling import Backoff, Deadline
from gc_highlevel._retry import answer_maybe_lost
from gc_highlevel.journal import DONE, Journal, JournalLock
from gc_highlevel.progress import case_bar
from gc_highlevel.socket_values import CasePlan
from gc_highlevel.workflow_types import BatchResult, CaseOutcome, StepEvent

if TYPE_CHECKING:
    from gc_api.models.component_interface_value_post_request import (
        ComponentInterfaceValuePostRequest,
    )
    from gc_api.models.user_upload import UserUpload
    from gc_highlevel._async._client import AsyncClient

T = TypeVar("T")

#: ``journal=`` of the batch calls: True (the user cache dir), a path, a Journal, or
#: False/None (no journal: a rerun cannot know what an earlier run made).
JournalOption = Journal | str | os.PathLike[str] | bool | None
#: Called after each step of each case (e.g. to log, or to stop a batch in a test).
StepCallback = Callable[[StepEvent], None]

#: The journal step of a case whose files the server could not import (its object is free).
IMPORT_FAILED = "import-failed"
#: The journal step of a case whose object was deleted on the server (a rerun makes a new one).
OBJECT_DELETED = "object-deleted"

#: Cases processed at once by the batch calls (each case's files upload in parallel too).
DEFAULT_CASE_CONCURRENCY = 4

#: How the title of an object being created starts (until its values and real title are set).
MARKER_PREFIX = "gc-client:"


def new_marker() -> str:
    """A title no other object has: an object is created under it, so that a rerun can find
    the object if the create's answer was lost (grand-challenge titles: up to 255 characters,
    unique per archive / reader study when not empty).

    Example:
        >>> marker = new_marker()
        >>> marker.startswith(MARKER_PREFIX), len(marker), marker == new_marker()
        (True, 42, False)
    """
    return f"{MARKER_PREFIX}{uuid.uuid4().hex}"


def open_journal(option: JournalOption, target: str, client: AsyncClient) -> Journal:
    """The journal for ``journal=option`` of a batch on ``target``.

    The default journal is kept per server and account: the same pk on another instance (or
    another local server started from the same seed), or another user's batch, must never
    count as done.
    """
    if isinstance(option, Journal):
        return option
    if option is True:
        url = httpx.URL(client.base_url)
        server = f"{url.host}-{url.port or url.scheme}"
        return Journal.for_target(f"{server}-{client._auth.account_key}-{target}")
    if option is False or option is None:
        return Journal(None)
    return Journal(option)


_log = logging.getLogger("gc_highlevel")


@asynccontextmanager
async def batch_journal(
    option: JournalOption, target: str, client: AsyncClient, *, wait_for_lock: float | None
) -> AsyncIterator[Journal]:
    """The journal of a batch (:func:`open_journal`), held under its inter-process lock.

    Another run of the same batch (same journal file) holding it is waited for, polling
    with the client's sleep (the event loop keeps running): without limit when
    ``wait_for_lock`` is None, else for up to that many seconds before
    :class:`~gc_highlevel.journal.BatchInProgressError` (0: at once). The journal is read
    again once the lock is taken, so the batch resumes from what the other run did. A journal
    without a file (``journal=False``) takes no lock.
    """
    journal = open_journal(option, target, client)
    if journal.path is None:
        yield journal
        return
    lock = JournalLock(journal.path)
    if not lock.try_acquire():
        clock = client._clock
        start = clock()
        deadline = Deadline(wait_for_lock, clock=clock, what="wait_for_lock")
        backoff = Backoff(initial=0.1, factor=1.5, maximum=2)
        if wait_for_lock is None or wait_for_lock > 0:
            _log.warning(
                "another run of this batch holds its journal %s; waiting for it to finish",
                journal.path,
            )
        while not lock.try_acquire():
            if deadline.expired():
                raise lock.in_progress(clock() - start)
            await client._sleep(deadline.clamp(backoff.next_delay(changed=False)))
    try:
        journal.reload()
        yield journal
    finally:
        lock.release()


@dataclass
class AttachReport:
    """What :func:`wait_until_attached` saw: objects whose import failed, objects gone from
    the listing (deleted on the server), and the rest missing."""

    #: pk → the server's message, for objects whose files the server could not import.
    failed: dict[str, str]
    #: pk → the sockets still missing (for failed imports too).
    missing: dict[str, list[str]]
    #: pk → the sockets they were waited for, for objects absent from a listing (deleted).
    gone: dict[str, list[str]] = field(default_factory=dict)

    def raise_for_missing(self, timeout: float | None) -> None:
        """Raise :class:`ImportFailedError` if the server could not import some files, else
        :class:`ValuesNotAttachedError` if anything vanished or is still missing."""
        if self.gone:
            raise ValuesNotAttachedError(
                f"{len(self.gone)} object(s) were deleted on the server while their files were "
                f"being imported ({_describe_missing(self.gone)})",
                missing=dict(self.gone),
            )
        if self.failed:
            lines = "; ".join(f"{pk}: {msg}" for pk, msg in list(self.failed.items())[:5])
            raise ImportFailedError(
                f"the server could not import the files of {len(self.failed)} object(s): {lines}",
                missing={pk: self.missing[pk] for pk in self.failed},
                errors=self.failed,
            )
        if self.missing:
            raise ValuesNotAttachedError(
                f"{len(self.missing)} object(s) still lack values after {timeout} s "
                f"({_describe_missing(self.missing)}). {_STILL_IMPORTING}",
                missing=self.missing,
            )


_STILL_IMPORTING = (
    "The server may still be importing them; client.upload_sessions.list() shows each "
    "import's status and error message."
)


def _describe_missing(missing: Mapping[str, Sequence[str]]) -> str:
    return "; ".join(f"{pk}: {', '.join(s)}" for pk, s in list(missing.items())[:5])


async def wait_until_attached(
    client: AsyncClient,
    list_values: Callable[[], Awaitable[dict[str, set[str]]]],
    expected: dict[str, set[str]],
    *,
    timeout: float | None,
    clock: Callable[[], float],
    uploads: Mapping[str, set[str]] | None = None,
) -> AttachReport:
    """Poll ``list_values()`` (pk → sockets present) until every object has its sockets.

    When a round sees no progress, the caller's upload sessions are checked (one request):
    an import the server marked ``Failed`` stops the wait for that object. An object absent
    from a round's listing was deleted: the wait for it stops at once. Returns what failed,
    what vanished and what was still missing when ``timeout`` seconds passed (nothing,
    normally).
    """
    deadline = Deadline(timeout, clock=clock)
    backoff = Backoff(initial=0.5, factor=1.5, maximum=10)
    waiting = dict(expected)
    failed: dict[str, str] = {}
    lacking: dict[str, list[str]] = {}
    gone: dict[str, list[str]] = {}
    previous = -1
    while True:
        present = await list_values()
        for pk in [p for p in waiting if p not in present]:  # deleted: it will never fill
            gone[pk] = sorted(waiting.pop(pk))
        missing = {
            pk: sorted(slugs - present.get(pk, set()))
            for pk, slugs in waiting.items()
            if not slugs <= present.get(pk, set())
        }
        changed = len(missing) != previous
        if missing and not changed and uploads:
            failed.update(await failed_imports(client, {p: uploads.get(p, set()) for p in missing}))
            for pk in failed:
                waiting.pop(pk, None)
                if pk in missing:
                    lacking[pk] = missing.pop(pk)
        if not missing or deadline.expired():
            return AttachReport(failed, {**lacking, **missing}, gone)
        previous = len(missing)
        await client._sleep(deadline.clamp(backoff.next_delay(changed=changed)))


async def failed_imports(client: AsyncClient, uploads: Mapping[str, set[str]]) -> dict[str, str]:
    """Objects (pk → the server's message) whose uploads went into a ``Failed`` import."""
    from gc_api.types import Unset

    found: dict[str, str] = {}
    async for session in client.upload_sessions.list(page_size=1000):
        if session.status != "Failed":
            continue
        listed = [] if isinstance(session.user_uploads, Unset) else session.user_uploads
        ids = {str(u) for u in listed}
        ids |= {url.rstrip("/").rsplit("/", 1)[-1] for url in session.uploads}
        for pk, upload_pks in uploads.items():
            if upload_pks & ids:
                message = session.error_message
                found[pk] = message if isinstance(message, str) and message else "import failed"
    return found


def upload_pks_by_object(journal: Journal, result: BatchResult[Any]) -> dict[str, set[str]]:
    """pk → the pks of the uploads each case of ``result`` sent (from the journal)."""
    out: dict[str, set[str]] = {}
    for o in result:
        entry = journal.get(o.key)
        if o.pk is None or entry is None or not isinstance(entry.ids.get("uploads"), dict):
            continue
        urls = [u for us in entry.ids["uploads"].values() for u in us]
        out[str(o.pk)] = {str(u).rstrip("/").rsplit("/", 1)[-1] for u in urls}
    return out


def expected_sockets(result: BatchResult[Any], plans: Sequence[CasePlan]) -> dict[str, set[str]]:
    """pk → the sockets each successful case of ``result`` should end up with."""
    return {str(o.pk): set(plans[o.index].slugs) for o in result if o.ok and o.pk is not None}


#: Fields of a 400 that name the batch's target: the account may not add to it (grand-challenge
#: answers "Invalid hyperlink - Object does not exist" for a target the user cannot change).
_TARGET_FIELDS = frozenset({"archive", "reader_study", "algorithm"})
#: grand-challenge's non-field 400 on a job create once the user's credits are spent
#: (``algorithms/serializers.py``: ``JobPostSerializer.validate``, "You have run out of
#: algorithm credits"); it answers every further job the same until the credits renew.
CREDITS_SPENT = "run out of algorithm credits"
#: The 403 on presigning parts once the user's uploads fill the upload quota
#: (``uploads/views.py``), and the 400 on creating an upload beyond the uploads allowed.
UPLOAD_LIMIT = ("Upload limit reached", "too many uploads")

#: What each reason of :class:`CaseNotStartedError` tells the user to do before the rerun.
_ADVICE = {
    "permission": "Check that your account may add to the target, then rerun the batch",
    "target-gone": "The target no longer exists (or you may no longer see it); rerun the batch "
    "once it is back, or add the cases elsewhere",
    "credits": "Your algorithm credits are spent: rerun the batch once they renew (monthly) "
    "or after the algorithm's editors granted you more",
    "quota": "Your upload limit is reached (it counts your uploads still on the server, which "
    "it deletes once imported, or a day after they were made): rerun the batch once they are "
    "gone",
}


def _causes(error: BaseException) -> list[BaseException]:
    """``error`` and its causes (an upload's :class:`UploadError` carries the API's answer)."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__
    return chain


def _messages(error: APIStatusError) -> list[str]:
    return parse_field_errors(error.body).get(NON_FIELD_ERRORS, [])


def _title_taken(error: APIStatusError) -> bool:
    """Whether the server refused a create because another object has its title."""
    return any("must make a unique set" in m for m in _messages(error))


def batch_refusal(error: BaseException) -> str | None:
    """Why the server would refuse every other case of the batch as it refused this one
    (a :class:`CaseNotStartedError` reason), or None for a refusal of this case alone.

    Example:
        >>> batch_refusal(ValueError("a file the server could not read")) is None
        True
    """
    for exc in _causes(error):
        if isinstance(exc, APIStatusError) and any(
            m in text for text in _messages(exc) for m in UPLOAD_LIMIT
        ):
            return "quota"
        if isinstance(exc, BadRequestError) and any(
            CREDITS_SPENT in m for m in exc.non_field_errors
        ):
            return "credits"
    if isinstance(error, (AuthenticationError, PermissionDeniedError)):
        return "permission"
    if isinstance(error, BadRequestError) and _TARGET_FIELDS & error.field_errors.keys():
        return "permission"
    return None


async def run_batch(
    plans: Sequence[CasePlan],
    run_case: Callable[[int, CasePlan], Awaitable[CaseOutcome[T]]],
    *,
    key_of: Callable[[CasePlan], str],
    concurrency: int,
    bar: Any,
    what: str,
    target_exists: Callable[[], Awaitable[bool]] | None = None,
) -> BatchResult[T]:
    """Run ``run_case`` for every case, ``concurrency`` at a time; outcomes in input order.

    A case the server refuses in a way it would refuse them all (no permission on the target,
    algorithm credits spent, upload limit reached; see :func:`batch_refusal`) stops the
    batch: the cases not started yet get a :class:`CaseNotStartedError` saying why, instead of
    each uploading its files to be refused in turn. So does a 404 when ``target_exists()``
    (one request) then says the target is gone. An exception (the process going down) starts
    no further case.
    """
    outcomes: list[CaseOutcome[T] | None] = [None] * len(plans)
    queue = WorkQueue(list(enumerate(plans)))
    refused: list[tuple[CaseOutcome[T], str]] = []

    async def reason_of(error: BaseException) -> str | None:
        reason = batch_refusal(error)
        if reason is None and isinstance(error, NotFoundError) and target_exists is not None:
            try:
                gone = not await target_exists()
            except Exception:  # the check failed too: count the 404 against this case only
                gone = False
            reason = "target-gone" if gone else None
        return reason

    async def worker() -> None:
        while (job := queue.take()) is not None:
            index, plan = job
            try:
                outcome = await run_case(index, plan)
                reason = await reason_of(outcome.error) if outcome.error is not None else None
            except BaseException:
                queue.stop()  # the process is going down: start no further case
                raise
            outcomes[index] = outcome
            if reason is not None:
                refused.append((outcome, reason))
                queue.stop()
            bar.update(1)

    try:
        await AsyncGroup.run_workers(max(1, min(concurrency, len(plans))), worker)
    finally:
        bar.close()
    if refused:
        first, reason = min(refused, key=lambda r: r[0].index)
        for index, outcome in enumerate(outcomes):
            if outcome is None:
                error = CaseNotStartedError(
                    f"not started: the server refused case {first.index} ({first.name}) in a way "
                    f"every case would be ({type(first.error).__name__}: {first.error}). "
                    f"{_ADVICE[reason]}; finished cases are not repeated",
                    reason=reason,
                    refused_index=first.index,
                    refusal=first.error,
                )
                outcomes[index] = CaseOutcome(
                    index, plans[index].name, key_of(plans[index]), pk=None, error=error
                )
    return BatchResult([o for o in outcomes if o is not None], what=what)


async def upload_case(
    client: AsyncClient,
    plan: CasePlan,
    *,
    partial: Mapping[str, str] | None = None,
    on_partial: Callable[[dict[str, str]], None] | None = None,
) -> dict[str, list[str]]:
    """Upload the files of ``plan`` (in parallel); the uploads' ``api_url``s by socket slug.

    With ``on_partial``, every file's upload is reported (``{path: api_url}``, all so far) as
    soon as the server has made it, and kept when its transfer fails or is interrupted; given
    back as ``partial`` (by the rerun of a batch), such uploads are finished with
    ``resume_upload`` (only the parts the server lacks are sent) instead of sent again.
    """
    paths = [(v.slug, p) for v in plan.values for p in v.paths if v.needs_upload]
    urls: dict[str, list[str]] = {}
    if paths:
        known = dict(partial or {})
        done: list[str | None] = [None] * len(paths)
        for index, (_, path) in enumerate(paths):
            if str(path) in known:
                done[index] = await _finish_kept(client, known[str(path)], path)
        rest = [index for index, url in enumerate(done) if url is None]

        def created(index: int, upload: UserUpload) -> None:
            known[str(paths[rest[index]][1])] = upload.api_url
            if on_partial is not None:
                on_partial(dict(known))

        if rest:
            results = await client.transfers.upload_many(
                [paths[index][1] for index in rest],
                progress=False,
                keep_on_failure=on_partial is not None,
                on_created=created if on_partial is not None else None,
            )
            for outcome in results.failed:  # the first file's own UploadError names it
                if outcome.error is not None:
                    raise outcome.error
            for index, upload in zip(rest, results.values(), strict=True):
                done[index] = upload.api_url
        for (slug, _), url in zip(paths, done, strict=True):
            assert url is not None
            urls.setdefault(slug, []).append(url)
    for v in plan.values:
        if v.needs_upload and v.data is not None:
            upload = await client.transfers.upload(v.data, filename=v.filename, progress=False)
            urls[v.slug] = [upload.api_url]
    return urls


async def _finish_kept(client: AsyncClient, url: str, path: Path) -> str | None:
    """The ``api_url`` of the kept upload of ``path`` once complete (its missing parts sent),
    or None if it is gone or cannot be finished (the file is then sent again)."""
    try:
        upload = await client.uploads.get(api_url=url)
    except (ObjectNotFoundError, APIStatusError):
        return None
    if upload.status == "Completed":
        return upload.api_url
    try:
        done = await client.transfers.resume_upload(upload, path, progress=False)
    except UploadError as exc:
        _log.info("could not resume the upload of %s (%s); sending it again", path, exc)
        return None
    return done.api_url


async def uploads_still_usable(client: AsyncClient, uploads: dict[str, list[str]]) -> bool:
    """Whether every recorded upload still exists and is completed (so it can be reused)."""
    for urls in uploads.values():
        for url in urls:
            try:
                upload = await client.uploads.get(api_url=url)
            except (ObjectNotFoundError, APIStatusError):
                return False
            if upload.status != "Completed":
                return False
    return True


@dataclass
class ValueSetOps(Generic[T]):
    """How a batch makes and fills its objects (archive items or display sets).

    ``create(index, marker)`` makes an empty object titled ``marker`` and returns its pk;
    ``fill(pk, index, values)`` sets the values and the real title of case ``index`` (the
    user's, else empty) in one request and returns the server's answer; ``adopt(marker)`` finds
    the object an interrupted create titled ``marker`` (exactly that title), or None;
    ``reuse(pk, index)`` makes the object of a failed import ready for case ``index`` (its
    order...), or returns False if it is gone or holds a value the case would not overwrite
    (see :func:`refillable`). ``exists()`` says whether the target (archive, reader study)
    is still there, asked after a 404 to tell a vanished target from a vanished object.
    ``present()`` lists the target's objects (pk → sockets with a value): a rerun checks
    with it that the objects its journal records still exist.
    """

    noun: str
    create: Callable[[int, str], Awaitable[uuid.UUID]]
    fill: Callable[[uuid.UUID, int, list[ComponentInterfaceValuePostRequest]], Awaitable[T]]
    adopt: Callable[[str], Awaitable[uuid.UUID | None]]
    reuse: Callable[[uuid.UUID, int], Awaitable[bool]]
    #: Create the objects in input order (display sets are numbered as they are created).
    ordered: bool = False
    exists: Callable[[], Awaitable[bool]] | None = None
    present: Callable[[], Awaitable[dict[str, set[str]]]] | None = None


#: Seconds after which a create the server received but has not answered can no longer make
#: its object: a request's lifetime on grand-challenge (its load balancer gives up on a request
#: after 60 s). A batch that lost a create's answer looks for the object this long before it
#: creates the case's object anew, so that a slow create cannot leave a second, empty one.
LATE_CREATE_WINDOW = 60.0

#: The longest title grand-challenge keeps (``CharField(max_length=255)``).
MAX_TITLE_LENGTH = 255


def check_titles(titles: Sequence[str] | None, cases: int, container: str) -> None:
    """Raise :class:`InvalidArgumentError` (before any request) for ``titles`` the server would
    refuse only after the object exists: as many as ``cases``, at most 255 characters, and no
    non-empty title twice (titles are unique per ``container``; empty ones excepted).

    Example:
        >>> check_titles(["a", "", ""], 3, "archive")  # empty titles may repeat
        >>> try:
        ...     check_titles(["a", "b", "a"], 3, "archive")
        ... except InvalidArgumentError as error:
        ...     print(str(error)[:35])
        title 'a' is given to cases 0 and 2
    """
    if titles is None:
        return
    if len(titles) != cases:
        raise InvalidArgumentError(f"{len(titles)} titles for {cases} cases")
    first: dict[str, int] = {}
    for index, title in enumerate(titles):
        if len(title) > MAX_TITLE_LENGTH:
            raise InvalidArgumentError(
                f"the title of case {index} has {len(title)} characters; grand-challenge "
                f"keeps at most {MAX_TITLE_LENGTH}"
            )
        if title and title in first:
            raise InvalidArgumentError(
                f"title {title!r} is given to cases {first[title]} and {index}: titles are "
                f"unique per {container} (empty ones excepted)"
            )
        first.setdefault(title, index)


def refillable(present: Iterable[str], plan: CasePlan) -> bool:
    """Whether an object holding values on ``present`` sockets can take case ``plan``: its
    fill then overwrites every one of them (nothing of another case is left behind)."""
    return set(present) <= set(plan.slugs)


class ValueSetBatch(Generic[T]):
    """Runs a batch of cases into value sets without orphans or duplicates (see module doc)."""

    def __init__(
        self,
        client: AsyncClient,
        *,
        target: str,
        journal: Journal,
        ops: ValueSetOps[T],
        on_step: StepCallback | None = None,
    ) -> None:
        self._client = client
        self._target = target
        self._journal = journal
        self._ops = ops
        self._on_step = on_step
        self._turnstile = AsyncTurnstile()
        # Objects an earlier run made whose import failed (empty, or holding only the values
        # that did attach), reusable by any case: (case key, pk, case name), oldest first.
        claimed = journal.claimed("pk")
        self._empty = [
            (e.key, str(e.ids["empty"]), str(e.ids.get("name", "")))
            for e in sorted(journal.entries(), key=lambda e: e.updated)
            if e.step == IMPORT_FAILED and e.ids.get("empty") and e.ids["empty"] not in claimed
        ]

    def _record(self, index: int, name: str, key: str, step: str, **ids: Any) -> None:
        entry = self._journal.record(key, step, **ids)
        if self._on_step is not None:
            self._on_step(StepEvent(index, name, step, dict(entry.ids)))

    async def _uploads(self, index: int, plan: CasePlan, key: str) -> dict[str, list[str]]:
        entry = self._journal.get(key)
        recorded = entry.ids.get("uploads") if entry is not None else None
        if isinstance(recorded, dict) and await uploads_still_usable(self._client, recorded):
            return {str(k): [str(u) for u in v] for k, v in recorded.items()}
        kept = entry.ids.get("partial") if entry is not None else None

        def on_partial(partial: dict[str, str]) -> None:
            self._record(index, plan.name, key, "uploading", partial=partial)

        uploads = await upload_case(
            self._client,
            plan,
            partial=kept if isinstance(kept, dict) else None,
            on_partial=on_partial,
        )
        self._record(index, plan.name, key, "uploaded", uploads=uploads, partial={})
        return uploads

    async def _object(self, index: int, plan: CasePlan, key: str) -> uuid.UUID:
        entry = self._journal.get(key)
        if entry is not None and entry.ids.get("pk"):
            return uuid.UUID(str(entry.ids["pk"]))
        marker = entry.ids.get("marker") if entry is not None else None
        if entry is not None and entry.step == "creating" and isinstance(marker, str) and marker:
            # The create's answer was lost: the object carrying this case's marker is the
            # case's, whatever else is (still) empty in the target. A slow create may still
            # land: it is waited for until no request sent then can still be running; None:
            # it never arrived, and the case's object is made anew (with the same marker).
            adopted = await self._adopt_late(marker, entry.updated)
            if adopted is not None:
                self._record(index, plan.name, key, "created", pk=str(adopted), adopted=True)
                return adopted
            return await self._create(index, plan, key, marker)
        # The object of a failed import: fill it, make none. The same case's first (its name,
        # e.g. the file fixed in place), else the oldest, so that display sets keep their order.
        candidates = sorted(self._empty, key=lambda e: e[2] != plan.name)
        for candidate in candidates:
            old_key, empty, _ = candidate
            if empty in self._journal.claimed("pk") or candidate not in self._empty:
                continue
            self._empty.remove(candidate)
            if await self._ops.reuse(uuid.UUID(empty), index):
                self._journal.record(old_key, IMPORT_FAILED, empty="")
                self._record(index, plan.name, key, "created", pk=empty, reused=True)
                return uuid.UUID(empty)
            self._empty.append(candidate)  # another case may overwrite all its values
        return await self._create(index, plan, key, new_marker())

    async def _adopt(self, marker: str) -> uuid.UUID | None:
        """The object titled ``marker`` unless the journal gives it to another case."""
        adopted = await self._ops.adopt(marker)
        if adopted is None or str(adopted) in self._journal.claimed("pk"):
            return None
        return adopted

    async def _adopt_late(self, marker: str, sent_at: float) -> uuid.UUID | None:
        """The object titled ``marker``, looked for until a create sent at ``sent_at`` (wall
        clock) can no longer land (:data:`LATE_CREATE_WINDOW`); None if it did not."""
        backoff = Backoff(initial=0.5, maximum=5.0)
        while True:
            adopted = await self._adopt(marker)
            left = sent_at + LATE_CREATE_WINDOW - time.time()
            if adopted is not None or left <= 0:
                return adopted
            await self._client._sleep(min(left, backoff.next_delay(changed=False)))

    async def _create(self, index: int, plan: CasePlan, key: str, marker: str) -> uuid.UUID:
        """Create the case's object titled ``marker``, exactly once: an answer lost on the way
        is looked for (by its marker, until the create can no longer land) and, not found, the
        create is sent once more with the same marker."""
        for attempt in (1, 2):
            sent_at = time.time()
            self._record(index, plan.name, key, "creating", marker=marker)  # before the request
            try:
                pk = await self._ops.create(index, marker)
                break
            except APIStatusError as exc:
                if exc.status_code == 400 and _title_taken(exc):
                    adopted = await self._adopt(marker)  # an earlier create with it landed
                    if adopted is not None:
                        self._record(
                            index, plan.name, key, "created", pk=str(adopted), adopted=True
                        )
                        return adopted
                if 400 <= exc.status_code < 500 and exc.status_code != 429:
                    # the server refused it: nothing was created, so a rerun adopts nothing
                    self._record(index, plan.name, key, "refused")
                if attempt == 2 or not answer_maybe_lost(exc):
                    raise
            except APIConnectionError as exc:
                if attempt == 2 or not answer_maybe_lost(exc):
                    raise
            adopted = await self._adopt_late(marker, sent_at)  # the answer was lost
            if adopted is not None:
                self._record(index, plan.name, key, "created", pk=str(adopted), adopted=True)
                return adopted
        self._record(index, plan.name, key, "created", pk=str(pk))
        return pk

    async def _object_in_turn(self, index: int, plan: CasePlan, key: str) -> uuid.UUID:
        """The case's object; with ``ordered`` ops, created only after every earlier case's."""
        if not self._ops.ordered:
            return await self._object(index, plan, key)
        await self._turnstile.wait_turn(index)
        try:
            return await self._object(index, plan, key)
        finally:
            await self._turnstile.done(index)

    async def run_case(self, index: int, plan: CasePlan) -> CaseOutcome[T]:
        """One case: uploads, then the empty object, then all values at once."""
        key = plan.fingerprint(self._target)
        entry = self._journal.get(key)
        if entry is not None and entry.done and "pk" in entry.ids:
            done_pk = uuid.UUID(str(entry.ids["pk"]))
            return CaseOutcome(index, plan.name, key, pk=done_pk, skipped=True)
        pk: uuid.UUID | None = None
        try:
            uploads = await self._uploads(index, plan, key) if plan.upload_count else {}
            pk = await self._object_in_turn(index, plan, key)
            filled = await self._ops.fill(pk, index, plan.requests(uploads))
            self._record(index, plan.name, key, DONE, pk=str(pk))
        except Exception as exc:
            return CaseOutcome(index, plan.name, key, pk=pk, error=exc)
        return CaseOutcome(index, plan.name, key, pk=pk, created=filled)

    async def _forget_deleted(self, plans: Sequence[CasePlan]) -> None:
        """Forget the objects the journal records for ``plans`` that were deleted on the
        server since (one listing of the target, only when the journal records any), so that
        their cases make new ones instead of skipping a case whose object is gone or filling
        an object that no longer exists.

        Nothing is forgotten when the target itself is gone (or no longer visible): the batch
        then stops on its first case (``target-gone``) and a later rerun finds the objects.
        """
        if self._ops.present is None:
            return
        recorded: dict[str, tuple[int, str, str]] = {}
        for index, plan in enumerate(plans):
            key = plan.fingerprint(self._target)
            entry = self._journal.get(key)
            pk = entry.ids.get("pk") if entry is not None else None
            if pk:
                recorded[key] = (index, plan.name, str(pk))
        if not recorded:
            return
        present = await self._ops.present()
        deleted = {k: v for k, v in recorded.items() if v[2] not in present}
        empties = [e for e in self._empty if e[1] not in present]
        if not deleted and not empties:
            return
        if self._ops.exists is not None and not await self._ops.exists():
            return
        noun = self._ops.noun
        for key, (index, name, pk) in deleted.items():
            _log.warning(
                "case %r: its %s %s was deleted on the server; making a new one", name, noun, pk
            )
            self._record(index, name, key, OBJECT_DELETED, pk="", uploads=None, deleted=pk)
        for empty in empties:  # an item of a failed import, deleted: nothing to refill
            self._journal.record(empty[0], IMPORT_FAILED, empty="")
            self._empty.remove(empty)

    async def run(
        self,
        plans: Sequence[CasePlan],
        *,
        concurrency: int = DEFAULT_CASE_CONCURRENCY,
        progress: bool | None = None,
        description: str = "cases",
    ) -> BatchResult[T]:
        """Every case, ``concurrency`` at a time; outcomes in input order.

        Objects the journal records that were deleted on the server meanwhile are made
        again (see :meth:`_forget_deleted`): one object per case in the end.
        """
        await self._forget_deleted(plans)

        async def run_case(index: int, plan: CasePlan) -> CaseOutcome[T]:
            try:
                return await self.run_case(index, plan)
            finally:
                await self._turnstile.done(index)  # a skipped or failed case: let others on

        return await run_batch(
            plans,
            run_case,
            key_of=lambda plan: plan.fingerprint(self._target),
            concurrency=concurrency,
            bar=case_bar(len(plans), description, progress=progress),
            what=self._ops.noun,
            target_exists=self._ops.exists,
        )

    async def settle(
        self,
        result: BatchResult[T],
        plans: Sequence[CasePlan],
        list_values: Callable[[], Awaitable[dict[str, set[str]]]],
        *,
        timeout: float | None,
    ) -> BatchResult[T]:
        """Wait until the server has attached every case's files; mark the cases it could not.

        A case whose import failed gets an :class:`ImportFailedError` (with the server's
        message), and its empty object is recorded as free, so that a rerun (after fixing the
        file) fills it rather than making another. A case still missing values after
        ``timeout`` gets a :class:`ValuesNotAttachedError` (the server may still be importing).
        A case whose object is deleted on the server while waiting (it leaves the listing)
        gets an :class:`ObjectDeletedError` at once, and the journal forgets that object, so
        that a rerun makes a new one.
        """
        report = await wait_until_attached(
            self._client,
            list_values,
            expected_sockets(result, plans),
            timeout=timeout,
            clock=self._client._clock,
            uploads=upload_pks_by_object(self._journal, result),
        )
        if not report.failed and not report.missing and not report.gone:
            return result
        noun = self._ops.noun
        # Every object missing at once means the target went (or became invisible): then
        # the journal keeps them, and a rerun stops on the target instead of re-creating.
        target_gone = bool(report.gone) and (
            self._ops.exists is not None and not await self._ops.exists()
        )
        outcomes: list[CaseOutcome[T]] = []
        for o in result:
            pk = str(o.pk) if o.pk is not None else ""
            error: AttachError | ObjectDeletedError | None = None
            if o.ok and pk in report.gone:
                if target_gone:
                    error = ObjectDeletedError(
                        f"case {o.name!r}: its {noun} {pk} is gone from the server, with the "
                        f"{self._target.split(':', 1)[0]} itself (or you may no longer see it)",
                        case=o.name,
                        pk=pk,
                        noun=noun,
                    )
                else:
                    error = ObjectDeletedError(
                        f"case {o.name!r}: its {noun} {pk} was deleted on the server while its "
                        f"files ({', '.join(report.gone[pk])}) were being imported; rerun the "
                        f"batch to make a new {noun} for it",
                        case=o.name,
                        pk=pk,
                        noun=noun,
                    )
                    self._journal.record(o.key, OBJECT_DELETED, pk="", uploads=None, deleted=pk)
            elif o.ok and pk in report.failed:
                message = report.failed[pk]
                lacking = ", ".join(report.missing[pk])
                error = ImportFailedError(
                    f"the server could not import the files of case {o.name!r} "
                    f"({lacking}): {message}. Its {noun} {pk} stays, without {lacking} (the API "
                    f"cannot delete it); fix the file and rerun the batch: the same {noun} is "
                    "filled then",
                    missing={pk: report.missing[pk]},
                    errors={pk: message},
                )
                self._journal.record(
                    o.key, IMPORT_FAILED, pk="", uploads=None, empty=pk, name=o.name
                )
            elif o.ok and pk in report.missing:
                error = ValuesNotAttachedError(
                    f"case {o.name!r}: {noun} {pk} still lacks "
                    f"{', '.join(report.missing[pk])} after {timeout} s. {_STILL_IMPORTING}",
                    missing={pk: report.missing[pk]},
                )
            outcomes.append(o if error is None else replace(o, error=error))
        settled = BatchResult(outcomes, what=result.what)
        settled.algorithm_pk = result.algorithm_pk
        return settled

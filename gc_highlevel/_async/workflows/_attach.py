"""Waiting for imports: until the server has attached the files of a batch's cases to their
objects, telling a failed import and a deleted object from an import still running.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from gc_highlevel._concurrency import Awaitable
from gc_highlevel._constants import (
    IMPORT_POLL_DELAY_FACTOR,
    IMPORT_POLL_INITIAL_DELAY,
    MAX_IMPORT_POLL_DELAY,
)
from gc_highlevel._exceptions import ImportFailedError, ValuesNotAttachedError
from gc_highlevel._polling import Backoff, Deadline
from gc_highlevel.journal import Journal
from gc_highlevel.socket_values import CasePlan
from gc_highlevel.workflow_types import BatchResult

if TYPE_CHECKING:
    from gc_highlevel._async._client import AsyncClient


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
                f"({_describe_missing(self.missing)}). {STILL_IMPORTING}",
                missing=self.missing,
            )


STILL_IMPORTING = (
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
    backoff = Backoff(
        initial=IMPORT_POLL_INITIAL_DELAY,
        factor=IMPORT_POLL_DELAY_FACTOR,
        maximum=MAX_IMPORT_POLL_DELAY,
    )
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

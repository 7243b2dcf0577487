"""The journal of a batch: which journal ``journal=`` names, and holding it under its lock.

The journal records each case's steps (uploads, objects made, jobs sent), so that a rerun of
the same batch reuses what an earlier run made instead of making it again; its inter-process
lock makes a second run of the same batch wait for the first.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import httpx

from gc_highlevel._constants import (
    LOCK_POLL_DELAY_FACTOR,
    LOCK_POLL_INITIAL_DELAY,
    MAX_LOCK_POLL_DELAY,
)
from gc_highlevel._polling import Backoff, Deadline
from gc_highlevel.journal import Journal, JournalLock
from gc_highlevel.workflow_types import StepEvent

if TYPE_CHECKING:
    from gc_highlevel._async._client import AsyncClient

#: ``journal=`` of the batch calls: True (the user cache dir), a path, a Journal, or
#: False/None (no journal: a rerun cannot know what an earlier run made).
JournalOption = Journal | str | os.PathLike[str] | bool | None
#: Called after each step of each case (e.g. to log, or to stop a batch in a test).
StepCallback = Callable[[StepEvent], None]


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
        backoff = Backoff(
            initial=LOCK_POLL_INITIAL_DELAY,
            factor=LOCK_POLL_DELAY_FACTOR,
            maximum=MAX_LOCK_POLL_DELAY,
        )
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

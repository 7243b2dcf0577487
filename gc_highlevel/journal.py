"""A small local journal that makes batches resumable without duplicates.

Each case of a batch (an archive item, a display set, a job) has a stable *case key*: a hash of
its target and its inputs (file paths, sizes and modification times; JSON values; image URLs),
see :meth:`gc_highlevel.socket_values.CasePlan.fingerprint`. While the batch runs, every step
appends one JSON line to the journal: the uploads made, the object created, the step reached.
Rerunning the same batch reads the journal back and

* skips a case whose object is complete (``step == "done"``),
* reuses what a failed step created (the completed uploads, the created but not yet filled
  item or display set, the submitted job) instead of making another; an item or display set is
  created titled with a random marker recorded here just before the request, so that when the
  create's answer was lost the rerun finds exactly that object (by its title), not any empty one,

so a batch ends with exactly one object per case however often it is interrupted.

Journals live in the user cache dir (``platformdirs``), one file per target, unless a path is
given. A line cut short by a crash is ignored when read back. A batch holds an inter-process lock
on its journal while it runs (:class:`JournalLock`, a ``<journal>.lock`` file next to it), so
that a second run of the same batch waits for the first and then resumes, instead of making
every object again.

Example:
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "batch.jsonl"
    >>> journal = Journal(path)
    >>> entry = journal.record("case-key", "created", item="3f1c")
    >>> Journal(path).get("case-key").ids["item"]
    '3f1c'
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gc_highlevel._exceptions import BatchInProgressError as BatchInProgressError

__all__ = [
    "DONE",
    "JOURNAL_DIR_ENV",
    "BatchInProgressError",
    "Journal",
    "JournalEntry",
    "JournalLock",
    "default_journal_path",
    "journal_dir",
]

#: The step that marks a case as finished.
DONE = "done"


@dataclass
class JournalEntry:
    """What the journal knows about one case: the last ``step`` and the ids created so far."""

    key: str
    step: str
    ids: dict[str, Any] = field(default_factory=dict)
    updated: float = 0.0

    @property
    def done(self) -> bool:
        """Whether the case was finished."""
        return self.step == DONE


#: Environment variable naming the folder journals are kept in (default: the user cache dir).
JOURNAL_DIR_ENV = "GC_CLIENT_JOURNAL_DIR"


def journal_dir() -> Path:
    """The folder batch journals live in: ``$GC_CLIENT_JOURNAL_DIR``, else the user cache dir.

    Example:
        >>> journal_dir().name
        'journals'
    """
    configured = os.environ.get(JOURNAL_DIR_ENV)
    if configured:
        return Path(configured)
    import platformdirs

    return platformdirs.user_cache_path("gc-client") / "journals"


def default_journal_path(target: str) -> Path:
    """Where the journal of batches on ``target`` lives (see :func:`journal_dir`).

    Example:
        >>> default_journal_path("archive:radboudcovid").name
        'archive-radboudcovid.jsonl'
    """
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", target).strip("-") or "batch"
    return journal_dir() / f"{safe}.jsonl"


class Journal:
    """An append-only JSON-lines journal of batch steps, keyed by case key. Thread-safe.

    Args:
        path: the journal file (created with its folder on the first record); ``None`` keeps
            the journal in memory only (nothing survives the process).

    Example:
        >>> journal = Journal.for_target("archive:radboudcovid")   # in the user cache dir
        >>> entry = journal.get("some-case-key")                 # None: never seen
    """

    def __init__(self, path: str | os.PathLike[str] | None) -> None:
        self.path = Path(path) if path is not None else None
        self._lock = threading.Lock()
        self._entries: dict[str, JournalEntry] = {}
        self._load()

    @classmethod
    def for_target(cls, target: str) -> Journal:
        """The journal of ``target`` in the user cache dir (see :func:`default_journal_path`)."""
        return cls(default_journal_path(target))

    def _load(self) -> None:
        if self.path is None or not self.path.exists():
            return
        with self.path.open("r", encoding="utf-8") as fh:
            for line in fh:
                try:
                    rec = json.loads(line)
                    key, step, ids = rec["key"], rec["step"], rec.get("ids", {})
                except (ValueError, KeyError, TypeError):
                    continue  # a line cut short by a crash
                entry = self._entries.setdefault(key, JournalEntry(key, step))
                entry.step = step
                entry.ids.update(ids)
                entry.updated = float(rec.get("t", 0.0))

    def reload(self) -> None:
        """Read the file again (another process may have written to it since)."""
        with self._lock:
            self._entries.clear()
            self._load()

    def get(self, key: str) -> JournalEntry | None:
        """The entry of case ``key``, or None if the journal never saw it."""
        with self._lock:
            return self._entries.get(key)

    def record(self, key: str, step: str, **ids: Any) -> JournalEntry:
        """Append that case ``key`` reached ``step``, with the ids created in it (durably).

        Example:
            >>> journal = Journal(None)                     # in memory
            >>> journal.record("key", "uploaded", uploads={"ct-image": ["https://…/uploads/1/"]}).step
            'uploaded'
        """
        now = time.time()
        line = json.dumps({"key": key, "step": step, "ids": ids, "t": now}, default=str)
        with self._lock:
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with self.path.open("a", encoding="utf-8") as fh:
                    fh.write(line + "\n")
                    fh.flush()
                    os.fsync(fh.fileno())
            entry = self._entries.setdefault(key, JournalEntry(key, step))
            entry.step = step
            entry.ids.update(json.loads(json.dumps(ids, default=str)))
            entry.updated = now
            return entry

    def claimed(self, name: str) -> set[str]:
        """Every id recorded under ``name`` (e.g. all item pks), to avoid adopting one twice."""
        with self._lock:
            return {str(e.ids[name]) for e in self._entries.values() if name in e.ids}

    def entries(self) -> Iterator[JournalEntry]:
        """All entries (a snapshot)."""
        with self._lock:
            return iter(list(self._entries.values()))

    def counts(self) -> Mapping[str, int]:
        """How many cases are at each step."""
        out: dict[str, int] = {}
        for e in self.entries():
            out[e.step] = out.get(e.step, 0) + 1
        return out

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def __repr__(self) -> str:
        where = str(self.path) if self.path is not None else None
        return f"Journal({where!r}, cases={len(self)})"


class JournalLock:
    """An inter-process lock on the journal at ``journal_path`` (``<journal>.lock`` beside it).

    The operating system's file lock (``filelock``): it is released when its holder ends, even
    by a crash, so a stale lock never blocks a rerun. Not reentrant: a second ``JournalLock``
    on the same journal, in this process too, waits for the first.

    Example:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "batch.jsonl"
        >>> first, second = JournalLock(path), JournalLock(path)
        >>> first.try_acquire(), second.try_acquire()
        (True, False)
        >>> first.release()
        >>> second.try_acquire()
        True
        >>> second.release()
    """

    def __init__(self, journal_path: str | os.PathLike[str]) -> None:
        import filelock

        journal = Path(journal_path)
        self.journal = journal
        self.path = journal.with_name(journal.name + ".lock")
        self._timeout = filelock.Timeout
        # thread_local=False: the sync client may release it from another thread than the one
        # that took it; separate instances on one path exclude each other, in one process too.
        self._lock = filelock.FileLock(self.path, thread_local=False)

    def try_acquire(self) -> bool:
        """Take the lock if it is free (never blocks); True if taken."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire(timeout=0)
        except self._timeout:
            return False
        return True

    def release(self) -> None:
        """Let the next run of the batch have the journal."""
        self._lock.release()

    def in_progress(self, waited: float) -> BatchInProgressError:
        """The error for a lock not taken after ``waited`` seconds."""
        after = "" if waited <= 0 else f" (waited {waited:.1f} s)"
        return BatchInProgressError(
            f"another run of this batch is in progress{after}: it holds the journal "
            f"{self.journal}. Let it finish, then rerun to resume (nothing is made twice); "
            "or pass wait_for_lock=None to wait for it, or journal= another path to run a "
            "separate batch",
            self.journal,
        )

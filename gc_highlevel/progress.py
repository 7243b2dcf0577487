"""Progress reporting for uploads and downloads (bytes), and for workflows (cases, jobs).

Every transfer call takes ``progress=``:

* ``None`` (default): a tqdm bytes bar when a person is watching (stderr is a terminal, or the
  code runs in a Jupyter kernel), nothing otherwise (CI logs, cron, pipes);
* ``False``: nothing; ``True``: always a bar;
* a callable: called with a :class:`ProgressEvent` after each chunk, from whatever thread or
  task moved the bytes (calls are serialised, so the callback needs no lock of its own).

Example:
    >>> from gc_highlevel.progress import ProgressEvent
    >>> seen = []
    >>> def on_progress(event: ProgressEvent) -> None:
    ...     seen.append((event.name, event.done, event.total))
    >>> reporter = make_reporter(on_progress, total=10, description="upload")
    >>> reporter.advance("a.mha", 4); reporter.advance("a.mha", 6); reporter.close()
    >>> seen
    [('a.mha', 4, 10), ('a.mha', 10, 10)]

The workflows (cases, jobs) count things, not bytes, on a :class:`CaseBar` from
:func:`case_bar`: a tqdm bar when someone watches, else silent (``progress=`` as above, without
the callable).

Example:
    >>> bar = case_bar(3, "add cases", progress=False)
    >>> bar.update(1); bar.set_postfix_str("1 done"); bar.close()
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

__all__ = ["ProgressCallback", "ProgressEvent", "ProgressOption", "make_reporter"]


@dataclass(frozen=True)
class ProgressEvent:
    """Bytes moved so far.

    ``name`` is the file the latest chunk belongs to, ``delta`` its size, ``done``/``total`` the
    bytes of the whole operation (all files of a batch; ``total`` is None when unknown).
    """

    name: str
    delta: int
    done: int
    total: int | None


ProgressCallback = Callable[[ProgressEvent], None]
#: What ``progress=`` accepts; see the module docstring.
ProgressOption = bool | ProgressCallback | None


class Reporter(Protocol):
    """What the transfer engine talks to."""

    def advance(self, name: str, delta: int) -> None: ...

    def add_total(self, delta: int) -> None: ...

    def close(self) -> None: ...


class _Silent:
    def advance(self, name: str, delta: int) -> None:
        return None

    def add_total(self, delta: int) -> None:
        return None

    def close(self) -> None:
        return None


class _Counting:
    """Keeps the totals under a lock and hands events to a sink."""

    def __init__(self, total: int | None) -> None:
        self._lock = threading.Lock()
        self.done = 0
        self.total = total

    def add_total(self, delta: int) -> None:
        with self._lock:
            self.total = (self.total or 0) + delta
            self._on_total()

    def advance(self, name: str, delta: int) -> None:
        with self._lock:
            self.done += delta
            self._emit(name, delta)

    def _on_total(self) -> None:
        return None

    def _emit(self, name: str, delta: int) -> None:
        raise NotImplementedError

    def close(self) -> None:
        return None


class _Callback(_Counting):
    def __init__(self, fn: ProgressCallback, total: int | None) -> None:
        super().__init__(total)
        self._fn = fn

    def _emit(self, name: str, delta: int) -> None:
        self._fn(ProgressEvent(name, delta, self.done, self.total))


def byte_bar(total: int | None, description: str, **options: Any) -> Any:
    """A tqdm bar counting bytes (KiB, MiB, ... by 1024), kept on screen when done; ``options``
    go to tqdm as they are (``bar_format=``, say)."""
    import importlib

    tqdm = importlib.import_module("tqdm.auto").tqdm  # no type stubs; Any is enough
    return tqdm(
        total=total,
        desc=description,
        unit="B",
        unit_scale=True,
        unit_divisor=1024,
        dynamic_ncols=True,
        leave=True,
        **options,
    )


class _Bar(_Counting):
    def __init__(self, total: int | None, description: str) -> None:
        super().__init__(total)
        self._bar: Any = byte_bar(total, description)

    def _on_total(self) -> None:
        self._bar.total = self.total
        self._bar.refresh()

    def _emit(self, name: str, delta: int) -> None:
        self._bar.update(delta)

    def close(self) -> None:
        self._bar.close()


class ByteTally:
    """Joins the bytes of many transfer calls into one stream of events for a whole batch.

    Each transfer call gets its own ``progress=`` callable from :meth:`call`; the events they
    receive (``done``/``total`` of that call) reach ``callback`` as events of the batch:
    ``delta`` as sent, ``done`` the bytes of every call so far, ``total`` the sum of the totals
    the calls have reported so far (it grows as the batch's uploads start). Calls to
    ``callback`` are serialised, whatever thread or task the calls run in.

    Example:
        >>> seen = []
        >>> tally = ByteTally(lambda e: seen.append((e.name, e.delta, e.done, e.total)))
        >>> first, second = tally.call(), tally.call()
        >>> first(ProgressEvent("a.mha", 512, 512, 1024))
        >>> second(ProgressEvent("b.mha", 100, 100, 100))
        >>> first(ProgressEvent("a.mha", 512, 1024, 1024))
        >>> seen
        [('a.mha', 512, 512, 1024), ('b.mha', 100, 612, 1124), ('a.mha', 512, 1124, 1124)]
    """

    def __init__(self, callback: ProgressCallback) -> None:
        self._callback = callback
        self._lock = threading.Lock()
        self.done = 0
        self.total = 0

    def call(self) -> ProgressCallback:
        """The ``progress=`` callable for one transfer call (its total joins the batch's)."""
        seen = [0]  # this call's total as last reported

        def report(event: ProgressEvent) -> None:
            with self._lock:
                total = event.total or 0
                self.total += total - seen[0]
                seen[0] = total
                self.done += event.delta
                self._callback(ProgressEvent(event.name, event.delta, self.done, self.total))

        return report


def interactive() -> bool:
    """Whether someone is likely watching: stderr is a terminal, or a Jupyter kernel runs."""
    if "ipykernel" in sys.modules:
        return True
    stream = sys.stderr
    return bool(stream is not None and hasattr(stream, "isatty") and stream.isatty())


def make_reporter(option: ProgressOption, *, total: int | None, description: str) -> Reporter:
    """The reporter for ``progress=option`` (see the module docstring).

    Example:
        >>> make_reporter(False, total=1, description="x").advance("x", 1)
    """
    if callable(option):
        return _Callback(option, total)
    if option is False or (option is None and not interactive()):
        return _Silent()
    return _Bar(total, description)


# -- workflows: counting bars (cases, jobs) ------------------------------------------------------


class CaseBar(Protocol):
    """What the workflows use of a tqdm bar."""

    def update(self, n: float | None = 1) -> bool | None: ...

    def set_postfix_str(self, s: str = "", refresh: bool = True) -> None: ...

    def close(self) -> None: ...


class _SilentCaseBar:
    def update(self, n: float | None = 1) -> bool | None:
        return None

    def set_postfix_str(self, s: str = "", refresh: bool = True) -> None:
        return None

    def close(self) -> None:
        return None


def case_bar(total: int, description: str, *, progress: bool | None, unit: str = "case") -> CaseBar:
    """A bar counting ``total`` things; ``progress=None`` shows it only on a terminal/notebook."""
    if progress is False or (progress is None and not interactive()):
        return _SilentCaseBar()
    import importlib

    tqdm = importlib.import_module("tqdm.auto").tqdm  # no type stubs
    bar: CaseBar = tqdm(total=total, desc=description, unit=unit, leave=True)
    return bar

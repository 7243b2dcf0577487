"""Bytes sent, for ``upload``, ``run`` and ``invoke``: the workflows count cases (a 100 MiB
file sits at ``0/1`` until it is in), so the command line adds a bar of the bytes their
uploads send.

The workflows call ``client.transfers.upload``/``upload_many``/``resume_upload`` with
``progress=False``; while :func:`byte_progress` is active, those calls on this client report
to one shared :class:`ByteMeter` instead. Shown on stderr, only when someone watches (stderr
is a terminal, as for the other bars) or when progress is forced; never with ``--quiet`` or
``--no-progress``.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from gc_highlevel.cli._term import human_size

if TYPE_CHECKING:
    from gc_highlevel import Client
    from gc_highlevel.progress import ProgressEvent

__all__ = ["ByteMeter", "byte_progress"]

_UPLOAD_CALLS = ("upload", "upload_many", "resume_upload")


class ByteMeter:
    """Sums the bytes of many transfer calls (each with its own total) on one tqdm bar.

    Example:
        >>> from gc_highlevel.progress import ProgressEvent
        >>> meter = ByteMeter("upload", show=False)
        >>> report = meter.callback()
        >>> report(ProgressEvent("a.mha", 512, 512, 2048)); report(ProgressEvent("a.mha", 512, 1024, 2048))
        >>> meter.summary()
        'sent 1.0 KiB of 2.0 KiB'
    """

    def __init__(self, description: str, *, show: bool = True) -> None:
        self._lock = threading.Lock()
        self.done = 0
        self.total = 0
        self._bar: Any = None
        if show:
            import importlib

            tqdm = importlib.import_module("tqdm.auto").tqdm  # no type stubs
            self._bar = tqdm(
                total=0,
                desc=description,
                unit="B",
                unit_scale=True,
                unit_divisor=1024,
                dynamic_ncols=True,
                leave=True,
                # "12.0MB/100MB" (tqdm's own leaves the unit off the counts: "12.0M/100M")
                bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}B/{total_fmt}B "
                "[{elapsed}<{remaining}, {rate_fmt}]",
            )

    def callback(self) -> Callable[[ProgressEvent], None]:
        """A ``progress=`` callable for one transfer call (its total joins the bar's)."""
        seen = [0]  # this call's total as last reported

        def report(event: ProgressEvent) -> None:
            with self._lock:
                total = event.total or 0
                if total != seen[0]:
                    self.total += total - seen[0]
                    seen[0] = total
                    if self._bar is not None:
                        self._bar.total = self.total
                        self._bar.refresh()
                self.done += event.delta
                if self._bar is not None:
                    self._bar.update(event.delta)

        return report

    def summary(self) -> str:
        """``sent 1.0 KiB of 2.0 KiB``."""
        return f"sent {human_size(self.done)} of {human_size(self.total)}"

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _shown(progress: bool | None) -> bool:
    """Whether a bar shows for ``progress`` (None: only when someone watches)."""
    from gc_highlevel import progress as _progress

    return progress is True or (progress is None and _progress.interactive())


@contextmanager
def byte_progress(
    client: Client, progress: bool | None, description: str = "upload"
) -> Iterator[ByteMeter | None]:
    """While active, the uploads the workflows make on ``client`` report their bytes to one
    bar on stderr (when ``progress`` shows bars); the meter, or None when nothing shows."""
    if not _shown(progress):
        yield None
        return
    meter = ByteMeter(description)
    transfers = client.transfers
    for name in _UPLOAD_CALLS:
        original = getattr(transfers, name)

        @functools.wraps(original)
        def counted(*args: Any, _original: Any = original, **kwargs: Any) -> Any:
            if kwargs.get("progress") is False:  # the workflows' own, silent uploads
                kwargs["progress"] = meter.callback()
            return _original(*args, **kwargs)

        setattr(transfers, name, counted)  # on this client's object only
    try:
        yield meter
    finally:
        for name in _UPLOAD_CALLS:
            transfers.__dict__.pop(name, None)
        meter.close()

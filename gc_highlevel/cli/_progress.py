"""Bytes sent, for ``upload``, ``run``, ``invoke`` and ``display-sets``: the workflows count
cases (a 100 MiB file sits at ``0/1`` until it is in), so the command line adds a bar of the
bytes their uploads send.

The batch workflows take ``byte_progress=``, a :data:`~gc_highlevel.progress.ProgressCallback`
that receives the bytes of the whole batch; :func:`byte_meter` gives the one to pass (a
:class:`ByteMeter`), or None. Shown on stderr, only when someone watches (stderr is a terminal,
as for the other bars) or when progress is forced; never with ``--quiet`` or
``--no-progress``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from gc_highlevel.cli._term import human_size

if TYPE_CHECKING:
    from gc_highlevel.progress import ProgressEvent

__all__ = ["ByteMeter", "byte_meter"]


class ByteMeter:
    """A batch's bytes on one tqdm bar: pass it as ``byte_progress=`` of a batch workflow.

    It takes the workflow's events (``done``/``total`` of the whole batch; the total grows as
    uploads start).

    Example:
        >>> from gc_highlevel.progress import ProgressEvent
        >>> meter = ByteMeter("upload", show=False)
        >>> meter(ProgressEvent("a.mha", 512, 512, 2048)); meter(ProgressEvent("a.mha", 512, 1024, 2048))
        >>> meter.summary()
        'sent 1.0 KiB of 2.0 KiB'
    """

    def __init__(self, description: str, *, show: bool = True) -> None:
        self.done = 0
        self.total = 0
        self._bar: Any = None
        if show:
            from gc_highlevel.progress import byte_bar

            self._bar = byte_bar(
                0,
                description,
                # "12.0MB/100MB" (tqdm's own leaves the unit off the counts: "12.0M/100M")
                bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}B/{total_fmt}B "
                "[{elapsed}<{remaining}, {rate_fmt}]",
            )

    def __call__(self, event: ProgressEvent) -> None:
        """One event of the batch (the workflows serialise their calls)."""
        total = event.total or 0
        if total != self.total:
            self.total = total
            if self._bar is not None:
                self._bar.total = total
                self._bar.refresh()
        self.done = event.done
        if self._bar is not None:
            self._bar.update(event.delta)

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
def byte_meter(progress: bool | None, description: str = "upload") -> Iterator[ByteMeter | None]:
    """The ``byte_progress=`` for a batch workflow: a bar of its bytes on stderr when
    ``progress`` shows bars (closed on exit), else None (the uploads stay silent).

    Example:
        >>> with byte_meter(False) as meter:
        ...     print(meter)
        None
    """
    if not _shown(progress):
        yield None
        return
    meter = ByteMeter(description)
    try:
        yield meter
    finally:
        meter.close()

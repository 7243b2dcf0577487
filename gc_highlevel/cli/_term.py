"""Output of the command line: results on stdout, information, warnings and errors on stderr,
aligned tables, sizes, and the yes/no question.

Streams are looked up on every call (``sys.stdout``/``sys.stderr`` at that moment), so that
tests capturing them, and users redirecting them, see everything.
"""

from __future__ import annotations

import datetime
import json
import sys
import uuid
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any, TextIO

__all__ = ["CommandError", "Console", "human_size", "stdin_is_tty", "table", "to_json"]


class CommandError(Exception):
    """A problem with what the user asked for, reported as ``error: <message>``.

    ``exit_code`` is 1, or 2 for a usage error (as argparse uses).

    Example:
        >>> CommandError("no files to upload", exit_code=2).exit_code
        2
    """

    def __init__(self, message: str, *, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def stdin_is_tty() -> bool:
    """Whether standard input is an interactive terminal (someone can answer a question).

    Example:
        >>> import io, sys
        >>> saved, sys.stdin = sys.stdin, io.StringIO("y\\n")
        >>> stdin_is_tty()
        False
        >>> sys.stdin = saved
    """
    stream = sys.stdin
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, OSError, ValueError):
        return False


def human_size(size: int) -> str:
    """A byte count for people: ``512 B``, ``1.5 KiB``, ``3.2 GiB``.

    Example:
        >>> human_size(512), human_size(1536), human_size(5 * 2**30)
        ('512 B', '1.5 KiB', '5.0 GiB')
    """
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if value < 1024 or unit == "TiB":
            return f"{size} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")  # pragma: no cover


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, indent: str = "  ") -> str:
    """Rows under headers in aligned columns (the last column is not padded).

    Example:
        >>> print(table(["FILE", "ERROR"], [["a.mha", "not an image"], ["long-name.mha", "x"]]))
          FILE           ERROR
          a.mha          not an image
          long-name.mha  x
    """
    cells = [list(headers), *([" ".join(str(c).split()) for c in row] for row in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers) - 1)]
    lines = []
    for row in cells:
        padded = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append(indent + "  ".join([*padded, row[-1]]).rstrip())
    return "\n".join(lines)


def _plain(value: Any) -> Any:
    """What :func:`json.dumps` cannot write itself: UUIDs, paths, dates as strings."""
    if isinstance(value, (uuid.UUID, PurePath)):
        return str(value)
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def to_json(data: Any) -> str:
    """``data`` as the indented JSON document ``--json`` prints (UUIDs and paths as strings).

    Example:
        >>> import uuid
        >>> print(to_json({"pk": uuid.UUID(int=1), "n": 2}))
        {
          "pk": "00000000-0000-0000-0000-000000000001",
          "n": 2
        }
    """
    return json.dumps(data, indent=2, default=_plain, ensure_ascii=False)


class Console:
    """Where the command line writes: ``result`` to stdout (always), ``info`` to stderr
    (unless ``quiet``), ``warn`` and ``error`` to stderr (always).

    With ``json`` (``--json``), stdout holds only the one JSON document a command hands to
    :meth:`data`; the readable results (tables, sentences) go to stderr like ``info``.

    Example:
        >>> Console(quiet=False).result("demo")
        demo
        >>> Console(quiet=True, json=True).data({"username": "demo"})
        {
          "username": "demo"
        }
    """

    def __init__(self, *, quiet: bool, json: bool = False) -> None:
        self.quiet = quiet
        self.json = json

    @staticmethod
    def _write(stream: TextIO | None, text: str) -> None:
        if stream is not None:
            stream.write(text + "\n")
            stream.flush()

    def result(self, text: str) -> None:
        """What the command produced (names, tables): stdout (stderr, like ``info``, with
        ``--json``)."""
        if self.json:
            self.info(text)
        else:
            self._write(sys.stdout, text)

    def data(self, data: Any) -> None:
        """The command's result as JSON on stdout, with ``--json`` (nothing otherwise)."""
        if self.json:
            self._write(sys.stdout, to_json(data))

    def info(self, text: str) -> None:
        """What the command is doing: stderr, unless ``--quiet``."""
        if not self.quiet:
            self._write(sys.stderr, text)

    def always(self, text: str) -> None:
        """Information shown even with ``--quiet`` (e.g. a summary the user must confirm)."""
        self._write(sys.stderr, text)

    def warn(self, text: str) -> None:
        """``warning: <text>`` on stderr."""
        self._write(sys.stderr, f"warning: {text}")

    def error(self, text: str) -> None:
        """``error: <text>`` on stderr; further lines are kept as they are."""
        self._write(sys.stderr, f"error: {text}")

    def confirm(self, question: str) -> bool:
        """Ask ``question [y/N]`` on the terminal; True only for an explicit yes.

        Callers only ask when standard input is a terminal (see :func:`stdin_is_tty`).
        """
        stream = sys.stderr
        if stream is not None:
            stream.write(f"{question} [y/N] ")
            stream.flush()
        answer = sys.stdin.readline() if sys.stdin is not None else ""
        return answer.strip().lower() in ("y", "yes")

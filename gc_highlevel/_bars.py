"""Counting progress bars for workflows (cases, jobs): tqdm when someone watches, else silent.

Example:
    >>> bar = case_bar(3, "add cases", progress=False)
    >>> bar.update(1); bar.set_postfix_str("1 done"); bar.close()
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["CaseBar", "case_bar"]


class CaseBar(Protocol):
    """What the workflows use of a tqdm bar."""

    def update(self, n: float | None = 1) -> bool | None: ...

    def set_postfix_str(self, s: str = "", refresh: bool = True) -> None: ...

    def close(self) -> None: ...


class _Silent:
    def update(self, n: float | None = 1) -> bool | None:
        return None

    def set_postfix_str(self, s: str = "", refresh: bool = True) -> None:
        return None

    def close(self) -> None:
        return None


def case_bar(total: int, description: str, *, progress: bool | None, unit: str = "case") -> CaseBar:
    """A bar counting ``total`` things; ``progress=None`` shows it only on a terminal/notebook."""
    from gc_highlevel.progress import interactive

    if progress is False or (progress is None and not interactive()):
        return _Silent()
    import importlib

    tqdm = importlib.import_module("tqdm.auto").tqdm  # no type stubs
    bar: CaseBar = tqdm(total=total, desc=description, unit=unit, leave=True)
    return bar

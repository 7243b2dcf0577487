"""The one shape of a call's per-item results: :class:`Results` of :class:`Outcome`\\ s.

A call that handles many items (files of ``transfers.upload_many``, cases of
``archives.add_cases``...) does not stop at the first failure: it returns a :class:`Results`,
a read-only sequence with one :class:`Outcome` per item, in input order. Each outcome has a
``name`` and either its value or the ``error`` it failed with (``ok`` says which). On top of
the sequence:

* ``ok``: whether every item succeeded; ``succeeded`` and ``failed``: those outcomes;
* ``raise_for_errors()``: raise one error naming each failed item (its first ten, the rest
  counted) and carrying the whole result;
* a way to get every value that raises that error if any item failed;
* pickling with the errors (``multiprocessing`` sends results between processes), and a
  ``repr`` that counts outcomes rather than listing them.

Two kinds build on it: :class:`~gc_highlevel.TransferResults` of
:class:`~gc_highlevel.TransferOutcome` (``value``; ``values()`` raises
:class:`~gc_highlevel.TransferBatchError`) and :class:`~gc_highlevel.BatchResult` of
:class:`~gc_highlevel.CaseOutcome` (``pk`` and ``created``; ``pks()`` raises
:class:`~gc_highlevel.BatchError`).

Example:
    >>> import pickle
    >>> from gc_highlevel.workflow_types import BatchResult, CaseOutcome
    >>> result = BatchResult([
    ...     CaseOutcome(0, "a.mha", "k0", pk=None, created="item"),
    ...     CaseOutcome(1, "b.mha", "k1", pk=None, error=ValueError("bad")),
    ... ])
    >>> result.ok, [o.name for o in result.succeeded], [o.name for o in result.failed]
    (False, ['a.mha'], ['b.mha'])
    >>> pickle.loads(pickle.dumps(result)).failed[0].error
    ValueError('bad')
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar, overload

__all__ = ["LISTED", "Outcome", "Results"]

#: Failed items an error message names; the others are counted.
LISTED = 10


class Outcome:
    """The outcome of one item: its ``name``, and its value or the ``error`` it failed with.

    Subclasses are frozen dataclasses that declare these fields and the value's.
    """

    __slots__ = ()

    name: str
    error: BaseException | None

    @property
    def ok(self) -> bool:
        """Whether the item succeeded (has no error)."""
        return self.error is None


OutcomeT = TypeVar("OutcomeT", bound=Outcome)


class Results(Sequence[OutcomeT]):
    """Per-item outcomes in input order (the module docstring describes the shape).

    Subclasses say which error :meth:`raise_for_errors` raises (:meth:`_error`) and may add
    to the ``repr`` (:meth:`_summary`).
    """

    def __init__(self, outcomes: Sequence[OutcomeT]) -> None:
        self._outcomes = list(outcomes)

    @overload
    def __getitem__(self, index: int) -> OutcomeT: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[OutcomeT]: ...

    def __getitem__(self, index: int | slice) -> OutcomeT | Sequence[OutcomeT]:
        return self._outcomes[index]

    def __len__(self) -> int:
        return len(self._outcomes)

    def __iter__(self) -> Iterator[OutcomeT]:
        return iter(self._outcomes)

    @property
    def ok(self) -> bool:
        """Whether every item succeeded."""
        return all(o.ok for o in self._outcomes)

    @property
    def succeeded(self) -> list[OutcomeT]:
        """The outcomes without an error, in input order."""
        return [o for o in self._outcomes if o.ok]

    @property
    def failed(self) -> list[OutcomeT]:
        """The outcomes with an error, in input order."""
        return [o for o in self._outcomes if not o.ok]

    def raise_for_errors(self) -> None:
        """Raise the kind's error (see :meth:`_error`) naming each failed item, if any failed."""
        failed = self.failed
        if failed:
            raise self._error(failed)

    def _error(self, failed: list[OutcomeT]) -> Exception:
        """The error :meth:`raise_for_errors` raises for the ``failed`` outcomes."""
        raise NotImplementedError

    def _summary(self) -> str:
        """What the ``repr`` says inside its parentheses."""
        return f"succeeded={len(self.succeeded)}, failed={len(self.failed)}"

    def __repr__(self) -> str:
        if not isinstance(getattr(self, "_outcomes", None), list):  # half built
            return f"{type(self).__name__}()"
        return f"{type(self).__name__}({self._summary()})"

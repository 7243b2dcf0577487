"""Typed results of the workflows (batches, output-to-input rows, downloads).

Example:
    >>> result = BatchResult([CaseOutcome(0, "ct1.mha", "k", pk=None, error=ValueError("x"))])
    >>> result.ok, len(result.failed)
    (False, 1)
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from gc_highlevel._exceptions import AttachError as AttachError
from gc_highlevel._exceptions import BatchError as BatchError
from gc_highlevel._exceptions import CaseNotStartedError as CaseNotStartedError
from gc_highlevel._exceptions import DisplaySetsLockedError as DisplaySetsLockedError
from gc_highlevel._exceptions import EndpointError as EndpointError
from gc_highlevel._exceptions import EndpointStoppedError as EndpointStoppedError
from gc_highlevel._exceptions import EndpointTimeoutError as EndpointTimeoutError
from gc_highlevel._exceptions import ImportFailedError as ImportFailedError
from gc_highlevel._exceptions import InvocationFailedError as InvocationFailedError
from gc_highlevel._exceptions import InvocationTimeoutError as InvocationTimeoutError
from gc_highlevel._exceptions import ObjectDeletedError as ObjectDeletedError
from gc_highlevel._exceptions import ValuesNotAttachedError as ValuesNotAttachedError
from gc_highlevel._results import LISTED, Outcome, Results

if TYPE_CHECKING:
    from gc_api.models.archive_item import ArchiveItem
    from gc_api.models.component_interface import ComponentInterface
    from gc_api.models.hyperlinked_component_interface_value import (
        HyperlinkedComponentInterfaceValue,
    )
    from gc_api.models.hyperlinked_image import HyperlinkedImage
    from gc_api.models.hyperlinked_job import HyperlinkedJob

__all__ = [
    "NOT_STARTED_REASONS",
    "AlgorithmSummary",
    "ArchiveCase",
    "AttachError",
    "BatchError",
    "BatchResult",
    "CaseNotStartedError",
    "CaseOutcome",
    "DisplaySetsLockedError",
    "DownloadedOutput",
    "EndpointError",
    "EndpointStoppedError",
    "EndpointTimeoutError",
    "GroundTruthRow",
    "ImportFailedError",
    "InterfaceSummary",
    "InvocationFailedError",
    "InvocationTimeoutError",
    "MirrorResult",
    "OutputRow",
    "OutputsByInput",
    "SocketSummary",
    "StepEvent",
    "ValuesNotAttachedError",
]

T = TypeVar("T")


@dataclass(frozen=True)
class StepEvent:
    """A case reached a step of a batch (``uploaded``, ``creating``, ``created``, ``done``...).

    Passed to a batch's ``on_step`` callback right after the step was written to the journal.
    ``ids`` are what the case created so far (upload URLs, item/display set/job pk).
    """

    index: int
    name: str
    step: str
    ids: Mapping[str, object]


@dataclass(frozen=True)
class CaseOutcome(Outcome, Generic[T]):
    """What happened to one case of a batch.

    ``pk`` is the object made for the case (item, display set or job), also when an earlier
    run made it (``skipped``); ``created`` is the object as returned by the server when this
    run made it; ``error`` says why the case failed (then rerun the batch to finish it).
    """

    index: int
    name: str
    key: str
    pk: uuid.UUID | None
    created: T | None = None
    skipped: bool = False
    error: BaseException | None = None


#: Why a batch stopped before some of its cases (:attr:`CaseNotStartedError.reason`).
NOT_STARTED_REASONS = ("permission", "target-gone", "credits", "quota")


class BatchResult(Results[CaseOutcome[T]]):
    """The outcomes of a batch, one per case, in input order (the shape:
    :mod:`gc_highlevel._results`).

    Example:
        >>> result = await client.archives.add_cases("radboudcovid", cases)  # doctest: +SKIP
        >>> result.raise_for_errors()                                         # doctest: +SKIP
        >>> item_pks = result.pks()                                           # doctest: +SKIP
    """

    def __init__(
        self,
        outcomes: Sequence[CaseOutcome[T]],
        *,
        what: str = "case",
        advice: str = "rerun the same batch to finish them; finished ones are not repeated",
    ) -> None:
        super().__init__(outcomes)
        self.what = what
        #: What a user does about failed items (said by the error ``raise_for_errors`` raises).
        self.advice = advice
        #: The algorithm of a batch of jobs (lets ``jobs.wait`` filter its list requests).
        self.algorithm_pk: uuid.UUID | None = None

    @property
    def skipped(self) -> list[CaseOutcome[T]]:
        """Cases an earlier run had finished (found in the journal)."""
        return [o for o in self._outcomes if o.skipped]

    @property
    def not_started(self) -> list[CaseOutcome[T]]:
        """Cases left untouched after the server refused an earlier one the way it would
        refuse them all (their error is a :class:`CaseNotStartedError`): rerun the batch once
        the cause is fixed to finish them.

        Example:
            >>> stopped = CaseOutcome(1, "b.mha", "k", pk=None, error=CaseNotStartedError("x"))
            >>> [o.name for o in BatchResult([stopped]).not_started]
            ['b.mha']
        """
        return [o for o in self._outcomes if isinstance(o.error, CaseNotStartedError)]

    def pks(self) -> list[uuid.UUID]:
        """The objects' pks in input order; raises :class:`BatchError` if a case failed."""
        self.raise_for_errors()
        return [o.pk for o in self._outcomes if o.pk is not None]

    def raise_for_errors(self) -> None:
        """Raise :class:`BatchError` naming each failed case, if any failed."""
        super().raise_for_errors()

    def _error(self, failed: list[CaseOutcome[T]]) -> BatchError:
        lines = [f"  {o.index}: {o.name}: {o.error}" for o in failed[:LISTED]]
        more = f"\n  ... and {len(failed) - LISTED} more" if len(failed) > LISTED else ""
        return BatchError(
            f"{len(failed)} of {len(self)} {self.what}s failed ({self.advice}):\n"
            + "\n".join(lines)
            + more,
            result=self,  # type: ignore[arg-type]
        )

    def _summary(self) -> str:
        return (
            f"{len(self.succeeded)} ok ({len(self.skipped)} from an earlier run), "
            f"{len(self.failed)} failed"
        )


@dataclass(frozen=True)
class OutputRow:
    """One job of an algorithm with its input images and its outputs by socket slug."""

    inputs: tuple[HyperlinkedImage, ...]
    job: HyperlinkedJob
    outputs: Mapping[str, HyperlinkedComponentInterfaceValue]

    @property
    def input_name(self) -> str:
        """The name of the (first) input image, e.g. ``coronacases_001.mha``."""
        return self.inputs[0].name if self.inputs else str(self.job.pk)

    @property
    def status(self) -> str:
        return self.job.status

    def output_image_pk(self, socket: str) -> str | None:
        """The pk of the output image on ``socket``, if there is one."""
        value = self.outputs.get(socket)
        if value is None or not value.image:
            return None
        return value.image.rstrip("/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class OutputsByInput:
    """Output-to-input mapping: ``rows`` (one per job) and the inputs no job has processed."""

    rows: tuple[OutputRow, ...]
    unprocessed: tuple[HyperlinkedImage, ...] = ()

    def __iter__(self) -> Iterator[OutputRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def for_input(self, image_pk: uuid.UUID | str) -> list[OutputRow]:
        """The rows whose inputs include the image ``image_pk``."""
        key = str(image_pk)
        return [r for r in self.rows if any(str(i.pk) == key for i in r.inputs)]


@dataclass(frozen=True)
class DownloadedOutput:
    """One downloaded output (or value written as JSON)."""

    job_pk: uuid.UUID
    socket: str
    path: Path
    input_name: str
    skipped: bool = False


@dataclass(frozen=True)
class ArchiveCase:
    """An archive item with its values by socket slug."""

    item: ArchiveItem
    values: Mapping[str, HyperlinkedComponentInterfaceValue] = field(default_factory=dict)

    @property
    def pk(self) -> uuid.UUID:
        return self.item.pk

    @property
    def title(self) -> str:
        title = self.item.title
        return title if isinstance(title, str) else ""

    def image_url(self, socket: str) -> str | None:
        """The ``api_url`` of the image on ``socket``, if any."""
        value = self.values.get(socket)
        return value.image if value is not None else None

    def value(self, socket: str) -> object:
        """The JSON value on ``socket`` (None if absent)."""
        value = self.values.get(socket)
        if value is None:
            return None
        from gc_api.types import Unset

        return None if isinstance(value.value, Unset) else value.value


_ACCEPTS = {
    "Image": "image files (a Path or a list of Paths), an Image or an image api_url",
    "File": "a Path to one file",
    "Value": "a JSON value",
}


@dataclass(frozen=True)
class SocketSummary:
    """A socket in words: slug, title, kind and what Python values it takes."""

    slug: str
    title: str
    kind: str
    super_kind: str
    description: str = ""

    @classmethod
    def of(cls, socket: ComponentInterface) -> SocketSummary:
        description = socket.description if isinstance(socket.description, str) else ""
        return cls(socket.slug, socket.title, socket.kind, socket.super_kind, description)

    @property
    def accepts(self) -> str:
        """What to pass for this socket in a case."""
        if self.super_kind == "File" and self.kind not in ("PDF file", "CSV file", "ZIP file"):
            return "a Path to one file, or a JSON value (stored as a file)"
        return _ACCEPTS.get(self.super_kind, "a JSON value")

    def __str__(self) -> str:
        return f"{self.slug} ({self.kind}; {self.accepts})"


@dataclass(frozen=True)
class InterfaceSummary:
    """One input combination of an algorithm and the outputs it gives."""

    inputs: tuple[SocketSummary, ...]
    outputs: tuple[SocketSummary, ...]


@dataclass(frozen=True)
class AlgorithmSummary:
    """An algorithm's input combinations and outputs; ``str()`` gives a readable overview."""

    slug: str
    title: str
    interfaces: tuple[InterfaceSummary, ...]

    @property
    def input_slugs(self) -> list[list[str]]:
        """The slugs of each input combination."""
        return [[s.slug for s in i.inputs] for i in self.interfaces]

    def __str__(self) -> str:
        lines = [f"{self.title} ({self.slug})"]
        for n, iface in enumerate(self.interfaces, 1):
            label = f"interface {n}" if len(self.interfaces) > 1 else "interface"
            lines.append(f"  {label}:")
            lines += [f"    input  {s}" for s in iface.inputs]
            lines += [f"    output {s.slug} ({s.kind})" for s in iface.outputs]
        return "\n".join(lines)


@dataclass(frozen=True)
class MirrorResult:
    """What ``archives.mirror`` wrote: the files (images, file values), how many were already
    complete, and the ``items.csv`` manifest; ``repaired``: files of an earlier run that were
    the wrong size (or could not be checked) and were downloaded again; ``checked``: how many
    files were found complete with their recorded size at the end."""

    directory: Path
    files: list[Path]
    skipped: int
    manifest: Path
    repaired: list[Path] = field(default_factory=list)
    checked: int = 0


@dataclass(frozen=True)
class GroundTruthRow:
    """One ground-truth answer of an educational reader study, readable."""

    display_set_pk: str
    question_pk: str
    question: str
    answer: object
    answer_text: str

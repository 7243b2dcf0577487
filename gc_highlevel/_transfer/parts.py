"""Part-size planning for S3 multipart uploads (pure functions, no I/O).

S3 (and so grand-challenge) takes at most 10,000 parts per upload, each at least 5 MiB except
the last, and at most 5 GiB. Within those limits the part size trades request overhead (one
PUT per part, one presign per batch) against parallelism and the tail of the transfer (the
last parts in flight while the other connections idle). 8 MiB parts give a 1 GiB file 128
parts: enough to keep 8-16 connections busy with a short tail; bigger files get bigger parts
so that they still fit in 10,000.

Example:
    >>> plan = plan_parts(12 * MiB, part_size=5 * MiB)
    >>> [(p.number, p.offset, p.size) for p in plan.parts]
    [(1, 0, 5242880), (2, 5242880, 5242880), (3, 10485760, 2097152)]
    >>> choose_part_size(1 * GiB)
    8388608
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

__all__ = [
    "DEFAULT_PART_SIZE",
    "MAX_PARTS",
    "MAX_PART_SIZE",
    "MIN_PART_SIZE",
    "GiB",
    "MiB",
    "PartPlan",
    "PlannedPart",
    "choose_part_size",
    "plan_parts",
]

MiB = 1024 * 1024
GiB = 1024 * MiB

#: S3's minimum size of every part but the last.
MIN_PART_SIZE = 5 * MiB
#: S3's maximum part size.
MAX_PART_SIZE = 5 * GiB
#: S3's (and the grand-challenge API's) maximum part number.
MAX_PARTS = 10_000
#: Part size for files up to ``MAX_PARTS * DEFAULT_PART_SIZE`` (about 78 GiB).
DEFAULT_PART_SIZE = 8 * MiB


@dataclass(frozen=True)
class PlannedPart:
    """One part: its 1-based ``number``, byte ``offset`` in the file and ``size``."""

    number: int
    offset: int
    size: int


@dataclass(frozen=True)
class PartPlan:
    """How a file of ``total_size`` bytes is cut into parts of ``part_size`` bytes."""

    total_size: int
    part_size: int

    @property
    def count(self) -> int:
        """Number of parts (an empty file still has one, empty, part)."""
        return max(1, -(-self.total_size // self.part_size))

    @property
    def parts(self) -> list[PlannedPart]:
        """Every part in ascending order."""
        return [self.part(n) for n in range(1, self.count + 1)]

    def part(self, number: int) -> PlannedPart:
        """Part ``number`` (1-based).

        Example:
            >>> PartPlan(11, 5).part(3)
            PlannedPart(number=3, offset=10, size=1)
        """
        if not 1 <= number <= self.count:
            raise ValueError(f"part {number} is outside 1..{self.count}")
        offset = (number - 1) * self.part_size
        return PlannedPart(number, offset, min(self.part_size, self.total_size - offset))


def choose_part_size(
    total_size: int, *, preferred: int = DEFAULT_PART_SIZE, connections: int = 1
) -> int:
    """The part size for a file of ``total_size`` bytes: ``preferred`` (at least 5 MiB), grown
    in whole MiB just enough to keep the file within 10,000 parts, and shrunk (not below
    5 MiB) when that gives each of ``connections`` a part to send.

    Example:
        >>> choose_part_size(100 * GiB) // MiB
        11
        >>> choose_part_size(64 * MiB, connections=16) // MiB
        5
    """
    if total_size < 0:
        raise ValueError("total_size must be >= 0")
    if total_size > MAX_PARTS * MAX_PART_SIZE:
        raise ValueError(f"{total_size} bytes exceed S3's largest object (10,000 parts of 5 GiB)")
    size = max(preferred, MIN_PART_SIZE)
    spread = -(-total_size // max(1, connections))
    if connections > 1 and spread < size:
        size = max(MIN_PART_SIZE, -(-spread // MiB) * MiB)
    needed = -(-total_size // MAX_PARTS)
    if needed > size:
        size = -(-needed // MiB) * MiB
    return min(size, MAX_PART_SIZE)


def plan_parts(total_size: int, *, part_size: int | None = None, connections: int = 1) -> PartPlan:
    """Plan the parts of a ``total_size``-byte upload; ``part_size`` overrides the choice.

    An explicit ``part_size`` must respect S3's rules for this file: at least 5 MiB (unless the
    whole file is one part), at most 5 GiB, and at most 10,000 parts.

    Example:
        >>> plan_parts(1000).count
        1
        >>> plan_parts(60 * MiB, part_size=1 * MiB)
        Traceback (most recent call last):
        ...
        ValueError: part_size must be at least 5 MiB (S3's minimum for all parts but the last), got 1048576
    """
    if part_size is None:
        return PartPlan(total_size, choose_part_size(total_size, connections=connections))
    if part_size <= 0:
        raise ValueError(f"part_size must be positive, got {part_size}")
    if part_size < MIN_PART_SIZE and total_size > part_size:
        raise ValueError(
            "part_size must be at least 5 MiB (S3's minimum for all parts but the last), "
            f"got {part_size}"
        )
    if part_size > MAX_PART_SIZE:
        raise ValueError(f"part_size must be at most 5 GiB, got {part_size}")
    plan = PartPlan(total_size, part_size)
    if plan.count > MAX_PARTS:
        raise ValueError(
            f"part_size {part_size} cuts {total_size} bytes into {plan.count} parts; S3 allows "
            f"at most {MAX_PARTS}. Use at least {choose_part_size(total_size, preferred=0)}."
        )
    return plan


#: Presigned URLs requested per PATCH (gcapi asks for 5).
PRESIGN_BATCH = 100


def presign_batch(
    number: int, count: int, ready: Container[int], *, size: int = PRESIGN_BATCH
) -> list[int]:
    """The part numbers to presign together when part ``number`` needs a URL: the lowest
    ``size`` parts of ``1..count`` not ``ready`` (sent or holding a URL), as long as they
    include ``number``, else those from ``number`` on. So whichever part's worker asks first,
    the batches are the same: no part is presigned twice.

    Example:
        >>> presign_batch(2, 3, ready=set())
        [1, 2, 3]
        >>> presign_batch(3, 9, ready={1}, size=4)
        [2, 3, 4, 5]
        >>> presign_batch(8, 9, ready=set(), size=4)
        [8, 9]
    """
    lacking = [n for n in range(1, count + 1) if n not in ready]
    first = lacking[:size]
    if number in first:
        return first
    return [n for n in lacking if n >= number][:size]

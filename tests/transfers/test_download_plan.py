"""The byte ranges a download is cut into: every byte once, one range per connection, and for
a file whose ranges would be long a tail of smaller ranges that the connections ahead take
while the slowest ends its range."""

from __future__ import annotations

import pytest

from gc_highlevel._transfer.download_state import (
    MAX_RANGE,
    MIN_RANGE,
    TAIL_RANGE,
    MiB,
    plan_ranges,
)


@pytest.mark.parametrize("connections", [1, 2, 4, 16, 32])
@pytest.mark.parametrize(
    "length", [1, MiB - 1, 3 * MiB + 7, 100 * MiB, 1023 * MiB + 5, 1024 * MiB, 10 * 1024 * MiB]
)
def test_ranges_cover_every_byte_once(length: int, connections: int) -> None:
    start = PROBE = 1 * MiB
    ranges = plan_ranges(start, start + length, connections=connections)
    assert ranges[0][0] == PROBE and ranges[-1][1] == PROBE + length
    assert all(a < b and w == 0 for a, b, w in ranges)
    assert all(ranges[i][1] == ranges[i + 1][0] for i in range(len(ranges) - 1))
    assert all(b - a <= MAX_RANGE for a, b, _ in ranges)
    # as many ranges as connections, when the file has a MIN_RANGE for each
    assert len(ranges) >= min(connections, length // MIN_RANGE)


def test_short_ranges_are_one_per_connection() -> None:
    ranges = plan_ranges(0, 200 * MiB, connections=16)  # 12.5 MiB each: no tail
    assert len(ranges) == 16 and {b - a for a, b, _ in ranges} == {200 * MiB // 16}
    assert len(plan_ranges(0, 60 * MiB, connections=1)) == 1  # nobody to take a tail


def test_long_ranges_end_in_a_tail_of_smaller_ones() -> None:
    """1 GiB (after the 1 MiB probe) over 16 connections: 16 ranges of ~48 MiB, then 32 of
    ~8 MiB (a multiple of the connections), instead of 16 of 64 MiB ending together only if
    every connection is as fast as the others."""
    ranges = plan_ranges(MiB, 1024 * MiB, connections=16)
    sizes = [b - a for a, b, _ in ranges]
    assert len(sizes) == 48
    assert all(47 * MiB < s <= 48 * MiB for s in sizes[:16])
    assert all(TAIL_RANGE // 2 <= s <= TAIL_RANGE for s in sizes[16:])
    assert sum(sizes[16:]) <= (1023 * MiB) // 4 + 1


def test_a_very_big_file_keeps_its_tail_to_a_round_of_ranges() -> None:
    ranges = plan_ranges(0, 10 * 1024 * MiB, connections=16)
    sizes = [b - a for a, b, _ in ranges]
    tail = [s for s in sizes if s < MAX_RANGE]
    assert sum(tail) == 16 * MAX_RANGE // 4 and len(tail) % 16 == 0
    assert len(ranges) <= 10 * 1024 * MiB // MAX_RANGE + len(tail)

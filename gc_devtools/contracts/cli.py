"""The command line of ``scripts/contracts.py`` (:func:`main`) and its report: the contract
check against the vendored or a new schema, and the fidelity loop (``--api-url``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import gc_devtools.contracts
from gc_devtools.api_diff import diff_schemas, format_report
from gc_devtools.contracts.cassettes import CASSETTE_DIR, load_cassettes
from gc_devtools.contracts.checker import ContractChecker
from gc_devtools.contracts.fidelity import record_from
from gc_devtools.contracts.impact import (
    _short,
    _where,
    mark_drift,
    patch_failures,
    report_unpatchable,
    workflows_touched,
)
from gc_devtools.contracts.shapes import compare_cassettes
from gc_devtools.openapi_patches import (
    PATCHED_SCHEMA,
    VENDORED_SCHEMA,
    PatchError,
    apply_patches,
    load_patches,
    load_schema,
)


def print_drift(checker: ContractChecker) -> None:
    """One line per field the recorded responses carry undeclared and the client never reads."""
    places: dict[str, list[str]] = {}
    for drift in checker.drift:
        places.setdefault(drift.field, []).append(drift.place)
    if places:
        print(
            f"\nDrift (not breaking): {len(places)} field(s) in recorded responses that the "
            "schema does not declare and the client never reads:"
        )
        for name, where in places.items():
            print(f"  drift: field {name} no longer sent, not read by the client: {_where(where)}")
    reads = checker._reads
    if reads is not None and reads.error is not None:
        print(
            f"  note: cannot tell which fields the client reads ({reads.error}): every "
            "undeclared field counts as read"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=(gc_devtools.contracts.__doc__ or "").split("\n\n")[0]
    )
    parser.add_argument("--schema", help="a new schema (file or URL); default: the vendored one")
    parser.add_argument("--cassettes", type=Path, default=CASSETTE_DIR)
    parser.add_argument(
        "--api-url",
        "--record-from",
        dest="api_url",
        metavar="API_URL",
        help="record the workflows against this grand-challenge (token from "
        "GRAND_CHALLENGE_AUTHORIZATION) into --out and compare them with --cassettes "
        "(--record-from: the same)",
    )
    parser.add_argument("--out", type=Path, help="where --api-url writes its cassettes")
    args = parser.parse_args(argv)
    started = time.perf_counter()

    if args.api_url:
        if args.out is None:
            print("error: --api-url needs --out DIR", file=sys.stderr)
            return 2
        code, failures = record_from(args.api_url, args.out)
        if code != 0:
            print(f"error: recording against {args.api_url} failed", file=sys.stderr)
            return code
        recorded = load_cassettes(args.out) if args.out.is_dir() else []
        differences, notes = compare_cassettes(
            load_cassettes(args.cassettes),
            recorded,
            schema=load_schema(PATCHED_SCHEMA),
            failed={f.workflow for f in failures},
        )
        print(f"\nRecorded {len(recorded)} workflow(s) against {args.api_url} into {args.out}")
        for failure in failures:
            print(f"  FAILED: {failure}")
        for line in notes:
            print(f"  note: {line}")
        for line in differences:
            print(f"  {line}")
        print(
            f"{len(differences)} difference(s) between {args.cassettes} and {args.out}"
            if differences
            else f"no differences between {args.cassettes} and {args.out}"
        )
        if failures:
            failed = ", ".join(sorted({f.workflow for f in failures}))
            print(f"{len(failures)} workflow(s) failed: {failed}")
        return 1 if differences or failures else 0

    import httpx

    try:
        vendored = load_schema(VENDORED_SCHEMA)
        new = load_schema(args.schema) if args.schema else vendored
    except (OSError, ValueError, httpx.HTTPError) as exc:
        print(f"error: cannot read schema: {exc}", file=sys.stderr)
        return 2
    cassettes = load_cassettes(args.cassettes)
    if not cassettes:
        print(f"error: no cassettes in {args.cassettes}", file=sys.stderr)
        return 2
    try:
        patches = load_patches()
    except PatchError as exc:
        print(f"error: {_short(exc)}", file=sys.stderr)
        return 2
    try:
        patched = apply_patches(new, patches)
    except PatchError as exc:
        stale = patch_failures(new, patches) or [_short(exc)]
        if args.schema:
            return report_unpatchable(vendored, new, cassettes, stale)
        for line in stale:
            print(f"error: {line}", file=sys.stderr)
        return 2

    old_patched = load_schema(PATCHED_SCHEMA)
    checker = ContractChecker(patched, check_models=not args.schema)
    if args.schema:
        changes = mark_drift(diff_schemas(old_patched, patched), checker.is_read)
        print(format_report(changes))
        breaking = [c for c in changes if c.breaking]
        if breaking:
            print("\nRecorded workflows touched by breaking changes:")
            for change, hits in workflows_touched(breaking, old_patched, cassettes).items():
                print(f"  {change.detail}\n      {_where(hits)}")

    problems = checker.check(cassettes)
    n_exchanges = sum(len(c.exchanges) for c in cassettes)
    elapsed = time.perf_counter() - started
    print_drift(checker)
    if problems:
        print(f"\nCONTRACT BROKEN: {len(problems)} problem(s) in {n_exchanges} recorded exchanges:")
        for problem in problems:
            print(f"  {problem}")
        broken = sorted({p.cassette for p in problems})
        print(f"workflows that break: {', '.join(broken)}")
        return 1
    ops = {e.operation for c in cassettes for e in c.exchanges}
    print(
        f"\ncontract holds: {len(cassettes)} cassettes, {n_exchanges} exchanges, "
        f"{len(ops)} of {len(checker.index.by_id)} operations, {elapsed:.1f} s"
    )
    return 0

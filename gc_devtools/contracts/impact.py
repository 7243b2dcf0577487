"""What an API change means for the recorded workflows: which ones a change touches, which
schema patches no longer apply, which removed fields are drift, and the verdict when the
patched schema cannot be built.
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Callable
from typing import Any

from gc_devtools.api_diff import Change, diff_schemas, format_report
from gc_devtools.contracts.cassettes import Cassette
from gc_devtools.contracts.client_reads import field_is_read
from gc_devtools.contracts.schema import OperationIndex, schemas_used
from gc_devtools.openapi_patches import PatchError, SchemaPatch


def affected_workflows(
    change: Change, old_schema: dict[str, Any], cassettes: list[Cassette]
) -> list[str]:
    """Where a change touches what was recorded: ``workflow #i (operation)`` strings."""
    return workflows_touched([change], old_schema, cassettes)[change]


def workflows_touched(
    changes: list[Change], old_schema: dict[str, Any], cassettes: list[Cassette]
) -> dict[Change, list[str]]:
    """For each change, the recorded exchanges it touches: ``workflow #i (operation)``.

    An exchange is touched by a change to its operation (``GET /api/v1/x/``) or to a component
    schema its operation reaches (its parameters, body or responses, through ``$ref``s).
    """
    index = OperationIndex(old_schema)
    reach: dict[str, tuple[str, set[str]]] = {}
    for op_id in {e.operation for c in cassettes for e in c.exchanges}:
        op = index.by_id.get(op_id)
        if op is not None:
            reach[op_id] = (f"{op.method} {op.template}", schemas_used(old_schema, op.spec))
    hits: dict[Change, list[str]] = {}
    for change in changes:
        target_schema = change.location.split(".", 1)[0]
        hits[change] = [
            f"{cassette.workflow} #{i} ({ex.operation})"
            for cassette in cassettes
            for i, ex in enumerate(cassette.exchanges)
            if ex.operation in reach
            and (
                change.location == reach[ex.operation][0] or target_schema in reach[ex.operation][1]
            )
        ]
    return hits


def _where(hits: list[str]) -> str:
    shown = ", ".join(hits[:6]) + (f" (+{len(hits) - 6} more)" if len(hits) > 6 else "")
    return shown or "no recorded workflow"


def patch_failures(schema: dict[str, Any], patches: list[SchemaPatch]) -> list[str]:
    """One short line per patch that does not apply to ``schema``: the patch file, the index
    of its first failing operation, that operation and its JSON pointer, and why.

    Each patch is tried operation by operation on what the patches before it made (a failing
    patch is skipped whole), so every stale patch is named, not just the first.
    """
    import jsonpatch
    import jsonpointer

    failures = []
    current = copy.deepcopy(schema)
    for patch in patches:
        trial = copy.deepcopy(current)
        for i, operation in enumerate(patch.operations):
            try:
                trial = jsonpatch.JsonPatch([operation]).apply(trial, in_place=True)
            except jsonpatch.JsonPatchTestFailed:
                missing = object()
                there = jsonpointer.resolve_pointer(trial, operation.get("path", ""), missing)
                why = "its target is gone" if there is missing else "the tested value changed"
            except (jsonpatch.JsonPatchConflict, jsonpointer.JsonPointerException):
                why = "its target is gone"
            except jsonpatch.JsonPatchException as exc:
                why = type(exc).__name__
            else:
                continue
            failures.append(
                f"patch {patch.name}: operation #{i} ({operation.get('op')} "
                f"{operation.get('path')}) no longer applies: {why}"
            )
            break
        else:
            current = trial
    return failures


def _short(exc: PatchError) -> str:
    """A PatchError in one line of reasonable length (jsonpatch may quote whole documents)."""
    text = str(exc).splitlines()[0]
    return text if len(text) <= 300 else text[:300] + "…"


def report_unpatchable(
    vendored: dict[str, Any], new: dict[str, Any], cassettes: list[Cassette], failures: list[str]
) -> int:
    """Our patches do not all apply to the new schema, so there is no patched schema to
    validate against: judge on the raw change report instead.

    A patch usually stops applying because the API changed under it (the operation it edits
    is gone, the field it tests is now required...). If a breaking raw change touches a
    recorded workflow, that is the news: exit 1, naming the workflows, with the stale patches
    as notes. Otherwise a patch simply went stale: exit 2, naming it. A removed response field
    the client never reads is drift here too (:func:`mark_drift`): when a patch removed it
    already (patches 150, 160), the news is only that the patch can go.
    """
    changes = mark_drift(diff_schemas(vendored, new), field_is_read)
    print(format_report(changes))
    breaking = [c for c in changes if c.breaking]
    touched = {c: h for c, h in workflows_touched(breaking, vendored, cassettes).items() if h}
    if not touched:
        for failure in failures:
            print(f"error: {failure}", file=sys.stderr)
        print(
            "error: no recorded workflow depends on what changed; fix or delete the patch",
            file=sys.stderr,
        )
        return 2
    print(
        "\nRecorded workflows broken by breaking changes (judged on the raw schemas: "
        "the patched schema cannot be built):"
    )
    for change, hits in touched.items():
        print(f"  {change.detail}\n      {_where(hits)}")
    for failure in failures:
        print(f"  note: {failure}; update or delete it along with the client fix")
    broken = sorted({hit.split(" #", 1)[0] for hits in touched.values() for hit in hits})
    print(f"\nCONTRACT BROKEN: workflows that break: {', '.join(broken)}")
    return 1


def mark_drift(changes: list[Change], is_read: Callable[[str, str], bool]) -> list[Change]:
    """The change report with each removed response field the client never reads marked as
    drift (not breaking): regenerating the models is all it takes."""
    out = []
    for change in changes:
        if change.kind == "field-removed" and change.breaking and "." in change.location:
            where, key = change.location.rsplit(".", 1)
            if not is_read(where, key):
                detail = f"{change.detail} (drift: not read by the client)"
                change = Change(change.kind, change.location, detail, False)
        out.append(change)
    return out

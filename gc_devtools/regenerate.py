"""Regenerate the typed low-level package ``gc_api`` (``generated/gc_api``) from the schema.

Pipeline: schema (URL or file) -> ``openapi/patches/`` -> openapi-python-client (pinned) ->
``generated/gc_api``, byte-for-byte deterministic, plus a human-readable API change report
between the vendored schema and the new one.

Usage::

    python scripts/regenerate.py                      # adopt the live schema of grand-challenge.org
    python scripts/regenerate.py --schema new.json    # adopt another schema (file or URL)
    python scripts/regenerate.py --vendored           # regenerate from the vendored schema
                                                      # (after editing patches, config, templates)
    python scripts/regenerate.py --check              # fail if generated/ is not up to date
    python scripts/regenerate.py --report-only        # just print the report (live schema)

Adopting a schema prints the API change report against the vendored one first (even when a
patch then fails), re-checks the recorded contract cassettes (``tests/contract/``) against it,
naming the workflows that would break, vendors it and records where it came from in
``openapi/SOURCE.md``.

Exit codes: 0 done / up to date, 1 ``--check`` found a difference or recorded workflows break
against the new schema, 2 bad input (unreadable schema, a patch that no longer applies,
generator failure).
"""

from __future__ import annotations

import argparse
import filecmp
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any

import httpx

from gc_devtools.api_diff import diff_schemas, format_report
from gc_devtools.openapi_patches import (
    OPENAPI_DIR,
    PATCHED_SCHEMA,
    ROOT,
    VENDORED_SCHEMA,
    PatchError,
    apply_patches,
    dump_schema,
    load_patches,
    load_schema,
)

DEFAULT_SCHEMA_URL = "https://grand-challenge.org/api/schema/?format=json"
CONFIG = OPENAPI_DIR / "config.yaml"
# Our own templates, used instead of the generator's of the same name (see each file's header).
TEMPLATES = OPENAPI_DIR / "templates"
LOCK = OPENAPI_DIR / "openapi.lock.json"
GENERATED_DIR = ROOT / "generated"
PACKAGE = "gc_api"
GENERATOR = "openapi-python-client"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def lock_contents(raw_schema: str, patched_schema: str) -> str:
    patches = {
        p.name: sha256(p.read_bytes()) for p in sorted((OPENAPI_DIR / "patches").glob("*.json"))
    }
    lock: dict[str, Any] = {
        "comment": "Written by scripts/regenerate.py. Do not edit.",
        "schema_sha256": sha256(raw_schema.encode()),
        "patched_schema_sha256": sha256(patched_schema.encode()),
        "generator": GENERATOR,
        "generator_version": metadata.version(GENERATOR),
        "ruff_version": metadata.version("ruff"),
        "config_sha256": sha256(CONFIG.read_bytes()),
        "templates": {
            p.relative_to(TEMPLATES).as_posix(): sha256(p.read_bytes())
            for p in sorted(TEMPLATES.rglob("*.jinja"))
        },
        "patches": patches,
    }
    return json.dumps(lock, indent=2) + "\n"


def run_generator(patched_path: Path, out_dir: Path) -> Path:
    """Run the pinned generator into ``out_dir/gc_api`` and return that directory."""
    target = out_dir / PACKAGE
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    cmd = [
        str(bin_dir / GENERATOR) if (bin_dir / GENERATOR).exists() else GENERATOR,
        "generate",
        "--path", str(patched_path),
        "--config", str(CONFIG),
        "--custom-template-path", str(TEMPLATES),
        "--meta", "none",
        "--output-path", str(target),
        "--overwrite",
        "--fail-on-warning",
    ]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=out_dir)
    if proc.returncode != 0 or not (target / "__init__.py").exists():
        raise RuntimeError(f"{GENERATOR} failed:\n{proc.stdout}\n{proc.stderr}")
    # Post-hook caches are not part of the package and differ from run to run.
    shutil.rmtree(target / ".ruff_cache", ignore_errors=True)
    for cache in target.rglob("__pycache__"):
        shutil.rmtree(cache, ignore_errors=True)
    (target / "py.typed").write_text(
        "# Marker file for PEP 561: this package is typed.\n", encoding="utf-8"
    )
    return target


def tree_differences(expected: Path, actual: Path) -> list[str]:
    """Relative paths that differ between two directory trees (ignoring __pycache__)."""
    diffs: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        for name in cmp.left_only:
            if name != "__pycache__":
                diffs.append(f"only in new output: {prefix}{name}")
        for name in cmp.right_only:
            if name != "__pycache__":
                diffs.append(f"only in generated/: {prefix}{name}")
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        diffs.extend(f"differs: {prefix}{name}" for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            if name != "__pycache__":
                walk(sub, f"{prefix}{name}/")

    if not actual.exists():
        return [f"missing: {actual}"]
    walk(filecmp.dircmp(expected, actual), "")
    return sorted(diffs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--schema",
        default=DEFAULT_SCHEMA_URL,
        help=f"the schema to adopt: a file or URL (default: {DEFAULT_SCHEMA_URL})",
    )
    source.add_argument(
        "--vendored",
        action="store_true",
        help="regenerate from the vendored openapi/grand-challenge.schema.json instead",
    )
    parser.add_argument(
        "--check", action="store_true", help="fail if generated/ is stale (implies --vendored)"
    )
    parser.add_argument(
        "--report-only", action="store_true", help="print the report, write nothing"
    )
    args = parser.parse_args(argv)
    adopting = not (args.vendored or args.check)

    started = time.perf_counter()
    try:
        vendored = load_schema(VENDORED_SCHEMA)
        new = load_schema(args.schema) if adopting else vendored
    except (OSError, ValueError, httpx.HTTPError) as exc:
        print(f"error: cannot read schema {args.schema}: {exc}", file=sys.stderr)
        return 2
    try:
        patches = load_patches()
        patched = apply_patches(new, patches)
    except PatchError as exc:
        if not adopting:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        # Usually the API changed under the patch: the change report, judged against the
        # recorded workflows, says whether that breaks the client (1) or only the patch (2).
        from gc_devtools.contracts.cassettes import load_cassettes
        from gc_devtools.contracts.impact import patch_failures, report_unpatchable

        failures = patch_failures(new, patches) or [str(exc)]
        return report_unpatchable(vendored, new, load_cassettes(), failures)

    contract_broken = False
    if adopting:
        print(format_report(diff_schemas(vendored, new)))
        contract_broken = not check_contracts(patched)
    elif not args.check and PATCHED_SCHEMA.exists():
        # Edited patches change the API the client is generated from: report that change too.
        before = json.loads(PATCHED_SCHEMA.read_text(encoding="utf-8"))
        if before != patched:
            print("what the patches change in the generated API:")
            print(format_report(diff_schemas(before, patched)))
    if args.report_only:
        return 1 if contract_broken else 0

    raw_text = dump_schema(new) if adopting else VENDORED_SCHEMA.read_text(encoding="utf-8")
    patched_text = dump_schema(patched)
    lock_text = lock_contents(raw_text, patched_text)

    with tempfile.TemporaryDirectory(prefix="gc-regen-") as tmp:
        tmp_dir = Path(tmp)
        patched_path = tmp_dir / "patched.json"
        patched_path.write_text(patched_text, encoding="utf-8")
        try:
            out = run_generator(patched_path, tmp_dir)
        except RuntimeError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2

        if args.check:
            problems = tree_differences(out, GENERATED_DIR / PACKAGE)
            if (
                not PATCHED_SCHEMA.exists()
                or PATCHED_SCHEMA.read_text(encoding="utf-8") != patched_text
            ):
                problems.append(f"stale: {PATCHED_SCHEMA.relative_to(ROOT)}")
            if not LOCK.exists() or LOCK.read_text(encoding="utf-8") != lock_text:
                problems.append(f"stale: {LOCK.relative_to(ROOT)}")
            if problems:
                print(
                    "generated code is out of date; run scripts/regenerate.py --vendored:",
                    file=sys.stderr,
                )
                for line in problems[:50]:
                    print(f"  {line}", file=sys.stderr)
                return 1
            print(f"generated/{PACKAGE} is up to date ({time.perf_counter() - started:.1f} s)")
            return 0

        if adopting:
            VENDORED_SCHEMA.write_text(raw_text, encoding="utf-8")
            record_provenance(args.schema, raw_text)
        PATCHED_SCHEMA.write_text(patched_text, encoding="utf-8")
        LOCK.write_text(lock_text, encoding="utf-8")
        GENERATED_DIR.mkdir(exist_ok=True)
        final = GENERATED_DIR / PACKAGE
        staging = GENERATED_DIR / f".{PACKAGE}.new"
        shutil.rmtree(staging, ignore_errors=True)
        shutil.copytree(out, staging)
        shutil.rmtree(final, ignore_errors=True)
        staging.rename(final)

    n_files = sum(1 for _ in final.rglob("*.py"))
    print(
        f"regenerated generated/{PACKAGE}: {n_files} modules, {len(patches)} patches, "
        f"{time.perf_counter() - started:.1f} s"
    )
    if contract_broken:
        print("regenerated, but recorded workflows break against the new schema (see above)")
        return 1
    return 0


PROVENANCE = OPENAPI_DIR / "SOURCE.md"
PROVENANCE_MARK = "<!-- adopted-by-regenerate -->"


def record_provenance(source: str, raw_text: str) -> None:
    """Say in SOURCE.md where the vendored schema now comes from (replacing an earlier note)."""
    text = PROVENANCE.read_text(encoding="utf-8") if PROVENANCE.exists() else ""
    text = text.split(PROVENANCE_MARK)[0].rstrip("\n")
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    note = (
        f"\n\n{PROVENANCE_MARK}\n## Currently vendored\n\n"
        f"Adopted by `scripts/regenerate.py` on {when} from `{source}` "
        f"(re-serialised; sha256 `{sha256(raw_text.encode())}`). It replaces the schema "
        "described above.\n"
    )
    PROVENANCE.write_text(text + note, encoding="utf-8")


def check_contracts(patched: dict[str, Any]) -> bool:
    """Re-check the recorded contract cassettes against a newly patched schema; print the result.

    Returns False when a recorded exchange no longer holds (see ``scripts/contracts.py``).
    """
    from gc_devtools.contracts.cassettes import load_cassettes
    from gc_devtools.contracts.checker import ContractChecker

    cassettes = load_cassettes()
    if not cassettes:
        return True
    problems = ContractChecker(patched).check(cassettes)
    if not problems:
        print(f"\ncontract holds: {len(cassettes)} recorded workflows still fit the new schema")
        return True
    print(f"\nCONTRACT BROKEN: {len(problems)} problem(s) in recorded workflows:")
    for problem in problems:
        print(f"  {problem}")
    print(f"workflows that break: {', '.join(sorted({p.cassette for p in problems}))}")
    return False

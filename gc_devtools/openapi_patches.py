"""Apply the schema patches in ``openapi/patches/`` to a grand-challenge OpenAPI schema.

Each patch file is a JSON object::

    {"reason": "one line: what the schema gets wrong",
     "see": "where the evidence is",
     "patch": [ ...RFC 6902 operations... ]}

Patches are applied in file-name order. A patch that no longer applies (a pointer that is
gone, a ``test`` operation whose value changed) raises :class:`PatchError` naming the file,
so a schema change upstream can never be silently half-patched.

Example::

    >>> from gc_devtools.openapi_patches import load_patches, apply_patches
    >>> patched = apply_patches(schema, load_patches(PATCH_DIR))  # doctest: +SKIP
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonpatch
import jsonpointer

ROOT = Path(__file__).resolve().parent.parent
OPENAPI_DIR = ROOT / "openapi"
PATCH_DIR = OPENAPI_DIR / "patches"
VENDORED_SCHEMA = OPENAPI_DIR / "grand-challenge.schema.json"
PATCHED_SCHEMA = OPENAPI_DIR / "grand-challenge.patched.json"

JSON_ONLY = "application/json"


class PatchError(Exception):
    """A patch file is malformed or no longer applies to the schema."""

    def __init__(self, patch_name: str, message: str) -> None:
        super().__init__(f"patch {patch_name}: {message}")
        self.patch_name = patch_name


@dataclass(frozen=True)
class SchemaPatch:
    name: str
    reason: str
    operations: list[dict[str, Any]]


def load_patches(directory: Path = PATCH_DIR) -> list[SchemaPatch]:
    patches = []
    for path in sorted(directory.glob("*.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise PatchError(path.name, f"is not valid JSON ({exc})") from exc
        if not isinstance(doc, dict) or not isinstance(doc.get("patch"), list):
            raise PatchError(path.name, 'must be an object with a "patch" list (RFC 6902)')
        reason = doc.get("reason")
        if not isinstance(reason, str) or not reason.strip() or "\n" in reason:
            raise PatchError(path.name, 'needs a one-line "reason"')
        patches.append(SchemaPatch(path.name, reason, doc["patch"]))
    return patches


def apply_patches(schema: dict[str, Any], patches: list[SchemaPatch]) -> dict[str, Any]:
    """Return a patched deep copy of ``schema``; raise :class:`PatchError` on the first failure."""
    result = copy.deepcopy(schema)
    for patch in patches:
        for i, operation in enumerate(patch.operations):
            try:
                result = jsonpatch.JsonPatch([operation]).apply(result, in_place=True)
            except (jsonpatch.JsonPatchException, jsonpointer.JsonPointerException) as exc:
                why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                why = why if len(why) <= 200 else why[:200] + "…"  # it may quote whole documents
                raise PatchError(
                    patch.name,
                    f"operation #{i} ({operation.get('op')} {operation.get('path')}) "
                    f"no longer applies: {why}",
                ) from exc
    check_json_only_bodies(result)
    return result


def check_json_only_bodies(schema: dict[str, Any]) -> None:
    """Fail when a request body still offers a non-JSON content type.

    The generator would send such a body as multipart. A new endpoint upstream shows up here
    and needs an entry in ``010-json-request-bodies.json``.
    """
    offenders = []
    for path, item in schema.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict):
                continue
            content = operation.get("requestBody", {}).get("content", {})
            extra = sorted(set(content) - {JSON_ONLY})
            if extra:
                offenders.append(f"{method.upper()} {path} ({', '.join(extra)})")
    if offenders:
        raise PatchError(
            "010-json-request-bodies.json",
            "these request bodies still offer non-JSON content types; add remove operations "
            "for them: " + "; ".join(offenders),
        )


def load_schema(source: str | Path) -> dict[str, Any]:
    """Read a schema from a file path or an http(s) URL."""
    text = str(source)
    if text.startswith(("http://", "https://")):
        import httpx

        response = httpx.get(text, follow_redirects=True, timeout=60.0)
        response.raise_for_status()
        loaded = response.json()
    else:
        loaded = json.loads(Path(text).read_text(encoding="utf-8"))
    if not isinstance(loaded, dict) or "paths" not in loaded:
        raise ValueError(f"{source} is not an OpenAPI document (no 'paths')")
    return loaded


def dump_schema(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"

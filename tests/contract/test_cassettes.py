"""The committed cassettes: they exist, hold against the schema, and carry no secret."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gc_devtools.contracts.cassettes import CASSETTE_DIR, load_cassettes
from gc_devtools.contracts.checker import ContractChecker
from gc_devtools.openapi_patches import PATCHED_SCHEMA, load_schema

CASSETTES = sorted(CASSETTE_DIR.glob("*.json"))
SIGNED = re.compile(
    r"(X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|Signature|AWSAccessKeyId)=(?!REDACTED)"
)
TOKEN_LIKE = re.compile(r"\b[0-9a-f]{40,}\b")  # API tokens are 40-64 hex characters


def test_every_workflow_has_a_cassette() -> None:
    assert {p.stem for p in CASSETTES} >= {
        "upload",
        "add-case-to-archive",
        "run-job-and-wait",
        "map-outputs",
        "reader-study-answers",
        "reader-study-display-sets",
        "archive-items",
        "errors",
        "read-resources",
        "archive-mirror",
        "run-on-archive",
        "resume-upload",
        "upload-session",
        "reader-study-ground-truth",
        "reader-study-edits",
        "external-evaluation",
    }


def test_cassettes_hold_against_the_patched_schema_and_models() -> None:
    problems = ContractChecker(load_schema(PATCHED_SCHEMA), check_models=True).check(
        load_cassettes()
    )
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.parametrize("path", CASSETTES, ids=lambda p: p.stem)
def test_no_token_or_presigned_signature(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"(?i)bearer|authorization", text)
    assert not SIGNED.search(text)
    assert not TOKEN_LIKE.search(text)
    assert "127.0.0.1" not in text and "localhost" not in text

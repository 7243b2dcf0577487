"""The fidelity loop's recording: running the recorded workflows (the contract tests) against
another grand-challenge instance, each whatever happens to the others, and naming the ones
that failed.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from gc_devtools.openapi_patches import ROOT

WORKFLOW_TESTS = ROOT / "tests" / "contract" / "test_recorded_workflows.py"


@dataclass(frozen=True)
class WorkflowFailure:
    """A workflow that failed while being recorded elsewhere: its cassette is missing."""

    workflow: str
    test: str
    error: str  # one line

    def __str__(self) -> str:
        return f"workflow {self.workflow} failed ({self.test}): {self.error}"


def workflow_names(test_file: Path = WORKFLOW_TESTS) -> dict[str, str]:
    """Test function -> the workflow (cassette name) it records: the name it passes to
    ``recorded(target, "<workflow>", ...)``."""
    import ast

    names: dict[str, str] = {}
    for fn in ast.parse(test_file.read_text(encoding="utf-8")).body:
        if not isinstance(fn, ast.FunctionDef):
            continue
        for node in ast.walk(fn):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "recorded"
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
            ):
                names[fn.name] = node.args[1].value
                break
    return names


def _one_line(text: str, limit: int = 300) -> str:
    line = next((s.strip() for s in text.splitlines() if s.strip()), "") or "(no message)"
    return line if len(line) <= limit else line[: limit - 1] + "…"


def junit_failures(report: Path, names: dict[str, str]) -> list[WorkflowFailure]:
    """The failed (or erroring) tests in a pytest JUnit XML report, as workflow failures."""
    import xml.etree.ElementTree as ET

    failures = []
    for case in ET.parse(report).getroot().iter("testcase"):
        for outcome in ("failure", "error"):
            found = case.find(outcome)
            if found is None:
                continue
            test = case.get("name", "?")
            message = found.get("message") or found.text or ""
            failures.append(
                WorkflowFailure(names.get(test.split("[", 1)[0], test), test, _one_line(message))
            )
            break
    return failures


def record_from(api_url: str, out_dir: Path) -> tuple[int, list[WorkflowFailure]]:
    """Run the recorded workflows against ``api_url`` (token from the environment), each
    whatever happens to the others: (0, the workflows that failed), or (2, ...) when the
    run itself could not happen (no token; pytest could not run the tests)."""
    import os
    import subprocess
    import tempfile

    if not os.environ.get("GRAND_CHALLENGE_AUTHORIZATION"):
        print(
            "error: set GRAND_CHALLENGE_AUTHORIZATION to a token for that instance", file=sys.stderr
        )
        return 2, []
    # Lenient parsing, as users get it: a field that instance does not send (or sends
    # differently) must show as a shape difference in the comparison, not stop the workflow.
    env = dict(
        os.environ,
        GC_CONTRACT_API_URL=api_url,
        GC_CASSETTE_DIR=str(out_dir),
        GC_CLIENT_STRICT_RESPONSES="0",
    )
    with tempfile.TemporaryDirectory(prefix="gc-contracts-") as tmp:
        report = Path(tmp) / "report.xml"
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "--tb=short", "-p", "no:cacheprovider",
             f"--junitxml={report}", str(WORKFLOW_TESTS)],
            env=env,
            cwd=ROOT,
        )  # fmt: skip
        failures = junit_failures(report, workflow_names()) if report.exists() else []
    if proc.returncode == 1 and not failures:
        failures = [WorkflowFailure("?", "pytest", "tests failed; see pytest's output above")]
    if proc.returncode not in (0, 1):  # interrupted, internal or usage error, nothing collected
        print(
            f"error: pytest could not run the workflows (exit {proc.returncode})", file=sys.stderr
        )
        return 2, failures
    return 0, failures

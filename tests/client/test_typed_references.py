"""Reference parameters are typed: mypy rejects a float or a list of strings where an archive,
algorithm or reader study is expected (they were ``object``, so anything passed)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SNIPPET = """\
import uuid

import gc_highlevel


def typed(client: gc_highlevel.Client, aclient: gc_highlevel.AsyncClient) -> None:
    client.algorithms.run(3.5, [])  # wrong: line 7
    client.archives.add_cases(["a", "b"], [])  # wrong: line 8
    client.reader_studies.add_display_sets(1.0, [])  # wrong: line 9
    client.jobs.wait([], algorithm=[1])  # wrong: line 10
    client.archives.add_cases("radboudcovid", [], raise_on_error=False)
    client.algorithms.run(uuid.uuid4(), [])
    client.reader_studies.add_display_sets(client.reader_studies.get("x"), [])


async def typed_async(aclient: gc_highlevel.AsyncClient) -> None:
    await aclient.algorithms.run(3.5, [])  # wrong: line 17
"""


def test_mypy_rejects_references_of_the_wrong_type(tmp_path: Path) -> None:
    snippet = tmp_path / "integration.py"
    snippet.write_text(SNIPPET)
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), str(snippet)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    lines = sorted({int(m) for m in re.findall(r"integration\.py:(\d+): error", proc.stdout)})
    assert lines == [7, 8, 9, 10, 17], proc.stdout
    assert proc.stdout.count('"float"') >= 3  # the message names what was passed

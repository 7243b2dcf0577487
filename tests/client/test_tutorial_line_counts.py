"""The line-count tables of README.md and examples/tutorials/README.md are what
``scripts/count_tutorial_lines.py`` prints, so they cannot go stale, and each rewrite is shorter
than both the tutorial and the official client's equivalent."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gc_devtools import count_tutorial_lines as lines

ROOT = Path(__file__).resolve().parents[2]


def _printed_table() -> list[str]:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "count_tutorial_lines.py")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout.strip().splitlines()


@pytest.mark.parametrize("readme", ["README.md", "examples/tutorials/README.md"])
def test_the_readme_shows_the_printed_table(readme: str) -> None:
    table = _printed_table()
    text = (ROOT / readme).read_text(encoding="utf-8").splitlines()
    hint = f"{readme} is stale: paste the table of `python scripts/count_tutorial_lines.py`"
    starts = [i for i, line in enumerate(text) if line.startswith(table[0])]
    assert len(starts) == 1, hint
    shown = text[starts[0] : starts[0] + len(table) + 1]
    # the rows may go on with more cells (the tutorials README says what each rewrite adds)
    for expected, line in zip(table, shown, strict=False):
        assert line.startswith(expected), f"{hint}\nexpected: {expected}\nshown:    {line}"
    assert len(shown) == len(table) or not shown[-1].startswith("|"), f"{hint} (extra rows)"


def test_each_rewrite_is_shorter_than_the_tutorial_and_the_gcapi_equivalent() -> None:
    for label, n in lines.counts().items():
        ours = n["ours"]
        assert ours is not None
        for other in ("tutorial", "gcapi"):
            theirs = n[other]
            assert theirs is None or ours < theirs, (label, n)


def test_the_recorded_tutorial_counts_match_the_seeds() -> None:
    if not lines.SEEDS.is_dir():
        pytest.skip(f"the seed tutorials are not here ({lines.SEEDS})")
    found = {
        name: len(lines.code_lines((lines.SEEDS / name).read_text(encoding="utf-8")))
        for name in lines.TUTORIAL_LINES
    }
    assert found == lines.TUTORIAL_LINES


def test_only_code_counts_on_a_page() -> None:
    page = """Import what you need:

import gcapi

Credits

client = gcapi.Client(
    token="x",
)
Note that you would use algorithm="corads-ai" (slugs are case sensitive).
print(alg["inputs"])
[{
     'slug': 'generic-medical-image',
     'kind': 'Image',
}],
# a comment
session["status"]
"""
    assert lines.code_lines(page) == [
        "import gcapi",
        "client = gcapi.Client(",
        '    token="x",',
        ")",
        'print(alg["inputs"])',
        'session["status"]',
    ]


def test_only_cells_count_in_a_notebook() -> None:
    page = """In [None]:
pip install gcapi --upgrade

In [None]:
x = 1

To create a job, use:

    job = client.run(x)

In [None]:
for f in files:

    print(f)
"""
    assert lines.code_lines(page) == ["x = 1", "for f in files:", "    print(f)"]


def test_python_lines_skip_docstrings_comments_and_future(tmp_path: Path) -> None:
    path = tmp_path / "example.py"
    path.write_text(
        '"""Module\n\ndocstring."""\n\nfrom __future__ import annotations\n\n'
        "import sys  # a comment\n\n\n"
        'def main() -> None:\n    """Docstring."""\n    # comment\n    print(\n        sys.argv\n    )\n',
        encoding="utf-8",
    )
    assert lines.python_lines(path) == 5

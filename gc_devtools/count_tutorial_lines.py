"""Count the lines of each seed tutorial's code, of the same workflow written with the official
client (gcapi 0.16.1) and with gc_highlevel; print the markdown table the READMEs show.

    .venv/bin/python scripts/count_tutorial_lines.py            # the table
    .venv/bin/python scripts/count_tutorial_lines.py --json     # the counts

What is counted, everywhere: non-blank Python lines that are not only a comment.

* The tutorials (``../shared/seeds/*.txt``, text exports of the tutorial pages): only their code.
  A line is code when it starts a Python statement (it compiles, maybe once its open brackets
  or its block are closed; a bare word or number is prose) or continues one (indented, or inside
  open brackets). Prose, shell commands (``pip install``), headings and printed outputs (a bare
  ``{...}`` or ``[{...}]`` literal: what the page shows a call returns) are not. In a notebook
  export (``In [ ]:`` markers) only the cells count, not code quoted in the prose. Some code on
  the pages lost lines in the export (the reader studies one: closing brackets, some calls), so
  those counts are what the page shows, not what a working script needs.
* The gcapi equivalents (``examples/gcapi_equivalents/``) and the rewrites
  (``examples/tutorials/``): the whole file, imports and the ``__main__`` block included, without
  docstrings and without ``from __future__`` imports.

The seeds live outside the repository. Without them (``--seeds``, default ``../shared/seeds``)
the tutorial counts recorded in ``TUTORIAL_LINES`` are used;
``tests/client/test_tutorial_line_counts.py`` checks that they match the seeds when the seeds
are there, and that the READMEs show this script's table.
"""

from __future__ import annotations

import argparse
import ast
import io
import itertools
import json
import re
import tokenize
import warnings
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
GCAPI = ROOT / "examples" / "gcapi_equivalents"
OURS = ROOT / "examples" / "tutorials"

#: Tutorial code lines as counted from the seeds (used when the seeds are not at hand).
TUTORIAL_LINES = {
    "algorithms-tutorial.txt": 180,
    "archives-tutorial.txt": 63,
    "reader-studies-tutorial.txt": 55,
    "gcapi-readme.txt": 33,
}


@dataclass(frozen=True)
class Row:
    label: str
    seed: str | None  # in the seeds folder
    gcapi: str | None  # in examples/gcapi_equivalents/
    ours: str  # in examples/tutorials/


ROWS = (
    Row(
        "Algorithms (`algorithms.py`)", "algorithms-tutorial.txt", "algorithms.py", "algorithms.py"
    ),
    Row("Algorithms, async (`algorithms_async.py`)", None, None, "algorithms_async.py"),
    Row("Archives (`archives.py`)", "archives-tutorial.txt", "archives.py", "archives.py"),
    Row(
        "Reader studies (`reader_studies.py`)",
        "reader-studies-tutorial.txt",
        "reader_studies.py",
        "reader_studies.py",
    ),
    Row(
        "gcapi README (`gcapi_readme.py`)", "gcapi-readme.txt", "gcapi_readme.py", "gcapi_readme.py"
    ),
)

HEADER = (
    "| Seed tutorial | Tutorial code | gcapi 0.16.1 equivalent | gc_highlevel rewrite |",
    "|---|---:|---:|---:|",
)
NOTEBOOK_CELL = re.compile(r"^In \[[^\]]*\]:\s*$")


# -- Python files --------------------------------------------------------------------------------


def python_lines(path: Path) -> int:
    """Non-blank, non-comment lines of a Python file, without docstrings and ``__future__``."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            skipped.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
        body = getattr(node, "body", None)
        if (
            isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            skipped.update(range(body[0].lineno, (body[0].end_lineno or body[0].lineno) + 1))
    lines: set[int] = set()
    ignored = {
        tokenize.COMMENT,
        tokenize.NL,
        tokenize.NEWLINE,
        tokenize.INDENT,
        tokenize.DEDENT,
        tokenize.ENDMARKER,
    }
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type not in ignored:
            lines.update(range(token.start[0], token.end[0] + 1))
    return len(lines - skipped)


# -- tutorial pages ------------------------------------------------------------------------------


def _depth(line: str) -> int:
    """Brackets opened minus closed on a line (strings and comments skipped)."""
    depth, quote, i = 0, "", 0
    while i < len(line):
        c = line[i]
        if quote:
            if c == "\\":
                i += 1
            elif line.startswith(quote, i):
                i += len(quote) - 1
                quote = ""
        elif c == "#":
            break
        elif line.startswith(('"""', "'''"), i):
            quote = line[i : i + 3]
            i += 2
        elif c in "\"'":
            quote = c
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        i += 1
    return depth


def _parse(source: str) -> ast.Module | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escapes in Windows paths
        try:
            return ast.parse(source)
        except SyntaxError:
            return None


def _statement(text: str) -> ast.stmt | None:
    """The statement ``text`` starts, if it starts one (its brackets or block maybe unclosed)."""
    depth = _depth(text)
    closers = ["".join(c) for c in itertools.product(")]}", repeat=depth)] if 0 < depth <= 3 else []
    for candidate in [text, *(text + c for c in closers)]:
        for tail in ("", "\n pass"):
            tree = _parse(candidate + tail)
            if tree is not None and tree.body:
                first = tree.body[0]
                if isinstance(first, ast.Expr) and isinstance(first.value, ast.Name | ast.Constant):
                    return None  # a bare word or number: prose ("Credits", "History")
                return first
    return None


def _fragment(text: str) -> bool:
    """An indented piece of code cut from its statement (arguments, items of a literal)."""
    text = text.rstrip(",")
    return any(_parse(t) is not None for t in (f"f({text})", f"[{text}]", f"{{{text}}}"))


def code_lines(text: str) -> list[str]:
    """The lines of code of a tutorial page (see the module docstring)."""
    notebook = any(NOTEBOOK_CELL.match(line) for line in text.splitlines())
    out: list[str] = []
    in_cell = not notebook  # outside notebooks, code anywhere on the page counts
    in_code = False  # the last line that was not blank or a comment was code
    depth = 0  # brackets open in the current statement
    output_depth = 0  # > 0 inside a printed literal
    for line in text.splitlines():
        stripped = line.strip()
        if NOTEBOOK_CELL.match(line):
            in_cell, in_code, depth = True, False, 0
            continue
        if not stripped or stripped.startswith("#"):
            continue
        if output_depth > 0:
            output_depth += _depth(stripped)
            continue
        indented = line[:1].isspace()
        if in_code and (indented or (depth > 0 and stripped[0] in ")]}")):
            depth = max(0, depth + _depth(stripped))
            out.append(line)
            continue
        statement = _statement(stripped)
        if isinstance(statement, ast.Expr) and isinstance(
            statement.value, ast.Dict | ast.List | ast.Set | ast.Tuple
        ):
            output_depth, in_code, depth = _depth(stripped), False, 0  # a printed output
            continue
        if in_cell and (statement is not None or (indented and _fragment(stripped))):
            in_code, depth = True, max(0, _depth(stripped))
            out.append(line)
            continue
        in_code, depth = False, 0  # prose
        if notebook and not indented:
            in_cell = False
    return out


# -- the table -----------------------------------------------------------------------------------


def counts(seeds: Path = SEEDS) -> dict[str, dict[str, int | None]]:
    """``{row label: {"tutorial": n, "gcapi": n, "ours": n}}`` (None where there is none)."""
    result: dict[str, dict[str, int | None]] = {}
    for row in ROWS:
        tutorial: int | None = None
        if row.seed is not None:
            page = seeds / row.seed
            if page.is_file():
                tutorial = len(code_lines(page.read_text(encoding="utf-8")))
            else:
                tutorial = TUTORIAL_LINES[row.seed]
        result[row.label] = {
            "tutorial": tutorial,
            "gcapi": python_lines(GCAPI / row.gcapi) if row.gcapi else None,
            "ours": python_lines(OURS / row.ours),
        }
    return result


def table(seeds: Path = SEEDS) -> str:
    lines = list(HEADER)
    for label, n in counts(seeds).items():
        cells = ["–" if n[k] is None else str(n[k]) for k in ("tutorial", "gcapi", "ours")]
        lines.append(f"| {label} | {' | '.join(cells)} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=SEEDS, help=f"default: {SEEDS}")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.add_argument(
        "--show", metavar="SEED", help="print the lines counted as code in one seed file"
    )
    args = parser.parse_args()
    if args.show:
        print("\n".join(code_lines((args.seeds / args.show).read_text(encoding="utf-8"))))
    elif args.json:
        print(json.dumps(counts(args.seeds), indent=2))
    else:
        print(table(args.seeds))
    return 0

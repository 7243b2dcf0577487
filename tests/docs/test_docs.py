"""The documentation site (mkdocs.yml, docs/) holds together, without building it.

``mkdocs build --strict`` (run by ``./dev test``) renders the pages; these checks are the cheap
ones that name what is wrong: every page of the nav exists, every file a page includes with
pymdownx.snippets exists (the tutorials show the example files the tests run), and the gcapi
migration table names only gc_highlevel calls that exist.
"""

from __future__ import annotations

import ast
import functools
import importlib
import re
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import gc_highlevel

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SNIPPET = re.compile(r'^\s*--8<--\s+"([^"]+)"', re.MULTILINE)
LINES = re.compile(r"(:-?\d+)+$")  # "file.md:2" or "file.py:3:10": a range of lines
CODE = re.compile(r"`([^`]+)`")
NAME = re.compile(r"\b(client|gc_highlevel)((?:\.[A-Za-z_]\w*)+)")


def _config() -> dict[str, Any]:
    yaml = pytest.importorskip("yaml")
    config: dict[str, Any] = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return config


def _nav_pages(nav: object) -> Iterator[str]:
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for entry in nav:
            yield from _nav_pages(entry)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_pages(value)


def _pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if "_ext" not in p.relative_to(DOCS).parts)


def test_every_nav_page_exists_and_every_page_is_in_the_nav() -> None:
    nav = list(_nav_pages(_config()["nav"]))
    assert nav, "mkdocs.yml has no nav"
    missing = [page for page in nav if not (DOCS / page).is_file()]
    assert not missing, f"pages listed in mkdocs.yml's nav but not in docs/: {missing}"
    assert len(nav) == len(set(nav)), "a page is listed twice in the nav"
    orphans = [str(p.relative_to(DOCS)) for p in _pages() if str(p.relative_to(DOCS)) not in nav]
    assert not orphans, f"pages in docs/ missing from mkdocs.yml's nav: {orphans}"


def _includes() -> list[tuple[Path, str]]:
    return [
        (page, LINES.sub("", target))
        for page in _pages()
        for target in SNIPPET.findall(page.read_text(encoding="utf-8"))
    ]


def test_every_included_file_exists() -> None:
    includes = _includes()
    assert any(target.startswith("examples/") for _, target in includes)
    missing = [
        f"{page.relative_to(ROOT)} includes {target}"
        for page, target in includes
        if not (ROOT / target).is_file()
    ]
    assert not missing, missing


def test_the_tutorial_pages_show_every_tutorial_example() -> None:
    """Each example the tests run (tests/workflows/test_tutorial_examples.py) is on a page."""
    shown = {target for _, target in _includes()}
    examples = {
        str(p.relative_to(ROOT)) for p in (ROOT / "examples" / "tutorials").glob("[!_]*.py")
    }
    assert examples, "no examples/tutorials/*.py"
    assert not examples - shown, f"not included by any page: {sorted(examples - shown)}"


# -- the gcapi migration table ----------------------------------------------------------------


@functools.cache
def _client_attributes() -> dict[str, type]:
    """Each resource property of ``gc_highlevel.Client`` and the class it returns, read from
    its return annotation (the classes are imported under TYPE_CHECKING, so they are looked
    up in the imports of that block)."""
    module = importlib.import_module(gc_highlevel.Client.__module__)
    namespace = dict(vars(module))
    source = ast.parse(Path(module.__file__ or "").read_text(encoding="utf-8"))
    for node in source.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for stmt in node.body:
                if isinstance(stmt, ast.ImportFrom) and stmt.module:
                    imported = importlib.import_module(stmt.module)
                    for alias in stmt.names:
                        namespace[alias.asname or alias.name] = getattr(imported, alias.name)
    found: dict[str, type] = {}
    for name, attr in vars(gc_highlevel.Client).items():
        if isinstance(attr, functools.cached_property):
            getter = attr.func
        elif isinstance(attr, property) and attr.fget is not None:
            getter = attr.fget
        else:
            continue
        returned = typing.get_type_hints(getter, globalns=namespace).get("return")
        if isinstance(returned, type) and returned.__module__.startswith(
            ("gc_highlevel", "gc_api")
        ):
            found[name] = returned
    return found


def _resolve(root: str, path: list[str]) -> str | None:
    """None if ``root.path`` names something that exists, else what is missing."""
    if root == "client":
        head, rest = path[0], path[1:]
        resources = _client_attributes()
        if head in resources:
            obj: object = resources[head]
        elif hasattr(gc_highlevel.Client, head):
            obj = getattr(gc_highlevel.Client, head)
        else:
            return f"gc_highlevel.Client has no {head!r}"
    else:
        obj, rest = gc_highlevel, path
    for part in rest:
        if not hasattr(obj, part):
            return f"{getattr(obj, '__qualname__', obj)} has no {part!r}"
        obj = getattr(obj, part)
    return None


def _migration_rows() -> list[list[str]]:
    rows = []
    for line in (DOCS / "migration.md").read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        if cells[0] in {"gcapi 0.16.1", "---"} or set(cells[0]) <= {"-", " "}:
            continue  # a header or the line under it
        assert len(cells) == 3, f"a row of the migration table without 3 cells: {line}"
        rows.append(cells)
    return rows


def test_the_migration_table_names_only_calls_that_exist() -> None:
    rows = _migration_rows()
    assert len(rows) >= 60, f"only {len(rows)} rows in the migration table"
    names = set()
    for gcapi_cell, ours, notes in rows:
        assert gcapi_cell.startswith("`"), f"the gcapi column names no call: {gcapi_cell}"
        for code in CODE.findall(f"{ours} {notes}"):
            for root, dotted in NAME.findall(code):
                names.add((root, dotted))
    assert len(names) >= 60, names
    wrong = []
    for root, dotted in sorted(names):
        problem = _resolve(root, dotted.lstrip(".").split("."))
        if problem:
            wrong.append(f"{root}{dotted}: {problem}")
    assert not wrong, "the migration table names calls that do not exist:\n" + "\n".join(wrong)


def test_the_resolver_refuses_what_does_not_exist() -> None:
    assert _resolve("client", ["archives", "add_cases"]) is None
    assert _resolve("client", ["request"]) is None
    assert _resolve("gc_highlevel", ["EndpointSession", "invoke"]) is None
    assert _resolve("client", ["archives", "add_case_to_archive"]) is not None
    assert _resolve("client", ["interfaces"]) is not None
    assert _resolve("gc_highlevel", ["SocketValueSpec"]) is not None

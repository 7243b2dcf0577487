"""The public names are declared once and resolve, imports stay lazy, and the sync twins cannot
drift."""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import gc_highlevel
from gc_devtools import make_sync

ROOT = Path(__file__).resolve().parents[2]

INIT = ROOT / "gc_highlevel" / "__init__.py"
#: What a fresh ``import gc_highlevel`` may hold besides ``__all__``: module dunders and the
#: private tables the loader reads.
_PRIVATE = {"_EXPORTS", "_MODULE_OF", "_SUBMODULES"}


def _type_checking_imports() -> dict[str, str]:
    """``{name: module}`` of the ``from module import name as name`` lines under
    ``if TYPE_CHECKING:`` in gc_highlevel/__init__.py (``typing.Any`` excepted)."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    blocks = [
        node
        for node in tree.body
        if isinstance(node, ast.If)
        and isinstance(node.test, ast.Name)
        and node.test.id == "TYPE_CHECKING"
    ]
    assert len(blocks) == 1, "gc_highlevel/__init__.py needs one `if TYPE_CHECKING:` block"
    found: dict[str, str] = {}
    for stmt in blocks[0].body:
        assert isinstance(stmt, ast.ImportFrom) and stmt.level == 0, ast.unparse(stmt)
        for alias in stmt.names:
            if (stmt.module, alias.name) == ("typing", "Any"):
                continue
            # `X as X`: an explicit re-export under mypy --strict (no_implicit_reexport)
            assert alias.asname == alias.name, f"{ast.unparse(stmt)}: write `as {alias.name}`"
            assert alias.name not in found, f"{alias.name} is imported twice"
            assert stmt.module is not None
            found[alias.name] = stmt.module
    return found


def _expected_block() -> str:
    lines = ["if TYPE_CHECKING:", "    from typing import Any", ""]
    rows = {**gc_highlevel._MODULE_OF, **dict.fromkeys(gc_highlevel._SUBMODULES, "gc_highlevel")}
    for name, module in sorted(rows.items(), key=lambda r: (r[1], r[0])):
        lines.append(f"    from {module} import {name} as {name}")
    return "\n".join(lines)


def test_all_is_derived_from_the_one_table() -> None:
    table = gc_highlevel._EXPORTS
    names = [name for names in table.values() for name in names]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    assert duplicates == [], f"listed under two modules: {duplicates}"
    assert {n: m for m, ns in table.items() for n in ns} == gc_highlevel._MODULE_OF
    expected = sorted([*names, *gc_highlevel._SUBMODULES, "__version__"])
    assert gc_highlevel.__all__ == expected
    assert all(m == "gc_highlevel" or m.startswith("gc_highlevel.") for m in table)


def test_every_exported_name_resolves() -> None:
    """Each name loads from the module the table gives (so moving a class to another module
    without updating the table fails here, not in a user's import)."""
    for name in gc_highlevel.__all__:
        assert getattr(gc_highlevel, name) is not None, name
    for name, module in gc_highlevel._MODULE_OF.items():
        source = importlib.import_module(module)
        assert name in vars(source), f"{module} has no {name} (moved? update _EXPORTS)"
    # the same objects, in a fresh interpreter (this one's fixtures patch some, e.g. config_path)
    code = (
        "import importlib, json, gc_highlevel as g; print(json.dumps(sorted("
        "n for n, m in g._MODULE_OF.items() "
        "if getattr(g, n) is not getattr(importlib.import_module(m), n))))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert json.loads(out.stdout) == []
    for name in gc_highlevel._SUBMODULES:
        assert isinstance(getattr(gc_highlevel, name), ModuleType)
    with pytest.raises(AttributeError, match="module 'gc_highlevel' has no attribute 'Nope'"):
        gc_highlevel.Nope  # noqa: B018


def test_type_checking_imports_match_the_table() -> None:
    """mypy sees the lazy names through the ``TYPE_CHECKING`` imports: they must name exactly
    the objects the table loads at run time."""
    expected = {
        **gc_highlevel._MODULE_OF,
        **dict.fromkeys(gc_highlevel._SUBMODULES, "gc_highlevel"),
    }
    found = _type_checking_imports()
    assert found == expected, (
        "the TYPE_CHECKING imports in gc_highlevel/__init__.py differ from _EXPORTS "
        f"(missing: {sorted(expected.keys() - found.keys())}, extra: "
        f"{sorted(found.keys() - expected.keys())}, other module: "
        f"{sorted(n for n in found.keys() & expected.keys() if found[n] != expected[n])}); "
        "paste this block, then `ruff check --fix` and `ruff format` the file:\n\n"
        + _expected_block()
    )


def test_namespace_holds_no_helpers() -> None:
    """``dir(gc_highlevel)`` (and its namespace) show the public names and nothing borrowed:
    no ``Any``, ``importlib``, ``annotations`` or ``TYPE_CHECKING``. Checked in a fresh
    interpreter (here, tests have imported submodules such as ``gc_highlevel.testing``)."""
    code = (
        "import json, gc_highlevel as g; "
        "print(json.dumps([dir(g), sorted(vars(g)), 'typing' in __import__('sys').modules]))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    listed, namespace, loaded_typing = json.loads(out.stdout)
    assert {n for n in listed if not n.startswith("__")} == (
        set(gc_highlevel.__all__) - {"__version__"}
    ) | _PRIVATE
    assert {n for n in namespace if not n.startswith("__")} == _PRIVATE
    assert not {"Any", "importlib", "annotations", "TYPE_CHECKING"} & set(listed)
    assert not loaded_typing  # TYPE_CHECKING = False: importing the package skips typing
    # here too, whatever has been loaded: nothing public but the exports and submodules
    public = {
        n
        for n in dir(gc_highlevel)
        if not n.startswith("_") and not isinstance(getattr(gc_highlevel, n), ModuleType)
    }
    assert public <= set(gc_highlevel.__all__)


def test_client_twins_have_the_same_surface() -> None:
    def surface(cls: type) -> set[str]:
        return {n for n in dir(cls) if not n.startswith("_")}

    sync_names = surface(gc_highlevel.Client)
    async_names = surface(gc_highlevel.AsyncClient)
    assert sync_names - {"close"} == async_names - {"aclose"}


def test_import_is_lazy() -> None:
    code = (
        "import json, sys, gc_highlevel; "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('gc_api', 'httpx', 'gc_highlevel')))))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    loaded = json.loads(out.stdout)
    assert loaded == ["gc_highlevel"], loaded


def test_client_construction_does_not_load_endpoint_modules() -> None:
    code = (
        "import json, sys, gc_highlevel; c = gc_highlevel.Client('t', base_url='http://127.0.0.1:1/api/v1/'); "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('gc_api.api', 'gc_api.models')))))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert json.loads(out.stdout) == []


def test_sync_twins_are_up_to_date(tmp_path: Path) -> None:
    make_sync.generate(tmp_path)
    for _, dst in make_sync.PAIRS:
        diff = make_sync.differences(tmp_path / dst, ROOT / dst)
        assert diff == [], f"{dst} is stale; run python scripts/make_sync.py ({diff})"


def test_bench_import_script_runs() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench_import.py"), "--runs", "2"],
        check=True,
        capture_output=True,
        text=True,
    )
    assert "import gc_highlevel" in out.stdout

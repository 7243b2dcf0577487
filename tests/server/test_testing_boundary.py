"""The local grand-challenge (``gc_highlevel.testing``) stands on its own: it imports nothing of
the client layer (``gc_highlevel.*`` outside ``gc_highlevel.testing``, or the generated
``gc_api``), so that it emulates grand-challenge.org as it is, not as the client reads it, and
users can test any client against it."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import gc_highlevel.testing

TESTING = Path(gc_highlevel.testing.__file__).parent


def _client_layer(module: str) -> bool:
    return (
        module == "gc_api"
        or module.startswith("gc_api.")
        or (module.startswith("gc_highlevel.") and not _in_testing(module))
    )


def _in_testing(module: str) -> bool:
    return module == "gc_highlevel.testing" or module.startswith("gc_highlevel.testing.")


def _package(path: Path) -> str:
    """The package a file's relative imports start from."""
    dotted = ".".join(path.relative_to(TESTING.parents[1]).with_suffix("").parts)
    if path.name == "__init__.py":
        return dotted.removesuffix(".__init__")
    return dotted.rpartition(".")[0]


def _imports(source: str, package: str) -> list[tuple[int, str]]:
    """Every module ``source`` imports, anywhere in it (function bodies and ``TYPE_CHECKING``
    blocks included), relative imports resolved; ``import_module("...")`` calls too."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            # `from gc_highlevel import x` imports the submodule x when there is one
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None))
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


def test_no_module_of_the_server_imports_the_client_layer() -> None:
    files = sorted(TESTING.rglob("*.py"))
    assert len(files) > 20
    offending = [
        f"{path.relative_to(TESTING.parents[1])}:{line} imports {module}"
        for path in files
        for line, module in _imports(path.read_text(encoding="utf-8"), _package(path))
        if _client_layer(module) or module == "gc_highlevel"
    ]
    assert offending == []


def test_the_import_scan_sees_relative_and_lazy_imports() -> None:
    """The scan above would catch the ways an import of the client layer could slip in."""
    source = (
        "from .. import state\n"
        "from ... import naming\n"
        "def f():\n"
        "    from gc_highlevel._constants import API_PREFIX\n"
        "    import importlib; importlib.import_module('gc_api.models')\n"
    )
    modules = [m for _, m in _imports(source, _package(TESTING / "views" / "x.py"))]
    assert "gc_highlevel.testing.state" in modules
    assert [m for m in modules if _client_layer(m)] == [
        "gc_highlevel.naming",
        "gc_highlevel._constants",
        "gc_highlevel._constants.API_PREFIX",
        "gc_api.models",
    ]


def test_importing_the_server_loads_no_client_module() -> None:
    """Every module of ``gc_highlevel.testing`` imported in a fresh interpreter: none of the
    client layer comes with it (``gc_highlevel`` itself, the package, loads nothing)."""
    code = (
        "import json, pkgutil, importlib, sys, gc_highlevel.testing as t\n"
        "for m in pkgutil.walk_packages(t.__path__, 'gc_highlevel.testing.'):\n"
        "    if not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    loaded = json.loads(out.stdout)
    assert "gc_highlevel.testing.storage" in loaded
    assert [m for m in loaded if _client_layer(m)] == []

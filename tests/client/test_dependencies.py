"""The dependencies are exactly what is imported: every third-party module the client imports
is a declared dependency (core, or the extra of the module that imports it), and every core
dependency is used."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[2]
#: import name -> distribution name, where they differ
DISTRIBUTION = {
    "SimpleITK": "simpleitk",
    "grand_challenge_dicom_de_identifier": "grand-challenge-dicom-de-identifier",
    "dateutil": "python-dateutil",
    "typing_extensions": "typing-extensions",
    "yaml": "pyyaml",
}
#: core dependencies nobody imports by name, and why they are declared
UNIMPORTED_ON_PURPOSE = {
    "sniffio": "httpcore's async pool imports it for every lock it makes when it is missing",
    "tqdm": "imported by name at run time (importlib), only when a bar is shown",
}


def _name(requirement: str) -> str:
    for sep in "<>=!~;[ ":
        requirement = requirement.split(sep)[0]
    return requirement.strip().lower().replace("_", "-")


def _imports(paths: list[Path]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in ("gc_highlevel", "gc_api"):
                    found.setdefault(top, set()).add(path.relative_to(ROOT).as_posix())
    return found


def test_every_import_is_declared_and_every_core_dependency_used() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    core = {_name(r) for r in project["dependencies"]}
    extras = {k: {_name(r) for r in v} for k, v in project["optional-dependencies"].items()}
    client = [
        p
        for p in [
            *(ROOT / "gc_highlevel").rglob("*.py"),
            *(ROOT / "generated/gc_api").rglob("*.py"),
        ]
        if "testing" not in p.relative_to(ROOT).parts
    ]
    used = _imports(client)
    undeclared = {}
    for module, where in used.items():
        dist = DISTRIBUTION.get(module, module).lower().replace("_", "-")
        if dist in core:
            continue
        # an optional import must sit in a module of its extra (imported inside functions)
        if not any(dist in names for names in extras.values()):
            undeclared[module] = sorted(where)
    assert undeclared == {}, f"imported but not declared: {undeclared}"
    imported = {DISTRIBUTION.get(m, m).lower().replace("_", "-") for m in used}
    unused = core - imported - set(UNIMPORTED_ON_PURPOSE)
    assert unused == set(), f"declared but never imported: {sorted(unused)}"

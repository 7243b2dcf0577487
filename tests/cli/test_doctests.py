"""The examples in the command line's docstrings run as written."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "gc_highlevel.cli",
    "gc_highlevel.cli._commands",
    "gc_highlevel.cli._completion",
    "gc_highlevel.cli._config",
    "gc_highlevel.cli._files",
    "gc_highlevel.cli._progress",
    "gc_highlevel.cli._term",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0

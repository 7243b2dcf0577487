"""The docstring examples of gc_highlevel.testing are real and pass."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import gc_highlevel.testing as pkg

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + ".")
    if not m.name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0

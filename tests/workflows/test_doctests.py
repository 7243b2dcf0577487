"""The examples in the docstrings of the pure workflow modules run as written."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "gc_highlevel.socket_values",
    "gc_highlevel.naming",
    "gc_highlevel._jobs_policy",
    "gc_highlevel.answer_rows",
    "gc_highlevel.journal",
    "gc_highlevel.workflow_types",
    "gc_highlevel._bars",
    "gc_highlevel._workflow_concurrency",
    "gc_highlevel._async.workflows._common",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0

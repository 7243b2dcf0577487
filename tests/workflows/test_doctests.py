"""The examples in the docstrings of the pure workflow modules run as written."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "gc_highlevel.socket_values",
    "gc_highlevel.socket_values._plans",
    "gc_highlevel.socket_values._cases",
    "gc_highlevel.socket_values._values",
    "gc_highlevel.socket_values._kinds",
    "gc_highlevel.socket_values._schema",
    "gc_highlevel.socket_values._image_formats",
    "gc_highlevel.socket_values._plain_json",
    "gc_highlevel.naming",
    "gc_highlevel._jobs_policy",
    "gc_highlevel._polling",
    "gc_highlevel.answer_rows",
    "gc_highlevel.journal",
    "gc_highlevel.workflow_types",
    "gc_highlevel.progress",
    "gc_highlevel._concurrency",
    "gc_highlevel._keep_alive",
    "gc_highlevel._async.workflows._batches",
    "gc_highlevel._async.workflows._titles",
    "gc_highlevel._validate",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize("name", ["parse_duration", "keep_alive_interval", "invocation_pks"])
def test_endpoint_helpers_docstring_examples(name: str) -> None:
    """The pure helpers of the endpoint workflow (the rest of its examples need a server)."""
    module = importlib.import_module("gc_highlevel._async.workflows.endpoints")
    finder = doctest.DocTestFinder()
    (test,) = finder.find(getattr(module, name), name, globs=vars(module))
    result = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS).run(test)
    assert result.attempted > 0 and result.failed == 0

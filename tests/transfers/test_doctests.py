"""The examples in the docstrings of the transfer engine's pure modules run as written."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "gc_highlevel._block_reads",
    "gc_highlevel._results",
    "gc_highlevel._transfer.download_state",
    "gc_highlevel._transfer.parts",
    "gc_highlevel._transfer.shared_fd",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0

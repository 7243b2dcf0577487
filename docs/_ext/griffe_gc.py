"""A griffe extension for the docs build: reads gc_highlevel's docstrings as they are written.

gc_highlevel's docstrings are Google style with ``Example:`` blocks of doctest lines and a few
reStructuredText habits (``:class:`X```, ``::`` before a literal block). griffe's Google parser
knows only ``Examples:`` (a plural) as the section that renders ``>>>`` lines as code; a singular
``Example:`` becomes an admonition whose lines are read as Markdown, where a doctest output such
as ``['a', 'b']`` is a broken reference link. This extension rewrites the docstrings' text
before it is parsed; the source files are left alone.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_EXAMPLE = re.compile(r"^(\s*)Example:\s*$", re.MULTILINE)
_ROLE = re.compile(r":(?:py:)?(?:class|meth|func|attr|exc|mod|data|obj):`~?([^`]+)`")
_LITERAL_ALONE = re.compile(r"^(\s*)::\s*$", re.MULTILINE)
_LITERAL_AFTER_TEXT = re.compile(r"(\S)::\s*$", re.MULTILINE)


def rewrite(text: str) -> str:
    """The docstring as griffe's Google parser and Markdown read it."""
    text = _EXAMPLE.sub(r"\1Examples:", text)
    text = _ROLE.sub(r"`\1`", text)
    text = _LITERAL_ALONE.sub("", text)
    return _LITERAL_AFTER_TEXT.sub(r"\1:", text)


class GCDocstrings(griffe.Extension):
    """Rewrites every docstring once, when its object is loaded."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = rewrite(obj.docstring.value)

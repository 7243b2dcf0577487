"""Every public error lives in ``gc_highlevel._exceptions``, in the tree its docstring draws."""

from __future__ import annotations

import doctest
import json
import subprocess
import sys
import types
import uuid

import pytest

import gc_highlevel
import gc_highlevel._exceptions as exceptions
from gc_highlevel import journal, socket_values, workflow_types


def _public_errors() -> list[type[BaseException]]:
    names = [n for n in exceptions.__all__ if n[0].isupper() and n.endswith("Error")]
    return [getattr(exceptions, n) for n in names]


def test_import_failed_is_not_a_timeout_but_values_not_attached_is() -> None:
    # A broken file is no reason to wait longer: ``except TimeoutError`` must not catch it.
    assert not issubclass(gc_highlevel.ImportFailedError, TimeoutError)
    assert not issubclass(gc_highlevel.ImportFailedError, gc_highlevel.ValuesNotAttachedError)
    assert issubclass(gc_highlevel.ValuesNotAttachedError, TimeoutError)
    for cls in (gc_highlevel.ImportFailedError, gc_highlevel.ValuesNotAttachedError):
        assert issubclass(cls, workflow_types.AttachError)
        assert issubclass(cls, gc_highlevel.GCError)
        error = cls("x", missing={"pk": ["ct-image"]}, errors={"pk": "not an image"})
        assert error.missing == {"pk": ["ct-image"]} and error.errors == {"pk": "not an image"}


def test_every_public_error_is_defined_in_exceptions() -> None:
    exported = [
        getattr(gc_highlevel, n)
        for n in gc_highlevel.__all__
        if isinstance(getattr(gc_highlevel, n), type)
        and issubclass(getattr(gc_highlevel, n), BaseException)
    ]
    assert exported
    for cls in exported + _public_errors():
        assert cls.__module__ == "gc_highlevel._exceptions", cls


@pytest.mark.parametrize("module", [socket_values, workflow_types, journal])
def test_public_modules_re_export_their_errors(module: types.ModuleType) -> None:
    names = [n for n in module.__all__ if n.endswith("Error")]
    assert names
    for name in names:
        assert getattr(module, name) is getattr(exceptions, name), name


def test_docstring_tree_names_every_public_error() -> None:
    doc = exceptions.__doc__ or ""
    for cls in _public_errors():
        assert f" {cls.__name__} " in doc, cls.__name__


def test_errors_need_none_of_the_modules_that_raise_them() -> None:
    code = (
        "import json, sys, gc_highlevel._exceptions; "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('gc_highlevel'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert json.loads(out.stdout) == ["gc_highlevel", "gc_highlevel._exceptions"]


def test_job_error_reads_the_status_of_every_job() -> None:
    class Job:
        def __init__(self, status: str) -> None:
            self.status = status

    ok, failed = Job("Succeeded"), Job("Failed")
    error = gc_highlevel.JobFailedError("x", job=failed, jobs=[ok, failed])  # type: ignore[arg-type]
    assert error.failed == [failed] and error.jobs == [ok, failed] and error.status == "Failed"


@pytest.mark.parametrize(
    "name",
    [
        "CaseNotStartedError",
        "DisplaySetsLockedError",
        "parse_retry_after",
        "parse_field_errors",
        "make_status_error",
    ],
)
def test_docstring_examples(name: str) -> None:
    finder = doctest.DocTestFinder()
    (test,) = finder.find(getattr(exceptions, name), name, globs={**vars(exceptions), "uuid": uuid})
    result = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS).run(test)
    assert result.attempted > 0 and result.failed == 0

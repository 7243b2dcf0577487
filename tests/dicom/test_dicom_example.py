"""``examples/dicom_upload.py`` runs against the local grand-challenge, and the examples in
``gc_highlevel.dicom``'s docstrings run as written."""

from __future__ import annotations

import doctest
import importlib
import importlib.util
from pathlib import Path

import pytest

import gc_highlevel
from gc_highlevel.testing import LocalGrandChallenge

ROOT = Path(__file__).resolve().parents[2]


def test_the_dicom_example_runs(local_gc: LocalGrandChallenge, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "dicom_upload", ROOT / "examples" / "dicom_upload.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    study = module.write_study(tmp_path / "study")
    with gc_highlevel.Client(
        local_gc.tokens["demo"], base_url=local_gc.api_url, timeout=30
    ) as client:
        written = module.main(client, study, tmp_path / "out")
    assert len(written) == 6 and all(p.is_file() for p in written)


@pytest.mark.parametrize("name", ["gc_highlevel.dicom", "gc_highlevel.cli._files"])
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0

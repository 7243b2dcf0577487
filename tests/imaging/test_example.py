"""``examples/imaging_roundtrip.py`` runs against the local grand-challenge, twice, making
its items once."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

import gc_highlevel
from gc_highlevel.testing import LocalGrandChallenge

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


def _example() -> ModuleType:
    path = ROOT / "examples" / "imaging_roundtrip.py"
    spec = importlib.util.spec_from_file_location("imaging_roundtrip", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_imaging_roundtrip_example(local_gc: LocalGrandChallenge, scratch_dir: Path) -> None:
    with gc_highlevel.Client(local_gc.tokens["demo"], base_url=local_gc.api_url) as client:
        made = _example().main(client)
        again = _example().main(client)  # the same batch: nothing new
        assert again == made and len(set(made)) == 2
        item = client.archive_items.get(made[0])
        ct = next(v for v in item.values if v.interface.slug == "ct-image")
        mask = next(v for v in item.values if v.interface.slug == "generic-overlay")
        ct_read = client.images.read_array(ct)
        mask_read = client.images.read_array(mask)
    assert mask_read.array.dtype == np.uint8 and set(np.unique(mask_read.array)) <= {0, 1}
    assert mask_read.shape == ct_read.shape
    assert np.allclose(mask_read.spacing, ct_read.spacing, atol=1e-6)
    assert np.allclose(mask_read.origin, ct_read.origin, atol=1e-6)
    assert [p for p in scratch_dir.iterdir() if p.name.startswith("gc-client-")] == []

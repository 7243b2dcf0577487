"""``examples/training_dataset.py`` runs against the local grand-challenge: two epochs of a
two-worker DataLoader, the second read from the cache."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

import gc_highlevel
from gc_highlevel.testing import LocalGrandChallenge

pytest.importorskip("torch")

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


def _example() -> ModuleType:
    path = ROOT / "examples" / "training_dataset.py"
    spec = importlib.util.spec_from_file_location("training_dataset", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_training_dataset_example(
    local_gc: LocalGrandChallenge, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GRAND_CHALLENGE_AUTHORIZATION", local_gc.tokens["demo"])
    monkeypatch.setenv("GRAND_CHALLENGE_API_URL", local_gc.api_url)
    with gc_highlevel.Client() as client:
        epochs = _example().main(client, tmp_path / "cache")
    assert len(epochs) == 2 and epochs[0] == epochs[1] and len(epochs[0]) == 3
    storage = local_gc.request_log.count(method="GET", kind="storage")
    assert storage == 3  # each CT downloaded once, in the first epoch

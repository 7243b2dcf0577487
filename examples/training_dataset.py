"""Training data from grand-challenge: an archive as a torch ``Dataset`` for a ``DataLoader``.

With the ``torch`` extra (``pip install "gc-client[torch]"``), each archive item is a sample
(a dict): its CT as a tensor ``(1, Z, Y, X)`` with its geometry under ``"ct-image_meta"``.
Images are downloaded on first use into a local cache; the second epoch reads them from
there. The workers make their own clients from the environment, so set the token there.
Run it against the local grand-challenge::

    python -m gc_highlevel.testing serve --port 8000 &   # prints its api_url and tokens
    export GRAND_CHALLENGE_API_URL=http://127.0.0.1:8000/api/v1/
    export GRAND_CHALLENGE_AUTHORIZATION=<the demo token>
    python examples/training_dataset.py

``mypy --strict`` checks this file (it is in ``[tool.mypy] files``).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import gc_highlevel
from gc_highlevel.datasets import ArchiveDataset


def crop(sample: dict[str, Any]) -> dict[str, Any]:
    """A transform: the central 8 x 32 x 32 voxels, so every batch stacks (any size CT)."""
    image = sample["ct-image"]  # (1, Z, Y, X)
    z, y, x = ((n - k) // 2 for n, k in zip(image.shape[1:], (8, 32, 32), strict=True))
    sample["ct-image"] = image[:, z : z + 8, y : y + 32, x : x + 32]
    return sample


def main(client: gc_highlevel.Client, cache_dir: Path | None = None) -> list[list[str]]:
    torch = importlib.import_module("torch")
    data = importlib.import_module("torch.utils.data")

    # 1. List the archive once: len() and the order (by item pk) are fixed from here on
    cases = ArchiveDataset(
        client,
        "coronacasesorg",
        sockets=["ct-image"],
        dtype=torch.float32,
        transform=crop,
        cache_dir=cache_dir,
    )
    print(len(cases), "cases; not cached yet:", len(cases.uncached()))

    # 2. Two epochs with two worker processes: the first downloads, the second reads the cache
    loader = data.DataLoader(cases, batch_size=2, shuffle=True, num_workers=2)
    epochs: list[list[str]] = []
    for epoch in range(2):
        seen: list[str] = []
        for batch in loader:
            images = batch["ct-image"]  # (B, 1, 8, 32, 32)
            spacing = batch["ct-image_meta"]["spacing"]  # (B, 3), x first
            print(f"epoch {epoch}: {tuple(images.shape)}, spacing {spacing[0].tolist()}")
            seen += batch["pk"]
        epochs.append(sorted(seen))

    # 3. How big the cache is (cases.prefetch() would have downloaded everything up front)
    print(cases.cache.report())
    return epochs


if __name__ == "__main__":
    with gc_highlevel.Client() as client:
        main(client)

"""Seed data mirroring the tutorials (``shared/seeds``): users, sockets, archives, algorithms
and the ``corads-score-exam`` reader study. Deterministic and fast (well under a second)."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from .algos import synthetic_ct

if TYPE_CHECKING:
    from .state import State

SEED_USERS = ("demo", "reader", "outsider")

LOBES = [
    {"name": "left upper lobe", "visible": True, "voxel_value": 1},
    {"name": "left lower lobe", "visible": True, "voxel_value": 2},
    {"name": "right upper lobe", "visible": True, "voxel_value": 3},
    {"name": "right middle lobe", "visible": True, "voxel_value": 4},
    {"name": "right lower lobe", "visible": True, "voxel_value": 5},
]


def seed_token(username: str) -> str:
    """The fixed 64-hex token of a seeded user (stable across runs, for demos and docs).

    Example:
        >>> len(seed_token("demo"))
        64
    """
    return hashlib.sha256(f"gc-client local grand-challenge:{username}".encode()).hexdigest()


def seed_sockets(state: State) -> None:
    add = state.add_socket
    add("generic-medical-image", "Generic Medical Image", "IMG", relative_path="images")
    add("ct-image", "CT Image", "IMG", relative_path="images/ct", description="Any CT image")
    add("generic-overlay", "Generic Overlay", "HMAP", relative_path="images")
    add("dicom-image-set", "DICOM Image Set", "DCMIS", relative_path="images/dicom-image-set")
    add("tumor-likelihood-map", "Tumor Likelihood Map", "HMAP")
    add(
        "airway-segmentation",
        "Airway Segmentation",
        "SEG",
        overlay_segments=[{"name": "airway", "visible": True, "voxel_value": 1}],
    )
    add("pulmonary-lobes", "Pulmonary Lobes", "SEG", overlay_segments=LOBES)
    add("pulmonary-lobes-screenshot", "Pulmonary Lobes Screenshot", "IMG")
    lung = [{"name": "lung", "visible": True, "voxel_value": 1}]
    add("fixed-image", "Fixed Image", "IMG")
    add("moving-image", "Moving Image", "IMG")
    add("fixed-mask", "Fixed Mask", "SEG", overlay_segments=lung)
    add("moving-mask", "Moving Mask", "SEG", overlay_segments=lung)
    add("displacement-field", "Displacement Field", "DSPF")
    add("moving-image-transformed", "Moving Image Transformed", "IMG")
    add("some-score", "Some Score", "FLT")
    add("lung-volume", "Lung Volume", "FLT", description="Lung volume in mL")
    add("age", "Age", "INT")
    add("corads-score", "CO-RADS Score", "INT")
    add("covid-19-probability", "COVID-19 Probability", "FLT")
    add("report", "Report", "PDF", relative_path="report.pdf")
    add("nodules", "Nodules", "MPOI", store_in_database=False, relative_path="nodules.json")
    add(
        "results-json-file",
        "Results JSON File",
        "JSON",
        store_in_database=False,
        relative_path="results.json",
    )


def seed(state: State, *, n_cases: int = 3) -> None:
    """Populate ``state`` with the tutorial objects (storage must be running).

    Everything is reproducible, primary keys included.
    """
    from .models import deterministic_uuids

    with deterministic_uuids(20251115):
        _seed(state, n_cases=n_cases)


def _seed(state: State, *, n_cases: int) -> None:
    demo = state.add_user("demo", token=seed_token("demo"), verified=True)
    reader = state.add_user("reader", token=seed_token("reader"))
    reader.location = ""  # no country, as many real profiles (they answer "location": "")
    state.add_user("outsider", token=seed_token("outsider"))
    seed_sockets(state)

    corona = state.add_archive(
        "coronacases.org",
        public=True,
        editors=[demo],
        description="Chest CT scans of COVID-19 patients from coronacases.org (synthetic).",
    )
    state.add_archive("radboudcovid", editors=[demo], description="RadboudUMC COVID-19 CT")
    images = []
    for n in range(1, n_cases + 1):
        images.append(
            state.add_image(
                synthetic_ct(n),
                name=f"coronacases_{n:03d}.mha",
                spacing=(0.8, 0.8, 2.5),
                archive=corona,
                interface="ct-image",
                modality="CT",
                patient_id=f"coronacases_{n:03d}",
                study_description="CT chest",
            )
        )

    state.add_algorithm(
        "pulmonary-lobe-segmentation",
        "Pulmonary Lobe Segmentation",
        inputs=["generic-medical-image"],
        outputs=["pulmonary-lobes", "lung-volume"],
        function="lobe_segmentation",
        description="Contextual two-stage U-Net for pulmonary lobes (thresholds here).",
        users=[demo],
    )
    state.add_algorithm(
        "pulmonary-lobe-segmentation-for-covid-19-ct-scans",
        "Pulmonary Lobe Segmentation for COVID-19 CT Scans",
        inputs=["ct-image"],
        outputs=["pulmonary-lobes", "pulmonary-lobes-screenshot"],
        function="lobe_segmentation_covid",
        users=[demo],
    )
    state.add_algorithm(
        "deep-learning-based-ct-lung-registration",
        "Deep Learning-Based CT Lung Registration",
        inputs=["fixed-image", "moving-image", "fixed-mask", "moving-mask"],
        outputs=["displacement-field", "moving-image-transformed"],
        function="lung_registration",
        users=[demo],
    )
    state.add_algorithm(
        "corads-ai",
        "CORADS-AI",
        inputs=["generic-medical-image"],
        outputs=["corads-score", "covid-19-probability", "nodules", "report"],
        function="corads",
        users=[demo],
    )

    rs = state.add_reader_study(
        "corads-score-exam",
        slug="corads-score-exam",
        editors=[demo],
        readers=[demo, reader],
        description="Score CO-RADS on chest CT.",
    )
    state.add_question(rs, "Is there evidence of COVID-19?", "BOOL")
    state.add_question(rs, "Estimated affected lung percentage", "NUMB")
    state.add_question(rs, "Remarks", "TEXT")
    state.add_question(rs, "CO-RADS score", "CHOI", options=[f"CO-RADS {i}" for i in range(1, 6)])
    state.add_question(
        rs,
        "Findings",
        "MCHO",
        options=["Ground-glass opacities", "Consolidation", "Crazy paving", "Pleural effusion"],
    )
    state.add_question(
        rs,
        "Segment the lesions",
        "MASK",
        overlay_segments=[{"name": "lesion", "visible": True, "voxel_value": 1}],
    )
    for n, img in enumerate(images[:2], 1):
        state.add_display_set(rs, {"ct-image": img}, title=f"case {n}")
    seed_challenge(state)


def seed_challenge(state: State) -> None:
    """A challenge whose ``external`` phase is evaluated by ``demo`` outside grand-challenge,
    with two submissions (of ``corads-ai``, by ``reader``) waiting to be claimed."""
    demo, reader = state.user("demo"), state.user("reader")
    state.add_socket(
        "metrics-json-file",
        "Metrics JSON File",
        "JSON",
        store_in_database=True,
        relative_path="metrics.json",
    )
    challenge = state.add_challenge(
        "covid-ct-challenge",
        "COVID-19 CT Challenge",
        description="Segment and score COVID-19 on chest CT (synthetic).",
        admins=[demo],
        participants=[reader],
        external_evaluators=[demo],
    )
    state.add_phase(challenge, "Preliminary")
    external = state.add_phase(challenge, "External", external_evaluation=True)
    corads = next(a for a in state.algorithms.values() if a.slug == "corads-ai")
    for _ in range(2):
        state.add_evaluation(external, creator=reader, algorithm=corads)

"""The contract recordings run against the local grand-challenge, or (the fidelity loop)
another instance whose token they read from the environment."""

import pytest

from gc_highlevel.testing.pytest_plugin import (  # noqa: F401
    local_gc,
    local_gc_factory,
    local_gc_server,
)


@pytest.fixture(autouse=True)
def _isolated() -> None:
    """Replaces the suite's isolation here: a recording against another instance
    (``GC_CONTRACT_API_URL``) takes its token from ``GRAND_CHALLENGE_AUTHORIZATION``."""

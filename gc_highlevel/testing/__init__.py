"""A local grand-challenge: a faithful, stateful emulation of the grand-challenge.org REST API
on 127.0.0.1, with real S3 storage (moto), the real image importer (panimg), algorithms that
really run, fault/WAN simulation and a built-in OpenAPI contract check.

Example:
    >>> from gc_highlevel.testing import LocalGrandChallenge
    >>> with LocalGrandChallenge() as gc:
    ...     gc.api_url.startswith("http://127.0.0.1:")
    True

Install with ``pip install gc-client[server]``. For pytest, add
``pytest_plugins = ["gc_highlevel.testing.pytest_plugin"]`` and use the ``local_gc`` fixture.
"""

from .algos import synthetic_ct, synthetic_dicom_series, write_synthetic_cts
from .contract import ContractError, ContractMismatch
from .faults import Faults
from .requestlog import RequestLog, RequestLogEntry
from .seed import SEED_USERS, seed_token
from .server import LocalGrandChallenge
from .state import State

__all__ = [
    "SEED_USERS",
    "ContractError",
    "ContractMismatch",
    "Faults",
    "LocalGrandChallenge",
    "RequestLog",
    "RequestLogEntry",
    "State",
    "seed_token",
    "synthetic_ct",
    "synthetic_dicom_series",
    "write_synthetic_cts",
]

"""A local grand-challenge: a faithful, stateful emulation of the grand-challenge.org REST API
on 127.0.0.1, with real S3 storage (moto), the real image importer (panimg), algorithms that
really run, fault/WAN simulation and a built-in OpenAPI contract check.

Example:
    >>> from gc_highlevel.testing import LocalGrandChallenge
    >>> with LocalGrandChallenge() as gc:
    ...     gc.api_url.startswith("http://127.0.0.1:")
    True

Install with ``pip install "gc-client[server]"``. For pytest, add
``pytest_plugins = ["gc_highlevel.testing.pytest_plugin"]`` and use the ``local_gc`` fixture.

The names below are imported on first use, so that a missing ``server`` extra is one error
naming the install command (not a traceback from deep inside moto or panimg).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    "MissingServerExtraError",
    "RequestLog",
    "RequestLogEntry",
    "State",
    "seed_token",
    "synthetic_ct",
    "synthetic_dicom_series",
    "write_synthetic_cts",
]

_HOMES = {
    "synthetic_ct": "algos",
    "synthetic_dicom_series": "algos",
    "write_synthetic_cts": "algos",
    "ContractError": "contract",
    "ContractMismatch": "contract",
    "Faults": "faults",
    "RequestLog": "requestlog",
    "RequestLogEntry": "requestlog",
    "SEED_USERS": "seed",
    "seed_token": "seed",
    "LocalGrandChallenge": "server",
    "State": "state",
}


class MissingServerExtraError(ImportError):
    """The local grand-challenge needs the ``server`` extra, which is not installed.

    Example:
        >>> str(MissingServerExtraError("moto"))
        'the local grand-challenge needs the server extra (moto is missing): pip install "gc-client[server]"'
    """

    def __init__(self, missing: str) -> None:
        super().__init__(
            f"the local grand-challenge needs the server extra ({missing} is missing): "
            'pip install "gc-client[server]"',
            name=missing,
        )


def import_part(module: str) -> Any:
    """``gc_highlevel.testing.<module>``, or :class:`MissingServerExtraError`."""
    try:
        return importlib.import_module(f"{__name__}.{module}")
    except ModuleNotFoundError as exc:
        if exc.name is None or exc.name.startswith("gc_highlevel"):
            raise
        raise MissingServerExtraError(exc.name.split(".")[0]) from exc


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_part(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)

"""Small pure helpers at the boundary with the API and the generated code.

``None`` → ``UNSET`` (:func:`unset`) and httpx's ``verify`` (:func:`ssl_verify`). References
(pks, slugs, API URLs) are :mod:`gc_highlevel._references`.
"""

from __future__ import annotations

import ssl
from typing import Any, TypeVar

T = TypeVar("T")


def unset(value: T | None) -> Any:
    """``None`` becomes the generator's ``UNSET`` (so the parameter is not sent)."""
    if value is None:
        from gc_api.types import UNSET

        return UNSET
    return value


def ssl_verify(verify: bool | ssl.SSLContext | str) -> bool | ssl.SSLContext:
    """httpx's ``verify``, with a CA bundle path turned into an ``SSLContext`` (httpx 0.28
    deprecates passing the path)."""
    if isinstance(verify, str):
        return ssl.create_default_context(cafile=verify)
    return verify

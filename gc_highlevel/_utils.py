"""Small pure helpers at the boundary with the API and the generated code.

``None`` → ``UNSET`` (:func:`unset`), httpx's ``verify`` (:func:`ssl_verify`), and the
modules of optional extras (:func:`import_extra`). References (pks, slugs, API URLs) are
:mod:`gc_highlevel._references`.
"""

from __future__ import annotations

import importlib
import ssl
from typing import Any, TypeVar

from gc_highlevel._exceptions import MissingExtraError

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


def import_extra(name: str, *, extra: str, needs: str) -> Any:
    """Module ``name`` of the optional extra ``extra``, or :class:`MissingExtraError` whose
    message says what ``needs`` it and the ``pip install`` that brings it.

    Example:
        >>> import_extra("json", extra="imaging", needs="images need json").__name__
        'json'
        >>> import_extra("no_such_module", extra="imaging", needs="images need it")
        Traceback (most recent call last):
        gc_highlevel._exceptions.MissingExtraError: images need it, and no_such_module is not installed (No module named 'no_such_module'); install them with: pip install "gc-client[imaging]"
    """
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise MissingExtraError(
            f"{needs}, and {name} is not installed ({exc}); install them with: "
            f'pip install "gc-client[{extra}]"'
        ) from exc

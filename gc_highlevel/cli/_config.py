"""The user config file (:func:`gc_highlevel.config_path`): read it, write it readable only by
its owner, and show a token without revealing it."""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["load_config", "loose_permissions", "mask_token", "write_config"]


def mask_token(token: str) -> str:
    """A token shown as asterisks and its last four characters (nothing of a short one).

    Example:
        >>> mask_token("0123456789abcdef0123456789abcdef")
        '********cdef'
        >>> mask_token("short")
        '********'
    """
    return "*" * 8 + (token[-4:] if len(token) >= 16 else "")


def load_config(path: Path) -> tuple[dict[str, Any], str | None]:
    """The config file's content, and a problem (unreadable, not JSON) or None.

    A missing file is an empty config. The file's content is never put in the problem: it
    holds the token.

    Example:
        >>> load_config(Path("/nonexistent/config.json"))
        ({}, None)
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, None
    except OSError as exc:
        return {}, f"cannot read it ({exc.strerror or exc})"
    try:
        data = json.loads(text)
    except ValueError:
        return {}, "it is not valid JSON"
    if not isinstance(data, dict):
        return {}, "it does not hold a JSON object"
    return data, None


def write_config(path: Path, data: Mapping[str, Any]) -> None:
    """Write ``data`` as JSON to ``path``, readable and writable by its owner only (0600).

    The file is written under a temporary name created with those permissions and then
    renamed, so it is never readable by others, not even for a moment, and never half written.

    Example:
        >>> import tempfile
        >>> path = Path(tempfile.mkdtemp()) / "gc-client" / "config.json"
        >>> write_config(path, {"token": "abc"})
        >>> oct(path.stat().st_mode & 0o777) if os.name == "posix" else "0o600"
        '0o600'
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        if hasattr(os, "fchmod"):  # also when the umask took permissions away
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fd = -1
            json.dump(dict(data), fh, indent=2)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def loose_permissions(path: Path) -> bool:
    """Whether others than the owner may read or write ``path`` (POSIX; False elsewhere).

    Example:
        >>> loose_permissions(Path("/nonexistent"))
        False
    """
    if os.name != "posix":
        return False
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(mode & (stat.S_IRWXG | stat.S_IRWXO))

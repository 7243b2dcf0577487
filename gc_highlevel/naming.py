"""File names for downloads, derived from the names of the inputs (pure functions).

The tutorials name an algorithm's outputs after the input they came from:
``case01.mha`` → ``case01_lobes.mha``, and screenshots ``<name>_<uuid>.tif``. The default
template here is ``"{stem}_{socket}{ext}"``; any template can use

* ``stem``: the input's name without its image suffix (``.mha``, ``.nii.gz``, ``.tif``...);
* ``name``: the input's full name; ``socket``: the output socket's slug;
* ``image_pk`` (the output image), ``input_pk`` (the input image), ``job_pk``: ids; ``ext``: ``.mha`` for ``MHD`` files, ``.tif`` for ``TIFF``...

Example:
    >>> output_filename("case01.mha", socket="pulmonary-lobes", image_type="MHD")
    'case01_pulmonary-lobes.mha'
    >>> output_filename("case01.mha", socket="pulmonary-lobes", image_type="MHD",
    ...                 template="{stem}_lobes{ext}")
    'case01_lobes.mha'
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gc_api.models.image_file import ImageFile

__all__ = [
    "DEFAULT_TEMPLATE",
    "IMAGE_TYPE_SUFFIX",
    "TEMPLATE_FIELDS",
    "check_template",
    "choose_image_file",
    "dedupe",
    "output_filename",
    "safe_filename",
    "strip_image_suffix",
    "unique_names",
]

DEFAULT_TEMPLATE = "{stem}_{socket}{ext}"
#: File suffix by ``ImageFile.image_type``.
IMAGE_TYPE_SUFFIX = {"MHD": ".mha", "TIFF": ".tif", "DZI": ".dzi"}
_SUFFIXES = (
    ".nii.gz",
    ".tar.gz",
    ".mha",
    ".mhd",
    ".nii",
    ".nrrd",
    ".tiff",
    ".tif",
    ".dcm",
    ".png",
    ".jpg",
    ".jpeg",
    ".zip",
    ".json",
    ".pdf",
    ".csv",
)
_UNSAFE = re.compile(r"[^\w.\-+= ]+")
#: The fields a name template can use.
TEMPLATE_FIELDS = ("stem", "name", "socket", "image_pk", "input_pk", "job_pk", "ext")


def check_template(template: str) -> None:
    """Raise :class:`~gc_highlevel.InvalidArgumentError` if ``template`` uses a field that
    does not exist (or is not a valid format string), naming the fields it can use.

    Example:
        >>> check_template("{stem}_lobes{ext}")
        >>> check_template("{stemm}{ext}")
        Traceback (most recent call last):
        ...
        gc_highlevel._exceptions.InvalidArgumentError: name template '{stemm}{ext}' ...
    """
    _format(template, dict.fromkeys(TEMPLATE_FIELDS, "x"))


def _format(template: str, fields: dict[str, object]) -> str:
    from gc_highlevel._exceptions import InvalidArgumentError

    try:
        return template.format(**fields)
    except (KeyError, IndexError, ValueError, AttributeError, TypeError) as exc:
        problem = f"no field {exc}" if isinstance(exc, KeyError) else str(exc)
        raise InvalidArgumentError(
            f"name template {template!r} cannot be used ({problem}); its fields are "
            + ", ".join("{" + f + "}" for f in TEMPLATE_FIELDS)
            + ', e.g. "{stem}_{socket}{ext}"'
        ) from None


def strip_image_suffix(name: str) -> str:
    """``name`` without a known image/file suffix (double ones like ``.nii.gz`` included).

    Example:
        >>> strip_image_suffix("scan.nii.gz"), strip_image_suffix("case01.mha")
        ('scan', 'case01')
    """
    lower = name.lower()
    for suffix in _SUFFIXES:
        if lower.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def safe_filename(name: str) -> str:
    """``name`` made safe as one path component (no separators or control characters).

    Example:
        >>> safe_filename("../etc/passwd"), safe_filename("a b:c.mha")
        ('.._etc_passwd', 'a b_c.mha')
    """
    cleaned = _UNSAFE.sub("_", name.replace("/", "_").replace("\\", "_")).strip()
    return cleaned or "unnamed"


def output_filename(
    input_name: str,
    *,
    socket: str,
    image_type: str | None = None,
    suffix: str | None = None,
    image_pk: object = "",
    input_pk: object = "",
    job_pk: object = "",
    template: str = DEFAULT_TEMPLATE,
) -> str:
    """The file name of one output, from the name of the input it was computed from.

    ``suffix`` overrides the one chosen from ``image_type`` (for file outputs, pass the
    file's own suffix).

    Example:
        >>> output_filename("coronacases_001.mha", socket="pulmonary-lobes-screenshot",
        ...                 image_type="TIFF", image_pk="0b5d", template="{stem}_{image_pk}{ext}")
        'coronacases_001_0b5d.tif'
    """
    ext = suffix if suffix is not None else IMAGE_TYPE_SUFFIX.get(image_type or "", "")
    name = _format(
        template,
        {
            "stem": strip_image_suffix(input_name),
            "name": input_name,
            "socket": socket,
            "image_pk": image_pk,
            "input_pk": input_pk,
            "job_pk": job_pk,
            "ext": ext,
        },
    )
    return safe_filename(name)


def choose_image_file(
    files: Sequence[ImageFile], prefer: Iterable[str] = ("MHD", "TIFF")
) -> ImageFile | None:
    """The file to download of an image: the first ``image_type`` in ``prefer`` it has.

    ``DZI`` pyramids are derived files and only chosen when asked for.

    Example:
        >>> choose_image_file([]) is None
        True
    """
    by_type: dict[str, ImageFile] = {}
    for f in files:
        by_type.setdefault(str(f.image_type), f)
    for wanted in prefer:
        if wanted in by_type:
            return by_type[wanted]
    return None


def dedupe(paths: Iterable[Path]) -> list[Path]:
    """The same paths, with ``_2``, ``_3``... added to the stems of repeated ones.

    Example:
        >>> [p.name for p in dedupe([Path("a.mha"), Path("a.mha"), Path("b.mha")])]
        ['a.mha', 'a_2.mha', 'b.mha']
    """
    seen: dict[Path, int] = {}
    out = []
    for path in paths:
        n = seen.get(path, 0) + 1
        seen[path] = n
        if n == 1:
            out.append(path)
            continue
        name = path.name
        stem = strip_image_suffix(name)
        out.append(path.with_name(f"{stem}_{n}{name[len(stem) :]}"))
    return out


def _fold(name: str) -> str:
    """``name`` as a case-insensitive (and normalising) file system compares it."""
    return unicodedata.normalize("NFC", name).casefold()


def unique_names(wanted: Sequence[tuple[str, str]], *, reserved: Iterable[str] = ()) -> list[str]:
    """Names for ``(key, name)`` pairs (``name`` a ``/``-separated relative path, ``key`` a
    unique id such as an image pk) that no two share, even on a case-insensitive file system.

    A name wanted once keeps it. Of a name wanted by several keys, the smallest key keeps it and
    the others get ``_<key>`` (its first 8 letters and digits, more if needed) added to the stem.
    The result depends only on the pairs, not on their order, so a rerun over the same pairs
    gives every key the same name. ``reserved`` names are never given out.

    Example:
        >>> unique_names([("b2c3d4e5f6", "scan.mha"), ("a1b2c3d4e5", "scan.mha"),
        ...               ("c3d4e5f6a7", "scan_2.mha"), ("d4e5f6a7b8", "Scan.mha")])
        ['scan_b2c3d4e5.mha', 'scan.mha', 'scan_2.mha', 'Scan_d4e5f6a7.mha']
    """
    taken = {_fold(r) for r in reserved}
    groups: dict[str, list[int]] = defaultdict(list)
    for i, (_, name) in enumerate(wanted):
        groups[_fold(name)].append(i)
    out: list[str | None] = [None] * len(wanted)
    rest: list[int] = []
    for folded, members in groups.items():
        members.sort(key=lambda i: (wanted[i][0], wanted[i][1]))
        if folded in taken:
            rest.extend(members)
            continue
        taken.add(folded)
        out[members[0]] = wanted[members[0]][1]
        rest.extend(members[1:])
    for i in sorted(rest, key=lambda i: (_fold(wanted[i][1]), wanted[i][0], wanted[i][1])):
        key, name = wanted[i]
        folder, slash, base = name.rpartition("/")
        stem = strip_image_suffix(base)
        if stem == base:
            stem, ext = os.path.splitext(base)
        else:
            ext = base[len(stem) :]
        tag = re.sub(r"[^0-9A-Za-z]", "", key) or "x"
        candidates = [tag[:n] for n in range(8, len(tag), 4)] + [tag]
        candidates += [f"{tag}_{n}" for n in range(2, len(wanted) + len(taken) + 3)]
        for candidate in candidates:
            unique = f"{folder}{slash}{stem}_{candidate}{ext}"
            if _fold(unique) not in taken:
                break
        taken.add(_fold(unique))
        out[i] = unique
    return [n for n in out if n is not None]

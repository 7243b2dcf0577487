"""Which local files the ``upload`` and ``run`` commands send, and how they form cases.

One case per file, except for images made of several files (when the socket takes an image):

* a DICOM series: the DICOM files (``.dcm``, or any file with the DICOM preamble ``DICM``)
  of one series, by the ``SeriesInstanceUID`` in their headers, whatever their folders, are
  one case (without the ``dicom`` extra, the DICOM files of one folder);
* an MHD header with the data file its ``ElementDataFile`` line names (``x.mhd`` +
  ``x.raw``, or any other name) is one case; ``ElementDataFile = LOCAL`` means the data is in
  the header's own file.

For an image socket, files that cannot be an image grand-challenge imports (``notes.txt``, a
``.raw`` no header names, an ``.mhd`` whose data file is missing) are refused before any
request: they make no case and the summary lists them with the reason.

System files (``.DS_Store``, ``._*`` AppleDouble files, ``__MACOSX`` folders, ``Thumbs.db``,
``desktop.ini``) are skipped, and so are hidden files and folders met inside a folder.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gc_highlevel.cli._term import CommandError, human_size

__all__ = ["Case", "Selection", "collect", "extension", "is_dicom", "is_system_file"]

_SYSTEM_NAMES = frozenset({".ds_store", "thumbs.db", "desktop.ini"})
_SYSTEM_DIRS = frozenset({"__macosx"})
_DOUBLE_SUFFIXES = (".nii.gz", ".tar.gz")
#: Formats that are certainly not DICOM (their files are not read to check).
_NOT_DICOM = frozenset(
    {".mha", ".mhd", ".raw", ".zraw", ".nii", ".gz", ".nrrd", ".tif", ".tiff", ".png", ".jpg"}
    | {".jpeg", ".json", ".pdf", ".csv", ".zip", ".txt", ".svs", ".ndpi", ".mrxs"}
)


def is_system_file(path: Path) -> bool:
    """Whether ``path`` is an operating system's own file, never a user's data.

    Example:
        >>> [is_system_file(Path(p)) for p in ("a/.DS_Store", "._scan.mha", "x/__MACOSX/s.mha")]
        [True, True, True]
        >>> is_system_file(Path("scans/case01.mha"))
        False
    """
    name = path.name
    return (
        name.lower() in _SYSTEM_NAMES
        or name.startswith("._")
        or any(part.lower() in _SYSTEM_DIRS for part in path.parts[:-1])
    )


def extension(path: Path) -> str:
    """The lower-case extension a summary counts ``path`` under (``(none)`` without one).

    Example:
        >>> extension(Path("CT.MHA")), extension(Path("brain.nii.gz")), extension(Path("IM0001"))
        ('.mha', '.nii.gz', '(none)')
    """
    name = path.name.lower()
    for suffix in _DOUBLE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return suffix
    return path.suffix.lower() or "(none)"


def is_dicom(path: Path) -> bool:
    """Whether ``path`` is a DICOM file: a ``.dcm`` suffix, or the ``DICM`` preamble.

    Example:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "IM0001").write_bytes(bytes(128) + b"DICM" + bytes(10))
        >>> _ = (folder / "notes").write_bytes(b"hello")
        >>> is_dicom(folder / "IM0001"), is_dicom(folder / "notes"), is_dicom(Path("a.dcm"))
        (True, False, True)
    """
    suffix = path.suffix.lower()
    if suffix == ".dcm":
        return True
    if suffix in _NOT_DICOM:
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(132)
    except OSError:
        return False
    return head[128:132] == b"DICM"


@dataclass(frozen=True)
class Case:
    """One case: its label (for summaries and failure tables), its files and what they are.

    Example:
        >>> Case("case01.mha", (Path("case01.mha"),)).value
        PosixPath('case01.mha')
        >>> Case("series1", (Path("s/1.dcm"), Path("s/2.dcm")), "DICOM series").value
        [PosixPath('s/1.dcm'), PosixPath('s/2.dcm')]
    """

    label: str
    files: tuple[Path, ...]
    kind: str = "file"

    @property
    def value(self) -> Path | list[Path]:
        """What the library takes for the socket: one Path, or the list of an image's files."""
        if len(self.files) == 1 and self.kind == "file":
            return self.files[0]
        return list(self.files)


@dataclass
class Selection:
    """The cases found in the paths given, and what was left out."""

    cases: list[Case] = field(default_factory=list)
    #: System and hidden files that were skipped.
    skipped: list[Path] = field(default_factory=list)
    #: Folders not entered (no ``--recursive``).
    not_entered: list[Path] = field(default_factory=list)
    #: Files that cannot be (part of) an image, with why (image sockets only).
    refused: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        """Every file the cases send."""
        return [f for case in self.cases for f in case.files]

    def total_size(self) -> int:
        """Bytes in all files."""
        return sum(f.stat().st_size for f in self.files)

    def summary(self) -> list[str]:
        """Lines describing the selection (file count, size, extensions, case kinds, skips).

        Example:
            >>> import tempfile
            >>> folder = Path(tempfile.mkdtemp())
            >>> for name in ("a.mha", "b.mha", ".DS_Store"):
            ...     _ = (folder / name).write_bytes(b"12345")
            >>> print("\\n".join(collect([folder], recursive=False, group_images=False).summary()))
            2 files, 10 B, in 2 cases (one per file)
              .mha  2
            skipped 1 system or hidden entry: .DS_Store
        """
        files = self.files
        kinds = Counter(c.kind for c in self.cases)
        groups = [
            f"{n} {kind}{'' if n == 1 or kind.endswith('series') else 'es' if kind.endswith('s') else 's'}"
            for kind, n in sorted(kinds.items())
            if kind != "file"
        ]
        how = (
            "one per file"
            if not groups
            else ", ".join([*groups, *([f"{kinds['file']} single files"] if kinds["file"] else [])])
        )
        lines = [
            f"{len(files)} file{'' if len(files) == 1 else 's'}, {human_size(self.total_size())}, "
            f"in {len(self.cases)} case{'' if len(self.cases) == 1 else 's'} ({how})"
        ]
        counts = Counter(extension(f) for f in files)
        width = max((len(e) for e in counts), default=0)
        lines += [f"  {ext.ljust(width)}  {n}" for ext, n in sorted(counts.items())]
        if self.skipped:
            names = ", ".join(p.name for p in self.skipped[:5])
            more = f" and {len(self.skipped) - 5} more" if len(self.skipped) > 5 else ""
            n = len(self.skipped)
            lines.append(
                f"skipped {n} system or hidden entr{'y' if n == 1 else 'ies'}: {names}{more}"
            )
        if self.refused:
            n = len(self.refused)
            lines.append(
                f"refused {n} file{'' if n == 1 else 's'} that cannot be an image (no case "
                f"for {'it' if n == 1 else 'them'}):"
            )
            lines += [f"  {path}: {why}" for path, why in self.refused[:10]]
            if n > 10:
                lines.append(f"  and {n - 10} more")
        if self.not_entered:
            n = len(self.not_entered)
            lines.append(
                f"not entered: {n} subfolder{'' if n == 1 else 's'} (add --recursive to include "
                f"{'it' if n == 1 else 'them'})"
            )
        return lines


def _walk(root: Path, recursive: bool, selection: Selection) -> Iterator[tuple[Path, str]]:
    """The data files below ``root`` (sorted) with their label (the path relative to root)."""
    for current, dirs, files in os.walk(root):
        here = Path(current)
        hidden = sorted(d for d in dirs if d.startswith(".") or d.lower() in _SYSTEM_DIRS)
        kept = sorted(d for d in dirs if d not in hidden)
        if hidden:
            selection.skipped += [here / d for d in hidden]
        if recursive:
            dirs[:] = kept
        else:
            selection.not_entered += [here / d for d in kept]
            dirs[:] = []
        for name in sorted(files):
            path = here / name
            if name.startswith(".") or is_system_file(path):
                selection.skipped.append(path)
            elif path.is_file():
                yield path, path.relative_to(root).as_posix()


def _found(
    paths: Iterable[str | os.PathLike[str]], recursive: bool, selection: Selection
) -> list[tuple[Path, str]]:
    found: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given).expanduser()
        if path.is_dir():
            candidates: Iterable[tuple[Path, str]] = _walk(path, recursive, selection)
        elif path.is_file():
            if is_system_file(path):
                selection.skipped.append(path)
                continue
            candidates = [(path, path.name)]
        elif path.exists():
            raise CommandError(f"{str(given)!r} is neither a file nor a folder")
        else:
            raise CommandError(f"{str(given)!r} does not exist; check the path")
        for file, label in candidates:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                found.append((file, label))
    return found


def collect(
    paths: Sequence[str | os.PathLike[str]], *, recursive: bool, group_images: bool = True
) -> Selection:
    """The cases in ``paths`` (files and folders; below folders with ``recursive``).

    With ``group_images`` (the socket takes an image), the DICOM files of one series form
    one case (a folder holding two series makes two cases), an MHD header goes with the data
    file its ``ElementDataFile`` line names, and files that cannot be an image are refused
    (``selection.refused``, with why); otherwise every file is a case.

    Example:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> header = "ObjectType = Image\\nNDims = 1\\nDimSize = 1\\nElementType = MET_UCHAR\\n"
        >>> _ = (folder / "a.mhd").write_text(header + "ElementDataFile = a-data.raw\\n")
        >>> _ = (folder / "a-data.raw").write_bytes(b"\\0")
        >>> _ = (folder / "notes.txt").write_text("scanned on Monday")
        >>> selection = collect([folder], recursive=False)
        >>> [(c.label, c.kind, [f.name for f in c.files]) for c in selection.cases]
        [('a.mhd', 'MHD header + data', ['a.mhd', 'a-data.raw'])]
        >>> [(p.name, why) for p, why in selection.refused]
        [('notes.txt', 'it is text, not an image')]
    """
    selection = Selection()
    found = _found(paths, recursive, selection)
    if not group_images:
        selection.cases = [Case(label, (path,)) for path, label in found]
        return selection
    data_of = {path.resolve(): _mhd_data(path) for path, _ in found if _is_mhd(path)}
    data_files = {d.resolve() for files in data_of.values() for d in files}
    # [label, files, kind] in order of appearance; a DICOM series collects its folder's files.
    drafts: list[tuple[str, list[Path], str]] = []
    dicom_files: list[tuple[Path, str]] = []
    for path, label in found:
        key = path.resolve()
        if key in data_files:
            continue
        if key in data_of:
            data = data_of[key]
            drafts.append((label, [path, *data], _MHD_PAIR if data else "file"))
        elif is_dicom(path):
            drafts.append((label, [path], _DICOM_FILE))  # replaced by its series below
            dicom_files.append((path, label))
        else:
            drafts.append((label, [path], "file"))
    if dicom_files:
        # each series takes the place of its first file; its other files' places go
        series = {d[1][0]: d for d in _series_drafts(dicom_files)}
        drafts = [
            series[files[0]] if kind == _DICOM_FILE else (label, files, kind)
            for label, files, kind in drafts
            if kind != _DICOM_FILE or files[0] in series
        ]
    cases = [Case(label, tuple(files), kind) for label, files, kind in drafts]
    selection.cases = []
    for case in cases:
        problem = _image_problem(case)
        if problem is None:
            selection.cases.append(case)
        else:
            selection.refused.append(problem)
    return selection


def _is_mhd(path: Path) -> bool:
    return path.suffix.lower() == ".mhd"


def _mhd_data(header: Path) -> list[Path]:
    """The data file the header's ``ElementDataFile`` line names, next to the header (none
    for ``LOCAL``, a file pattern or list, an unreadable header, or a missing file: the image
    check then says what is wrong)."""
    from gc_highlevel.socket_values._image_formats import _meta_data_file

    name = _meta_data_file(header)
    if name is None or name.upper() == "LOCAL" or name.upper().startswith("LIST"):
        return []
    if "%" in name or " " in name:
        return []
    data = header.parent / name
    return [data] if data.is_file() else []


def _image_problem(case: Case) -> tuple[Path, str] | None:
    """(the file, why) when a file of ``case`` cannot be (part of) an image, else None.

    DICOM series are DICOM by construction; other cases' files are sniffed, as the library's
    plan would before any request.
    """
    if case.kind == "DICOM series":
        return None
    from gc_highlevel.socket_values._image_formats import image_file_problem

    for path in case.files:
        try:
            problem = image_file_problem(path, case.files)
        except OSError as exc:
            problem = f"it cannot be read ({exc.strerror or exc})"
        if problem is not None:
            return path, problem
    return None


_DICOM_FILE = "\0dicom"
_MHD_PAIR = "MHD header + data"


def _folder_label(path: Path, label: str) -> str:
    return label.rsplit("/", 1)[0] if "/" in label else path.resolve().parent.name


def _by_folder(files: list[Path], label_of: dict[Path, str]) -> list[tuple[str, list[Path], str]]:
    groups: dict[Path, list[Path]] = {}
    for path in files:
        groups.setdefault(path.resolve().parent, []).append(path)
    return [(_folder_label(g[0], label_of[g[0]]), g, "DICOM series") for g in groups.values()]


def _series_drafts(files: list[tuple[Path, str]]) -> list[tuple[str, list[Path], str]]:
    """One case per DICOM series (by ``SeriesInstanceUID``, read from the headers, whatever
    the folders), labelled by the folder of its first file (and the series, when a folder
    holds several). Files without a ``SeriesInstanceUID``, and all of them without pydicom
    (the ``dicom`` extra), form one case per folder."""
    label_of = {path: label for path, label in files}
    try:
        from gc_highlevel.dicom import group_series

        grouping = group_series([p for p, _ in files])
    except Exception:  # no pydicom: the folder is the series
        return _by_folder([p for p, _ in files], label_of)
    drafts: list[tuple[str, list[Path], str]] = []
    known = [s for s in grouping.series if s.series_instance_uid]
    folders = [_folder_label(s.files[0], label_of[s.files[0]]) for s in known]
    for one, folder in zip(known, folders, strict=True):
        name = folder
        if folders.count(folder) > 1:
            name = f"{folder} (series {one.number or one.series_instance_uid[-8:]})"
        drafts.append((name, list(one.files), "DICOM series"))
    unnamed = [p for s in grouping.series if not s.series_instance_uid for p in s.files]
    drafts.extend(_by_folder(unnamed, label_of))
    # A ".dcm" file whose content is not DICOM stays a case of its own (the plan refuses it).
    drafts.extend((label_of[p], [p], "file") for p in grouping.not_dicom)
    return drafts

"""Map-style ``torch.utils.data.Dataset``s over grand-challenge: archive cases, reader-study
display sets (with answers or ground truth as labels) and algorithm job outputs.

Each sample is a dict (as MONAI's dictionary transforms expect it):

- every image socket as a tensor, channel first: ``(C, Z, Y, X)`` for a 3-D image,
  ``(C, Y, X)`` for a 2-D one, ``C = 1`` for a scalar image and the number of components for a
  vector image (RGB...). With ``channel_first=False`` the tensor is the array as
  ``SimpleITK.GetArrayFromImage`` gives it (``Z, Y, X``, components last). Voxels keep their
  type (``uint16``/``uint32`` widen to the next signed type torch handles everywhere) unless
  ``dtype=`` says another (``torch.float32``);
- next to it, under ``"<slug>_meta"``, its geometry as SimpleITK orders it (``x`` first):
  ``spacing`` (mm per voxel), ``origin`` (mm) and ``direction`` (the flat row-major matrix)
  as ``float64`` tensors, and ``image_pk`` (a string);
- every value socket as its JSON value (a number, a string, a list...); a file socket holding
  JSON (``.json``) as its parsed value, any other file (a PDF...) as the path of its cached copy;
- ``"pk"`` and ``"title"`` of the archive item, display set or job (strings);
- for a reader study, ``"labels"``: the answers (or ground truth) by question text, each
  as its JSON value, a choice as its option title, a multiple choice as a list of titles, a
  mask as an image tensor (and its geometry under ``"<question>_meta"`` in ``"labels"``).

``transform`` (any callable taking and returning the sample, e.g. a MONAI ``Compose``) is
applied last. ``torch.utils.data.default_collate`` stacks such samples into batches when
every sample has the same keys and image shapes (pass ``sockets=`` to pick the same sockets
everywhere, a ``transform`` to crop or resize, or ``collate_fn=list``).

**Listing and order.** The items are listed once, when the dataset is made: ``len()`` never
changes and every process of a ``DataLoader`` or a ``DistributedSampler`` sees the same
order. Archive items are sorted by pk (grand-challenge lists them in no particular order),
display sets are in the study's order (``order``, then creation: what readers see), jobs in
the order of :meth:`~gc_highlevel.Client.algorithms.outputs_by_input` (by input: the archive's
images by name or the list given, then by job creation).

**Cache.** Nothing is downloaded when the dataset is made. A sample's images and files are
downloaded when it is first read, into an :class:`ImageCache` folder (``cache_dir=``, else
``$GC_CLIENT_DATASET_CACHE``, else ``<user cache dir>/gc-client/datasets``), and read from
there afterwards without any request. An entry is keyed by the image's pk: grand-challenge
cannot change an image's files (``cases/images/`` is read only, an upload makes a new image,
and a socket value that changes points at another image), so the pk names the content. File
values are keyed by their socket value's pk, which is as immutable. Downloads are resumable
(an interrupted one continues where it stopped, in the next process too) and several
processes fill and read one cache at once: one process downloads an entry (a file lock per
entry) into a temporary folder in the cache, which is then renamed into place atomically;
readers only ever see complete entries. :meth:`GCDataset.prefetch` downloads everything at
once (several at a time); :meth:`ImageCache.report` says how big the cache is.

Each image is read whole into memory with SimpleITK: its MHA file, or its TIFF when it has no
MHA (a whole-slide image: mind its size). An image with neither (DZI only, a DICOM image set)
raises :class:`~gc_highlevel.InvalidArgumentError` when read: leave its socket out with
``sockets=``.

**Workers.** A dataset pickles without its client or token, so ``DataLoader(num_workers=...)``
works with either start method: each process makes its own client when it first needs one,
with the dataset's ``base_url`` and the token read in that process from
``GRAND_CHALLENGE_AUTHORIZATION`` or the gc-client config file (as ``gc_highlevel.Client()``
does). The process that made the dataset uses the client it was given, and once that is
closed, one of its own made the same way (:meth:`GCDataset.close` closes it).

Needs the ``torch`` extra (``pip install "gc-client[torch]"``: torch, numpy and SimpleITK).
``import gc_highlevel`` never imports torch; ``import gc_highlevel.datasets`` does, if it is
installed. Without it, making a dataset raises :class:`~gc_highlevel.MissingExtraError`
before any request.

Example:
    >>> from torch.utils.data import DataLoader
    >>> from gc_highlevel.datasets import ArchiveDataset
    >>> with gc_highlevel.Client() as client:
    ...     cases = ArchiveDataset(client, "coronacasesorg", sockets=["ct-image"])
    >>> batch = next(iter(DataLoader(cases, batch_size=1, num_workers=2)))
    >>> batch["ct-image"].shape, batch["ct-image_meta"]["spacing"]
    (torch.Size([1, 1, 120, 512, 512]), tensor([[0.7000, 0.7000, 2.5000]], dtype=torch.float64))
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import operator
import os
import pickle
import shutil
import threading
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from gc_highlevel._exceptions import ClientClosedError, InvalidArgumentError
from gc_highlevel._utils import import_extra

if TYPE_CHECKING:
    from torch.utils.data import Dataset

    from gc_api.models.hyperlinked_component_interface_value import (
        HyperlinkedComponentInterfaceValue,
    )
    from gc_api.models.reader_study import ReaderStudy
    from gc_highlevel._references import Ref
    from gc_highlevel._sync._client import Client

    _Base = Dataset[dict[str, Any]]
else:
    try:  # a torch Dataset when torch is there; without it no dataset can be made anyway
        from torch.utils.data import Dataset as _Base
    except ImportError:
        _Base = object

__all__ = [
    "ENV_CACHE_DIR",
    "INSTALL_HINT",
    "ArchiveDataset",
    "CacheReport",
    "GCDataset",
    "ImageCache",
    "JobOutputsDataset",
    "ReaderStudyDataset",
    "default_cache_dir",
]

#: How to install what this module needs.
INSTALL_HINT = 'pip install "gc-client[torch]"'
#: The environment variable naming the default cache folder.
ENV_CACHE_DIR = "GC_CLIENT_DATASET_CACHE"
#: Keys every sample has; no socket may be named so.
RESERVED_KEYS = ("pk", "title", "labels")

_MANIFEST = "entry.json"
_NEEDED = ("torch", "numpy", "SimpleITK")


def _module(name: str) -> Any:
    return import_extra(name, extra="torch", needs="datasets need torch, numpy and SimpleITK")


def require_torch() -> None:
    """Raise :class:`~gc_highlevel.MissingExtraError` unless torch, numpy and SimpleITK import.

    Example:
        >>> require_torch()  # nothing happens when the extra is installed
    """
    for name in _NEEDED:
        _module(name)


def default_cache_dir() -> Path:
    """The cache folder datasets use unless given one: ``$GC_CLIENT_DATASET_CACHE``, else
    ``datasets`` in gc-client's user cache folder.

    Example:
        >>> os.environ["GC_CLIENT_DATASET_CACHE"] = "/data/gc-cache"
        >>> str(default_cache_dir())
        '/data/gc-cache'
    """
    env = os.environ.get(ENV_CACHE_DIR, "").strip()
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_path("gc-client")) / "datasets"


# -- the cache --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CacheReport:
    """How big a cache is: complete entries (images, files) and partial downloads.

    Example:
        >>> print(CacheReport(Path("/c"), images=2, files=1, bytes=3 * 2**20, partial_bytes=0))
        3 entries (2 images, 1 file) of 3.0 MiB in /c
    """

    directory: Path
    images: int
    files: int
    bytes: int
    partial_bytes: int

    @property
    def entries(self) -> int:
        return self.images + self.files

    def __str__(self) -> str:
        text = (
            f"{self.entries} entries ({self.images} image{'s' * (self.images != 1)}, "
            f"{self.files} file{'s' * (self.files != 1)}) of {_human(self.bytes)} in "
            f"{self.directory}"
        )
        if self.partial_bytes:
            text += f"; {_human(self.partial_bytes)} of unfinished downloads"
        return text


def _human(size: int) -> str:
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"  # pragma: no cover


def _tree_size(path: Path) -> int:
    total = 0
    for root, _, names in os.walk(path):
        for name in names:
            with contextlib.suppress(OSError):
                total += (Path(root) / name).stat().st_size
    return total


class ImageCache:
    """A folder of downloaded images and files, shared by processes.

    ``entries/image-<pk>/`` holds an image's files (``.mha``, or ``.mhd`` with its data file;
    ``.tif`` for an image without them)
    and ``entries/value-<pk>/`` a file socket value's file, each with ``entry.json`` (what was
    downloaded: names, sizes, sha256). An entry appears whole, by an atomic rename of the
    folder it was downloaded into (``partial/<key>/``, where an interrupted download is
    continued by the next one); ``locks/<key>.lock`` lets one process download it while the
    others wait. Complete entries are never changed, so reading needs no lock.

    Example:
        >>> cache = ImageCache(tmp_path / "cache")
        >>> cache.size(), cache.report().entries
        (0, 0)
    """

    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_cache_dir()

    def __repr__(self) -> str:
        return f"ImageCache({str(self.directory)!r})"

    @property
    def _entries(self) -> Path:
        return self.directory / "entries"

    def entry(self, key: str) -> Path | None:
        """The folder of a complete entry, or None if it is not (yet) in the cache."""
        path = self._entries / key
        return path if (path / _MANIFEST).is_file() else None

    def fill(self, key: str, download: Callable[[Path], object]) -> Path:
        """The folder of entry ``key``, downloaded first by ``download(folder)`` unless it
        is complete already (then nothing is called).

        ``download`` writes the entry's files into the folder it is given; it may find the
        files an interrupted call left there, and continue them. One process at a time
        downloads a given entry; the others wait for it and then use its result.

        Example:
            >>> folder = cache.fill("value-7", lambda d: (d / "x.json").write_text("1"))
            >>> (folder / "x.json").read_text()
            '1'
        """
        if not key or "/" in key or key.startswith("."):
            raise InvalidArgumentError(f"a cache key is a plain name, got {key!r}")
        found = self.entry(key)
        if found is not None:
            return found
        from filelock import FileLock

        locks = self.directory / "locks"
        locks.mkdir(parents=True, exist_ok=True)
        with FileLock(str(locks / f"{key}.lock")):
            found = self.entry(key)
            if found is not None:
                return found  # another process downloaded it while we waited
            staging = self.directory / "partial" / key
            staging.mkdir(parents=True, exist_ok=True)
            download(staging)
            files = sorted(p for p in staging.iterdir() if p.is_file() and p.name != _MANIFEST)
            manifest = {
                "key": key,
                "files": [
                    {"name": p.name, "size": p.stat().st_size, "sha256": _sha256(p)} for p in files
                ],
            }
            tmp = staging / f".{_MANIFEST}.tmp"
            tmp.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
            os.replace(tmp, staging / _MANIFEST)
            final = self._entries / key
            final.parent.mkdir(parents=True, exist_ok=True)
            if final.exists():  # a folder without a manifest: not an entry, never read
                shutil.rmtree(final)
            os.replace(staging, final)
            return final

    def discard(self, key: str) -> None:
        """Remove entry ``key`` (e.g. a file that no longer reads); the next read downloads it
        again.

        Example:
            >>> cache.discard("image-0b5d")  # nothing happens if it is not there
        """
        from filelock import FileLock

        locks = self.directory / "locks"
        locks.mkdir(parents=True, exist_ok=True)
        with FileLock(str(locks / f"{key}.lock")):
            path = self._entries / key
            if path.exists():
                trash = self.directory / "partial" / f".discarded-{key}-{uuid.uuid4().hex}"
                trash.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, trash)  # readers holding files keep them; the entry is gone
                shutil.rmtree(trash, ignore_errors=True)

    def keys(self) -> list[str]:
        """The keys of the complete entries, sorted.

        Example:
            >>> cache.keys()
            ['image-0b5d...', 'value-42']
        """
        if not self._entries.is_dir():
            return []
        return sorted(p.name for p in self._entries.iterdir() if (p / _MANIFEST).is_file())

    def size(self) -> int:
        """Bytes held by complete entries.

        Example:
            >>> cache.size()
            1048576
        """
        return sum(_tree_size(self._entries / key) for key in self.keys())

    def report(self) -> CacheReport:
        """How many entries of how many bytes, and how much of unfinished downloads.

        Example:
            >>> print(cache.report())
            3 entries (3 images, 0 files) of 12.4 MiB in /home/me/.cache/gc-client/datasets
        """
        keys = self.keys()
        return CacheReport(
            directory=self.directory,
            images=sum(k.startswith("image-") for k in keys),
            files=sum(not k.startswith("image-") for k in keys),
            bytes=sum(_tree_size(self._entries / k) for k in keys),
            partial_bytes=_tree_size(self.directory / "partial"),
        )

    def clear(self) -> None:
        """Remove every entry and unfinished download (do not while others read it).

        Example:
            >>> cache.clear(); cache.size()
            0
        """
        for name in ("entries", "partial"):
            shutil.rmtree(self.directory / name, ignore_errors=True)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# -- what a sample holds (plain data: pickled to the workers) ---------------------------------


@dataclass(frozen=True)
class _Field:
    kind: Literal["image", "file", "value"]
    key: str = ""  # the cache key of an image or file
    url: str = ""  # the image's api_url, or the file's URL
    value: Any = None  # a value socket's JSON value


@dataclass(frozen=True)
class _Sample:
    pk: str
    title: str
    fields: Mapping[str, _Field]
    labels: Mapping[str, _Field] | None = None


def _last_segment(url: str) -> str:
    return url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]


def _field(value: HyperlinkedComponentInterfaceValue) -> _Field:
    image, file = value.image, value.file
    if isinstance(image, str) and image:
        return _Field("image", key=f"image-{_last_segment(image)}", url=image)
    if isinstance(file, str) and file:
        return _Field("file", key=f"value-{value.pk}", url=file)
    from gc_api.types import Unset

    raw = value.value
    return _Field("value", value=None if isinstance(raw, Unset) else raw)


def _image_field(url: str) -> _Field:
    return _Field("image", key=f"image-{_last_segment(url)}", url=url)


def _values(
    values: Iterable[HyperlinkedComponentInterfaceValue], wanted: Sequence[str] | None
) -> dict[str, _Field] | None:
    """The fields by socket slug (only ``wanted`` ones, in that order); None if one is missing."""
    from gc_highlevel.types import socket_of

    by_slug = {socket_of(v).slug: v for v in values}
    if wanted is None:
        return {slug: _field(by_slug[slug]) for slug in sorted(by_slug)}
    if any(slug not in by_slug for slug in wanted):
        return None
    return {slug: _field(by_slug[slug]) for slug in wanted}


def _check_sockets(sockets: Sequence[str] | None) -> list[str] | None:
    if sockets is None:
        return None
    if isinstance(sockets, str) or not all(isinstance(s, str) and s for s in sockets):
        raise InvalidArgumentError(f"sockets must be a list of socket slugs, got {sockets!r}")
    listed = list(dict.fromkeys(sockets))
    for slug in listed:
        _check_key(slug)
    return listed


def _check_key(slug: str) -> None:
    if slug in RESERVED_KEYS or slug.endswith("_meta"):
        raise InvalidArgumentError(
            f"socket {slug!r} would clash with a key every sample has ({', '.join(RESERVED_KEYS)}"
            ", or '<slug>_meta'); leave it out with sockets=[...]"
        )


# -- the datasets -----------------------------------------------------------------------------


class GCDataset(_Base):
    """What the datasets share: length, samples, the cache, prefetching, lazy clients.

    Not made directly: use :class:`ArchiveDataset`, :class:`ReaderStudyDataset` or
    :class:`JobOutputsDataset`. Arguments they all take:

    - ``client``: the sync :class:`~gc_highlevel.Client` the items are listed with, also used
      for downloads in this process;
    - ``cache_dir``: the :class:`ImageCache` folder (default :func:`default_cache_dir`);
    - ``transform``: a callable applied to each sample (a dict) last;
    - ``dtype``: a torch dtype every image tensor is converted to (default: the voxels' own);
    - ``channel_first``: images as ``(C, Z, Y, X)`` (default) or as the array is;
    - ``base_url`` and ``client_options``: what worker processes make their client with
      (default: the client's ``base_url``; options such as ``{"timeout": 60}`` are passed to
      ``gc_highlevel.Client``, and must pickle); the token is read in each worker from
      ``GRAND_CHALLENGE_AUTHORIZATION`` or the config file.

    Example:
        >>> cases = ArchiveDataset(client, "coronacasesorg")
        >>> len(cases), cases[0]["pk"] == cases.pks[0]
        (3, True)
    """

    def __init__(
        self,
        client: Client,
        *,
        cache_dir: str | os.PathLike[str] | None,
        transform: Callable[[dict[str, Any]], Any] | None,
        dtype: Any,
        channel_first: bool,
        base_url: str | None,
        client_options: Mapping[str, Any] | None,
    ) -> None:
        require_torch()  # before any request
        from gc_highlevel._sync._client import Client

        if not isinstance(client, Client):
            raise InvalidArgumentError(
                f"datasets take a sync gc_highlevel.Client, got {type(client).__name__} (the "
                "DataLoader's workers are sync)"
            )
        if transform is not None and not callable(transform):
            raise InvalidArgumentError(f"transform must be callable, got {transform!r}")
        if dtype is not None and not isinstance(dtype, _module("torch").dtype):
            raise InvalidArgumentError(f"dtype must be a torch.dtype, got {dtype!r}")
        options = dict(client_options or {})
        headers = options.get("headers") or {}
        if "token" in options or any(str(k).lower() == "authorization" for k in headers):
            raise InvalidArgumentError(
                "client_options must not hold the token (it would be pickled to the workers); "
                "workers read GRAND_CHALLENGE_AUTHORIZATION or the gc-client config file"
            )
        try:
            pickle.dumps(options)
        except Exception as exc:
            raise InvalidArgumentError(
                f"client_options must pickle (the workers get a copy): {exc}"
            ) from None
        if base_url is not None:
            from gc_highlevel._auth import resolve_base_url

            base_url = str(resolve_base_url(base_url))
        self.cache = ImageCache(cache_dir)
        self.transform = transform
        self.dtype = dtype
        self.channel_first = bool(channel_first)
        self.base_url = base_url or client.base_url
        self.client_options = options
        self._needs_token = client.has_token
        self._client: Client | None = client
        self._client_pid = os.getpid()
        self._owns_client = False
        self._lock = threading.Lock()
        self._samples: list[_Sample] = []

    # -- pickling and clients ----------------------------------------------------------------

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_client"] = None  # never pickled: it holds the token and open connections
        state["_owns_client"] = False
        del state["_lock"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def _get_client(self) -> Client:
        """This process's client: the one given (in the process that made the dataset, while
        it is open), else one made here from ``base_url`` and the token of the environment or
        config file."""
        pid = os.getpid()
        if self._client_pid != pid:
            # Forked (a DataLoader worker): the parent's client shares its connections and its
            # lock may be held by a thread that does not exist here. Neither is ours.
            self._lock = threading.Lock()
            self._client = None
            self._owns_client = False
            self._client_pid = pid
        with self._lock:
            if self._client is None:
                self._client = self._new_client()
                self._owns_client = True
            return self._client

    def _new_client(self) -> Client:
        from gc_highlevel._auth import resolve_token
        from gc_highlevel._sync._client import Client

        if self._needs_token and resolve_token(None) is None:
            raise InvalidArgumentError(
                "this dataset was listed with a token, but this process (a DataLoader worker, "
                "or one whose client was closed) finds none to make a client with: set "
                "GRAND_CHALLENGE_AUTHORIZATION in the environment the workers inherit, or save "
                "the token in the gc-client config file (gc_highlevel.config_path())"
            )
        return Client(base_url=self.base_url, **self.client_options)

    def close(self) -> None:
        """Close the client this process made for the dataset (not the one it was given);
        the next download makes another.

        Example:
            >>> dataset.close()
        """
        with self._lock:
            if self._owns_client and self._client is not None and self._client_pid == os.getpid():
                self._client.close()
                self._client = None
                self._owns_client = False

    # -- the sequence ------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._samples)

    @property
    def pks(self) -> list[str]:
        """The pk of each sample's archive item, display set or job, in the dataset's order."""
        return [s.pk for s in self._samples]

    def __getitem__(self, index: int) -> Any:
        try:
            position = operator.index(index)
        except TypeError:
            raise InvalidArgumentError(
                f"a dataset index is an integer, got {type(index).__name__}"
            ) from None
        if not -len(self._samples) <= position < len(self._samples):
            raise IndexError(f"index {position} is out of range for {len(self._samples)} samples")
        spec = self._samples[position]
        sample: dict[str, Any] = {"pk": spec.pk, "title": spec.title}
        for slug, fld in spec.fields.items():
            self._put(sample, slug, fld)
        if spec.labels is not None:
            labels: dict[str, Any] = {}
            for question, fld in spec.labels.items():
                self._put(labels, question, fld)
            sample["labels"] = labels
        return self.transform(sample) if self.transform is not None else sample

    def _put(self, into: dict[str, Any], key: str, fld: _Field) -> None:
        if fld.kind == "value":
            into[key] = fld.value
        elif fld.kind == "file":
            folder = self._fetch(fld)
            path = next(p for p in folder.iterdir() if p.name != _MANIFEST)
            into[key] = (
                json.loads(path.read_text(encoding="utf-8"))
                if path.suffix.lower() == ".json"
                else str(path)
            )
        else:
            into[key], into[f"{key}_meta"] = self._image(fld)

    def _fetch(self, fld: _Field) -> Path:
        found = self.cache.entry(fld.key)
        if found is not None:
            return found
        given = self._get_client()
        try:
            return self._download(fld, given)
        except ClientClosedError:  # the client given was closed: make one, as workers do
            with self._lock:
                if self._client is given:
                    self._client = None
            return self._download(fld, self._get_client())

    def _download(self, fld: _Field, client: Client) -> Path:
        if fld.kind == "image":

            def download(folder: Path) -> object:
                image = client.images.get(api_url=fld.url)
                kinds = {str(f.image_type) for f in image.files}
                kind = next((k for k in ("MHD", "TIFF") if k in kinds), None)
                if kind is None:
                    raise InvalidArgumentError(
                        f"image {image.pk} has no MHA or TIFF file to read (it has: "
                        f"{', '.join(sorted(kinds)) or 'none'}); leave its socket out with "
                        "sockets=[...]"
                    )
                return client.transfers.download_image(
                    image, folder, image_type=kind, progress=False
                )

        else:

            def download(folder: Path) -> object:
                name = _safe_name(_last_segment(fld.url)) or "value"
                return client.transfers.download(fld.url, folder / name, progress=False)

        return self.cache.fill(fld.key, download)

    def _image(self, fld: _Field) -> tuple[Any, dict[str, Any]]:
        try:
            image = self._read(self._fetch(fld))
        except RuntimeError:  # SimpleITK could not read it: a damaged entry, fetch it again
            self.cache.discard(fld.key)
            image = self._read(self._fetch(fld))
        torch, np, sitk = (_module(n) for n in _NEEDED)
        array = sitk.GetArrayFromImage(image)
        if self.channel_first:
            vector = image.GetNumberOfComponentsPerPixel() > 1
            array = np.moveaxis(array, -1, 0) if vector else array[np.newaxis]
        widen = {"uint16": np.int32, "uint32": np.int64, "uint64": np.int64}
        if array.dtype.name in widen:
            array = array.astype(widen[array.dtype.name])
        tensor = torch.from_numpy(np.ascontiguousarray(array))
        if self.dtype is not None:
            tensor = tensor.to(self.dtype)
        meta = {
            "spacing": torch.tensor(image.GetSpacing(), dtype=torch.float64),
            "origin": torch.tensor(image.GetOrigin(), dtype=torch.float64),
            "direction": torch.tensor(image.GetDirection(), dtype=torch.float64),
            "image_pk": fld.key.removeprefix("image-"),
        }
        return tensor, meta

    @staticmethod
    def _read(folder: Path) -> Any:
        from gc_highlevel.imaging import read_files

        return read_files(sorted(p for p in folder.iterdir() if p.name != _MANIFEST))

    # -- the cache ---------------------------------------------------------------------------

    def _downloads(self) -> list[_Field]:
        seen: dict[str, _Field] = {}
        for spec in self._samples:
            for fld in [*spec.fields.values(), *(spec.labels or {}).values()]:
                if fld.kind != "value":
                    seen.setdefault(fld.key, fld)
        return list(seen.values())

    def uncached(self) -> list[str]:
        """The cache keys of this dataset's images and files not downloaded yet.

        Example:
            >>> len(dataset.uncached())
            3
        """
        return [f.key for f in self._downloads() if self.cache.entry(f.key) is None]

    def prefetch(self, *, progress: bool | None = None, concurrency: int = 4) -> CacheReport:
        """Download every image and file of the dataset into the cache (``concurrency`` at a
        time), skipping those there already; returns :meth:`ImageCache.report`.

        ``progress=None`` shows a bar on a terminal or in a notebook. Safe while other
        processes read or fill the same cache.

        Example:
            >>> print(dataset.prefetch(progress=True))
            3 entries (3 images, 0 files) of 12.4 MiB in /home/me/.cache/gc-client/datasets
        """
        from gc_highlevel._validate import check_count
        from gc_highlevel.progress import case_bar

        check_count("concurrency", concurrency)
        missing = [f for f in self._downloads() if self.cache.entry(f.key) is None]
        bar = case_bar(len(missing), "prefetch", progress=progress, unit="file")
        try:
            if missing:
                self._get_client()  # made once, before the threads share it
                with ThreadPoolExecutor(max_workers=min(concurrency, len(missing))) as pool:
                    for _ in pool.map(self._fetch, missing):
                        bar.update(1)
        finally:
            bar.close()
        return self.cache.report()


def _safe_name(name: str) -> str:
    from gc_highlevel.naming import safe_filename

    return safe_filename(name)


class ArchiveDataset(GCDataset):
    """The items of an archive, sorted by pk: one sample per item, its socket values by slug.

    ``sockets`` picks the sockets to load (in that order); items lacking one of them are
    left out. Without it, every socket of each item is loaded (items may then differ in keys).
    See :class:`GCDataset` for the other arguments and the module docstring for the sample.

    Example:
        >>> cases = ArchiveDataset(client, "coronacasesorg", sockets=["ct-image"],
        ...                        dtype=torch.float32)
        >>> sample = cases[0]
        >>> sample["ct-image"].shape, sample["ct-image_meta"]["spacing"].tolist()
        (torch.Size([1, 120, 512, 512]), [0.7, 0.7, 2.5])
    """

    def __init__(
        self,
        client: Client,
        archive: Ref,
        *,
        sockets: Sequence[str] | None = None,
        cache_dir: str | os.PathLike[str] | None = None,
        transform: Callable[[dict[str, Any]], Any] | None = None,
        dtype: Any = None,
        channel_first: bool = True,
        base_url: str | None = None,
        client_options: Mapping[str, Any] | None = None,
    ) -> None:
        wanted = _check_sockets(sockets)
        super().__init__(
            client,
            cache_dir=cache_dir,
            transform=transform,
            dtype=dtype,
            channel_first=channel_first,
            base_url=base_url,
            client_options=client_options,
        )
        cases = sorted(client.archives.cases(archive), key=lambda c: str(c.pk))
        for case in cases:
            fields = _values(case.values.values(), wanted)
            if fields is None:
                continue
            for slug in fields:
                _check_key(slug)
            self._samples.append(_Sample(str(case.pk), case.title, fields))


class ReaderStudyDataset(GCDataset):
    """The display sets of a reader study, in the study's order, with their labels.

    ``labels="answers"`` (default) takes the study's answers you may see (not the ground
    truth), ``"ground_truth"`` the ground truth (educational studies), ``None`` no labels.
    ``reader`` keeps only that user's answers; without it, two readers answering one question
    of one display set is an :class:`~gc_highlevel.InvalidArgumentError` (pick one).
    ``questions`` (question texts) picks the questions; with ``require_labels=True`` (the
    default) display sets without a label for each of them (or, without ``questions``, with
    no label at all) are left out. ``sockets`` picks the display sets' sockets as for
    :class:`ArchiveDataset`.

    Example:
        >>> exam = ReaderStudyDataset(client, "corads-score-exam", questions=["CO-RADS score"])
        >>> exam[0]["labels"]
        {'CO-RADS score': 'CO-RADS 3'}
    """

    def __init__(
        self,
        client: Client,
        reader_study: Ref,
        *,
        labels: Literal["answers", "ground_truth"] | None = "answers",
        reader: str | None = None,
        questions: Sequence[str] | None = None,
        require_labels: bool = True,
        sockets: Sequence[str] | None = None,
        cache_dir: str | os.PathLike[str] | None = None,
        transform: Callable[[dict[str, Any]], Any] | None = None,
        dtype: Any = None,
        channel_first: bool = True,
        base_url: str | None = None,
        client_options: Mapping[str, Any] | None = None,
    ) -> None:
        if labels not in ("answers", "ground_truth", None):
            raise InvalidArgumentError(
                f"labels must be 'answers', 'ground_truth' or None, got {labels!r}"
            )
        if questions is not None and (
            isinstance(questions, str) or not all(isinstance(q, str) for q in questions)
        ):
            raise InvalidArgumentError(f"questions must be a list of texts, got {questions!r}")
        wanted = _check_sockets(sockets)
        super().__init__(
            client,
            cache_dir=cache_dir,
            transform=transform,
            dtype=dtype,
            channel_first=channel_first,
            base_url=base_url,
            client_options=client_options,
        )
        study = client.reader_studies.get(reader_study)
        from gc_highlevel.types import question_text, title_of

        by_text = {question_text(q): q for q in study.questions}
        unknown = [q for q in questions or () if q not in by_text]
        if unknown:
            raise InvalidArgumentError(
                f"reader study {study.slug!r} has no question {unknown[0]!r}; its questions: "
                f"{sorted(by_text)}"
            )
        found = _labels(client, study, labels, reader) if labels is not None else {}
        chosen = list(questions) if questions is not None else None
        for ds in client.reader_studies.display_sets(study):
            fields = _values(ds.values, wanted)
            if fields is None:
                continue
            for slug in fields:
                _check_key(slug)
            given = found.get(str(ds.pk), {})
            if chosen is not None:
                given = {q: given[q] for q in chosen if q in given}
            if labels is not None and require_labels:
                complete = all(q in given for q in chosen) if chosen is not None else given
                if not complete:
                    continue
            title = title_of(ds)
            self._samples.append(
                _Sample(str(ds.pk), title, fields, dict(given) if labels is not None else None)
            )


def _labels(
    client: Client, study: ReaderStudy, kind: str, reader: str | None
) -> dict[str, dict[str, _Field]]:
    """Display set pk → question text → its label."""
    from gc_highlevel.answer_rows import CHOICE_TYPES
    from gc_highlevel.types import question_text

    questions = {str(q.pk): q for q in study.questions}
    out: dict[str, dict[str, _Field]] = {}
    who: dict[tuple[str, str], str] = {}
    if kind == "answers":
        rows: list[Any] = [
            r
            for r in client.reader_studies.answers(study)
            if not r.is_ground_truth and (reader is None or r.creator == reader)
        ]
    else:
        rows = client.reader_studies.ground_truth_rows(study)
    for row in rows:
        question = questions.get(str(row.question_pk))
        if question is None:
            continue
        text = question_text(question)
        creator = getattr(row, "creator", "")
        if (row.display_set_pk, text) in who:
            raise InvalidArgumentError(
                f"display set {row.display_set_pk} has answers to {text!r} by "
                f"{who[(row.display_set_pk, text)]!r} and {creator!r}: pick one with reader=..."
            )
        who[(row.display_set_pk, text)] = creator
        image = getattr(row, "answer_image", "")
        if image:
            label = _image_field(image)
        else:
            raw = row.answer
            if question.answer_type in CHOICE_TYPES:
                titles = {o.id: o.title for o in question.options}
                raw = (
                    [titles.get(i, i) for i in raw]
                    if isinstance(raw, list)
                    else titles.get(raw, raw)
                )
            label = _Field("value", value=raw)
        out.setdefault(row.display_set_pk, {})[text] = label
    return out


class JobOutputsDataset(GCDataset):
    """The succeeded jobs of an algorithm on an archive's images, a list of images or a list
    of jobs: one sample per job, its inputs and outputs by socket slug.

    The jobs come from ``client.algorithms.outputs_by_input(algorithm, archive=..., images=...,
    jobs=...)`` (exactly one of them), in its order (by input, then creation); jobs that did
    not succeed are left out. ``inputs=False`` leaves the job's inputs out (an input and an
    output on sockets of the same slug need it, or ``sockets=``). ``"title"`` is the name of
    the job's input image. ``sockets`` picks the sockets as for :class:`ArchiveDataset`.

    Example:
        >>> lobes = JobOutputsDataset(client, "pulmonary-lobe-segmentation-for-covid-19-ct-scans",
        ...                           archive="coronacasesorg", sockets=["ct-image", "pulmonary-lobes"])
        >>> lobes[0]["pulmonary-lobes"].unique()
        tensor([0, 1, 2, 3, 4, 5], dtype=torch.uint8)
    """

    def __init__(
        self,
        client: Client,
        algorithm: Ref,
        *,
        archive: Ref | None = None,
        images: Sequence[object] | None = None,
        jobs: Sequence[object] | None = None,
        inputs: bool = True,
        sockets: Sequence[str] | None = None,
        cache_dir: str | os.PathLike[str] | None = None,
        transform: Callable[[dict[str, Any]], Any] | None = None,
        dtype: Any = None,
        channel_first: bool = True,
        base_url: str | None = None,
        client_options: Mapping[str, Any] | None = None,
    ) -> None:
        if sum(x is not None for x in (archive, images, jobs)) != 1:
            raise InvalidArgumentError("pass exactly one of archive=, images= or jobs=")
        wanted = _check_sockets(sockets)
        super().__init__(
            client,
            cache_dir=cache_dir,
            transform=transform,
            dtype=dtype,
            channel_first=channel_first,
            base_url=base_url,
            client_options=client_options,
        )
        from gc_highlevel.types import socket_of

        mapping = client.algorithms.outputs_by_input(
            algorithm, archive=archive, images=images, jobs=jobs
        )
        for row in mapping:
            if row.status != "Succeeded":
                continue
            values = list(row.job.outputs)
            if inputs:
                given = {socket_of(v).slug for v in row.job.inputs}
                clash = sorted(given & set(row.outputs))
                if clash and (wanted is None or set(clash) & set(wanted)):
                    raise InvalidArgumentError(
                        f"job {row.job.pk} has an input and an output on socket {clash[0]!r}: "
                        "pass inputs=False or sockets=[...] without it"
                    )
                values += [v for v in row.job.inputs if socket_of(v).slug not in row.outputs]
            fields = _values(values, wanted)
            if fields is None:
                continue
            for slug in fields:
                _check_key(slug)
            self._samples.append(_Sample(str(row.job.pk), row.input_name, fields))

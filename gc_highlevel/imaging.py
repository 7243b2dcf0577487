"""Images and arrays in and out: ``SimpleITK.Image`` and numpy arrays with their geometry.

Reading: ``client.images.read(ref)`` (a ``SimpleITK.Image``) and
``client.images.read_array(ref)`` (an :class:`ImageArray`) take anything that names an image:
an ``Image`` object, its pk or ``api_url``, a socket value of an archive item, display set or
job (``job.outputs[i]``), or an answer holding a mask (``answer.answer_image``). The image's
MHA file is streamed to a temporary folder, read with SimpleITK and the folder removed.
:func:`read_image` and :func:`read_array` do the same given the client (sync or async).

Writing: wherever an Image socket takes a ``Path`` (``client.archives.add_cases``,
``client.algorithms.run``, ``client.reader_studies.add_display_sets``, value updates,
endpoint invocations), it also takes a ``SimpleITK.Image`` or an :class:`ImageArray`. The
image is written as compressed MHA into a temporary folder when the call plans its cases,
uploaded like a file, and removed when the plan is dropped (at the latest when the process
exits). A bare numpy array is refused before any request: it has no spacing, origin or
direction, so say what they are with :class:`ImageArray` or :func:`image_from_array`.
A journaled batch keys such a value by its voxels and geometry (a sha256), so rerunning the
same batch with the same arrays makes nothing twice.

Everything here needs the ``imaging`` extra (``pip install "gc-client[imaging]"``:
SimpleITK and numpy); importing this module does not, and a call that needs it raises
:class:`MissingExtraError` without it.

Example:
    >>> import numpy as np
    >>> from gc_highlevel.imaging import ImageArray
    >>> mask = ImageArray(np.zeros((4, 8, 8), np.uint8), spacing=(0.7, 0.7, 2.5))
    >>> mask.to_image().GetSpacing()
    (0.7, 0.7, 2.5)
"""

from __future__ import annotations

import hashlib
import json
import math
import shutil
import sys
import tempfile
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from gc_highlevel._exceptions import InvalidArgumentError, MissingExtraError
from gc_highlevel._utils import import_extra

if TYPE_CHECKING:
    from collections.abc import Coroutine

    import numpy.typing as npt
    import SimpleITK

    from gc_highlevel._async._client import AsyncClient
    from gc_highlevel._sync._client import Client

__all__ = [
    "INSTALL_HINT",
    "ImageArray",
    "MissingExtraError",
    "image_from_array",
    "image_key",
    "read_array",
    "read_image",
]

#: How to install what this module needs.
INSTALL_HINT = 'pip install "gc-client[imaging]"'


def _module(name: str) -> Any:
    return import_extra(name, extra="imaging", needs="images and arrays need SimpleITK and numpy")


def _sitk() -> Any:
    """SimpleITK, typed as ``Any`` (its partial annotations upset ``mypy --strict``)."""
    return _module("SimpleITK")


def _np() -> Any:
    return _module("numpy")


def require_imaging() -> None:
    """Raise :class:`MissingExtraError` unless SimpleITK and numpy can be imported.

    Example:
        >>> require_imaging()  # nothing happens when the extra is installed
    """
    _np()
    _sitk()


# -- geometry ---------------------------------------------------------------------------------


def _floats(name: str, values: object, n: int) -> tuple[float, ...]:
    try:
        listed = [float(v) for v in values]  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        raise InvalidArgumentError(f"{name} must be {n} numbers, got {values!r}") from None
    if len(listed) != n:
        raise InvalidArgumentError(
            f"{name} must be {n} numbers (one per axis, x first, as SimpleITK orders them) "
            f"for a {math.isqrt(n) if name == 'direction' else n}-D image; "
            f"got {len(listed)}: {values!r}"
        )
    if not all(math.isfinite(v) for v in listed):
        raise InvalidArgumentError(f"{name} must be finite numbers, got {values!r}")
    return tuple(listed)


def _geometry(
    dimension: int,
    spacing: object,
    origin: object | None,
    direction: object | None,
) -> tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...]]:
    sp = _floats("spacing", spacing, dimension)
    if not all(v > 0 for v in sp):
        raise InvalidArgumentError(f"spacing must be positive (mm per voxel), got {spacing!r}")
    org = (0.0,) * dimension if origin is None else _floats("origin", origin, dimension)
    if direction is None:
        dirs = tuple(float(r == c) for r in range(dimension) for c in range(dimension))
    else:
        flat = direction
        if isinstance(direction, Sequence) and direction and isinstance(direction[0], Sequence):
            flat = [v for row in direction for v in row]  # a matrix, row by row
        elif hasattr(direction, "ravel"):
            flat = direction.ravel()
        dirs = _floats("direction", flat, dimension * dimension)
        matrix = _np().asarray(dirs).reshape(dimension, dimension)
        if abs(float(_np().linalg.det(matrix))) < 1e-6:
            raise InvalidArgumentError(
                f"direction must be an invertible matrix (the axes' direction cosines), "
                f"got {direction!r}"
            )
    return sp, org, dirs


_DIMENSIONS = (2, 3, 4)


def _as_array(array: object) -> Any:
    np = _np()
    arr = np.asarray(array)
    if arr.dtype == np.bool_:
        arr = arr.astype(np.uint8)  # masks: SimpleITK has no boolean pixel type
    if arr.ndim not in _DIMENSIONS:
        raise InvalidArgumentError(
            f"an image array has 2, 3 or 4 axes (z, y, x as SimpleITK.GetArrayFromImage "
            f"orders them); got shape {arr.shape}"
        )
    if arr.dtype.kind not in "iuf":
        raise InvalidArgumentError(
            f"an image array holds integers or floats; got dtype {arr.dtype}"
        )
    return arr


@dataclass(frozen=True, eq=False, init=False)
class ImageArray:
    """Voxels and their geometry: what a numpy array needs to become an image.

    ``array`` is ordered as ``SimpleITK.GetArrayFromImage`` orders it (``z, y, x``), while
    ``spacing`` (mm per voxel), ``origin`` (mm) and ``direction`` (the axes' directions, a
    flat row-major matrix, or a matrix) are ordered as SimpleITK orders them (``x`` first).
    ``origin`` defaults to zeros and ``direction`` to the identity; ``spacing`` has no
    default: say it. Boolean arrays (masks) become ``uint8``. Bad geometry raises
    :class:`~gc_highlevel.InvalidArgumentError`.

    Example:
        >>> import numpy as np
        >>> ct = ImageArray(np.zeros((2, 3, 4), np.int16), spacing=(0.8, 0.8, 2.0),
        ...                 origin=(-100.0, -120.0, 30.0))
        >>> ct.shape, ct.direction
        ((2, 3, 4), (1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0))
    """

    #: The voxels, ``z, y, x`` (as ``SimpleITK.GetArrayFromImage``).
    array: npt.NDArray[Any]
    #: Millimetres per voxel, ``x`` first.
    spacing: tuple[float, ...]
    #: The position of the first voxel in millimetres, ``x`` first.
    origin: tuple[float, ...]
    #: The direction cosines, a flat row-major matrix.
    direction: tuple[float, ...]

    def __init__(
        self,
        array: npt.ArrayLike,
        *,
        spacing: Sequence[float],
        origin: Sequence[float] | None = None,
        direction: Sequence[float] | Sequence[Sequence[float]] | None = None,
    ) -> None:
        arr = _as_array(array)
        sp, org, dirs = _geometry(arr.ndim, spacing, origin, direction)
        object.__setattr__(self, "array", arr)
        object.__setattr__(self, "spacing", sp)
        object.__setattr__(self, "origin", org)
        object.__setattr__(self, "direction", dirs)

    def __repr__(self) -> str:
        return (
            f"ImageArray(shape={self.shape}, dtype={self.array.dtype}, spacing={self.spacing}, "
            f"origin={self.origin}, direction={self.direction})"
        )

    @property
    def shape(self) -> tuple[int, ...]:
        """The array's shape (``z, y, x``)."""
        return tuple(int(n) for n in self.array.shape)

    def to_image(self) -> SimpleITK.Image:
        """This array as a ``SimpleITK.Image`` with its geometry.

        Example:
            >>> import numpy as np
            >>> ImageArray(np.ones((2, 3), np.uint8), spacing=(0.5, 0.5)).to_image().GetSize()
            (3, 2)
        """
        sitk = _sitk()
        image = sitk.GetImageFromArray(self.array, isVector=False)
        image.SetSpacing(self.spacing)
        image.SetOrigin(self.origin)
        image.SetDirection(self.direction)
        return image  # type: ignore[no-any-return]

    @classmethod
    def from_image(cls, image: SimpleITK.Image) -> ImageArray:
        """The voxels (a copy, ``z, y, x``) and geometry of a ``SimpleITK.Image``.

        Example:
            >>> import SimpleITK as sitk
            >>> ImageArray.from_image(sitk.Image(4, 3, sitk.sitkUInt8)).shape
            (3, 4)
        """
        sitk = _sitk()
        if not isinstance(image, sitk.Image):
            raise InvalidArgumentError(f"expected a SimpleITK.Image, got {type(image).__name__}")
        return cls(
            sitk.GetArrayFromImage(image),
            spacing=tuple(image.GetSpacing()),
            origin=tuple(image.GetOrigin()),
            direction=tuple(image.GetDirection()),
        )


def image_from_array(
    array: npt.ArrayLike,
    *,
    spacing: Sequence[float],
    origin: Sequence[float] | None = None,
    direction: Sequence[float] | Sequence[Sequence[float]] | None = None,
) -> SimpleITK.Image:
    """A ``SimpleITK.Image`` from a numpy array (``z, y, x``) and its geometry (``x`` first).

    ``spacing`` is required: an image without it would be measured in voxels. ``origin``
    defaults to zeros, ``direction`` (flat row-major, or a matrix) to the identity.

    Example:
        >>> import numpy as np
        >>> image = image_from_array(np.zeros((2, 3, 4)), spacing=(1, 1, 1))
        >>> image.GetSize(), image.GetSpacing()
        ((4, 3, 2), (1.0, 1.0, 1.0))
    """
    return ImageArray(array, spacing=spacing, origin=origin, direction=direction).to_image()


# -- values of image sockets ------------------------------------------------------------------


def is_bare_array(value: object) -> bool:
    """Whether ``value`` is a numpy array (which has no geometry). Imports nothing.

    Example:
        >>> import numpy as np
        >>> is_bare_array(np.zeros(3)), is_bare_array([0, 0, 0])
        (True, False)
    """
    np = sys.modules.get("numpy")
    return np is not None and isinstance(value, np.ndarray)


def is_image_value(value: object) -> bool:
    """Whether ``value`` is an in-memory image: a ``SimpleITK.Image`` or an
    :class:`ImageArray`. Imports nothing.

    Example:
        >>> is_image_value("ct.mha")
        False
    """
    if isinstance(value, ImageArray):
        return True
    sitk = sys.modules.get("SimpleITK")
    image_type = getattr(sitk, "Image", None)
    return isinstance(image_type, type) and isinstance(value, image_type)


def bare_array_message(slug: str, value: Any) -> str:
    """Why a numpy array is refused for socket ``slug``, and what to pass instead."""
    shape = getattr(value, "shape", "?")
    return (
        f"socket {slug!r}: a bare numpy array (shape {shape}) has no geometry (spacing, "
        "origin, direction); say what it is: gc_highlevel.imaging.ImageArray(array, "
        "spacing=(sx, sy, sz), origin=..., direction=...), image_from_array(array, "
        "spacing=...) or a SimpleITK.Image (for a JSON value, pass array.tolist())"
    )


def as_sitk_image(value: object) -> SimpleITK.Image:
    """A ``SimpleITK.Image`` for an in-memory image value (see :func:`is_image_value`)."""
    if isinstance(value, ImageArray):
        return value.to_image()
    return value  # type: ignore[return-value]


def image_key(image: SimpleITK.Image | ImageArray) -> str:
    """A stable key (sha256 hex) of an image's voxels, pixel type, geometry and metadata.

    The same voxels with the same geometry give the same key in any process, so a journaled
    batch recognises a case it has already made.

    Example:
        >>> import numpy as np
        >>> a = ImageArray(np.zeros((2, 2), np.uint8), spacing=(1, 1))
        >>> image_key(a) == image_key(a.to_image())
        True
    """
    np = _np()
    sitk = _sitk()
    img: Any = as_sitk_image(image)
    header = {
        "pixel": img.GetPixelIDTypeAsString(),
        "components": img.GetNumberOfComponentsPerPixel(),
        "size": list(img.GetSize()),
        "spacing": list(img.GetSpacing()),
        "origin": list(img.GetOrigin()),
        "direction": list(img.GetDirection()),
        "meta": {k: img.GetMetaData(k) for k in sorted(img.GetMetaDataKeys())},
    }
    digest = hashlib.sha256(json.dumps(header, sort_keys=True).encode())
    voxels = np.ascontiguousarray(sitk.GetArrayViewFromImage(img))
    digest.update(voxels.view(np.uint8).reshape(-1).data)
    return digest.hexdigest()


class Scratch:
    """A temporary folder, removed by :meth:`remove`, when this object is garbage collected,
    or at the latest when the process exits.

    Example:
        >>> scratch = Scratch()
        >>> scratch.path.is_dir()
        True
        >>> scratch.remove(); scratch.path.exists()
        False
    """

    def __init__(self, prefix: str = "gc-client-image-") -> None:
        self.path = Path(tempfile.mkdtemp(prefix=prefix))
        self._finalizer = weakref.finalize(self, shutil.rmtree, str(self.path), True)

    def remove(self) -> None:
        """Remove the folder now (once; later calls do nothing)."""
        self._finalizer()


def write_scratch_mha(image: SimpleITK.Image, name: str) -> tuple[Path, Scratch]:
    """Write ``image`` as compressed MHA ``<name>.mha`` into a new :class:`Scratch` folder.

    The file lives as long as the returned :class:`Scratch` (keep a reference to it).
    """
    sitk = _sitk()
    scratch = Scratch()
    path = scratch.path / f"{name}.mha"
    try:
        sitk.WriteImage(image, str(path), useCompression=True)
    except BaseException:
        scratch.remove()
        raise
    return path, scratch


# -- reading ----------------------------------------------------------------------------------


def image_reference(value: object) -> object:
    """What names the image of ``value``, for ``client.transfers.download_image``: an
    ``Image`` object, pk or ``api_url`` as given; a socket value's ``image``; an answer's
    ``answer_image``. Raises :class:`InvalidArgumentError` when ``value`` holds no image.

    Example:
        >>> image_reference("https://gc.example/api/v1/cases/images/0b5d/")
        'https://gc.example/api/v1/cases/images/0b5d/'
    """
    if value is None or isinstance(value, (bool, int, float)) or is_image_value(value):
        raise InvalidArgumentError(
            f"images.read() takes an image (an Image, its pk or api_url, a socket value "
            f"holding an image, an answer with an image); got {type(value).__name__}"
        )
    if hasattr(value, "files") and hasattr(value, "api_url"):
        return value  # an Image
    if hasattr(value, "answer_image"):
        url = value.answer_image
        if not isinstance(url, str) or not url:
            raise InvalidArgumentError(f"answer {getattr(value, 'pk', '?')} holds no image")
        return url
    if hasattr(value, "image") and (hasattr(value, "interface") or hasattr(value, "socket")):
        url = getattr(value, "image", None)
        if not isinstance(url, str) or not url:
            socket = getattr(value, "interface", None) or getattr(value, "socket", None)
            slug = getattr(socket, "slug", "?")
            raise InvalidArgumentError(
                f"the value of socket {slug!r} holds no image (a file or JSON value: "
                "client.transfers.download_socket_value or value.value)"
            )
        return url
    if hasattr(value, "outputs") or hasattr(value, "values"):
        raise InvalidArgumentError(
            f"a {type(value).__name__} holds several values: pass the one with the image, "
            "e.g. next(v for v in job.outputs if v.interface.slug == 'ct-image')"
        )
    return value


def read_files(paths: Iterable[Path]) -> SimpleITK.Image:
    """Read the downloaded files of one image (``.mha``, or ``.mhd`` with its data file)."""
    sitk = _sitk()
    listed = list(paths)
    header = next((p for p in listed if p.suffix.lower() in (".mha", ".mhd")), None)
    if header is None:
        header = listed[0]
    return sitk.ReadImage(str(header))  # type: ignore[no-any-return]


@overload
def read_image(client: Client, image: object) -> SimpleITK.Image: ...
@overload
def read_image(client: AsyncClient, image: object) -> Coroutine[Any, Any, SimpleITK.Image]: ...
def read_image(client: Client | AsyncClient, image: object) -> Any:
    """``client.images.read(image)``: a ``SimpleITK.Image`` with its geometry (awaitable for
    an ``AsyncClient``).

    Example:
        >>> value = next(v for v in item.values if v.image)
        >>> ct = read_image(client, value)
        >>> ct.GetSpacing()
        (0.7, 0.7, 2.5)
    """
    return client.images.read(image)


@overload
def read_array(client: Client, image: object) -> ImageArray: ...
@overload
def read_array(client: AsyncClient, image: object) -> Coroutine[Any, Any, ImageArray]: ...
def read_array(client: Client | AsyncClient, image: object) -> Any:
    """``client.images.read_array(image)``: the voxels (``z, y, x``) and geometry of an image
    (awaitable for an ``AsyncClient``).

    Example:
        >>> mask = read_array(client, answer)
        >>> mask.array.shape, mask.spacing
        ((120, 512, 512), (0.7, 0.7, 2.5))
    """
    return client.images.read_array(image)

"""In-memory images without a server: plans, keys, temporary files, refusals, the extra."""

from __future__ import annotations

import doctest
import gc
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from gc_highlevel import InvalidArgumentError, imaging
from gc_highlevel.imaging import ImageArray, MissingExtraError, image_from_array, image_key
from gc_highlevel.socket_values import (
    DuplicateCaseError,
    Route,
    SocketKindError,
    example_socket,
    plan_case,
    plan_cases,
    precheck_cases,
)

SOCKETS = {
    "ct-image": example_socket("ct-image", "Image", "Image"),
    "lung-volume": example_socket("lung-volume", "Float", "Value"),
    "report": example_socket("report", "PDF file", "File"),
}


def _ct(value: int = 0, **geometry: object) -> ImageArray:
    array = np.full((3, 4, 5), value, np.int16)
    array[1, 2, 3] = 7
    return ImageArray(array, **{"spacing": (0.5, 0.6, 2.0), **geometry})  # type: ignore[arg-type]


def _ours(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith("gc-client-")]


def test_importing_the_package_imports_neither_simpleitk_nor_numpy() -> None:
    code = (
        "import sys, gc_highlevel, gc_highlevel.imaging, gc_highlevel.socket_values\n"
        "gc_highlevel.Client\n"
        "print(sorted(m for m in ('SimpleITK', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.replace("'", '"')) == []


def test_an_image_array_is_planned_as_a_temporary_mha_keyed_by_its_content(
    scratch_dir: Path,
) -> None:
    plan = plan_case({"ct-image": _ct(), "lung-volume": 1.5}, SOCKETS)
    value = plan.get("ct-image")
    assert value is not None and value.route is Route.IMAGE_UPLOAD
    (path,) = value.paths
    assert path.suffix == ".mha" and path.parent.parent == scratch_dir
    assert path.name.startswith("ct-image-")
    import SimpleITK as sitk

    back = ImageArray.from_image(sitk.ReadImage(str(path)))
    assert np.array_equal(back.array, _ct().array) and back.spacing == (0.5, 0.6, 2.0)
    # the same voxels and geometry in another object (or as a SimpleITK image): the same key,
    # though the temporary file differs
    again = plan_case({"lung-volume": 1.5, "ct-image": _ct().to_image()}, SOCKETS)
    assert again.get("ct-image").paths != value.paths  # type: ignore[union-attr]
    assert again.fingerprint("archive:x") == plan.fingerprint("archive:x")
    # other voxels or other geometry: another key
    assert (
        plan_case({"ct-image": _ct(1)}, SOCKETS).fingerprint()
        != plan_case({"ct-image": _ct()}, SOCKETS).fingerprint()
    )
    assert (
        plan_case({"ct-image": _ct(origin=(1, 0, 0))}, SOCKETS).fingerprint()
        != plan_case({"ct-image": _ct()}, SOCKETS).fingerprint()
    )
    # the file goes with the plan, or when released
    del plan, value
    gc.collect()
    assert not path.exists()
    kept = again.get("ct-image").paths[0]  # type: ignore[union-attr]
    assert kept.exists()
    again.release()
    assert not kept.exists() and _ours(scratch_dir) == []


def test_the_same_array_twice_in_a_batch_is_a_duplicate_case(scratch_dir: Path) -> None:
    with pytest.raises(DuplicateCaseError):
        plan_cases([{"ct-image": _ct()}, {"ct-image": _ct().to_image()}], SOCKETS)
    gc.collect()
    assert _ours(scratch_dir) == []


def test_bare_arrays_are_refused_with_what_to_pass() -> None:
    with pytest.raises(SocketKindError, match=r"ImageArray\(array, spacing=") as info:
        precheck_cases([{"lung-volume": 1.0}, {"ct-image": np.zeros((4, 4, 4))}])
    assert info.value.slug == "ct-image" and info.value.case == 1
    assert "case 1: socket 'ct-image': a bare numpy array (shape (4, 4, 4))" in str(info.value)
    # a numpy number is fine (a JSON value), a list of numbers too
    precheck_cases([{"lung-volume": np.float64(1.0), "xs": [1, 2]}])
    # at plan time too (for calls that plan one case without a precheck)
    with pytest.raises(SocketKindError, match="no geometry"):
        plan_case({"ct-image": np.zeros((4, 4))}, SOCKETS)
    with pytest.raises(SocketKindError, match=r"array.tolist\(\)"):
        plan_case({"lung-volume": np.zeros(3)}, SOCKETS)
    with pytest.raises(SocketKindError, match="goes to an Image socket"):
        plan_case({"report": _ct()}, SOCKETS)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"spacing": (1, 1)}, "spacing must be 3 numbers"),
        ({"spacing": (1, 0, 1)}, "positive"),
        ({"spacing": (1, 1, float("nan"))}, "finite"),
        ({"spacing": (1, 1, 1), "origin": (0, 0)}, "origin must be 3 numbers"),
        ({"spacing": (1, 1, 1), "direction": (1, 0, 0, 0, 1, 0)}, "direction must be 9 numbers"),
        ({"spacing": (1, 1, 1), "direction": (1, 0, 0, 1, 0, 0, 0, 0, 1)}, "invertible"),
        ({"spacing": "abc"}, "spacing must be 3 numbers"),
    ],
)
def test_bad_geometry_is_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        ImageArray(np.zeros((2, 2, 2)), **kwargs)  # type: ignore[arg-type]


def test_bad_arrays_are_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="2, 3 or 4 axes"):
        ImageArray(np.zeros(5), spacing=(1,))
    with pytest.raises(InvalidArgumentError, match="integers or floats"):
        ImageArray(np.array([["a", "b"]]), spacing=(1, 1))


def test_geometry_round_trips_through_simpleitk() -> None:
    direction = [[0, 1, 0], [-1, 0, 0], [0, 0, 1]]
    image = image_from_array(
        np.arange(24, dtype=np.float32).reshape(2, 3, 4),
        spacing=(0.5, 0.25, 3),
        origin=(1, 2, 3),
        direction=direction,
    )
    assert image.GetSize() == (4, 3, 2)
    back = ImageArray.from_image(image)
    assert back.direction == (0.0, 1.0, 0.0, -1.0, 0.0, 0.0, 0.0, 0.0, 1.0)
    assert back.origin == (1.0, 2.0, 3.0) and back.spacing == (0.5, 0.25, 3.0)
    assert back.array.dtype == np.float32 and back.array[1, 2, 3] == 23
    assert image_key(back) == image_key(image)
    assert "shape=(2, 3, 4)" in repr(back)


def test_without_the_extra_a_clear_error_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    ct = _ct()
    monkeypatch.setitem(sys.modules, "SimpleITK", None)  # as if not installed
    with pytest.raises(MissingExtraError, match=r'pip install "gc-client\[imaging\]"') as info:
        ct.to_image()
    assert isinstance(info.value, ImportError)
    with pytest.raises(MissingExtraError):
        plan_case({"ct-image": ct}, SOCKETS)
    monkeypatch.setitem(sys.modules, "numpy", None)
    with pytest.raises(MissingExtraError, match="numpy"):
        imaging.require_imaging()


@pytest.mark.parametrize(
    "name",
    [
        "ImageArray",
        "image_from_array",
        "image_key",
        "is_bare_array",
        "is_image_value",
        "image_reference",
        "require_imaging",
        "Scratch",
    ],
)
def test_docstring_examples(name: str) -> None:
    finder = doctest.DocTestFinder()
    tests = finder.find(getattr(imaging, name), name, globs=vars(imaging))
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in tests:
        runner.run(test)
    assert runner.summarize(verbose=False).attempted > 0
    assert runner.summarize(verbose=False).failed == 0


def test_what_names_an_image() -> None:
    from types import SimpleNamespace

    url = "https://gc.example/api/v1/cases/images/0b5d9d5e-9c55-4c1e-8d0e-5ad3a9c7e0aa/"
    socket = SimpleNamespace(slug="ct-image")
    assert imaging.image_reference(SimpleNamespace(interface=socket, image=url, pk=3)) == url
    assert imaging.image_reference(SimpleNamespace(answer_image=url, pk=4)) == url
    image = SimpleNamespace(files=[], api_url=url, pk="0b5d")
    assert imaging.image_reference(image) is image
    with pytest.raises(InvalidArgumentError, match="'ct-image' holds no image"):
        imaging.image_reference(SimpleNamespace(interface=socket, image=None, pk=3))
    with pytest.raises(InvalidArgumentError, match="holds no image"):
        imaging.image_reference(SimpleNamespace(answer_image=None, pk=4))
    with pytest.raises(InvalidArgumentError, match="several values"):
        imaging.image_reference(SimpleNamespace(outputs=[], pk=5))
    with pytest.raises(InvalidArgumentError, match="takes an image"):
        imaging.image_reference(None)

"""Unit tests: socket values from plain Python are validated and routed before any request."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gc_highlevel._exceptions import GCError, InvalidArgumentError
from gc_highlevel.socket_values import (
    DuplicateSocketError,
    InputFileError,
    MissingInputError,
    Route,
    SocketKindError,
    UnexpectedInputError,
    UnknownSocketError,
    check_json,
    example_socket,
    plan_case,
    plan_cases,
)

SOCKETS = {
    "ct-image": example_socket("ct-image", "Image", "Image"),
    "generic-overlay": example_socket("generic-overlay", "Heat Map", "Image"),
    "report": example_socket("report", "PDF file", "File", relative_path="report.pdf"),
    "nodules": example_socket("nodules", "Multiple points", "File", relative_path="nodules.json"),
    "lung-volume": example_socket("lung-volume", "Float", "Value"),
    "age": example_socket("age", "Integer", "Value"),
    "flag": example_socket("flag", "Bool", "Value"),
    "tags": example_socket("tags", "Multiple choice", "Value"),
    "score": example_socket("score", "Integer", "Value", schema={"minimum": 0, "maximum": 5}),
}
IMAGE_URL = "https://grand-challenge.org/api/v1/cases/images/0b5d0a4e-2b40-4c5e-9d0e-6a1c2f3b4d5e/"


DICOM = bytes(128) + b"DICM" + bytes(16)  # the preamble is all the plan looks at


def mha(data: bytes = b"\x00\x01\x02\x03") -> bytes:
    """A tiny valid uncompressed MHA image holding ``data`` (one byte per voxel)."""
    header = (
        "ObjectType = Image\nNDims = 2\nBinaryData = True\nCompressedData = False\n"
        f"DimSize = {len(data)} 1\nElementType = MET_UCHAR\nElementDataFile = LOCAL\n"
    )
    return header.encode() + data


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    contents = {"ct.mha": mha(), "report.pdf": b"%PDF-1.4\n", "a.dcm": DICOM, "b.dcm": DICOM}
    out = {}
    for name, data in contents.items():
        p = tmp_path / name
        p.write_bytes(data)
        out[name] = p
    return out


def test_routes_by_super_kind(files: dict[str, Path]) -> None:
    nodules = {"type": "Multiple points", "points": [{"point": [1, 2, 3]}]}
    plan = plan_case(
        {
            "ct-image": files["ct.mha"],
            "generic-overlay": IMAGE_URL,
            "report": files["report.pdf"],
            "nodules": nodules,
            "lung-volume": 1.9,
        },
        SOCKETS,
    )
    routes = {v.slug: v.route for v in plan.values}
    assert routes == {
        "ct-image": Route.IMAGE_UPLOAD,
        "generic-overlay": Route.IMAGE,
        "report": Route.FILE_UPLOAD,
        "nodules": Route.FILE_UPLOAD,
        "lung-volume": Route.VALUE,
    }
    assert plan.upload_count == 3
    nod = plan.get("nodules")
    assert nod is not None and nod.filename == "nodules.json"
    assert json.loads(nod.data or b"") == nodules
    payload = plan.requests({"ct-image": ["u1"], "report": ["u2"], "nodules": ["u3"]})
    assert [p.to_dict() for p in payload] == [
        {"interface": "ct-image", "user_uploads": ["u1"]},
        {"interface": "generic-overlay", "image": IMAGE_URL},
        {"interface": "report", "user_upload": "u2"},
        {"interface": "nodules", "user_upload": "u3"},
        {"interface": "lung-volume", "value": 1.9},
    ]


def test_image_files_list_and_folder(files: dict[str, Path], tmp_path: Path) -> None:
    plan = plan_case({"ct-image": [files["a.dcm"], str(files["b.dcm"])]}, SOCKETS)
    assert [p.name for p in plan.values[0].paths] == ["a.dcm", "b.dcm"]
    series = tmp_path / "series"
    series.mkdir()
    for n in ("2.dcm", "1.dcm", ".hidden"):
        (series / n).write_bytes(DICOM)
    plan = plan_case({"ct-image": series}, SOCKETS)
    assert [p.name for p in plan.values[0].paths] == ["1.dcm", "2.dcm"]


def test_existing_image_object() -> None:
    class FakeImage:
        api_url = IMAGE_URL
        files = ()

    plan = plan_case({"ct-image": FakeImage()}, SOCKETS)
    assert plan.values[0].route is Route.IMAGE and plan.values[0].image_url == IMAGE_URL


def test_value_from_json_file(tmp_path: Path) -> None:
    p = tmp_path / "v.json"
    p.write_text("3")
    assert plan_case({"age": p}, SOCKETS).values[0].value == 3


@pytest.mark.parametrize(
    ("slug", "value", "fragment"),
    [
        ("ct-image", 1.9, "Image socket"),
        ("ct-image", "https://gc.org/api/v1/uploads/x/", "not an image api_url"),
        ("report", {"a": 1}, "File socket"),
        ("lung-volume", "big", "not of type 'number'"),
        ("lung-volume", True, "not of type 'number'"),
        ("age", 1.5, "not of type 'integer'"),
        ("flag", 1, "not of type 'boolean'"),
        ("tags", ["a", 3], "value[1]: 3 is not of type 'string'"),
        ("nodules", {"type": "Point", "points": []}, "not one of"),
        ("nodules", {"points": []}, "value: 'type' is a required property"),
        ("score", 9, "9 is greater than the maximum of 5"),
        ("lung-volume", None, "None is not accepted"),
        ("lung-volume", float("nan"), "is not JSON"),
        ("age", object(), "is not JSON"),
    ],
)
def test_wrong_kind(slug: str, value: object, fragment: str) -> None:
    with pytest.raises(SocketKindError) as info:
        plan_case({slug: value}, SOCKETS)
    assert info.value.slug == slug
    assert fragment in str(info.value)
    assert isinstance(info.value, GCError) and isinstance(info.value, ValueError)


def _nested(depth: int) -> object:
    value: object = 0
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("value", "socket_says", "metrics_say"),
    [
        (float("inf"), "is not JSON (Out of range float", "no NaN or infinity): Out of range"),
        ({1, 2}, "is not JSON (Object of type set", "Object of type set is not JSON"),
        ({(1, 2): 3}, "is not JSON (keys must be", "keys must be"),
        (_nested(150), "nests deeper than 100 levels", "nested too deeply"),
        (_nested(5000), "nests deeper than 100 levels", "nested too deeply"),  # no RecursionError
    ],
)
def test_socket_values_and_metrics_share_one_json_check(
    value: object, socket_says: str, metrics_say: str
) -> None:
    from gc_highlevel._async.resources.evaluations import check_metrics
    from gc_highlevel.socket_values import InvalidArgumentError

    sockets = {"anything": example_socket("anything", "Anything", "Value")}
    with pytest.raises(SocketKindError, match=re.escape(socket_says)):
        plan_case({"anything": value}, sockets)
    with pytest.raises(InvalidArgumentError, match=re.escape(metrics_say)) as info:
        check_metrics({"m": value}, "report_success()")
    assert str(info.value).startswith("report_success(): metrics ")
    assert check_metrics({"dice": 0.9, "per_case": [{"a": 1}]}, "x") == {
        "dice": 0.9,
        "per_case": [{"a": 1}],
    }


def test_unknown_socket_suggests() -> None:
    with pytest.raises(UnknownSocketError) as info:
        plan_case({"ct-imag": "x"}, SOCKETS, target="archive 'radboudcovid'")
    assert "did you mean 'ct-image'" in str(info.value)
    assert "archive 'radboudcovid'" in str(info.value)
    assert "ct-image" in info.value.valid


def test_unknown_socket_among_many_names_the_nearest_only() -> None:
    known = [f"socket-{n}" for n in range(40)] + ["ct-image"]
    with pytest.raises(UnknownSocketError) as info:
        plan_case({"ct-imag": "x"}, {}, target="archive 'a'", known=known)
    message = str(info.value)
    assert "did you mean 'ct-image'" in message and "41 sockets" in message
    assert "socket-17" not in message  # not a wall of slugs
    assert len(info.value.valid) == 41


def test_not_an_input_of_the_algorithm() -> None:
    combos = [{"ct-image"}]
    inputs = {"ct-image": SOCKETS["ct-image"]}
    with pytest.raises(UnexpectedInputError) as info:
        plan_case({"ct-image": IMAGE_URL, "agee": 3}, inputs, combinations=combos, target="alg")
    assert isinstance(info.value, UnknownSocketError)  # one except catches both
    assert info.value.extra == ("agee",) and info.value.missing == ()
    assert "'agee' is not an input of alg (inputs: ct-image)" in str(info.value)
    with pytest.raises(UnexpectedInputError, match="did you mean 'ct-image'") as typo:
        plan_case({"ct-imag": IMAGE_URL}, inputs, combinations=combos, target="alg")
    assert typo.value.missing == ("ct-image",)


def test_duplicate_socket() -> None:
    with pytest.raises(DuplicateSocketError) as info:
        plan_case([("age", 1), ("age", 2)], SOCKETS)
    assert info.value.slug == "age"


def test_missing_and_unreadable_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InputFileError) as info:
        plan_case({"ct-image": tmp_path / "nope.mha"}, SOCKETS)
    assert info.value.path.name == "nope.mha" and "does not exist" in str(info.value)
    with pytest.raises(InputFileError, match=r"takes one file; .* is a folder"):
        plan_case({"report": tmp_path}, SOCKETS)
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(b"%PDF-1.4\n")
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "locked.pdf":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputFileError, match=r"cannot read .*Permission denied"):
        plan_case({"report": locked}, SOCKETS)


def test_input_combinations() -> None:
    combos = [{"ct-image"}, {"ct-image", "age", "lung-volume"}]
    plan_case({"ct-image": IMAGE_URL}, SOCKETS, combinations=combos)
    with pytest.raises(MissingInputError) as missing:
        plan_case({"ct-image": IMAGE_URL, "age": 3}, SOCKETS, combinations=combos, target="alg")
    assert missing.value.missing == ("lung-volume",)
    assert "{ct-image}" in str(missing.value) and "{age, ct-image, lung-volume}" in str(
        missing.value
    )
    with pytest.raises(UnexpectedInputError) as extra:
        plan_case({"ct-image": IMAGE_URL, "flag": True}, SOCKETS, combinations=combos)
    assert extra.value.extra == ("flag",)
    with pytest.raises(MissingInputError):
        plan_case({}, SOCKETS, combinations=combos)


def test_plan_cases_names_the_case(files: dict[str, Path]) -> None:
    with pytest.raises(SocketKindError) as info:
        plan_cases([{"age": 1}, {"age": 2}, {"age": "x"}], SOCKETS)
    assert info.value.case == 2 and str(info.value).startswith("case 2: ")


def test_fingerprint_tracks_file_changes(files: dict[str, Path]) -> None:
    a = plan_case({"ct-image": files["ct.mha"]}, SOCKETS).fingerprint("archive:x")
    assert a == plan_case({"ct-image": files["ct.mha"]}, SOCKETS).fingerprint("archive:x")
    assert a != plan_case({"ct-image": files["ct.mha"]}, SOCKETS).fingerprint("archive:y")
    files["ct.mha"].write_bytes(mha(b"\x09\x08\x07\x06\x05"))
    assert a != plan_case({"ct-image": files["ct.mha"]}, SOCKETS).fingerprint("archive:x")


def test_check_json_basics() -> None:
    assert check_json([1, 2], {"type": "array", "minItems": 3}) == "value: [1, 2] is too short"
    assert check_json("a", {"anyOf": [{"type": "integer"}, {"type": "string"}]}) is None
    assert check_json(None, {"type": ["null", "string"]}) is None


@pytest.mark.parametrize(
    ("value", "schema", "problem"),
    [
        ("abc", {"pattern": "^[0-9]+$"}, "value: 'abc' does not match '^[0-9]+$'"),
        (
            {"a": 1, "b": 2},
            {"properties": {"a": {}}, "additionalProperties": False},
            "value: Additional properties are not allowed ('b' was unexpected)",
        ),
        (
            "x",
            {"oneOf": [{"type": "string"}, {"maxLength": 3}]},
            "value: 'x' is valid under each of {'maxLength': 3}, {'type': 'string'}",
        ),
        ("", {"minLength": 1}, "value: '' should be non-empty"),
        (
            {"a": {"b": 7}},
            {
                "$defs": {"s": {"type": "string"}},
                "properties": {"a": {"properties": {"b": {"$ref": "#/$defs/s"}}}},
            },
            "value['a']['b']: 7 is not of type 'string'",
        ),
        ("no", {"const": "yes"}, "value: 'yes' was expected"),
        (5, {"exclusiveMinimum": 5}, "value: 5 is less than or equal to the minimum of 5"),
        # draft-07 (named by $schema) reads items as a list of schemas, as the server would
        (
            [1, "x"],
            {
                "$schema": "http://json-schema.org/draft-07/schema#",
                "items": [{}, {"type": "integer"}],
            },
            "value[1]: 'x' is not of type 'integer'",
        ),
    ],
)
def test_check_json_applies_every_keyword(value: object, schema: dict, problem: str) -> None:
    """Values the server refuses fail here, before any upload (the old built-in checker
    ignored these keywords), and the message names the value's path."""
    assert check_json(value, schema) == problem


def test_check_json_leaves_remote_refs_and_broken_schemas_to_the_server() -> None:
    assert check_json("a", {"$ref": "https://example.org/schema.json"}) is None
    assert check_json("a", {"type": "no-such-type"}) is None


def test_existing_socket_values_are_reused(tmp_path: Path) -> None:
    from gc_api.models.hyperlinked_component_interface_value import (
        HyperlinkedComponentInterfaceValue,
    )

    def existing(slug: str, **kw: object) -> HyperlinkedComponentInterfaceValue:
        return HyperlinkedComponentInterfaceValue(
            interface=SOCKETS[slug],
            socket=SOCKETS[slug],
            pk=7,
            image=kw.pop("image", None),
            **kw,  # type: ignore[arg-type]
        )

    plan = plan_case(
        {"ct-image": existing("ct-image", image=IMAGE_URL), "age": existing("age", value=63)},
        SOCKETS,
    )
    assert [v.route for v in plan.values] == [Route.IMAGE, Route.VALUE]
    assert plan.values[1].value == 63
    with pytest.raises(SocketKindError, match="download it"):
        plan_case({"report": existing("report", file="https://gc.org/media/r.pdf")}, SOCKETS)


def test_a_dicom_image_set_is_named_without_its_folder_or_file_names(tmp_path: Path) -> None:
    """The files are de-identified; a name taken from a folder called after the patient would
    carry what de-identification removed."""
    from gc_highlevel.dicom import DicomFiles
    from gc_highlevel.testing import synthetic_dicom_series

    series = tmp_path / "Doe_John_1957"
    series.mkdir()
    # real DICOM: the files of a DICOM Image Set pass grand-challenge's de-identification first
    for n, data in enumerate(synthetic_dicom_series(3)):
        (series / f"Doe_{n}.dcm").write_bytes(data)
    sockets = {"dicom": example_socket("dicom", "DICOM Image Set", "Image")}
    (value,) = plan_case({"dicom": series}, sockets).values
    assert value.image_name is not None and value.image_name.startswith("DICOM image set ")
    assert "Doe" not in value.image_name and len(value.paths) == 3
    (again,) = plan_case({"dicom": series}, sockets).values
    assert again.image_name == value.image_name  # stable: a rerun makes the same request

    named = DicomFiles(series, image_name="chest CT 1")
    (value,) = plan_case({"dicom": named}, sockets).values
    assert value.to_request(["u1", "u2", "u3"]).to_dict()["image_name"] == "chest CT 1"
    with pytest.raises(InvalidArgumentError, match="image_name"):
        DicomFiles(series, image_name=" ")


def test_identical_cases_in_a_batch_are_refused(files: dict[str, Path]) -> None:
    from gc_highlevel.socket_values import DuplicateCaseError

    with pytest.raises(DuplicateCaseError) as info:
        plan_cases([{"age": 1}, {"ct-image": files["ct.mha"]}, {"age": 1}], SOCKETS)
    assert info.value.cases == (0, 2)


# -- files checked against the File socket's kind, before any upload ---------------------------


def test_a_file_of_another_type_on_a_file_socket_names_the_slug_file_and_what_is_valid(
    files: dict[str, Path],
) -> None:
    with pytest.raises(SocketKindError) as info:
        plan_case({"report": files["ct.mha"]}, SOCKETS)
    assert info.value.slug == "report" and info.value.valid == ("a .pdf file",)
    assert str(info.value) == "socket 'report' (PDF file) takes a .pdf file; 'ct.mha' is not one"


def test_a_pdf_that_is_not_a_pdf_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "report.pdf"
    fake.write_bytes(b"ObjectType = Image\n")
    with pytest.raises(InputFileError) as info:
        plan_case({"report": fake}, SOCKETS)
    assert info.value.slug == "report" and info.value.path == fake.resolve()
    assert "is not a PDF (it does not start with %PDF)" in str(info.value)
    upper = tmp_path / "SCAN.PDF"  # the extension's case does not matter
    upper.write_bytes(b"%PDF-1.7\n")
    assert plan_case({"report": upper}, SOCKETS).values[0].paths == (upper.resolve(),)


def test_a_folder_holding_one_file_is_not_a_file_socket_value(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "only.pdf").write_bytes(b"%PDF-1.4\n")
    with pytest.raises(InputFileError) as info:
        plan_case({"report": folder}, SOCKETS)
    assert info.value.slug == "report" and info.value.path == folder
    assert "takes one file" in str(info.value) and "is a folder" in str(info.value)
    with pytest.raises(InputFileError, match="is a folder"):  # given as a string too
        plan_case({"nodules": str(folder)}, SOCKETS)


def test_json_files_on_a_json_file_socket_must_parse_and_fit_the_kind(tmp_path: Path) -> None:
    good = tmp_path / "nodules.json"
    good.write_text(json.dumps({"type": "Multiple points", "points": []}))
    (value,) = plan_case({"nodules": good}, SOCKETS).values
    assert value.route is Route.FILE_UPLOAD and value.paths == (good.resolve(),)
    broken = tmp_path / "broken.json"
    broken.write_text('{"type": "Multiple points", ')
    with pytest.raises(InputFileError, match=r"'nodules' \(Multiple points\): .* is not a JSON"):
        plan_case({"nodules": broken}, SOCKETS)
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"points": []}))
    with pytest.raises(SocketKindError) as info:
        plan_case({"nodules": wrong}, SOCKETS)
    assert str(info.value) == (
        "socket 'nodules' (Multiple points) rejects the content of 'wrong.json': "
        "value: 'type' is a required property"
    )
    with pytest.raises(SocketKindError, match=r"takes a \.json file; 'nodules\.csv'"):
        csv = tmp_path / "nodules.csv"
        csv.write_text("x,y\n1,2\n")
        plan_case({"nodules": csv}, SOCKETS)


def test_a_big_json_file_is_only_looked_at_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc_highlevel.socket_values._files as files

    monkeypatch.setattr(files, "JSON_CHECK_MAX_BYTES", 16)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"read {self.name} whole"))
    big = tmp_path / "big.json"
    big.write_text('  {"type": "Multiple points", "points": [' + "[1, 2, 3], " * 50 + "[0, 0, 0]]}")
    assert plan_case({"nodules": big}, SOCKETS).values[0].paths == (big.resolve(),)
    image = tmp_path / "image.json"
    image.write_text("ObjectType = Image\n" * 4)
    with pytest.raises(InputFileError, match="is not a JSON file"):
        plan_case({"nodules": image}, SOCKETS)


@pytest.mark.parametrize(
    ("kind", "good", "bad"),
    [
        ("CSV file", "table.csv", "table.xlsx"),
        ("ZIP file", "predictions.zip", "predictions.tar.gz"),
        ("Thumbnail jpg", "thumb.jpg", "thumb.png"),
        ("Thumbnail jpg", "thumb.JPEG", "thumb.tif"),
        ("Thumbnail png", "thumb.png", "thumb.jpg"),
        ("SQREG file", "reg.sqreg", "reg.db"),
        ("OBJ file", "mesh.obj", "mesh.stl"),
        ("MP4 file", "video.mp4", "video.mov"),
        ("Newick tree-format file", "tree.nwk", "tree.txt"),
        ("BIOM format", "table.biom", "table.tsv"),
        ("Anything", "result.json", "result.mha"),
    ],
)
def test_each_file_kind_takes_its_extensions(
    tmp_path: Path, kind: str, good: str, bad: str
) -> None:
    sockets = {"f": example_socket("f", kind, "File")}
    for name in (good, bad):
        (tmp_path / name).write_text("{}")
    assert plan_case({"f": tmp_path / good}, sockets).values[0].route is Route.FILE_UPLOAD
    with pytest.raises(SocketKindError, match=f"takes a .* file; {bad!r} is not one"):
        plan_case({"f": tmp_path / bad}, sockets)


def test_a_file_kind_this_client_does_not_know_is_not_checked(tmp_path: Path) -> None:
    sockets = {"f": example_socket("f", "Some future kind", "File")}
    odd = tmp_path / "anything.xyz"
    odd.write_bytes(b"\x00\x01")
    assert plan_case({"f": odd}, sockets).values[0].paths == (odd.resolve(),)


# -- files of Image sockets sniffed before any upload (issue #16) ------------------------------


def _bad_images(tmp_path: Path) -> dict[str, tuple[bytes, str]]:
    """name -> (content, what the error says)."""
    header = mha()[: mha().index(b"ElementDataFile")]
    return {
        "empty.mha": (b"", "it is empty (0 bytes)"),
        "report-renamed.mha": (b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n", "it is a PDF document"),
        "notes.txt": (b"patient 7, left lung\n", "it is text, not an image"),
        "cut.mha": (header, "no ElementDataFile line; truncated?"),
        "short.mha": (mha()[:-2], "it is truncated"),
        "scan.mhd": (mha().replace(b"LOCAL", b"scan.raw"), "'scan.raw' is not among the files"),
        "volume.nii": (bytes(400), "none of the image formats"),
    }


def test_files_that_are_no_importable_image_are_refused_naming_case_socket_and_file(
    tmp_path: Path,
) -> None:
    from gc_highlevel.socket_values import ImageFileError

    ok = tmp_path / "ok.mha"
    ok.write_bytes(mha())
    for name, (content, reason) in _bad_images(tmp_path).items():
        bad = tmp_path / name
        bad.write_bytes(content)
        with pytest.raises(ImageFileError) as info:
            plan_cases([{"ct-image": ok}, {"ct-image": bad}], SOCKETS)
        error = info.value
        assert isinstance(error, InputFileError) and error.path == bad.resolve()
        assert error.case == 1 and error.slug == "ct-image"
        text = str(error)
        assert text.startswith("case 1: socket 'ct-image' (Image): ") and name in text, text
        assert reason in text, text
        assert "Expected: MHA/MHD" in text and "NIfTI" in text and "DICOM" in text
        assert any("NIfTI" in v for v in error.valid)


def test_an_mhd_with_its_data_file_and_the_sniffed_formats_pass(tmp_path: Path) -> None:
    header = mha().replace(b"LOCAL", b"scan.raw")[: -len(b"\x00\x01\x02\x03")]
    (tmp_path / "scan.mhd").write_bytes(header)
    (tmp_path / "scan.raw").write_bytes(b"\x00\x01\x02\x03")
    plan = plan_case({"ct-image": [tmp_path / "scan.mhd", tmp_path / "scan.raw"]}, SOCKETS)
    assert len(plan.values[0].paths) == 2
    headers = {  # NIfTI and NRRD files are also read with SimpleITK: see the e2e tests
        "t.tif": b"II*\x00" + bytes(8),
        "t.png": b"\x89PNG\r\n\x1a\n" + bytes(8),
        "t.jpg": b"\xff\xd8\xff\xe0" + bytes(8),
        "IM0001": DICOM,
    }
    for name, content in headers.items():
        (tmp_path / name).write_bytes(content)
        (value,) = plan_case({"ct-image": tmp_path / name}, SOCKETS).values
        assert value.paths == ((tmp_path / name).resolve(),)


@pytest.mark.parametrize("data_name", ["scan.img", "data.bin", "volume"])
def test_an_mhd_data_file_may_have_any_name_its_header_gives(
    tmp_path: Path, data_name: str
) -> None:
    from gc_highlevel.socket_values import ImageFileError

    voxels = b"\x00\x01\x02\x03"
    header = mha().replace(b"LOCAL", data_name.encode())[: -len(voxels)]
    (tmp_path / "scan.mhd").write_bytes(header)
    data = tmp_path / data_name
    data.write_bytes(voxels)
    plan = plan_case({"ct-image": [tmp_path / "scan.mhd", data]}, SOCKETS)
    assert plan.values[0].paths == ((tmp_path / "scan.mhd").resolve(), data.resolve())
    # without the header that names it, it is raw bytes: refused
    with pytest.raises(ImageFileError, match="none of the image formats"):
        plan_case({"ct-image": data}, SOCKETS)
    # a header naming another file does not make it data
    (tmp_path / "other.mhd").write_bytes(mha().replace(b"LOCAL", b"other.raw")[: -len(voxels)])
    (tmp_path / "other.raw").write_bytes(voxels)
    with pytest.raises(ImageFileError, match="none of the image formats"):
        plan_case({"ct-image": [tmp_path / "other.mhd", tmp_path / "other.raw", data]}, SOCKETS)
    # a .raw no header names keeps its own message
    stray = tmp_path / "stray.raw"
    stray.write_bytes(voxels)
    with pytest.raises(ImageFileError, match=r"raw image data without the \.mhd header"):
        plan_case({"ct-image": [tmp_path / "scan.mhd", data, stray]}, SOCKETS)


def test_a_dicom_image_set_takes_dicom_files_only(tmp_path: Path) -> None:
    from gc_highlevel.socket_values import ImageFileError

    sockets = {"dicom": example_socket("dicom", "DICOM Image Set", "Image")}
    (tmp_path / "scan.mha").write_bytes(mha())
    with pytest.raises(ImageFileError, match=r"it is not a DICOM file\. Expected: DICOM"):
        plan_case({"dicom": tmp_path / "scan.mha"}, sockets)

"""The official client's workflows, run by ``test_gcapi_compat.py`` in gcapi 0.16.1's own
virtual environment (``./dev setup`` makes ``.venv/gcapi``): not collected by pytest, and it
imports nothing from gc-client (gcapi pins an older httpx).

    python gcapi_workflows.py '{"api_url": ..., "token": ..., "ca": ..., "files": ..., "out": ...}'

Each workflow of the tutorials and of gcapi's README runs in turn, in this order (later ones
count the objects earlier ones made); one JSON line per workflow goes to stdout:
``{"name", "ok", "error", "seconds"}``. Every response gcapi parses is also compared with
gcapi's model of it (generated from the live API of July 2026), more strictly than pydantic
does: a field the model does not know (the 2026 API does not send it), a required one missing,
a JSON type pydantic would coerce (``"3"`` for an int) or an unknown enum value. The last line,
``{"fields": {"Model.field": "what is wrong"}}``, lists them.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import time
import traceback
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import gcapi
import gcapi.models
from gcapi import SocketValueSpec

FINISHED = ("Succeeded", "Failed", "Cancelled")
POLL = 0.1  # seconds between polls (the tutorials sleep 5 s; the local server is quick)
TIMEOUT = 60.0

#: "Model.field" -> what is wrong with it in a response (see _compare)
FIELD_ISSUES: dict[str, str] = {}


# -- the comparison of each parsed response with gcapi's model ---------------------------------


_LEAVES: dict[Any, Callable[[Any], bool]] = {
    str: lambda v: isinstance(v, str),
    int: lambda v: isinstance(v, int) and not isinstance(v, bool),
    float: lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    bool: lambda v: isinstance(v, bool),
    Decimal: lambda v: isinstance(v, int | float | str) and not isinstance(v, bool),
}


def _compare(tp: Any, data: Any, where: str, issues: dict[str, str]) -> None:
    """Record in ``issues`` where ``data`` (JSON) is not what the model type ``tp`` describes,
    strictly: unknown or missing fields, and JSON types pydantic would coerce or reject."""
    origin = typing.get_origin(tp)
    if tp is Any:
        return
    if origin in (typing.Union, types.UnionType):
        arms = [a for a in typing.get_args(tp) if a is not type(None)]
        if data is None:
            if len(arms) == len(typing.get_args(tp)):
                issues[where] = "null, not nullable"
            return
        trials = []
        for arm in arms:
            trial: dict[str, str] = {}
            _compare(arm, data, where, trial)
            if not trial:
                return
            trials.append(trial)
        issues.update(trials[0] if len(arms) == 1 else {where: f"matches no arm: {data!r}"})
    elif data is None:
        issues[where] = "null, not nullable"
    elif origin is list:
        if not isinstance(data, list):
            issues[where] = f"not a list: {data!r}"
            return
        for item in data:
            _compare(typing.get_args(tp)[0], item, where, issues)
    elif origin is dict:
        if not isinstance(data, dict):
            issues[where] = f"not an object: {data!r}"
            return
        for item in data.values():
            _compare(typing.get_args(tp)[1], item, where, issues)
    elif dataclasses.is_dataclass(tp):
        if not isinstance(data, dict):
            issues[where] = f"not an object: {data!r}"
            return
        hints = typing.get_type_hints(tp, vars(gcapi.models))
        fields = {f.name: f for f in dataclasses.fields(tp)}
        for name in data.keys() - fields.keys():
            issues[f"{tp.__name__}.{name}"] = "extra (not in the 2026 API)"
        for name, field in fields.items():
            if name in data:
                _compare(hints[name], data[name], f"{tp.__name__}.{name}", issues)
            elif field.default is dataclasses.MISSING:
                issues[f"{tp.__name__}.{name}"] = "missing"
    elif isinstance(tp, type) and issubclass(tp, Enum):
        if data not in {m.value for m in tp}:
            issues[where] = f"{data!r} is not one of {tp.__name__}"
    elif tp in _LEAVES and not _LEAVES[tp](data):
        issues[where] = f"{type(data).__name__} {data!r}, not {tp.__name__}"


def _watch_models() -> None:
    """Compare the keyword arguments of every gcapi model built from a response."""
    for cls in vars(gcapi.models).values():
        if isinstance(cls, type) and dataclasses.is_dataclass(cls):

            def init(self: Any, *args: Any, __init: Any = cls.__init__, **kwargs: Any) -> None:
                _compare(type(self), kwargs, type(self).__name__, FIELD_ISSUES)
                __init(self, *args, **kwargs)

            cls.__init__ = init  # type: ignore[misc]


# -- helpers the tutorials write by hand (gcapi has no call to wait) ---------------------------


def until(what: str, probe: Callable[[], Any]) -> Any:
    deadline = time.monotonic() + TIMEOUT
    while True:
        result = probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not done after {TIMEOUT} s")
        time.sleep(POLL)


def item_values(client: gcapi.Client, pk: str, slugs: set[str]) -> Any:
    """Re-read an archive item until every socket in ``slugs`` holds a value."""

    def probe() -> Any:
        item = client.archive_items.detail(pk=pk)
        return item if slugs <= {v.socket.slug for v in item.values} else None

    return until(f"archive item {pk} {sorted(slugs)}", probe)


def display_set_values(client: gcapi.Client, pk: str, slugs: set[str]) -> Any:
    def probe() -> Any:
        ds = client.reader_studies.display_sets.detail(pk=pk)
        return ds if slugs <= {v.socket.slug for v in ds.values} else None

    return until(f"display set {pk} {sorted(slugs)}", probe)


def wait_jobs(client: gcapi.Client, jobs: list[Any]) -> list[Any]:
    def probe() -> Any:
        done = [client.algorithm_jobs.detail(pk=job.pk) for job in jobs]
        return done if all(job.status in FINISHED for job in done) else None

    done: list[Any] = until("jobs", probe)
    failed = [(job.pk, job.status) for job in done if job.status != "Succeeded"]
    assert not failed, failed
    return done


def input_of(value: Any) -> dict[str, str]:
    """The filter for the jobs that had the image of ``value`` as an input."""
    return {"input_image": value.image.rstrip("/").rsplit("/", 1)[-1]}


def by_slug(values: list[Any]) -> dict[str, Any]:
    return {v.socket.slug: v for v in values}


# -- the workflows -----------------------------------------------------------------------------


def archive_upload(client: gcapi.Client, files: dict[str, Any], out: Path) -> None:
    """Archives tutorial / gcapi README: one archive item per case (an image from a file, an
    image from several files), then the archive's items listed."""
    item = client.add_case_to_archive(
        archive_slug="radboudcovid",
        values=[SocketValueSpec(socket_slug="ct-image", file=Path(files["cts"][0]))],
    )
    assert isinstance(item, gcapi.models.ArchiveItemPost), type(item)
    item = item_values(client, item.pk, {"ct-image"})
    (value,) = item.values
    assert value.socket == value.interface and value.socket.super_kind == "Image", value
    second = client.add_case_to_archive(
        archive_slug="radboudcovid",
        values=[
            SocketValueSpec(
                socket_slug="generic-medical-image", files=[Path(f) for f in files["mhd"]]
            )
        ],
        title="from a list of files",
    )
    item_values(client, second.pk, {"generic-medical-image"})
    archive = client.archives.detail(slug="radboudcovid")
    items = list(client.archive_items.iterate_all(params={"archive": archive.pk}))
    assert {i.pk for i in items} == {item.pk, second.pk}, items
    assert {i.title for i in items} == {"", "from a list of files"}, items


def archive_item_values(client: gcapi.Client, files: dict[str, Any], out: Path) -> None:
    """Archives tutorial: add values (given, and read from a JSON file) and files (a PDF, a
    JSON value) to an item, overwrite its image, then download every value with
    ``download_socket_value``."""
    created = client.add_case_to_archive(
        archive_slug="radboudcovid",
        values=[SocketValueSpec(socket_slug="ct-image", file=Path(files["cts"][0]))],
    )
    before = item_values(client, created.pk, {"ct-image"})
    out.mkdir(parents=True)
    (out / "age.json").write_text("63")
    patched = client.update_archive_item(
        archive_item_pk=created.pk,
        values=[
            SocketValueSpec(socket_slug="lung-volume", value=1.9),
            SocketValueSpec(socket_slug="age", file=out / "age.json"),
            SocketValueSpec(socket_slug="report", file=Path(files["pdf"])),
            SocketValueSpec(socket_slug="results-json-file", value={"volume": 1.9}),
        ],
        title="with a report",
    )
    assert isinstance(patched, gcapi.models.ArchiveItemPost), type(patched)
    assert patched.title == "with a report", patched
    client.update_archive_item(
        archive_item_pk=created.pk,
        values=[SocketValueSpec(socket_slug="ct-image", file=Path(files["cts"][1]))],
    )

    def replaced() -> Any:
        item = client.archive_items.detail(pk=created.pk)
        values = by_slug(item.values)
        old = by_slug(before.values)["ct-image"].image
        ok = {"report", "results-json-file"} <= values.keys() and values["ct-image"].image != old
        return item if ok else None

    item = until("ct-image replaced", replaced)
    values = by_slug(item.values)
    assert values["lung-volume"].value == 1.9, values["lung-volume"]
    assert values["age"].value == 63, values["age"]
    for value in item.values:
        client.download_socket_value(value, output_directory=out / "item")
    assert json.loads((out / "item" / "lung-volume.json").read_text()) == 1.9
    assert (out / "item" / "report.pdf").read_bytes() == Path(files["pdf"]).read_bytes()
    assert json.loads((out / "item" / "results.json").read_text()) == {"volume": 1.9}
    assert list((out / "item" / "images" / "ct").glob("*.mha")), list(out.rglob("*"))


def archive_download(client: gcapi.Client, files: dict[str, Any], out: Path) -> None:
    """Archives tutorial: download every image of coronacases.org, named after the image."""
    archive = client.archives.detail(slug="coronacasesorg")
    images = list(client.images.iterate_all(params={"archive": archive.pk}))
    assert len(images) == 3, images
    for image in images:
        client.images.download(
            files=image.files,
            output_directory=out / "downloads",
            filename=Path(image.name).stem,
            image_type=gcapi.models.ImageTypeEnum.MHD,
        )
    names = sorted(p.name for p in (out / "downloads").iterdir())
    assert names == [f"coronacases_00{n}.mha" for n in (1, 2, 3)], names


def dicom_image_set(client: gcapi.Client, files: dict[str, Any], out: Path) -> None:
    """gcapi 0.16: a DICOM series as one image set (de-identified by gcapi, named with
    ``image_name``), then downloaded instance by instance."""
    created = client.add_case_to_archive(
        archive_slug="radboudcovid",
        values=[
            SocketValueSpec(
                socket_slug="dicom-image-set",
                files=[Path(f) for f in files["dicom"]],
                image_name="chest series",
            )
        ],
    )
    item = item_values(client, created.pk, {"dicom-image-set"})
    (value,) = item.values
    image = client.images.detail(api_url=value.image)
    assert image.name == "chest series" and image.dicom_image_set is not None, image
    saved = client.images.download(url=value.image, output_directory=out / "instances")
    assert len(saved) == len(files["dicom"]) and all(p.suffix == ".dcm" for p in saved), saved
    client.download_socket_value(value, output_directory=out / "value")
    assert len(list((out / "value" / "images" / "dicom-image-set").iterdir())) == len(saved)


def job_from_file(client: gcapi.Client, files: dict[str, Any], out: Path) -> None:
    """Algorithms tutorial / gcapi README: a job on an uploaded file; wait; download outputs."""
    algorithm = client.algorithms.detail(slug="pulmonary-lobe-segmentation")
    (interface,) = algorithm.interfaces
    assert [s.slug for s in interface.inputs] == ["generic-medical-image"], interface
    job = client.start_algorithm_job(
        algorithm_slug="pulmonary-lobe-segmentation",
        inputs=[SocketValueSpec(socket_slug="generic-medical-image", file=Path(files["cts"][0]))],
    )
    assert isinstance(job, gcapi.models.JobPost), type(job)
    (done,) = wait_jobs(client, [job])
    outputs = by_slug(done.outputs)
    assert outputs.keys() == {"pulmonary-lobes", "lung-volume"}, outputs.keys()
    assert isinstance(outputs["lung-volume"].value, float), outputs["lung-volume"]
    saved = client.images.download(
        url=outputs["pulmonary-lobes"].image, output_directory=out, filename="case01_lobes"
    )
    assert [p.name for p in saved] == ["case01_lobes.mha"], saved
    params = {"algorithm_image__algorithm": algorithm.pk}
    assert [j.pk for j in client.algorithm_jobs.iterate_all(params=params)] == [job.pk]


def job_from_existing_image(client: gcapi.Client, files: dict[str, Any], out: Path) -> None:
    """gcapi README / algorithms tutorial: a job on an image already on grand-challenge; its
    outputs found again from the input image."""
    archive = client.archives.detail(slug="coronacasesorg")
    image = next(client.images.iterate_all(params={"archive": archive.pk}))
    job = client.start_algorithm_job(
        algorithm_slug="pulmonary-lobe-segmentation-for-covid-19-ct-scans",
        inputs=[SocketValueSpec(socket_slug="ct-image", existing_image_api_url=image.api_url)],
    )
    (value,) = job.inputs
    assert value.image == image.api_url and value.interface == "ct-image", value
    wait_jobs(client, [job])
    # not by_input_image: it filters with ?image=, which grand-challenge ignores (every job)
    (found,) = list(client.algorithm_jobs.iterate_all(params={"input_image": image.pk}))
    assert found.pk == job.pk, found
    outputs = by_slug(found.outputs)
    shot = client.images.detail(api_url=outputs["pulmonary-lobes-screenshot"].image)
    saved = client.images.download(
        files=shot.files,
        output_directory=out,
        filename="screenshot",
        image_type=gcapi.models.ImageTypeEnum.TIFF,
    )
    assert [p.suffix for p in saved] == [".tif"], saved


def job_from_socket_value(client: gcapi.Client, files: dict[str, Any], out: Path) -> None:
    """gcapi's docs and the algorithms tutorial: a job on the value of an archive item
    (``existing_socket_value``), and a job with four inputs (an existing image, three files)."""
    archive = client.archives.detail(slug="coronacasesorg")
    items = client.archive_items.iterate_all(params={"archive": archive.pk})
    cts = [by_slug(item.values)["ct-image"] for item in items]
    # one the algorithm has not seen yet (the server refuses a job it has already done)
    ct = next(v for v in cts if not list(client.algorithm_jobs.iterate_all(params=input_of(v))))
    job = client.start_algorithm_job(
        algorithm_slug="pulmonary-lobe-segmentation-for-covid-19-ct-scans",
        inputs=[SocketValueSpec(socket_slug="ct-image", existing_socket_value=ct)],
    )
    registration = client.start_algorithm_job(
        algorithm_slug="deep-learning-based-ct-lung-registration",
        inputs=[
            SocketValueSpec(socket_slug="fixed-image", existing_image_api_url=ct.image),
            SocketValueSpec(socket_slug="moving-image", file=Path(files["cts"][1])),
            SocketValueSpec(socket_slug="fixed-mask", file=Path(files["mask"])),
            SocketValueSpec(socket_slug="moving-mask", file=Path(files["mask"])),
        ],
    )
    done = wait_jobs(client, [job, registration])
    assert by_slug(done[1].outputs).keys() == {"displacement-field", "moving-image-transformed"}


def display_sets(client: gcapi.Client, files: dict[str, Any], out: Path) -> None:
    """Reader studies tutorial: a display set per patient (two images and a value, titled),
    reordered, updated; one re-using an archive item's image; then listed."""
    study = client.reader_studies.detail(slug="corads-score-exam")
    created = client.add_case_to_reader_study(
        reader_study_slug="corads-score-exam",
        values=[
            SocketValueSpec(socket_slug="ct-image", file=Path(files["cts"][0])),
            SocketValueSpec(socket_slug="airway-segmentation", file=Path(files["mask"])),
            SocketValueSpec(socket_slug="some-score", value=2.1),
        ],
        title="patient1",
    )
    assert isinstance(created, gcapi.models.DisplaySetPost), type(created)
    assert created.title_safe == "patient1" and created.reader_study == study.slug, created
    ds = display_set_values(client, created.pk, {"ct-image", "airway-segmentation", "some-score"})
    assert ds.descriptions_map_safe["ct-image"] == "Any CT image", ds.descriptions_map_safe
    client.reader_studies.display_sets.partial_update(pk=created.pk, order=10)
    client.update_display_set(
        display_set_pk=created.pk,
        values=[SocketValueSpec(socket_slug="lung-volume", value=2.5)],
        title="patient1 (updated)",
    )
    sets = list(client.reader_studies.display_sets.iterate_all(params={"reader_study": study.pk}))
    mine = next(d for d in sets if d.pk == created.pk)
    assert mine.order == 10 and mine.title_safe == "patient1 (updated)", mine
    assert by_slug(mine.values)["lung-volume"].value == 2.5, mine.values
    # gcapi's docs: a display set re-using the value of an archive item
    archive = client.archives.detail(slug="coronacasesorg")
    item = next(client.archive_items.iterate_all(params={"archive": archive.pk}))
    ct = by_slug(item.values)["ct-image"]
    reused = client.add_case_to_reader_study(
        reader_study_slug="corads-score-exam",
        values=[SocketValueSpec(socket_slug="ct-image", existing_socket_value=ct)],
    )
    (value,) = reused.values
    assert value.image == ct.image and value.interface == "ct-image", value
    sets = list(client.reader_studies.display_sets.iterate_all(params={"reader_study": study.pk}))
    assert len(sets) == 4, sets


def answers(client: gcapi.Client, files: dict[str, Any], out: Path) -> None:
    """Reader studies tutorial: answer every question of a display set (a Mask answer through
    an upload session, as the viewer does), then read all answers and mine, readable."""
    study = client.reader_studies.detail(slug="corads-score-exam")
    questions = {q.question_text_safe: q for q in study.questions}
    assert [q.answer_type for q in study.questions] == [
        "Bool",
        "Number",
        "Text",
        "Choice",
        "Multiple choice",
        "Mask",
    ], study.questions
    listed = list(client.reader_studies.questions.iterate_all(params={"reader_study": study.pk}))
    assert len(listed) == 6, listed
    ds = next(client.reader_studies.display_sets.iterate_all(params={"reader_study": study.pk}))
    choice = questions["CO-RADS score"].options
    findings = questions["Findings"].options
    given = {
        "Is there evidence of COVID-19?": True,
        "Estimated affected lung percentage": 12.5,
        "Remarks": "Bilateral GGO",
        "CO-RADS score": choice[2].id,
        "Findings": [findings[0].id, findings[2].id],
    }
    for text, value in given.items():
        answer = client.reader_studies.answers.create(
            question=questions[text].pk, display_set=ds.pk, answer=value
        )
        assert isinstance(answer, gcapi.models.Answer) and answer.answer == value, answer
    mask_answer = client.reader_studies.answers.create(
        question=questions["Segment the lesions"].pk, display_set=ds.pk, answer=None
    )
    with Path(files["mask"]).open("rb") as f:
        upload = client.uploads.upload_fileobj(fileobj=f, filename="lesions.mha")
    session = gcapi.models.RawImageUploadSession(
        **client(
            method="POST",
            path="cases/upload-sessions/",
            json={"uploads": [upload.api_url], "answer": mask_answer.pk},
        )
    )
    until(
        "mask import",
        lambda: client.raw_image_upload_sessions.detail(pk=session.pk).status == "Succeeded",
    )

    params = {"question__reader_study": study.pk}
    every = list(client.reader_studies.answers.iterate_all(params=params))
    mine = list(client.reader_studies.answers.mine.iterate_all(params=params))
    assert len(every) == len(mine) == 6, (every, mine)
    by_url = {q.api_url: q for q in study.questions}
    readable = {}
    for a in every:
        question = by_url[a.question]
        options = {o.id: o.title for o in question.options}
        if question.answer_type == "Choice":
            readable[question.question_text_safe] = options[a.answer]
        elif question.answer_type == "Multiple choice":
            readable[question.question_text_safe] = [options[i] for i in a.answer]
    assert readable == {
        "CO-RADS score": "CO-RADS 3",
        "Findings": ["Ground-glass opacities", "Crazy paving"],
    }, readable
    (masked,) = [a for a in every if a.answer_image is not None]
    saved = client.images.download(
        url=masked.answer_image, output_directory=out / "masks", filename="lesions"
    )
    assert [p.name for p in saved] == ["lesions.mha"], saved


def list_everything(client: gcapi.Client, files: dict[str, Any], out: Path) -> None:
    """Every resource gcapi has an API for, listed (after the workflows above made objects of
    most kinds), so that each list's models are checked too."""
    counts = {}
    for name in [
        "images",
        "reader_studies",
        "sessions",
        "uploads",
        "algorithms",
        "algorithm_jobs",
        "algorithm_images",
        "algorithm_endpoints",
        "algorithm_invocations",
        "archives",
        "workstation_configs",
        "raw_image_upload_sessions",
        "archive_items",
        "interfaces",
    ]:
        counts[name] = len(list(getattr(client, name).iterate_all()))
    for name in ["questions", "display_sets", "answers"]:
        counts[name] = len(list(getattr(client.reader_studies, name).iterate_all()))
    counts["answers.mine"] = len(list(client.reader_studies.answers.mine.iterate_all()))
    empty = {name for name, n in counts.items() if n == 0}
    # nothing made here: workstation sessions and configs, endpoints and invocations; user
    # uploads are deleted once used; the algorithms' container images are listed to their
    # editors only
    assert empty == {
        "sessions",
        "uploads",
        "algorithm_images",
        "algorithm_endpoints",
        "algorithm_invocations",
        "workstation_configs",
    }, counts


WORKFLOWS = [
    archive_upload,
    archive_item_values,
    archive_download,
    dicom_image_set,
    job_from_file,
    job_from_existing_image,
    job_from_socket_value,
    display_sets,
    answers,
    list_everything,
]


def main() -> int:
    spec = json.loads(sys.argv[1])
    wanted = spec.get("only") or [w.__name__ for w in WORKFLOWS]
    _watch_models()
    out = Path(spec["out"])
    with gcapi.Client(token=spec["token"], base_url=spec["api_url"], verify=spec["ca"]) as client:
        for workflow in WORKFLOWS:
            if workflow.__name__ not in wanted:
                continue
            t0 = time.perf_counter()
            error = None
            try:
                workflow(client, spec["files"], out / workflow.__name__)
            except Exception as e:
                error = traceback.format_exc(limit=8)
                response = getattr(e, "response", None)
                if response is not None:  # an httpx.HTTPStatusError: what the server said
                    error += f"response: {response.text[:2000]}\n"
            line = {
                "name": workflow.__name__,
                "ok": error is None,
                "error": error,
                "seconds": round(time.perf_counter() - t0, 2),
            }
            print(json.dumps(line), flush=True)
    print(json.dumps({"fields": FIELD_ISSUES}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

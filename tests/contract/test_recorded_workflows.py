"""The client's real traffic, per workflow, recorded as contract cassettes.

Each test runs one workflow through the public client against the local grand-challenge
with a recording transport, then:

- checks every recorded exchange against the patched schema (openapi-core, strict) and the
  generated models;
- in normal runs, checks that the committed cassette still describes the traffic (same
  requests, operations and statuses, in order), so a change in what the client sends cannot
  go unnoticed; re-record on purpose with ``./dev record-contracts``;
- with ``GC_RECORD_CASSETTES=1``, writes the cassette (to ``GC_CASSETTE_DIR`` if set).

With ``GC_CONTRACT_API_URL`` (and a token in ``GRAND_CHALLENGE_AUTHORIZATION``) the same
workflows run against any grand-challenge instance instead (the fidelity loop:
``scripts/contracts.py --api-url URL --out DIR``, which sets both and compares the result
with the committed cassettes).
"""

from __future__ import annotations

import os
import random
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

import gc_highlevel
from gc_devtools.contracts.cassettes import CASSETTE_DIR, Cassette
from gc_devtools.contracts.checker import ContractChecker
from gc_devtools.contracts.recording import CassetteRecorder
from gc_devtools.openapi_patches import PATCHED_SCHEMA, load_schema
from gc_highlevel.types import socket_value

SCHEMA = load_schema(PATCHED_SCHEMA)
RECORD = os.environ.get("GC_RECORD_CASSETTES") == "1"
OUT_DIR = Path(os.environ.get("GC_CASSETTE_DIR") or CASSETTE_DIR)
REMOTE_API = os.environ.get("GC_CONTRACT_API_URL")

# Titles are unique per archive: stable locally (reviewable cassettes), unique per run remotely.
RUN = f" {uuid.uuid4().hex[:8]}" if REMOTE_API else ""
ARCHIVE = os.environ.get("GC_CONTRACT_ARCHIVE", "coronacasesorg")
READER_STUDY = os.environ.get("GC_CONTRACT_READER_STUDY", "corads-score-exam")
# An algorithm whose one image input takes the archive's images.
ARCHIVE_ALGORITHM = os.environ.get(
    "GC_CONTRACT_ARCHIVE_ALGORITHM", "pulmonary-lobe-segmentation-for-covid-19-ct-scans"
)


def signature(cassette: Cassette) -> set[tuple[str, str, int]]:
    """Which requests a workflow makes, and their statuses: not how often or in which order
    (parallel uploads and polling rounds vary from run to run)."""
    return {(e.method, e.operation, e.status) for e in cassette.exchanges}


Target = tuple[str, str, list[str], Callable[[float], None]]


@pytest.fixture
def target(request: pytest.FixtureRequest) -> Target:
    """(api_url, token, secrets, sleep): the local server, or the instance under
    GC_CONTRACT_API_URL. Locally, "sleeping" between polls waits for the server's worker."""
    if REMOTE_API:
        token = os.environ["GRAND_CHALLENGE_AUTHORIZATION"]
        return REMOTE_API, token, [token.split()[-1]], time.sleep
    local_gc = request.getfixturevalue("local_gc")

    def until_idle(_seconds: float) -> None:
        local_gc.wait_idle(60)

    return local_gc.api_url, local_gc.tokens["demo"], list(local_gc.tokens.values()), until_idle


def add_ground_truth(gc: Any) -> None:
    """Make the study educational, with ground truth for its first display set."""
    rs = next(r for r in gc.state.reader_studies.values() if r.slug == READER_STUDY)
    rs.is_educational = True
    questions = {q.question_text: q for q in gc.state.questions.values() if q.reader_study == rs.pk}
    first = min(
        (d for d in gc.state.display_sets.values() if d.reader_study == rs.pk),
        key=lambda d: d.order,
    )
    choice = questions["CO-RADS score"]
    gc.state.add_ground_truth(first, questions["Is there evidence of COVID-19?"], True)
    gc.state.add_ground_truth(first, choice, choice.options[2]["id"])


def allow_answer_changes(gc: Any) -> None:
    rs = next(r for r in gc.state.reader_studies.values() if r.slug == READER_STUDY)
    rs.allow_answer_modification = True


def edit_the_algorithm(gc: Any) -> None:
    """Make demo an editor of the algorithm: container images are listed to editors only."""
    alg = next(a for a in gc.state.algorithms.values() if a.slug == ARCHIVE_ALGORITHM)
    alg.editors.add(gc.users["demo"].pk)


def prepare_instance(gc: Any) -> None:
    """What an instance needs before the workflows can be recorded there, done on a local
    grand-challenge (on a real one: an educational reader study with ground truth that allows
    changing answers, and an algorithm the account edits)."""
    add_ground_truth(gc)
    allow_answer_changes(gc)
    edit_the_algorithm(gc)


@pytest.fixture
def local(request: pytest.FixtureRequest) -> Any:
    """The local grand-challenge, to set up what the API cannot (ground truth, a study that
    allows changing answers); None against another instance, which must have them already."""
    return None if REMOTE_API else request.getfixturevalue("local_gc")


@pytest.fixture
def scans(tmp_path: Path) -> list[Path]:
    """Two small CT-like images."""
    import SimpleITK as sitk

    from gc_highlevel.testing.algos import synthetic_ct

    paths = []
    for i in (1, 2):
        path = tmp_path / f"case{i:02d}.mha"
        sitk.WriteImage(sitk.GetImageFromArray(synthetic_ct(i)), str(path), True)
        paths.append(path)
    return paths


class SettlingTransport(httpx.BaseTransport):
    """Calls ``settle()`` before every read: locally it waits for the server's worker, so a
    poll never races an import or a job and each recording makes the same requests."""

    def __init__(self, inner: httpx.BaseTransport, settle: Callable[[], None]) -> None:
        self.inner, self.settle = inner, settle

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            self.settle()
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


@contextmanager
def recorded(target: Target, workflow: str, description: str) -> Iterator[gc_highlevel.Client]:
    api_url, token, secrets, sleep = target
    recorder = CassetteRecorder(
        workflow, description, api_url=api_url, schema=SCHEMA, secrets=secrets
    )
    inner: httpx.BaseTransport = httpx.HTTPTransport()
    if not REMOTE_API:
        inner = SettlingTransport(inner, lambda: sleep(0))
    transport = recorder.transport(inner)
    with gc_highlevel.Client(
        token=token, base_url=api_url, transport=transport, sleep=sleep
    ) as client:
        yield client

    cassette = recorder.cassette
    assert cassette.exchanges, "the workflow made no API request"
    dumped = cassette.dump()
    assert not any(secret in dumped for secret in secrets), "a token reached the cassette"
    if REMOTE_API:
        # Another instance may answer in another shape (an older or newer API): that is what
        # the fidelity loop's comparison reports, field by field, so it must not stop here.
        recorder.save(OUT_DIR)
        return
    problems = ContractChecker(SCHEMA, check_models=True).check([cassette])
    assert not problems, "\n".join(str(p) for p in problems)
    if RECORD:
        recorder.save(OUT_DIR)
        return
    committed = CASSETTE_DIR / f"{workflow}.json"
    assert committed.exists(), f"no cassette for {workflow}: run ./dev record-contracts"
    assert signature(Cassette.load(committed)) == signature(cassette), (
        f"the client's traffic for '{workflow}' changed; if that is intended, re-record with "
        "./dev record-contracts and review the cassette diff"
    )


def test_archive_items(target: Target) -> None:
    with recorded(target, "archive-items", "create an item, set a value, read, page") as client:
        archive = client.archives.get(slug=ARCHIVE)
        created = [
            client.archive_items.create(archive=archive, title=f"contract case {i}{RUN}")
            for i in range(3)
        ]
        client.archive_items.partial_update(
            created[0].pk, values=[socket_value("lung-volume", value=1.9)]
        )
        item = client.archive_items.get(created[0].pk)
        assert [v.value for v in item.values if v.interface.slug == "lung-volume"] == [1.9]
        client.archive_items.update(created[1].pk, values=[socket_value("age", value=63)])
        item = client.archive_items.get(created[1].pk)
        assert [(v.interface.slug, v.value) for v in item.values] == [("age", 63)]
        listed = client.archive_items.list(archive=archive, page_size=2).to_list()
        assert {i.pk for i in created} <= {i.pk for i in listed}


def test_reader_study_answers(target: Target) -> None:
    with recorded(target, "reader-study-answers", "a display set, an answer, my answers") as client:
        study = client.reader_studies.get(slug=READER_STUDY)
        questions = client.questions.list(reader_study=study).to_list()
        boolean = next(q for q in questions if q.answer_type == "Bool")
        display_set = client.display_sets.create(
            reader_study=study.slug, title=f"contract case{RUN}"
        )
        answer = client.answers.create(question=boolean, display_set=display_set.pk, answer=True)
        mine = client.answers.mine(reader_study=study).to_list()
        assert answer.pk in {a.pk for a in mine}


def test_errors(target: Target) -> None:
    with recorded(target, "errors", "not found, bad request, look-up misses") as client:
        with pytest.raises(gc_highlevel.ObjectNotFoundError):
            client.archives.get(slug="no-such-archive-for-contracts")
        with pytest.raises(gc_highlevel.NotFoundError):
            client.archive_items.get(str(uuid.UUID(int=0)))
        archive = client.archives.get(slug=ARCHIVE)
        item = client.archive_items.create(archive=archive)
        with pytest.raises(gc_highlevel.BadRequestError) as excinfo:
            client.archive_items.partial_update(
                item.pk, values=[socket_value("lung-volume", value="not a number")]
            )
        errors: Any = excinfo.value.field_errors
        assert errors


def test_upload(target: Target) -> None:
    with recorded(target, "upload", "a 12 MiB file in 5 MiB parts") as client:
        # Seeded bytes: the parts' ETags (their MD5s) are the same on every recording.
        data = random.Random(12).randbytes(12 * 2**20)
        upload = client.transfers.upload(data, filename="big.bin")
        assert upload.status == "Completed"


def test_add_case_to_archive(target: Target, scans: list[Path]) -> None:
    with recorded(target, "add-case-to-archive", "an image and a value in one new item") as client:
        result = client.archives.add_cases(
            ARCHIVE,
            [{"generic-medical-image": scans[0], "lung-volume": 2.5}],
            titles=[f"contract image case{RUN}"],
            journal=False,
            wait=True,
            progress=False,
        )
        assert len(result.succeeded) == 1


def test_run_job_and_wait(target: Target, scans: list[Path]) -> None:
    with recorded(target, "run-job-and-wait", "two jobs started, waited for") as client:
        # One case at a time: the server numbers the jobs' values in the order it gets them.
        jobs = client.algorithms.run(
            "pulmonary-lobe-segmentation",
            [{"generic-medical-image": p} for p in scans],
            journal=False,
            progress=False,
            concurrency=1,
        )
        done = client.jobs.wait(jobs, timeout=600, progress=False)
        assert {job.status for job in done} == {"Succeeded"}


def test_map_outputs(target: Target, scans: list[Path], tmp_path: Path) -> None:
    with recorded(target, "map-outputs", "outputs mapped to inputs, downloaded") as client:
        algorithm = "pulmonary-lobe-segmentation"
        jobs = client.algorithms.run(
            algorithm, [{"generic-medical-image": scans[0]}], journal=False, progress=False
        )
        done = client.jobs.wait(jobs, timeout=600, progress=False)
        rows = client.algorithms.outputs_by_input(algorithm, jobs=done)
        assert len(rows) == 1
        client.jobs.download_outputs(done, tmp_path / "out", progress=False)
        assert any((tmp_path / "out").iterdir())


def test_reader_study_display_sets(target: Target, scans: list[Path], tmp_path: Path) -> None:
    with recorded(
        target, "reader-study-display-sets", "display sets added, answers exported"
    ) as client:
        result = client.reader_studies.add_display_sets(
            READER_STUDY,
            [{"generic-medical-image": p} for p in scans],
            titles=[f"contract scan {i}{RUN}" for i in (1, 2)],
            journal=False,
            progress=False,
        )
        assert len(result.succeeded) == 2
        csv = client.reader_studies.answers_csv(READER_STUDY, tmp_path / "answers.csv")
        assert csv.exists()


def test_read_resources(target: Target, local: Any) -> None:
    if local is not None:
        edit_the_algorithm(local)
    with recorded(
        target, "read-resources", "each kind of object read by pk or api_url; me"
    ) as client:
        me = client.users.me()
        assert me.user.username
        archive = client.archives.get(client.archives.get(slug=ARCHIVE).pk)
        patients = client.archives.patients(archive)
        if patients:
            client.archives.studies(archive, patient_id=patients[0])
        image = client.images.list(archive=[archive], page_size=1).first()
        assert image is not None
        assert client.images.get(image.pk).pk == image.pk
        assert client.images.files(image, image_type="MHD")
        algorithm = client.algorithms.get(slug=ARCHIVE_ALGORITHM)
        assert client.algorithms.get(api_url=algorithm.api_url).pk == algorithm.pk
        container = client.algorithms.list_images(algorithm=algorithm).first()
        if container is not None:  # elsewhere: only if the account edits the algorithm
            assert client.algorithms.get_image(container.pk).pk == container.pk
        socket = client.sockets.get(slug="generic-medical-image")
        assert client.sockets.get(socket.pk).slug == socket.slug
        study = client.reader_studies.get(slug=READER_STUDY)
        assert client.reader_studies.get(api_url=study.api_url).pk == study.pk
        question = client.questions.list(reader_study=study).first()
        assert question is not None
        assert client.questions.get(api_url=question.api_url).pk == question.pk
        display_set = client.display_sets.list(reader_study=study).first()
        assert display_set is not None
        assert client.display_sets.get(display_set.pk).pk == display_set.pk


def test_archive_mirror(target: Target, tmp_path: Path) -> None:
    with recorded(target, "archive-mirror", "an archive mirrored; images downloaded") as client:
        mirrored = client.archives.mirror(ARCHIVE, tmp_path / "mirror", progress=False)
        assert mirrored.files
        image = client.images.list(archive=[client.archives.get(slug=ARCHIVE)]).first()
        assert image is not None
        got = client.transfers.download_images([image.pk], tmp_path / "images", progress=False)
        assert all(r.path.exists() for files in got.values() for r in files)


def test_run_on_archive(target: Target) -> None:
    with recorded(
        target, "run-on-archive", "jobs on an archive's images, outputs mapped back"
    ) as client:
        # One case at a time: the server numbers the jobs' values in the order it gets them.
        jobs = client.algorithms.run_on_archive(
            ARCHIVE_ALGORITHM, ARCHIVE, limit=2, journal=False, progress=False, concurrency=1
        )
        assert len(jobs.succeeded) == 2
        client.jobs.wait(jobs, timeout=600, progress=False)
        mapping = client.algorithms.outputs_by_input(ARCHIVE_ALGORITHM, archive=ARCHIVE)
        assert len(mapping.rows) >= 2


def test_resume_and_abort_uploads(target: Target) -> None:
    with recorded(
        target, "resume-upload", "an upload resumed after its first part; another aborted"
    ) as client:
        data = random.Random(7).randbytes(12 * 2**20)
        upload = client.uploads.create(filename="resumed.bin")
        urls = client.uploads.presign_parts(
            upload, s3_upload_id=upload.s3_upload_id, part_numbers=[1]
        )
        put = client.request("PUT", urls[1], content=data[: 5 * 2**20])
        assert put.status_code == 200
        done = client.transfers.resume_upload(upload.pk, data, progress=False)
        assert done.status == "Completed"
        assert client.uploads.get(upload.pk).status == "Completed"
        other = client.uploads.create(filename="abandoned.bin")
        aborted = client.uploads.abort(other.pk, s3_upload_id=other.s3_upload_id)
        assert aborted.status == "Aborted"
        assert upload.pk in {u.pk for u in client.uploads.list()}


def test_upload_session(target: Target, scans: list[Path]) -> None:
    with recorded(
        target, "upload-session", "an image imported into the archive by an upload session"
    ) as client:
        upload = client.transfers.upload(scans[0], progress=False)
        session = client.upload_sessions.create(uploads=[upload], archive=ARCHIVE)
        sleep = target[3]
        while session.status not in ("Succeeded", "Failed", "Cancelled"):
            sleep(2)
            session = client.upload_sessions.get(session.pk)
        assert session.status == "Succeeded", session.error_message
        assert session.pk in {s.pk for s in client.upload_sessions.list()}
        assert client.images.list(origin=session).to_list()


def test_reader_study_ground_truth(target: Target, local: Any) -> None:
    if local is not None:  # the API cannot make ground truth: the study's editors import it
        add_ground_truth(local)
    with recorded(target, "reader-study-ground-truth", "ground truth as readable rows") as client:
        rows = client.reader_studies.ground_truth_rows(READER_STUDY)
        assert rows


def test_reader_study_edits(target: Target, local: Any) -> None:
    if local is not None:  # the seeded study does not allow changing answers
        allow_answer_changes(local)
    with recorded(
        target, "reader-study-edits", "display sets reordered and updated, an answer changed"
    ) as client:
        study = client.reader_studies.get(slug=READER_STUDY)
        made = [
            client.display_sets.create(reader_study=study.slug, title=f"contract edit {i}{RUN}")
            for i in (1, 2)
        ]
        client.reader_studies.reorder(list(reversed(made)))
        client.reader_studies.update_display_set(
            made[0].pk, values={"some-score": 8.5}, title=f"contract edit 1 (rescored){RUN}"
        )
        client.display_sets.update(made[1].pk, values=[socket_value("age", value=70)])
        assert [v.value for v in client.display_sets.get(made[1].pk).values] == [70]
        questions = client.questions.list(reader_study=study).to_list()
        boolean = next(q for q in questions if q.answer_type == "Bool")
        answer = client.answers.create(question=boolean, display_set=made[1].pk, answer=True)
        changed = client.answers.partial_update(answer.pk, answer=False)
        assert changed.answer is False
        assert client.answers.get(answer.pk).answer is False


def test_external_evaluation(target: Target) -> None:
    with recorded(
        target, "external-evaluation", "challenges read; one evaluation claimed and reported"
    ) as client:
        assert client.challenges.list().to_list()
        claimable = client.evaluations.claimable()
        assert claimable, "the account must be an external evaluator with a Queued evaluation"
        client.challenges.get(claimable[0].submission.phase.challenge.short_name)
        result = client.evaluations.evaluate_external(
            lambda evaluation: {"contract": 1.0}, phase=claimable[0].phase_pk, limit=1
        )
        assert result.ok
        assert client.evaluations.get(result[0].pk).status == "Succeeded"

"""``gc_highlevel.datasets``: torch datasets over archives, reader studies and job outputs,
against the local grand-challenge."""

from __future__ import annotations

import doctest
import multiprocessing
import os
import pickle
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

torch = pytest.importorskip("torch")
np = pytest.importorskip("numpy")

from torch.utils.data import DataLoader, DistributedSampler  # noqa: E402

from gc_highlevel import Client, InvalidArgumentError, MissingExtraError  # noqa: E402
from gc_highlevel.datasets import (  # noqa: E402
    INSTALL_HINT,
    ArchiveDataset,
    ImageCache,
    JobOutputsDataset,
    ReaderStudyDataset,
)
from gc_highlevel.imaging import ImageArray  # noqa: E402
from gc_highlevel.testing import LocalGrandChallenge  # noqa: E402
from gc_highlevel.types import question_text  # noqa: E402

pytestmark = pytest.mark.e2e

ARCHIVE = "coronacasesorg"
STUDY = "corads-score-exam"
LOBES = "pulmonary-lobe-segmentation-for-covid-19-ct-scans"
SPACING = (0.7, 0.8, 2.5)
ORIGIN = (-120.5, 33.25, 7.0)
COS, SIN = float(np.cos(np.pi / 6)), float(np.sin(np.pi / 6))
DIRECTION = (COS, -SIN, 0.0, SIN, COS, 0.0, 0.0, 0.0, 1.0)


def _connect(gc: LocalGrandChallenge, user: str = "demo") -> Client:
    def idle(seconds: float) -> None:  # instead of sleeping: let the server work
        gc.wait_idle(60)

    return Client(gc.tokens[user], base_url=gc.api_url, sleep=idle, timeout=30)


def _for_workers(gc: LocalGrandChallenge, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a worker process reads its client from: the environment."""
    monkeypatch.setenv("GRAND_CHALLENGE_AUTHORIZATION", gc.tokens["demo"])
    monkeypatch.setenv("GRAND_CHALLENGE_API_URL", gc.api_url)


def _image_traffic(gc: LocalGrandChallenge) -> int:
    """Requests that read an image: its details, its file on the API host, the storage GETs."""
    log = gc.request_log
    return (
        log.count(method="GET", path=r"/cases/images/")
        + log.count(method="GET", path=r"^/media/")
        + log.count(method="GET", kind="storage")
    )


def test_a_dataloader_with_two_workers_reads_every_case_once_then_from_the_cache(
    local_gc: LocalGrandChallenge, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _for_workers(local_gc, monkeypatch)
    with _connect(local_gc) as client:
        dataset = ArchiveDataset(
            client, ARCHIVE, sockets=["ct-image"], cache_dir=tmp_path / "cache"
        )
    assert len(dataset) == 3 and dataset.pks == sorted(dataset.pks)
    assert len(dataset.uncached()) == 3
    loader = DataLoader(
        dataset,
        batch_size=1,
        num_workers=2,
        multiprocessing_context="spawn",  # the dataset is pickled to the workers
        persistent_workers=False,
    )
    local_gc.request_log.clear()
    first = [pk for batch in loader for pk in batch["pk"]]
    epoch1 = {"image": _image_traffic(local_gc), "all": len(local_gc.request_log)}
    assert sorted(first) == dataset.pks  # every case once
    assert epoch1["image"] >= 3 * 3  # details, file, storage: per image
    assert local_gc.request_log.count(method="GET", path=r"/cases/images/[0-9a-f-]+/$") == 3

    local_gc.request_log.clear()
    second = [pk for batch in loader for pk in batch["pk"]]
    epoch2 = {"image": _image_traffic(local_gc), "all": len(local_gc.request_log)}
    assert sorted(second) == dataset.pks
    assert epoch2 == {"image": 0, "all": 0}, epoch2  # served from the cache
    report = dataset.cache.report()
    assert (report.images, report.files) == (3, 0) and report.bytes == dataset.cache.size() > 0
    assert report.partial_bytes == 0 and dataset.uncached() == []
    print(f"\nrequests epoch 1: {epoch1}, epoch 2: {epoch2}; {report}")


def test_voxels_and_geometry_round_trip(local_gc: LocalGrandChallenge, tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    sent = [
        ImageArray(
            rng.integers(-1000, 1000, size=(6, 9, 11), dtype=np.int16),
            spacing=SPACING,
            origin=ORIGIN,
            direction=DIRECTION,
        )
        for _ in range(2)
    ]
    with _connect(local_gc) as client:
        result = client.archives.add_cases(
            "radboudcovid",
            [{"ct-image": a, "age": 60 + n} for n, a in enumerate(sent)],
            journal=tmp_path / "journal.jsonl",
        )
        result.raise_for_errors()
        dataset = ArchiveDataset(
            client, "radboudcovid", sockets=["ct-image", "age"], cache_dir=tmp_path / "cache"
        )
        floats = ArchiveDataset(
            client,
            "radboudcovid",
            sockets=["ct-image"],
            cache_dir=tmp_path / "cache",
            dtype=torch.float32,
            channel_first=False,
            transform=lambda s: {**s, "seen": True},
        )
        samples = [dataset[i] for i in range(len(dataset))]
        plain = floats[0]
    by_age = {s["age"]: s for s in samples}
    assert sorted(by_age) == [60, 61]
    for n, array in enumerate(sent):
        sample = by_age[60 + n]
        image = sample["ct-image"]
        assert image.dtype == torch.int16 and tuple(image.shape) == (1, 6, 9, 11)
        assert np.array_equal(image[0].numpy(), array.array)
        meta = sample["ct-image_meta"]
        assert np.allclose(meta["spacing"].numpy(), SPACING, atol=1e-6)
        assert np.allclose(meta["origin"].numpy(), ORIGIN, atol=1e-6)
        assert np.allclose(meta["direction"].numpy(), DIRECTION, atol=1e-6)
        assert isinstance(sample["pk"], str) and isinstance(sample["title"], str)
    assert plain["seen"] is True
    assert plain["ct-image"].dtype == torch.float32 and tuple(plain["ct-image"].shape) == (6, 9, 11)


def test_the_pickle_holds_no_token_and_a_copy_makes_its_own_client(
    local_gc: LocalGrandChallenge, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = local_gc.tokens["demo"]
    with _connect(local_gc) as client:
        dataset = ArchiveDataset(client, ARCHIVE, cache_dir=tmp_path / "cache")
        dataset[0]  # the client was used: still not pickled
        data = pickle.dumps(dataset)
    assert token.encode() not in data
    assert token[:16].encode() not in data
    copy = pickle.loads(data)
    assert copy.pks == dataset.pks and copy.base_url == local_gc.api_url
    with pytest.raises(InvalidArgumentError, match="GRAND_CHALLENGE_AUTHORIZATION"):
        copy[1]  # not cached, and this "worker" finds no token
    _for_workers(local_gc, monkeypatch)
    assert torch.equal(copy[1]["ct-image"], dataset[1]["ct-image"])  # the copy's own client
    copy.close()
    with pytest.raises(InvalidArgumentError, match="must not hold the token"):
        ArchiveDataset(client, ARCHIVE, client_options={"token": token})


def test_a_distributed_sampler_splits_the_fixed_order(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    with _connect(local_gc) as client:
        ranks = [
            ArchiveDataset(client, ARCHIVE, sockets=["ct-image"], cache_dir=tmp_path / "cache")
            for _ in range(2)
        ]
    assert ranks[0].pks == ranks[1].pks  # listed twice (two ranks): the same order
    seen: list[int] = []
    for rank, dataset in enumerate(ranks):
        sampler = DistributedSampler(dataset, num_replicas=2, rank=rank, shuffle=True, seed=3)
        sampler.set_epoch(1)
        seen += list(sampler)
    assert sorted(set(seen)) == [0, 1, 2] and len(seen) == 4  # padded to a multiple of 2


def test_prefetch_fills_the_cache_and_reading_then_sends_nothing(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    events: list[int] = []
    with _connect(local_gc) as client:
        dataset = ArchiveDataset(client, ARCHIVE, cache_dir=tmp_path / "cache")
        report = dataset.prefetch(progress=False, concurrency=3)
        assert (report.images, report.entries) == (3, 3) and dataset.uncached() == []
        assert "3 entries (3 images, 0 files)" in str(report)
        local_gc.request_log.clear()
        again = dataset.prefetch(progress=False)
        shapes = [tuple(dataset[i]["ct-image"].shape) for i in range(len(dataset))]
        events.append(len(local_gc.request_log))
    assert again == report and events == [0]
    assert all(len(s) == 4 and s[0] == 1 for s in shapes)
    # an entry that no longer reads is fetched again
    key = f"image-{dataset[0]['ct-image_meta']['image_pk']}"
    entry = dataset.cache.entry(key)
    assert entry is not None
    next(p for p in entry.iterdir() if p.suffix == ".mha").write_bytes(b"not an image")
    with _connect(local_gc) as client:
        fresh = ArchiveDataset(client, ARCHIVE, cache_dir=tmp_path / "cache")
        assert fresh[0]["ct-image"].shape == dataset[0]["ct-image"].shape


def test_the_cache_fills_an_entry_once_and_continues_an_interrupted_one(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path / "cache")
    calls: list[str] = []
    gate = threading.Barrier(4)

    def slow(folder: Path) -> None:
        calls.append(folder.name)
        (folder / "a.bin").write_bytes(b"x" * 10)

    def fill() -> None:
        gate.wait()
        cache.fill("image-1", slow)

    threads = [threading.Thread(target=fill) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == ["image-1"]  # one download for four readers
    assert cache.keys() == ["image-1"] and cache.size() >= 10

    def broken(folder: Path) -> None:
        (folder / "half.bin").write_bytes(b"y" * 5)
        raise OSError("connection lost")

    with pytest.raises(OSError):
        cache.fill("value-9", broken)
    assert cache.entry("value-9") is None and cache.report().partial_bytes == 5
    found: list[list[str]] = []

    def resume(folder: Path) -> None:
        found.append(sorted(p.name for p in folder.iterdir()))
        (folder / "half.bin").write_bytes(b"y" * 10)

    entry = cache.fill("value-9", resume)
    assert found == [["half.bin"]]  # the interrupted download's bytes were kept for it
    assert (entry / "half.bin").stat().st_size == 10
    report = cache.report()
    assert (report.images, report.files, report.partial_bytes) == (1, 1, 0)
    cache.clear()
    assert cache.keys() == [] and cache.size() == 0
    with pytest.raises(InvalidArgumentError):
        cache.fill("../x", slow)


def test_a_reader_study_with_answers_as_labels(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    with _connect(local_gc, "reader") as reader, _connect(local_gc) as editor:
        study = reader.reader_studies.get(slug=STUDY)
        q = {question_text(question): question for question in study.questions}
        sets = reader.reader_studies.display_sets(STUDY)
        choice = q["CO-RADS score"]
        for n, ds in enumerate(sets):
            reader.answers.create(
                question=q["Is there evidence of COVID-19?"], display_set=ds, answer=n == 0
            )
            reader.answers.create(question=choice, display_set=ds, answer=choice.options[n].id)
        dataset = ReaderStudyDataset(
            editor,
            STUDY,
            questions=["Is there evidence of COVID-19?", "CO-RADS score"],
            cache_dir=tmp_path / "cache",
        )
        unlabelled = ReaderStudyDataset(editor, STUDY, labels=None, cache_dir=tmp_path / "cache")
        samples = [dataset[i] for i in range(len(dataset))]
        with pytest.raises(InvalidArgumentError, match="no question 'Nope'"):
            ReaderStudyDataset(editor, STUDY, questions=["Nope"])
        none_of_demo = ReaderStudyDataset(editor, STUDY, reader="demo")
    assert dataset.pks == [str(ds.pk) for ds in sets] == unlabelled.pks  # the study's order
    assert [s["labels"] for s in samples] == [
        {"Is there evidence of COVID-19?": True, "CO-RADS score": "CO-RADS 1"},
        {"Is there evidence of COVID-19?": False, "CO-RADS score": "CO-RADS 2"},
    ]
    assert all(s["ct-image"].shape[0] == 1 for s in samples)
    assert "labels" not in unlabelled[0] and len(none_of_demo) == 0
    batch = next(iter(DataLoader(dataset, batch_size=2)))
    assert batch["labels"]["Is there evidence of COVID-19?"].tolist() == [True, False]


def test_job_outputs_with_their_inputs(local_gc: LocalGrandChallenge, tmp_path: Path) -> None:
    with _connect(local_gc) as client:
        jobs = client.algorithms.run_on_archive(LOBES, ARCHIVE, limit=2)
        client.jobs.wait(jobs)
        dataset = JobOutputsDataset(
            client,
            LOBES,
            archive=ARCHIVE,
            sockets=["ct-image", "pulmonary-lobes"],
            cache_dir=tmp_path / "cache",
        )
        by_jobs = JobOutputsDataset(
            client, LOBES, jobs=list(reversed(jobs.pks())), cache_dir=tmp_path / "cache"
        )
        sample = dataset[0]
        every = by_jobs[0]  # every socket without sockets=
        with pytest.raises(InvalidArgumentError, match="exactly one of"):
            JobOutputsDataset(client, LOBES)
    assert len(dataset) == 2 and set(dataset.pks) == {str(pk) for pk in jobs.pks()}
    assert by_jobs.pks == [str(pk) for pk in reversed(jobs.pks())]
    lobes, ct = sample["pulmonary-lobes"], sample["ct-image"]
    assert lobes.shape == ct.shape and lobes.shape[0] == 1
    assert sample["title"].endswith(".mha")
    assert {"ct-image", "pulmonary-lobes", "pulmonary-lobes-screenshot"} <= set(every)


def test_without_torch_a_dataset_says_what_to_install(
    local_gc: LocalGrandChallenge, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "torch", None)
    with _connect(local_gc) as client:
        local_gc.request_log.clear()
        for make in (
            lambda: ArchiveDataset(client, ARCHIVE),
            lambda: ReaderStudyDataset(client, STUDY),
            lambda: JobOutputsDataset(client, LOBES, archive=ARCHIVE),
        ):
            with pytest.raises(MissingExtraError) as info:
                make()
            assert INSTALL_HINT in str(info.value) == str(info.value)
            assert isinstance(info.value, ImportError)
    assert list(local_gc.request_log) == []  # before any request


def test_import_gc_highlevel_never_imports_torch() -> None:
    code = (
        "import sys, gc_highlevel, gc_highlevel.imaging, gc_highlevel.dataframes\n"
        "assert 'torch' not in sys.modules, 'torch was imported'\n"
        "sys.modules['torch'] = None\n"
        "import gc_highlevel.datasets as d\n"  # importable without torch
        "try:\n"
        "    d.require_torch()\n"
        "except gc_highlevel.MissingExtraError as e:\n"
        "    assert 'gc-client[torch]' in str(e)\n"
        "else:\n"
        "    raise AssertionError('no error')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert out.returncode == 0, out.stderr


def test_bad_arguments_are_refused_before_any_request(
    local_gc: LocalGrandChallenge,
) -> None:
    bad: list[dict[str, Any]] = [
        {"sockets": "ct-image"},
        {"sockets": ["pk"]},
        {"sockets": ["ct-image_meta"]},
        {"transform": 3},
        {"dtype": "float32"},
        {"client_options": {"headers": {"Authorization": "Bearer x"}}},
        {"client_options": {"transport": threading.Lock()}},
        {"base_url": "http://example.org/api/v1/"},
    ]
    with _connect(local_gc) as client:
        local_gc.request_log.clear()
        for kwargs in bad:
            with pytest.raises(InvalidArgumentError):
                ArchiveDataset(client, ARCHIVE, **kwargs)
        with pytest.raises(InvalidArgumentError):
            ReaderStudyDataset(client, STUDY, labels="nope")  # type: ignore[arg-type]
    assert list(local_gc.request_log) == []


@pytest.mark.parametrize("name", ["require_torch", "default_cache_dir", "CacheReport"])
def test_docstring_examples(name: str) -> None:
    from gc_highlevel import datasets

    finder = doctest.DocTestFinder()
    (test,) = finder.find(getattr(datasets, name), name, globs=vars(datasets))
    result = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS).run(test)
    assert result.attempted > 0 and result.failed == 0


def _fill_slowly(directory: str, log: str) -> None:
    def download(folder: Path) -> None:
        with open(log, "a") as f:
            f.write(f"{os.getpid()}\n")
        time.sleep(0.3)
        (folder / "ct.mha").write_bytes(b"z" * 100)

    entry = ImageCache(directory).fill("image-2", download)
    assert (entry / "ct.mha").stat().st_size == 100


def test_two_processes_fill_one_entry_once(tmp_path: Path) -> None:
    log = tmp_path / "downloads.log"
    context = multiprocessing.get_context("fork")
    procs = [
        context.Process(target=_fill_slowly, args=(str(tmp_path / "cache"), str(log)))
        for _ in range(2)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(30)
    assert [p.exitcode for p in procs] == [0, 0]
    assert len(log.read_text().splitlines()) == 1  # the second process waited, then read it
    assert ImageCache(tmp_path / "cache").keys() == ["image-2"]

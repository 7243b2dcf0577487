"""The tutorials' workflows end to end against a local grand-challenge: ``python -m gc_highlevel.demo``.

Starts the local grand-challenge on 127.0.0.1 (no token, no internet), then, with
``gc_highlevel.Client`` exactly as against grand-challenge.org:

1. uploads three CT scans with a lung volume each to the archive ``radboudcovid``
   (archives tutorial), waiting until the server has imported them;
2. runs ``pulmonary-lobe-segmentation-for-covid-19-ct-scans`` on those archive images and waits
   for the jobs (algorithms tutorial);
3. maps outputs to inputs and downloads them as ``<stem>_lobes.mha`` and, as the tutorial
   names its screenshots, ``<input name>_<input uuid>.tif`` (e.g. ``patient01.mha_<pk>.tif``);
4. builds reader-study display sets from the archive images, answers them as a reader and
   exports the answers, with readable choice titles, to CSV (reader studies tutorial);
5. mirrors the archive to a folder.

It prints what it did, where the files are, and how many requests each step took.

``--api-url URL --token T --reader-token R`` runs the same steps against another server that
has the tutorials' objects (e.g. the real grand-challenge started by ``shared/real-gc``): the
archive ``radboudcovid``, the algorithm above, the reader study ``corads-score-exam``, a user
who edits them (``--token``) and a reader of the study (``--reader-token``).

Example:
    >>> from gc_highlevel.demo import main
    >>> main(["--out", "gc-demo", "--quiet"])   # doctest: +SKIP
    0
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from gc_highlevel._sync._client import Client
    from gc_highlevel.testing import LocalGrandChallenge

__all__ = ["main", "run_demo"]

T = TypeVar("T")
ARCHIVE = "radboudcovid"
ALGORITHM = "pulmonary-lobe-segmentation-for-covid-19-ct-scans"
STUDY = "corads-score-exam"


def _write_scans(directory: Path, n: int) -> list[Path]:
    """The demo's scans; kept when they exist, so a rerun with the same ``--out`` is a rerun
    of the same batches (the journal then makes nothing twice on a persistent server)."""
    from gc_highlevel.testing import write_synthetic_cts

    existing = sorted(directory.glob("patient*.mha"))
    if len(existing) == n:
        return existing
    return write_synthetic_cts(directory, n, prefix="patient", first_seed=101)


class _Steps:
    """Runs numbered steps, timing them and counting the requests each made (locally)."""

    def __init__(self, gc: LocalGrandChallenge | None, say: Callable[[str], None]) -> None:
        self.gc = gc
        self.say = say
        self.n = 0

    def run(self, title: str, fn: Callable[[], T]) -> T:
        self.n += 1
        self.say(f"\n[{self.n}] {title}")
        before = len(self.gc.request_log) if self.gc is not None else 0
        start = time.perf_counter()
        result = fn()
        took = f"    done in {time.perf_counter() - start:.1f} s"
        if self.gc is not None:
            took += f", {len(self.gc.request_log) - before} requests"
        self.say(took)
        return result


def run_demo(
    client: Client,
    gc: LocalGrandChallenge | None,
    out: Path,
    *,
    progress: bool,
    say: Callable[[str], None],
    reader_token: str | None = None,
) -> None:
    """The workflows, step by step (``client`` talks to ``gc`` as the user ``demo``; with
    ``gc=None``, to any server, the reader answering with ``reader_token``)."""
    steps = _Steps(gc, say)
    scans = _write_scans(out / "scans", 3)
    say(f"wrote 3 CT scans to {out / 'scans'}")

    cases = [{"ct-image": p, "lung-volume": 2.0 + i / 10} for i, p in enumerate(scans)]
    added = steps.run(
        f"add {len(cases)} cases (CT image + lung volume) to the archive {ARCHIVE!r}",
        lambda: client.archives.add_cases(
            ARCHIVE, cases, progress=progress, journal=out / "journal.jsonl"
        ),
    )
    added.raise_for_errors()
    say(f"    archive items: {', '.join(str(pk)[:8] for pk in added.pks())}")
    # This run's images: on a server the demo ran on before, the archive holds more.
    mine = {
        v.image
        for pk in added.pks()
        for v in client.archive_items.get(pk).values
        if isinstance(v.image, str)
    }

    summary = client.algorithms.describe(ALGORITHM)
    say("\n" + str(summary))
    jobs = steps.run(
        f"run {ALGORITHM!r} on the archive's images",
        lambda: client.algorithms.run_on_archive(
            ALGORITHM, ARCHIVE, progress=progress, journal=out / "journal.jsonl"
        ),
    )
    done = steps.run(
        "wait for the jobs (list requests, not one request per job)",
        lambda: client.jobs.wait(jobs, timeout=300, progress=progress),
    )
    say(f"    statuses: {', '.join(j.status for j in done)}")

    whole_archive = steps.run(
        "map outputs to inputs",
        lambda: client.algorithms.outputs_by_input(ALGORITHM, archive=ARCHIVE),
    )
    mapping = [row for row in whole_archive if any(i.api_url in mine for i in row.inputs)]
    for row in mapping:
        say(
            f"    {row.input_name} -> job {str(row.job.pk)[:8]} -> {', '.join(sorted(row.outputs))}"
        )
    jobs_done = [row.job for row in mapping]
    lobes = steps.run(
        "download the lobe segmentations as <name>_lobes.mha",
        lambda: client.jobs.download_outputs(
            jobs_done, out / "lobes", template="{stem}_lobes{ext}", sockets=["pulmonary-lobes"]
        ),
    )
    shots = steps.run(
        "download the screenshots as <input name>_<input uuid>.tif, as the tutorial does",
        lambda: client.jobs.download_outputs(
            jobs_done,
            out / "screenshots",
            template="{name}_{input_pk}.tif",
            sockets=["pulmonary-lobes-screenshot"],
            image_types=("TIFF",),
        ),
    )
    for f in [*lobes, *shots]:
        say(f"    {f.path}")

    images = [i for row in mapping for i in row.inputs]
    sets = steps.run(
        f"add {len(images)} display sets to the reader study {STUDY!r}",
        lambda: client.reader_studies.add_display_sets(
            STUDY,
            [{"ct-image": image, "some-score": 1.0 + n} for n, image in enumerate(images)],
            titles=[f"{image.name} ({str(image.pk)[:8]})" for image in images],
            progress=progress,
            journal=out / "journal.jsonl",
        ),
    )
    sets.raise_for_errors()
    if gc is not None:
        reader_token = gc.tokens["reader"]
    if reader_token is None:
        raise ValueError("pass the token of a reader of the study (reader_token=)")
    _answer_as_reader(client.base_url, reader_token, sets.pks())
    say("    the user 'reader' answered every question of the new display sets")
    csv_path = steps.run(
        "export the answers (choice ids as titles) to CSV",
        lambda: client.reader_studies.answers_csv(STUDY, out / "answers.csv"),
    )
    rows = client.reader_studies.answers(STUDY)
    for answer in rows[:5]:
        say(f"    {answer.display_set_title}: {answer.question} -> {answer.answer_text}")
    mirrored = steps.run(
        f"mirror the archive {ARCHIVE!r}",
        lambda: client.archives.mirror(ARCHIVE, out / "mirror", progress=progress),
    )
    say(
        f"\nfiles: scans {out / 'scans'}, lobes {out / 'lobes'}, screenshots {out / 'screenshots'},"
    )
    say(
        f"       answers {csv_path}, archive mirror {mirrored.directory} ({len(mirrored.files)} images)"
    )


def _answer_as_reader(api_url: str, token: str, display_sets: Sequence[uuid.UUID]) -> None:
    """The reader's part: answer every question (the reader uses their own client)."""
    import gc_highlevel

    with gc_highlevel.Client(token, base_url=api_url) as reader:
        study = reader.reader_studies.get(slug=STUDY)
        # On a rerun, what the reader answered before stays (the server refuses a second one).
        answered = {(a.question, a.display_set) for a in reader.answers.mine(reader_study=study)}
        for n, ds in enumerate(display_sets):
            for q in study.questions:
                if any(q.api_url == qu and f"/{ds}/" in str(d) for qu, d in answered):
                    continue
                answer: object
                if q.answer_type == "Bool":
                    answer = n % 2 == 0
                elif q.answer_type == "Number":
                    answer = 10 * (n + 1)
                elif q.answer_type == "Text":
                    answer = f"case {n + 1} looks typical"
                elif q.answer_type == "Choice":
                    answer = q.options[n % len(q.options)].id
                elif q.answer_type == "Multiple choice":
                    answer = [o.id for o in q.options[: n + 1]]
                else:
                    continue
                reader.answers.create(question=q, display_set=ds, answer=answer)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m gc_highlevel.demo``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, help="where to write files (default: a new temp dir)")
    parser.add_argument("--quiet", action="store_true", help="no progress bars, less output")
    parser.add_argument("--api-url", help="run against this server instead of a local one")
    parser.add_argument("--token", help="with --api-url: the token of the user running the demo")
    parser.add_argument("--reader-token", help="with --api-url: the token of a reader of the study")
    args = parser.parse_args(argv)
    if args.api_url and not (args.token and args.reader_token):
        parser.error("--api-url needs --token and --reader-token")
    try:
        from gc_highlevel.testing import LocalGrandChallenge
    except ImportError as exc:  # pragma: no cover - depends on the install
        print(f"The demo needs the local server: pip install 'gc-client[server]' ({exc})")
        return 2
    import gc_highlevel

    out = args.out or Path(tempfile.mkdtemp(prefix="gc-demo-"))
    out.mkdir(parents=True, exist_ok=True)

    def say(text: str) -> None:
        if not args.quiet or text.startswith(("\nfiles", "       answers")):
            print(text, flush=True)

    start = time.perf_counter()
    progress = not args.quiet and sys.stderr.isatty()
    if args.api_url:
        say(f"running against {args.api_url}")
        with gc_highlevel.Client(args.token, base_url=args.api_url) as client:
            run_demo(client, None, out, progress=progress, say=say, reader_token=args.reader_token)
        print(f"\ndemo finished in {time.perf_counter() - start:.1f} s; files in {out}")
        return 0
    say("starting the local grand-challenge on 127.0.0.1 (no token, no internet) ...")
    with LocalGrandChallenge(strict=False) as gc:
        say(f"API at {gc.api_url}, started in {time.perf_counter() - start:.1f} s")
        with gc_highlevel.Client(gc.tokens["demo"], base_url=gc.api_url) as client:
            run_demo(client, gc, out, progress=progress, say=say)
        total = len(gc.request_log)
    print(
        f"\ndemo finished in {time.perf_counter() - start:.1f} s ({total} requests); files in {out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The commands of ``gc-client``: each one a few calls of the public API.

Every command takes the :class:`Context` (console, connection settings) and the parsed
arguments, and returns the exit status.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import getpass
import os
import sys
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gc_highlevel._constants import DEFAULT_BASE_URL
from gc_highlevel._constants import ENV_BASE_URL as _ENV_URL
from gc_highlevel._constants import ENV_TOKEN as _ENV_TOKEN
from gc_highlevel.cli._config import load_config, loose_permissions, mask_token, write_config
from gc_highlevel.cli._files import Case, Selection, collect
from gc_highlevel.cli._term import CommandError, Console, stdin_is_tty, table

if TYPE_CHECKING:
    from gc_api.models.hyperlinked_job import HyperlinkedJob
    from gc_api.models.invocation import Invocation
    from gc_highlevel import BatchResult, Client
    from gc_highlevel.workflow_types import CaseOutcome, DownloadedOutput, SocketSummary

__all__ = [
    "TOKEN_URL",
    "Context",
    "answers",
    "config",
    "describe",
    "invoke",
    "jobs",
    "mirror",
    "run",
    "upload",
    "whoami",
]

TOKEN_URL = "https://grand-challenge.org/settings/api-tokens/"
_RERUN = (
    "fix what the table says and rerun the same command: finished cases are not repeated "
    "(gc-client keeps a journal of each batch)"
)


@dataclass
class Context:
    """What every command needs: where to write, which server and token, progress bars.

    Example:
        >>> ctx = Context(Console(quiet=True), url=None, token=None, progress=False)
        >>> ctx.progress
        False
    """

    console: Console
    url: str | None
    token: str | None
    progress: bool | None

    def client(self, *, need_token: bool = False) -> Client:
        """A :class:`gc_highlevel.Client` for ``--url``/``--token`` (else environment, config).

        With ``need_token``, a missing token is reported before any request, saying how to
        set one.
        """
        from gc_highlevel import Client

        try:
            client = Client(self.token, base_url=self.url)
        except ValueError as exc:  # a bad URL or token in the environment or the config file
            raise CommandError(
                f"{exc} (set in {_ENV_URL}, {_ENV_TOKEN} or the config file: "
                "`gc-client config --show` shows them)"
            ) from None
        if need_token and not client.has_token:
            client.close()
            raise CommandError(
                "no API token is configured: run `gc-client config` to save one (you are "
                f"asked for it), or set {_ENV_TOKEN}. Create a token at {TOKEN_URL}"
            )
        return client


# -- config, whoami ---------------------------------------------------------------------------


def _config_path() -> Path:
    from gc_highlevel import _auth  # the same look-up as the client's token resolution

    return _auth.config_path()


def _read_token(console: Console, *, saved: bool) -> str:
    """The token to save: asked for on a terminal (hidden), else one line of standard input.

    An empty answer means the saved token, if there is one.
    """
    if stdin_is_tty():
        console.always(f"Create an API token at {TOKEN_URL} and paste it here.")
        keep = "; Enter keeps the saved one" if saved else ""
        return getpass.getpass(f"API token (hidden{keep}): ")
    return sys.stdin.readline() if sys.stdin is not None else ""


def config(ctx: Context, args: argparse.Namespace) -> int:
    """``gc-client config``: save the token (and URL) after a connection test, show or clear.

    Example:
        >>> from gc_highlevel.cli import main
        >>> main(["config", "--show"])  # doctest: +SKIP
        config file: /home/me/.config/gc-client/config.json
        ...
    """
    path = _config_path()
    given_token: str | None = getattr(args, "token", None)
    given_url: str | None = getattr(args, "url", None)
    if args.show or args.clear:
        if given_token is not None or given_url is not None:
            raise CommandError(
                "--show and --clear take no --token or --url; run `gc-client config --token ...` "
                "or `gc-client config --url ...` on its own",
                exit_code=2,
            )
        return _config_show(ctx, path) if args.show else _config_clear(ctx, path)

    existing, problem = load_config(path)
    if problem is not None:
        raise CommandError(
            f"the config file {path} is unusable ({problem}); delete it with "
            "`gc-client config --clear`, then run `gc-client config` again"
        )
    saved = existing.get("token")
    saved = saved if isinstance(saved, str) and saved.strip() else None
    token = given_token
    if token is None:
        token = _read_token(ctx.console, saved=saved is not None).strip() or saved or ""
    from gc_highlevel._auth import normalize_token

    if not token.strip():
        raise CommandError(
            "no token given. Run `gc-client config` in a terminal to be asked for it, or pass "
            'it on standard input: printf %s "$TOKEN" | gc-client config. '
            f"Create a token at {TOKEN_URL}"
        )
    try:
        token = normalize_token(token)
    except ValueError as exc:
        raise CommandError(str(exc)) from None

    from gc_highlevel import GCError

    ctx.console.info("Checking the token ...")
    try:
        with Context(ctx.console, url=given_url, token=token, progress=False).client() as client:
            username = client.users.me().user.username
            server = client.base_url
    except GCError as exc:
        raise CommandError(f"{exc}\nNothing was saved.") from None
    data = dict(existing)
    data["token"] = token
    if given_url is not None:  # checked by the parser
        data["base_url"] = given_url
    write_config(path, data)
    ctx.console.result(f"Logged in to {server} as {username}.")
    ctx.console.info(f"Token saved to {path} (readable only by you).")
    if os.environ.get(_ENV_TOKEN):
        ctx.console.warn(f"{_ENV_TOKEN} is set: it is used instead of the saved token")
    if given_url is not None and os.environ.get(_ENV_URL):
        ctx.console.warn(f"{_ENV_URL} is set: it is used instead of the saved URL")
    return 0


def _config_show(ctx: Context, path: Path) -> int:
    data, problem = load_config(path)
    state = " (not created yet)" if not path.exists() else ""
    if problem is not None:
        state = f" (unusable: {problem}; `gc-client config --clear` deletes it)"
    elif loose_permissions(path):
        state = f" (others may read it: run chmod 600 {path})"
    ctx.console.result(f"config file: {path}{state}")
    env_url, saved_url = os.environ.get(_ENV_URL), data.get("base_url")
    if env_url:
        ctx.console.result(f"url:         {env_url} (from {_ENV_URL})")
    elif isinstance(saved_url, str) and saved_url:
        ctx.console.result(f"url:         {saved_url} (from the config file)")
    else:
        ctx.console.result(f"url:         {DEFAULT_BASE_URL} (default)")
    env_token, saved_token = os.environ.get(_ENV_TOKEN), data.get("token")
    if env_token and env_token.strip():
        ctx.console.result(f"token:       {mask_token(env_token.split()[-1])} (from {_ENV_TOKEN})")
    elif isinstance(saved_token, str) and saved_token.strip():
        ctx.console.result(f"token:       {mask_token(saved_token)} (from the config file)")
    else:
        ctx.console.result("token:       none (run `gc-client config` to save one)")
    return 0


def _config_clear(ctx: Context, path: Path) -> int:
    try:
        path.unlink()
    except FileNotFoundError:
        ctx.console.result(f"No config file at {path}; nothing to remove.")
    else:
        ctx.console.result(f"Removed {path}.")
    if os.environ.get(_ENV_TOKEN):
        ctx.console.warn(f"{_ENV_TOKEN} is still set in this environment")
    return 0


def whoami(ctx: Context, args: argparse.Namespace) -> int:
    """``gc-client whoami``: the username the token belongs to.

    Example:
        >>> from gc_highlevel.cli import main
        >>> main(["whoami"])  # doctest: +SKIP
        demo
    """
    with ctx.client(need_token=True) as client:
        profile = client.users.me()
        ctx.console.info(f"on {client.base_url}")
    ctx.console.result(profile.user.username)
    return 0


# -- upload, run ------------------------------------------------------------------------------


def _socket_kind(client: Client, slug: str) -> str:
    """The socket's super kind (Image, File, Value); an unknown slug names the nearest ones."""
    from gc_highlevel import ObjectNotFoundError

    try:
        return client.sockets.get(slug).super_kind
    except ObjectNotFoundError:
        known = [s.slug for s in client.sockets.list(page_size=1000)]
    near = difflib.get_close_matches(slug, known, n=3)
    hint = f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
    raise CommandError(f"no socket {slug!r} on {client.base_url}{hint}")


def _select(
    ctx: Context, paths: Sequence[str], *, recursive: bool, image: bool, what: str
) -> Selection:
    selection = collect(paths, recursive=recursive, group_images=image)
    if not selection.cases:
        extra = "; add --recursive to look into subfolders" if selection.not_entered else ""
        raise CommandError(f"no files to {what} in {', '.join(map(repr, paths))}{extra}")
    return selection


def _proceed(ctx: Context, header: str, selection: Selection, *, yes: bool) -> bool:
    """Show the summary; ask to go on if someone can answer (stdin is a terminal)."""
    ask = not yes and stdin_is_tty()
    show = ctx.console.always if ask else ctx.console.info
    show(header)
    for line in selection.summary():
        show(f"  {line}")
    if not ask:
        return True
    return ctx.console.confirm("Proceed?")


def _error_text(error: BaseException | None) -> str:
    if error is None:
        return ""
    return str(error) or type(error).__name__


def _failures(
    ctx: Context, rows: list[list[str]], total: int, what: str, *, hint: str = _RERUN
) -> int:
    """Print the failure table; the exit status (1 if anything failed)."""
    if not rows:
        return 0
    ctx.console.result(f"\n{len(rows)} of {total} {what} failed:")
    ctx.console.result(table(["FILE", "ERROR"], rows))
    ctx.console.error(f"{len(rows)} of {total} {what} failed; {hint}")
    return 1


def upload(ctx: Context, args: argparse.Namespace) -> int:
    """``gc-client upload ARCHIVE PATH... --socket SLUG``: one archive item per case.

    Example:
        >>> from gc_highlevel.cli import main
        >>> main(["upload", "radboudcovid", "scans/", "--socket", "ct-image"])  # doctest: +SKIP
        3 items added to archive 'radboudcovid'.
    """
    from gc_highlevel.types import archive_slug

    with ctx.client(need_token=True) as client:
        archive = client.archives.get(args.archive)
        image = _socket_kind(client, args.socket) == "Image"
        selection = _select(ctx, args.paths, recursive=args.recursive, image=image, what="upload")
        name = archive_slug(archive) or str(archive.pk)
        header = (
            f"Upload to archive {archive.title!r} ({name}), socket {args.socket!r}, "
            "one item per case:"
        )
        if not _proceed(ctx, header, selection, yes=args.yes):
            ctx.console.error("not confirmed; nothing was uploaded")
            return 1
        cases = selection.cases
        result = client.archives.add_cases(
            archive,
            [{args.socket: c.value} for c in cases],
            progress=ctx.progress,
            raise_on_error=False,  # failures are listed in a table, and exit 1
        )
    added, earlier = _counts(result)
    ctx.console.result(
        f"{added} item{'' if added == 1 else 's'} added to archive {archive.title!r}"
        + (f"; {earlier} already there from an earlier run" if earlier else "")
        + "."
    )
    rows = [[cases[o.index].label, _error_text(o.error)] for o in result.failed]
    return _failures(ctx, rows, len(cases), "cases")


def _counts(result: BatchResult[Any]) -> tuple[int, int]:
    """(made now, made by an earlier run) among the successful cases."""
    earlier = sum(1 for o in result.succeeded if o.skipped)
    return len(result.succeeded) - earlier, earlier


def _single_input(
    slug: str, summary_inputs: list[list[SocketSummary]], socket: str, *, command: str = "run"
) -> str:
    """The super kind of ``socket`` when it alone makes a valid job of the algorithm."""
    for inputs in summary_inputs:
        if [s.slug for s in inputs] == [socket]:
            return inputs[0].super_kind
    combos = " | ".join(", ".join(s.slug for s in inputs) or "(none)" for inputs in summary_inputs)
    if any(socket in [s.slug for s in inputs] for inputs in summary_inputs):
        raise CommandError(
            f"algorithm {slug!r} needs more inputs than {socket!r} (its inputs: {combos}); "
            f"gc-client {command} gives each {'invocation' if command == 'invoke' else 'job'} "
            f"one input: use client.algorithms.{'endpoint' if command == 'invoke' else 'run'} "
            "in Python"
        )
    raise CommandError(
        f"{socket!r} is not an input of algorithm {slug!r}; its inputs: {combos} "
        f"(`gc-client describe {slug}` explains them)"
    )


def run(ctx: Context, args: argparse.Namespace) -> int:
    """``gc-client run ALGORITHM PATH... --socket SLUG``: one job per case, optionally waiting
    for them and downloading their outputs.

    Example:
        >>> from gc_highlevel.cli import main
        >>> main(["run", "pulmonary-lobe-segmentation", "scans/", "--socket",
        ...       "generic-medical-image", "--wait", "--out", "results/"])  # doctest: +SKIP
        0
    """
    wait = args.wait or args.out is not None
    with ctx.client(need_token=True) as client:
        algorithm = client.algorithms.get(args.algorithm)
        summary = client.algorithms.describe(algorithm)
        kind = _single_input(
            summary.slug, [list(i.inputs) for i in summary.interfaces], args.socket
        )
        selection = _select(
            ctx, args.paths, recursive=args.recursive, image=kind == "Image", what="run on"
        )
        header = (
            f"Run algorithm {summary.title!r} ({summary.slug}), socket {args.socket!r}, "
            "one job per case:"
        )
        if not _proceed(ctx, header, selection, yes=args.yes):
            ctx.console.error("not confirmed; no job was started")
            return 1
        cases = selection.cases
        result = client.algorithms.run(
            algorithm,
            [{args.socket: c.value} for c in cases],
            progress=ctx.progress,
            raise_on_error=False,  # failures are listed in a table, and exit 1
        )
        started, earlier = _counts(result)
        ctx.console.info(
            f"{started} job{'' if started == 1 else 's'} started"
            + (f"; {earlier} started by an earlier run" if earlier else "")
            + "."
        )
        jobs: dict[uuid.UUID, HyperlinkedJob] = {}
        if wait and result.succeeded:
            ctx.console.info("Waiting for the jobs to finish ...")
            jobs = {job.pk: job for job in _wait(client, result, args.timeout, ctx.progress)}
        downloaded: list[DownloadedOutput] = []
        succeeded = [job for job in jobs.values() if job.status == "Succeeded"]
        if args.out is not None and succeeded:
            downloaded = client.jobs.download_outputs(succeeded, args.out, progress=ctx.progress)
    return _run_report(ctx, cases, result, jobs, downloaded, args.out)


def _wait(
    client: Client, result: BatchResult[Any], timeout: float | None, progress: bool | None
) -> list[HyperlinkedJob]:
    from gc_highlevel import JobTimeoutError

    try:
        return client.jobs.wait(result, raise_on_failure=False, timeout=timeout, progress=progress)
    except JobTimeoutError as exc:
        n = len(exc.pending)
        raise CommandError(
            f"{n} job{'' if n == 1 else 's'} had not finished after {timeout or 0:g} s. They keep "
            "running on grand-challenge: rerun the same command to wait again (no job is "
            "started twice), with a longer --timeout or none."
        ) from None


def _run_report(
    ctx: Context,
    cases: Sequence[Case],
    result: BatchResult[Any],
    jobs: dict[uuid.UUID, HyperlinkedJob],
    downloaded: Sequence[DownloadedOutput],
    out: str | None,
) -> int:
    from gc_highlevel._jobs_policy import job_error

    def state(outcome: CaseOutcome[Any]) -> tuple[str, str | None]:
        job = jobs.get(outcome.pk) if outcome.pk is not None else None
        if job is None:
            return ("started earlier" if outcome.skipped else "started"), None
        return job.status, None if job.status == "Succeeded" else str(job_error(job))

    code = _started_report(ctx, cases, result, state, "JOB", "not started", downloaded, out)
    if not jobs and result.succeeded:
        ctx.console.info(
            "The jobs run on grand-challenge; rerun the same command with --wait (and --out DIR) "
            "to wait for them and fetch their outputs: no job is started twice."
        )
    return code


def _started_report(
    ctx: Context,
    cases: Sequence[Case],
    result: BatchResult[Any],
    state: Callable[[CaseOutcome[Any]], tuple[str, str | None]],
    column: str,
    not_started: str,
    downloaded: Sequence[DownloadedOutput],
    out: str | None,
    *,
    hint: str = _RERUN,
) -> int:
    """The table of what each case started (a job, an invocation): ``state(outcome)`` gives a
    started case's status and, when it ended badly, why; then the downloads and failures."""
    rows: list[list[str]] = []
    failures: list[list[str]] = []
    for outcome in result:
        label = cases[outcome.index].label
        if outcome.pk is None:
            rows.append([label, "-", not_started])
            failures.append([label, _error_text(outcome.error)])
            continue
        status, failure = state(outcome)
        rows.append([label, str(outcome.pk), status])
        if failure is not None:
            failures.append([label, failure])
    ctx.console.result(table(["FILE", column, "STATUS"], rows))
    if out is not None:
        fresh = sum(1 for d in downloaded if not d.skipped)
        ctx.console.result(
            f"{len(downloaded)} output file{'' if len(downloaded) == 1 else 's'} in {out}"
            + (f" ({len(downloaded) - fresh} already there)" if fresh < len(downloaded) else "")
            + "."
        )
    return _failures(ctx, failures, len(cases), "cases", hint=hint)


_REINVOKE = (
    "fix what the table says and rerun the command (invocations keep no journal: the cases "
    "that succeeded run again; pass only the failed files to avoid that)"
)


def invoke(ctx: Context, args: argparse.Namespace) -> int:
    """``gc-client invoke ALGORITHM PATH... --socket SLUG``: on-demand inference on a running
    endpoint of the algorithm (reused, or started and kept alive while the command runs), one
    invocation per case; waits for them and optionally downloads their outputs.

    Example:
        >>> from gc_highlevel.cli import main
        >>> main(["invoke", "pulmonary-lobe-segmentation", "scans/", "--socket",
        ...       "generic-medical-image", "--out", "results/"])  # doctest: +SKIP
        0
    """
    from gc_highlevel import InvocationTimeoutError

    if args.no_wait and args.out is not None:
        raise CommandError("--out downloads the outputs, so it waits for them: leave out --no-wait")
    with ctx.client(need_token=True) as client:
        algorithm = client.algorithms.get(args.algorithm)
        summary = client.algorithms.describe(algorithm)
        kind = _single_input(
            summary.slug,
            [list(i.inputs) for i in summary.interfaces],
            args.socket,
            command="invoke",
        )
        selection = _select(
            ctx, args.paths, recursive=args.recursive, image=kind == "Image", what="invoke on"
        )
        header = (
            f"Invoke algorithm {summary.title!r} ({summary.slug}) on a running endpoint, "
            f"socket {args.socket!r}, one invocation per case:"
        )
        if not _proceed(ctx, header, selection, yes=args.yes):
            ctx.console.error("not confirmed; nothing was sent")
            return 1
        cases = selection.cases
        invocations: dict[uuid.UUID, Invocation] = {}
        downloaded: list[DownloadedOutput] = []
        with client.algorithms.endpoint(algorithm) as endpoint:
            how = "Reusing" if endpoint.reused else "Started"
            ctx.console.info(f"{how} endpoint {endpoint.pk} ({endpoint.endpoint.status}).")
            result = endpoint.invoke(
                [{args.socket: c.value} for c in cases], progress=ctx.progress, raise_on_error=False
            )
            if not args.no_wait and result.succeeded:
                ctx.console.info("Waiting for the invocations to finish ...")
                try:
                    done = endpoint.wait(
                        result, raise_on_failure=False, timeout=args.timeout, progress=ctx.progress
                    )
                except InvocationTimeoutError as exc:
                    n = len(exc.pending)
                    raise CommandError(
                        f"{n} invocation{'' if n == 1 else 's'} had not finished after "
                        f"{args.timeout or 0:g} s; they go on on grand-challenge, but this "
                        "command cannot collect them later: rerun it with a longer --timeout "
                        "(the cases run again)."
                    ) from None
                invocations = {i.pk: i for i in done}
            succeeded = [i for i in invocations.values() if i.status == "Succeeded"]
            if args.out is not None and succeeded:
                downloaded = endpoint.download_outputs(succeeded, args.out, progress=ctx.progress)
    return _invoke_report(ctx, cases, result, invocations, downloaded, args.out)


def _invoke_report(
    ctx: Context,
    cases: Sequence[Case],
    result: BatchResult[Any],
    invocations: dict[uuid.UUID, Invocation],
    downloaded: Sequence[DownloadedOutput],
    out: str | None,
) -> int:
    def state(outcome: CaseOutcome[Any]) -> tuple[str, str | None]:
        invocation = invocations.get(outcome.pk) if outcome.pk is not None else None
        if invocation is None:
            return "sent", None
        if invocation.status == "Succeeded":
            return invocation.status, None
        why = invocation.error_message or "no message from the server"
        return invocation.status, f"invocation ended {invocation.status}: {why}"

    return _started_report(
        ctx, cases, result, state, "INVOCATION", "not sent", downloaded, out, hint=_REINVOKE
    )


# -- mirror, answers, describe ----------------------------------------------------------------


def mirror(ctx: Context, args: argparse.Namespace) -> int:
    """``gc-client mirror ARCHIVE DIR``: download every image and file of an archive.

    Example:
        >>> from gc_highlevel.cli import main
        >>> main(["mirror", "coronacasesorg", "scans/"])  # doctest: +SKIP
        3 files in scans (0 were already complete); the items are listed in scans/items.csv.
    """
    with ctx.client() as client:
        result = client.archives.mirror(args.archive, args.directory, progress=ctx.progress)
    n = len(result.files)
    ctx.console.result(
        f"{n} file{'' if n == 1 else 's'} in {result.directory} ({result.skipped} were already "
        f"complete); the items are listed in {result.manifest}."
    )
    return 0


def answers(ctx: Context, args: argparse.Namespace) -> int:
    """``gc-client answers READER_STUDY --csv FILE``: the answers as a readable CSV file.

    Example:
        >>> from gc_highlevel.cli import main
        >>> main(["answers", "corads-score-exam", "--csv", "answers.csv"])  # doctest: +SKIP
        6 answers written to answers.csv.
    """
    with ctx.client(need_token=True) as client:
        path = client.reader_studies.answers_csv(args.reader_study, args.csv, mine=args.mine)
    with path.open(encoding="utf-8", newline="") as fh:
        n = sum(1 for _ in csv.DictReader(fh))
    ctx.console.result(f"{n} answer{'' if n == 1 else 's'} written to {path}.")
    return 0


def describe(ctx: Context, args: argparse.Namespace) -> int:
    """``gc-client describe ALGORITHM``: the algorithm's inputs and outputs.

    Example:
        >>> from gc_highlevel.cli import main
        >>> main(["describe", "pulmonary-lobe-segmentation"])  # doctest: +SKIP
        Pulmonary Lobe Segmentation (pulmonary-lobe-segmentation)
          interface:
            input  generic-medical-image (Image; ...)
            output pulmonary-lobes (Segmentation)
    """
    with ctx.client() as client:
        summary = client.algorithms.describe(args.algorithm)
    ctx.console.result(str(summary))
    return 0


def jobs(ctx: Context, args: argparse.Namespace) -> int:
    """``gc-client jobs ALGORITHM``: the newest of your jobs of an algorithm and how they are.

    Example:
        >>> from gc_highlevel.cli import main
        >>> main(["jobs", "pulmonary-lobe-segmentation", "--limit", "2"])  # doctest: +SKIP
        JOB                                   STATUS     INPUTS
        4f1c2d8e-...                          Succeeded  generic-medical-image=image 9b2e41c0
        7a0b9e11-...                          Executing  generic-medical-image=image 0c5d77f2
        2 of 14 jobs (the newest, oldest first): 1 Executing, 1 Succeeded
    """
    from gc_highlevel.types import socket_of

    with ctx.client() as client:
        algorithm = client.algorithms.get(args.algorithm)
        listing = client.algorithm_jobs.list(algorithm=algorithm)
        total = listing.count()
        newest = listing.last(args.limit) if total else []

    def shown(value: Any) -> str:
        slug = socket_of(value).slug
        if value.image:
            return f"{slug}=image {value.image.rstrip('/').rsplit('/', 1)[-1][:8]}"
        if value.file:
            return f"{slug}={value.file.rstrip('/').rsplit('/', 1)[-1]}"
        return f"{slug}={value.value!r}"

    rows = [[str(j.pk), j.status, " ".join(shown(v) for v in j.inputs)] for j in newest]
    if rows:
        ctx.console.result(table(["JOB", "STATUS", "INPUTS"], rows))
    counts: dict[str, int] = {}
    for job in newest:
        counts[job.status] = counts.get(job.status, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    ctx.console.result(
        f"{len(newest)} of {total} job{'' if total == 1 else 's'}"
        + (f" (the newest, oldest first): {summary}" if newest else "")
    )
    return 0

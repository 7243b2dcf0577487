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
from gc_highlevel.cli._progress import byte_meter
from gc_highlevel.cli._term import CommandError, Console, human_size, stdin_is_tty, table

if TYPE_CHECKING:
    from gc_api.models.algorithm import Algorithm
    from gc_api.models.archive import Archive
    from gc_api.models.hyperlinked_job import HyperlinkedJob
    from gc_api.models.invocation import Invocation
    from gc_api.models.reader_study import ReaderStudy
    from gc_highlevel import BatchResult, Client
    from gc_highlevel.workflow_types import CaseOutcome, DownloadedOutput, SocketSummary

__all__ = [
    "TOKEN_URL",
    "Context",
    "answers",
    "completion",
    "config",
    "demo",
    "describe",
    "display_sets",
    "download",
    "download_image",
    "download_outputs",
    "download_value",
    "invoke",
    "job",
    "jobs",
    "mirror",
    "run",
    "upload",
    "uploads",
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
    #: ``--profile NAME``: the server and token saved under that name in the config file.
    profile: str | None = None

    def settings(self) -> tuple[str | None, str | None]:
        """(URL, token) from ``--url``/``--token``, else from ``--profile`` (None for what
        neither gives: the environment, then the config file's defaults, apply)."""
        if self.profile is None:
            return self.url, self.token
        saved = profile_settings(self.profile)
        return self.url or saved.get("base_url"), self.token or saved.get("token")

    def client(self, *, need_token: bool = False) -> Client:
        """A :class:`gc_highlevel.Client` for ``--url``/``--token`` (else ``--profile``, the
        environment, the config file).

        With ``need_token``, a missing token is reported before any request, saying how to
        set one.
        """
        from gc_highlevel import Client

        url, token = self.settings()
        try:
            client = Client(token, base_url=url)
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


def _api_url(client: Client, collection: str, pk: object) -> str:
    """The ``api_url`` of the object ``pk`` of ``collection`` (e.g. ``algorithms/jobs/``)."""
    return f"{client.base_url}{collection}{pk}/"


def _text(value: object) -> str | None:
    """A field that is a string, else None (unset, missing, or not sent as a string)."""
    return value if isinstance(value, str) else None


def _described(
    obj: Archive | Algorithm | ReaderStudy,
    client: Client,
    collection: str,
    *,
    slug: str | None = None,
) -> dict[str, Any]:
    """An archive, algorithm or reader study for ``--json``: pk, slug, title, api_url (a
    reader study's title from its ``title_safe``: the 2026 API sends no ``title``)."""
    from gc_api.models.reader_study import ReaderStudy
    from gc_highlevel.types import title_of

    title = title_of(obj) if isinstance(obj, ReaderStudy) else _text(obj.title)
    return {
        "pk": str(obj.pk),
        "slug": slug or _text(getattr(obj, "slug", None)),
        "title": title,
        "api_url": _text(obj.api_url) or _api_url(client, collection, obj.pk),
    }


def _value_text(value: Any) -> tuple[str, str]:
    """A socket value in words: (its socket's slug, ``image 9b2e41c0``, a file name or a
    value)."""
    from gc_highlevel.types import socket_of

    slug = socket_of(value).slug
    if _text(value.image):
        return slug, f"image {value.image.rstrip('/').rsplit('/', 1)[-1][:8]}"
    if _text(getattr(value, "file", None)):
        return slug, value.file.rstrip("/").rsplit("/", 1)[-1]
    return slug, repr(_value_json(value).get("value"))


def _value_json(value: Any) -> dict[str, Any]:
    """A socket value (of a job, item, display set) for ``--json``."""
    from gc_highlevel.types import socket_of

    entry: dict[str, Any] = {"socket": socket_of(value).slug, "pk": value.pk}
    if _text(value.image):
        entry["image"] = value.image
    elif _text(getattr(value, "file", None)):
        entry["file"] = value.file
    else:
        raw = getattr(value, "value", None)
        entry["value"] = None if raw is None or type(raw).__name__ in ("Unset", "Missing") else raw
    return entry


# -- config, whoami ---------------------------------------------------------------------------


def _config_path() -> Path:
    from gc_highlevel import _auth  # the same look-up as the client's token resolution

    return _auth.config_path()


def _profiles(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The named profiles of the config file's content (``{"profiles": {NAME: {...}}}``)."""
    profiles = data.get("profiles")
    if not isinstance(profiles, dict):
        return {}
    return {k: v for k, v in profiles.items() if isinstance(k, str) and isinstance(v, dict)}


def profile_settings(name: str) -> dict[str, str]:
    """The ``base_url`` and ``token`` saved under ``name`` (``gc-client config --profile``).

    Example:
        >>> profile_settings("staging")  # doctest: +SKIP
        {'base_url': 'https://staging.example.org/api/v1/', 'token': '...'}
    """
    path = _config_path()
    data, problem = load_config(path)
    if problem is not None:
        raise CommandError(
            f"the config file {path} is unusable ({problem}); delete it with "
            "`gc-client config --clear`"
        )
    profiles = _profiles(data)
    if name not in profiles:
        known = ", ".join(sorted(profiles)) or "none yet"
        raise CommandError(
            f"no profile {name!r} in {path} (profiles: {known}); save one with "
            f"`gc-client config --profile {name} --url URL`"
        )
    saved = profiles[name]
    return {k: v for k in ("base_url", "token") if isinstance(v := saved.get(k), str) and v}


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
    profile: str | None = getattr(args, "profile", None)
    if args.show or args.clear:
        if given_token is not None or given_url is not None:
            raise CommandError(
                "--show and --clear take no --token or --url; run `gc-client config --token ...` "
                "or `gc-client config --url ...` on its own",
                exit_code=2,
            )
        if profile is not None:
            return (
                _profile_show(ctx, path, profile)
                if args.show
                else _profile_clear(ctx, path, profile)
            )
        return _config_show(ctx, path) if args.show else _config_clear(ctx, path)

    existing, problem = load_config(path)
    if problem is not None:
        raise CommandError(
            f"the config file {path} is unusable ({problem}); delete it with "
            "`gc-client config --clear`, then run `gc-client config` again"
        )
    if profile is not None:
        return _profile_save(ctx, path, existing, profile, given_token, given_url)
    saved = existing.get("token")
    saved = saved if isinstance(saved, str) and saved.strip() else None
    token = given_token
    if token is None:
        token = _read_token(ctx.console, saved=saved is not None).strip() or saved or ""
    username, server, token = _check_token(ctx, token, given_url)
    data = dict(existing)
    data["token"] = token
    if given_url is not None:  # checked by the parser
        data["base_url"] = given_url
    write_config(path, data)
    ctx.console.result(f"Logged in to {server} as {username}.")
    ctx.console.data({"server": server, "username": username, "config_file": str(path)})
    ctx.console.info(f"Token saved to {path} (readable only by you).")
    if os.environ.get(_ENV_TOKEN):
        ctx.console.warn(f"{_ENV_TOKEN} is set: it is used instead of the saved token")
    if given_url is not None and os.environ.get(_ENV_URL):
        ctx.console.warn(f"{_ENV_URL} is set: it is used instead of the saved URL")
    return 0


def _check_token(ctx: Context, token: str, url: str | None) -> tuple[str, str, str]:
    """(username, server, normalized token) once the server accepted ``token``; else an error
    saying nothing was saved."""
    from gc_highlevel import GCError
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
    ctx.console.info("Checking the token ...")
    try:
        with Context(ctx.console, url=url, token=token, progress=False).client() as client:
            username = client.users.me().user.username
            server = client.base_url
    except GCError as exc:
        raise CommandError(f"{exc}\nNothing was saved.") from None
    return username, server, token


def _profile_save(
    ctx: Context,
    path: Path,
    existing: dict[str, Any],
    name: str,
    given_token: str | None,
    given_url: str | None,
) -> int:
    """``config --profile NAME``: the token (and the server it was checked with) under NAME."""
    profiles = _profiles(existing)
    current = profiles.get(name, {})
    saved = current.get("token")
    saved = saved if isinstance(saved, str) and saved.strip() else None
    url = given_url or (
        current.get("base_url") if isinstance(current.get("base_url"), str) else None
    )
    token = given_token
    if token is None:
        token = _read_token(ctx.console, saved=saved is not None).strip() or saved or ""
    username, server, token = _check_token(ctx, token, url)
    data = dict(existing)
    data["profiles"] = {**profiles, name: {"base_url": server, "token": token}}
    write_config(path, data)
    ctx.console.result(f"Logged in to {server} as {username}.")
    ctx.console.info(
        f"Saved as profile {name!r} in {path} (readable only by you); use it with "
        f"`gc-client --profile {name} COMMAND`."
    )
    ctx.console.data(
        {"server": server, "username": username, "config_file": str(path), "profile": name}
    )
    return 0


def _profile_show(ctx: Context, path: Path, name: str) -> int:
    saved = profile_settings(name)
    url, token = saved.get("base_url"), saved.get("token")
    masked = mask_token(token) if token else None
    ctx.console.result(f"config file: {path}")
    ctx.console.result(f"profile:     {name}")
    ctx.console.result(f"url:         {url or DEFAULT_BASE_URL}{'' if url else ' (default)'}")
    ctx.console.result(f"token:       {masked or 'none'}")
    ctx.console.data({"config_file": str(path), "profile": name, "url": url, "token": masked})
    return 0


def _profile_clear(ctx: Context, path: Path, name: str) -> int:
    profile_settings(name)  # it exists, else an error naming the others
    data, _ = load_config(path)
    profiles = _profiles(data)
    del profiles[name]
    data["profiles"] = profiles
    write_config(path, data)
    ctx.console.result(f"Removed profile {name!r} from {path}.")
    ctx.console.data({"config_file": str(path), "profile": name, "removed": True})
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
        url, url_source = env_url, _ENV_URL
    elif isinstance(saved_url, str) and saved_url:
        url, url_source = saved_url, "the config file"
    else:
        url, url_source = DEFAULT_BASE_URL, "default"
    ctx.console.result(
        f"url:         {url} ({'' if url_source == 'default' else 'from '}{url_source})"
    )
    env_token, saved_token = os.environ.get(_ENV_TOKEN), data.get("token")
    masked: str | None = None
    token_source: str | None = None
    if env_token and env_token.strip():
        masked, token_source = mask_token(env_token.split()[-1]), _ENV_TOKEN
    elif isinstance(saved_token, str) and saved_token.strip():
        masked, token_source = mask_token(saved_token), "the config file"
    if masked is None:
        ctx.console.result("token:       none (run `gc-client config` to save one)")
    else:
        ctx.console.result(f"token:       {masked} (from {token_source})")
    names = sorted(_profiles(data))
    if names:
        ctx.console.result(f"profiles:    {', '.join(names)} (`--profile NAME` selects one)")
    ctx.console.data(
        {
            "profiles": names,
            "config_file": str(path),
            "exists": path.exists(),
            "problem": problem,
            "url": url,
            "url_source": url_source,
            "token": masked,  # masked, never the token
            "token_source": token_source,
        }
    )
    return 0


def _config_clear(ctx: Context, path: Path) -> int:
    try:
        path.unlink()
    except FileNotFoundError:
        ctx.console.result(f"No config file at {path}; nothing to remove.")
        removed = False
    else:
        ctx.console.result(f"Removed {path}.")
        removed = True
    ctx.console.data({"config_file": str(path), "removed": removed})
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
        server = client.base_url
        ctx.console.info(f"on {server}")
    ctx.console.result(profile.user.username)
    ctx.console.data({"username": profile.user.username, "server": server})
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
    refused = selection.refused
    if not selection.cases:
        extra = "; add --recursive to look into subfolders" if selection.not_entered else ""
        if refused:
            path, why = refused[0]
            extra += (
                f"; {len(refused)} file{'' if len(refused) == 1 else 's'} cannot be an image "
                f"(the first, {str(path)!r}: {why})"
            )
        raise CommandError(f"no files to {what} in {', '.join(map(repr, paths))}{extra}")
    return selection


def _warn_refused(ctx: Context, refused: Sequence[tuple[Path, str]]) -> None:
    """One warning naming the files that cannot be images (shown even with ``--quiet``)."""
    if not refused:
        return
    names = ", ".join(p.name for p, _ in refused[:5]) + (
        f" and {len(refused) - 5} more" if len(refused) > 5 else ""
    )
    ctx.console.warn(
        f"{len(refused)} file{'' if len(refused) == 1 else 's'} cannot be an image and "
        f"{'is' if len(refused) == 1 else 'are'} left out: {names}"
    )


def _proceed(ctx: Context, header: str, selection: Selection, *, yes: bool) -> bool:
    """Show the summary; ask to go on if someone can answer (stdin is a terminal)."""
    return _confirm(ctx, header, selection.summary(), yes=yes, refused=selection.refused)


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
        with byte_meter(ctx.progress, "upload") as meter:
            result = client.archives.add_cases(
                archive,
                [{args.socket: c.value} for c in cases],
                progress=ctx.progress,
                byte_progress=meter,
                raise_on_error=False,  # failures are listed in a table, and exit 1
            )
        about = _described(archive, client, "archives/", slug=name)
        item_url = {o.index: _api_url(client, "archives/items/", o.pk) for o in result if o.pk}
    added, earlier = _counts(result)
    ctx.console.result(
        f"{added} item{'' if added == 1 else 's'} added to archive {archive.title!r}"
        + (f"; {earlier} already there from an earlier run" if earlier else "")
        + "."
    )
    ctx.console.data(
        {
            "archive": about,
            "socket": args.socket,
            "added": added,
            "earlier": earlier,
            "failed": len(result.failed),
            "refused": _refused_json(selection.refused),
            "cases": [
                {
                    **_case_json(cases[o.index]),
                    "status": "failed"
                    if o.error is not None or o.pk is None
                    else "earlier"
                    if o.skipped
                    else "added",
                    "item": o.pk,
                    "api_url": item_url.get(o.index),
                    "error": _error_text(o.error) or None,
                }
                for o in result
            ],
        }
    )
    rows = [[cases[o.index].label, _error_text(o.error)] for o in result.failed]
    return _failures(ctx, rows, len(cases), "cases")


def _refused_json(refused: Sequence[tuple[Path, str]]) -> list[dict[str, str]]:
    return [{"path": str(path), "reason": why} for path, why in refused]


def _case_json(case: Case) -> dict[str, Any]:
    return {"label": case.label, "files": [str(f) for f in case.files]}


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
        with byte_meter(ctx.progress, "upload") as meter:
            result = client.algorithms.run(
                algorithm,
                [{args.socket: c.value} for c in cases],
                progress=ctx.progress,
                byte_progress=meter,
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
        about = {
            "algorithm": _described(algorithm, client, "algorithms/"),
            "socket": args.socket,
            "started": started,
            "earlier": earlier,
            "refused": _refused_json(selection.refused),
        }
        base = client.base_url
    return _run_report(ctx, cases, result, jobs, downloaded, args.out, about, base)


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
    about: dict[str, Any],
    base_url: str,
) -> int:
    from gc_highlevel._jobs_policy import job_error

    def state(outcome: CaseOutcome[Any]) -> tuple[str, str | None]:
        job = jobs.get(outcome.pk) if outcome.pk is not None else None
        if job is None:
            return ("started earlier" if outcome.skipped else "started"), None
        return job.status, None if job.status == "Succeeded" else str(job_error(job))

    code = _started_report(
        ctx, cases, result, state, "JOB", "not started", downloaded, out,
        about=about, url=f"{base_url}algorithms/jobs/",
    )  # fmt: skip
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
    about: dict[str, Any],
    url: str,
    hint: str = _RERUN,
) -> int:
    """The table of what each case started (a job, an invocation): ``state(outcome)`` gives a
    started case's status and, when it ended badly, why; then the downloads and failures.
    With ``--json``: ``about`` and one entry per case (``url`` + pk is its ``api_url``)."""
    rows: list[list[str]] = []
    failures: list[list[str]] = []
    entries: list[dict[str, Any]] = []
    key = column.lower()
    outputs: dict[uuid.UUID, list[str]] = {}
    for d in downloaded:
        outputs.setdefault(d.job_pk, []).append(str(d.path))
    for outcome in result:
        label = cases[outcome.index].label
        entry = {**_case_json(cases[outcome.index]), key: None, "api_url": None}
        entries.append(entry)
        if outcome.pk is None:
            rows.append([label, "-", not_started])
            failures.append([label, _error_text(outcome.error)])
            entry.update(status=not_started, error=_error_text(outcome.error) or None)
            continue
        status, failure = state(outcome)
        rows.append([label, str(outcome.pk), status])
        if failure is not None:
            failures.append([label, failure])
        entry.update(
            {key: str(outcome.pk), "api_url": f"{url}{outcome.pk}/"},
            status=status,
            error=failure,
            outputs=outputs.get(outcome.pk, []),
        )
    ctx.console.result(table(["FILE", column, "STATUS"], rows))
    data = {**about, "cases": entries, "failed": len(failures)}
    if out is not None:
        data["out"] = out
        data["downloaded"] = [
            {key: d.job_pk, "socket": d.socket, "path": d.path, "skipped": d.skipped}
            for d in downloaded
        ]
    ctx.console.data(data)
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
            with byte_meter(ctx.progress, "upload") as meter:
                result = endpoint.invoke(
                    [{args.socket: c.value} for c in cases],
                    progress=ctx.progress,
                    byte_progress=meter,
                    raise_on_error=False,
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
            about = {
                "algorithm": _described(algorithm, client, "algorithms/"),
                "socket": args.socket,
                "endpoint": str(endpoint.pk),
                "endpoint_reused": endpoint.reused,
                "refused": _refused_json(selection.refused),
            }
        base = client.base_url
    return _invoke_report(ctx, cases, result, invocations, downloaded, args.out, about, base)


def _invoke_report(
    ctx: Context,
    cases: Sequence[Case],
    result: BatchResult[Any],
    invocations: dict[uuid.UUID, Invocation],
    downloaded: Sequence[DownloadedOutput],
    out: str | None,
    about: dict[str, Any],
    base_url: str,
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
        ctx, cases, result, state, "INVOCATION", "not sent", downloaded, out,
        about=about, url=f"{base_url}algorithms/invocations/", hint=_REINVOKE,
    )  # fmt: skip


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
    ctx.console.data(
        {
            "archive": args.archive,
            "directory": result.directory,
            "manifest": result.manifest,
            "files": result.files,
            "skipped": result.skipped,
            "repaired": result.repaired,
        }
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
    ctx.console.data({"reader_study": args.reader_study, "csv": path, "answers": n})
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

    def socket(s: SocketSummary) -> dict[str, Any]:
        return {
            "slug": s.slug,
            "title": s.title,
            "kind": s.kind,
            "super_kind": s.super_kind,
            "description": s.description,
            "accepts": s.accepts,
        }

    ctx.console.data(
        {
            "slug": summary.slug,
            "title": summary.title,
            "interfaces": [
                {"inputs": [socket(s) for s in i.inputs], "outputs": [socket(s) for s in i.outputs]}
                for i in summary.interfaces
            ],
        }
    )
    return 0


def _show_newest(
    ctx: Context,
    noun: str,
    total: int,
    statuses: list[str],
    header: list[str],
    rows: list[list[str]],
) -> dict[str, int]:
    """The table of the newest objects (one row each, ``statuses`` theirs) and the line
    ``2 of 14 jobs (the newest, oldest first): 1 Executing, 1 Succeeded``; the counts by status.
    """
    if rows:
        ctx.console.result(table(header, rows))
    counts: dict[str, int] = {}
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    ctx.console.result(
        f"{len(statuses)} of {total} {noun}{'' if total == 1 else 's'}"
        + (f" (the newest, oldest first): {summary}" if statuses else "")
    )
    return counts


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
    with ctx.client() as client:
        algorithm = client.algorithms.get(args.algorithm)
        listing = client.algorithm_jobs.list(algorithm=algorithm)
        total = listing.count()
        newest = listing.last(args.limit) if total else []
        about = _described(algorithm, client, "algorithms/")

    rows = [
        [str(j.pk), j.status, " ".join("=".join(_value_text(v)) for v in j.inputs)] for j in newest
    ]
    counts = _show_newest(
        ctx, "job", total, [j.status for j in newest], ["JOB", "STATUS", "INPUTS"], rows
    )
    ctx.console.data(
        {
            "algorithm": about,
            "total": total,
            "counts": counts,
            "jobs": [
                {
                    "pk": j.pk,
                    "api_url": j.api_url,
                    "status": j.status,
                    "inputs": [_value_json(v) for v in j.inputs],
                }
                for j in newest
            ],
        }
    )
    return 0


def _job_ref(text: str) -> dict[str, str]:
    """``job PK``: a pk or an ``api_url`` (checked by the library before any request)."""
    return {"api_url": text} if "://" in text else {"pk": text}


def job(ctx: Context, args: argparse.Namespace) -> int:
    """``gc-client job PK``: one job's status, inputs and outputs.

    Example:
        >>> from gc_highlevel.cli import main
        >>> main(["job", "4f1c2d8e-0a7b-4c43-9d39-3d1c7f0f2b11"])  # doctest: +SKIP
        job 4f1c2d8e-0a7b-4c43-9d39-3d1c7f0f2b11: Succeeded
          page: https://grand-challenge.org/algorithms/.../jobs/4f1c2d8e-.../
          inputs:
            generic-medical-image  image 9b2e41c0
          outputs:
            pulmonary-lobes        image 0c5d77f2
    """
    from gc_highlevel._jobs_policy import SUCCEEDED, is_terminal, job_error

    with ctx.client() as client:
        found = client.algorithm_jobs.get(**_job_ref(args.job))
    error = None
    if is_terminal(found.status) and found.status != SUCCEEDED:
        error = str(job_error(found))
    lines = [f"job {found.pk}: {found.status}", f"  page: {found.url}"]
    duration = _text(found.exec_duration)
    if duration:
        lines.append(f"  run time: {duration}")
    for name, values in (("inputs", found.inputs), ("outputs", found.outputs)):
        rows = [list(_value_text(v)) for v in values]
        lines.append(f"  {name}:" + ("" if rows else " none"))
        if rows:
            lines.append(table(["SOCKET", "VALUE"], rows, indent="    ").split("\n", 1)[1])
    ctx.console.result("\n".join(lines))
    if error is not None:
        ctx.console.info(error)
    ctx.console.data(
        {
            "pk": found.pk,
            "api_url": found.api_url,
            "url": found.url,
            "algorithm": _text(found.algorithm),
            "status": found.status,
            "exec_duration": duration,
            "error": error,
            "inputs": [_value_json(v) for v in found.inputs],
            "outputs": [_value_json(v) for v in found.outputs],
        }
    )
    return 0


def uploads(ctx: Context, args: argparse.Namespace) -> int:
    """``gc-client uploads``: your newest user uploads (not yet used or expired) and their
    status.

    Example:
        >>> from gc_highlevel.cli import main
        >>> main(["uploads", "--limit", "2"])  # doctest: +SKIP
          UPLOAD        CREATED              STATUS       FILE
          5b0e7f1c-...  2026-12-07 04:51:02  Initialized  case01.mha
          0d4f6a2e-...  2026-12-07 04:51:09  Completed    case02.mha
        2 of 2 uploads (the newest, oldest first): 1 Completed, 1 Initialized
    """
    with ctx.client(need_token=True) as client:
        listing = client.uploads.list()
        total = listing.count()
        newest = listing.last(args.limit) if total else []

    def created(upload: Any) -> str:
        when = upload.created
        return when.strftime("%Y-%m-%d %H:%M:%S") if hasattr(when, "strftime") else str(when)

    rows = [[str(u.pk), created(u), u.status, u.filename] for u in newest]
    header = ["UPLOAD", "CREATED", "STATUS", "FILE"]
    counts = _show_newest(ctx, "upload", total, [u.status for u in newest], header, rows)
    ctx.console.data(
        {
            "total": total,
            "counts": counts,
            "uploads": [
                {
                    "pk": u.pk,
                    "api_url": u.api_url,
                    "filename": u.filename,
                    "status": u.status,
                    "created": u.created,
                }
                for u in newest
            ],
        }
    )
    return 0


# -- download ---------------------------------------------------------------------------------


def download(ctx: Context, args: argparse.Namespace) -> int:
    """``gc-client download`` without saying what: a usage error."""
    raise CommandError(
        "name what to download: `gc-client download image|outputs|value ...` "
        "(`gc-client download --help` explains them)",
        exit_code=2,
    )


def _files_json(results: Sequence[Any]) -> list[dict[str, Any]]:
    return [{"path": r.path, "size": r.size, "skipped": r.skipped} for r in results]


def _files_report(ctx: Context, results: Sequence[Any], where: str, noun: str = "file") -> None:
    """``3 files in out/ (1 already there).`` on stdout, then each path."""
    fresh = sum(1 for r in results if not r.skipped)
    n = len(results)
    ctx.console.result(
        f"{n} {noun}{'' if n == 1 else 's'} in {where}"
        + (f" ({n - fresh} already there)" if fresh < n else "")
        + "."
    )
    for r in results:
        ctx.console.info(f"  {r.path}")


def download_image(ctx: Context, args: argparse.Namespace) -> int:
    """``gc-client download image IMAGE DIR``: one image's files (pk or ``api_url``).

    Example:
        >>> from gc_highlevel.cli import main
        >>> main(["download", "image", "9b2e41c0-5a1d-4c41-9f5e-2a1d0c3f4b5e", "scans/"])  # doctest: +SKIP
        1 file in scans/.
    """
    from gc_highlevel._sync._references import ref_pk

    pk = ref_pk(args.image, "cases/images/", what="the image")  # refused before any request
    with ctx.client() as client:
        results = client.transfers.download_image(
            pk, args.directory, image_type=args.type, overwrite=args.overwrite,
            progress=ctx.progress,
        )  # fmt: skip
        url = _api_url(client, "cases/images/", pk)
    _files_report(ctx, results, args.directory)
    ctx.console.data(
        {
            "image": pk,
            "api_url": url,
            "type": args.type,
            "directory": args.directory,
            "files": _files_json(results),
        }
    )
    return 0


def download_outputs(ctx: Context, args: argparse.Namespace) -> int:
    """``gc-client download outputs JOB... DIR``: the outputs of finished jobs, named after
    their inputs.

    Example:
        >>> from gc_highlevel.cli import main
        >>> main(["download", "outputs", "4f1c2d8e-0a7b-4c43-9d39-3d1c7f0f2b11", "out/"])  # doctest: +SKIP
        2 output files in out/.
    """
    from gc_highlevel._jobs_policy import SUCCEEDED, is_terminal

    with ctx.client() as client:
        found = [client.algorithm_jobs.get(**_job_ref(ref)) for ref in args.jobs]
        running = [j for j in found if not is_terminal(j.status)]
        if running:
            names = ", ".join(f"{j.pk} ({j.status})" for j in running)
            raise CommandError(
                f"not finished yet: job {names}; its outputs come when it has. "
                "`gc-client job PK` shows how it is going"
            )
        done = [j for j in found if j.status == SUCCEEDED]
        for j in found:
            if j.status != SUCCEEDED:
                ctx.console.warn(f"job {j.pk} ended {j.status}: it has no outputs to download")
        downloaded: list[DownloadedOutput] = []
        if done:
            downloaded = client.jobs.download_outputs(
                done, args.directory, sockets=args.socket or None, progress=ctx.progress
            )
    _files_report(ctx, downloaded, args.directory, noun="output file")
    ctx.console.data(
        {
            "jobs": [{"pk": j.pk, "api_url": j.api_url, "status": j.status} for j in found],
            "directory": args.directory,
            "files": [
                {"job": d.job_pk, "socket": d.socket, "path": d.path, "skipped": d.skipped}
                for d in downloaded
            ],
        }
    )
    return 0 if len(done) == len(found) else 1


#: ``download value KIND``: (resource attribute, collection, noun).
_VALUE_HOLDERS = {
    "item": ("archive_items", "archives/items/", "archive item"),
    "display-set": ("display_sets", "reader-studies/display-sets/", "display set"),
    "job": ("algorithm_jobs", "algorithms/jobs/", "job"),
}


def download_value(ctx: Context, args: argparse.Namespace) -> int:
    """``gc-client download value item|display-set|job PK SOCKET DEST``: one socket value of
    an archive item, display set or job: an image's files, a file, or a value as JSON.

    Example:
        >>> from gc_highlevel.cli import main
        >>> main(["download", "value", "job", "4f1c2d8e-0a7b-4c43-9d39-3d1c7f0f2b11",
        ...       "lung-volume", "volume.json"])  # doctest: +SKIP
        lung-volume written to volume.json.
    """
    from gc_highlevel.types import socket_of

    attribute, collection, noun = _VALUE_HOLDERS[args.kind]
    dest = Path(args.destination)
    with ctx.client() as client:
        resource = getattr(client, attribute)
        ref = {"api_url": args.pk} if "://" in args.pk else {"pk": args.pk}
        holder = resource.get(**ref)
        values = [*holder.inputs, *holder.outputs] if args.kind == "job" else list(holder.values)
        value = next((v for v in values if socket_of(v).slug == args.socket), None)
        if value is None:
            have = ", ".join(sorted({socket_of(v).slug for v in values})) or "none"
            raise CommandError(
                f"{noun} {holder.pk} has no value for socket {args.socket!r} (it has: {have})"
            )
        holder_url = _api_url(client, collection, holder.pk)
        if _text(value.image):
            results = client.transfers.download_image(
                value.image, dest, image_type=args.type, overwrite=args.overwrite,
                progress=ctx.progress,
            )  # fmt: skip
            what = "image"
        elif _text(getattr(value, "file", None)):
            results = [
                client.transfers.download_socket_value(
                    value, dest, overwrite=args.overwrite, progress=ctx.progress
                )
            ]
            what = "file"
        else:
            what = "value"
            raw = _value_json(value).get("value")
            results = [_write_value(raw, dest, args.socket, overwrite=args.overwrite)]
    _files_report(ctx, results, str(dest))
    ctx.console.data(
        {
            args.kind.replace("-", "_"): holder.pk,
            "api_url": holder_url,
            "socket": args.socket,
            "type": what,
            "files": _files_json(results),
        }
    )
    return 0


def _write_value(value: Any, dest: Path, socket: str, *, overwrite: bool) -> Any:
    """A plain value written as JSON to ``dest`` (a file, or ``SOCKET.json`` in a folder)."""
    import json

    from gc_highlevel._transfer.common import DownloadResult

    path = dest / f"{socket}.json" if dest.is_dir() else dest
    if path.exists() and not overwrite:
        return DownloadResult(path, path.stat().st_size, skipped=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = (json.dumps(value, indent=2) + "\n").encode("utf-8")
    path.write_bytes(data)
    return DownloadResult(path, len(data))


# -- demo -------------------------------------------------------------------------------------


def demo(ctx: Context, args: argparse.Namespace) -> int:
    """``gc-client demo``: the tutorials' workflows against a local grand-challenge started on
    127.0.0.1 (no token, no internet): :mod:`gc_highlevel.demo`. Needs the ``server`` extra.

    Example:
        >>> from gc_highlevel.cli import main
        >>> main(["demo", "--out", "gc-demo"])  # doctest: +SKIP
        starting the local grand-challenge on 127.0.0.1 (no token, no internet) ...
    """
    import contextlib
    import tempfile

    try:
        import gc_highlevel.testing  # noqa: F401  (the local server: the server extra)
    except ImportError as exc:
        raise CommandError(
            "the demo needs the local server, which is not installed: pip install "
            f"'gc-client[server]' ({exc})"
        ) from None
    from gc_highlevel import demo as _demo

    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="gc-demo-"))
    argv = ["--out", str(out)]
    if ctx.console.quiet or ctx.progress is False:
        argv.append("--quiet")
    # The demo prints as it goes: with --json its lines go to stderr, stdout gets the document.
    target = sys.stderr if ctx.console.json else sys.stdout
    with contextlib.redirect_stdout(target):
        code = _demo.main(argv)
    if code != 0:
        raise CommandError(f"the demo stopped (status {code})", exit_code=code)
    ctx.console.data(
        {
            "directory": out,
            "files": sorted(p for p in out.rglob("*") if p.is_file()),
        }
    )
    return 0


def completion(ctx: Context, args: argparse.Namespace) -> int:
    """``gc-client completion bash|zsh|fish``: the shell completion script, on stdout.

    Example:
        >>> from gc_highlevel.cli import main
        >>> main(["completion", "bash"])  # doctest: +SKIP
        # gc-client completion for bash: eval "$(gc-client completion bash)" (e.g. in ~/.bashrc)
        ...
    """
    from gc_highlevel.cli import build_parser
    from gc_highlevel.cli._completion import script

    text = script(args.shell, build_parser())
    if ctx.console.json:
        ctx.console.data({"shell": args.shell, "script": text})
    else:
        ctx.console.result(text.rstrip("\n"))
    return 0


# -- display-sets -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _RowCase:
    """One case of a ``--csv`` file: its label, values by socket, files and title."""

    label: str
    values: dict[str, Any]
    files: tuple[Path, ...]
    title: str | None


def _csv_cell(text: str) -> Any:
    """A value cell: JSON when it parses (``2.1``, ``true``, ``[1, 2]``), else the text."""
    import json

    try:
        return json.loads(text)
    except ValueError:
        return text


def _csv_cases(client: Client, path: Path) -> tuple[list[_RowCase], dict[str, str]]:
    """The cases of a CSV file (a header of socket slugs, then one row per case; file and
    image cells are paths relative to the CSV file), and each socket's super kind. Every
    problem is reported before any upload."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
    except FileNotFoundError:
        raise CommandError(f"{str(path)!r} does not exist; check the path") from None
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise CommandError(f"{path} is empty: its first line names the sockets")
    header = [cell.strip() for cell in rows[0]]
    if "" in header or len(set(header)) < len(header):
        raise CommandError(f"{path}: every column needs a socket slug, once (header: {header})")
    sockets = [h for h in header if h != "title"]
    if not sockets:
        raise CommandError(f"{path}: no socket column (the header is {header})")
    kinds = {slug: _socket_kind(client, slug) for slug in sockets}
    base = path.parent
    cases: list[_RowCase] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise CommandError(f"{path}, line {line}: {len(row)} cells for {len(header)} columns")
        cells = dict(zip(header, [c.strip() for c in row], strict=False))
        values: dict[str, Any] = {}
        files: list[Path] = []
        for slug in sockets:
            cell = cells.get(slug, "")
            if not cell:
                continue
            if kinds[slug] in ("Image", "File"):
                values[slug], found = _csv_path(base / cell, kinds[slug], f"{path}, line {line}")
                files += found
            else:
                values[slug] = _csv_cell(cell)
        if not values:
            raise CommandError(f"{path}, line {line}: no value for any socket")
        title = cells.get("title") or None
        cases.append(_RowCase(title or f"line {line}", values, tuple(files), title))
    if not cases:
        raise CommandError(f"{path} has a header but no case (one row per case)")
    return cases, kinds


def _csv_path(path: Path, kind: str, where: str) -> tuple[Any, list[Path]]:
    """The socket value of a path cell: an image's files grouped as for ``upload`` (a DICOM
    series folder, an MHD header with its data), else the file."""
    if not path.exists():
        raise CommandError(f"{where}: {str(path)!r} does not exist (paths are relative to the CSV)")
    selection = collect([path], recursive=True, group_images=kind == "Image")
    if selection.refused:
        file, why = selection.refused[0]
        raise CommandError(f"{where}: {str(file)!r} cannot be an image: {why}")
    if len(selection.cases) != 1:
        raise CommandError(
            f"{where}: {str(path)!r} holds {len(selection.cases)} cases, not one image"
        )
    case = selection.cases[0]
    return case.value, list(case.files)


def display_sets(ctx: Context, args: argparse.Namespace) -> int:
    """``gc-client display-sets READER_STUDY PATH... --socket SLUG`` (one display set per
    case, titled after it) or ``--csv FILE`` (one per row; a header of socket slugs).

    Example:
        >>> from gc_highlevel.cli import main
        >>> main(["display-sets", "corads-score-exam", "scans/", "--socket", "ct-image"])  # doctest: +SKIP
        3 display sets added to reader study 'corads-score-exam'.
    """
    if (args.csv is None) == (args.socket is None):
        raise CommandError("give either PATH... with --socket SLUG, or --csv FILE", exit_code=2)
    if args.csv is not None and args.paths:
        raise CommandError("--csv names the files itself: give no PATH with it", exit_code=2)
    if args.socket is not None and not args.paths:
        raise CommandError("name the files and folders to add (PATH...)", exit_code=2)
    from gc_highlevel.types import title_of

    with ctx.client(need_token=True) as client:
        study = client.reader_studies.get(args.reader_study)
        name = title_of(study)
        labels: list[str]
        files: list[tuple[Path, ...]]
        if args.csv is not None:
            rows, kinds = _csv_cases(client, Path(args.csv))
            labels = [r.label for r in rows]
            files = [r.files for r in rows]
            values = [r.values for r in rows]
            titles = [r.title or "" for r in rows]
            refused: list[tuple[Path, str]] = []
            size = sum(f.stat().st_size for fs in files for f in fs)
            header = (
                f"Add to reader study {name!r} ({study.slug}), one display set per row "
                f"of {args.csv}:"
            )
            summary = [
                f"{len(rows)} case{'' if len(rows) == 1 else 's'}, "
                f"{sum(len(f) for f in files)} files, {human_size(size)}",
                "sockets: " + ", ".join(f"{s} ({k})" for s, k in kinds.items()),
            ]
        else:
            image = _socket_kind(client, args.socket) == "Image"
            selection = _select(ctx, args.paths, recursive=args.recursive, image=image, what="add")
            labels = [c.label for c in selection.cases]
            files = [c.files for c in selection.cases]
            values = [{args.socket: c.value} for c in selection.cases]
            titles = labels
            header = (
                f"Add to reader study {name!r} ({study.slug}), socket {args.socket!r}, "
                "one display set per case, titled after it:"
            )
            summary = selection.summary()
            refused = selection.refused
        if not _confirm(ctx, header, summary, yes=args.yes, refused=refused):
            ctx.console.error("not confirmed; nothing was added")
            return 1
        with byte_meter(ctx.progress, "upload") as meter:
            result = client.reader_studies.add_display_sets(
                study,
                values,
                titles=titles,
                progress=ctx.progress,
                byte_progress=meter,
                raise_on_error=False,  # failures are listed in a table, and exit 1
            )
        about = {**_described(study, client, "reader-studies/"), "title": name}
        url = f"{client.base_url}reader-studies/display-sets/"
    added, earlier = _counts(result)
    ctx.console.result(
        f"{added} display set{'' if added == 1 else 's'} added to reader study {name!r}"
        + (f"; {earlier} already there from an earlier run" if earlier else "")
        + "."
    )
    ctx.console.data(
        {
            "reader_study": about,
            "socket": args.socket,
            "csv": args.csv,
            "refused": _refused_json(refused),
            "added": added,
            "earlier": earlier,
            "failed": len(result.failed),
            "cases": [
                {
                    "label": labels[o.index],
                    "files": [str(f) for f in files[o.index]],
                    "status": "failed"
                    if o.error is not None or o.pk is None
                    else "earlier"
                    if o.skipped
                    else "added",
                    "display_set": o.pk,
                    "api_url": f"{url}{o.pk}/" if o.pk else None,
                    "error": _error_text(o.error) or None,
                }
                for o in result
            ],
        }
    )
    rows_failed = [[labels[o.index], _error_text(o.error)] for o in result.failed]
    return _failures(ctx, rows_failed, len(labels), "cases")


def _confirm(
    ctx: Context,
    header: str,
    lines: Sequence[str],
    *,
    yes: bool,
    refused: Sequence[tuple[Path, str]] = (),
) -> bool:
    """Show a summary; ask to go on if someone can answer (stdin is a terminal)."""
    ask = not yes and stdin_is_tty()
    show = ctx.console.always if ask else ctx.console.info
    show(header)
    for line in lines:
        show(f"  {line}")
    _warn_refused(ctx, refused)
    return ctx.console.confirm("Proceed?") if ask else True

"""``gc-client``: the command line of gc_highlevel (also ``python -m gc_highlevel``).

A thin layer over the public API: ``config`` (also for named profiles), ``whoami``,
``upload`` (archive items), ``run`` (algorithm jobs), ``invoke`` (on-demand inference on an
algorithm endpoint), ``mirror`` (an archive), ``answers`` (a reader study's answers as CSV),
``describe`` (an algorithm's inputs and outputs), ``jobs``/``job``/``uploads`` (what is going
on), ``display-sets`` (reader-study display sets from folders or a CSV file), ``download``
(an image, a job's outputs, one socket value), ``demo`` and ``completion``. ``--json`` makes
any of them print one JSON document. ``gc-client COMMAND --help`` explains each one.

Example:
    >>> from gc_highlevel.cli import main
    >>> main(["--version"])
    gc-client 0.1.0
    0
"""

from __future__ import annotations

import argparse
import logging
import re
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from gc_highlevel.cli import _commands
from gc_highlevel.cli._commands import TOKEN_URL, Context
from gc_highlevel.cli._term import CommandError, Console

__all__ = ["build_parser", "main"]

PROG = "gc-client"
_SUPPRESS = argparse.SUPPRESS
_Command = Callable[[Context, argparse.Namespace], int]

_DESCRIPTION = f"""\
Work with grand-challenge.org from the shell: upload scans to archives, run algorithms on
them and fetch the results, add reader-study display sets, mirror archives, export
reader-study answers.

The API token is read from --profile NAME (see `{PROG} config --help`), else from
GRAND_CHALLENGE_AUTHORIZATION, else from the config file that `{PROG} config` writes (create a
token at {TOKEN_URL}). The server is https://grand-challenge.org/api/v1/ unless --url,
--profile, GRAND_CHALLENGE_API_URL or the config file says otherwise."""

_EPILOG = f"""\
examples:
  {PROG} config                                   # asks for the token, tests it, saves it
  {PROG} upload radboudcovid scans/ --socket ct-image
  {PROG} run pulmonary-lobe-segmentation scans/ --socket generic-medical-image --wait --out results/
  {PROG} invoke corads-ai scans/ --socket generic-medical-image --out results/
  {PROG} mirror coronacasesorg coronacases/
  {PROG} answers corads-score-exam --csv answers.csv
  {PROG} display-sets corads-score-exam --csv cases.csv
  {PROG} --json jobs pulmonary-lobe-segmentation   # one JSON document on stdout
  {PROG} download outputs JOB_PK results/

exit status: 0 success, 1 error (or some cases failed), 2 bad usage, 130 interrupted."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a long word from the command line (``--tokn <token>``, where the token
    then reads as the command) is never echoed back in a usage error."""

    def error(self, message: str) -> NoReturn:
        super().error(re.sub(r"[^\s'\"]{16,}", "...", message))


def _common_options(*, connection: bool) -> _Parser:
    """Options accepted before and after the command name (``gc-client -q upload ...`` and
    ``gc-client upload ... -q``); SUPPRESS keeps a subcommand from resetting a value given
    before it."""
    parent = _Parser(add_help=False)
    group = parent.add_argument_group("global options")
    if connection:
        group.add_argument(
            "--url",
            type=_url,
            default=_SUPPRESS,
            metavar="URL",
            help="API root, e.g. https://grand-challenge.org/api/v1/ (default: "
            "GRAND_CHALLENGE_API_URL, else the config file, else grand-challenge.org)",
        )
        group.add_argument(
            "--token",
            type=_token,
            default=_SUPPRESS,
            metavar="TOKEN",
            help="API token for this command. Discouraged: it ends up in your shell history "
            "and other users can see it in the process list; set GRAND_CHALLENGE_AUTHORIZATION "
            f"or run `{PROG} config` instead",
        )
        group.add_argument(
            "--profile", type=_profile, default=_SUPPRESS, metavar="NAME",
            help=f"the server and token saved under NAME (`{PROG} config --profile NAME`)",
        )  # fmt: skip
    group.add_argument(
        "-q", "--quiet", action="store_true", default=_SUPPRESS,
        help="print only results and errors (no progress bars, no summaries)",
    )  # fmt: skip
    group.add_argument(
        "--no-progress", action="store_true", default=_SUPPRESS, help="no progress bars"
    )
    group.add_argument(
        "-v", "--verbose", action="store_true", default=_SUPPRESS,
        help="log every request (DEBUG lines of the gc_highlevel logger) to stderr",
    )  # fmt: skip
    group.add_argument(
        "--json", action="store_true", default=_SUPPRESS,
        help="print the result as one JSON document on stdout (pks, api_urls, statuses, "
        "paths); the readable output goes to stderr, errors stay one `error: ...` line",
    )  # fmt: skip
    return parent


def _add(
    sub: argparse._SubParsersAction[_Parser],
    name: str,
    command: _Command,
    *,
    help: str,
    description: str,
    parents: list[_Parser],
) -> _Parser:
    parser = sub.add_parser(
        name,
        help=help,
        description=description,
        parents=parents,
    )
    parser.set_defaults(command=command)
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``gc-client`` (every command and option).

    Example:
        >>> args = build_parser().parse_args(["describe", "corads-ai"])
        >>> args.algorithm
        'corads-ai'
    """
    from gc_highlevel import __version__

    connection = _common_options(connection=True)
    output = _common_options(connection=False)
    parser = _Parser(
        prog=PROG,
        description=_DESCRIPTION,
        epilog=_EPILOG,
        parents=[connection],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    both = [connection]

    cfg = _add(
        sub,
        "config",
        _commands.config,
        help="save your API token (and server URL), show or clear the settings",
        description="Save the API token (asked for, hidden, when not given), after checking it "
        "with the server; nothing is saved if the check fails. The file is readable only by "
        "you. Without a terminal, the token is read from standard input: "
        'printf %s "$TOKEN" | gc-client config. An empty answer keeps the saved token (to '
        "change only --url).",
        parents=[output],
    )
    cfg.add_argument(
        "--token",
        type=_token,
        default=_SUPPRESS,
        metavar="TOKEN",
        help="the token to save. Discouraged (shell history, process list): leave it out to "
        "be asked for it, or pipe it in",
    )
    cfg.add_argument(
        "--url", type=_url, default=_SUPPRESS, metavar="URL", help="the API root to save"
    )
    cfg.add_argument(
        "--profile", type=_profile, default=_SUPPRESS, metavar="NAME",
        help="save (or --show, --clear) the server and token under this name instead of as "
        "the default; select it later with --profile NAME",
    )  # fmt: skip
    mode = cfg.add_mutually_exclusive_group()
    mode.add_argument(
        "--show", action="store_true", help="print the file's path, the URL and a masked token"
    )
    mode.add_argument("--clear", action="store_true", help="delete the config file")

    _add(
        sub,
        "whoami",
        _commands.whoami,
        help="print the username the token belongs to",
        description="Print the username of the API token (a quick connection check).",
        parents=both,
    )

    up = _add(
        sub,
        "upload",
        _commands.upload,
        help="add files to an archive, one item per file (or per DICOM series)",
        description="Add one archive item per file. A socket that takes an image gets a DICOM "
        "series (a folder's DICOM files) or an MHD header with the data file it names as "
        "one item. System files (.DS_Store, ._*, __MACOSX) are skipped. A summary is shown and "
        "confirmed first (unless --yes, or standard input is not a terminal). Rerunning the "
        "same command resumes: items already made are not made again.",
        parents=both,
    )
    up.add_argument("archive", metavar="ARCHIVE", help="the archive's slug (as in its URL), or pk")
    up.add_argument("paths", metavar="PATH", nargs="+", help="files and folders to upload")
    up.add_argument("--socket", required=True, metavar="SLUG", help="the socket, e.g. ct-image")
    up.add_argument("-r", "--recursive", action="store_true", help="also upload from subfolders")
    up.add_argument("-y", "--yes", action="store_true", help="do not ask before uploading")

    rn = _add(
        sub,
        "run",
        _commands.run,
        help="run an algorithm on files, one job per file (or per DICOM series)",
        description="Start one job per file (grouped as for upload), optionally wait for the "
        "jobs and download their outputs, named after the inputs. Rerunning the same command "
        "starts no job twice, so it can be rerun with --wait to collect the results.",
        parents=both,
    )
    rn.add_argument("algorithm", metavar="ALGORITHM", help="the algorithm's slug, or pk")
    rn.add_argument("paths", metavar="PATH", nargs="+", help="input files and folders")
    rn.add_argument(
        "--socket", required=True, metavar="SLUG", help="the input socket (see describe)"
    )
    rn.add_argument("-r", "--recursive", action="store_true", help="also use subfolders")
    rn.add_argument("--wait", action="store_true", help="wait until every job has finished")
    rn.add_argument(
        "--out", metavar="DIR", default=None, help="download the outputs to DIR (implies --wait)"
    )
    rn.add_argument(
        "--timeout", type=_seconds, default=None, metavar="SECONDS",
        help="give up waiting after this long (the jobs keep running)",
    )  # fmt: skip
    rn.add_argument("-y", "--yes", action="store_true", help="do not ask before starting jobs")

    iv = _add(
        sub,
        "invoke",
        _commands.invoke,
        help="on-demand inference: send files to a running algorithm endpoint",
        description="Send one invocation per file (grouped as for upload) to a running "
        "endpoint of the algorithm: one you already have is reused, else one is started "
        "(it may take a while to run). It is kept alive while the command runs. Waits for "
        "the invocations (unless --no-wait) and downloads their outputs to --out, named after "
        "the inputs. No journal is kept: rerunning the command invokes every case again.",
        parents=both,
    )
    iv.add_argument("algorithm", metavar="ALGORITHM", help="the algorithm's slug, or pk")
    iv.add_argument("paths", metavar="PATH", nargs="+", help="input files and folders")
    iv.add_argument(
        "--socket", required=True, metavar="SLUG", help="the input socket (see describe)"
    )
    iv.add_argument("-r", "--recursive", action="store_true", help="also use subfolders")
    waiting = iv.add_mutually_exclusive_group()
    waiting.add_argument(
        "--wait", action="store_true", help="wait until every invocation has finished (default)"
    )
    waiting.add_argument(
        "--no-wait", action="store_true", help="only send the invocations and print their ids"
    )
    iv.add_argument("--out", metavar="DIR", default=None, help="download the outputs to DIR")
    iv.add_argument(
        "--timeout", type=_seconds, default=None, metavar="SECONDS",
        help="give up waiting after this long (the invocations go on on the server)",
    )  # fmt: skip
    iv.add_argument("-y", "--yes", action="store_true", help="do not ask before sending")

    mi = _add(
        sub,
        "mirror",
        _commands.mirror,
        help="download a whole archive",
        description="Download every image and file of an archive into DIR, with items.csv "
        "listing each item's values. Resumable: complete files are skipped.",
        parents=both,
    )
    mi.add_argument("archive", metavar="ARCHIVE", help="the archive's slug, title or pk")
    mi.add_argument("directory", metavar="DIR", help="the folder to download to")

    an = _add(
        sub,
        "answers",
        _commands.answers,
        help="write a reader study's answers to a CSV file",
        description="Write the answers you may see (or only yours) to a CSV file, one row per "
        "answer: question text, the answer in words, creator, display set.",
        parents=both,
    )
    an.add_argument("reader_study", metavar="READER_STUDY", help="the reader study's slug or pk")
    an.add_argument("--csv", required=True, metavar="FILE", help="the CSV file to write")
    an.add_argument("--mine", action="store_true", help="only your own answers")

    de = _add(
        sub,
        "describe",
        _commands.describe,
        help="show an algorithm's inputs and outputs",
        description="Show the algorithm's input combinations and outputs, and what each input "
        "takes.",
        parents=both,
    )
    de.add_argument("algorithm", metavar="ALGORITHM", help="the algorithm's slug or pk")

    jb = _add(
        sub,
        "jobs",
        _commands.jobs,
        help="list your newest jobs of an algorithm and their status",
        description="List the newest jobs of the algorithm that you can see (yours, and public "
        "ones), oldest of them first, with their status and inputs, and count them by status.",
        parents=both,
    )
    jb.add_argument("algorithm", metavar="ALGORITHM", help="the algorithm's slug or pk")
    jb.add_argument(
        "--limit", type=_limit, default=20, metavar="N", help="how many jobs (1-1000, default 20)"
    )

    one = _add(
        sub,
        "job",
        _commands.job,
        help="show one job: its status, inputs and outputs",
        description="Show a job's status, its page on the website (with the logs), run time, "
        "inputs and outputs, and why it failed when it did.",
        parents=both,
    )
    one.add_argument("job", metavar="JOB", help="the job's pk (a UUID) or api_url")

    ups = _add(
        sub,
        "uploads",
        _commands.uploads,
        help="list your newest file uploads and their status",
        description="List your newest user uploads (files sent to grand-challenge that no "
        "import has used yet, and that have not expired), oldest of them first, with their "
        "status, and count them by status.",
        parents=both,
    )
    ups.add_argument(
        "--limit", type=_limit, default=20, metavar="N",
        help="how many uploads (1-1000, default 20)",
    )  # fmt: skip

    ds = _add(
        sub,
        "display-sets",
        _commands.display_sets,
        help="add display sets to a reader study, one per file (or per row of a CSV file)",
        description="Add one display set per case to a reader study. Either PATH... with "
        "--socket SLUG: cases are made as for upload (a DICOM series or an MHD header with its "
        "data is one image) and each display set is titled after its file or folder. Or "
        "--csv FILE: a header of socket slugs (and optionally a `title` column), then one row "
        "per case; image and file cells are paths relative to the CSV file (a folder holding "
        "one DICOM series is one image), other cells are values (JSON when they parse as "
        "JSON, e.g. 2.1 or true, else text); an empty cell leaves that socket out. Everything "
        "is checked before anything is sent. Rerunning the same command resumes: display sets "
        "already made are not made again.",
        parents=both,
    )
    ds.add_argument("reader_study", metavar="READER_STUDY", help="the reader study's slug or pk")
    ds.add_argument("paths", metavar="PATH", nargs="*", help="files and folders (with --socket)")
    ds.add_argument("--socket", metavar="SLUG", default=None, help="the socket of every file")
    ds.add_argument("--csv", metavar="FILE", default=None, help="the cases, one row each")
    ds.add_argument("-r", "--recursive", action="store_true", help="also use subfolders")
    ds.add_argument("-y", "--yes", action="store_true", help="do not ask before adding")

    _download_parsers(sub, both)

    dm = _add(
        sub,
        "demo",
        _commands.demo,
        help="try it out: the tutorials' workflows against a local grand-challenge",
        description="Start a local grand-challenge on 127.0.0.1 (no token, no internet), then "
        "upload scans to an archive, run an algorithm on them and download its outputs, make "
        "reader-study display sets, answer them and export the answers, and mirror the "
        "archive, printing each step (python -m gc_highlevel.demo). Needs the local server: "
        "pip install 'gc-client[server]'.",
        parents=[output],
    )
    dm.add_argument(
        "--out", metavar="DIR", default=None,
        help="where to write the demo's files (default: a new temporary folder)",
    )  # fmt: skip

    co = _add(
        sub,
        "completion",
        _commands.completion,
        help="print a shell completion script (bash, zsh or fish)",
        description="Print the completion script of a shell: commands, options and choices "
        'complete on Tab. bash: add eval "$(gc-client completion bash)" to ~/.bashrc; zsh: '
        'eval "$(gc-client completion zsh)" in ~/.zshrc; fish: gc-client completion fish > '
        "~/.config/fish/completions/gc-client.fish.",
        parents=[output],
    )
    co.add_argument("shell", choices=["bash", "zsh", "fish"], help="the shell")
    return parser


def _download_parsers(sub: argparse._SubParsersAction[_Parser], both: list[_Parser]) -> None:
    """``download image|outputs|value``."""
    dl = _add(
        sub,
        "download",
        _commands.download,
        help="download an image, a job's outputs or one socket value",
        description="Download one image, the outputs of finished jobs, or one socket value "
        "of an archive item, display set or job. Files already there are skipped (unless "
        "--overwrite); interrupted downloads resume.",
        parents=both,
    )
    what = dl.add_subparsers(title="what", metavar="WHAT", parser_class=_Parser)

    def image_type(parser: _Parser) -> None:
        parser.add_argument(
            "--type", choices=["MHD", "TIFF", "DZI"], default="MHD",
            help="which files of an image (default MHD: .mha, or .mhd + .zraw)",
        )  # fmt: skip

    def overwrite(parser: _Parser) -> None:
        parser.add_argument(
            "--overwrite", action="store_true", help="download again files already there"
        )

    im = _add(
        what,
        "image",
        _commands.download_image,
        help="one image's files",
        description="Download the files of one image (its pk, or its api_url as a socket "
        "value's `image` gives it) into DIR, with their names on the server.",
        parents=both,
    )
    im.add_argument("image", metavar="IMAGE", help="the image's pk (a UUID) or api_url")
    im.add_argument("directory", metavar="DIR", help="the folder to download to")
    image_type(im)
    overwrite(im)

    ou = _add(
        what,
        "outputs",
        _commands.download_outputs,
        help="the outputs of finished jobs",
        description="Download the outputs of finished jobs into DIR, named after their inputs "
        "(as `run --out` does): images as .mha (or .tif), files with their suffix, values as "
        ".json. A job still running is an error; a failed one has no outputs (exit 1).",
        parents=both,
    )
    ou.add_argument("jobs", metavar="JOB", nargs="+", help="the jobs' pks (UUIDs) or api_urls")
    ou.add_argument("directory", metavar="DIR", help="the folder to download to")
    ou.add_argument(
        "--socket", action="append", metavar="SLUG",
        help="only this output socket (repeat for several)",
    )  # fmt: skip

    va = _add(
        what,
        "value",
        _commands.download_value,
        help="one socket value of an archive item, display set or job",
        description="Download the value of SOCKET of an archive item, a display set or a job "
        "(its inputs and outputs): an image's files into the folder DEST, a file to DEST (a "
        "file name, or a folder to keep its name), a plain value as JSON to DEST (a file "
        "name, or a folder for SOCKET.json).",
        parents=both,
    )
    va.add_argument("kind", choices=["item", "display-set", "job"], help="what holds the value")
    va.add_argument("pk", metavar="PK", help="its pk (a UUID) or api_url")
    va.add_argument("socket", metavar="SOCKET", help="the socket's slug")
    va.add_argument("destination", metavar="DEST", help="where to write it")
    image_type(va)
    overwrite(va)


def _limit(text: str) -> int:
    """``--limit``: a whole number from 1 to 1000 (checked before anything else happens)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 1000:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to 1000, got {text!r}")
    return value


def _profile(text: str) -> str:
    """``--profile``: a name of letters, digits, ``.``, ``_`` and ``-`` (up to 64)."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", text):
        raise argparse.ArgumentTypeError(
            "a profile name is up to 64 letters, digits, '.', '_' or '-', starting with a "
            "letter or digit"
        )
    return text


def _url(text: str) -> str:
    """``--url``: an API root the client accepts (checked before anything else happens)."""
    from gc_highlevel._auth import resolve_base_url

    try:
        return str(resolve_base_url(text))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc).replace("base_url", "the URL")) from None


def _token(text: str) -> str:
    """``--token``: one word, optionally after ``Bearer``/``Token``. The value is never put in
    a message (argparse would print it for a plain ValueError)."""
    from gc_highlevel._auth import normalize_token

    try:
        return normalize_token(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not value > 0:
        raise argparse.ArgumentTypeError("must be more than 0 seconds")
    return value


def _logging(verbose: bool) -> logging.Handler | None:
    if not verbose:
        return None
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    logger = logging.getLogger("gc_highlevel")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    return handler


def _error_message(exc: BaseException, ctx: Context) -> str:
    """The library's message, plus what to run when the cause may be a missing or bad token."""
    from gc_highlevel import AuthenticationError, ObjectNotFoundError
    from gc_highlevel._auth import resolve_token

    text = str(exc) or type(exc).__name__
    if isinstance(exc, (AuthenticationError, ObjectNotFoundError)):
        try:
            has_token = resolve_token(ctx.settings()[1]) is not None
        except (ValueError, CommandError):
            has_token = True
        save = f"{PROG} config" + (f" --profile {ctx.profile}" if ctx.profile else "")
        if not has_token:
            text += f"\nNo API token is configured: run `{save}` to save yours."
        elif isinstance(exc, AuthenticationError):
            text += f"\nThen run `{save}` to save the new token."
    return text


_saved_sigint: list[Any] = []


def _ignore_interrupts() -> None:
    """Ignore SIGINT until :func:`_restore_interrupts` (only the main thread may set it)."""
    if threading.current_thread() is threading.main_thread() and not _saved_sigint:
        _saved_sigint.append(signal.signal(signal.SIGINT, signal.SIG_IGN))


def _restore_interrupts() -> None:
    if _saved_sigint:
        signal.signal(signal.SIGINT, _saved_sigint.pop())


def run() -> NoReturn:
    """The ``gc-client`` process: :func:`main`, then exit with its status. After an interrupt
    (status 130) SIGINT stays ignored while the process exits, so that a second Ctrl-C cannot
    turn the clean exit into a death by signal.

    Example:
        >>> run()  # doctest: +SKIP
    """
    raise SystemExit(_main(None, exiting=True))


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``gc-client`` with ``argv`` (default: the process's arguments); the exit status.

    Problems are reported as ``error: <message>`` on stderr, never as a traceback (unless
    ``--verbose``, for an unexpected error): 1 for errors and failed cases, 2 for bad usage,
    130 when interrupted.

    Example:
        >>> main(["--version"])
        gc-client 0.1.0
        0
    """
    return _main(argv, exiting=False)


def _main(argv: Sequence[str] | None, *, exiting: bool) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, usage errors: argparse has printed them
        return exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 2
    command: _Command | None = getattr(args, "command", None)
    if command is None:
        parser.print_usage(sys.stderr)
        sys.stderr.write(f"{PROG}: error: name a command; `{PROG} --help` lists them\n")
        return 2
    quiet = bool(getattr(args, "quiet", False))
    verbose = bool(getattr(args, "verbose", False))
    console = Console(quiet=quiet, json=bool(getattr(args, "json", False)))
    ctx = Context(
        console,
        url=getattr(args, "url", None),
        token=getattr(args, "token", None),
        progress=False if quiet or getattr(args, "no_progress", False) else None,
        profile=getattr(args, "profile", None),
    )
    handler = _logging(verbose)
    try:
        return command(ctx, args)
    except CommandError as exc:
        console.error(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        # The transfers have stopped (uploads aborted) and the client is closed: ignore any
        # further Ctrl-C while saying so, so that it never ends in a traceback.
        _ignore_interrupts()
        console.error(
            "interrupted. Rerun the same command to resume: finished uploads and jobs are "
            "not repeated."
        )
        if exiting:  # the process ends now: keep ignoring Ctrl-C until it has
            _saved_sigint.clear()
        return 130
    except Exception as exc:
        from gc_highlevel import GCError

        if isinstance(exc, GCError):
            console.error(_error_message(exc, ctx))
        elif isinstance(exc, OSError):  # a file that cannot be read or written, a full disk
            console.error(str(exc))
        else:
            if verbose:
                traceback.print_exc()
            console.error(
                f"unexpected {type(exc).__name__}: {exc}\nThis is a bug in gc-client; please "
                "report it with the output of the same command run with --verbose."
            )
        return 1
    finally:
        _restore_interrupts()
        if handler is not None:
            logger = logging.getLogger("gc_highlevel")
            logger.removeHandler(handler)
            logger.setLevel(logging.NOTSET)

"""``gc-client config`` and ``whoami``: the token is checked, saved 0600, never shown."""

from __future__ import annotations

import io
import json
import os
import stat
import sys
from pathlib import Path

import pytest

import gc_highlevel
from gc_highlevel.testing import LocalGrandChallenge

from .conftest import CLI

pytestmark = pytest.mark.e2e


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def test_config_checks_saves_0600_shows_masked_and_clears(
    local_gc: LocalGrandChallenge, cli: CLI, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = local_gc.tokens["demo"]
    path = gc_highlevel.config_path()
    _stdin(monkeypatch, token + "\n")  # piped in: not on the command line, not in history

    saved = cli("config", "--url", local_gc.api_url)

    assert saved.code == 0, saved.err
    assert "as demo" in saved.out
    assert json.loads(path.read_text()) == {"token": token, "base_url": local_gc.api_url}
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) & 0o077 == 0
    shown = cli("config", "--show")
    assert shown.code == 0
    assert str(path) in shown.out and local_gc.api_url in shown.out
    assert "********" + token[-4:] in shown.out
    # The client reads the saved file: no environment needed.
    me = cli("whoami")
    assert (me.code, me.out.strip()) == (0, "demo")
    verbose = cli("--verbose", "whoami")
    assert "GET /api/v1/profiles/users/self/" in verbose.err  # the DEBUG request log
    for result in (saved, shown, me, verbose):
        assert token not in result.output

    cleared = cli("config", "--clear")
    assert cleared.code == 0 and not path.exists()
    after = cli("whoami")
    assert after.code == 1 and "gc-client config" in after.err


def test_config_asks_on_a_terminal_and_an_empty_answer_keeps_the_token(
    local_gc: LocalGrandChallenge, cli: CLI, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = local_gc.tokens["reader"]
    prompts: list[str] = []
    answers = iter([token, ""])

    def getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("gc_highlevel.cli._commands.stdin_is_tty", lambda: True)
    monkeypatch.setattr("getpass.getpass", getpass)
    first = cli("config", "--url", local_gc.api_url)
    assert first.code == 0 and "as reader" in first.out
    second = cli("config", "--url", local_gc.api_url.replace("127.0.0.1", "localhost"))
    assert second.code == 0 and "as reader" in second.out
    assert "Enter keeps the saved one" in prompts[1]
    saved = json.loads(gc_highlevel.config_path().read_text())
    assert saved["token"] == token and "localhost" in saved["base_url"]
    assert all(token not in r.output for r in (first, second))


def test_a_rejected_token_is_not_saved(
    local_gc: LocalGrandChallenge, cli: CLI, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong = "f" * 64
    _stdin(monkeypatch, wrong + "\n")
    result = cli("config", "--url", local_gc.api_url)
    assert result.code == 1
    assert "401" in result.err and "Nothing was saved" in result.err
    assert wrong not in result.output
    assert not gc_highlevel.config_path().exists()


def test_config_without_a_token_or_a_terminal_says_how(
    local_gc: LocalGrandChallenge, cli: CLI
) -> None:
    result = cli("config", "--url", local_gc.api_url)  # stdin: empty, not a terminal
    assert result.code == 1
    assert "no token given" in result.err and "gc-client config" in result.err
    assert not gc_highlevel.config_path().exists()


def test_config_usage_errors_and_an_unusable_file(cli: CLI, tmp_path: Path) -> None:
    both = cli("config", "--show", "--clear")
    assert both.code == 2 and "not allowed with" in both.err
    show_with_token = cli("config", "--show", "--token", "abc")
    assert show_with_token.code == 2 and "abc" not in show_with_token.output
    bad_token = cli("--token", "two words", "whoami")
    assert bad_token.code == 2 and "single word" in bad_token.err
    assert "two words" not in bad_token.output
    token = "0123456789abcdef" * 4
    for argv in (("--tokn", token, "whoami"), ("whoami", "--tokn", token)):
        mistyped = cli(*argv)
        assert mistyped.code == 2 and "0123456789" not in mistyped.output
    assert "unrecognized arguments: --tokn ..." in mistyped.err
    typo = cli("uplaod")
    assert typo.code == 2 and "'uplaod'" in typo.err  # short words are still shown
    plain_http = cli("--url", "http://example.com/api/v1/", "whoami")
    assert plain_http.code == 2 and "use https" in plain_http.err

    path = gc_highlevel.config_path()
    path.parent.mkdir(parents=True)
    path.write_text('{"token": "s3cret-value", oops')
    shown = cli("config", "--show")
    assert shown.code == 0 and "not valid JSON" in shown.out and "s3cret" not in shown.output
    used = cli("whoami")
    assert used.code == 1 and "not valid JSON" in used.err and "s3cret" not in used.output
    rewrite = cli("config", "--token", "abc")
    assert rewrite.code == 1 and "--clear" in rewrite.err


def test_whoami_with_the_environment_and_a_rejected_token(
    local_gc: LocalGrandChallenge, cli: CLI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GRAND_CHALLENGE_API_URL", local_gc.api_url)
    monkeypatch.setenv("GRAND_CHALLENGE_AUTHORIZATION", local_gc.tokens["outsider"])
    ok = cli("whoami")
    assert (ok.code, ok.out.strip()) == (0, "outsider")
    shown = cli("config", "--show")
    assert "from GRAND_CHALLENGE_AUTHORIZATION" in shown.out
    assert local_gc.tokens["outsider"] not in shown.output
    monkeypatch.setenv("GRAND_CHALLENGE_AUTHORIZATION", "0" * 64)
    rejected = cli("whoami")
    assert rejected.code == 1
    assert "rejected" in rejected.err and "gc-client config" in rejected.err


def test_config_and_whoami_for_a_profile_without_a_country(
    local_gc: LocalGrandChallenge, cli: CLI, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Real profiles without a country answer "location": "" (gc-server.md §12.2), as the
    # seeded reader's does; the responses are parsed strictly in the tests.
    assert local_gc.users["reader"].location == ""
    token = local_gc.tokens["reader"]
    _stdin(monkeypatch, token + "\n")
    saved = cli("config", "--url", local_gc.api_url)
    assert saved.code == 0 and "as reader" in saved.out, saved.err
    me = cli("whoami")
    assert (me.code, me.out.strip()) == (0, "reader"), me.err
    shown = cli("config", "--show")
    assert shown.code == 0 and "********" + token[-4:] in shown.out
    profile_reads = local_gc.request_log.filter(path=r"^/api/v1/profiles/users/self/$")
    assert [e.status for e in profile_reads] == [200, 200]  # config's check, then whoami
    assert not local_gc.contract.mismatches
    for result in (saved, me, shown):
        assert token not in result.output

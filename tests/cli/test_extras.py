"""``gc-client demo``, ``completion`` and named profiles in the config file."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from .conftest import CLI

pytestmark = pytest.mark.e2e


def test_demo_runs_against_a_local_server(cli: CLI, tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = cli("--json", "demo", "--out", out, "--quiet")
    assert result.code == 0, result.err
    doc = json.loads(result.out)  # the demo's own lines went to stderr
    assert doc["directory"] == str(out)
    assert "demo finished" in result.err
    names = {Path(p).relative_to(out).as_posix() for p in doc["files"]}
    assert "answers.csv" in names and any(n.startswith("lobes/") for n in names)
    assert (out / "answers.csv").is_file()


def test_demo_without_the_server_extra_names_the_install(
    cli: CLI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "gc_highlevel.testing", None)  # as if not installed
    result = cli("demo")
    assert result.code == 1 and result.out == ""
    (line,) = result.err.splitlines()
    assert line.startswith("error: the demo needs the local server")
    assert "pip install 'gc-client[server]'" in line


def _bash_complete(script: Path, line: str) -> list[str]:
    import subprocess

    code = (
        'source "$1"; read -ra COMP_WORDS <<< "$2"; [[ "$2" == *" " ]] && COMP_WORDS+=(""); '
        'COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _gc_client; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    done = subprocess.run(
        ["bash", "-c", code, "_", str(script), line],
        capture_output=True, text=True, check=True, timeout=30,
    )  # fmt: skip
    return done.stdout.split()


def test_completion_scripts_follow_the_parser(cli: CLI, tmp_path: Path) -> None:
    import shutil

    bash = cli("completion", "bash")
    assert bash.code == 0 and bash.err == ""
    assert "complete -o bashdefault -o default -F _gc_client gc-client" in bash.out
    if shutil.which("bash"):
        script = tmp_path / "gc-client.bash"
        script.write_text(bash.out)
        assert _bash_complete(script, "gc-client up") == ["upload", "uploads"]
        assert _bash_complete(script, "gc-client upload scans/ --so") == ["--socket"]
        assert _bash_complete(script, "gc-client download v") == ["value"]
        assert _bash_complete(script, "gc-client download value ") == [
            "item", "display-set", "job"
        ]  # fmt: skip
        assert "--json" in _bash_complete(script, "gc-client jobs corads-ai --")
        assert _bash_complete(script, "gc-client describe job") == []  # a value: files
    zsh = cli("completion", "zsh")
    assert "bashcompinit" in zsh.out and "_gc_client()" in zsh.out
    fish = cli("completion", "fish")
    assert "complete -c gc-client -f -n '__fish_use_subcommand' -a upload" in fish.out
    assert "-a 'image outputs value'" not in fish.out  # subcommands one by one, with help
    assert "__fish_seen_subcommand_from download && not __fish_seen_subcommand_from" in fish.out
    assert "-l socket -r" in fish.out
    doc = json.loads(cli("--json", "completion", "fish").out)
    assert doc == {"shell": "fish", "script": fish.out}
    bad = cli("completion", "powershell")
    assert bad.code == 2 and "invalid choice" in bad.err


def test_named_profiles_are_saved_0600_selected_and_cleared(
    cli: CLI, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import io
    import os
    import stat

    import gc_highlevel
    from gc_highlevel.testing import LocalGrandChallenge

    path = gc_highlevel.config_path()
    with LocalGrandChallenge() as one, LocalGrandChallenge() as two:
        demo, reader = one.tokens["demo"], two.tokens["reader"]
        monkeypatch.setattr(sys, "stdin", io.StringIO(demo + "\n"))
        default = cli("config", "--url", one.api_url)
        assert default.code == 0, default.err
        monkeypatch.setattr(sys, "stdin", io.StringIO(reader + "\n"))
        saved = cli("config", "--profile", "second", "--url", two.api_url, "--json")
        assert saved.code == 0, saved.err
        assert json.loads(saved.out) == {
            "server": two.api_url, "username": "reader",
            "config_file": str(path), "profile": "second",
        }  # fmt: skip
        assert "--profile second" in saved.err
        data = json.loads(path.read_text())
        assert data["token"] == demo and data["base_url"] == one.api_url  # the default stays
        assert data["profiles"] == {"second": {"base_url": two.api_url, "token": reader}}
        if os.name == "posix":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600

        assert cli("whoami").out.strip() == "demo"
        chosen = cli("--profile", "second", "whoami", "--json")
        assert json.loads(chosen.out) == {"username": "reader", "server": two.api_url}
        after = cli("whoami", "--profile", "second")  # after the command name too
        assert after.out.strip() == "reader"
        monkeypatch.setenv("GRAND_CHALLENGE_AUTHORIZATION", demo)  # a profile beats the env
        monkeypatch.setenv("GRAND_CHALLENGE_API_URL", one.api_url)
        assert cli("--profile", "second", "whoami").out.strip() == "reader"
        monkeypatch.delenv("GRAND_CHALLENGE_AUTHORIZATION")
        monkeypatch.delenv("GRAND_CHALLENGE_API_URL")

        shown = cli("config", "--show")
        assert "profiles:    second" in shown.out
        one_shown = cli("config", "--show", "--profile", "second", "--json")
        assert json.loads(one_shown.out) == {
            "config_file": str(path), "profile": "second",
            "url": two.api_url, "token": "********" + reader[-4:],
        }  # fmt: skip
        for result in (default, saved, chosen, shown, one_shown):
            assert demo not in result.output and reader not in result.output

        missing = cli("--profile", "third", "whoami")
        assert missing.code == 1 and "no profile 'third'" in missing.err
        assert "profiles: second" in missing.err
        bad_name = cli("--profile", "../x", "whoami")
        assert bad_name.code == 2 and "profile name" in bad_name.err
        cleared = cli("config", "--clear", "--profile", "second")
        assert cleared.code == 0 and "Removed profile 'second'" in cleared.out
        data = json.loads(path.read_text())
        assert data["profiles"] == {} and data["token"] == demo
        if os.name == "posix":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert cli("--profile", "second", "whoami").code == 1

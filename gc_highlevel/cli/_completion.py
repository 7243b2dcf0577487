"""``gc-client completion bash|zsh|fish``: a shell completion script made from the parser
(commands, their subcommands such as ``download image``, options and fixed choices), so it
never drifts from :func:`gc_highlevel.cli.build_parser`. Files complete as usual elsewhere.
"""

from __future__ import annotations

import argparse
import shlex
from dataclasses import dataclass, field

__all__ = ["SHELLS", "script"]

SHELLS = ("bash", "zsh", "fish")


@dataclass
class _Node:
    """One command (the path of words that names it), its options, its subcommands."""

    path: tuple[str, ...]
    options: list[argparse.Action] = field(default_factory=list)
    children: dict[str, str] = field(default_factory=dict)  # name -> help
    choices: list[str] = field(default_factory=list)  # of its first positional


def _nodes(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[_Node]:
    node = _Node(path)
    found = [node]
    for action in parser._actions:
        if action.option_strings:
            if action.help != argparse.SUPPRESS:
                node.options.append(action)
        elif isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                node.children[name] = helps.get(name, "")
                found += _nodes(sub, (*path, name))
        elif action.choices and not node.choices:
            node.choices = [str(c) for c in action.choices]
    return found


def _words(node: _Node) -> list[str]:
    return [s for a in node.options for s in a.option_strings]


def _bash(nodes: list[_Node], prog: str) -> str:
    fn = "_" + prog.replace("-", "_")
    steps = " | ".join(
        shlex.quote(f"{' '.join(n.path[:-1])}:{n.path[-1]}") for n in nodes if n.path
    )
    cases = []
    for n in nodes:
        subs = " ".join([*n.children, *n.choices])
        cases.append(
            f"        {shlex.quote(' '.join(n.path))}) "
            f"subs={shlex.quote(subs)}; opts={shlex.quote(' '.join(_words(n)))} ;;"
        )
    body = "\n".join(cases)
    return f"""# {prog} completion for bash: eval "$({prog} completion bash)" (e.g. in ~/.bashrc)
{fn}() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" path="" word i subs="" opts=""
    for ((i = 1; i < COMP_CWORD; i++)); do
        word="${{COMP_WORDS[i]}}"
        case "$path:$word" in
            {steps}) path="${{path:+$path }}$word" ;;
        esac
    done
    case "$path" in
{body}
    esac
    if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    elif [[ -n "$subs" ]]; then
        COMPREPLY=($(compgen -W "$subs" -- "$cur"))
    else
        COMPREPLY=()  # paths and values: the shell's default completion
    fi
}}
complete -o bashdefault -o default -F {fn} {prog}
"""


def _zsh(nodes: list[_Node], prog: str) -> str:
    return (
        f'# {prog} completion for zsh: eval "$({prog} completion zsh)" (e.g. in ~/.zshrc)\n'
        "autoload -U +X compinit && compinit\n"
        "autoload -U +X bashcompinit && bashcompinit\n" + _bash(nodes, prog).split("\n", 1)[1]
    )


def _fish_quote(text: str) -> str:
    return "'" + " ".join(text.split()).replace("\\", "\\\\").replace("'", "\\'") + "'"


def _fish(nodes: list[_Node], prog: str) -> str:
    lines = [
        f"# {prog} completion for fish: {prog} completion fish | source",
        f"complete -c {prog}",
    ]
    for n in nodes:
        seen = " && ".join(f"__fish_seen_subcommand_from {w}" for w in n.path)
        here = seen or "__fish_use_subcommand"
        if n.children and n.path:
            here += " && not __fish_seen_subcommand_from " + " ".join(n.children)
        for name, help_text in n.children.items():
            lines.append(
                f"complete -c {prog} -f -n {_fish_quote(here)} -a {name} -d {_fish_quote(help_text)}"
            )
        if n.choices:
            lines.append(
                f"complete -c {prog} -f -n {_fish_quote(here)} -a {_fish_quote(' '.join(n.choices))}"
            )
        when = f" -n {_fish_quote(seen)}" if seen else ""
        for action in n.options:
            flags = " ".join(
                f"-l {s[2:]}" if s.startswith("--") else f"-s {s[1:]}"
                for s in action.option_strings
            )
            takes = " -r" if action.nargs != 0 else ""
            lines.append(
                f"complete -c {prog}{when} {flags}{takes} -d {_fish_quote(action.help or '')}"
            )
    return "\n".join(lines) + "\n"


def script(shell: str, parser: argparse.ArgumentParser) -> str:
    """The completion script for ``shell`` (``bash``, ``zsh`` or ``fish``).

    Example:
        >>> from gc_highlevel.cli import build_parser
        >>> "complete -o bashdefault -o default -F _gc_client gc-client" in script(
        ...     "bash", build_parser())
        True
    """
    nodes = _nodes(parser)
    prog = parser.prog
    if shell == "bash":
        return _bash(nodes, prog)
    if shell == "zsh":
        return _zsh(nodes, prog)
    if shell == "fish":
        return _fish(nodes, prog)
    raise ValueError(f"no completion for {shell!r}; one of {', '.join(SHELLS)}")

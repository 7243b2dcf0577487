"""Without the ``server`` extra, the local grand-challenge says so in one line."""

from __future__ import annotations

import subprocess
import sys

import pytest

RUN_BLOCKED = (
    "import sys, runpy; sys.modules[{module!r}] = None; sys.argv = ['x', 'serve', '--port', '0'];"
    "runpy.run_module('gc_highlevel.testing', run_name='__main__')"
)


@pytest.mark.parametrize("module", ["werkzeug", "boto3", "moto"])
def test_serve_without_the_extra_is_one_line_naming_the_install(module: str) -> None:
    # werkzeug/boto3 are imported with the server's modules, moto when it starts
    proc = subprocess.run(
        [sys.executable, "-c", RUN_BLOCKED.format(module=module)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"error: the local grand-challenge needs the server extra ({module} is missing): "
        'pip install "gc-client[server]"'
    ]
    assert "Traceback" not in proc.stderr


def test_importing_a_name_without_the_extra_raises_one_clear_error() -> None:
    code = (
        "import sys; sys.modules['werkzeug'] = None\n"
        "import gc_highlevel.testing as t\n"  # the package itself imports nothing heavy
        "try:\n"
        "    t.LocalGrandChallenge\n"
        "except ImportError as exc:\n"
        "    print(type(exc).__name__, exc.name, exc)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == (
        "MissingServerExtraError werkzeug the local grand-challenge needs the server extra "
        '(werkzeug is missing): pip install "gc-client[server]"'
    )

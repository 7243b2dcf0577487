import os

# Strict response parsing in the whole suite (also in the CLI subprocesses and examples it
# runs): users get lenient parsing by default, the tests must still see any drift between
# the client, the local server and the schema.
# (The fidelity loop records against a real instance leniently: it sets "0".)
os.environ.setdefault("GC_CLIENT_STRICT_RESPONSES", "1")

import gc_highlevel

# ``gc_highlevel`` resolves its exports lazily and keeps what it found. Resolve config_path
# now: resolved first inside a test that monkeypatches ``_auth.config_path``, the package
# would keep that test's stand-in, and the CLI tests (which check the real one follows
# XDG_CONFIG_HOME) skipped whenever they ran after the client or workflow tests.
gc_highlevel.config_path  # noqa: B018

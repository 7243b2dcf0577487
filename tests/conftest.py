import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The codegen scripts are plain scripts, not an installed package.
sys.path.insert(0, str(ROOT / "scripts"))

import gc_highlevel  # noqa: E402

# ``gc_highlevel`` resolves its exports lazily and keeps what it found. Resolve config_path
# now: resolved first inside a test that monkeypatches ``_auth.config_path``, the package
# would keep that test's stand-in, and the CLI tests (which check the real one follows
# XDG_CONFIG_HOME) skipped whenever they ran after the client or workflow tests.
gc_highlevel.config_path  # noqa: B018

#!/usr/bin/env python3
"""Check the recorded contract cassettes against a schema; with ``--api-url``, record them
against another instance and compare.

The code is in :mod:`gc_devtools.contracts` (:mod:`gc_devtools.contracts.cli`); this file is only its
command line (``--help``; docs/guides/api-changes.md, "Contracts").
"""

import sys
from pathlib import Path

# ``python scripts/contracts.py`` puts scripts/ on sys.path, not the repository root that holds
# the gc_devtools package (docs/project.md, "Layout").
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gc_devtools.contracts.cli import main

if __name__ == "__main__":
    raise SystemExit(main())

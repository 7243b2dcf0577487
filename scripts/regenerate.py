#!/usr/bin/env python3
"""Regenerate ``generated/gc_api`` from the schema, with the API change report.

The code is in :mod:`gc_devtools.regenerate`; this file is only its command line (``--help``;
docs/guides/api-changes.md).
"""

import sys
from pathlib import Path

# ``python scripts/regenerate.py`` puts scripts/ on sys.path, not the repository root that holds
# the gc_devtools package (docs/project.md, "Layout").
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gc_devtools.regenerate import main

if __name__ == "__main__":
    raise SystemExit(main())

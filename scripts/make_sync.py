#!/usr/bin/env python3
"""Write the sync twins ``*/_sync/`` from ``*/_async/`` (``--check``: fail if stale).

The code is in :mod:`gc_devtools.make_sync`; this file is only its command line (``--help``).
"""

import sys
from pathlib import Path

# ``python scripts/make_sync.py`` puts scripts/ on sys.path, not the repository root that holds
# the gc_devtools package (docs/project.md, "Layout").
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gc_devtools.make_sync import main

if __name__ == "__main__":
    sys.exit(main())

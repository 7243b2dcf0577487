#!/usr/bin/env python3
"""Print the tutorials' line-count table the READMEs show.

The code is in :mod:`gc_devtools.count_tutorial_lines`; this file is only its command line
(``--help``).
"""

import sys
from pathlib import Path

# ``python scripts/count_tutorial_lines.py`` puts scripts/ on sys.path, not the repository root that holds
# the gc_devtools package (docs/project.md, "Layout").
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gc_devtools.count_tutorial_lines import main

if __name__ == "__main__":
    sys.exit(main())

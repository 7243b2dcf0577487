import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The codegen scripts are plain scripts, not an installed package.
sys.path.insert(0, str(ROOT / "scripts"))

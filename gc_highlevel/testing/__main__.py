"""``python -m gc_highlevel.testing serve --port PORT [--latency-ms N] [--bandwidth-mbps N]``."""

import sys

from . import MissingServerExtraError, import_part

try:
    cli = import_part("cli")
except MissingServerExtraError as exc:
    print(f"error: {exc}", file=sys.stderr)
    raise SystemExit(2) from None

raise SystemExit(cli.main())

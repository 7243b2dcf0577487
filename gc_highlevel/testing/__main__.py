"""``python -m gc_highlevel.testing serve --port PORT [--latency-ms N] [--bandwidth-mbps N]``."""

from .cli import main

raise SystemExit(main())

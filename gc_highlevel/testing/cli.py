"""``python -m gc_highlevel.testing serve``: run the local grand-challenge until interrupted.

Example::

    $ python -m gc_highlevel.testing serve --port 8000 --json
    {"api_url": "http://127.0.0.1:8000/api/v1/", "tokens": {"demo": "…", …}}
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from .server import LocalGrandChallenge, freeze_start_up_objects


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m gc_highlevel.testing",
        description="A local grand-challenge.org REST API on 127.0.0.1 (for tests and demos).",
    )
    sub = parser.add_subparsers(dest="command")
    serve = sub.add_parser("serve", help="run the server until interrupted (Ctrl-C/SIGTERM)")
    serve.add_argument("--port", type=int, default=0, help="API port (default: a free one)")
    serve.add_argument("--storage-port", type=int, default=0, help="S3 port (default: free)")
    serve.add_argument("--latency-ms", type=float, default=0.0, help="added latency/request")
    serve.add_argument("--bandwidth-mbps", type=float, default=None, help="cap per connection")
    serve.add_argument("--json", action="store_true", help="print one JSON line first")
    serve.add_argument("--no-seed", action="store_true", help="start without seed data")
    serve.add_argument("--tls", action="store_true", help="serve HTTPS (prints the CA path)")
    serve.add_argument(
        "--endpoint-lifetime",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="how long an algorithm endpoint lives without a keep-alive (default 300)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-"):
        argv.insert(0, "serve")  # ``serve`` is the default command
    args = build_parser().parse_args(argv)
    gc = LocalGrandChallenge(
        port=args.port,
        storage_port=args.storage_port,
        latency_ms=args.latency_ms,
        bandwidth_mbps=args.bandwidth_mbps,
        seed=not args.no_seed,
        tls=args.tls,
        strict=False,
        endpoint_lifetime_seconds=args.endpoint_lifetime,
    )
    stop = threading.Event()

    def handler(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)
    try:
        gc.start()
    except ModuleNotFoundError as e:  # a part of the server extra imported on start (moto)
        if e.name is None or e.name.startswith("gc_highlevel"):
            raise
        from . import MissingServerExtraError

        print(f"error: {MissingServerExtraError(e.name.split('.')[0])}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    freeze_start_up_objects()  # this process is only the server
    try:
        info = gc.info()
        if gc.ca_cert_path:
            info["ca_cert_path"] = gc.ca_cert_path
        if args.json:
            print(json.dumps(info), flush=True)
        else:
            print(f"Local grand-challenge API: {gc.api_url}")
            print(f"Storage (S3): {gc.storage_url}")
            if gc.ca_cert_path:
                print(f"CA certificate: {gc.ca_cert_path}")
            for user, token in gc.tokens.items():
                print(f"  {user:10s} {token}")
            print("Press Ctrl-C to stop.", flush=True)
        while not stop.wait(0.2):
            pass
    finally:
        gc.stop()
    if not args.json:
        print("Stopped.", file=sys.stderr)
    return 0

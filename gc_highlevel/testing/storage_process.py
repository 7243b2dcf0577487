"""Storage in a process of its own: ``LocalGrandChallenge(storage_process=True)``.

By default the API, the worker and the S3 endpoint (moto) share one Python process and its GIL:
with many small files, the emulator's CPU is then what a benchmark measures, and the figures
move with the machine's load. With ``storage_process=True`` the S3 side (moto, the public
presign-checking listener with its request log, faults and WAN profile, the internal listener)
runs in a child process, ``python -m gc_highlevel.testing.storage_process``, and the API process
drives it through :class:`RemoteStorage`, which has :class:`~.storage.Storage`'s interface:

* the storage operations of the API views and the worker (presign, create / list parts /
  complete / abort a multipart upload, put / get / delete objects, quota sums, reset) are calls
  over a control channel (``multiprocessing.connection`` on a Unix socket, a pool of connections
  so that concurrent API requests do not queue behind each other). The child runs them with its
  own :class:`~.storage.Storage`, fast paths included: they reach into moto's in-process
  backend, which only the child has, and cost far less CPU than botocore calls would;
* :attr:`RemoteStorage.client` is a boto3 S3 client on the child's internal endpoint over
  loopback HTTP (``endpoint_url``), for anything else (copies, listings, tests);
* the child's request log entries carry ``extra["end_monotonic"]`` (the end of the request on
  the machine's monotonic clock, which both processes share) and are pulled into the parent's
  request log whenever it is read (:class:`SyncedRequestLog`);
* the WAN profile is passed at start; scripted faults of kind ``"storage"``, the presigned URL
  expiry and later WAN profile changes are forwarded (:class:`ForwardingFaults`). A rule of any
  kind (``kind=None``) is armed in both processes (each counts its own matches);
* :attr:`RemoteStorage.connections_accepted` and :meth:`RemoteStorage.cpu_seconds` ask the
  child.

The child exits when the parent stops it or dies (its stdin closes).

Example:
    >>> log = SyncedRequestLog(); len(log)   # no storage process attached: a plain log
    0
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc as garbage_collector
import json
import logging
import os
import pickle
import resource
import select
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from multiprocessing.connection import Client, Connection, Listener
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config

from .faults import FaultRule, Faults
from .requestlog import RequestLog, RequestLogEntry
from .storage import ACCESS_KEY, REGION, SECRET_KEY, Storage

#: where the child stamps the end of each request (``time.monotonic()``, as a string)
END_STAMP = "end_monotonic"
START_TIMEOUT = 120.0

#: the :class:`~.storage.Storage` methods the parent may call in the child
STORAGE_CALLS = frozenset(
    {
        "presign",
        "put_bytes",
        "get_bytes",
        "delete",
        "exists",
        "create_multipart_upload",
        "list_parts",
        "abort_multipart_upload",
        "complete_multipart_upload",
        "prefix_size",
        "reset_buckets",
    }
)


# -- parent side --------------------------------------------------------------------------------


class SyncedRequestLog(RequestLog):
    """The parent's request log, which pulls the storage process's entries in when read.

    Entries are appended as they are pulled: storage requests come after the API requests
    logged before the read, in their own order.
    """

    def __init__(self) -> None:
        super().__init__()
        self.remote: RemoteStorage | None = None

    def pull(self) -> None:
        """Move the storage process's entries logged so far into this log."""
        remote = self.remote
        if remote is None:
            return
        try:
            entries = remote.drain_log()
        except (OSError, EOFError):  # the child is gone: nothing more to pull
            return
        if entries:
            with self._lock:
                self._entries.extend(entries)

    def __len__(self) -> int:
        self.pull()
        return super().__len__()

    def __iter__(self) -> Iterator[RequestLogEntry]:
        self.pull()
        return super().__iter__()

    def __getitem__(self, index: int) -> RequestLogEntry:
        self.pull()
        return super().__getitem__(index)

    def clear(self) -> None:
        self.pull()
        super().clear()


class ForwardingFaults(Faults):
    """The parent's :class:`~.faults.Faults`, which forwards what concerns storage requests to
    the storage process: rules of kind ``"storage"`` (armed only there), rules of any kind
    (armed in both), the presigned URL expiry, the WAN profile and :meth:`clear`."""

    def __init__(self, *, latency_ms: float = 0.0, bandwidth_mbps: float | None = None) -> None:
        super().__init__(latency_ms=latency_ms, bandwidth_mbps=bandwidth_mbps)
        self.remote: RemoteStorage | None = None

    def attach(self, remote: RemoteStorage) -> None:
        """Forward to ``remote`` from now on, the storage rules armed so far included."""
        with self._lock:
            rules = [r for r in self._rules if r.kind in ("storage", None)]
            self._rules = [r for r in self._rules if r.kind != "storage"]
            expired = self._expired_before
        self.remote = remote
        for rule in rules:
            remote.call("faults_add", rule)
        if expired:
            remote.call("faults_expire", expired)

    def _add(self, rule: FaultRule) -> None:
        remote = self.remote
        if remote is not None and rule.kind in ("storage", None):
            remote.call("faults_add", rule)
            if rule.kind == "storage":
                return
        super()._add(rule)

    def expire_presigned_urls(self) -> None:
        super().expire_presigned_urls()
        if self.remote is not None:
            with self._lock:
                expired = self._expired_before
            self.remote.call("faults_expire", expired)

    def set_wan(self, *, latency_ms: float = 0.0, bandwidth_mbps: float | None = None) -> None:
        super().set_wan(latency_ms=latency_ms, bandwidth_mbps=bandwidth_mbps)
        if self.remote is not None:
            self.remote.call("faults_set_wan", latency_ms, bandwidth_mbps)

    def clear(self) -> None:
        super().clear()
        if self.remote is not None:
            self.remote.call("faults_clear")

    @property
    def pending(self) -> int:
        with self._lock:
            local = len(self._rules)
        remote = self.remote
        return local + (int(remote.call("faults_pending")) if remote is not None else 0)


class RemoteStorage:
    """:class:`~.storage.Storage`'s interface, served by a child process (see the module's
    docstring). ``certfile`` (a PEM with the key and the certificate chain) makes the public
    endpoint HTTPS."""

    def __init__(
        self,
        *,
        faults: Faults,
        log: RequestLog,
        stop: threading.Event,
        port: int = 0,
        certfile: str | None = None,
    ) -> None:
        self.faults = faults
        self.log = log
        self._port = port
        self._certfile = certfile
        self._proc: subprocess.Popen[str] | None = None
        self._address: str = ""
        self._authkey = b""
        self._idle: list[Connection] = []
        self._pool_lock = threading.Lock()
        self._client: Any = None
        self.url = ""
        self.internal_url = ""
        self.uploads_bucket = ""
        self.protected_bucket = ""

    # -- lifecycle ----------------------------------------------------------------------------
    def start(self) -> None:
        self._authkey = os.urandom(32)
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[2])  # the directory holding gc_highlevel
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        config = {
            "port": self._port,
            "certfile": self._certfile,
            "latency_ms": self.faults.latency_ms,
            "bandwidth_mbps": self.faults.bandwidth_mbps,
            "authkey": self._authkey.hex(),
        }
        proc = subprocess.Popen(
            [sys.executable, "-c", "from gc_highlevel.testing.storage_process import main; main()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )
        self._proc = proc
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write(json.dumps(config) + "\n")
            proc.stdin.flush()
            ready, _, _ = select.select([proc.stdout], [], [], START_TIMEOUT)
            line = proc.stdout.readline() if ready else ""
            if not line:
                raise OSError(
                    f"the storage process did not start (port {self._port}; see its stderr)"
                )
            info = json.loads(line)
        except BaseException:
            self._kill()
            raise
        self._address = info["control"]
        self.url = info["url"]
        self.internal_url = info["internal"]
        self.uploads_bucket = info["uploads_bucket"]
        self.protected_bucket = info["protected_bucket"]
        cfg = Config(
            signature_version="s3v4",
            s3={"addressing_style": "path"},
            retries={"max_attempts": 2},
            max_pool_connections=32,
        )
        self._client = boto3.client(
            "s3",
            endpoint_url=self.internal_url,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            config=cfg,
        )
        if isinstance(self.log, SyncedRequestLog):
            self.log.remote = self
        if isinstance(self.faults, ForwardingFaults):
            self.faults.attach(self)

    def stop(self) -> None:
        """Pull the last log entries, stop the child and wait for it to exit."""
        if self._proc is None:
            return
        if isinstance(self.log, SyncedRequestLog) and self.log.remote is self:
            self.log.pull()
            self.log.remote = None
        if isinstance(self.faults, ForwardingFaults) and self.faults.remote is self:
            self.faults.remote = None
        with self._pool_lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()
        proc = self._proc
        try:
            assert proc.stdin is not None
            proc.stdin.write("stop\n")
            proc.stdin.close()
        except (OSError, ValueError):
            pass
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:  # pragma: no cover - a stuck child
            self._kill()
        self._close_pipes()
        if self._client is not None:
            with contextlib.suppress(Exception):
                self._client.close()
        self._proc = None

    def _kill(self) -> None:
        proc = self._proc
        if proc is None:
            return
        with contextlib.suppress(OSError):
            proc.kill()
        proc.wait()
        self._close_pipes()
        self._proc = None

    def _close_pipes(self) -> None:
        proc = self._proc
        if proc is None:
            return
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError, ValueError):
                    pipe.close()

    @property
    def pid(self) -> int | None:
        """The storage process's id while it runs."""
        return self._proc.pid if self._proc is not None else None

    # -- the control channel ------------------------------------------------------------------
    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """Run ``name`` in the storage process and return its result (or raise its error)."""
        if self._proc is None:
            raise OSError("the storage process is not running")
        with self._pool_lock:
            conn = self._idle.pop() if self._idle else None
        if conn is None:
            conn = Client(self._address, family="AF_UNIX", authkey=self._authkey)
        try:
            conn.send((name, args, kwargs))
            ok, value = conn.recv()
        except BaseException:
            conn.close()
            raise
        with self._pool_lock:
            self._idle.append(conn)
        if not ok:
            raise value
        return value

    # -- what the server and the benchmark ask -----------------------------------------------
    @property
    def client(self) -> Any:
        """boto3 S3 client on the child's internal endpoint (not logged, no faults)."""
        return self._client

    @property
    def connections_accepted(self) -> int:
        """TCP connections the public endpoint accepted so far."""
        return int(self.call("connections_accepted"))

    def cpu_seconds(self) -> float:
        """The storage process's CPU time (user and system) so far."""
        return float(self.call("cpu_seconds"))

    def peak_rss_mb(self) -> float:
        """The storage process's peak resident set, in MiB."""
        return float(self.call("peak_rss_mb"))

    def drain_log(self) -> list[RequestLogEntry]:
        """The storage process's request log entries since the last drain (then forgotten)."""
        entries: list[RequestLogEntry] = self.call("drain_log")
        return entries

    # -- Storage's interface -------------------------------------------------------------------
    def presign(self, operation: str, params: dict[str, Any], **kwargs: Any) -> str:
        return str(self.call("presign", operation, params, **kwargs))

    def put_bytes(
        self, bucket: str, key: str, data: bytes, content_type: str = "application/octet-stream"
    ) -> None:
        self.call("put_bytes", bucket, key, data, content_type)

    def get_bytes(self, bucket: str, key: str) -> bytes:
        data: bytes = self.call("get_bytes", bucket, key)
        return data

    def delete(self, bucket: str, key: str) -> None:
        self.call("delete", bucket, key)

    def exists(self, bucket: str, key: str) -> bool:
        return bool(self.call("exists", bucket, key))

    def create_multipart_upload(self, bucket: str, key: str) -> str:
        return str(self.call("create_multipart_upload", bucket, key))

    def list_parts(self, bucket: str, key: str, upload_id: str) -> list[dict[str, Any]]:
        parts: list[dict[str, Any]] = self.call("list_parts", bucket, key, upload_id)
        return parts

    def abort_multipart_upload(self, bucket: str, key: str, upload_id: str) -> None:
        self.call("abort_multipart_upload", bucket, key, upload_id)

    def complete_multipart_upload(
        self, bucket: str, key: str, upload_id: str, parts: list[dict[str, Any]]
    ) -> int:
        return int(self.call("complete_multipart_upload", bucket, key, upload_id, parts))

    def prefix_size(self, bucket: str, prefix: str) -> int:
        return int(self.call("prefix_size", bucket, prefix))

    def reset_buckets(self) -> None:
        self.call("reset_buckets")


# -- child side ---------------------------------------------------------------------------------


class _StampedLog(RequestLog):
    """The child's request log: each entry stamped with its end, handed over by :meth:`drain`."""

    def append(self, entry: RequestLogEntry) -> None:
        stamped = dataclasses.replace(
            entry, extra={**entry.extra, END_STAMP: repr(time.monotonic())}
        )
        super().append(stamped)

    def drain(self) -> list[RequestLogEntry]:
        with self._lock:
            entries, self._entries = self._entries, []
        return entries


def _picklable(exc: BaseException) -> BaseException:
    """``exc`` when it survives pickling, else a ``RuntimeError`` saying what it was."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc


class _Service:
    """Answers the parent's calls, one thread per connection."""

    def __init__(self, storage: Storage, log: _StampedLog, faults: Faults) -> None:
        self.storage = storage
        self.log = log
        self.faults = faults

    def serve(self, listener: Listener) -> None:
        while True:
            try:
                conn = listener.accept()
            except Exception:  # closed (stopping), or a failed handshake
                if listener._listener is None:  # type: ignore[attr-defined]
                    return
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: Connection) -> None:
        with conn:
            while True:
                try:
                    name, args, kwargs = conn.recv()
                except (EOFError, OSError):
                    return
                try:
                    reply: tuple[bool, Any] = (True, self._dispatch(name, args, kwargs))
                except Exception as exc:
                    reply = (False, _picklable(exc))
                try:
                    conn.send(reply)
                except (EOFError, OSError):
                    return
                except Exception as exc:  # a result that does not pickle
                    conn.send((False, RuntimeError(f"{name}: {exc}")))

    def _dispatch(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        if name in STORAGE_CALLS:
            return getattr(self.storage, name)(*args, **kwargs)
        if name == "drain_log":
            return self.log.drain()
        if name == "connections_accepted":
            return self.storage.public.connections_accepted
        if name == "cpu_seconds":
            return time.process_time()
        if name == "peak_rss_mb":
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if name == "faults_add":
            self.faults._add(args[0])
            return None
        if name == "faults_expire":
            with self.faults._lock:
                self.faults._expired_before = max(self.faults._expired_before, float(args[0]))
            return None
        if name == "faults_set_wan":
            self.faults.set_wan(latency_ms=args[0], bandwidth_mbps=args[1])
            return None
        if name == "faults_clear":
            self.faults.clear()
            return None
        if name == "faults_pending":
            return self.faults.pending
        raise ValueError(f"unknown storage process call {name!r}")


def _quiet_idle_timeouts(record: logging.LogRecord) -> bool:
    """Drop werkzeug's "Request timed out" lines: the API process's boto3 client keeps idle
    connections to the internal endpoint, which the handlers close after their timeout."""
    return "Request timed out" not in record.getMessage()


def main() -> None:
    """The storage process: read the configuration (one JSON line) from stdin, serve, print
    the addresses (one JSON line), and stop at ``stop`` or the end of stdin."""
    config = json.loads(sys.stdin.readline())
    logging.getLogger("werkzeug").addFilter(_quiet_idle_timeouts)
    ssl_context = None
    if config.get("certfile"):
        ssl_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ssl_context.load_cert_chain(config["certfile"])
    faults = Faults(latency_ms=config["latency_ms"], bandwidth_mbps=config["bandwidth_mbps"])
    log = _StampedLog()
    stop = threading.Event()
    storage = Storage(
        faults=faults, log=log, stop=stop, port=config["port"], ssl_context=ssl_context
    )
    storage.start()
    listener = Listener(family="AF_UNIX", authkey=bytes.fromhex(config["authkey"]))
    service = _Service(storage, log, faults)
    threading.Thread(target=service.serve, args=(listener,), daemon=True).start()
    # this process is nothing but the storage: keep its start-up objects out of full passes
    garbage_collector.collect()
    garbage_collector.freeze()
    info = {
        "url": storage.url,
        "internal": storage.internal.origin,
        "control": listener.address,
        "uploads_bucket": storage.uploads_bucket,
        "protected_bucket": storage.protected_bucket,
        "pid": os.getpid(),
    }
    sys.stdout.write(json.dumps(info) + "\n")
    sys.stdout.flush()
    sys.stdin.readline()  # "stop", or "" when the parent is gone
    stop.set()
    listener.close()
    storage.public.stop()
    storage.internal.stop()


if __name__ == "__main__":
    main()

"""``LocalGrandChallenge``: the whole emulated grand-challenge, started and stopped as one."""

from __future__ import annotations

import gc as garbage_collector
import os
import ssl
import tempfile
import threading
from types import TracebackType
from typing import Any, cast

from .api import ApiApp
from .contract import Contract
from .faults import Faults
from .models import User
from .netio import HttpServer, NetMiddleware
from .requestlog import RequestLog
from .seed import seed as run_seed
from .state import State
from .storage import Storage
from .storage_process import ForwardingFaults, RemoteStorage, SyncedRequestLog
from .tasks import Tasks
from .worker import Worker


def freeze_start_up_objects() -> None:
    """Keep the objects alive now (moto's and botocore's models, ~170,000 once a server has
    started) out of the garbage collector's full passes, which paused every request for ~0.1 s.
    Only for a process that is nothing but the server (``serve``, the transfer benchmark):
    it is process-wide, so ``LocalGrandChallenge`` never does it inside users' test runs.

    Example (not run here: it would freeze the test process)::

        with LocalGrandChallenge(tls=True) as gc:
            freeze_start_up_objects()
            ...  # serve until stopped
    """
    garbage_collector.collect()
    garbage_collector.freeze()


class LocalGrandChallenge:
    """A faithful, stateful grand-challenge REST API on ``127.0.0.1`` with real S3 storage.

    Example:
        >>> import httpx
        >>> with LocalGrandChallenge() as gc:
        ...     r = httpx.get(gc.api_url + "archives/",
        ...                   headers={"Authorization": f"Bearer {gc.tokens['demo']}"})
        ...     [a["title"] for a in r.json()["results"]]
        ['coronacases.org', 'radboudcovid']

    Args:
        port: API port (0 picks a free one).
        latency_ms: WAN profile, added latency per request (API and storage).
        bandwidth_mbps: WAN profile, bandwidth cap per connection (megabits per second).
        strict: raise :class:`~gc_highlevel.testing.contract.ContractError` at :meth:`stop`
            when traffic did not match the OpenAPI schema (and on background task errors).
        seed: create the tutorial objects (users ``demo``, ``reader``, ``outsider``…).
        tls: serve HTTPS with a throw-away CA (``ca_cert_path`` for clients' ``verify=``).
        contract: validate traffic against the schema at all.
        job_step_seconds: pause between job status steps (to observe intermediate statuses).
        upload_quota: override the per-user upload quota in bytes (default 2 GiB/128 GiB).
        storage_port: port of the S3 endpoint (0 picks a free one).
        strict_requests: flag every request that does not match the schema, even when the
            server rejects it (for testing a client); by default only accepted (2xx) ones.
        endpoint_lifetime_seconds: how long an algorithm endpoint stays up after its creation
            or its last keep-alive (default 5 minutes).
        algorithm_credits: the jobs each user may start (one credit per job, all algorithms
            together, as grand-challenge's monthly credits); beyond them a job is refused with
            a non-field 400 "You have run out of algorithm credits". None: unlimited.
        storage_process: serve storage (moto and the S3 endpoint) from a child process of its
            own (see :mod:`~gc_highlevel.testing.storage_process`), so that it does not share
            the API's GIL: for benchmarks. ``storage`` is then a
            :class:`~gc_highlevel.testing.storage_process.RemoteStorage`; storage requests
            reach ``request_log`` when it is read; the WAN profile applies to them, and
            storage faults are forwarded to the child.
    """

    def __init__(
        self,
        *,
        port: int = 0,
        latency_ms: float = 0,
        bandwidth_mbps: float | None = None,
        strict: bool = True,
        seed: bool = True,
        tls: bool = False,
        contract: bool = True,
        job_step_seconds: float = 0.0,
        upload_quota: int | None = None,
        storage_port: int = 0,
        strict_requests: bool = False,
        endpoint_lifetime_seconds: float = 300.0,
        algorithm_credits: int | None = None,
        storage_process: bool = False,
    ) -> None:
        self._port = port
        self._storage_port = storage_port
        self.strict = strict
        self._seed = seed
        self._tls = tls
        self._contract_enabled = contract
        self.job_step_seconds = job_step_seconds
        self.upload_quota = upload_quota
        self.algorithm_credits = algorithm_credits
        self._algorithm_credits_default = algorithm_credits
        self.strict_requests = strict_requests
        self.endpoint_lifetime_seconds = endpoint_lifetime_seconds
        self._endpoint_lifetime_default = endpoint_lifetime_seconds
        self.storage_process = storage_process
        self.request_log: RequestLog = SyncedRequestLog() if storage_process else RequestLog()
        self.faults: Faults = (ForwardingFaults if storage_process else Faults)(
            latency_ms=latency_ms, bandwidth_mbps=bandwidth_mbps
        )
        self.ca_cert_path: str | None = None
        self.server_errors: list[str] = []  # unexpected exceptions in API views
        self._stop_event = threading.Event()
        self._started = False
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._certfile: str | None = None
        self.storage: Storage | RemoteStorage

    # -- lifecycle -------------------------------------------------------------------------
    def _ssl(self) -> ssl.SSLContext | None:
        if not self._tls:
            return None
        import trustme

        ca = trustme.CA()
        cert = ca.issue_cert("127.0.0.1", "localhost")
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        cert.configure_cert(ctx)
        self._tmp = tempfile.TemporaryDirectory(prefix="gc-local-")
        self.ca_cert_path = os.path.join(self._tmp.name, "ca.pem")
        ca.cert_pem.write_to_path(self.ca_cert_path)
        if self.storage_process:  # the storage process makes its own context from a file
            self._certfile = os.path.join(self._tmp.name, "server.pem")
            cert.private_key_and_cert_chain_pem.write_to_path(self._certfile)
        return ctx

    def start(self) -> LocalGrandChallenge:
        """Start storage, worker and API; seed the data. Returns ``self``."""
        if self._started:
            return self
        self._stop_event.clear()
        sslctx = self._ssl()
        # bind the API port first: nothing else is running yet if it is taken
        self.api_app = ApiApp(self)
        self._api = HttpServer(
            NetMiddleware(
                self.api_app,
                kind="api",
                log=self.request_log,
                faults=self.faults,
                stop=self._stop_event,
            ),
            port=self._port,
            ssl_context=sslctx,
        )
        try:
            if self.storage_process:
                self.storage = RemoteStorage(
                    faults=self.faults,
                    log=self.request_log,
                    stop=self._stop_event,
                    port=self._storage_port,
                    certfile=self._certfile,
                )
            else:
                self.storage = Storage(
                    faults=self.faults,
                    log=self.request_log,
                    stop=self._stop_event,
                    port=self._storage_port,
                    ssl_context=sslctx,
                )
        except BaseException:
            self._api.stop()
            raise
        try:
            self.storage.start()
            # after moto (and requests) are imported: concurrent first imports of the same
            # packages from two threads can see half-initialised modules
            self.contract = Contract(
                enabled=self._contract_enabled, check_requests_always=self.strict_requests
            )
            self.state = State(self._storage_for_state())
            self.worker = Worker()
            self.tasks = Tasks(self)
            self.worker.start()
            if self._seed:
                run_seed(self.state)
        except BaseException:
            self._stop_event.set()
            if hasattr(self, "worker"):
                self.worker.stop()
            self.storage.stop()
            self._api.stop()
            raise
        self._api.start()
        self._started = True
        return self

    def _storage_for_state(self) -> Storage:
        # a RemoteStorage has every method of Storage that the state, views and tasks call
        return cast(Storage, self.storage)

    def stop(self) -> None:
        """Stop everything and release every thread and port.

        In strict mode, raises :class:`~gc_highlevel.testing.contract.ContractError` when
        contract mismatches or background task errors were recorded.
        """
        if not self._started:
            return
        self._started = False
        self._stop_event.set()
        self._api.stop()
        self.worker.stop()
        self.storage.stop()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None
        if self.strict:
            self.check()

    def check(self) -> None:
        """Raise if contract mismatches or worker errors were recorded (then forget them)."""
        from .contract import ContractError

        errors = list(self.worker.errors) + list(self.server_errors)
        self.worker.errors.clear()
        self.server_errors.clear()
        self.contract.raise_if_mismatches()
        if errors:
            raise ContractError("Server or background task errors:\n" + "\n".join(errors))

    def reset(self) -> None:
        """Back to the freshly seeded state: new objects, same users and tokens; clears the
        request log, faults and recorded mismatches."""
        self.worker.wait_idle(60)
        self.faults.clear()
        self.worker.resume()
        self.worker.wait_idle(60)
        with self.state.lock:
            self.storage.reset_buckets()
            self.state = State(self._storage_for_state())
            if self._seed:
                run_seed(self.state)
        self.tasks = Tasks(self)
        self.request_log.clear()
        self.contract.clear()
        self.worker.errors.clear()
        self.server_errors.clear()
        self.job_step_seconds = 0.0
        self.upload_quota = None
        self.algorithm_credits = self._algorithm_credits_default
        self.endpoint_lifetime_seconds = self._endpoint_lifetime_default

    def __enter__(self) -> LocalGrandChallenge:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.stop()
        else:
            strict, self.strict = self.strict, False
            try:
                self.stop()
            finally:
                self.strict = strict

    # -- addresses and users -----------------------------------------------------------------
    @property
    def base_url(self) -> str:
        """Origin of the API host, e.g. ``http://127.0.0.1:40123`` (no trailing slash)."""
        return self._api.origin

    @property
    def api_url(self) -> str:
        """``<base_url>/api/v1/`` (with the trailing slash)."""
        return f"{self.base_url}/api/v1/"

    def connections_accepted(self) -> dict[str, int]:
        """TCP connections accepted so far by the API and by the S3 endpoint.

        Example:
            >>> with LocalGrandChallenge(seed=False) as gc:
            ...     gc.connections_accepted()
            {'api': 0, 'storage': 0}
        """
        return {
            "api": self._api.connections_accepted,
            "storage": self.storage.connections_accepted,
        }

    @property
    def storage_url(self) -> str:
        """Origin of the S3 endpoint that presigned URLs point at."""
        return self.storage.url

    @property
    def users(self) -> dict[str, User]:
        """Registered users by username (without the anonymous user)."""
        return {u.username: u for u in self.state.users.values() if not u.is_anonymous}

    @property
    def tokens(self) -> dict[str, str]:
        """API tokens by username."""
        return {name: u.token for name, u in self.users.items()}

    def headers(self, username: str = "demo") -> dict[str, str]:
        """``{"Authorization": "Bearer <token>"}`` for a user.

        Example:
            >>> with LocalGrandChallenge() as gc:
            ...     sorted(gc.headers("reader"))
            ['Authorization']
        """
        return {"Authorization": f"Bearer {self.tokens[username]}"}

    # -- background work ---------------------------------------------------------------------
    def wait_idle(self, timeout: float = 60.0) -> bool:
        """Wait until the background worker has nothing queued or running."""
        return self.worker.wait_idle(timeout)

    def expire_uploads(self, older_than: float = 86400.0) -> int:
        """Run the hourly cleanup now: delete uploads older than ``older_than`` seconds
        (``UPLOADS_TIMEOUT_DAYS=1`` by default; pass 0 to expire all). Returns how many.

        Example:
            >>> with LocalGrandChallenge(seed=False) as gc:
            ...     gc.expire_uploads(0)
            0
        """
        import datetime as dt

        from .models import now
        from .views.uploads import delete_upload

        cutoff = now() - dt.timedelta(seconds=older_than)
        with self.state.lock:
            old = [u for u in self.state.uploads.values() if u.created <= cutoff]
            for u in old:
                delete_upload(self.state, self.storage, u)
        return len(old)

    def info(self) -> dict[str, Any]:
        """What the CLI prints: ``{"api_url": ..., "tokens": {...}}``."""
        return {"api_url": self.api_url, "tokens": self.tokens}

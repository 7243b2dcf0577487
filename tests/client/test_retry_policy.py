"""The retry decision table, without any HTTP."""

from __future__ import annotations

import random

import httpx
import pytest

from gc_highlevel._exceptions import APIConnectionError, APITimeoutError, make_status_error
from gc_highlevel._retry import RetryPolicy, backoff_delay, is_retryable

URL = "https://gc.test/api/v1/uploads/"


def _status(status: int, method: str) -> Exception:
    return make_status_error(httpx.Response(status, request=httpx.Request(method, URL)))


def _connection(cause: Exception, method: str) -> Exception:
    cls = APITimeoutError if isinstance(cause, httpx.TimeoutException) else APIConnectionError
    err = cls("x", method=method, url=URL)
    err.__cause__ = cause
    return err


REQ = httpx.Request("GET", URL)


@pytest.mark.parametrize(
    ("method", "make", "expected"),
    [
        # idempotent methods: transient statuses and every transport failure
        ("GET", lambda m: _status(429, m), True),
        ("GET", lambda m: _status(502, m), True),
        ("GET", lambda m: _status(503, m), True),
        ("GET", lambda m: _status(504, m), True),
        ("GET", lambda m: _status(500, m), False),
        ("GET", lambda m: _status(404, m), False),
        ("GET", lambda m: _status(520, m), False),
        ("HEAD", lambda m: _status(503, m), True),
        ("PUT", lambda m: _status(503, m), True),
        ("DELETE", lambda m: _status(502, m), True),
        ("GET", lambda m: _connection(httpx.ReadTimeout("t", request=REQ), m), True),
        ("GET", lambda m: _connection(httpx.ReadError("reset", request=REQ), m), True),
        ("GET", lambda m: _connection(httpx.RemoteProtocolError("gone", request=REQ), m), True),
        ("GET", lambda m: _connection(httpx.UnsupportedProtocol("ftp", request=REQ), m), False),
        # POST/PATCH: only when the server provably did not act
        ("POST", lambda m: _status(429, m), True),
        ("PATCH", lambda m: _status(429, m), True),
        ("POST", lambda m: _status(502, m), False),
        ("POST", lambda m: _status(503, m), False),
        ("POST", lambda m: _status(500, m), False),
        ("PATCH", lambda m: _status(504, m), False),
        ("POST", lambda m: _connection(httpx.ConnectError("refused", request=REQ), m), True),
        ("POST", lambda m: _connection(httpx.ConnectTimeout("t", request=REQ), m), True),
        ("POST", lambda m: _connection(httpx.PoolTimeout("t", request=REQ), m), True),
        ("POST", lambda m: _connection(httpx.ReadTimeout("t", request=REQ), m), False),
        ("POST", lambda m: _connection(httpx.WriteTimeout("t", request=REQ), m), False),
        ("PATCH", lambda m: _connection(httpx.ReadError("reset", request=REQ), m), False),
        ("POST", lambda m: ValueError("not ours"), False),
    ],
)
def test_is_retryable(method: str, make: object, expected: bool) -> None:
    assert is_retryable(method, make(method)) is expected  # type: ignore[operator]


def test_backoff_grows_exponentially_with_jitter_and_a_ceiling() -> None:
    policy = RetryPolicy()
    rng = random.Random(1)
    for retry, base in [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (5, 8.0), (9, 8.0)]:
        delay = backoff_delay(policy, retry, rng)
        assert 0.75 * base <= delay <= base


def test_negative_max_retries_is_refused() -> None:
    with pytest.raises(ValueError):
        RetryPolicy(max_retries=-1)


def test_certificate_failures_are_not_retried() -> None:
    import ssl

    cause = httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED]", request=REQ)
    cause.__context__ = ssl.SSLCertVerificationError("certificate verify failed")
    assert is_retryable("GET", _connection(cause, "GET")) is False


def test_storage_budgets_count_only_the_waits_not_the_transfer_time() -> None:
    """A part that took 5 minutes to fail is retried (the waits are within the budget); an
    API request that took as long is not (its budget counts real time)."""
    from types import SimpleNamespace

    from gc_highlevel._retry import stop_over_budget

    slow_attempt = SimpleNamespace(seconds_since_start=300.0, idle_for=1.0, upcoming_sleep=2.0)
    assert stop_over_budget(120.0)(slow_attempt)  # type: ignore[arg-type]
    assert not stop_over_budget(120.0, waits_only=True)(slow_attempt)  # type: ignore[arg-type]
    long_waits = SimpleNamespace(seconds_since_start=119.0, idle_for=119.0, upcoming_sleep=2.0)
    assert stop_over_budget(120.0, waits_only=True)(long_waits)  # type: ignore[arg-type]

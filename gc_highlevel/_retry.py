"""The retry policy, shared by the sync and async HTTP layers.

What is retried (``max_retries`` times at most, within a total time budget):

* GET, HEAD, OPTIONS, PUT and DELETE (idempotent on grand-challenge): connection errors,
  timeouts, and the statuses 429, 502, 503 and 504;
* POST and PATCH (grand-challenge has no idempotency key, so a resend could create a second
  upload, item or job): only when the server provably did not act on the request, i.e. the
  connection was never established (connect error or timeout, pool timeout) or it answered
  429. Never after a read timeout, a reset connection, a 500 or a 502.

Delays grow exponentially from 0.5 s up to 8 s with up to 25 % jitter. A ``Retry-After`` up to
60 s is obeyed exactly; a longer one ends the retries (the error carries ``retry_after``).
"""

from __future__ import annotations

import random
import ssl
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from gc_highlevel._constants import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_RETRY_BUDGET,
    INITIAL_RETRY_DELAY,
    MAX_RETRY_AFTER,
    MAX_RETRY_DELAY,
)
from gc_highlevel._exceptions import (
    APIConnectionError,
    APIStatusError,
    parse_retry_after,
)
from gc_highlevel._validate import check_max_retries, check_retry_budget

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
RETRYABLE_STATUSES = frozenset({429, 502, 503, 504})
#: Statuses that prove the server did not act, so even a POST may be resent.
NOT_ACTED_STATUSES = frozenset({429})
#: httpx errors raised before the request reached the server.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


@dataclass(frozen=True)
class RetryPolicy:
    """Numbers that drive retries; see the module docstring for what is retried."""

    max_retries: int = DEFAULT_MAX_RETRIES
    initial_delay: float = INITIAL_RETRY_DELAY
    max_delay: float = MAX_RETRY_DELAY
    max_retry_after: float = MAX_RETRY_AFTER
    budget: float = DEFAULT_RETRY_BUDGET

    def __post_init__(self) -> None:
        check_max_retries(self.max_retries)
        check_retry_budget(self.budget)


def is_retryable(method: str, exc: BaseException) -> bool:
    """Whether ``exc`` from a ``method`` request may be retried at all (ignoring budgets).

    Example:
        >>> import httpx
        >>> from gc_highlevel._exceptions import APIConnectionError
        >>> err = APIConnectionError("x", method="POST", url="https://h/api/v1/uploads/")
        >>> err.__cause__ = httpx.ReadTimeout("read")
        >>> is_retryable("POST", err)
        False
    """
    method = method.upper()
    idempotent = method in IDEMPOTENT_METHODS
    if isinstance(exc, APIStatusError):
        if exc.status_code not in RETRYABLE_STATUSES:
            return False
        return idempotent or exc.status_code in NOT_ACTED_STATUSES
    if isinstance(exc, APIConnectionError):
        if isinstance(exc.__cause__, (httpx.UnsupportedProtocol, httpx.ProxyError)):
            return False  # configuration problems: a retry cannot help
        if certificate_error(exc) is not None:
            return False
        return idempotent or isinstance(exc.__cause__, _NOT_SENT)
    return False


def answer_maybe_lost(exc: BaseException) -> bool:
    """Whether the server may have acted on a POST that raised ``exc`` although no answer
    arrived: the connection broke or timed out after the request was sent, or the server (or
    a proxy in front of it) failed with a 5xx.

    Example:
        >>> import httpx
        >>> from gc_highlevel._exceptions import APIConnectionError
        >>> err = APIConnectionError("x", method="POST", url="https://h/api/v1/algorithms/jobs/")
        >>> err.__cause__ = httpx.ReadTimeout("read")
        >>> answer_maybe_lost(err)
        True
        >>> err.__cause__ = httpx.ConnectError("refused")   # never reached the server
        >>> answer_maybe_lost(err)
        False
    """
    if isinstance(exc, APIStatusError):
        return exc.status_code >= 500
    return isinstance(exc, APIConnectionError) and not isinstance(exc.__cause__, _NOT_SENT)


def certificate_error(exc: BaseException) -> ssl.SSLCertVerificationError | None:
    """The TLS certificate failure behind ``exc``, if that is what it is."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, ssl.SSLCertVerificationError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def backoff_delay(policy: RetryPolicy, retry_number: int, rng: random.Random) -> float:
    """Exponential backoff for the ``retry_number``-th retry (1-based), minus up to 25 % jitter."""
    delay = min(policy.initial_delay * float(2 ** (retry_number - 1)), policy.max_delay)
    return delay * (1 - 0.25 * rng.random())


@dataclass
class RetryController:
    """Per-request state handed to tenacity: ``retry`` decides, ``wait`` returns its delay.

    Deciding and computing the delay in one place lets the budget and ``Retry-After`` rules
    see the delay they are about to approve (tenacity versions differ in whether ``stop``
    runs before ``wait``).
    """

    policy: RetryPolicy
    method: str
    rng: random.Random = field(default_factory=random.Random)
    started: float = field(default_factory=time.monotonic)
    slept: float = 0.0
    next_delay: float = 0.0

    def retry(self, retry_state: Any) -> bool:
        outcome = retry_state.outcome
        if outcome is None or not outcome.failed:
            return False
        exc = outcome.exception()
        retries_done = retry_state.attempt_number - 1
        if retries_done >= self.policy.max_retries or not is_retryable(self.method, exc):
            return False
        delay = backoff_delay(self.policy, retries_done + 1, self.rng)
        if isinstance(exc, APIStatusError):
            hint = parse_retry_after(exc.headers)
            if hint is not None:
                if hint > self.policy.max_retry_after:
                    return False  # the server asks for more patience than we have
                delay = hint
        # Elapsed time: real time, or the sum of sleeps when the sleep is a test double.
        elapsed = max(time.monotonic() - self.started, self.slept)
        if elapsed + delay > self.policy.budget:
            return False
        self.next_delay = delay
        self.slept += delay
        return True

    def wait(self, retry_state: Any) -> float:
        return self.next_delay

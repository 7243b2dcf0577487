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
The numbers are in :mod:`gc_highlevel._constants`.

:func:`retry_strategy` turns a :class:`RetryPolicy` and a predicate into tenacity's ``retry``,
``wait`` and ``stop``: the HTTP seam (:func:`request_retryable`) and the transfer engine
(storage parts and ranges, its own predicate) both retry through it, with the client's
``sleep``, so the same attempts, budget and ``Retry-After`` rules hold everywhere.
"""

from __future__ import annotations

import functools
import random
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
from tenacity import RetryCallState, retry_if_exception, stop_after_attempt
from tenacity.stop import stop_base
from tenacity.wait import wait_base

from gc_highlevel._constants import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_RETRY_BUDGET,
    INITIAL_RETRY_DELAY,
    MAX_RETRY_AFTER,
    MAX_RETRY_DELAY,
    RETRY_JITTER,
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
    return delay * (1 - RETRY_JITTER * rng.random())


def retry_after(exc: BaseException | None) -> float | None:
    """The server's ``Retry-After`` (seconds) behind ``exc``: from an API status error's
    headers, or the ``retry_after`` a storage failure carries; None without one."""
    if isinstance(exc, APIStatusError):
        return parse_retry_after(exc.headers)
    hint = getattr(exc, "retry_after", None)
    return float(hint) if isinstance(hint, (int, float)) else None


def _failure(retry_state: RetryCallState) -> BaseException | None:
    outcome = retry_state.outcome
    return outcome.exception() if outcome is not None and outcome.failed else None


#: The jitter's random numbers, shared: a ``random.Random()`` per request cost a ``getrandom``
#: system call and seeding ~20 µs, three times per downloaded file (``random()`` is
#: thread-safe).
_JITTER_RNG = random.Random()


class wait_backoff(wait_base):
    """Tenacity wait: the server's ``Retry-After`` if it gave one, else exponential backoff
    with jitter (:func:`backoff_delay`)."""

    def __init__(self, policy: RetryPolicy, rng: random.Random | None = None) -> None:
        self.policy = policy
        self.rng = rng or _JITTER_RNG

    def __call__(self, retry_state: RetryCallState) -> float:
        hint = retry_after(_failure(retry_state))
        if hint is not None:
            return hint
        return backoff_delay(self.policy, retry_state.attempt_number, self.rng)


class stop_retry_after_too_long(stop_base):
    """Tenacity stop: the server asks for more patience (``Retry-After``) than we have."""

    def __init__(self, max_retry_after: float) -> None:
        self.max_retry_after = max_retry_after

    def __call__(self, retry_state: RetryCallState) -> bool:
        hint = retry_after(_failure(retry_state))
        return hint is not None and hint > self.max_retry_after


class stop_over_budget(stop_base):
    """Tenacity stop: the upcoming wait would end past the time budget. Elapsed time is real
    time, or the sum of waits when the sleep is a test double that does not wait; with
    ``waits_only`` it is the sum of waits alone (a storage part may rightly take minutes to
    send on a slow link: only the time spent waiting to retry counts against the budget)."""

    def __init__(self, budget: float, *, waits_only: bool = False) -> None:
        self.budget = budget
        self.waits_only = waits_only

    def __call__(self, retry_state: RetryCallState) -> bool:
        elapsed = retry_state.idle_for
        if not self.waits_only:
            elapsed = max(retry_state.seconds_since_start or 0.0, elapsed)
        return elapsed + retry_state.upcoming_sleep > self.budget


def retry_strategy(
    policy: RetryPolicy,
    retryable: Callable[[BaseException], bool],
    *,
    rng: random.Random | None = None,
    budget_waits_only: bool = False,
) -> dict[str, Any]:
    """The tenacity ``retry``, ``wait`` and ``stop`` of ``policy``, for ``AsyncRetrying(**...)``
    (or ``Retrying``): retry while ``retryable(exc)``, wait :class:`wait_backoff`, stop after
    ``max_retries`` retries, before a wait that would overrun the budget (with
    ``budget_waits_only``, counting only the waits, as storage transfers do), or when the server
    asks for more than ``max_retry_after``. The last exception is re-raised as it is.

    Example:
        >>> from tenacity import Retrying
        >>> calls = []
        >>> def flaky():
        ...     calls.append(1)
        ...     if len(calls) < 3:
        ...         raise ConnectionError("reset")
        ...     return "ok"
        >>> waits = []
        >>> retrying = Retrying(**retry_strategy(RetryPolicy(max_retries=2), lambda e: True),
        ...                     sleep=waits.append)
        >>> retrying(flaky), len(waits)
        ('ok', 2)
    """
    return {
        "retry": retry_if_exception(retryable),
        "wait": wait_backoff(policy, rng),
        "stop": (
            stop_after_attempt(policy.max_retries + 1)
            | stop_retry_after_too_long(policy.max_retry_after)
            | stop_over_budget(policy.budget, waits_only=budget_waits_only)
        ),
        "reraise": True,
    }


def request_retryable(method: str) -> Callable[[BaseException], bool]:
    """The retry predicate of an API request: :func:`is_retryable` for its ``method``."""
    return functools.partial(is_retryable, method)

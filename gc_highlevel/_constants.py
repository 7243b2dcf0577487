"""Policy numbers in one place (defaults of :class:`gc_highlevel.Client`)."""

from __future__ import annotations

#: The public grand-challenge.org API. Override with ``base_url=`` or ``GRAND_CHALLENGE_API_URL``.
DEFAULT_BASE_URL = "https://grand-challenge.org/api/v1/"
#: Every generated endpoint path starts with this; the base URL must end with it.
API_PREFIX = "/api/v1/"

#: Environment variable holding the token (the same one the official client and the
#: grand-challenge workstations use).
ENV_TOKEN = "GRAND_CHALLENGE_AUTHORIZATION"
#: Environment variable overriding the API base URL, e.g. ``http://127.0.0.1:8000/api/v1/``.
ENV_BASE_URL = "GRAND_CHALLENGE_API_URL"
#: ``1`` makes strict response parsing the default (``Client(strict_responses=...)``).
ENV_STRICT_RESPONSES = "GC_CLIENT_STRICT_RESPONSES"

#: Seconds: (total per attempt, connect). Reads of big pages can take a while.
DEFAULT_TIMEOUT = 60.0
DEFAULT_CONNECT_TIMEOUT = 10.0

#: Retries after the first attempt.
DEFAULT_MAX_RETRIES = 2
#: Exponential backoff: first delay and its ceiling (seconds), with up to 25 % jitter removed.
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
#: A ``Retry-After`` up to this many seconds is obeyed; a longer one ends the retries.
MAX_RETRY_AFTER = 60.0
#: Total seconds one call may spend, waits included, before no further retry is started.
DEFAULT_RETRY_BUDGET = 120.0
#: Jitter: up to this share of each backoff delay is removed at random.
RETRY_JITTER = 0.25

#: Transfers: attempts per storage part or download range (first try included), and times an
#: expired or refused presigned URL is replaced before giving up. Both within the budget above.
DEFAULT_TRANSFER_ATTEMPTS = 6
MAX_REPRESIGNS = 3

#: Polling (jobs, imports, journals): the first delay between reads, its growth while nothing
#: changes, and its ceiling (seconds). Any change starts again from the first delay.
POLL_INITIAL_DELAY = 1.0
POLL_DELAY_FACTOR = 1.6
MAX_POLL_DELAY = 30.0
#: Looking again for what a lost answer may have created (a job, an archive item).
LOST_ANSWER_POLL_INITIAL_DELAY = 0.5
MAX_LOST_ANSWER_POLL_DELAY = 5.0
#: Waiting for imports to attach their values.
IMPORT_POLL_INITIAL_DELAY = 0.5
IMPORT_POLL_DELAY_FACTOR = 1.5
MAX_IMPORT_POLL_DELAY = 10.0
#: Waiting for another process to release a batch journal's lock.
LOCK_POLL_INITIAL_DELAY = 0.1
LOCK_POLL_DELAY_FACTOR = 1.5
MAX_LOCK_POLL_DELAY = 2.0

#: The server clamps ``limit`` to 1000; big pages mean few round trips.
MAX_PAGE_SIZE = 1000
DEFAULT_PAGE_SIZE = 1000

#: Shown instead of a token anywhere a token would otherwise be printed.
REDACTED = "<redacted>"

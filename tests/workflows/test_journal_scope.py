"""Default batch journals are kept per server and per account.

The same archive pk on another instance (or on another local server started from the same
seed), or another user's batch, must never make a case count as done.
"""

from __future__ import annotations

from pathlib import Path

from gc_highlevel import Client
from gc_highlevel._sync.workflows._journals import open_journal
from gc_highlevel.testing import LocalGrandChallenge


def _path(client: Client) -> Path:
    journal = open_journal(True, "archive-1234", client)
    assert journal.path is not None
    return journal.path


def test_journal_is_per_server_and_account() -> None:
    a = Client("a" * 64, base_url="http://127.0.0.1:8000/api/v1/")
    same = Client("Bearer " + "a" * 64, base_url="http://127.0.0.1:8000/api/v1/")
    other_port = Client("a" * 64, base_url="http://127.0.0.1:8001/api/v1/")
    other_user = Client("b" * 64, base_url="http://127.0.0.1:8000/api/v1/")
    anonymous = Client(base_url="http://127.0.0.1:8000/api/v1/")
    paths = [_path(c) for c in (a, same, other_port, other_user, anonymous)]
    assert paths[0] == paths[1]
    assert len(set(paths)) == 4
    assert all("a" * 12 not in p.name for p in paths)  # no token material in file names


def test_a_rerun_on_a_fresh_server_from_the_same_seed_adds_the_case(
    local_gc: LocalGrandChallenge,
) -> None:
    """The same seeded pks on a second server: the journal of the first must not apply."""
    second = LocalGrandChallenge().start()
    try:
        for gc in (local_gc, second):
            with Client(gc.tokens["demo"], base_url=gc.api_url) as client:
                result = client.archives.add_cases("radboudcovid", [{"lung-volume": 3.5}])
                assert len(result.succeeded) == 1 and not result.skipped
                archive = client.archives.get(slug="radboudcovid")
                assert client.archive_items.list(archive=archive).count() == 1
    finally:
        second.stop()

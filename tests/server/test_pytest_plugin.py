"""The public pytest plugin, used the way the README shows, run twice in a row.

Every run starts a server with the same seed (same pks and tokens); a batch journal kept in
the user cache dir would make the second run skip its cases as "done" on objects that no
longer exist. The plugin keeps journals in each test's temporary folder.
"""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

USER_TEST = """
import gc_highlevel

pytest_plugins = ["gc_highlevel.testing.pytest_plugin"]


def test_my_pipeline(local_gc):
    with gc_highlevel.Client(local_gc.tokens["demo"], base_url=local_gc.api_url) as gc:
        result = gc.archives.add_cases("radboudcovid", [{"lung-volume": 2.5}])
        assert len(result.succeeded) == 1
        local_gc.wait_idle()
        archive = gc.archives.get(slug="radboudcovid")
        assert gc.archive_items.list(archive=archive).count() == 1
"""


def test_readme_example_passes_twice(
    pytester: pytest.Pytester,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # A shared, user-level cache dir for both runs, as on a developer's machine.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("GC_CLIENT_JOURNAL_DIR", raising=False)
    pytester.makepyfile(test_user=USER_TEST)
    for _ in range(2):
        result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider")
        result.assert_outcomes(passed=1)


def test_local_gc_points_journals_at_the_test_folder(local_gc: object, tmp_path: object) -> None:
    from pathlib import Path

    from gc_highlevel.journal import journal_dir

    assert journal_dir() == Path(str(tmp_path)) / "gc-client-journals"

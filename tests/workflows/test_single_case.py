"""One case may be passed as its dict of values, as ``algorithms.run`` already allowed."""

from __future__ import annotations

from gc_highlevel import Client
from gc_highlevel.testing import LocalGrandChallenge


def test_add_cases_and_display_sets_take_one_case_as_a_dict(local_gc: LocalGrandChallenge) -> None:
    with Client(local_gc.tokens["demo"], base_url=local_gc.api_url) as client:
        items = client.archives.add_cases("radboudcovid", {"lung-volume": 1.0}, journal=False)
        assert len(items) == 1 and items.ok
        study = "corads-score-exam"
        before = len(client.reader_studies.display_sets(study))
        sets = client.reader_studies.add_display_sets(study, {"some-score": 2.0}, journal=False)
        assert len(sets) == 1 and sets.ok
        assert len(client.reader_studies.display_sets(study)) == before + 1

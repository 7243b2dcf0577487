"""End to end: challenges, evaluations and external evaluation (claim, evaluate, report).

Async source; ``tests/workflows/_sync/`` is generated from it by ``scripts/make_sync.py``.
The seeded ``covid-ct-challenge`` has an ``External`` phase with two ``Queued`` evaluations
that ``demo`` (an external evaluator) may claim.
"""

from __future__ import annotations

from typing import Any

import pytest

from gc_api.models.external_evaluation import ExternalEvaluation
from gc_highlevel._exceptions import (
    BadRequestError,
    BatchError,
    InvalidArgumentError,
    InvalidReferenceError,
    NotFoundError,
)
from gc_highlevel.testing import LocalGrandChallenge

from .helpers import connect, writes

pytestmark = [pytest.mark.anyio, pytest.mark.e2e]

CLAIM = "/claim/"
REPORT = "/update_external_evaluation/"


def _external_phase(gc: LocalGrandChallenge) -> str:
    return next(p.pk for p in gc.state.phases.values() if p.external_evaluation)


def _statuses(gc: LocalGrandChallenge) -> list[str]:
    return sorted(e.status for e in gc.state.evaluations.values())


async def test_challenges_list_and_get_by_short_name(local_gc: LocalGrandChallenge) -> None:
    client, _ = connect(local_gc)
    async with client:
        assert [c.slug async for c in client.challenges.list()] == ["covid-ct-challenge"]
        challenge = await client.challenges.get("covid-ct-challenge")
        assert challenge.title == "COVID-19 CT Challenge" and challenge.status == "CLOSED"
        with pytest.raises(NotFoundError):
            await client.challenges.get("COVID-CT-Challenge")  # exact, as on grand-challenge
        local_gc.request_log.clear()
        with pytest.raises(InvalidReferenceError, match="not a slug"):
            await client.challenges.get("COVID-19 CT Challenge")
        assert list(local_gc.request_log) == []  # refused before any request
    outsider, _ = connect(local_gc, "outsider")
    async with outsider:
        assert await outsider.challenges.list().count() == 1  # public: visible to all


async def test_evaluate_external_reports_metrics_and_failures(
    local_gc: LocalGrandChallenge,
) -> None:
    local_gc.state.claims_counted = "held"  # the intended rule: one claimed at a time
    phase = _external_phase(local_gc)
    seen: list[ExternalEvaluation] = []

    async def evaluate(evaluation: ExternalEvaluation) -> dict[str, Any]:
        seen.append(evaluation)
        if len(seen) == 2:
            raise RuntimeError("predictions.json is missing")
        return {"dice": 0.91, "per_case": [0.9, 0.92]}

    client, _ = connect(local_gc)
    async with client:
        result = await client.evaluations.evaluate_external(
            evaluate, phase=phase, raise_on_error=False
        )
        assert [o.ok for o in result] == [True, False]
        assert result[0].created is not None and result[0].created.status == "Succeeded"
        assert str(result[1].error) == "predictions.json is missing"
        with pytest.raises(BatchError, match="reported Failed with its error"):
            result.raise_for_errors()
        # each evaluation got what running it needs, claimed (not Queued)
        assert all(e.status == "External Execution In Progress" for e in seen)
        assert all(e.algorithm_image["api_url"].endswith("/") for e in seen)
        done = {e.pk: e async for e in client.evaluations.list(phase=phase)}
    by_pk = local_gc.state.evaluations
    first, second = by_pk[str(seen[0].pk)], by_pk[str(seen[1].pk)]
    assert first.status == "Succeeded" and done[seen[0].pk].status == "Succeeded"
    metrics = local_gc.state.civs[first.outputs["metrics-json-file"]].value
    assert metrics == {"dice": 0.91, "per_case": [0.9, 0.92]}
    assert second.status == "Failed"
    assert second.error_message == "RuntimeError: predictions.json is missing"
    # the oldest first; one claim and one report each, nothing sent twice
    assert seen[0].created <= seen[1].created
    claims = [w for w in writes(local_gc) if w.endswith(CLAIM)]
    reports = [w for w in writes(local_gc) if w.endswith(REPORT)]
    assert len(claims) == 2 and len(reports) == 2


@pytest.mark.parametrize("lost", [CLAIM, REPORT])
async def test_a_lost_answer_doubles_nothing(local_gc: LocalGrandChallenge, lost: str) -> None:
    """The server acted, the answer never came: the claim or report is sent again, and the
    refusal of the resend shows that the first one landed."""
    local_gc.state.claims_counted = "held"
    local_gc.faults.reset_next(1, method="PATCH", path=f".*{lost}")
    calls: list[str] = []

    async def evaluate(evaluation: ExternalEvaluation) -> dict[str, Any]:
        calls.append(str(evaluation.pk))
        return {"dice": 0.5}

    client, _ = connect(local_gc)
    async with client:
        result = await client.evaluations.evaluate_external(evaluate)
    assert result.ok and len(result) == 2
    assert len(calls) == len(set(calls)) == 2  # each evaluated once
    assert _statuses(local_gc) == ["Succeeded", "Succeeded"]
    assert local_gc.faults.pending == 0
    sent = [w for w in writes(local_gc) if w.endswith(lost)]
    assert len(sent) == 3  # two, and the one resend after the lost answer


async def test_an_earlier_run_s_claim_is_evaluated_first(local_gc: LocalGrandChallenge) -> None:
    """A run stopped between claim and report: the next run finds and finishes it."""
    local_gc.state.claims_counted = "held"
    client, _ = connect(local_gc)
    async with client:
        claimable = await client.evaluations.claimable()
        held = await client.evaluations.claim(claimable[0])
        got: list[ExternalEvaluation] = []

        async def evaluate(evaluation: ExternalEvaluation) -> dict[str, Any]:
            got.append(evaluation)
            return {"dice": 1.0}

        result = await client.evaluations.evaluate_external(evaluate, limit=1)
    assert result.ok and [e.pk for e in got] == [held.pk]
    assert got[0].phase_pk == held.phase_pk
    assert local_gc.state.evaluations[str(held.pk)].status == "Succeeded"


async def test_a_second_claim_refused_as_deployed_keeps_what_was_done(
    local_gc: LocalGrandChallenge,
) -> None:
    """grand-challenge at 9957bfc refuses any claim from a user who claimed before."""

    async def evaluate(evaluation: ExternalEvaluation) -> dict[str, Any]:
        return {"dice": 0.7}

    client, _ = connect(local_gc)
    async with client:
        with pytest.raises(BatchError, match="claimed an evaluation before") as caught:
            await client.evaluations.evaluate_external(evaluate)
    assert [o.ok for o in caught.value.result] == [True]
    assert isinstance(caught.value.__cause__, BadRequestError)
    assert _statuses(local_gc) == ["Queued", "Succeeded"]


async def test_bad_arguments_are_refused_before_any_request(
    local_gc: LocalGrandChallenge,
) -> None:
    client, _ = connect(local_gc)
    async with client:
        local_gc.request_log.clear()
        with pytest.raises(InvalidArgumentError, match="JSON"):
            await client.evaluations.report_success(
                "5ac2ed39-aa24-45fb-80a7-701b9cfc8719", {"dice": float("nan")}
            )
        with pytest.raises(InvalidArgumentError, match="at most 1024"):
            await client.evaluations.report_failure(
                "5ac2ed39-aa24-45fb-80a7-701b9cfc8719", "x" * 1025
            )
        with pytest.raises(InvalidArgumentError, match="phase"):
            await client.evaluations.claimable(phase="external")
        with pytest.raises(InvalidArgumentError, match="evaluate must be a function"):
            await client.evaluations.evaluate_external({"dice": 1})  # type: ignore[arg-type]
        assert list(local_gc.request_log) == []

"""Polling policy with a scripted transport: list requests only, backoff that grows while
nothing changes and resets on change, jobs yielded as they finish. No real sleeping."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import httpx
import pytest

from gc_highlevel import AsyncClient

pytestmark = pytest.mark.anyio
API = "https://gc.test/api/v1/"
ALGORITHM = "3c4c57e6-8c1b-4f38-9c4c-0c4f2d5a7d23"


def _job(pk: str, status: str) -> dict[str, Any]:
    return {
        "pk": pk,
        "url": f"https://gc.test/algorithms/a/jobs/{pk}/",
        "api_url": f"{API}algorithms/jobs/{pk}/",
        "algorithm_image": f"{API}algorithms/images/x/",
        "algorithm": f"{API}algorithms/{ALGORITHM}/",
        "inputs": [],
        "outputs": [],
        "status": status,
        "hanging_protocol": None,
        "optional_hanging_protocols": [],
        "view_content": {},
        "exec_duration": None,
        "invoke_duration": None,
    }


class Script:
    """Answers each jobs list request with the next list of statuses."""

    def __init__(self, pks: list[str], rounds: list[list[str]]) -> None:
        self.pks = pks
        self.rounds = rounds
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        lists = [r for r in self.requests if r.url.path == "/api/v1/algorithms/jobs/"]
        statuses = self.rounds[min(max(len(lists) - 1, 0), len(self.rounds) - 1)]
        results = [_job(pk, s) for pk, s in zip(self.pks, statuses, strict=True)]
        body: Any
        if request.url.path != "/api/v1/algorithms/jobs/":  # a detail request
            body = next(j for j in results if request.url.path.endswith(f"/{j['pk']}/"))
        else:
            body = {"count": len(results), "next": None, "previous": None, "results": results}
        return httpx.Response(
            200, content=json.dumps(body), headers={"Content-Type": "application/json"}
        )

    def paths(self) -> list[str]:
        return ["list" if r.url.path.endswith("/jobs/") else "detail" for r in self.requests]


class Sleeps:
    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


async def test_backoff_grows_resets_and_yields_as_finished() -> None:
    pks = [str(uuid.uuid4()) for _ in range(3)]
    script = Script(
        pks,
        [
            ["Executing", "Executing", "Queued"],
            ["Executing", "Executing", "Queued"],
            ["Executing", "Executing", "Queued"],
            ["Succeeded", "Executing", "Queued"],
            ["Succeeded", "Failed", "Cancelled"],
        ],
    )
    sleeps = Sleeps()
    client = AsyncClient(
        "t" * 40, base_url=API, transport=httpx.MockTransport(script), sleep=sleeps
    )
    async with client:
        order = [
            j.pk async for j in client.jobs.as_finished(pks, algorithm=ALGORITHM, progress=False)
        ]
    assert [str(pk) for pk in order] == [pks[0], pks[1], pks[2]]
    assert sleeps.calls == pytest.approx([1.0, 1.6, 2.56, 1.0])  # grows, then resets on change
    assert len(script.requests) == 5  # one list request per round for three jobs
    assert all(r.url.params["algorithm_image__algorithm"] == ALGORITHM for r in script.requests)
    assert all(r.url.params["limit"] == "1000" for r in script.requests)


async def test_unknown_status_labels_are_not_terminal() -> None:
    pks = [str(uuid.uuid4()) for _ in range(3)]
    script = Script(pks, [["Paused (new)"] * 3, ["Succeeded"] * 3])
    client = AsyncClient(
        "t" * 40, base_url=API, transport=httpx.MockTransport(script), sleep=Sleeps()
    )
    async with client:
        done = await client.jobs.wait(pks, algorithm=ALGORITHM, progress=False)
    assert [j.status for j in done] == ["Succeeded"] * 3 and len(script.requests) == 2


async def test_bare_pks_learn_the_algorithm_with_one_detail_request() -> None:
    pks = [str(uuid.uuid4()) for _ in range(50)]
    script = Script(pks, [["Executing"] * 50, ["Executing"] * 50, ["Succeeded"] * 50])
    client = AsyncClient(
        "t" * 40, base_url=API, transport=httpx.MockTransport(script), sleep=Sleeps()
    )
    async with client:
        done = await client.jobs.wait(pks, progress=False)
    assert len(done) == 50
    # round 1: one detail request to learn the algorithm, then its list; then one list a round
    assert script.paths() == ["detail", "list", "list", "list"]


def _bar_states(err: str) -> list[tuple[int, dict[str, int]]]:
    """``(jobs finished, {status: count})`` of each line the jobs bar drew, in order."""
    states = []
    for line in re.split(r"[\r\n]+", err):
        bar = re.search(r"(\d+)/\d+ \[([^\]]*)\]", line)
        if bar is None:
            continue
        counts = {
            m.group(2): int(m.group(1))
            for part in bar.group(2).split(", ")
            if (m := re.fullmatch(r"(\d+) ([A-Z][A-Za-z -]*)", part))
        }
        if counts and (not states or states[-1] != (int(bar.group(1)), counts)):
            states.append((int(bar.group(1)), counts))
    return states


async def test_progress_shows_counts_per_status_each_round(
    capsys: pytest.CaptureFixture[str],
) -> None:
    pks = [str(uuid.uuid4()) for _ in range(3)]
    script = Script(
        pks,
        [
            ["Queued", "Queued", "Executing"],
            ["Succeeded", "Executing", "Executing"],
            ["Succeeded", "Failed", "Cancelled"],
        ],
    )
    client = AsyncClient(
        "t" * 40, base_url=API, transport=httpx.MockTransport(script), sleep=Sleeps()
    )
    finished: list[str] = []
    async with client:
        done = await client.jobs.wait(
            pks,
            algorithm=ALGORITHM,
            progress=True,
            raise_on_failure=False,
            on_finished=lambda job: finished.append(job.status),
        )
    assert [j.status for j in done] == ["Succeeded", "Failed", "Cancelled"]
    assert finished == ["Succeeded", "Failed", "Cancelled"]  # the callback, as each finished
    states = _bar_states(capsys.readouterr().err)
    counts = [c for _, c in states]
    # each round's counts, in order (a line may repeat a round's counts with a newer total)
    assert [c for n, c in enumerate(counts) if n == 0 or counts[n - 1] != c] == [
        {"Queued": 2, "Executing": 1},
        {"Succeeded": 1, "Executing": 2},
        {"Succeeded": 1, "Failed": 1, "Cancelled": 1},
    ]
    assert states[-1] == (3, {"Succeeded": 1, "Failed": 1, "Cancelled": 1})

"""End to end: algorithm endpoints (on-demand inference) and their invocations.

Async source; ``tests/workflows/_sync/`` is generated from it by ``scripts/make_sync.py``.
Keep-alives run on real time: the lifetimes here are a fraction of a second.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import gc_highlevel
from gc_highlevel._concurrency import async_sleep
from gc_highlevel.socket_values import (
    InputFileError,
    MissingInputError,
    SocketKindError,
    UnknownSocketError,
)
from gc_highlevel.testing import LocalGrandChallenge

from .helpers import api_requests, connect, ct_files, writes

pytestmark = [pytest.mark.anyio, pytest.mark.e2e]

LOBES = "pulmonary-lobe-segmentation"
CORADS = "corads-ai"


async def test_endpoint_lifecycle_and_reuse(local_gc: LocalGrandChallenge) -> None:
    local_gc.job_step_seconds = 0.05
    client, _ = connect(local_gc)
    async with client:
        async with client.algorithms.endpoint(LOBES) as first:
            assert not first.reused and first.endpoint.status == "Queued"
            assert first.endpoint.algorithm == first.algorithm.api_url
            running = await first.wait_until_running(timeout=30)
            assert running.status == "Running"
            assert local_gc.state.endpoints[str(first.pk)].history == [
                "Queued",
                "Started",
                "Running",
            ]
            local_gc.request_log.clear()
            async with client.algorithms.endpoint(first.algorithm) as second:
                assert second.reused and second.pk == first.pk
            # given the algorithm object: one list request (Running) found the endpoint
            assert api_requests(local_gc) == ["GET /api/v1/algorithms/endpoints/"]
            async with client.algorithms.endpoint(LOBES, reuse=False, keep_alive=False) as third:
                assert not third.reused and third.pk != first.pk
        running_now = await client.algorithm_endpoints.list(status="Running").to_list()
        assert first.pk in {e.pk for e in running_now}
        assert {e.pk for e in await client.algorithm_endpoints.list().to_list()} == {
            first.pk,
            third.pk,
        }


async def test_keep_alive_keeps_the_endpoint_running_until_the_session_ends(
    local_gc: LocalGrandChallenge,
) -> None:
    local_gc.endpoint_lifetime_seconds = 0.9  # a keep-alive every 0.3 s
    client, _ = connect(local_gc)
    async with client:
        async with client.algorithms.endpoint(LOBES) as endpoint:
            await async_sleep(1.8)  # two lifetimes
            assert (await endpoint.refresh()).status == "Running"
            assert endpoint.keep_alives >= 3 and endpoint.keep_alive_errors == []
        beats = local_gc.request_log.count(method="PATCH", path="keep_alive")
        assert beats == endpoint.keep_alives
        await async_sleep(1.0)
        assert local_gc.request_log.count(method="PATCH", path="keep_alive") == beats
        stopped = await client.algorithm_endpoints.get(endpoint.pk)
        assert stopped.status == "Stopped"
        with pytest.raises(gc_highlevel.BadRequestError, match="not running"):
            await client.algorithm_endpoints.keep_alive(stopped)


async def test_an_expired_endpoint_refuses_invocations_with_a_typed_error(
    local_gc: LocalGrandChallenge,
) -> None:
    local_gc.endpoint_lifetime_seconds = 0.3
    image = f"{local_gc.api_url}cases/images/{next(iter(local_gc.state.images))}/"
    client, _ = connect(local_gc)
    async with client:
        async with client.algorithms.endpoint(CORADS, keep_alive=False) as endpoint:
            await async_sleep(0.5)
            with pytest.raises(gc_highlevel.EndpointStoppedError) as info:
                await endpoint.invoke_one({"generic-medical-image": image})
            assert info.value.status == "Stopped"
            assert isinstance(info.value.__cause__, gc_highlevel.BadRequestError)
            local_gc.request_log.clear()
            result = await endpoint.invoke([{"generic-medical-image": image}], raise_on_error=False)
            assert not result.ok
            assert isinstance(result[0].error, gc_highlevel.EndpointStoppedError)
            assert api_requests(local_gc) == []  # known to have stopped: nothing sent
        local_gc.endpoint_lifetime_seconds = 60
        async with client.algorithms.endpoint(CORADS, keep_alive=False) as fresh:
            assert not fresh.reused  # a stopped endpoint is never reused
            posted = await fresh.invoke_one({"generic-medical-image": image})
            (done,) = await fresh.wait([posted])
    assert done.status == "Succeeded"
    assert not local_gc.state.invocations[str(done.pk)].history.count("Cancelled")


async def test_invoke_wait_and_download_outputs_named_after_the_inputs(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    files = ct_files(tmp_path / "io", 2)
    client, _ = connect(local_gc)
    async with client, client.algorithms.endpoint(LOBES) as endpoint:
        invocations = await endpoint.invoke([{"generic-medical-image": p} for p in files])
        assert invocations.ok and len(invocations.pks()) == 2
        local_gc.request_log.clear()
        done = await endpoint.wait(invocations, timeout=60)
        # one GET per unfinished invocation per round, nothing else
        gets = api_requests(local_gc)
        assert gets and all(r.startswith("GET /api/v1/algorithms/invocations/") for r in gets)
        assert [i.pk for i in done] == invocations.pks()
        assert [i.status for i in done] == ["Succeeded", "Succeeded"]
        assert endpoint.outputs(done[0])["lung-volume"].value > 0  # type: ignore[operator]
        out = await endpoint.download_outputs(done, tmp_path / "out", template="{stem}_lobes{ext}")
    assert sorted(o.path.name for o in out) == [
        "case01_lobes.json",
        "case01_lobes.mha",
        "case02_lobes.json",
        "case02_lobes.mha",
    ]
    assert {o.job_pk for o in out} == {i.pk for i in done}
    assert all(o.path.stat().st_size > 0 for o in out)


async def test_invocation_on_an_existing_image_with_file_outputs(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    image = sorted(local_gc.state.images.values(), key=lambda i: i.name)[0]
    client, _ = connect(local_gc)
    async with client:
        async with client.algorithms.endpoint(CORADS) as endpoint:
            posted = await endpoint.invoke_one(
                {"generic-medical-image": f"{local_gc.api_url}cases/images/{image.pk}/"}
            )
        # waiting and downloading need no running session
        (done,) = await endpoint.wait(posted)
        out = await endpoint.download_outputs(done, tmp_path, sockets=["corads-score", "report"])
    assert endpoint.outputs(done)["corads-score"].value in (1, 2, 3, 4, 5)
    stem = image.name.removesuffix(".mha")
    assert sorted(o.path.name for o in out) == [f"{stem}_corads-score.json", f"{stem}_report.pdf"]
    assert (tmp_path / f"{stem}_report.pdf").read_bytes().startswith(b"%PDF")


async def test_bad_input_raises_before_any_request(
    local_gc: LocalGrandChallenge, tmp_path: Path
) -> None:
    (good,) = ct_files(tmp_path, 1)
    client, _ = connect(local_gc)
    async with client:
        with pytest.raises(gc_highlevel.InvalidReferenceError):
            client.algorithms.endpoint(5)
        with pytest.raises(gc_highlevel.InvalidArgumentError, match="keep_alive_every"):
            client.algorithms.endpoint(LOBES, keep_alive_every=0)
        with pytest.raises(gc_highlevel.InvalidArgumentError, match="Queued, Started, Running"):
            client.algorithm_endpoints.list(status="Stopped")  # type: ignore[arg-type]
        session = client.algorithms.endpoint(LOBES)
        with pytest.raises(gc_highlevel.EndpointError, match="with"):
            await session.invoke([{"generic-medical-image": good}])
        assert api_requests(local_gc) == []
        async with session as endpoint:
            local_gc.request_log.clear()
            bad_cases: list[tuple[object, type[Exception]]] = [
                ({"generic-medical-imag": good}, UnknownSocketError),
                ({"generic-medical-image": 1.9}, SocketKindError),
                ({"generic-medical-image": tmp_path / "missing.mha"}, InputFileError),
                ({}, MissingInputError),
            ]
            for case, error in bad_cases:
                with pytest.raises(error):
                    # a good case first: nothing is uploaded for it either
                    await endpoint.invoke([{"generic-medical-image": good}, case])  # type: ignore[list-item]
                with pytest.raises(error):
                    await endpoint.invoke_one(case)  # type: ignore[arg-type]
            with pytest.raises(gc_highlevel.InvalidReferenceError):
                await endpoint.wait(["not-a-uuid"])
            with pytest.raises(gc_highlevel.InvalidArgumentError, match="template"):
                await endpoint.download_outputs([], tmp_path, template="{stemm}")
            assert [r for r in api_requests(local_gc) if "keep_alive" not in r] == []
    assert [w for w in writes(local_gc) if "keep_alive" not in w] == []


async def test_outsiders_can_neither_start_nor_see_endpoints(
    local_gc: LocalGrandChallenge,
) -> None:
    image = f"{local_gc.api_url}cases/images/{next(iter(local_gc.state.images))}/"
    demo, _ = connect(local_gc)
    outsider, _ = connect(local_gc, "outsider")
    async with demo, outsider:
        async with demo.algorithms.endpoint(CORADS, keep_alive=False) as endpoint:
            posted = await endpoint.invoke_one({"generic-medical-image": image})
            # the algorithm is public, but only its users may start an endpoint
            with pytest.raises(gc_highlevel.BadRequestError) as info:
                await outsider.algorithms.endpoint(CORADS).start()
            assert "algorithm" in info.value.field_errors
            assert await outsider.algorithm_endpoints.list().to_list() == []
            assert await outsider.algorithm_invocations.list().to_list() == []
            with pytest.raises(gc_highlevel.NotFoundError):
                await outsider.algorithm_endpoints.get(endpoint.pk)
            with pytest.raises(gc_highlevel.NotFoundError):
                await outsider.algorithm_invocations.get(posted.pk)
            with pytest.raises(gc_highlevel.BadRequestError) as refused:
                await outsider.algorithm_invocations.create(endpoint=endpoint.endpoint, inputs=[])
            assert "endpoint" in refused.value.field_errors
            (done,) = await endpoint.wait([posted])
        assert [i.pk for i in await demo.algorithm_invocations.list().to_list()] == [posted.pk]
    assert done.status == "Succeeded"


async def test_failed_invocations_raise_with_the_servers_message(
    local_gc: LocalGrandChallenge,
) -> None:
    images = sorted(local_gc.state.images.values(), key=lambda i: i.name)[:2]
    cases = [{"generic-medical-image": f"{local_gc.api_url}cases/images/{i.pk}/"} for i in images]
    local_gc.state.fail_next_job(LOBES)
    client, _ = connect(local_gc)
    async with client, client.algorithms.endpoint(LOBES) as endpoint:
        invocations = await endpoint.invoke(cases, concurrency=1)
        with pytest.raises(gc_highlevel.InvocationFailedError, match="Scripted failure") as info:
            await endpoint.wait(invocations)
        assert info.value.status == "Failed"
        assert len(info.value.invocations) == 2 and len(info.value.failed) == 1
        finished = await endpoint.wait(invocations, raise_on_failure=False)
    assert sorted(i.status for i in finished) == ["Failed", "Succeeded"]


async def test_waiting_runs_out_of_time_with_the_pending_invocations(
    local_gc: LocalGrandChallenge,
) -> None:
    image = f"{local_gc.api_url}cases/images/{next(iter(local_gc.state.images))}/"
    client, _ = connect(local_gc)
    async with client, client.algorithms.endpoint(CORADS) as endpoint:
        local_gc.worker.pause()
        posted = await endpoint.invoke_one({"generic-medical-image": image})
        with pytest.raises(gc_highlevel.InvocationTimeoutError) as info:
            await endpoint.wait(posted, timeout=0)
        assert [i.pk for i in info.value.pending] == [posted.pk]
        local_gc.worker.resume()
        (done,) = await endpoint.wait(posted, timeout=60)
    assert done.status == "Succeeded"

"""Algorithm endpoints and invocations: on-demand inference (research §12.1)."""

from __future__ import annotations

import time
from typing import Any

import httpx

from gc_highlevel.testing import LocalGrandChallenge

from .conftest import ct_bytes, upload, wait
from .test_algorithms import algorithm


def start(c: httpx.Client, slug: str = "corads-ai") -> dict[str, Any]:
    r = c.post("algorithms/endpoints/", json={"algorithm": algorithm(c, slug)["api_url"]})
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


def image_url(gc: LocalGrandChallenge) -> str:
    image = sorted(gc.state.images.values(), key=lambda i: i.name)[0]
    return f"{gc.api_url}cases/images/{image.pk}/"


def invoke(c: httpx.Client, endpoint: dict[str, Any], inputs: list[Any]) -> httpx.Response:
    return c.post(
        "algorithms/invocations/", json={"endpoint": endpoint["api_url"], "inputs": inputs}
    )


def test_endpoint_lifecycle_keep_alive_and_expiry(
    gc: LocalGrandChallenge, demo: httpx.Client
) -> None:
    gc.job_step_seconds = 0.05
    gc.endpoint_lifetime_seconds = 0.5
    ep = start(demo)
    assert ep["status"] == "Queued"
    assert ep["algorithm"] == algorithm(demo, "corads-ai")["api_url"]
    assert ep["remaining_lifetime"].startswith("P0DT00H00M00.")
    wait(gc)
    assert gc.state.endpoints[ep["pk"]].history == ["Queued", "Started", "Running"]
    running = demo.get("algorithms/endpoints/", params={"status": "Running"}).json()
    assert [e["pk"] for e in running["results"]] == [ep["pk"]]
    assert demo.get("algorithms/endpoints/", params={"status": "Queued"}).json()["count"] == 0
    for _ in range(3):  # 0.9 s in all, almost twice the lifetime
        time.sleep(0.3)
        r = demo.patch(f"algorithms/endpoints/{ep['pk']}/keep_alive/")
        assert r.status_code == 200, r.text
        assert r.json()["status"] == "Running"
    time.sleep(0.6)
    stopped = demo.get(f"algorithms/endpoints/{ep['pk']}/").json()
    assert stopped["status"] == "Stopped" and stopped["remaining_lifetime"] == "P0DT00H00M00S"
    assert demo.get("algorithms/endpoints/", params={"status": "Running"}).json()["count"] == 0
    message = ["This endpoint is not running. Create a new endpoint to invoke the algorithm."]
    r = invoke(demo, ep, [{"interface": "generic-medical-image", "image": image_url(gc)}])
    assert r.status_code == 400 and r.json() == {"non_field_errors": message}
    r = demo.patch(f"algorithms/endpoints/{ep['pk']}/keep_alive/")
    assert r.status_code == 400 and r.json() == {"non_field_errors": message}
    r = demo.get("algorithms/endpoints/", params={"status": "Stopped"})
    assert r.status_code == 400
    assert r.json() == {
        "status": ["Select a valid choice. Stopped is not one of the available choices."]
    }


def test_invocation_from_an_upload_runs_once_the_endpoint_runs(
    gc: LocalGrandChallenge, demo: httpx.Client
) -> None:
    gc.job_step_seconds = 0.05
    ep = start(demo, "pulmonary-lobe-segmentation")
    up = upload(demo, "case01.mha", ct_bytes(1))
    r = invoke(demo, ep, [{"interface": "generic-medical-image", "user_uploads": [up["api_url"]]}])
    assert r.status_code == 201, r.text
    posted = r.json()
    assert posted["status"] == "Validating inputs" and posted["inputs"] == []
    assert posted["endpoint"] == ep["api_url"] and set(posted) == {
        "pk",
        "endpoint",
        "inputs",
        "status",
    }
    wait(gc)
    done = demo.get(f"algorithms/invocations/{posted['pk']}/").json()
    assert done["status"] == "Succeeded" and done["error_message"] == ""
    assert gc.state.invocations[posted["pk"]].history == [
        "Validating inputs",
        "Queued",
        "Started",
        "Succeeded",
    ]
    outputs = {o["interface"]["slug"]: o for o in done["outputs"]}
    assert outputs["lung-volume"]["value"] > 0
    seg = demo.get(outputs["pulmonary-lobes"]["image"])
    assert seg.status_code == 200  # the creator sees the output image
    (listed,) = demo.get("algorithms/invocations/").json()["results"]
    assert listed == done


def test_invocation_errors(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    ep = start(demo)
    r = invoke(demo, ep, [{"interface": "ct-image", "image": image_url(gc)}])
    assert r.status_code == 400
    (message,) = r.json()["non_field_errors"]
    assert message.startswith("The set of inputs provided does not match any of the algorithm's")
    r = demo.post("algorithms/invocations/", json={"inputs": []})
    assert r.json() == {"endpoint": ["This field is required."]}
    r = demo.post("algorithms/invocations/", json={"endpoint": ep["algorithm"], "inputs": []})
    assert r.json() == {"endpoint": ["Invalid hyperlink - Incorrect URL match."]}
    # a file that is not an image: the invocation is cancelled once the import fails
    up = upload(demo, "notes.mha", b"not an image at all")
    r = invoke(demo, ep, [{"interface": "generic-medical-image", "user_uploads": [up["api_url"]]}])
    assert r.status_code == 201, r.text
    wait(gc)
    failed = demo.get(f"algorithms/invocations/{r.json()['pk']}/").json()
    assert failed["status"] == "Cancelled"
    assert failed["error_message"] == "One or more of the inputs failed validation."
    gc.state.fail_next_job("corads-ai")
    r = invoke(demo, ep, [{"interface": "generic-medical-image", "image": image_url(gc)}])
    wait(gc)
    failed = demo.get(f"algorithms/invocations/{r.json()['pk']}/").json()
    assert failed["status"] == "Failed" and failed["error_message"] == "Scripted failure"


def test_queued_invocations_are_cancelled_when_the_endpoint_stops_first(
    gc: LocalGrandChallenge, demo: httpx.Client
) -> None:
    gc.endpoint_lifetime_seconds = 0.2
    gc.worker.pause()  # the endpoint never gets to run
    ep = start(demo)
    r = invoke(demo, ep, [{"interface": "generic-medical-image", "image": image_url(gc)}])
    assert r.status_code == 201
    time.sleep(0.3)
    inv = demo.get(f"algorithms/invocations/{r.json()['pk']}/").json()
    assert inv["status"] == "Cancelled"
    assert inv["error_message"] == "The endpoint stopped before this invocation ran."
    gc.worker.resume()
    wait(gc)
    assert gc.state.endpoints[ep["pk"]].history == ["Queued", "Stopped"]
    assert demo.get(f"algorithms/invocations/{inv['pk']}/").json()["status"] == "Cancelled"


def test_only_users_of_the_algorithm_start_endpoints_and_only_owners_see_them(
    gc: LocalGrandChallenge,
    demo: httpx.Client,
    outsider: httpx.Client,
    reader: httpx.Client,
    anon: httpx.Client,
) -> None:
    ep = start(demo)
    posted = invoke(demo, ep, [{"interface": "generic-medical-image", "image": image_url(gc)}])
    inv = posted.json()
    url = algorithm(demo, "corads-ai")["api_url"]
    r = outsider.post("algorithms/endpoints/", json={"algorithm": url})
    assert r.status_code == 400
    assert r.json() == {"algorithm": ["Invalid hyperlink - Object does not exist."]}
    assert anon.post("algorithms/endpoints/", json={"algorithm": url}).status_code == 401
    for other in (outsider, reader):
        assert other.get("algorithms/endpoints/").json()["count"] == 0
        assert other.get("algorithms/invocations/").json()["count"] == 0
        assert other.get(f"algorithms/endpoints/{ep['pk']}/").status_code == 404
        assert other.get(f"algorithms/invocations/{inv['pk']}/").status_code == 404
        assert other.patch(f"algorithms/endpoints/{ep['pk']}/keep_alive/").status_code == 404
        r = invoke(other, ep, [{"interface": "generic-medical-image", "image": image_url(gc)}])
        assert r.json()["endpoint"] == ["Invalid hyperlink - Object does not exist."]
    # the algorithm's editors see the endpoints and invocations of its users
    corads = next(a for a in gc.state.algorithms.values() if a.slug == "corads-ai")
    corads.editors.add(gc.users["reader"].pk)
    assert [e["pk"] for e in reader.get("algorithms/endpoints/").json()["results"]] == [ep["pk"]]
    assert reader.get(f"algorithms/invocations/{inv['pk']}/").status_code == 200
    wait(gc)

"""Archives, archive items, upload sessions with panimg, images and downloads (§4, §5, §7, §9)."""

from __future__ import annotations

import time

import httpx
import numpy as np

from gc_highlevel.testing import LocalGrandChallenge
from gc_highlevel.testing.algos import tiny_pdf

from .conftest import archive_by_slug, ct_bytes, mask_bytes, read_mha, upload, wait


def test_find_archive_by_title_and_slug(demo: httpx.Client, anon: httpx.Client) -> None:
    titles = [a["title"] for a in demo.get("archives/").json()["results"]]
    assert titles == ["coronacases.org", "radboudcovid"]
    a = archive_by_slug(demo, "coronacasesorg")
    assert a["url"].endswith("/archives/coronacasesorg/")
    # the public archive is readable anonymously, the private one is not
    assert [a["title"] for a in anon.get("archives/").json()["results"]] == ["coronacases.org"]
    private = archive_by_slug(demo, "radboudcovid")
    r = anon.get(f"archives/{private['pk']}/")
    assert r.status_code == 404 and r.json() == {"detail": "No Archive matches the given query."}


def test_download_archive_images(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    a = archive_by_slug(demo, "coronacasesorg")
    r = demo.get("cases/images/", params={"archive": a["pk"]})
    images = r.json()["results"]
    assert [i["name"] for i in images] == [f"coronacases_{n:03d}.mha" for n in (1, 2, 3)]
    f = images[0]["files"][0]
    assert f["image_type"] == "MHD" and f["file"].startswith(gc.base_url + "/media/images/")
    r = demo.get(f["file"])
    assert r.status_code == 302
    assert r.headers["location"].startswith(gc.storage_url)
    r = demo.get(f["file"], follow_redirects=True)
    assert r.status_code == 200
    arr = read_mha(r.content)
    assert arr.shape == (16, 40, 40)
    assert images[0]["shape"] == [16, 40, 40] and images[0]["voxel_depth_mm"] == 2.5
    # the storage request carried no API token (httpx drops it cross-origin)
    assert gc.request_log.count(kind="storage", method="GET") == 1
    # items of the archive
    items = demo.get("archives/items/", params={"archive": a["pk"]}).json()["results"]
    assert len(items) == 3
    assert items[0]["values"][0]["interface"]["slug"] == "ct-image"


def test_image_permissions(
    gc: LocalGrandChallenge, demo: httpx.Client, outsider: httpx.Client, anon: httpx.Client
) -> None:
    a = archive_by_slug(demo, "coronacasesorg")
    image = demo.get("cases/images/", params={"archive": a["pk"]}).json()["results"][0]
    r = outsider.get(f"cases/images/{image['pk']}/")
    assert r.status_code == 404 and r.json() == {"detail": "No Image matches the given query."}
    assert outsider.get(image["files"][0]["file"]).status_code == 403
    assert outsider.get(image["files"][0]["file"][:-3] + "raw").status_code == 403
    assert demo.get(image["files"][0]["file"][:-3] + "raw").status_code == 404
    assert anon.get(image["files"][0]["file"]).status_code == 403
    assert outsider.get("cases/images/", params={"archive": a["pk"]}).json()["count"] == 0
    r = demo.get(f"cases/images/{image['pk']}/dicom/instances/")
    assert r.status_code == 404
    assert r.json() == {"detail": "This image does not have a DICOM Image Set."}
    assert demo.get("cases/images/not-a-uuid/").status_code == 404


def test_upload_session_into_archive(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    up = upload(demo, "scan.mha", ct_bytes())
    r = demo.post(
        "cases/upload-sessions/",
        json={"uploads": [up["api_url"]], "archive": "radboudcovid", "interface": "ct-image"},
    )
    assert r.status_code == 201, r.text
    session = r.json()
    assert session["status"] == "Queued" and session["image_set"] == []
    assert session["user_uploads"] == [up["pk"]]
    wait(gc)
    session = demo.get(session["api_url"]).json()
    assert session["status"] == "Succeeded", session
    assert len(session["image_set"]) == 1
    assert demo.get(up["api_url"]).status_code == 404  # consumed uploads are deleted
    a = archive_by_slug(demo, "radboudcovid")
    items = demo.get("archives/items/", params={"archive": a["pk"]}).json()["results"]
    assert len(items) == 1
    (value,) = items[0]["values"]
    assert value["interface"]["slug"] == "ct-image"
    assert value["image"] == session["image_set"][0]
    image = demo.get(value["image"]).json()
    assert image["name"] == "scan.mha" and image["files"][0]["image_type"] == "MHD"
    assert demo.get("cases/images/", params={"origin": session["pk"]}).json()["count"] == 1


def test_session_status_sequence_and_failure(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    gc.worker.pause()
    up = upload(demo, "notes.txt", b"this is not an image")
    r = demo.post(
        "cases/upload-sessions/", json={"uploads": [up["api_url"]], "archive": "radboudcovid"}
    )
    assert r.json()["status"] == "Queued"
    assert demo.get(r.json()["api_url"]).json()["status"] == "Re-Queued"
    gc.worker.resume()
    wait(gc)
    s = demo.get(r.json()["api_url"]).json()
    assert s["status"] == "Failed"
    assert s["error_message"] == "1 file(s) could not be imported"


def test_session_validation(
    gc: LocalGrandChallenge, demo: httpx.Client, outsider: httpx.Client
) -> None:
    r = demo.post("cases/upload-sessions/", json={})
    assert r.status_code == 400 and r.json() == {"uploads": ["This field is required."]}
    up = upload(demo, "a.mha", ct_bytes())
    r = outsider.post("cases/upload-sessions/", json={"uploads": [up["api_url"]]})
    assert r.json() == {"uploads": ["Invalid hyperlink - Object does not exist."]}
    up2 = upload(outsider, "a.mha", ct_bytes())
    r = outsider.post(
        "cases/upload-sessions/", json={"uploads": [up2["api_url"]], "archive": "radboudcovid"}
    )
    assert r.json() == {"archive": ["Object with slug=radboudcovid does not exist."]}
    r = demo.post(
        "cases/upload-sessions/", json={"uploads": [up["api_url"]], "interface": "ct-image"}
    )
    assert r.json() == {
        "non_field_errors": [
            "An interface can only be defined for archive, archive item or display set uploads."
        ]
    }
    item = demo.post(
        "archives/items/", json={"archive": archive_by_slug(demo, "radboudcovid")["api_url"]}
    ).json()
    r = demo.post(
        "cases/upload-sessions/", json={"uploads": [up["api_url"]], "archive_item": item["pk"]}
    )
    assert r.json() == {
        "non_field_errors": ["An interface needs to be defined to upload to an archive item."]
    }
    # a bare path is a valid hyperlink too; a session without target stays Queued
    path = "/api/v1/uploads/" + up["pk"] + "/"
    r = demo.post("cases/upload-sessions/", json={"uploads": [path]})
    assert r.status_code == 201
    wait(gc)
    assert demo.get(r.json()["api_url"]).json()["status"] == "Queued"
    r = demo.post(
        "cases/upload-sessions/", json={"uploads": [gc.api_url + "archives/" + up["pk"] + "/"]}
    )
    assert r.json() == {"uploads": ["Invalid hyperlink - Incorrect URL match."]}
    r = demo.post("cases/upload-sessions/", json={"uploads": ["http://x/nothing/"]})
    assert r.json() == {"uploads": ["Invalid hyperlink - No URL match."]}
    r = demo.post("cases/upload-sessions/", json={"uploads": [1]})
    assert r.json() == {"uploads": ["Incorrect type. Expected URL string, received int."]}


def test_archive_item_create_patch_put(
    gc: LocalGrandChallenge, demo: httpx.Client, reader: httpx.Client, outsider: httpx.Client
) -> None:
    archive = archive_by_slug(demo, "radboudcovid")
    r = demo.post(
        "archives/items/",
        json={
            "archive": archive["api_url"],
            "values": [{"interface": "lung-volume", "value": 1.9}],
        },
    )
    assert r.status_code == 400 and r.json() == ["Values can only be added via update"]
    r = outsider.post("archives/items/", json={"archive": archive["api_url"]})
    assert r.json() == {"archive": ["Invalid hyperlink - Object does not exist."]}
    r = demo.post("archives/items/", json={"archive": archive["api_url"], "title": "case 1"})
    assert r.status_code == 201
    item = r.json()
    assert item["values"] == [] and item["title"] == "case 1"
    r = demo.post("archives/items/", json={"archive": archive["api_url"], "title": "case 1"})
    assert r.json() == {"non_field_errors": ["The fields title, archive must make a unique set."]}
    second = demo.post("archives/items/", json={"archive": archive["api_url"]}).json()
    assert second["pk"] != item["pk"]  # not idempotent
    url = f"archives/items/{item['pk']}/"
    r = demo.patch(
        url,
        json={
            "values": [
                {"interface": "lung-volume", "value": 1.9},
                {"interface": "some-score", "value": 2},
            ]
        },
    )
    assert r.status_code == 200, r.text
    assert [(v["interface"], v["value"]) for v in r.json()["values"]] == [
        ("lung-volume", 1.9),
        ("some-score", 2),
    ]
    r = demo.patch(
        url, json={"values": [{"interface": "age", "value": 1.5}, {"interface": "age", "value": 3}]}
    )
    assert r.status_code == 400
    assert r.json() == {
        "values": [
            {"__all__": ["JSON does not fulfill schema: instance is not of type 'integer'"]},
            {},
        ]
    }
    r = demo.patch(url, json={"values": [{"interface": "nope", "value": 1}]})
    assert r.json() == {"values": [{"interface": ["Object with slug=nope does not exist."]}]}
    r = demo.patch(url, json={"values": [{"interface": "age", "value": "x"}]})
    assert r.json() == {
        "values": [
            {"__all__": ["JSON does not fulfill schema: instance 'x' is not of type 'integer'"]}
        ]
    }
    r = demo.patch(url, json={"values": [{"interface": "age", "value": None}]})
    assert r.json() == {
        "values": [{"non_field_errors": ["value is required for interface kind INT"]}]
    }
    r = demo.patch(url, json={"values": [{"interface": "age"}]})
    assert r.json()["values"][0]["non_field_errors"][0].startswith(
        "You must provide at least one of"
    )
    r = demo.patch(
        url,
        json={"values": [{"interface": "age", "value": 1, "image": None, "user_uploads": None}]},
    )
    assert r.status_code == 200  # keys set to null count as absent
    # PATCH only touches the named sockets
    r = demo.patch(url, json={"values": [{"interface": "lung-volume", "value": 2.5}]})
    assert {v["interface"]: v["value"] for v in r.json()["values"]} == {
        "age": 1,
        "lung-volume": 2.5,
        "some-score": 2,
    }
    # PUT removes every socket it does not list; without values it clears them all
    r = demo.put(url, json={"values": [{"interface": "some-score", "value": 3}]})
    assert [v["interface"] for v in r.json()["values"]] == ["some-score"]
    assert r.json()["title"] == "case 1"
    r = demo.put(url, json={})
    assert r.json()["values"] == []
    # archive users can view but not change; outsiders cannot see it
    assert outsider.patch(url, json={"title": "x"}).status_code == 404
    gc.state.archives[archive["pk"]].users.add(gc.users["reader"].pk)
    assert reader.get(url).status_code == 200
    r = reader.patch(url, json={"title": "x"})
    assert r.status_code == 403
    assert r.json() == {"detail": "You do not have permission to perform this action."}


def test_archive_tutorial_flow(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    """The archives tutorial: upload CT, add an overlay, a PDF and a value, retype the overlay."""
    up = upload(demo, "ct.mha", ct_bytes())
    demo.post(
        "cases/upload-sessions/",
        json={"uploads": [up["api_url"]], "archive": "radboudcovid", "interface": "ct-image"},
    )
    wait(gc)
    archive = archive_by_slug(demo, "radboudcovid")
    (item,) = demo.get("archives/items/", params={"archive": archive["pk"]}).json()["results"]
    overlay = upload(demo, "overlay.mha", mask_bytes((0, 1)))
    r = demo.post(
        "cases/upload-sessions/",
        json={
            "uploads": [overlay["api_url"]],
            "archive_item": item["pk"],
            "interface": "generic-overlay",
        },
    )
    assert r.status_code == 201
    report = upload(demo, "report.pdf", tiny_pdf("hello"))
    r = demo.patch(
        f"archives/items/{item['pk']}/",
        json={
            "values": [
                {"interface": "report", "user_upload": report["api_url"]},
                {"interface": "lung-volume", "value": 1.9},
            ]
        },
    )
    assert r.status_code == 200
    # asynchronous values are not in the PATCH response yet
    assert [v["interface"] for v in r.json()["values"]] in (
        ["lung-volume", "ct-image"],
        ["lung-volume", "report", "ct-image"],
        ["lung-volume", "ct-image", "generic-overlay"],
        ["lung-volume", "report", "ct-image", "generic-overlay"],
    )
    wait(gc)
    item = demo.get(f"archives/items/{item['pk']}/").json()
    slugs = [v["interface"]["slug"] for v in item["values"]]
    assert slugs == ["lung-volume", "report", "ct-image", "generic-overlay"]  # server order
    pdf = next(v for v in item["values"] if v["interface"]["slug"] == "report")
    assert pdf["file"].endswith("/report.pdf")
    r = demo.get(pdf["file"], follow_redirects=True)
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert demo.get(report["api_url"]).status_code == 404
    overlay_value = next(v for v in item["values"] if v["interface"]["slug"] == "generic-overlay")
    r = demo.patch(
        f"archives/items/{item['pk']}/",
        json={"values": [{"interface": "tumor-likelihood-map", "image": overlay_value["image"]}]},
    )
    assert r.status_code == 200
    r = demo.put(
        f"archives/items/{item['pk']}/",
        json={
            "values": [
                {"interface": v["interface"]["slug"], "image": v["image"]}
                if v["image"]
                else {"interface": v["interface"]["slug"], "value": v["value"]}
                for v in item["values"]
                if v["interface"]["slug"] not in ("generic-overlay", "report")
            ]
            + [{"interface": "tumor-likelihood-map", "image": overlay_value["image"]}]
        },
    )
    assert [v["interface"] for v in r.json()["values"]] == [
        "lung-volume",
        "ct-image",
        "tumor-likelihood-map",
    ]
    # patients/studies
    a = archive_by_slug(demo, "coronacasesorg")
    assert demo.get(f"archives/{a['pk']}/patients/").json() == [
        "coronacases_001",
        "coronacases_002",
        "coronacases_003",
    ]
    assert demo.get(
        f"archives/{a['pk']}/studies/", params={"patient_id": "coronacases_001"}
    ).json() == ["CT chest"]
    r = demo.get(f"archives/{a['pk']}/studies/")
    assert r.status_code == 404 and r.json() == {"detail": "Not found."}


def test_segmentation_validation_fails_session(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    archive = archive_by_slug(demo, "radboudcovid")
    item = demo.post("archives/items/", json={"archive": archive["api_url"]}).json()
    bad = upload(demo, "seg.mha", mask_bytes((0, 1, 7)))
    r = demo.post(
        "cases/upload-sessions/",
        json={
            "uploads": [bad["api_url"]],
            "archive_item": item["pk"],
            "interface": "airway-segmentation",
        },
    )
    wait(gc)
    s = demo.get(r.json()["api_url"]).json()
    assert s["status"] == "Failed"
    assert s["error_message"].startswith(
        "Image validation for socket Airway Segmentation failed with error:"
    )
    assert demo.get(f"archives/items/{item['pk']}/").json()["values"] == []
    good = upload(demo, "seg.mha", mask_bytes((0, 1)))
    demo.patch(
        f"archives/items/{item['pk']}/",
        json={"values": [{"interface": "airway-segmentation", "user_uploads": [good["api_url"]]}]},
    )
    wait(gc)
    (v,) = demo.get(f"archives/items/{item['pk']}/").json()["values"]
    assert demo.get(v["image"]).json()["segments"] == [0, 1]
    sessions = demo.get("cases/upload-sessions/").json()["results"]
    assert [s["status"] for s in sessions] == ["Failed", "Succeeded"]
    _ = time, np


def test_same_value_again_reuses_the_socket_value(
    gc: LocalGrandChallenge, demo: httpx.Client
) -> None:
    archive = archive_by_slug(demo, "radboudcovid")
    item = demo.post("archives/items/", json={"archive": archive["api_url"]}).json()
    url = f"archives/items/{item['pk']}/"
    first = demo.patch(url, json={"values": [{"interface": "lung-volume", "value": 1.5}]}).json()
    again = demo.patch(url, json={"values": [{"interface": "lung-volume", "value": 1.5}]}).json()
    assert first["values"][0]["pk"] == again["values"][0]["pk"]
    other = demo.post("archives/items/", json={"archive": archive["api_url"]}).json()
    shared = demo.patch(
        f"archives/items/{other['pk']}/",
        json={"values": [{"interface": "lung-volume", "value": 1.5}]},
    ).json()
    assert shared["values"][0]["pk"] == first["values"][0]["pk"]  # get_first_or_create


def test_session_rules(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    a = upload(demo, "same.mha", ct_bytes(1))
    b = upload(demo, "same.mha", ct_bytes(2))
    r = demo.post("cases/upload-sessions/", json={"uploads": [a["api_url"], b["api_url"]]})
    assert r.json() == {"non_field_errors": ["Filenames must be unique"]}
    archive = archive_by_slug(demo, "radboudcovid")
    item = demo.post("archives/items/", json={"archive": archive["api_url"]}).json()
    r = demo.post(
        "cases/upload-sessions/",
        json={
            "uploads": [a["api_url"]],
            "archive": "radboudcovid",
            "archive_item": item["pk"],
            "interface": "ct-image",
        },
    )
    assert r.json() == {
        "non_field_errors": ["Only one of archive, archive item, answer or reader study can be set"]
    }
    r = demo.post("cases/upload-sessions/", json={"uploads": [a["api_url"]] * 101})
    assert r.json() == {
        "non_field_errors": [
            "Too many files uploaded. A maximum of 100 files may be uploaded per session."
        ]
    }


def test_failed_file_value_only_notifies(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    archive = archive_by_slug(demo, "radboudcovid")
    item = demo.post("archives/items/", json={"archive": archive["api_url"]}).json()
    bad = upload(demo, "report.pdf", b"not a pdf")
    r = demo.patch(
        f"archives/items/{item['pk']}/",
        json={"values": [{"interface": "report", "user_upload": bad["api_url"]}]},
    )
    assert r.status_code == 200
    wait(gc)
    assert demo.get(f"archives/items/{item['pk']}/").json()["values"] == []
    assert demo.get(bad["api_url"]).status_code == 200  # the upload stays
    notes = demo.get("notifications/").json()
    assert notes["count"] == 1 and notes["results"] == [{"read": False}]
    pk = next(iter(gc.state.notifications))
    assert demo.patch(f"notifications/{pk}/", json={"read": True}).json() == {"read": True}
    assert demo.delete(f"notifications/{pk}/").status_code == 204
    assert demo.get("notifications/").json()["count"] == 0

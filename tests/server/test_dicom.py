"""DICOM image set sockets (emulated HealthImaging import) and the DICOM endpoints (§7.3)."""

from __future__ import annotations

import io

import httpx
import pydicom

from gc_highlevel.testing import LocalGrandChallenge

from .conftest import archive_by_slug, dicom_series, upload, wait


def test_dicom_image_set_value(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    archive = archive_by_slug(demo, "radboudcovid")
    item = demo.post("archives/items/", json={"archive": archive["api_url"]}).json()
    url = f"archives/items/{item['pk']}/"
    ups = [upload(demo, f"slice{i}.dcm", b) for i, b in enumerate(dicom_series())]
    r = demo.patch(
        url,
        json={
            "values": [
                {"interface": "dicom-image-set", "user_uploads": [u["api_url"] for u in ups]}
            ]
        },
    )
    assert r.json() == {
        "values": [
            {
                "non_field_errors": [
                    "either user_uploads with image_name, or image are required for interface kind DCMIS"
                ]
            }
        ]
    }
    r = demo.patch(
        url,
        json={
            "values": [
                {
                    "interface": "dicom-image-set",
                    "user_uploads": [u["api_url"] for u in ups],
                    "image_name": "My CT",
                }
            ]
        },
    )
    assert r.status_code == 200, r.text
    wait(gc)
    (value,) = demo.get(url).json()["values"]
    image = demo.get(value["image"]).json()
    assert image["name"] == "My CT" and image["dicom_image_set"]["image_set_id"]
    assert image["shape"] == [3, 8, 8]
    r = demo.get(f"cases/images/{image['pk']}/dicom/instances/")
    assert r.status_code == 200
    body = r.json()
    assert len(body["instances"]) == 3
    first = body["instances"][0]
    with httpx.stream(**first["get_instance"]) as resp:  # what gcapi does
        data = resp.read()
    assert pydicom.dcmread(io.BytesIO(data)).SOPInstanceUID == first["sop_instance_uid"]
    frames = demo.get(f"cases/images/{image['pk']}/dicom/frames/").json()
    assert frames["image_set_id"] == body["image_set_id"]
    meta = httpx.request(**frames["get_image_set_metadata"]).json()
    assert sorted(meta["Instances"]) == sorted(i["sop_instance_uid"] for i in body["instances"])

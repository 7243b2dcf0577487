"""Auth, pagination, filters, conventions and error bodies (research §1, §2)."""

from __future__ import annotations

import httpx

from gc_highlevel.testing import LocalGrandChallenge


def test_gcapi_and_profile(gc: LocalGrandChallenge, demo: httpx.Client, anon: httpx.Client) -> None:
    r = anon.get("gcapi/")
    assert r.json() == {"latest_version": "0.13.2", "lowest_supported_version": "0.13.0"}
    me = demo.get("profiles/users/self/").json()
    assert me["user"] == {"username": "demo"}
    r = anon.get("profiles/users/self/")
    assert r.status_code == 401
    assert all(len(t) == 64 and int(t, 16) >= 0 for t in gc.tokens.values())
    assert sorted(gc.tokens) == ["demo", "outsider", "reader"]


def test_bad_credentials(gc: LocalGrandChallenge) -> None:
    url = gc.api_url + "gcapi/"
    cases = {
        "Bearer": "Invalid token header. No credentials provided.",
        "Bearer a b": "Invalid token header. Token string should not contain spaces.",
        "Bearer " + "0" * 64: "Invalid token.",
        "Bearer nothex": "Invalid token.",
    }
    for header, detail in cases.items():
        r = httpx.get(url, headers={"Authorization": header})
        assert r.status_code == 401, header
        assert r.json() == {"detail": detail}
        assert r.headers["WWW-Authenticate"] == "Bearer"
    # keyword is case-insensitive; other keywords are ignored (anonymous)
    r = httpx.get(
        gc.api_url + "profiles/users/self/",
        headers={"Authorization": f"BEARER {gc.tokens['demo']}"},
    )
    assert r.json()["user"]["username"] == "demo"
    r = httpx.get(
        gc.api_url + "profiles/users/self/", headers={"Authorization": f"Token {gc.tokens['demo']}"}
    )
    assert r.status_code == 401
    assert r.json() == {"detail": "Authentication credentials were not provided."}
    gc.state.users[gc.users["outsider"].pk].is_active = False
    r = httpx.get(url, headers=gc.headers("outsider"))
    assert r.json() == {"detail": "User inactive or deleted."}


def test_pagination(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    archive = gc.state.add_archive("many", editors=[gc.users["demo"]])
    for n in range(7):
        gc.state.add_archive_item(archive, {"some-score": float(n)})
    params = {"archive": archive.pk, "limit": "3"}
    page = demo.get("archives/items/", params=params).json()
    assert page["count"] == 7 and len(page["results"]) == 3 and page["previous"] is None
    assert page["next"].startswith(gc.api_url + "archives/items/?")
    assert f"archive={archive.pk}" in page["next"] and "offset=3" in page["next"]
    page2 = demo.get(page["next"]).json()
    assert page2["previous"] == f"{gc.api_url}archives/items/?archive={archive.pk}&limit=3"
    page3 = demo.get(page2["next"]).json()
    assert page3["next"] is None and len(page3["results"]) == 1
    assert "offset=3" in page3["previous"]
    seen = [v["values"][0]["value"] for p in (page, page2, page3) for v in p["results"]]
    assert sorted(seen) == [float(n) for n in range(7)]
    big = demo.get("archives/items/", params={"archive": archive.pk, "limit": "5000"}).json()
    assert big["count"] == 7
    assert demo.get("archives/items/", params={"limit": "0", "offset": "-4"}).status_code == 200
    capped = demo.get(
        "archives/items/", params={"archive": archive.pk, "limit": "5000", "offset": "1"}
    ).json()
    assert "limit=1000" in (capped["previous"] or "")


def test_filters(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    all_items = demo.get("archives/items/").json()["count"]
    # unknown filters are ignored
    assert demo.get("archives/items/", params={"nonsense": "1"}).json()["count"] == all_items
    r = demo.get("archives/items/", params={"archive": "not-a-uuid"})
    assert r.status_code == 400
    assert r.json() == {
        "archive": ["Select a valid choice. That choice is not one of the available choices."]
    }
    r = demo.get("archives/items/", params={"archive": "00000000-0000-4000-8000-000000000000"})
    assert r.status_code == 400
    # an existing archive the caller cannot see: 200 and an empty page
    private = gc.state.add_archive("private")
    r = demo.get("archives/items/", params={"archive": private.pk})
    assert r.status_code == 200 and r.json()["count"] == 0
    r = demo.get("cases/images/", params={"archive": "00000000-0000-4000-8000-000000000000"})
    assert r.json() == {
        "archive": [
            "Select a valid choice. 00000000-0000-4000-8000-000000000000 is not one of the available choices."
        ]
    }


def test_conventions_and_error_bodies(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    r = demo.get("archives", params={"slug": "x"})
    assert r.status_code == 301 and r.headers["location"] == "/api/v1/archives/?slug=x"
    assert demo.post("uploads", json={"filename": "a"}).status_code == 301
    r = demo.delete("archives/items/00000000-0000-4000-8000-000000000000/")
    assert r.status_code == 405 and r.json() == {"detail": 'Method "DELETE" not allowed.'}
    r = demo.get("no-such-thing/")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    r = demo.post("uploads/", content=b"{bad", headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["detail"].startswith("JSON parse error - ")
    r = demo.post("uploads/", content=b"x", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415
    assert r.json() == {"detail": 'Unsupported media type "text/plain" in request.'}
    r = demo.post(
        "uploads/",
        content=b"0" * (16 * 1024 * 1024 + 1),
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 413

    def chunked():  # type: ignore[no-untyped-def]
        for _ in range(17):
            yield b"0" * (1024 * 1024)

    r = demo.post("uploads/", content=chunked(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    r = demo.get("archives/items/not-a-uuid/")
    assert r.status_code == 404 and r.json() == {"detail": "Not found."}
    r = demo.get("archives/items/00000000-0000-4000-8000-000000000000/")
    assert r.json() == {"detail": "No ArchiveItem matches the given query."}
    # interfaces need a registered user
    assert httpx.get(gc.api_url + "components/interfaces/").status_code == 401
    slugs = {
        s["slug"]
        for s in demo.get("components/interfaces/", params={"limit": 100}).json()["results"]
    }
    assert {
        "generic-medical-image",
        "ct-image",
        "generic-overlay",
        "tumor-likelihood-map",
        "airway-segmentation",
        "some-score",
        "lung-volume",
        "report",
        "nodules",
    } <= slugs
    report = demo.get("components/interfaces/", params={"slug": "report"}).json()["results"][0]
    assert (report["kind"], report["super_kind"]) == ("PDF file", "File")
    nodules = demo.get("components/interfaces/", params={"slug": "nodules"}).json()["results"][0]
    assert nodules["super_kind"] == "File"


def test_request_log(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    gc.request_log.clear()
    demo.get("archives/", params={"slug": "coronacasesorg", "x": "1"})
    demo.get("gcapi/")
    (entry,) = gc.request_log.filter(path=r"/archives/$")
    assert entry.method == "GET" and entry.status == 200 and entry.kind == "api"
    assert entry.query == {"slug": ["coronacasesorg"], "x": ["1"]}
    assert entry.operation_id == "archives_list" and entry.response_bytes > 0
    assert entry.duration >= 0
    assert gc.request_log.count(kind="api") == 2
    assert gc.request_log.count(operation_id="gcapi_retrieve") == 1


def test_contract_mismatch_is_reported(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    # a client sending an invalid body that the server accepts anyway is flagged
    gc.contract.check_requests_always = True
    try:
        r = demo.post("uploads/", json={"filename": 12})  # DRF coerces to "12"
        assert r.status_code == 201 and r.json()["filename"] == "12"
        assert gc.contract.mismatches
        assert "X-GC-Contract-Mismatch" in r.headers
        assert "/filename" in gc.contract.report()
    finally:
        gc.contract.check_requests_always = False
        gc.contract.clear()


def test_schema_root_and_upload_expiry(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    r = httpx.get(gc.base_url + "/api/schema/", params={"format": "json"})
    assert r.status_code == 200 and r.json()["openapi"].startswith("3.")
    assert demo.get("").status_code == 403
    assert httpx.get(gc.api_url).status_code == 401
    up = demo.post("uploads/", json={"filename": "x.bin"}).json()
    assert gc.expire_uploads() == 0
    assert gc.expire_uploads(0) == 1
    assert demo.get(up["api_url"]).status_code == 404


def test_unused_resources_are_empty(demo: httpx.Client) -> None:
    for path in (
        "workstations/",
        "workstations/configs/",
        "workstations/sessions/",
        "workstations/feedback/",
        "subscriptions/",
    ):
        assert demo.get(path).json() == {"count": 0, "next": None, "previous": None, "results": []}
    r = demo.get("challenges/nope/")
    assert r.status_code == 404 and r.json() == {"detail": "No Challenge matches the given query."}


def test_csv_rendering(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    import csv
    import io

    r = demo.get("archives/", params={"format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["title"] for row in rows] == ["coronacases.org", "radboudcovid"]
    r = demo.get("reader-studies/questions/", headers={"Accept": "text/csv"})
    assert r.headers["content-type"].startswith("text/csv")
    assert "question_text" in r.text.splitlines()[0]
    assert demo.get("uploads/", params={"format": "csv"}).status_code == 404
    assert demo.get("archives/", params={"format": "json"}).json()["count"] == 2


def test_head_and_options(gc: LocalGrandChallenge, demo: httpx.Client) -> None:
    r = demo.head("archives/")
    assert r.status_code == 200 and r.content == b""
    r = demo.options("archives/items/")
    assert r.status_code == 200 and "POST" in r.headers["Allow"]
    assert r.json()["parses"][0] == "application/json"


def test_a_slow_request_body_does_not_hold_up_other_requests(
    gc: LocalGrandChallenge, demo: httpx.Client
) -> None:
    import socket
    import time

    url = httpx.URL(gc.api_url)
    assert url.port is not None
    body = b'{"filename": "slow.mha"}'
    with socket.create_connection((url.host, url.port)) as slow:
        head = (
            f"POST {url.path}uploads/ HTTP/1.1\r\nHost: {url.host}:{url.port}\r\n"
            f"Authorization: Bearer {gc.tokens['demo']}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        )
        slow.sendall(head.encode() + body[:5])  # the rest is still on its way
        time.sleep(0.2)  # the server has taken the request and waits for its body
        started = time.monotonic()
        assert demo.get("archives/", timeout=10).status_code == 200
        assert time.monotonic() - started < 2
        slow.sendall(body[5:])
        answer = slow.makefile("rb").readline()
    assert answer.startswith(b"HTTP/1.1 201")

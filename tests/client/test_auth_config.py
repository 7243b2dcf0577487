"""Token and base-URL resolution, the config file, and the token-bearing auth object."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import httpx
import pytest

import gc_highlevel
from gc_highlevel import _auth
from gc_highlevel._auth import TokenAuth, normalize_token, resolve_base_url, resolve_token
from gc_highlevel._auth import config_path as real_config_path  # before the autouse patch

TOKEN = "f" * 64


@pytest.fixture
def config_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "gc-client" / "config.json"
    monkeypatch.setattr(_auth, "config_path", lambda: path)
    return path


def test_config_path_is_a_user_config_location() -> None:
    path = real_config_path()
    assert path.name == "config.json"
    assert path.parent.name == "gc-client"


@pytest.mark.parametrize("raw", [TOKEN, f"Bearer {TOKEN}", f"Token {TOKEN}", f" BEARER {TOKEN}\n"])
def test_normalize_token(raw: str) -> None:
    assert normalize_token(raw) == TOKEN


def test_malformed_token_error_does_not_echo_it() -> None:
    with pytest.raises(ValueError) as info:
        normalize_token(f"Bearer {TOKEN} extra")
    assert TOKEN not in str(info.value)


def test_resolution_order(monkeypatch: pytest.MonkeyPatch, config_file: Path) -> None:
    assert resolve_token(None) is None
    config_file.parent.mkdir(parents=True)
    config_file.write_text(json.dumps({"token": "c" * 64, "base_url": "https://gc.test/api/v1/"}))
    assert resolve_token(None) == "c" * 64
    assert str(resolve_base_url(None)) == "https://gc.test/api/v1/"
    monkeypatch.setenv("GRAND_CHALLENGE_AUTHORIZATION", "Bearer " + "e" * 64)
    monkeypatch.setenv("GRAND_CHALLENGE_API_URL", "http://127.0.0.1:9/api/v1/")
    assert resolve_token(None) == "e" * 64
    assert str(resolve_base_url(None)) == "http://127.0.0.1:9/api/v1/"
    assert resolve_token("a" * 64) == "a" * 64
    assert str(resolve_base_url("https://x.test/api/v1/")) == "https://x.test/api/v1/"


def test_client_reads_the_config_file(config_file: Path) -> None:
    config_file.parent.mkdir(parents=True)
    config_file.write_text(json.dumps({"token": TOKEN}))
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"count": 0, "next": None, "previous": None, "results": []})

    with gc_highlevel.Client(transport=httpx.MockTransport(handler)) as client:
        assert client.base_url == "https://grand-challenge.org/api/v1/"
        client.archives.list().to_list()
    assert seen[0].headers["Authorization"] == f"Bearer {TOKEN}"


def test_broken_config_file_error_does_not_echo_it(config_file: Path) -> None:
    config_file.parent.mkdir(parents=True)
    config_file.write_text('{"token": "' + TOKEN + '",')
    with pytest.raises(ValueError, match="not valid JSON") as info:
        resolve_token(None)
    assert TOKEN not in str(info.value)


def test_a_broken_config_file_is_not_read_when_the_token_and_url_are_given(
    monkeypatch: pytest.MonkeyPatch, config_file: Path
) -> None:
    config_file.parent.mkdir(parents=True)
    config_file.write_text('{"token": ')
    assert resolve_token("a" * 64) == "a" * 64
    monkeypatch.setenv("GRAND_CHALLENGE_AUTHORIZATION", "e" * 64)
    assert resolve_token(None) == "e" * 64
    with gc_highlevel.Client("a" * 64, base_url="https://gc.test/api/v1/") as client:
        assert client.base_url == "https://gc.test/api/v1/"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://grand-challenge.org/api/v1/", "plain http"),
        ("https://grand-challenge.org/", "must end with"),
        ("ftp://x/api/v1/", "absolute http"),
        ("https://grand-challenge.org/api/v1/?x=1", "query"),
    ],
)
def test_invalid_base_urls(url: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        resolve_base_url(url)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "gc.localhost", "127.1.2.3"])
def test_plain_http_allowed_for_loopback(host: str) -> None:
    assert resolve_base_url(f"http://{host}:8000/api/v1/").scheme == "http"


def test_token_auth_only_for_the_api_origin() -> None:
    auth = TokenAuth(TOKEN, httpx.URL("https://gc.test/api/v1/"))
    cases = {
        "https://gc.test/api/v1/archives/": True,
        "https://gc.test/media/x": True,
        "https://gc.test:8443/api/v1/": False,
        "http://gc.test/api/v1/": False,
        "https://evil.test/api/v1/": False,
        "https://gc.test.evil.test/": False,
        "https://bucket.s3.amazonaws.com/x?sig=1": False,
    }
    for url, expected in cases.items():
        request = next(auth.auth_flow(httpx.Request("GET", url)))
        assert ("Authorization" in request.headers) is expected, url
    assert TOKEN not in repr(auth) and TOKEN not in str(auth)
    with pytest.raises(TypeError):
        pickle.dumps(auth)


def test_direct_gets_of_transfers_carry_the_token_only_to_the_api_origin() -> None:
    """The transfers' direct GETs (get_direct) skip httpx.Client's auth flow: the token is
    added by the seam for the API's origin alone, with the client's headers, and a closed
    client refuses them before anything is sent."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(302, headers={"Location": "https://bucket.s3.test/x?sig=1"})

    client = gc_highlevel.Client(
        TOKEN,
        base_url="https://gc.test/api/v1/",
        transport=httpx.MockTransport(handler),
        headers={"X-Team": "lung"},
    )
    with client:
        for url in ("https://gc.test/media/x", "https://cdn.test/media/x"):
            response = client._http.get_direct(url)
            assert response.status_code == 302
            response.close()
    api, foreign = seen
    assert api.headers["Authorization"] == f"Bearer {TOKEN}"
    assert "Authorization" not in foreign.headers
    assert api.headers["X-Team"] == foreign.headers["X-Team"] == "lung"
    assert api.headers["User-Agent"].startswith("gc-client/")
    with pytest.raises(gc_highlevel.ClientClosedError):
        client._http.get_direct("https://gc.test/media/x")
    assert len(seen) == 2


def test_sync_raw_client_refuses_async_calls() -> None:
    import asyncio

    from gc_api.api.archives import archives_list

    client = gc_highlevel.Client(TOKEN, base_url="https://gc.test/api/v1/")
    with client, pytest.raises(RuntimeError, match=r"Client\.raw is synchronous"):
        asyncio.run(archives_list.asyncio_detailed(client=client.raw))

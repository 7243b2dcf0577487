"""Every bad argument raises a typed error before any request (issue #16, items 4 and 5).

Each family checks: the error class, that the message names the argument, that the mock
transport saw no request, and that the token never shows in the message, repr or pickle.
"""

from __future__ import annotations

import contextlib
import math
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

import gc_highlevel
from gc_highlevel import AsyncClient, InvalidArgumentError, InvalidReferenceError
from gc_highlevel._concurrency import Awaitable
from gc_highlevel._validate import MAX_JSON_VALUE_BYTES
from gc_highlevel.socket_values import (
    InputFileError,
    SocketKindError,
    SocketValueError,
    example_socket,
    plan_case,
)

from .helpers import API, TOKEN, Recorder, make_client

pytestmark = pytest.mark.anyio

SECRET = "s3cr3tPART"


def _assert_clean(error: BaseException, *secrets: str) -> None:
    """No secret in the message, the repr or the pickle of ``error``."""
    shown = [str(error), repr(error)]
    with contextlib.suppress(Exception):  # an error that cannot be pickled leaks nothing
        shown.append(pickle.dumps(error).decode("latin-1"))
    for secret in (TOKEN, *secrets):
        for text in shown:
            assert secret not in text


def _deep(depth: int) -> object:
    value: object = 1
    for _ in range(depth):
        value = [value]
    return value


# -- token ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "raw"),
    [
        ("argument", f"{SECRET}\x00tail"),
        ("argument", f"{SECRET}\x01tail"),
        ("argument", f"Bearer {SECRET}\x7ftail"),
        ("argument", f"{SECRET} tail"),
        ("environment", f"{SECRET}\x01tail"),
    ],
)
async def test_a_token_with_control_characters_is_refused_without_echo(
    source: str, raw: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder = Recorder()
    token: str | None = raw
    if source == "environment":
        monkeypatch.setenv("GRAND_CHALLENGE_AUTHORIZATION", raw)
        token = None
    with pytest.raises(InvalidArgumentError) as info:
        AsyncClient(token, base_url=API, transport=httpx.MockTransport(recorder))
    assert "token" in str(info.value)
    _assert_clean(info.value, SECRET)
    assert recorder.count == 0


# -- base_url ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        f"https://user:{SECRET}@gc.test/api/v1/",
        f"https://:{SECRET}@gc.test/api/v1/",
        f"https://{SECRET}@gc.test/api/v1/",
        f"http://admin:{SECRET}@127.0.0.1:8000/api/v1/",
    ],
)
async def test_a_base_url_with_credentials_is_refused_without_echo(url: str) -> None:
    recorder = Recorder()
    with pytest.raises(InvalidArgumentError) as info:
        AsyncClient(TOKEN, base_url=url, transport=httpx.MockTransport(recorder))
    assert "base_url" in str(info.value)
    _assert_clean(info.value, SECRET)
    assert recorder.count == 0


# -- timeout, max_retries, retry_budget -------------------------------------------------------


@pytest.mark.parametrize("via", ["__init__", "with_options"])
@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("timeout", -1),
        ("timeout", 0),
        ("timeout", math.nan),
        ("timeout", math.inf),
        ("timeout", httpx.Timeout(5.0, read=-1.0)),
        ("max_retries", math.nan),
        ("max_retries", 1.5),
        ("max_retries", -1),
        ("max_retries", True),
        ("retry_budget", -1),
        ("retry_budget", math.nan),
        ("retry_budget", math.inf),
    ],
)
async def test_bad_timeouts_and_retry_settings_are_refused(via: str, name: str, value: Any) -> None:
    recorder = Recorder()
    with pytest.raises(InvalidArgumentError) as info:
        if via == "__init__":
            make_client(recorder, **{name: value})
        else:
            async with make_client(recorder) as client:
                client.with_options(**{name: value})
    assert name in str(info.value)
    _assert_clean(info.value)
    assert recorder.count == 0


# -- concurrency, max_concurrency, max_active -------------------------------------------------

_CASES = [{"age": 1}]


def _call(client: AsyncClient, family: str, value: Any) -> Awaitable[Any]:
    calls: dict[str, Callable[[], Awaitable[Any]]] = {
        "max_active": lambda: client.algorithms.run("some-algorithm", _CASES, max_active=value),
        "concurrency": lambda: client.algorithms.run("some-algorithm", _CASES, concurrency=value),
        "archives": lambda: client.archives.add_cases("some-archive", _CASES, concurrency=value),
        "reader_studies": lambda: client.reader_studies.add_display_sets(
            "some-study", _CASES, concurrency=value
        ),
        "upload": lambda: client.transfers.upload(b"{}", filename="a.json", max_concurrency=value),
        "upload_many": lambda: client.transfers.upload_many([], max_concurrency=value),
        "mirror": lambda: client.archives.mirror("some-archive", "unused", concurrency=value),
    }
    return calls[family]()


@pytest.mark.parametrize("value", [0, -4, math.nan, 1.5, True])
@pytest.mark.parametrize(
    ("family", "name"),
    [
        ("max_active", "max_active"),
        ("concurrency", "concurrency"),
        ("archives", "concurrency"),
        ("reader_studies", "concurrency"),
        ("upload", "max_concurrency"),
        ("upload_many", "max_concurrency"),
        ("mirror", "concurrency"),
    ],
)
async def test_bad_concurrency_bounds_are_refused(family: str, name: str, value: Any) -> None:
    recorder = Recorder()
    async with make_client(recorder) as client:
        with pytest.raises(InvalidArgumentError) as info:
            await _call(client, family, value)
    assert name in str(info.value)
    _assert_clean(info.value)
    assert recorder.count == 0


@pytest.mark.parametrize("value", [-1, math.nan, math.inf, "10", True])
async def test_bad_wait_timeouts_are_refused_before_any_request(value: Any) -> None:
    recorder = Recorder()
    job = "3f1c2d3e-0000-4000-a000-123456789abc"
    async with make_client(recorder) as client:
        with pytest.raises(InvalidArgumentError) as info:
            await client.jobs.wait([job], timeout=value)
    assert "timeout must be None (no limit) or a finite number" in str(info.value)
    _assert_clean(info.value)
    assert recorder.count == 0


async def test_a_transfers_bound_of_zero_is_refused_at_construction() -> None:
    from gc_highlevel._async.transfers import AsyncTransfers

    recorder = Recorder()
    async with make_client(recorder) as client:
        with pytest.raises(InvalidArgumentError, match="max_concurrency"):
            AsyncTransfers(client, max_concurrency=0)
        assert recorder.count == 0


# -- cases: not a mapping, nested too deep, too large -----------------------------------------


@pytest.mark.parametrize("target", ["algorithms", "archives", "reader_studies"])
@pytest.mark.parametrize(
    "cases",
    [
        "age",
        5,
        [5],
        ["age"],
        [["age", 3]],
        [{1: 3}],
        [{"age": _deep(100_000)}],
        {"age": _deep(101)},
    ],
    ids=["str", "int", "int-case", "str-case", "list-case", "int-key", "deep", "deep-one-case"],
)
async def test_malformed_cases_are_refused_before_any_request(target: str, cases: Any) -> None:
    recorder = Recorder()
    async with make_client(recorder) as client:
        with pytest.raises(SocketValueError) as info:
            if target == "algorithms":
                await client.algorithms.run("some-algorithm", cases)
            elif target == "archives":
                await client.archives.add_cases("some-archive", cases)
            else:
                await client.reader_studies.add_display_sets("some-study", cases)
    assert isinstance(info.value, gc_highlevel.GCError)
    assert "case" in str(info.value)
    _assert_clean(info.value)
    assert recorder.count == 0


def test_json_values_over_the_request_limit_or_too_deep_are_refused_when_planned() -> None:
    sockets = {"notes": example_socket("notes", "Anything", "Value")}
    big = {"points": "x" * (MAX_JSON_VALUE_BYTES + 1)}
    with pytest.raises(SocketKindError, match=r"notes.*16 MiB") as info:
        plan_case({"notes": big}, sockets)
    assert info.value.slug == "notes"
    with pytest.raises(SocketKindError, match="deeper than 100"):
        plan_case({"notes": _deep(100_000)}, sockets)
    assert plan_case({"notes": _deep(50)}, sockets).values[0].value == _deep(50)


# -- file names -------------------------------------------------------------------------------


@pytest.mark.parametrize("call", ["upload-name", "upload-path", "upload_many", "bad-utf8"])
async def test_file_names_the_server_would_refuse_are_refused(call: str, tmp_path: Path) -> None:
    long_path = tmp_path / ("n" * 125 + ".mha")  # 129 characters
    long_path.write_bytes(b"x")
    recorder = Recorder()
    async with make_client(recorder) as client:
        with pytest.raises(InvalidArgumentError) as info:
            if call == "upload-name":
                await client.transfers.upload(b"{}", filename="a" * 129)
            elif call == "upload-path":
                await client.transfers.upload(long_path)
            elif call == "upload_many":
                await client.transfers.upload_many([long_path])
            else:
                await client.transfers.upload(b"{}", filename="bad\udcff.json")
    message = str(info.value)
    assert "filename" in message or "sources[0]" in message
    assert "128" in message or "UTF-8" in message
    _assert_clean(info.value)
    assert recorder.count == 0


def test_a_case_file_with_a_name_too_long_is_refused_when_planned(tmp_path: Path) -> None:
    long_path = tmp_path / ("n" * 125 + ".mha")
    long_path.write_bytes(b"x")
    sockets = {"ct-image": example_socket("ct-image", "Image", "Image")}
    with pytest.raises(InputFileError, match=r"ct-image.*128"):
        plan_case({"ct-image": long_path}, sockets)


# -- slugs ------------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["has space", "two\nlines", "x" * 10_000, "tab\there"])
@pytest.mark.parametrize(
    ("call", "name"),
    [
        ("archives.get(slug=)", "slug="),
        ("algorithms.get()", "algorithms.get()"),
        ("archive_items.list(archive=)", "archive"),
        ("algorithms.run()", "algorithm"),
    ],
)
async def test_malformed_slugs_are_refused_before_any_request(
    call: str, name: str, slug: str
) -> None:
    recorder = Recorder()
    async with make_client(recorder) as client:
        with pytest.raises(InvalidReferenceError) as info:
            if call == "archives.get(slug=)":
                await client.archives.get(slug=slug)
            elif call == "algorithms.get()":
                await client.algorithms.get(slug)
            elif call == "archive_items.list(archive=)":
                await client.archive_items.list(archive=slug).first()
            else:
                await client.algorithms.run(slug, [{"age": 1}])
    assert name in str(info.value)
    assert "not a slug" in str(info.value)
    assert len(str(info.value)) < 1000
    _assert_clean(info.value)
    assert recorder.count == 0

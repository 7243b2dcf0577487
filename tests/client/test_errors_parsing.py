"""Every DRF error body shape the server produces (gc-server.md §2.4) → ``field_errors``."""

from __future__ import annotations

import pickle

import httpx
import pytest

import gc_highlevel
from gc_highlevel._exceptions import make_status_error, parse_field_errors, parse_retry_after

HTML_500 = "<!DOCTYPE html><html><head><title>Server Error (500)</title></head><body><h1>Oops</h1></body></html>"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            {"detail": "JSON parse error - Expecting value"},
            {"non_field_errors": ["JSON parse error - Expecting value"]},
        ),
        ({"title": ["This field may not be blank."]}, {"title": ["This field may not be blank."]}),
        (
            {"archive": ["Invalid hyperlink - Object does not exist."], "title": ["Too long."]},
            {"archive": ["Invalid hyperlink - Object does not exist."], "title": ["Too long."]},
        ),
        (
            {"non_field_errors": ["Filenames must be unique"]},
            {"non_field_errors": ["Filenames must be unique"]},
        ),
        (
            {"__all__": ["JSON does not fulfill schema"]},
            {"non_field_errors": ["JSON does not fulfill schema"]},
        ),
        (
            ["Values can only be added via update"],
            {"non_field_errors": ["Values can only be added via update"]},
        ),
        (
            {
                "values": [
                    {
                        "__all__": [
                            "JSON does not fulfill schema: instance is not of type 'integer'"
                        ]
                    },
                    {},
                ]
            },
            {"values[0]": ["JSON does not fulfill schema: instance is not of type 'integer'"]},
        ),
        (
            {"inputs": [{}, {"interface": ["Object with slug=foo does not exist."]}]},
            {"inputs[1].interface": ["Object with slug=foo does not exist."]},
        ),
        (
            {"part_numbers": {"0": ["Ensure this value is greater than or equal to 1."]}},
            {"part_numbers[0]": ["Ensure this value is greater than or equal to 1."]},
        ),
        ({"archive": "Select a valid choice."}, {"archive": ["Select a valid choice."]}),
        (HTML_500, {"non_field_errors": ["Server Error (500)"]}),
        ("plain text failure", {"non_field_errors": ["plain text failure"]}),
        (None, {}),
        ({}, {}),
    ],
)
def test_field_errors_from_every_body_shape(body: object, expected: dict[str, list[str]]) -> None:
    assert parse_field_errors(body) == expected


def _response(status: int, **kwargs: object) -> httpx.Response:
    request = httpx.Request("POST", "https://gc.test/api/v1/archives/items/")
    return httpx.Response(status, request=request, **kwargs)  # type: ignore[arg-type]


def test_bad_request_error_message_and_attributes() -> None:
    err = make_status_error(_response(400, json=["Values can only be added via update"]))
    assert isinstance(err, gc_highlevel.BadRequestError)
    assert err.non_field_errors == ["Values can only be added via update"]
    assert str(err).startswith("POST /api/v1/archives/items/ failed with 400 Bad Request")
    assert "Values can only be added via update" in str(err)
    assert ".field_errors" in str(err)


def test_messages_end_each_sentence_with_one_full_stop() -> None:
    body = {"archive": ["Invalid hyperlink - No URL match."]}
    message = str(make_status_error(_response(400, json=body)))
    assert "archive: Invalid hyperlink - No URL match. The server rejected" in message
    assert ".." not in message
    message = str(make_status_error(_response(400, json={"title": ["Too long"]})))
    assert "title: Too long. The server rejected" in message


def test_html_error_page_is_summarised_not_dumped() -> None:
    err = make_status_error(_response(500, text=HTML_500))
    assert isinstance(err, gc_highlevel.InternalServerError)
    assert "Server Error (500)" in str(err)
    assert "<html" not in str(err).lower()


def test_not_found_is_also_object_not_found() -> None:
    err = make_status_error(_response(404, json={"detail": "Not found."}))
    assert isinstance(err, gc_highlevel.NotFoundError)
    assert isinstance(err, gc_highlevel.ObjectNotFoundError)
    assert isinstance(err, LookupError)


def test_rate_limit_retry_after_and_pickling() -> None:
    err = make_status_error(_response(429, headers={"Retry-After": "7"}, json={"detail": "x"}))
    assert isinstance(err, gc_highlevel.RateLimitError)
    assert err.retry_after == 7.0
    clone = pickle.loads(pickle.dumps(err))
    assert isinstance(clone, gc_highlevel.RateLimitError)
    assert clone.status_code == 429 and str(clone) == str(err)
    assert clone.response is None


def test_parse_retry_after() -> None:
    assert parse_retry_after({"retry-after": "1.5"}) == 1.5
    assert parse_retry_after({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}) == 0.0
    assert parse_retry_after({"retry-after": "soon"}) is None
    assert parse_retry_after({}) is None

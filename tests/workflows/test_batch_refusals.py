"""Unit tests: which refusals stop a whole batch (and why), and which concern one case only."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from gc_highlevel._async.workflows._batches import batch_refusal
from gc_highlevel._exceptions import APIStatusError, UploadError, make_status_error


def _error(
    status: int, body: Any, method: str = "POST", path: str = "algorithms/jobs/"
) -> APIStatusError:
    request = httpx.Request(method, f"https://gc.test/api/v1/{path}")
    return make_status_error(httpx.Response(status, json=body, request=request))


def _upload_error(cause: BaseException) -> UploadError:
    error = UploadError("uploading ct.mha failed", name="ct.mha")
    error.__cause__ = cause
    return error


CREDITS = {"non_field_errors": ["You have run out of algorithm credits"]}
QUOTA = {"detail": "Upload limit reached"}
TOO_MANY = {"non_field_errors": ["You have created too many uploads. Please try again later."]}


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (_error(400, CREDITS), "credits"),
        (_error(403, QUOTA, "PATCH", "uploads/1/x/generate-presigned-urls/"), "quota"),
        (
            _upload_error(_error(403, QUOTA, "PATCH", "uploads/1/x/generate-presigned-urls/")),
            "quota",
        ),
        (_upload_error(_error(400, TOO_MANY, "POST", "uploads/")), "quota"),
        (
            _error(403, {"detail": "You do not have permission to perform this action."}),
            "permission",
        ),
        (_error(401, {"detail": "Invalid token."}), "permission"),
        (_error(400, {"archive": ["Invalid hyperlink - Object does not exist."]}), "permission"),
        # one case's own problems: the next case may well succeed
        (_error(400, {"non_field_errors": ["A result for these inputs already exists."]}), None),
        (_error(400, {"inputs": [{"image": ["Invalid hyperlink"]}]}), None),
        (_error(404, {"detail": "Not found."}, "PATCH", "archives/items/1/"), None),
        (_upload_error(_error(500, {"detail": "boom"}, "PUT", "uploads/")), None),
        (_upload_error(OSError("disk read error")), None),
        (ValueError("not an image"), None),
    ],
)
def test_batch_refusal(error: BaseException, reason: str | None) -> None:
    assert batch_refusal(error) == reason

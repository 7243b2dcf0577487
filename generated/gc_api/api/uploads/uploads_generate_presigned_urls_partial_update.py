from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.patched_user_upload_presigned_ur_ls_request import (
    PatchedUserUploadPresignedURLsRequest,
)
from ...models.user_upload_presigned_ur_ls import UserUploadPresignedURLs
from ...types import UNSET, Response, Unset, parse_mode


def _get_kwargs(
    id: UUID,
    s3_upload_id: str,
    *,
    body: PatchedUserUploadPresignedURLsRequest | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/uploads/{id}/{s3_upload_id}/generate-presigned-urls/".format(
            id=quote(str(id), safe=""),
            s3_upload_id=quote(str(s3_upload_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> UserUploadPresignedURLs | None:
    if response.status_code == 200:
        response_200 = UserUploadPresignedURLs.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[UserUploadPresignedURLs]:
    with parse_mode(strict=client.strict_responses):
        parsed = _parse_response(client=client, response=response)
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def sync_detailed(
    id: UUID,
    s3_upload_id: str,
    *,
    client: AuthenticatedClient,
    body: PatchedUserUploadPresignedURLsRequest | Unset = UNSET,
) -> Response[UserUploadPresignedURLs]:
    """
    Args:
        id (UUID):
        s3_upload_id (str):
        body (PatchedUserUploadPresignedURLsRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UserUploadPresignedURLs]
    """

    kwargs = _get_kwargs(
        id=id,
        s3_upload_id=s3_upload_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: UUID,
    s3_upload_id: str,
    *,
    client: AuthenticatedClient,
    body: PatchedUserUploadPresignedURLsRequest | Unset = UNSET,
) -> UserUploadPresignedURLs | None:
    """
    Args:
        id (UUID):
        s3_upload_id (str):
        body (PatchedUserUploadPresignedURLsRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UserUploadPresignedURLs
    """

    return sync_detailed(
        id=id,
        s3_upload_id=s3_upload_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: UUID,
    s3_upload_id: str,
    *,
    client: AuthenticatedClient,
    body: PatchedUserUploadPresignedURLsRequest | Unset = UNSET,
) -> Response[UserUploadPresignedURLs]:
    """
    Args:
        id (UUID):
        s3_upload_id (str):
        body (PatchedUserUploadPresignedURLsRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[UserUploadPresignedURLs]
    """

    kwargs = _get_kwargs(
        id=id,
        s3_upload_id=s3_upload_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: UUID,
    s3_upload_id: str,
    *,
    client: AuthenticatedClient,
    body: PatchedUserUploadPresignedURLsRequest | Unset = UNSET,
) -> UserUploadPresignedURLs | None:
    """
    Args:
        id (UUID):
        s3_upload_id (str):
        body (PatchedUserUploadPresignedURLsRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        UserUploadPresignedURLs
    """

    return (
        await asyncio_detailed(
            id=id,
            s3_upload_id=s3_upload_id,
            client=client,
            body=body,
        )
    ).parsed

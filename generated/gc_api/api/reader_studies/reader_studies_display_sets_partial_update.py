from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.display_set_post import DisplaySetPost
from ...models.patched_display_set_post_request import PatchedDisplaySetPostRequest
from ...models.reader_studies_display_sets_partial_update_format import (
    ReaderStudiesDisplaySetsPartialUpdateFormat,
)
from ...types import UNSET, Response, Unset, parse_mode


def _get_kwargs(
    id: UUID,
    *,
    body: PatchedDisplaySetPostRequest | Unset = UNSET,
    format_: ReaderStudiesDisplaySetsPartialUpdateFormat | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_

    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/reader-studies/display-sets/{id}/".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DisplaySetPost | None:
    if response.status_code == 200:
        response_200 = DisplaySetPost.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DisplaySetPost]:
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
    *,
    client: AuthenticatedClient,
    body: PatchedDisplaySetPostRequest | Unset = UNSET,
    format_: ReaderStudiesDisplaySetsPartialUpdateFormat | Unset = UNSET,
) -> Response[DisplaySetPost]:
    """
    Args:
        id (UUID):
        format_ (ReaderStudiesDisplaySetsPartialUpdateFormat | Unset):
        body (PatchedDisplaySetPostRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DisplaySetPost]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: UUID,
    *,
    client: AuthenticatedClient,
    body: PatchedDisplaySetPostRequest | Unset = UNSET,
    format_: ReaderStudiesDisplaySetsPartialUpdateFormat | Unset = UNSET,
) -> DisplaySetPost | None:
    """
    Args:
        id (UUID):
        format_ (ReaderStudiesDisplaySetsPartialUpdateFormat | Unset):
        body (PatchedDisplaySetPostRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DisplaySetPost
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    id: UUID,
    *,
    client: AuthenticatedClient,
    body: PatchedDisplaySetPostRequest | Unset = UNSET,
    format_: ReaderStudiesDisplaySetsPartialUpdateFormat | Unset = UNSET,
) -> Response[DisplaySetPost]:
    """
    Args:
        id (UUID):
        format_ (ReaderStudiesDisplaySetsPartialUpdateFormat | Unset):
        body (PatchedDisplaySetPostRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DisplaySetPost]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: UUID,
    *,
    client: AuthenticatedClient,
    body: PatchedDisplaySetPostRequest | Unset = UNSET,
    format_: ReaderStudiesDisplaySetsPartialUpdateFormat | Unset = UNSET,
) -> DisplaySetPost | None:
    """
    Args:
        id (UUID):
        format_ (ReaderStudiesDisplaySetsPartialUpdateFormat | Unset):
        body (PatchedDisplaySetPostRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DisplaySetPost
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            format_=format_,
        )
    ).parsed

from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.display_set_post import DisplaySetPost
from ...models.display_set_post_request import DisplaySetPostRequest
from ...models.reader_studies_display_sets_create_format import (
    ReaderStudiesDisplaySetsCreateFormat,
)
from ...types import UNSET, Response, Unset, parse_mode


def _get_kwargs(
    *,
    body: DisplaySetPostRequest | Unset = UNSET,
    format_: ReaderStudiesDisplaySetsCreateFormat | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_

    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/reader-studies/display-sets/",
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
    if response.status_code == 201:
        response_201 = DisplaySetPost.from_dict(response.json())

        return response_201

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
    *,
    client: AuthenticatedClient,
    body: DisplaySetPostRequest | Unset = UNSET,
    format_: ReaderStudiesDisplaySetsCreateFormat | Unset = UNSET,
) -> Response[DisplaySetPost]:
    """
    Args:
        format_ (ReaderStudiesDisplaySetsCreateFormat | Unset):
        body (DisplaySetPostRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DisplaySetPost]
    """

    kwargs = _get_kwargs(
        body=body,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: DisplaySetPostRequest | Unset = UNSET,
    format_: ReaderStudiesDisplaySetsCreateFormat | Unset = UNSET,
) -> DisplaySetPost | None:
    """
    Args:
        format_ (ReaderStudiesDisplaySetsCreateFormat | Unset):
        body (DisplaySetPostRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DisplaySetPost
    """

    return sync_detailed(
        client=client,
        body=body,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: DisplaySetPostRequest | Unset = UNSET,
    format_: ReaderStudiesDisplaySetsCreateFormat | Unset = UNSET,
) -> Response[DisplaySetPost]:
    """
    Args:
        format_ (ReaderStudiesDisplaySetsCreateFormat | Unset):
        body (DisplaySetPostRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DisplaySetPost]
    """

    kwargs = _get_kwargs(
        body=body,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: DisplaySetPostRequest | Unset = UNSET,
    format_: ReaderStudiesDisplaySetsCreateFormat | Unset = UNSET,
) -> DisplaySetPost | None:
    """
    Args:
        format_ (ReaderStudiesDisplaySetsCreateFormat | Unset):
        body (DisplaySetPostRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DisplaySetPost
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            format_=format_,
        )
    ).parsed

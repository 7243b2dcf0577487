from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.archives_studies_retrieve_format import (
    ArchivesStudiesRetrieveFormat,
)
from ...types import UNSET, Response, Unset, parse_mode


def _get_kwargs(
    id: UUID,
    *,
    format_: ArchivesStudiesRetrieveFormat | Unset = UNSET,
    patient_id: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_

    params["format"] = json_format_

    params["patient_id"] = patient_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/archives/{id}/studies/".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> list[str] | None:
    if response.status_code == 200:
        response_200 = cast(list[str], response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[list[str]]:
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
    format_: ArchivesStudiesRetrieveFormat | Unset = UNSET,
    patient_id: str,
) -> Response[list[str]]:
    """
    Args:
        id (UUID):
        format_ (ArchivesStudiesRetrieveFormat | Unset):
        patient_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[list[str]]
    """

    kwargs = _get_kwargs(
        id=id,
        format_=format_,
        patient_id=patient_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: UUID,
    *,
    client: AuthenticatedClient,
    format_: ArchivesStudiesRetrieveFormat | Unset = UNSET,
    patient_id: str,
) -> list[str] | None:
    """
    Args:
        id (UUID):
        format_ (ArchivesStudiesRetrieveFormat | Unset):
        patient_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[str]
    """

    return sync_detailed(
        id=id,
        client=client,
        format_=format_,
        patient_id=patient_id,
    ).parsed


async def asyncio_detailed(
    id: UUID,
    *,
    client: AuthenticatedClient,
    format_: ArchivesStudiesRetrieveFormat | Unset = UNSET,
    patient_id: str,
) -> Response[list[str]]:
    """
    Args:
        id (UUID):
        format_ (ArchivesStudiesRetrieveFormat | Unset):
        patient_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[list[str]]
    """

    kwargs = _get_kwargs(
        id=id,
        format_=format_,
        patient_id=patient_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: UUID,
    *,
    client: AuthenticatedClient,
    format_: ArchivesStudiesRetrieveFormat | Unset = UNSET,
    patient_id: str,
) -> list[str] | None:
    """
    Args:
        id (UUID):
        format_ (ArchivesStudiesRetrieveFormat | Unset):
        patient_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[str]
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            format_=format_,
            patient_id=patient_id,
        )
    ).parsed

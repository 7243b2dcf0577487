from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.reader_studies_ground_truth_retrieve_format import (
    ReaderStudiesGroundTruthRetrieveFormat,
)
from ...models.reader_studies_ground_truth_retrieve_response_200 import (
    ReaderStudiesGroundTruthRetrieveResponse200,
)
from ...types import UNSET, Response, Unset, parse_mode


def _get_kwargs(
    id: UUID,
    case_pk: UUID,
    *,
    format_: ReaderStudiesGroundTruthRetrieveFormat | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_

    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/reader-studies/{id}/ground-truth/{case_pk}/".format(
            id=quote(str(id), safe=""),
            case_pk=quote(str(case_pk), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ReaderStudiesGroundTruthRetrieveResponse200 | None:
    if response.status_code == 200:
        response_200 = ReaderStudiesGroundTruthRetrieveResponse200.from_dict(
            response.json()
        )

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ReaderStudiesGroundTruthRetrieveResponse200]:
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
    case_pk: UUID,
    *,
    client: AuthenticatedClient,
    format_: ReaderStudiesGroundTruthRetrieveFormat | Unset = UNSET,
) -> Response[ReaderStudiesGroundTruthRetrieveResponse200]:
    """
    Args:
        id (UUID):
        case_pk (UUID):
        format_ (ReaderStudiesGroundTruthRetrieveFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ReaderStudiesGroundTruthRetrieveResponse200]
    """

    kwargs = _get_kwargs(
        id=id,
        case_pk=case_pk,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: UUID,
    case_pk: UUID,
    *,
    client: AuthenticatedClient,
    format_: ReaderStudiesGroundTruthRetrieveFormat | Unset = UNSET,
) -> ReaderStudiesGroundTruthRetrieveResponse200 | None:
    """
    Args:
        id (UUID):
        case_pk (UUID):
        format_ (ReaderStudiesGroundTruthRetrieveFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ReaderStudiesGroundTruthRetrieveResponse200
    """

    return sync_detailed(
        id=id,
        case_pk=case_pk,
        client=client,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    id: UUID,
    case_pk: UUID,
    *,
    client: AuthenticatedClient,
    format_: ReaderStudiesGroundTruthRetrieveFormat | Unset = UNSET,
) -> Response[ReaderStudiesGroundTruthRetrieveResponse200]:
    """
    Args:
        id (UUID):
        case_pk (UUID):
        format_ (ReaderStudiesGroundTruthRetrieveFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ReaderStudiesGroundTruthRetrieveResponse200]
    """

    kwargs = _get_kwargs(
        id=id,
        case_pk=case_pk,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: UUID,
    case_pk: UUID,
    *,
    client: AuthenticatedClient,
    format_: ReaderStudiesGroundTruthRetrieveFormat | Unset = UNSET,
) -> ReaderStudiesGroundTruthRetrieveResponse200 | None:
    """
    Args:
        id (UUID):
        case_pk (UUID):
        format_ (ReaderStudiesGroundTruthRetrieveFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ReaderStudiesGroundTruthRetrieveResponse200
    """

    return (
        await asyncio_detailed(
            id=id,
            case_pk=case_pk,
            client=client,
            format_=format_,
        )
    ).parsed

from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.evaluations_claimable_evaluations_retrieve_format import (
    EvaluationsClaimableEvaluationsRetrieveFormat,
)
from ...models.external_evaluation import ExternalEvaluation
from ...types import UNSET, Response, Unset, parse_mode


def _get_kwargs(
    *,
    format_: EvaluationsClaimableEvaluationsRetrieveFormat | Unset = UNSET,
    submission_phase: UUID | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_

    params["format"] = json_format_

    json_submission_phase: str | Unset = UNSET
    if not isinstance(submission_phase, Unset):
        json_submission_phase = str(submission_phase)
    params["submission__phase"] = json_submission_phase

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/evaluations/claimable_evaluations/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> list[ExternalEvaluation] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = ExternalEvaluation.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[list[ExternalEvaluation]]:
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
    format_: EvaluationsClaimableEvaluationsRetrieveFormat | Unset = UNSET,
    submission_phase: UUID | Unset = UNSET,
) -> Response[list[ExternalEvaluation]]:
    """
    Args:
        format_ (EvaluationsClaimableEvaluationsRetrieveFormat | Unset):
        submission_phase (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[list[ExternalEvaluation]]
    """

    kwargs = _get_kwargs(
        format_=format_,
        submission_phase=submission_phase,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    format_: EvaluationsClaimableEvaluationsRetrieveFormat | Unset = UNSET,
    submission_phase: UUID | Unset = UNSET,
) -> list[ExternalEvaluation] | None:
    """
    Args:
        format_ (EvaluationsClaimableEvaluationsRetrieveFormat | Unset):
        submission_phase (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[ExternalEvaluation]
    """

    return sync_detailed(
        client=client,
        format_=format_,
        submission_phase=submission_phase,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    format_: EvaluationsClaimableEvaluationsRetrieveFormat | Unset = UNSET,
    submission_phase: UUID | Unset = UNSET,
) -> Response[list[ExternalEvaluation]]:
    """
    Args:
        format_ (EvaluationsClaimableEvaluationsRetrieveFormat | Unset):
        submission_phase (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[list[ExternalEvaluation]]
    """

    kwargs = _get_kwargs(
        format_=format_,
        submission_phase=submission_phase,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    format_: EvaluationsClaimableEvaluationsRetrieveFormat | Unset = UNSET,
    submission_phase: UUID | Unset = UNSET,
) -> list[ExternalEvaluation] | None:
    """
    Args:
        format_ (EvaluationsClaimableEvaluationsRetrieveFormat | Unset):
        submission_phase (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[ExternalEvaluation]
    """

    return (
        await asyncio_detailed(
            client=client,
            format_=format_,
            submission_phase=submission_phase,
        )
    ).parsed

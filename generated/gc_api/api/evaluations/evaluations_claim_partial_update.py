from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.evaluations_claim_partial_update_format import (
    EvaluationsClaimPartialUpdateFormat,
)
from ...models.external_evaluation import ExternalEvaluation
from ...models.patched_external_evaluation_request import (
    PatchedExternalEvaluationRequest,
)
from ...types import UNSET, Response, Unset, parse_mode


def _get_kwargs(
    id: UUID,
    *,
    body: PatchedExternalEvaluationRequest | Unset = UNSET,
    format_: EvaluationsClaimPartialUpdateFormat | Unset = UNSET,
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
        "url": "/api/v1/evaluations/{id}/claim/".format(
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
) -> ExternalEvaluation | None:
    if response.status_code == 200:
        response_200 = ExternalEvaluation.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ExternalEvaluation]:
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
    body: PatchedExternalEvaluationRequest | Unset = UNSET,
    format_: EvaluationsClaimPartialUpdateFormat | Unset = UNSET,
) -> Response[ExternalEvaluation]:
    """
    Args:
        id (UUID):
        format_ (EvaluationsClaimPartialUpdateFormat | Unset):
        body (PatchedExternalEvaluationRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExternalEvaluation]
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
    body: PatchedExternalEvaluationRequest | Unset = UNSET,
    format_: EvaluationsClaimPartialUpdateFormat | Unset = UNSET,
) -> ExternalEvaluation | None:
    """
    Args:
        id (UUID):
        format_ (EvaluationsClaimPartialUpdateFormat | Unset):
        body (PatchedExternalEvaluationRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExternalEvaluation
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
    body: PatchedExternalEvaluationRequest | Unset = UNSET,
    format_: EvaluationsClaimPartialUpdateFormat | Unset = UNSET,
) -> Response[ExternalEvaluation]:
    """
    Args:
        id (UUID):
        format_ (EvaluationsClaimPartialUpdateFormat | Unset):
        body (PatchedExternalEvaluationRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExternalEvaluation]
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
    body: PatchedExternalEvaluationRequest | Unset = UNSET,
    format_: EvaluationsClaimPartialUpdateFormat | Unset = UNSET,
) -> ExternalEvaluation | None:
    """
    Args:
        id (UUID):
        format_ (EvaluationsClaimPartialUpdateFormat | Unset):
        body (PatchedExternalEvaluationRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExternalEvaluation
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            format_=format_,
        )
    ).parsed

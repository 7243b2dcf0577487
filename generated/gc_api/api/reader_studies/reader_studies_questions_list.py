from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.paginated_question_list import PaginatedQuestionList
from ...models.reader_studies_questions_list_format import (
    ReaderStudiesQuestionsListFormat,
)
from ...types import UNSET, Response, Unset, parse_mode


def _get_kwargs(
    *,
    format_: ReaderStudiesQuestionsListFormat | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    reader_study: UUID | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_

    params["format"] = json_format_

    params["limit"] = limit

    params["offset"] = offset

    json_reader_study: str | Unset = UNSET
    if not isinstance(reader_study, Unset):
        json_reader_study = str(reader_study)
    params["reader_study"] = json_reader_study

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/reader-studies/questions/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaginatedQuestionList | None:
    if response.status_code == 200:
        response_200 = PaginatedQuestionList.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PaginatedQuestionList]:
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
    format_: ReaderStudiesQuestionsListFormat | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    reader_study: UUID | Unset = UNSET,
) -> Response[PaginatedQuestionList]:
    """
    Args:
        format_ (ReaderStudiesQuestionsListFormat | Unset):
        limit (int | Unset):
        offset (int | Unset):
        reader_study (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedQuestionList]
    """

    kwargs = _get_kwargs(
        format_=format_,
        limit=limit,
        offset=offset,
        reader_study=reader_study,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    format_: ReaderStudiesQuestionsListFormat | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    reader_study: UUID | Unset = UNSET,
) -> PaginatedQuestionList | None:
    """
    Args:
        format_ (ReaderStudiesQuestionsListFormat | Unset):
        limit (int | Unset):
        offset (int | Unset):
        reader_study (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedQuestionList
    """

    return sync_detailed(
        client=client,
        format_=format_,
        limit=limit,
        offset=offset,
        reader_study=reader_study,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    format_: ReaderStudiesQuestionsListFormat | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    reader_study: UUID | Unset = UNSET,
) -> Response[PaginatedQuestionList]:
    """
    Args:
        format_ (ReaderStudiesQuestionsListFormat | Unset):
        limit (int | Unset):
        offset (int | Unset):
        reader_study (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedQuestionList]
    """

    kwargs = _get_kwargs(
        format_=format_,
        limit=limit,
        offset=offset,
        reader_study=reader_study,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    format_: ReaderStudiesQuestionsListFormat | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    reader_study: UUID | Unset = UNSET,
) -> PaginatedQuestionList | None:
    """
    Args:
        format_ (ReaderStudiesQuestionsListFormat | Unset):
        limit (int | Unset):
        offset (int | Unset):
        reader_study (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedQuestionList
    """

    return (
        await asyncio_detailed(
            client=client,
            format_=format_,
            limit=limit,
            offset=offset,
            reader_study=reader_study,
        )
    ).parsed

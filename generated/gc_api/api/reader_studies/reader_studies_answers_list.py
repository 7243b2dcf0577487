from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.paginated_answer_list import PaginatedAnswerList
from ...models.reader_studies_answers_list_format import (
    ReaderStudiesAnswersListFormat,
)
from ...types import UNSET, Response, Unset, parse_mode


def _get_kwargs(
    *,
    creator: str | Unset = UNSET,
    display_set: UUID | Unset = UNSET,
    format_: ReaderStudiesAnswersListFormat | Unset = UNSET,
    is_ground_truth: bool | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    question_reader_study: UUID | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["creator"] = creator

    json_display_set: str | Unset = UNSET
    if not isinstance(display_set, Unset):
        json_display_set = str(display_set)
    params["display_set"] = json_display_set

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_

    params["format"] = json_format_

    params["is_ground_truth"] = is_ground_truth

    params["limit"] = limit

    params["offset"] = offset

    json_question_reader_study: str | Unset = UNSET
    if not isinstance(question_reader_study, Unset):
        json_question_reader_study = str(question_reader_study)
    params["question__reader_study"] = json_question_reader_study

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/reader-studies/answers/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaginatedAnswerList | None:
    if response.status_code == 200:
        response_200 = PaginatedAnswerList.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PaginatedAnswerList]:
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
    creator: str | Unset = UNSET,
    display_set: UUID | Unset = UNSET,
    format_: ReaderStudiesAnswersListFormat | Unset = UNSET,
    is_ground_truth: bool | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    question_reader_study: UUID | Unset = UNSET,
) -> Response[PaginatedAnswerList]:
    """
    Args:
        creator (str | Unset):
        display_set (UUID | Unset):
        format_ (ReaderStudiesAnswersListFormat | Unset):
        is_ground_truth (bool | Unset):
        limit (int | Unset):
        offset (int | Unset):
        question_reader_study (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedAnswerList]
    """

    kwargs = _get_kwargs(
        creator=creator,
        display_set=display_set,
        format_=format_,
        is_ground_truth=is_ground_truth,
        limit=limit,
        offset=offset,
        question_reader_study=question_reader_study,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    creator: str | Unset = UNSET,
    display_set: UUID | Unset = UNSET,
    format_: ReaderStudiesAnswersListFormat | Unset = UNSET,
    is_ground_truth: bool | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    question_reader_study: UUID | Unset = UNSET,
) -> PaginatedAnswerList | None:
    """
    Args:
        creator (str | Unset):
        display_set (UUID | Unset):
        format_ (ReaderStudiesAnswersListFormat | Unset):
        is_ground_truth (bool | Unset):
        limit (int | Unset):
        offset (int | Unset):
        question_reader_study (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedAnswerList
    """

    return sync_detailed(
        client=client,
        creator=creator,
        display_set=display_set,
        format_=format_,
        is_ground_truth=is_ground_truth,
        limit=limit,
        offset=offset,
        question_reader_study=question_reader_study,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    creator: str | Unset = UNSET,
    display_set: UUID | Unset = UNSET,
    format_: ReaderStudiesAnswersListFormat | Unset = UNSET,
    is_ground_truth: bool | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    question_reader_study: UUID | Unset = UNSET,
) -> Response[PaginatedAnswerList]:
    """
    Args:
        creator (str | Unset):
        display_set (UUID | Unset):
        format_ (ReaderStudiesAnswersListFormat | Unset):
        is_ground_truth (bool | Unset):
        limit (int | Unset):
        offset (int | Unset):
        question_reader_study (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedAnswerList]
    """

    kwargs = _get_kwargs(
        creator=creator,
        display_set=display_set,
        format_=format_,
        is_ground_truth=is_ground_truth,
        limit=limit,
        offset=offset,
        question_reader_study=question_reader_study,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    creator: str | Unset = UNSET,
    display_set: UUID | Unset = UNSET,
    format_: ReaderStudiesAnswersListFormat | Unset = UNSET,
    is_ground_truth: bool | Unset = UNSET,
    limit: int | Unset = UNSET,
    offset: int | Unset = UNSET,
    question_reader_study: UUID | Unset = UNSET,
) -> PaginatedAnswerList | None:
    """
    Args:
        creator (str | Unset):
        display_set (UUID | Unset):
        format_ (ReaderStudiesAnswersListFormat | Unset):
        is_ground_truth (bool | Unset):
        limit (int | Unset):
        offset (int | Unset):
        question_reader_study (UUID | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedAnswerList
    """

    return (
        await asyncio_detailed(
            client=client,
            creator=creator,
            display_set=display_set,
            format_=format_,
            is_ground_truth=is_ground_truth,
            limit=limit,
            offset=offset,
            question_reader_study=question_reader_study,
        )
    ).parsed

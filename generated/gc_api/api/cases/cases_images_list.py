import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cases_images_list_format import (
    CasesImagesListFormat,
)
from ...models.cases_images_list_patient_sex import (
    CasesImagesListPatientSex,
)
from ...models.paginated_hyperlinked_image_list import PaginatedHyperlinkedImageList
from ...types import UNSET, Response, Unset, parse_mode


def _get_kwargs(
    *,
    archive: list[UUID] | Unset = UNSET,
    format_: CasesImagesListFormat | Unset = UNSET,
    job_input: list[UUID] | Unset = UNSET,
    job_output: list[UUID] | Unset = UNSET,
    limit: int | Unset = UNSET,
    name: str | Unset = UNSET,
    offset: int | Unset = UNSET,
    origin: UUID | Unset = UNSET,
    patient_age: str | Unset = UNSET,
    patient_birth_date: datetime.date | Unset = UNSET,
    patient_id: str | Unset = UNSET,
    patient_id_isempty: bool | Unset = UNSET,
    patient_name: str | Unset = UNSET,
    patient_sex: CasesImagesListPatientSex | Unset = UNSET,
    reader_study: list[UUID] | Unset = UNSET,
    series_description: str | Unset = UNSET,
    series_instance_uid: str | Unset = UNSET,
    study_date: datetime.date | Unset = UNSET,
    study_description: str | Unset = UNSET,
    study_description_isempty: bool | Unset = UNSET,
    study_instance_uid: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_archive: list[str] | Unset = UNSET
    if not isinstance(archive, Unset):
        json_archive = []
        for archive_item_data in archive:
            archive_item = str(archive_item_data)
            json_archive.append(archive_item)

    params["archive"] = json_archive

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_

    params["format"] = json_format_

    json_job_input: list[str] | Unset = UNSET
    if not isinstance(job_input, Unset):
        json_job_input = []
        for job_input_item_data in job_input:
            job_input_item = str(job_input_item_data)
            json_job_input.append(job_input_item)

    params["job_input"] = json_job_input

    json_job_output: list[str] | Unset = UNSET
    if not isinstance(job_output, Unset):
        json_job_output = []
        for job_output_item_data in job_output:
            job_output_item = str(job_output_item_data)
            json_job_output.append(job_output_item)

    params["job_output"] = json_job_output

    params["limit"] = limit

    params["name"] = name

    params["offset"] = offset

    json_origin: str | Unset = UNSET
    if not isinstance(origin, Unset):
        json_origin = str(origin)
    params["origin"] = json_origin

    params["patient_age"] = patient_age

    json_patient_birth_date: str | Unset = UNSET
    if not isinstance(patient_birth_date, Unset):
        json_patient_birth_date = patient_birth_date.isoformat()
    params["patient_birth_date"] = json_patient_birth_date

    params["patient_id"] = patient_id

    params["patient_id__isempty"] = patient_id_isempty

    params["patient_name"] = patient_name

    json_patient_sex: str | Unset = UNSET
    if not isinstance(patient_sex, Unset):
        json_patient_sex = patient_sex

    params["patient_sex"] = json_patient_sex

    json_reader_study: list[str] | Unset = UNSET
    if not isinstance(reader_study, Unset):
        json_reader_study = []
        for reader_study_item_data in reader_study:
            reader_study_item = str(reader_study_item_data)
            json_reader_study.append(reader_study_item)

    params["reader_study"] = json_reader_study

    params["series_description"] = series_description

    params["series_instance_uid"] = series_instance_uid

    json_study_date: str | Unset = UNSET
    if not isinstance(study_date, Unset):
        json_study_date = study_date.isoformat()
    params["study_date"] = json_study_date

    params["study_description"] = study_description

    params["study_description__isempty"] = study_description_isempty

    params["study_instance_uid"] = study_instance_uid

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/cases/images/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaginatedHyperlinkedImageList | None:
    if response.status_code == 200:
        response_200 = PaginatedHyperlinkedImageList.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PaginatedHyperlinkedImageList]:
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
    archive: list[UUID] | Unset = UNSET,
    format_: CasesImagesListFormat | Unset = UNSET,
    job_input: list[UUID] | Unset = UNSET,
    job_output: list[UUID] | Unset = UNSET,
    limit: int | Unset = UNSET,
    name: str | Unset = UNSET,
    offset: int | Unset = UNSET,
    origin: UUID | Unset = UNSET,
    patient_age: str | Unset = UNSET,
    patient_birth_date: datetime.date | Unset = UNSET,
    patient_id: str | Unset = UNSET,
    patient_id_isempty: bool | Unset = UNSET,
    patient_name: str | Unset = UNSET,
    patient_sex: CasesImagesListPatientSex | Unset = UNSET,
    reader_study: list[UUID] | Unset = UNSET,
    series_description: str | Unset = UNSET,
    series_instance_uid: str | Unset = UNSET,
    study_date: datetime.date | Unset = UNSET,
    study_description: str | Unset = UNSET,
    study_description_isempty: bool | Unset = UNSET,
    study_instance_uid: str | Unset = UNSET,
) -> Response[PaginatedHyperlinkedImageList]:
    """
    Args:
        archive (list[UUID] | Unset):
        format_ (CasesImagesListFormat | Unset):
        job_input (list[UUID] | Unset):
        job_output (list[UUID] | Unset):
        limit (int | Unset):
        name (str | Unset):
        offset (int | Unset):
        origin (UUID | Unset):
        patient_age (str | Unset):
        patient_birth_date (datetime.date | Unset):
        patient_id (str | Unset):
        patient_id_isempty (bool | Unset):
        patient_name (str | Unset):
        patient_sex (CasesImagesListPatientSex | Unset):
        reader_study (list[UUID] | Unset):
        series_description (str | Unset):
        series_instance_uid (str | Unset):
        study_date (datetime.date | Unset):
        study_description (str | Unset):
        study_description_isempty (bool | Unset):
        study_instance_uid (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedHyperlinkedImageList]
    """

    kwargs = _get_kwargs(
        archive=archive,
        format_=format_,
        job_input=job_input,
        job_output=job_output,
        limit=limit,
        name=name,
        offset=offset,
        origin=origin,
        patient_age=patient_age,
        patient_birth_date=patient_birth_date,
        patient_id=patient_id,
        patient_id_isempty=patient_id_isempty,
        patient_name=patient_name,
        patient_sex=patient_sex,
        reader_study=reader_study,
        series_description=series_description,
        series_instance_uid=series_instance_uid,
        study_date=study_date,
        study_description=study_description,
        study_description_isempty=study_description_isempty,
        study_instance_uid=study_instance_uid,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    archive: list[UUID] | Unset = UNSET,
    format_: CasesImagesListFormat | Unset = UNSET,
    job_input: list[UUID] | Unset = UNSET,
    job_output: list[UUID] | Unset = UNSET,
    limit: int | Unset = UNSET,
    name: str | Unset = UNSET,
    offset: int | Unset = UNSET,
    origin: UUID | Unset = UNSET,
    patient_age: str | Unset = UNSET,
    patient_birth_date: datetime.date | Unset = UNSET,
    patient_id: str | Unset = UNSET,
    patient_id_isempty: bool | Unset = UNSET,
    patient_name: str | Unset = UNSET,
    patient_sex: CasesImagesListPatientSex | Unset = UNSET,
    reader_study: list[UUID] | Unset = UNSET,
    series_description: str | Unset = UNSET,
    series_instance_uid: str | Unset = UNSET,
    study_date: datetime.date | Unset = UNSET,
    study_description: str | Unset = UNSET,
    study_description_isempty: bool | Unset = UNSET,
    study_instance_uid: str | Unset = UNSET,
) -> PaginatedHyperlinkedImageList | None:
    """
    Args:
        archive (list[UUID] | Unset):
        format_ (CasesImagesListFormat | Unset):
        job_input (list[UUID] | Unset):
        job_output (list[UUID] | Unset):
        limit (int | Unset):
        name (str | Unset):
        offset (int | Unset):
        origin (UUID | Unset):
        patient_age (str | Unset):
        patient_birth_date (datetime.date | Unset):
        patient_id (str | Unset):
        patient_id_isempty (bool | Unset):
        patient_name (str | Unset):
        patient_sex (CasesImagesListPatientSex | Unset):
        reader_study (list[UUID] | Unset):
        series_description (str | Unset):
        series_instance_uid (str | Unset):
        study_date (datetime.date | Unset):
        study_description (str | Unset):
        study_description_isempty (bool | Unset):
        study_instance_uid (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedHyperlinkedImageList
    """

    return sync_detailed(
        client=client,
        archive=archive,
        format_=format_,
        job_input=job_input,
        job_output=job_output,
        limit=limit,
        name=name,
        offset=offset,
        origin=origin,
        patient_age=patient_age,
        patient_birth_date=patient_birth_date,
        patient_id=patient_id,
        patient_id_isempty=patient_id_isempty,
        patient_name=patient_name,
        patient_sex=patient_sex,
        reader_study=reader_study,
        series_description=series_description,
        series_instance_uid=series_instance_uid,
        study_date=study_date,
        study_description=study_description,
        study_description_isempty=study_description_isempty,
        study_instance_uid=study_instance_uid,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    archive: list[UUID] | Unset = UNSET,
    format_: CasesImagesListFormat | Unset = UNSET,
    job_input: list[UUID] | Unset = UNSET,
    job_output: list[UUID] | Unset = UNSET,
    limit: int | Unset = UNSET,
    name: str | Unset = UNSET,
    offset: int | Unset = UNSET,
    origin: UUID | Unset = UNSET,
    patient_age: str | Unset = UNSET,
    patient_birth_date: datetime.date | Unset = UNSET,
    patient_id: str | Unset = UNSET,
    patient_id_isempty: bool | Unset = UNSET,
    patient_name: str | Unset = UNSET,
    patient_sex: CasesImagesListPatientSex | Unset = UNSET,
    reader_study: list[UUID] | Unset = UNSET,
    series_description: str | Unset = UNSET,
    series_instance_uid: str | Unset = UNSET,
    study_date: datetime.date | Unset = UNSET,
    study_description: str | Unset = UNSET,
    study_description_isempty: bool | Unset = UNSET,
    study_instance_uid: str | Unset = UNSET,
) -> Response[PaginatedHyperlinkedImageList]:
    """
    Args:
        archive (list[UUID] | Unset):
        format_ (CasesImagesListFormat | Unset):
        job_input (list[UUID] | Unset):
        job_output (list[UUID] | Unset):
        limit (int | Unset):
        name (str | Unset):
        offset (int | Unset):
        origin (UUID | Unset):
        patient_age (str | Unset):
        patient_birth_date (datetime.date | Unset):
        patient_id (str | Unset):
        patient_id_isempty (bool | Unset):
        patient_name (str | Unset):
        patient_sex (CasesImagesListPatientSex | Unset):
        reader_study (list[UUID] | Unset):
        series_description (str | Unset):
        series_instance_uid (str | Unset):
        study_date (datetime.date | Unset):
        study_description (str | Unset):
        study_description_isempty (bool | Unset):
        study_instance_uid (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedHyperlinkedImageList]
    """

    kwargs = _get_kwargs(
        archive=archive,
        format_=format_,
        job_input=job_input,
        job_output=job_output,
        limit=limit,
        name=name,
        offset=offset,
        origin=origin,
        patient_age=patient_age,
        patient_birth_date=patient_birth_date,
        patient_id=patient_id,
        patient_id_isempty=patient_id_isempty,
        patient_name=patient_name,
        patient_sex=patient_sex,
        reader_study=reader_study,
        series_description=series_description,
        series_instance_uid=series_instance_uid,
        study_date=study_date,
        study_description=study_description,
        study_description_isempty=study_description_isempty,
        study_instance_uid=study_instance_uid,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    archive: list[UUID] | Unset = UNSET,
    format_: CasesImagesListFormat | Unset = UNSET,
    job_input: list[UUID] | Unset = UNSET,
    job_output: list[UUID] | Unset = UNSET,
    limit: int | Unset = UNSET,
    name: str | Unset = UNSET,
    offset: int | Unset = UNSET,
    origin: UUID | Unset = UNSET,
    patient_age: str | Unset = UNSET,
    patient_birth_date: datetime.date | Unset = UNSET,
    patient_id: str | Unset = UNSET,
    patient_id_isempty: bool | Unset = UNSET,
    patient_name: str | Unset = UNSET,
    patient_sex: CasesImagesListPatientSex | Unset = UNSET,
    reader_study: list[UUID] | Unset = UNSET,
    series_description: str | Unset = UNSET,
    series_instance_uid: str | Unset = UNSET,
    study_date: datetime.date | Unset = UNSET,
    study_description: str | Unset = UNSET,
    study_description_isempty: bool | Unset = UNSET,
    study_instance_uid: str | Unset = UNSET,
) -> PaginatedHyperlinkedImageList | None:
    """
    Args:
        archive (list[UUID] | Unset):
        format_ (CasesImagesListFormat | Unset):
        job_input (list[UUID] | Unset):
        job_output (list[UUID] | Unset):
        limit (int | Unset):
        name (str | Unset):
        offset (int | Unset):
        origin (UUID | Unset):
        patient_age (str | Unset):
        patient_birth_date (datetime.date | Unset):
        patient_id (str | Unset):
        patient_id_isempty (bool | Unset):
        patient_name (str | Unset):
        patient_sex (CasesImagesListPatientSex | Unset):
        reader_study (list[UUID] | Unset):
        series_description (str | Unset):
        series_instance_uid (str | Unset):
        study_date (datetime.date | Unset):
        study_description (str | Unset):
        study_description_isempty (bool | Unset):
        study_instance_uid (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedHyperlinkedImageList
    """

    return (
        await asyncio_detailed(
            client=client,
            archive=archive,
            format_=format_,
            job_input=job_input,
            job_output=job_output,
            limit=limit,
            name=name,
            offset=offset,
            origin=origin,
            patient_age=patient_age,
            patient_birth_date=patient_birth_date,
            patient_id=patient_id,
            patient_id_isempty=patient_id_isempty,
            patient_name=patient_name,
            patient_sex=patient_sex,
            reader_study=reader_study,
            series_description=series_description,
            series_instance_uid=series_instance_uid,
            study_date=study_date,
            study_description=study_description,
            study_description_isempty=study_description_isempty,
            study_instance_uid=study_instance_uid,
        )
    ).parsed

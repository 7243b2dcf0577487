from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, Missing, unparsed
from ..types import parse_datetime as _parse_datetime

if TYPE_CHECKING:
    from ..models.user_upload_presigned_ur_ls_presigned_urls import (
        UserUploadPresignedURLsPresignedUrls,
    )


T = TypeVar("T", bound="UserUploadPresignedURLs")


@_attrs_define
class UserUploadPresignedURLs:
    pk: UUID
    created: datetime.datetime
    filename: str
    key: str
    s3_upload_id: str
    status: str
    api_url: str
    presigned_urls: UserUploadPresignedURLsPresignedUrls
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.pk, Missing):
            pk = str(self.pk)
        else:
            pk = MISSING

        if not isinstance(self.created, Missing):
            created = self.created.isoformat()
        else:
            created = MISSING

        if not isinstance(self.filename, Missing):
            filename = self.filename
        else:
            filename = MISSING

        if not isinstance(self.key, Missing):
            key = self.key
        else:
            key = MISSING

        if not isinstance(self.s3_upload_id, Missing):
            s3_upload_id = self.s3_upload_id
        else:
            s3_upload_id = MISSING

        if not isinstance(self.status, Missing):
            status = self.status
        else:
            status = MISSING

        if not isinstance(self.api_url, Missing):
            api_url = self.api_url
        else:
            api_url = MISSING

        if not isinstance(self.presigned_urls, Missing):
            presigned_urls = self.presigned_urls.to_dict()
        else:
            presigned_urls = MISSING

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "created": created,
                "filename": filename,
                "key": key,
                "s3_upload_id": s3_upload_id,
                "status": status,
                "api_url": api_url,
                "presigned_urls": presigned_urls,
            }
        )

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.user_upload_presigned_ur_ls_presigned_urls import (
            UserUploadPresignedURLsPresignedUrls,  # noqa: PLC0415
        )

        d = dict(src_dict)
        _raw_pk = d.pop("pk", MISSING)
        try:
            if _raw_pk is MISSING:
                raise KeyError("pk")
            pk = UUID(_raw_pk)

        except PARSE_ERRORS as exc:
            pk = unparsed(_raw_pk, "UserUploadPresignedURLs.pk", exc)

        _raw_created = d.pop("created", MISSING)
        try:
            if _raw_created is MISSING:
                raise KeyError("created")
            created = _parse_datetime(_raw_created)

        except PARSE_ERRORS as exc:
            created = unparsed(_raw_created, "UserUploadPresignedURLs.created", exc)

        _raw_filename = d.pop("filename", MISSING)
        try:
            if _raw_filename is MISSING:
                raise KeyError("filename")
            filename = _raw_filename
        except PARSE_ERRORS as exc:
            filename = unparsed(_raw_filename, "UserUploadPresignedURLs.filename", exc)

        _raw_key = d.pop("key", MISSING)
        try:
            if _raw_key is MISSING:
                raise KeyError("key")
            key = _raw_key
        except PARSE_ERRORS as exc:
            key = unparsed(_raw_key, "UserUploadPresignedURLs.key", exc)

        _raw_s3_upload_id = d.pop("s3_upload_id", MISSING)
        try:
            if _raw_s3_upload_id is MISSING:
                raise KeyError("s3_upload_id")
            s3_upload_id = _raw_s3_upload_id
        except PARSE_ERRORS as exc:
            s3_upload_id = unparsed(
                _raw_s3_upload_id, "UserUploadPresignedURLs.s3_upload_id", exc
            )

        _raw_status = d.pop("status", MISSING)
        try:
            if _raw_status is MISSING:
                raise KeyError("status")
            status = _raw_status
        except PARSE_ERRORS as exc:
            status = unparsed(_raw_status, "UserUploadPresignedURLs.status", exc)

        _raw_api_url = d.pop("api_url", MISSING)
        try:
            if _raw_api_url is MISSING:
                raise KeyError("api_url")
            api_url = _raw_api_url
        except PARSE_ERRORS as exc:
            api_url = unparsed(_raw_api_url, "UserUploadPresignedURLs.api_url", exc)

        _raw_presigned_urls = d.pop("presigned_urls", MISSING)
        try:
            if _raw_presigned_urls is MISSING:
                raise KeyError("presigned_urls")
            presigned_urls = UserUploadPresignedURLsPresignedUrls.from_dict(
                _raw_presigned_urls
            )

        except PARSE_ERRORS as exc:
            presigned_urls = unparsed(
                _raw_presigned_urls, "UserUploadPresignedURLs.presigned_urls", exc
            )

        user_upload_presigned_ur_ls = cls(
            pk=pk,
            created=created,
            filename=filename,
            key=key,
            s3_upload_id=s3_upload_id,
            status=status,
            api_url=api_url,
            presigned_urls=presigned_urls,
        )

        user_upload_presigned_ur_ls.additional_properties = d
        return user_upload_presigned_ur_ls

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

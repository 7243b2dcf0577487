from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, Missing, unparsed
from ..types import parse_datetime as _parse_datetime

T = TypeVar("T", bound="UserUploadCreate")


@_attrs_define
class UserUploadCreate:
    pk: UUID
    created: datetime.datetime
    filename: str
    key: str
    s3_upload_id: str
    status: str
    api_url: str
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
            }
        )

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _raw_pk = d.pop("pk", MISSING)
        try:
            if _raw_pk is MISSING:
                raise KeyError("pk")
            pk = UUID(_raw_pk)

        except PARSE_ERRORS as exc:
            pk = unparsed(_raw_pk, "UserUploadCreate.pk", exc)

        _raw_created = d.pop("created", MISSING)
        try:
            if _raw_created is MISSING:
                raise KeyError("created")
            created = _parse_datetime(_raw_created)

        except PARSE_ERRORS as exc:
            created = unparsed(_raw_created, "UserUploadCreate.created", exc)

        _raw_filename = d.pop("filename", MISSING)
        try:
            if _raw_filename is MISSING:
                raise KeyError("filename")
            filename = _raw_filename
        except PARSE_ERRORS as exc:
            filename = unparsed(_raw_filename, "UserUploadCreate.filename", exc)

        _raw_key = d.pop("key", MISSING)
        try:
            if _raw_key is MISSING:
                raise KeyError("key")
            key = _raw_key
        except PARSE_ERRORS as exc:
            key = unparsed(_raw_key, "UserUploadCreate.key", exc)

        _raw_s3_upload_id = d.pop("s3_upload_id", MISSING)
        try:
            if _raw_s3_upload_id is MISSING:
                raise KeyError("s3_upload_id")
            s3_upload_id = _raw_s3_upload_id
        except PARSE_ERRORS as exc:
            s3_upload_id = unparsed(
                _raw_s3_upload_id, "UserUploadCreate.s3_upload_id", exc
            )

        _raw_status = d.pop("status", MISSING)
        try:
            if _raw_status is MISSING:
                raise KeyError("status")
            status = _raw_status
        except PARSE_ERRORS as exc:
            status = unparsed(_raw_status, "UserUploadCreate.status", exc)

        _raw_api_url = d.pop("api_url", MISSING)
        try:
            if _raw_api_url is MISSING:
                raise KeyError("api_url")
            api_url = _raw_api_url
        except PARSE_ERRORS as exc:
            api_url = unparsed(_raw_api_url, "UserUploadCreate.api_url", exc)

        user_upload_create = cls(
            pk=pk,
            created=created,
            filename=filename,
            key=key,
            s3_upload_id=s3_upload_id,
            status=status,
            api_url=api_url,
        )

        user_upload_create.additional_properties = d
        return user_upload_create

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

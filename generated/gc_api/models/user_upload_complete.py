from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="UserUploadComplete")


@_attrs_define
class UserUploadComplete:
    pk: UUID
    created: datetime.datetime
    filename: str
    key: str
    s3_upload_id: str
    status: str
    api_url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pk = str(self.pk)

        created = self.created.isoformat()

        filename = self.filename

        key = self.key

        s3_upload_id = self.s3_upload_id

        status = self.status

        api_url = self.api_url

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pk = UUID(d.pop("pk"))

        created = datetime.datetime.fromisoformat(d.pop("created"))

        filename = d.pop("filename")

        key = d.pop("key")

        s3_upload_id = d.pop("s3_upload_id")

        status = d.pop("status")

        api_url = d.pop("api_url")

        user_upload_complete = cls(
            pk=pk,
            created=created,
            filename=filename,
            key=key,
            s3_upload_id=s3_upload_id,
            status=status,
            api_url=api_url,
        )

        user_upload_complete.additional_properties = d
        return user_upload_complete

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

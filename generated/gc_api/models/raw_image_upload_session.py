from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RawImageUploadSession")


@_attrs_define
class RawImageUploadSession:
    pk: UUID
    status: str
    image_set: list[str]
    api_url: str
    uploads: list[str]
    creator: int | None | Unset = UNSET
    error_message: str | Unset = UNSET
    user_uploads: list[UUID] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pk = str(self.pk)

        status = self.status

        image_set = self.image_set

        api_url = self.api_url

        uploads = self.uploads

        creator: int | None | Unset
        if isinstance(self.creator, Unset):
            creator = UNSET
        else:
            creator = self.creator

        error_message = self.error_message

        user_uploads: list[str] | Unset = UNSET
        if not isinstance(self.user_uploads, Unset):
            user_uploads = []
            for user_uploads_item_data in self.user_uploads:
                user_uploads_item = str(user_uploads_item_data)
                user_uploads.append(user_uploads_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "status": status,
                "image_set": image_set,
                "api_url": api_url,
                "uploads": uploads,
            }
        )
        if creator is not UNSET:
            field_dict["creator"] = creator
        if error_message is not UNSET:
            field_dict["error_message"] = error_message
        if user_uploads is not UNSET:
            field_dict["user_uploads"] = user_uploads

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pk = UUID(d.pop("pk"))

        status = d.pop("status")

        image_set = cast(list[str], d.pop("image_set"))

        api_url = d.pop("api_url")

        uploads = cast(list[str], d.pop("uploads"))

        def _parse_creator(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        creator = _parse_creator(d.pop("creator", UNSET))

        error_message = d.pop("error_message", UNSET)

        _user_uploads = d.pop("user_uploads", UNSET)
        user_uploads: list[UUID] | Unset = UNSET
        if _user_uploads is not UNSET:
            user_uploads = []
            for user_uploads_item_data in _user_uploads:
                user_uploads_item = UUID(user_uploads_item_data)

                user_uploads.append(user_uploads_item)

        raw_image_upload_session = cls(
            pk=pk,
            status=status,
            image_set=image_set,
            api_url=api_url,
            uploads=uploads,
            creator=creator,
            error_message=error_message,
            user_uploads=user_uploads,
        )

        raw_image_upload_session.additional_properties = d
        return raw_image_upload_session

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

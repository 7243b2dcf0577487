from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed

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
        if not isinstance(self.pk, Missing):
            pk = str(self.pk)
        else:
            pk = MISSING

        if not isinstance(self.status, Missing):
            status = self.status
        else:
            status = MISSING

        if not isinstance(self.image_set, Missing):
            image_set = self.image_set

        else:
            image_set = MISSING

        if not isinstance(self.api_url, Missing):
            api_url = self.api_url
        else:
            api_url = MISSING

        if not isinstance(self.uploads, Missing):
            uploads = self.uploads

        else:
            uploads = MISSING

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
            pk = unparsed(_raw_pk, "RawImageUploadSession.pk", exc)

        _raw_status = d.pop("status", MISSING)
        try:
            if _raw_status is MISSING:
                raise KeyError("status")
            status = _raw_status
        except PARSE_ERRORS as exc:
            status = unparsed(_raw_status, "RawImageUploadSession.status", exc)

        _raw_image_set = d.pop("image_set", MISSING)
        try:
            if _raw_image_set is MISSING:
                raise KeyError("image_set")
            image_set = cast(list[str], _raw_image_set)

        except PARSE_ERRORS as exc:
            image_set = unparsed(_raw_image_set, "RawImageUploadSession.image_set", exc)

        _raw_api_url = d.pop("api_url", MISSING)
        try:
            if _raw_api_url is MISSING:
                raise KeyError("api_url")
            api_url = _raw_api_url
        except PARSE_ERRORS as exc:
            api_url = unparsed(_raw_api_url, "RawImageUploadSession.api_url", exc)

        _raw_uploads = d.pop("uploads", MISSING)
        try:
            if _raw_uploads is MISSING:
                raise KeyError("uploads")
            uploads = cast(list[str], _raw_uploads)

        except PARSE_ERRORS as exc:
            uploads = unparsed(_raw_uploads, "RawImageUploadSession.uploads", exc)

        _raw_creator = d.pop("creator", UNSET)
        try:

            def _parse_creator(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(int | None | Unset, data)

            creator = _parse_creator(_raw_creator)

        except PARSE_ERRORS as exc:
            creator = unparsed(_raw_creator, "RawImageUploadSession.creator", exc)

        _raw_error_message = d.pop("error_message", UNSET)
        try:
            error_message = _raw_error_message
        except PARSE_ERRORS as exc:
            error_message = unparsed(
                _raw_error_message, "RawImageUploadSession.error_message", exc
            )

        _raw_user_uploads = d.pop("user_uploads", UNSET)
        try:
            _user_uploads = _raw_user_uploads
            user_uploads: list[UUID] | Unset = UNSET
            if _user_uploads is not UNSET:
                user_uploads = []
                for user_uploads_item_data in _user_uploads:
                    user_uploads_item = UUID(user_uploads_item_data)

                    user_uploads.append(user_uploads_item)

        except PARSE_ERRORS as exc:
            user_uploads = unparsed(
                _raw_user_uploads, "RawImageUploadSession.user_uploads", exc
            )

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, Missing, unparsed

T = TypeVar("T", bound="UserUploadCreateRequest")


@_attrs_define
class UserUploadCreateRequest:
    filename: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.filename, Missing):
            filename = self.filename
        else:
            filename = MISSING

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "filename": filename,
            }
        )

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _raw_filename = d.pop("filename", MISSING)
        try:
            if _raw_filename is MISSING:
                raise KeyError("filename")
            filename = _raw_filename
        except PARSE_ERRORS as exc:
            filename = unparsed(_raw_filename, "UserUploadCreateRequest.filename", exc)

        user_upload_create_request = cls(
            filename=filename,
        )

        user_upload_create_request.additional_properties = d
        return user_upload_create_request

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

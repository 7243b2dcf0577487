from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Unset, unparsed

T = TypeVar("T", bound="PatchedUserUploadPresignedURLsRequest")


@_attrs_define
class PatchedUserUploadPresignedURLsRequest:
    part_numbers: list[int] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        part_numbers: list[int] | Unset = UNSET
        if not isinstance(self.part_numbers, Unset):
            part_numbers = self.part_numbers

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if part_numbers is not UNSET:
            field_dict["part_numbers"] = part_numbers

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _raw_part_numbers = d.pop("part_numbers", UNSET)
        try:
            part_numbers = cast(list[int], _raw_part_numbers)

        except PARSE_ERRORS as exc:
            part_numbers = unparsed(
                _raw_part_numbers,
                "PatchedUserUploadPresignedURLsRequest.part_numbers",
                exc,
            )

        patched_user_upload_presigned_ur_ls_request = cls(
            part_numbers=part_numbers,
        )

        patched_user_upload_presigned_ur_ls_request.additional_properties = d
        return patched_user_upload_presigned_ur_ls_request

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Unset, unparsed

if TYPE_CHECKING:
    from ..models.part_request import PartRequest


T = TypeVar("T", bound="PatchedUserUploadCompleteRequest")


@_attrs_define
class PatchedUserUploadCompleteRequest:
    parts: list[PartRequest] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        parts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.parts, Unset):
            parts = []
            for parts_item_data in self.parts:
                parts_item = parts_item_data.to_dict()
                parts.append(parts_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if parts is not UNSET:
            field_dict["parts"] = parts

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.part_request import PartRequest  # noqa: PLC0415

        d = dict(src_dict)
        _raw_parts = d.pop("parts", UNSET)
        try:
            _parts = _raw_parts
            parts: list[PartRequest] | Unset = UNSET
            if _parts is not UNSET:
                parts = []
                for parts_item_data in _parts:
                    parts_item = PartRequest.from_dict(parts_item_data)

                    parts.append(parts_item)

        except PARSE_ERRORS as exc:
            parts = unparsed(_raw_parts, "PatchedUserUploadCompleteRequest.parts", exc)

        patched_user_upload_complete_request = cls(
            parts=parts,
        )

        patched_user_upload_complete_request.additional_properties = d
        return patched_user_upload_complete_request

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, Missing, unparsed

T = TypeVar("T", bound="PartRequest")


@_attrs_define
class PartRequest:
    e_tag: str
    part_number: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.e_tag, Missing):
            e_tag = self.e_tag
        else:
            e_tag = MISSING

        if not isinstance(self.part_number, Missing):
            part_number = self.part_number
        else:
            part_number = MISSING

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ETag": e_tag,
                "PartNumber": part_number,
            }
        )

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _raw_e_tag = d.pop("ETag", MISSING)
        try:
            if _raw_e_tag is MISSING:
                raise KeyError("ETag")
            e_tag = _raw_e_tag
        except PARSE_ERRORS as exc:
            e_tag = unparsed(_raw_e_tag, "PartRequest.ETag", exc)

        _raw_part_number = d.pop("PartNumber", MISSING)
        try:
            if _raw_part_number is MISSING:
                raise KeyError("PartNumber")
            part_number = _raw_part_number
        except PARSE_ERRORS as exc:
            part_number = unparsed(_raw_part_number, "PartRequest.PartNumber", exc)

        part_request = cls(
            e_tag=e_tag,
            part_number=part_number,
        )

        part_request.additional_properties = d
        return part_request

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

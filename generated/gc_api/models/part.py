from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, Missing, unparsed
from ..types import parse_datetime as _parse_datetime

T = TypeVar("T", bound="Part")


@_attrs_define
class Part:
    e_tag: str
    part_number: int
    last_modified: datetime.datetime
    size: int
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

        if not isinstance(self.last_modified, Missing):
            last_modified = self.last_modified.isoformat()
        else:
            last_modified = MISSING

        if not isinstance(self.size, Missing):
            size = self.size
        else:
            size = MISSING

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ETag": e_tag,
                "PartNumber": part_number,
                "LastModified": last_modified,
                "Size": size,
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
            e_tag = unparsed(_raw_e_tag, "Part.ETag", exc)

        _raw_part_number = d.pop("PartNumber", MISSING)
        try:
            if _raw_part_number is MISSING:
                raise KeyError("PartNumber")
            part_number = _raw_part_number
        except PARSE_ERRORS as exc:
            part_number = unparsed(_raw_part_number, "Part.PartNumber", exc)

        _raw_last_modified = d.pop("LastModified", MISSING)
        try:
            if _raw_last_modified is MISSING:
                raise KeyError("LastModified")
            last_modified = _parse_datetime(_raw_last_modified)

        except PARSE_ERRORS as exc:
            last_modified = unparsed(_raw_last_modified, "Part.LastModified", exc)

        _raw_size = d.pop("Size", MISSING)
        try:
            if _raw_size is MISSING:
                raise KeyError("Size")
            size = _raw_size
        except PARSE_ERRORS as exc:
            size = unparsed(_raw_size, "Part.Size", exc)

        part = cls(
            e_tag=e_tag,
            part_number=part_number,
            last_modified=last_modified,
            size=size,
        )

        part.additional_properties = d
        return part

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

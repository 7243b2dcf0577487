from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Part")


@_attrs_define
class Part:
    e_tag: str
    part_number: int
    last_modified: datetime.datetime
    size: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        e_tag = self.e_tag

        part_number = self.part_number

        last_modified = self.last_modified.isoformat()

        size = self.size

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        e_tag = d.pop("ETag")

        part_number = d.pop("PartNumber")

        last_modified = datetime.datetime.fromisoformat(d.pop("LastModified"))

        size = d.pop("Size")

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

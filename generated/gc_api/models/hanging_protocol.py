from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="HangingProtocol")


@_attrs_define
class HangingProtocol:
    json: Any
    title: str
    pk: UUID
    svg_icon: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        json = self.json

        title = self.title

        pk = str(self.pk)

        svg_icon = self.svg_icon

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "json": json,
                "title": title,
                "pk": pk,
                "svg_icon": svg_icon,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        json = d.pop("json")

        title = d.pop("title")

        pk = UUID(d.pop("pk"))

        svg_icon = d.pop("svg_icon")

        hanging_protocol = cls(
            json=json,
            title=title,
            pk=pk,
            svg_icon=svg_icon,
        )

        hanging_protocol.additional_properties = d
        return hanging_protocol

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

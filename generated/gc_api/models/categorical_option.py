from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed

T = TypeVar("T", bound="CategoricalOption")


@_attrs_define
class CategoricalOption:
    id: int
    title: str
    default: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.id, Missing):
            id = self.id
        else:
            id = MISSING

        if not isinstance(self.title, Missing):
            title = self.title
        else:
            title = MISSING

        default = self.default

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
            }
        )
        if default is not UNSET:
            field_dict["default"] = default

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _raw_id = d.pop("id", MISSING)
        try:
            if _raw_id is MISSING:
                raise KeyError("id")
            id = _raw_id
        except PARSE_ERRORS as exc:
            id = unparsed(_raw_id, "CategoricalOption.id", exc)

        _raw_title = d.pop("title", MISSING)
        try:
            if _raw_title is MISSING:
                raise KeyError("title")
            title = _raw_title
        except PARSE_ERRORS as exc:
            title = unparsed(_raw_title, "CategoricalOption.title", exc)

        _raw_default = d.pop("default", UNSET)
        try:
            default = _raw_default
        except PARSE_ERRORS as exc:
            default = unparsed(_raw_default, "CategoricalOption.default", exc)

        categorical_option = cls(
            id=id,
            title=title,
            default=default,
        )

        categorical_option.additional_properties = d
        return categorical_option

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

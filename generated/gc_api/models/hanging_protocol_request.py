from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, Missing, unparsed

T = TypeVar("T", bound="HangingProtocolRequest")


@_attrs_define
class HangingProtocolRequest:
    json: Any
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.json, Missing):
            json = self.json
        else:
            json = MISSING

        if not isinstance(self.title, Missing):
            title = self.title
        else:
            title = MISSING

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "json": json,
                "title": title,
            }
        )

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _raw_json = d.pop("json", MISSING)
        try:
            if _raw_json is MISSING:
                raise KeyError("json")
            json = _raw_json
        except PARSE_ERRORS as exc:
            json = unparsed(_raw_json, "HangingProtocolRequest.json", exc)

        _raw_title = d.pop("title", MISSING)
        try:
            if _raw_title is MISSING:
                raise KeyError("title")
            title = _raw_title
        except PARSE_ERRORS as exc:
            title = unparsed(_raw_title, "HangingProtocolRequest.title", exc)

        hanging_protocol_request = cls(
            json=json,
            title=title,
        )

        hanging_protocol_request.additional_properties = d
        return hanging_protocol_request

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, Missing, unparsed

T = TypeVar("T", bound="GCAPIVersion")


@_attrs_define
class GCAPIVersion:
    latest_version: str
    lowest_supported_version: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.latest_version, Missing):
            latest_version = self.latest_version
        else:
            latest_version = MISSING

        if not isinstance(self.lowest_supported_version, Missing):
            lowest_supported_version = self.lowest_supported_version
        else:
            lowest_supported_version = MISSING

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "latest_version": latest_version,
                "lowest_supported_version": lowest_supported_version,
            }
        )

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _raw_latest_version = d.pop("latest_version", MISSING)
        try:
            if _raw_latest_version is MISSING:
                raise KeyError("latest_version")
            latest_version = _raw_latest_version
        except PARSE_ERRORS as exc:
            latest_version = unparsed(
                _raw_latest_version, "GCAPIVersion.latest_version", exc
            )

        _raw_lowest_supported_version = d.pop("lowest_supported_version", MISSING)
        try:
            if _raw_lowest_supported_version is MISSING:
                raise KeyError("lowest_supported_version")
            lowest_supported_version = _raw_lowest_supported_version
        except PARSE_ERRORS as exc:
            lowest_supported_version = unparsed(
                _raw_lowest_supported_version,
                "GCAPIVersion.lowest_supported_version",
                exc,
            )

        gcapi_version = cls(
            latest_version=latest_version,
            lowest_supported_version=lowest_supported_version,
        )

        gcapi_version.additional_properties = d
        return gcapi_version

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

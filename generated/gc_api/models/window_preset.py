from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WindowPreset")


@_attrs_define
class WindowPreset:
    pk: int
    slug: str
    title: str
    description: None | str | Unset = UNSET
    center: int | None | Unset = UNSET
    width: int | None | Unset = UNSET
    lower_percentile: int | None | Unset = UNSET
    upper_percentile: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pk = self.pk

        slug = self.slug

        title = self.title

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        center: int | None | Unset
        if isinstance(self.center, Unset):
            center = UNSET
        else:
            center = self.center

        width: int | None | Unset
        if isinstance(self.width, Unset):
            width = UNSET
        else:
            width = self.width

        lower_percentile: int | None | Unset
        if isinstance(self.lower_percentile, Unset):
            lower_percentile = UNSET
        else:
            lower_percentile = self.lower_percentile

        upper_percentile: int | None | Unset
        if isinstance(self.upper_percentile, Unset):
            upper_percentile = UNSET
        else:
            upper_percentile = self.upper_percentile

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "slug": slug,
                "title": title,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if center is not UNSET:
            field_dict["center"] = center
        if width is not UNSET:
            field_dict["width"] = width
        if lower_percentile is not UNSET:
            field_dict["lower_percentile"] = lower_percentile
        if upper_percentile is not UNSET:
            field_dict["upper_percentile"] = upper_percentile

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pk = d.pop("pk")

        slug = d.pop("slug")

        title = d.pop("title")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_center(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        center = _parse_center(d.pop("center", UNSET))

        def _parse_width(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        width = _parse_width(d.pop("width", UNSET))

        def _parse_lower_percentile(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        lower_percentile = _parse_lower_percentile(d.pop("lower_percentile", UNSET))

        def _parse_upper_percentile(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        upper_percentile = _parse_upper_percentile(d.pop("upper_percentile", UNSET))

        window_preset = cls(
            pk=pk,
            slug=slug,
            title=title,
            description=description,
            center=center,
            width=width,
            lower_percentile=lower_percentile,
            upper_percentile=upper_percentile,
        )

        window_preset.additional_properties = d
        return window_preset

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

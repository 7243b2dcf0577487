from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed

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
        if not isinstance(self.pk, Missing):
            pk = self.pk
        else:
            pk = MISSING

        if not isinstance(self.slug, Missing):
            slug = self.slug
        else:
            slug = MISSING

        if not isinstance(self.title, Missing):
            title = self.title
        else:
            title = MISSING

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

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _raw_pk = d.pop("pk", MISSING)
        try:
            if _raw_pk is MISSING:
                raise KeyError("pk")
            pk = _raw_pk
        except PARSE_ERRORS as exc:
            pk = unparsed(_raw_pk, "WindowPreset.pk", exc)

        _raw_slug = d.pop("slug", MISSING)
        try:
            if _raw_slug is MISSING:
                raise KeyError("slug")
            slug = _raw_slug
        except PARSE_ERRORS as exc:
            slug = unparsed(_raw_slug, "WindowPreset.slug", exc)

        _raw_title = d.pop("title", MISSING)
        try:
            if _raw_title is MISSING:
                raise KeyError("title")
            title = _raw_title
        except PARSE_ERRORS as exc:
            title = unparsed(_raw_title, "WindowPreset.title", exc)

        _raw_description = d.pop("description", UNSET)
        try:

            def _parse_description(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            description = _parse_description(_raw_description)

        except PARSE_ERRORS as exc:
            description = unparsed(_raw_description, "WindowPreset.description", exc)

        _raw_center = d.pop("center", UNSET)
        try:

            def _parse_center(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(int | None | Unset, data)

            center = _parse_center(_raw_center)

        except PARSE_ERRORS as exc:
            center = unparsed(_raw_center, "WindowPreset.center", exc)

        _raw_width = d.pop("width", UNSET)
        try:

            def _parse_width(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(int | None | Unset, data)

            width = _parse_width(_raw_width)

        except PARSE_ERRORS as exc:
            width = unparsed(_raw_width, "WindowPreset.width", exc)

        _raw_lower_percentile = d.pop("lower_percentile", UNSET)
        try:

            def _parse_lower_percentile(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(int | None | Unset, data)

            lower_percentile = _parse_lower_percentile(_raw_lower_percentile)

        except PARSE_ERRORS as exc:
            lower_percentile = unparsed(
                _raw_lower_percentile, "WindowPreset.lower_percentile", exc
            )

        _raw_upper_percentile = d.pop("upper_percentile", UNSET)
        try:

            def _parse_upper_percentile(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(int | None | Unset, data)

            upper_percentile = _parse_upper_percentile(_raw_upper_percentile)

        except PARSE_ERRORS as exc:
            upper_percentile = unparsed(
                _raw_upper_percentile, "WindowPreset.upper_percentile", exc
            )

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.color_interpolation_enum import (
    ColorInterpolationEnum,
    check_color_interpolation_enum,
)
from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed

T = TypeVar("T", bound="LookUpTable")


@_attrs_define
class LookUpTable:
    pk: int
    slug: str
    title: str
    color: str
    alpha: str
    description: None | str | Unset = UNSET
    color_invert: str | Unset = UNSET
    alpha_invert: str | Unset = UNSET
    range_min: int | Unset = UNSET
    range_max: int | Unset = UNSET
    relative: bool | Unset = UNSET
    color_interpolation: ColorInterpolationEnum | Unset = UNSET
    """ * `RGB` - RGB
    * `HLS` - HLS
    * `HLSpos` - HLS Positive
    * `HLSneg` - HLS Negative
    * `Constant` - Constant """
    color_interpolation_invert: ColorInterpolationEnum | Unset = UNSET
    """ * `RGB` - RGB
    * `HLS` - HLS
    * `HLSpos` - HLS Positive
    * `HLSneg` - HLS Negative
    * `Constant` - Constant """
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

        if not isinstance(self.color, Missing):
            color = self.color
        else:
            color = MISSING

        if not isinstance(self.alpha, Missing):
            alpha = self.alpha
        else:
            alpha = MISSING

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        color_invert = self.color_invert

        alpha_invert = self.alpha_invert

        range_min = self.range_min

        range_max = self.range_max

        relative = self.relative

        color_interpolation: str | Unset = UNSET
        if not isinstance(self.color_interpolation, Unset):
            color_interpolation = self.color_interpolation

        color_interpolation_invert: str | Unset = UNSET
        if not isinstance(self.color_interpolation_invert, Unset):
            color_interpolation_invert = self.color_interpolation_invert

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "slug": slug,
                "title": title,
                "color": color,
                "alpha": alpha,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if color_invert is not UNSET:
            field_dict["color_invert"] = color_invert
        if alpha_invert is not UNSET:
            field_dict["alpha_invert"] = alpha_invert
        if range_min is not UNSET:
            field_dict["range_min"] = range_min
        if range_max is not UNSET:
            field_dict["range_max"] = range_max
        if relative is not UNSET:
            field_dict["relative"] = relative
        if color_interpolation is not UNSET:
            field_dict["color_interpolation"] = color_interpolation
        if color_interpolation_invert is not UNSET:
            field_dict["color_interpolation_invert"] = color_interpolation_invert

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
            pk = unparsed(_raw_pk, "LookUpTable.pk", exc)

        _raw_slug = d.pop("slug", MISSING)
        try:
            if _raw_slug is MISSING:
                raise KeyError("slug")
            slug = _raw_slug
        except PARSE_ERRORS as exc:
            slug = unparsed(_raw_slug, "LookUpTable.slug", exc)

        _raw_title = d.pop("title", MISSING)
        try:
            if _raw_title is MISSING:
                raise KeyError("title")
            title = _raw_title
        except PARSE_ERRORS as exc:
            title = unparsed(_raw_title, "LookUpTable.title", exc)

        _raw_color = d.pop("color", MISSING)
        try:
            if _raw_color is MISSING:
                raise KeyError("color")
            color = _raw_color
        except PARSE_ERRORS as exc:
            color = unparsed(_raw_color, "LookUpTable.color", exc)

        _raw_alpha = d.pop("alpha", MISSING)
        try:
            if _raw_alpha is MISSING:
                raise KeyError("alpha")
            alpha = _raw_alpha
        except PARSE_ERRORS as exc:
            alpha = unparsed(_raw_alpha, "LookUpTable.alpha", exc)

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
            description = unparsed(_raw_description, "LookUpTable.description", exc)

        _raw_color_invert = d.pop("color_invert", UNSET)
        try:
            color_invert = _raw_color_invert
        except PARSE_ERRORS as exc:
            color_invert = unparsed(_raw_color_invert, "LookUpTable.color_invert", exc)

        _raw_alpha_invert = d.pop("alpha_invert", UNSET)
        try:
            alpha_invert = _raw_alpha_invert
        except PARSE_ERRORS as exc:
            alpha_invert = unparsed(_raw_alpha_invert, "LookUpTable.alpha_invert", exc)

        _raw_range_min = d.pop("range_min", UNSET)
        try:
            range_min = _raw_range_min
        except PARSE_ERRORS as exc:
            range_min = unparsed(_raw_range_min, "LookUpTable.range_min", exc)

        _raw_range_max = d.pop("range_max", UNSET)
        try:
            range_max = _raw_range_max
        except PARSE_ERRORS as exc:
            range_max = unparsed(_raw_range_max, "LookUpTable.range_max", exc)

        _raw_relative = d.pop("relative", UNSET)
        try:
            relative = _raw_relative
        except PARSE_ERRORS as exc:
            relative = unparsed(_raw_relative, "LookUpTable.relative", exc)

        _raw_color_interpolation = d.pop("color_interpolation", UNSET)
        try:
            _color_interpolation = _raw_color_interpolation
            color_interpolation: ColorInterpolationEnum | Unset
            if isinstance(_color_interpolation, Unset):
                color_interpolation = UNSET
            else:
                color_interpolation = check_color_interpolation_enum(
                    _color_interpolation
                )

        except PARSE_ERRORS as exc:
            color_interpolation = unparsed(
                _raw_color_interpolation, "LookUpTable.color_interpolation", exc
            )

        _raw_color_interpolation_invert = d.pop("color_interpolation_invert", UNSET)
        try:
            _color_interpolation_invert = _raw_color_interpolation_invert
            color_interpolation_invert: ColorInterpolationEnum | Unset
            if isinstance(_color_interpolation_invert, Unset):
                color_interpolation_invert = UNSET
            else:
                color_interpolation_invert = check_color_interpolation_enum(
                    _color_interpolation_invert
                )

        except PARSE_ERRORS as exc:
            color_interpolation_invert = unparsed(
                _raw_color_interpolation_invert,
                "LookUpTable.color_interpolation_invert",
                exc,
            )

        look_up_table = cls(
            pk=pk,
            slug=slug,
            title=title,
            color=color,
            alpha=alpha,
            description=description,
            color_invert=color_invert,
            alpha_invert=alpha_invert,
            range_min=range_min,
            range_max=range_max,
            relative=relative,
            color_interpolation=color_interpolation,
            color_interpolation_invert=color_interpolation_invert,
        )

        look_up_table.additional_properties = d
        return look_up_table

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

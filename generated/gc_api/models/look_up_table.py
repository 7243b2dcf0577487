from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.color_interpolation_enum import (
    ColorInterpolationEnum,
    check_color_interpolation_enum,
)
from ..types import UNSET, Unset

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
        pk = self.pk

        slug = self.slug

        title = self.title

        color = self.color

        alpha = self.alpha

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pk = d.pop("pk")

        slug = d.pop("slug")

        title = d.pop("title")

        color = d.pop("color")

        alpha = d.pop("alpha")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        color_invert = d.pop("color_invert", UNSET)

        alpha_invert = d.pop("alpha_invert", UNSET)

        range_min = d.pop("range_min", UNSET)

        range_max = d.pop("range_max", UNSET)

        relative = d.pop("relative", UNSET)

        _color_interpolation = d.pop("color_interpolation", UNSET)
        color_interpolation: ColorInterpolationEnum | Unset
        if isinstance(_color_interpolation, Unset):
            color_interpolation = UNSET
        else:
            color_interpolation = check_color_interpolation_enum(_color_interpolation)

        _color_interpolation_invert = d.pop("color_interpolation_invert", UNSET)
        color_interpolation_invert: ColorInterpolationEnum | Unset
        if isinstance(_color_interpolation_invert, Unset):
            color_interpolation_invert = UNSET
        else:
            color_interpolation_invert = check_color_interpolation_enum(
                _color_interpolation_invert
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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.component_interface import ComponentInterface
    from ..models.simple_image import SimpleImage


T = TypeVar("T", bound="ComponentInterfaceValue")


@_attrs_define
class ComponentInterfaceValue:
    interface: ComponentInterface
    pk: int
    value: Any | Unset = UNSET
    file: None | str | Unset = UNSET
    image: SimpleImage | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        interface = self.interface.to_dict()

        pk = self.pk

        value = self.value

        file: None | str | Unset
        if isinstance(self.file, Unset):
            file = UNSET
        else:
            file = self.file

        image: dict[str, Any] | Unset = UNSET
        if not isinstance(self.image, Unset):
            image = self.image.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "interface": interface,
                "pk": pk,
            }
        )
        if value is not UNSET:
            field_dict["value"] = value
        if file is not UNSET:
            field_dict["file"] = file
        if image is not UNSET:
            field_dict["image"] = image

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.component_interface import ComponentInterface  # noqa: PLC0415
        from ..models.simple_image import SimpleImage  # noqa: PLC0415

        d = dict(src_dict)
        interface = ComponentInterface.from_dict(d.pop("interface"))

        pk = d.pop("pk")

        value = d.pop("value", UNSET)

        def _parse_file(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        file = _parse_file(d.pop("file", UNSET))

        _image = d.pop("image", UNSET)
        image: SimpleImage | Unset
        if isinstance(_image, Unset):
            image = UNSET
        else:
            image = SimpleImage.from_dict(_image)

        component_interface_value = cls(
            interface=interface,
            pk=pk,
            value=value,
            file=file,
            image=image,
        )

        component_interface_value.additional_properties = d
        return component_interface_value

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

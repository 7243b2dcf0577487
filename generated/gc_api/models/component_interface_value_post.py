from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed

T = TypeVar("T", bound="ComponentInterfaceValuePost")


@_attrs_define
class ComponentInterfaceValuePost:
    """Serializes images with hyperlinks for external usage
    Expects interface_slug, to allow creating a ComponentInterfaceValue with an
    existing ComponentInterface

    """

    interface: str
    pk: int
    value: Any | Unset = UNSET
    file: None | str | Unset = UNSET
    image: None | str | Unset = UNSET
    image_name: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.interface, Missing):
            interface = self.interface
        else:
            interface = MISSING

        if not isinstance(self.pk, Missing):
            pk = self.pk
        else:
            pk = MISSING

        value = self.value

        file: None | str | Unset
        if isinstance(self.file, Unset):
            file = UNSET
        else:
            file = self.file

        image: None | str | Unset
        if isinstance(self.image, Unset):
            image = UNSET
        else:
            image = self.image

        image_name: None | str | Unset
        if isinstance(self.image_name, Unset):
            image_name = UNSET
        else:
            image_name = self.image_name

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
        if image_name is not UNSET:
            field_dict["image_name"] = image_name

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _raw_interface = d.pop("interface", MISSING)
        try:
            if _raw_interface is MISSING:
                raise KeyError("interface")
            interface = _raw_interface
        except PARSE_ERRORS as exc:
            interface = unparsed(
                _raw_interface, "ComponentInterfaceValuePost.interface", exc
            )

        _raw_pk = d.pop("pk", MISSING)
        try:
            if _raw_pk is MISSING:
                raise KeyError("pk")
            pk = _raw_pk
        except PARSE_ERRORS as exc:
            pk = unparsed(_raw_pk, "ComponentInterfaceValuePost.pk", exc)

        _raw_value = d.pop("value", UNSET)
        try:
            value = _raw_value
        except PARSE_ERRORS as exc:
            value = unparsed(_raw_value, "ComponentInterfaceValuePost.value", exc)

        _raw_file = d.pop("file", UNSET)
        try:

            def _parse_file(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            file = _parse_file(_raw_file)

        except PARSE_ERRORS as exc:
            file = unparsed(_raw_file, "ComponentInterfaceValuePost.file", exc)

        _raw_image = d.pop("image", UNSET)
        try:

            def _parse_image(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            image = _parse_image(_raw_image)

        except PARSE_ERRORS as exc:
            image = unparsed(_raw_image, "ComponentInterfaceValuePost.image", exc)

        _raw_image_name = d.pop("image_name", UNSET)
        try:

            def _parse_image_name(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            image_name = _parse_image_name(_raw_image_name)

        except PARSE_ERRORS as exc:
            image_name = unparsed(
                _raw_image_name, "ComponentInterfaceValuePost.image_name", exc
            )

        component_interface_value_post = cls(
            interface=interface,
            pk=pk,
            value=value,
            file=file,
            image=image,
            image_name=image_name,
        )

        component_interface_value_post.additional_properties = d
        return component_interface_value_post

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

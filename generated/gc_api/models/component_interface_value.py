from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed

if TYPE_CHECKING:
    from ..models.component_interface import ComponentInterface
    from ..models.simple_image import SimpleImage


T = TypeVar("T", bound="ComponentInterfaceValue")


@_attrs_define
class ComponentInterfaceValue:
    interface: ComponentInterface
    pk: int
    socket: ComponentInterface
    value: Any | Unset = UNSET
    file: None | str | Unset = UNSET
    image: None | SimpleImage | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.simple_image import SimpleImage  # noqa: PLC0415

        if not isinstance(self.interface, Missing):
            interface = self.interface.to_dict()
        else:
            interface = MISSING

        if not isinstance(self.pk, Missing):
            pk = self.pk
        else:
            pk = MISSING

        if not isinstance(self.socket, Missing):
            socket = self.socket.to_dict()
        else:
            socket = MISSING

        value = self.value

        file: None | str | Unset
        if isinstance(self.file, Unset):
            file = UNSET
        else:
            file = self.file

        image: dict[str, Any] | None | Unset
        if isinstance(self.image, Unset):
            image = UNSET
        elif isinstance(self.image, SimpleImage):
            image = self.image.to_dict()
        else:
            image = self.image

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "interface": interface,
                "pk": pk,
                "socket": socket,
            }
        )
        if value is not UNSET:
            field_dict["value"] = value
        if file is not UNSET:
            field_dict["file"] = file
        if image is not UNSET:
            field_dict["image"] = image

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.component_interface import ComponentInterface  # noqa: PLC0415
        from ..models.simple_image import SimpleImage  # noqa: PLC0415

        d = dict(src_dict)
        _raw_interface = d.pop("interface", MISSING)
        try:
            if _raw_interface is MISSING:
                raise KeyError("interface")
            interface = ComponentInterface.from_dict(_raw_interface)

        except PARSE_ERRORS as exc:
            interface = unparsed(
                _raw_interface, "ComponentInterfaceValue.interface", exc
            )

        _raw_pk = d.pop("pk", MISSING)
        try:
            if _raw_pk is MISSING:
                raise KeyError("pk")
            pk = _raw_pk
        except PARSE_ERRORS as exc:
            pk = unparsed(_raw_pk, "ComponentInterfaceValue.pk", exc)

        _raw_socket = d.pop("socket", MISSING)
        try:
            if _raw_socket is MISSING:
                raise KeyError("socket")
            socket = ComponentInterface.from_dict(_raw_socket)

        except PARSE_ERRORS as exc:
            socket = unparsed(_raw_socket, "ComponentInterfaceValue.socket", exc)

        _raw_value = d.pop("value", UNSET)
        try:
            value = _raw_value
        except PARSE_ERRORS as exc:
            value = unparsed(_raw_value, "ComponentInterfaceValue.value", exc)

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
            file = unparsed(_raw_file, "ComponentInterfaceValue.file", exc)

        _raw_image = d.pop("image", UNSET)
        try:

            def _parse_image(data: object) -> None | SimpleImage | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    image_type_1 = SimpleImage.from_dict(data)

                    return image_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(None | SimpleImage | Unset, data)

            image = _parse_image(_raw_image)

        except PARSE_ERRORS as exc:
            image = unparsed(_raw_image, "ComponentInterfaceValue.image", exc)

        component_interface_value = cls(
            interface=interface,
            pk=pk,
            socket=socket,
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

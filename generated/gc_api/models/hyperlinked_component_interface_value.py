from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed

if TYPE_CHECKING:
    from ..models.component_interface import ComponentInterface


T = TypeVar("T", bound="HyperlinkedComponentInterfaceValue")


@_attrs_define
class HyperlinkedComponentInterfaceValue:
    interface: ComponentInterface
    image: None | str
    pk: int
    socket: ComponentInterface
    value: Any | Unset = UNSET
    file: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.interface, Missing):
            interface = self.interface.to_dict()
        else:
            interface = MISSING

        if not isinstance(self.image, Missing):
            image: None | str
            image = self.image
        else:
            image = MISSING

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "interface": interface,
                "image": image,
                "pk": pk,
                "socket": socket,
            }
        )
        if value is not UNSET:
            field_dict["value"] = value
        if file is not UNSET:
            field_dict["file"] = file

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.component_interface import ComponentInterface  # noqa: PLC0415

        d = dict(src_dict)
        _raw_interface = d.pop("interface", MISSING)
        try:
            if _raw_interface is MISSING:
                raise KeyError("interface")
            interface = ComponentInterface.from_dict(_raw_interface)

        except PARSE_ERRORS as exc:
            interface = unparsed(
                _raw_interface, "HyperlinkedComponentInterfaceValue.interface", exc
            )

        _raw_image = d.pop("image", MISSING)
        try:
            if _raw_image is MISSING:
                raise KeyError("image")

            def _parse_image(data: object) -> None | str:
                if data is None:
                    return data
                return cast(None | str, data)

            image = _parse_image(_raw_image)

        except PARSE_ERRORS as exc:
            image = unparsed(
                _raw_image, "HyperlinkedComponentInterfaceValue.image", exc
            )

        _raw_pk = d.pop("pk", MISSING)
        try:
            if _raw_pk is MISSING:
                raise KeyError("pk")
            pk = _raw_pk
        except PARSE_ERRORS as exc:
            pk = unparsed(_raw_pk, "HyperlinkedComponentInterfaceValue.pk", exc)

        _raw_socket = d.pop("socket", MISSING)
        try:
            if _raw_socket is MISSING:
                raise KeyError("socket")
            socket = ComponentInterface.from_dict(_raw_socket)

        except PARSE_ERRORS as exc:
            socket = unparsed(
                _raw_socket, "HyperlinkedComponentInterfaceValue.socket", exc
            )

        _raw_value = d.pop("value", UNSET)
        try:
            value = _raw_value
        except PARSE_ERRORS as exc:
            value = unparsed(
                _raw_value, "HyperlinkedComponentInterfaceValue.value", exc
            )

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
            file = unparsed(_raw_file, "HyperlinkedComponentInterfaceValue.file", exc)

        hyperlinked_component_interface_value = cls(
            interface=interface,
            image=image,
            pk=pk,
            socket=socket,
            value=value,
            file=file,
        )

        hyperlinked_component_interface_value.additional_properties = d
        return hyperlinked_component_interface_value

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

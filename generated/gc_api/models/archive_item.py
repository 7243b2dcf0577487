from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.hanging_protocol import HangingProtocol
    from ..models.hyperlinked_component_interface_value import (
        HyperlinkedComponentInterfaceValue,
    )


T = TypeVar("T", bound="ArchiveItem")


@_attrs_define
class ArchiveItem:
    pk: UUID
    archive: str
    values: list[HyperlinkedComponentInterfaceValue]
    hanging_protocol: HangingProtocol | None
    optional_hanging_protocols: list[HangingProtocol]
    view_content: Any
    title: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.hanging_protocol import HangingProtocol  # noqa: PLC0415

        pk = str(self.pk)

        archive = self.archive

        values = []
        for values_item_data in self.values:
            values_item = values_item_data.to_dict()
            values.append(values_item)

        hanging_protocol: dict[str, Any] | None
        if isinstance(self.hanging_protocol, HangingProtocol):
            hanging_protocol = self.hanging_protocol.to_dict()
        else:
            hanging_protocol = self.hanging_protocol

        optional_hanging_protocols = []
        for optional_hanging_protocols_item_data in self.optional_hanging_protocols:
            optional_hanging_protocols_item = (
                optional_hanging_protocols_item_data.to_dict()
            )
            optional_hanging_protocols.append(optional_hanging_protocols_item)

        view_content = self.view_content

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "archive": archive,
                "values": values,
                "hanging_protocol": hanging_protocol,
                "optional_hanging_protocols": optional_hanging_protocols,
                "view_content": view_content,
            }
        )
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hanging_protocol import HangingProtocol  # noqa: PLC0415
        from ..models.hyperlinked_component_interface_value import (
            HyperlinkedComponentInterfaceValue,  # noqa: PLC0415
        )

        d = dict(src_dict)
        pk = UUID(d.pop("pk"))

        archive = d.pop("archive")

        values = []
        _values = d.pop("values")
        for values_item_data in _values:
            values_item = HyperlinkedComponentInterfaceValue.from_dict(values_item_data)

            values.append(values_item)

        def _parse_hanging_protocol(data: object) -> HangingProtocol | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                hanging_protocol_type_1 = HangingProtocol.from_dict(data)

                return hanging_protocol_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HangingProtocol | None, data)

        hanging_protocol = _parse_hanging_protocol(d.pop("hanging_protocol"))

        optional_hanging_protocols = []
        _optional_hanging_protocols = d.pop("optional_hanging_protocols")
        for optional_hanging_protocols_item_data in _optional_hanging_protocols:
            optional_hanging_protocols_item = HangingProtocol.from_dict(
                optional_hanging_protocols_item_data
            )

            optional_hanging_protocols.append(optional_hanging_protocols_item)

        view_content = d.pop("view_content")

        title = d.pop("title", UNSET)

        archive_item = cls(
            pk=pk,
            archive=archive,
            values=values,
            hanging_protocol=hanging_protocol,
            optional_hanging_protocols=optional_hanging_protocols,
            view_content=view_content,
            title=title,
        )

        archive_item.additional_properties = d
        return archive_item

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

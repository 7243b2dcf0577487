from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed

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

        if not isinstance(self.pk, Missing):
            pk = str(self.pk)
        else:
            pk = MISSING

        if not isinstance(self.archive, Missing):
            archive = self.archive
        else:
            archive = MISSING

        if not isinstance(self.values, Missing):
            values = []
            for values_item_data in self.values:
                values_item = values_item_data.to_dict()
                values.append(values_item)

        else:
            values = MISSING

        if not isinstance(self.hanging_protocol, Missing):
            hanging_protocol: dict[str, Any] | None
            if isinstance(self.hanging_protocol, HangingProtocol):
                hanging_protocol = self.hanging_protocol.to_dict()
            else:
                hanging_protocol = self.hanging_protocol
        else:
            hanging_protocol = MISSING

        if not isinstance(self.optional_hanging_protocols, Missing):
            optional_hanging_protocols = []
            for optional_hanging_protocols_item_data in self.optional_hanging_protocols:
                optional_hanging_protocols_item = (
                    optional_hanging_protocols_item_data.to_dict()
                )
                optional_hanging_protocols.append(optional_hanging_protocols_item)

        else:
            optional_hanging_protocols = MISSING

        if not isinstance(self.view_content, Missing):
            view_content = self.view_content
        else:
            view_content = MISSING

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

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hanging_protocol import HangingProtocol  # noqa: PLC0415
        from ..models.hyperlinked_component_interface_value import (
            HyperlinkedComponentInterfaceValue,  # noqa: PLC0415
        )

        d = dict(src_dict)
        _raw_pk = d.pop("pk", MISSING)
        try:
            if _raw_pk is MISSING:
                raise KeyError("pk")
            pk = UUID(_raw_pk)

        except PARSE_ERRORS as exc:
            pk = unparsed(_raw_pk, "ArchiveItem.pk", exc)

        _raw_archive = d.pop("archive", MISSING)
        try:
            if _raw_archive is MISSING:
                raise KeyError("archive")
            archive = _raw_archive
        except PARSE_ERRORS as exc:
            archive = unparsed(_raw_archive, "ArchiveItem.archive", exc)

        _raw_values = d.pop("values", MISSING)
        try:
            if _raw_values is MISSING:
                raise KeyError("values")
            values = []
            _values = _raw_values
            for values_item_data in _values:
                values_item = HyperlinkedComponentInterfaceValue.from_dict(
                    values_item_data
                )

                values.append(values_item)

        except PARSE_ERRORS as exc:
            values = unparsed(_raw_values, "ArchiveItem.values", exc)

        _raw_hanging_protocol = d.pop("hanging_protocol", MISSING)
        try:
            if _raw_hanging_protocol is MISSING:
                raise KeyError("hanging_protocol")

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

            hanging_protocol = _parse_hanging_protocol(_raw_hanging_protocol)

        except PARSE_ERRORS as exc:
            hanging_protocol = unparsed(
                _raw_hanging_protocol, "ArchiveItem.hanging_protocol", exc
            )

        _raw_optional_hanging_protocols = d.pop("optional_hanging_protocols", MISSING)
        try:
            if _raw_optional_hanging_protocols is MISSING:
                raise KeyError("optional_hanging_protocols")
            optional_hanging_protocols = []
            _optional_hanging_protocols = _raw_optional_hanging_protocols
            for optional_hanging_protocols_item_data in _optional_hanging_protocols:
                optional_hanging_protocols_item = HangingProtocol.from_dict(
                    optional_hanging_protocols_item_data
                )

                optional_hanging_protocols.append(optional_hanging_protocols_item)

        except PARSE_ERRORS as exc:
            optional_hanging_protocols = unparsed(
                _raw_optional_hanging_protocols,
                "ArchiveItem.optional_hanging_protocols",
                exc,
            )

        _raw_view_content = d.pop("view_content", MISSING)
        try:
            if _raw_view_content is MISSING:
                raise KeyError("view_content")
            view_content = _raw_view_content
        except PARSE_ERRORS as exc:
            view_content = unparsed(_raw_view_content, "ArchiveItem.view_content", exc)

        _raw_title = d.pop("title", UNSET)
        try:
            title = _raw_title
        except PARSE_ERRORS as exc:
            title = unparsed(_raw_title, "ArchiveItem.title", exc)

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

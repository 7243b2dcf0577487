from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed

if TYPE_CHECKING:
    from ..models.component_interface_value_post import ComponentInterfaceValuePost
    from ..models.display_set_post_descriptions_map_safe import (
        DisplaySetPostDescriptionsMapSafe,
    )
    from ..models.hanging_protocol import HangingProtocol


T = TypeVar("T", bound="DisplaySetPost")


@_attrs_define
class DisplaySetPost:
    pk: UUID
    title_safe: str
    api_url: str
    """ API url for this ``DisplaySet``. """
    hanging_protocol: HangingProtocol | None
    optional_hanging_protocols: list[HangingProtocol]
    view_content: Any
    description: str
    index: int | None
    descriptions_map_safe: DisplaySetPostDescriptionsMapSafe
    """ Socket slug to the HTML-safe description of its value in this display set. """
    reader_study: str | Unset = UNSET
    values: list[ComponentInterfaceValuePost] | Unset = UNSET
    order: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.hanging_protocol import HangingProtocol  # noqa: PLC0415

        if not isinstance(self.pk, Missing):
            pk = str(self.pk)
        else:
            pk = MISSING

        if not isinstance(self.title_safe, Missing):
            title_safe = self.title_safe
        else:
            title_safe = MISSING

        if not isinstance(self.api_url, Missing):
            api_url = self.api_url
        else:
            api_url = MISSING

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

        if not isinstance(self.description, Missing):
            description = self.description
        else:
            description = MISSING

        if not isinstance(self.index, Missing):
            index: int | None
            index = self.index
        else:
            index = MISSING

        if not isinstance(self.descriptions_map_safe, Missing):
            descriptions_map_safe = self.descriptions_map_safe.to_dict()
        else:
            descriptions_map_safe = MISSING

        reader_study = self.reader_study

        values: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.values, Unset):
            values = []
            for values_item_data in self.values:
                values_item = values_item_data.to_dict()
                values.append(values_item)

        order = self.order

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "title_safe": title_safe,
                "api_url": api_url,
                "hanging_protocol": hanging_protocol,
                "optional_hanging_protocols": optional_hanging_protocols,
                "view_content": view_content,
                "description": description,
                "index": index,
                "descriptions_map_safe": descriptions_map_safe,
            }
        )
        if reader_study is not UNSET:
            field_dict["reader_study"] = reader_study
        if values is not UNSET:
            field_dict["values"] = values
        if order is not UNSET:
            field_dict["order"] = order

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.component_interface_value_post import ComponentInterfaceValuePost  # noqa: PLC0415
        from ..models.display_set_post_descriptions_map_safe import (
            DisplaySetPostDescriptionsMapSafe,  # noqa: PLC0415
        )
        from ..models.hanging_protocol import HangingProtocol  # noqa: PLC0415

        d = dict(src_dict)
        _raw_pk = d.pop("pk", MISSING)
        try:
            if _raw_pk is MISSING:
                raise KeyError("pk")
            pk = UUID(_raw_pk)

        except PARSE_ERRORS as exc:
            pk = unparsed(_raw_pk, "DisplaySetPost.pk", exc)

        _raw_title_safe = d.pop("title_safe", MISSING)
        try:
            if _raw_title_safe is MISSING:
                raise KeyError("title_safe")
            title_safe = _raw_title_safe
        except PARSE_ERRORS as exc:
            title_safe = unparsed(_raw_title_safe, "DisplaySetPost.title_safe", exc)

        _raw_api_url = d.pop("api_url", MISSING)
        try:
            if _raw_api_url is MISSING:
                raise KeyError("api_url")
            api_url = _raw_api_url
        except PARSE_ERRORS as exc:
            api_url = unparsed(_raw_api_url, "DisplaySetPost.api_url", exc)

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
                _raw_hanging_protocol, "DisplaySetPost.hanging_protocol", exc
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
                "DisplaySetPost.optional_hanging_protocols",
                exc,
            )

        _raw_view_content = d.pop("view_content", MISSING)
        try:
            if _raw_view_content is MISSING:
                raise KeyError("view_content")
            view_content = _raw_view_content
        except PARSE_ERRORS as exc:
            view_content = unparsed(
                _raw_view_content, "DisplaySetPost.view_content", exc
            )

        _raw_description = d.pop("description", MISSING)
        try:
            if _raw_description is MISSING:
                raise KeyError("description")
            description = _raw_description
        except PARSE_ERRORS as exc:
            description = unparsed(_raw_description, "DisplaySetPost.description", exc)

        _raw_index = d.pop("index", MISSING)
        try:
            if _raw_index is MISSING:
                raise KeyError("index")

            def _parse_index(data: object) -> int | None:
                if data is None:
                    return data
                return cast(int | None, data)

            index = _parse_index(_raw_index)

        except PARSE_ERRORS as exc:
            index = unparsed(_raw_index, "DisplaySetPost.index", exc)

        _raw_descriptions_map_safe = d.pop("descriptions_map_safe", MISSING)
        try:
            if _raw_descriptions_map_safe is MISSING:
                raise KeyError("descriptions_map_safe")
            descriptions_map_safe = DisplaySetPostDescriptionsMapSafe.from_dict(
                _raw_descriptions_map_safe
            )

        except PARSE_ERRORS as exc:
            descriptions_map_safe = unparsed(
                _raw_descriptions_map_safe, "DisplaySetPost.descriptions_map_safe", exc
            )

        _raw_reader_study = d.pop("reader_study", UNSET)
        try:
            reader_study = _raw_reader_study
        except PARSE_ERRORS as exc:
            reader_study = unparsed(
                _raw_reader_study, "DisplaySetPost.reader_study", exc
            )

        _raw_values = d.pop("values", UNSET)
        try:
            _values = _raw_values
            values: list[ComponentInterfaceValuePost] | Unset = UNSET
            if _values is not UNSET:
                values = []
                for values_item_data in _values:
                    values_item = ComponentInterfaceValuePost.from_dict(
                        values_item_data
                    )

                    values.append(values_item)

        except PARSE_ERRORS as exc:
            values = unparsed(_raw_values, "DisplaySetPost.values", exc)

        _raw_order = d.pop("order", UNSET)
        try:
            order = _raw_order
        except PARSE_ERRORS as exc:
            order = unparsed(_raw_order, "DisplaySetPost.order", exc)

        display_set_post = cls(
            pk=pk,
            title_safe=title_safe,
            api_url=api_url,
            hanging_protocol=hanging_protocol,
            optional_hanging_protocols=optional_hanging_protocols,
            view_content=view_content,
            description=description,
            index=index,
            descriptions_map_safe=descriptions_map_safe,
            reader_study=reader_study,
            values=values,
            order=order,
        )

        display_set_post.additional_properties = d
        return display_set_post

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

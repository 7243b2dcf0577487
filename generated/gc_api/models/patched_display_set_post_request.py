from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Unset, unparsed

if TYPE_CHECKING:
    from ..models.component_interface_value_post_request import (
        ComponentInterfaceValuePostRequest,
    )


T = TypeVar("T", bound="PatchedDisplaySetPostRequest")


@_attrs_define
class PatchedDisplaySetPostRequest:
    title: str | Unset = UNSET
    reader_study: str | Unset = UNSET
    values: list[ComponentInterfaceValuePostRequest] | Unset = UNSET
    order: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        title = self.title

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
        field_dict.update({})
        if title is not UNSET:
            field_dict["title"] = title
        if reader_study is not UNSET:
            field_dict["reader_study"] = reader_study
        if values is not UNSET:
            field_dict["values"] = values
        if order is not UNSET:
            field_dict["order"] = order

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.component_interface_value_post_request import (
            ComponentInterfaceValuePostRequest,  # noqa: PLC0415
        )

        d = dict(src_dict)
        _raw_title = d.pop("title", UNSET)
        try:
            title = _raw_title
        except PARSE_ERRORS as exc:
            title = unparsed(_raw_title, "PatchedDisplaySetPostRequest.title", exc)

        _raw_reader_study = d.pop("reader_study", UNSET)
        try:
            reader_study = _raw_reader_study
        except PARSE_ERRORS as exc:
            reader_study = unparsed(
                _raw_reader_study, "PatchedDisplaySetPostRequest.reader_study", exc
            )

        _raw_values = d.pop("values", UNSET)
        try:
            _values = _raw_values
            values: list[ComponentInterfaceValuePostRequest] | Unset = UNSET
            if _values is not UNSET:
                values = []
                for values_item_data in _values:
                    values_item = ComponentInterfaceValuePostRequest.from_dict(
                        values_item_data
                    )

                    values.append(values_item)

        except PARSE_ERRORS as exc:
            values = unparsed(_raw_values, "PatchedDisplaySetPostRequest.values", exc)

        _raw_order = d.pop("order", UNSET)
        try:
            order = _raw_order
        except PARSE_ERRORS as exc:
            order = unparsed(_raw_order, "PatchedDisplaySetPostRequest.order", exc)

        patched_display_set_post_request = cls(
            title=title,
            reader_study=reader_study,
            values=values,
            order=order,
        )

        patched_display_set_post_request.additional_properties = d
        return patched_display_set_post_request

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

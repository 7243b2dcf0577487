from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, Missing, unparsed

if TYPE_CHECKING:
    from ..models.component_interface_value_post_request import (
        ComponentInterfaceValuePostRequest,
    )


T = TypeVar("T", bound="InvocationPostRequest")


@_attrs_define
class InvocationPostRequest:
    endpoint: str
    inputs: list[ComponentInterfaceValuePostRequest]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.endpoint, Missing):
            endpoint = self.endpoint
        else:
            endpoint = MISSING

        if not isinstance(self.inputs, Missing):
            inputs = []
            for inputs_item_data in self.inputs:
                inputs_item = inputs_item_data.to_dict()
                inputs.append(inputs_item)

        else:
            inputs = MISSING

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "endpoint": endpoint,
                "inputs": inputs,
            }
        )

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.component_interface_value_post_request import (
            ComponentInterfaceValuePostRequest,  # noqa: PLC0415
        )

        d = dict(src_dict)
        _raw_endpoint = d.pop("endpoint", MISSING)
        try:
            if _raw_endpoint is MISSING:
                raise KeyError("endpoint")
            endpoint = _raw_endpoint
        except PARSE_ERRORS as exc:
            endpoint = unparsed(_raw_endpoint, "InvocationPostRequest.endpoint", exc)

        _raw_inputs = d.pop("inputs", MISSING)
        try:
            if _raw_inputs is MISSING:
                raise KeyError("inputs")
            inputs = []
            _inputs = _raw_inputs
            for inputs_item_data in _inputs:
                inputs_item = ComponentInterfaceValuePostRequest.from_dict(
                    inputs_item_data
                )

                inputs.append(inputs_item)

        except PARSE_ERRORS as exc:
            inputs = unparsed(_raw_inputs, "InvocationPostRequest.inputs", exc)

        invocation_post_request = cls(
            endpoint=endpoint,
            inputs=inputs,
        )

        invocation_post_request.additional_properties = d
        return invocation_post_request

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, Missing, unparsed

if TYPE_CHECKING:
    from ..models.hyperlinked_component_interface_value import (
        HyperlinkedComponentInterfaceValue,
    )


T = TypeVar("T", bound="Invocation")


@_attrs_define
class Invocation:
    pk: UUID
    endpoint: str
    inputs: list[HyperlinkedComponentInterfaceValue]
    outputs: list[HyperlinkedComponentInterfaceValue]
    status: str
    error_message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.pk, Missing):
            pk = str(self.pk)
        else:
            pk = MISSING

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

        if not isinstance(self.outputs, Missing):
            outputs = []
            for outputs_item_data in self.outputs:
                outputs_item = outputs_item_data.to_dict()
                outputs.append(outputs_item)

        else:
            outputs = MISSING

        if not isinstance(self.status, Missing):
            status = self.status
        else:
            status = MISSING

        if not isinstance(self.error_message, Missing):
            error_message = self.error_message
        else:
            error_message = MISSING

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "endpoint": endpoint,
                "inputs": inputs,
                "outputs": outputs,
                "status": status,
                "error_message": error_message,
            }
        )

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
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
            pk = unparsed(_raw_pk, "Invocation.pk", exc)

        _raw_endpoint = d.pop("endpoint", MISSING)
        try:
            if _raw_endpoint is MISSING:
                raise KeyError("endpoint")
            endpoint = _raw_endpoint
        except PARSE_ERRORS as exc:
            endpoint = unparsed(_raw_endpoint, "Invocation.endpoint", exc)

        _raw_inputs = d.pop("inputs", MISSING)
        try:
            if _raw_inputs is MISSING:
                raise KeyError("inputs")
            inputs = []
            _inputs = _raw_inputs
            for inputs_item_data in _inputs:
                inputs_item = HyperlinkedComponentInterfaceValue.from_dict(
                    inputs_item_data
                )

                inputs.append(inputs_item)

        except PARSE_ERRORS as exc:
            inputs = unparsed(_raw_inputs, "Invocation.inputs", exc)

        _raw_outputs = d.pop("outputs", MISSING)
        try:
            if _raw_outputs is MISSING:
                raise KeyError("outputs")
            outputs = []
            _outputs = _raw_outputs
            for outputs_item_data in _outputs:
                outputs_item = HyperlinkedComponentInterfaceValue.from_dict(
                    outputs_item_data
                )

                outputs.append(outputs_item)

        except PARSE_ERRORS as exc:
            outputs = unparsed(_raw_outputs, "Invocation.outputs", exc)

        _raw_status = d.pop("status", MISSING)
        try:
            if _raw_status is MISSING:
                raise KeyError("status")
            status = _raw_status
        except PARSE_ERRORS as exc:
            status = unparsed(_raw_status, "Invocation.status", exc)

        _raw_error_message = d.pop("error_message", MISSING)
        try:
            if _raw_error_message is MISSING:
                raise KeyError("error_message")
            error_message = _raw_error_message
        except PARSE_ERRORS as exc:
            error_message = unparsed(
                _raw_error_message, "Invocation.error_message", exc
            )

        invocation = cls(
            pk=pk,
            endpoint=endpoint,
            inputs=inputs,
            outputs=outputs,
            status=status,
            error_message=error_message,
        )

        invocation.additional_properties = d
        return invocation

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

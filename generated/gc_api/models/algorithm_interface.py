from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, Missing, unparsed

if TYPE_CHECKING:
    from ..models.component_interface import ComponentInterface


T = TypeVar("T", bound="AlgorithmInterface")


@_attrs_define
class AlgorithmInterface:
    """Serializer without hyperlinks for internal use"""

    inputs: list[ComponentInterface]
    outputs: list[ComponentInterface]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "inputs": inputs,
                "outputs": outputs,
            }
        )

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.component_interface import ComponentInterface  # noqa: PLC0415

        d = dict(src_dict)
        _raw_inputs = d.pop("inputs", MISSING)
        try:
            if _raw_inputs is MISSING:
                raise KeyError("inputs")
            inputs = []
            _inputs = _raw_inputs
            for inputs_item_data in _inputs:
                inputs_item = ComponentInterface.from_dict(inputs_item_data)

                inputs.append(inputs_item)

        except PARSE_ERRORS as exc:
            inputs = unparsed(_raw_inputs, "AlgorithmInterface.inputs", exc)

        _raw_outputs = d.pop("outputs", MISSING)
        try:
            if _raw_outputs is MISSING:
                raise KeyError("outputs")
            outputs = []
            _outputs = _raw_outputs
            for outputs_item_data in _outputs:
                outputs_item = ComponentInterface.from_dict(outputs_item_data)

                outputs.append(outputs_item)

        except PARSE_ERRORS as exc:
            outputs = unparsed(_raw_outputs, "AlgorithmInterface.outputs", exc)

        algorithm_interface = cls(
            inputs=inputs,
            outputs=outputs,
        )

        algorithm_interface.additional_properties = d
        return algorithm_interface

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

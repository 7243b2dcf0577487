from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.hanging_protocol import HangingProtocol
    from ..models.hyperlinked_component_interface_value import (
        HyperlinkedComponentInterfaceValue,
    )


T = TypeVar("T", bound="HyperlinkedJob")


@_attrs_define
class HyperlinkedJob:
    """Serializer with hyperlinks for use in public API"""

    pk: UUID
    url: str
    api_url: str
    algorithm_image: str
    inputs: list[HyperlinkedComponentInterfaceValue]
    outputs: list[HyperlinkedComponentInterfaceValue]
    status: str
    hanging_protocol: HangingProtocol | None
    optional_hanging_protocols: list[HangingProtocol]
    view_content: Any
    exec_duration: None | str
    invoke_duration: None | str
    algorithm: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.hanging_protocol import HangingProtocol  # noqa: PLC0415

        pk = str(self.pk)

        url = self.url

        api_url = self.api_url

        algorithm_image = self.algorithm_image

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item = inputs_item_data.to_dict()
            inputs.append(inputs_item)

        outputs = []
        for outputs_item_data in self.outputs:
            outputs_item = outputs_item_data.to_dict()
            outputs.append(outputs_item)

        status = self.status

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

        exec_duration: None | str
        exec_duration = self.exec_duration

        invoke_duration: None | str
        invoke_duration = self.invoke_duration

        algorithm = self.algorithm

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "url": url,
                "api_url": api_url,
                "algorithm_image": algorithm_image,
                "inputs": inputs,
                "outputs": outputs,
                "status": status,
                "hanging_protocol": hanging_protocol,
                "optional_hanging_protocols": optional_hanging_protocols,
                "view_content": view_content,
                "exec_duration": exec_duration,
                "invoke_duration": invoke_duration,
                "algorithm": algorithm,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hanging_protocol import HangingProtocol  # noqa: PLC0415
        from ..models.hyperlinked_component_interface_value import (
            HyperlinkedComponentInterfaceValue,  # noqa: PLC0415
        )

        d = dict(src_dict)
        pk = UUID(d.pop("pk"))

        url = d.pop("url")

        api_url = d.pop("api_url")

        algorithm_image = d.pop("algorithm_image")

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:
            inputs_item = HyperlinkedComponentInterfaceValue.from_dict(inputs_item_data)

            inputs.append(inputs_item)

        outputs = []
        _outputs = d.pop("outputs")
        for outputs_item_data in _outputs:
            outputs_item = HyperlinkedComponentInterfaceValue.from_dict(
                outputs_item_data
            )

            outputs.append(outputs_item)

        status = d.pop("status")

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

        def _parse_exec_duration(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        exec_duration = _parse_exec_duration(d.pop("exec_duration"))

        def _parse_invoke_duration(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        invoke_duration = _parse_invoke_duration(d.pop("invoke_duration"))

        algorithm = d.pop("algorithm")

        hyperlinked_job = cls(
            pk=pk,
            url=url,
            api_url=api_url,
            algorithm_image=algorithm_image,
            inputs=inputs,
            outputs=outputs,
            status=status,
            hanging_protocol=hanging_protocol,
            optional_hanging_protocols=optional_hanging_protocols,
            view_content=view_content,
            exec_duration=exec_duration,
            invoke_duration=invoke_duration,
            algorithm=algorithm,
        )

        hyperlinked_job.additional_properties = d
        return hyperlinked_job

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

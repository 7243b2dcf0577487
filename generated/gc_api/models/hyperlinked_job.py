from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, Missing, unparsed

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

        if not isinstance(self.pk, Missing):
            pk = str(self.pk)
        else:
            pk = MISSING

        if not isinstance(self.url, Missing):
            url = self.url
        else:
            url = MISSING

        if not isinstance(self.api_url, Missing):
            api_url = self.api_url
        else:
            api_url = MISSING

        if not isinstance(self.algorithm_image, Missing):
            algorithm_image = self.algorithm_image
        else:
            algorithm_image = MISSING

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

        if not isinstance(self.exec_duration, Missing):
            exec_duration: None | str
            exec_duration = self.exec_duration
        else:
            exec_duration = MISSING

        if not isinstance(self.invoke_duration, Missing):
            invoke_duration: None | str
            invoke_duration = self.invoke_duration
        else:
            invoke_duration = MISSING

        if not isinstance(self.algorithm, Missing):
            algorithm = self.algorithm
        else:
            algorithm = MISSING

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
            pk = unparsed(_raw_pk, "HyperlinkedJob.pk", exc)

        _raw_url = d.pop("url", MISSING)
        try:
            if _raw_url is MISSING:
                raise KeyError("url")
            url = _raw_url
        except PARSE_ERRORS as exc:
            url = unparsed(_raw_url, "HyperlinkedJob.url", exc)

        _raw_api_url = d.pop("api_url", MISSING)
        try:
            if _raw_api_url is MISSING:
                raise KeyError("api_url")
            api_url = _raw_api_url
        except PARSE_ERRORS as exc:
            api_url = unparsed(_raw_api_url, "HyperlinkedJob.api_url", exc)

        _raw_algorithm_image = d.pop("algorithm_image", MISSING)
        try:
            if _raw_algorithm_image is MISSING:
                raise KeyError("algorithm_image")
            algorithm_image = _raw_algorithm_image
        except PARSE_ERRORS as exc:
            algorithm_image = unparsed(
                _raw_algorithm_image, "HyperlinkedJob.algorithm_image", exc
            )

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
            inputs = unparsed(_raw_inputs, "HyperlinkedJob.inputs", exc)

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
            outputs = unparsed(_raw_outputs, "HyperlinkedJob.outputs", exc)

        _raw_status = d.pop("status", MISSING)
        try:
            if _raw_status is MISSING:
                raise KeyError("status")
            status = _raw_status
        except PARSE_ERRORS as exc:
            status = unparsed(_raw_status, "HyperlinkedJob.status", exc)

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
                _raw_hanging_protocol, "HyperlinkedJob.hanging_protocol", exc
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
                "HyperlinkedJob.optional_hanging_protocols",
                exc,
            )

        _raw_view_content = d.pop("view_content", MISSING)
        try:
            if _raw_view_content is MISSING:
                raise KeyError("view_content")
            view_content = _raw_view_content
        except PARSE_ERRORS as exc:
            view_content = unparsed(
                _raw_view_content, "HyperlinkedJob.view_content", exc
            )

        _raw_exec_duration = d.pop("exec_duration", MISSING)
        try:
            if _raw_exec_duration is MISSING:
                raise KeyError("exec_duration")

            def _parse_exec_duration(data: object) -> None | str:
                if data is None:
                    return data
                return cast(None | str, data)

            exec_duration = _parse_exec_duration(_raw_exec_duration)

        except PARSE_ERRORS as exc:
            exec_duration = unparsed(
                _raw_exec_duration, "HyperlinkedJob.exec_duration", exc
            )

        _raw_invoke_duration = d.pop("invoke_duration", MISSING)
        try:
            if _raw_invoke_duration is MISSING:
                raise KeyError("invoke_duration")

            def _parse_invoke_duration(data: object) -> None | str:
                if data is None:
                    return data
                return cast(None | str, data)

            invoke_duration = _parse_invoke_duration(_raw_invoke_duration)

        except PARSE_ERRORS as exc:
            invoke_duration = unparsed(
                _raw_invoke_duration, "HyperlinkedJob.invoke_duration", exc
            )

        _raw_algorithm = d.pop("algorithm", MISSING)
        try:
            if _raw_algorithm is MISSING:
                raise KeyError("algorithm")
            algorithm = _raw_algorithm
        except PARSE_ERRORS as exc:
            algorithm = unparsed(_raw_algorithm, "HyperlinkedJob.algorithm", exc)

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, Missing, unparsed

if TYPE_CHECKING:
    from ..models.component_interface_value_post import ComponentInterfaceValuePost


T = TypeVar("T", bound="JobPost")


@_attrs_define
class JobPost:
    """Serializer without hyperlinks for internal use"""

    pk: UUID
    inputs: list[ComponentInterfaceValuePost]
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.pk, Missing):
            pk = str(self.pk)
        else:
            pk = MISSING

        if not isinstance(self.inputs, Missing):
            inputs = []
            for inputs_item_data in self.inputs:
                inputs_item = inputs_item_data.to_dict()
                inputs.append(inputs_item)

        else:
            inputs = MISSING

        if not isinstance(self.status, Missing):
            status = self.status
        else:
            status = MISSING

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "inputs": inputs,
                "status": status,
            }
        )

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.component_interface_value_post import ComponentInterfaceValuePost  # noqa: PLC0415

        d = dict(src_dict)
        _raw_pk = d.pop("pk", MISSING)
        try:
            if _raw_pk is MISSING:
                raise KeyError("pk")
            pk = UUID(_raw_pk)

        except PARSE_ERRORS as exc:
            pk = unparsed(_raw_pk, "JobPost.pk", exc)

        _raw_inputs = d.pop("inputs", MISSING)
        try:
            if _raw_inputs is MISSING:
                raise KeyError("inputs")
            inputs = []
            _inputs = _raw_inputs
            for inputs_item_data in _inputs:
                inputs_item = ComponentInterfaceValuePost.from_dict(inputs_item_data)

                inputs.append(inputs_item)

        except PARSE_ERRORS as exc:
            inputs = unparsed(_raw_inputs, "JobPost.inputs", exc)

        _raw_status = d.pop("status", MISSING)
        try:
            if _raw_status is MISSING:
                raise KeyError("status")
            status = _raw_status
        except PARSE_ERRORS as exc:
            status = unparsed(_raw_status, "JobPost.status", exc)

        job_post = cls(
            pk=pk,
            inputs=inputs,
            status=status,
        )

        job_post.additional_properties = d
        return job_post

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

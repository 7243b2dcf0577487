from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

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
        pk = str(self.pk)

        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item = inputs_item_data.to_dict()
            inputs.append(inputs_item)

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "inputs": inputs,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.component_interface_value_post import ComponentInterfaceValuePost  # noqa: PLC0415

        d = dict(src_dict)
        pk = UUID(d.pop("pk"))

        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:
            inputs_item = ComponentInterfaceValuePost.from_dict(inputs_item_data)

            inputs.append(inputs_item)

        status = d.pop("status")

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

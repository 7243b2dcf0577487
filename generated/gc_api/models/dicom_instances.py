from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, Missing, unparsed

if TYPE_CHECKING:
    from ..models.dicom_instance import DicomInstance


T = TypeVar("T", bound="DicomInstances")


@_attrs_define
class DicomInstances:
    image_set_id: str
    instances: list[DicomInstance]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.image_set_id, Missing):
            image_set_id = self.image_set_id
        else:
            image_set_id = MISSING

        if not isinstance(self.instances, Missing):
            instances = []
            for instances_item_data in self.instances:
                instances_item = instances_item_data.to_dict()
                instances.append(instances_item)

        else:
            instances = MISSING

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "image_set_id": image_set_id,
                "instances": instances,
            }
        )

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dicom_instance import DicomInstance  # noqa: PLC0415

        d = dict(src_dict)
        _raw_image_set_id = d.pop("image_set_id", MISSING)
        try:
            if _raw_image_set_id is MISSING:
                raise KeyError("image_set_id")
            image_set_id = _raw_image_set_id
        except PARSE_ERRORS as exc:
            image_set_id = unparsed(
                _raw_image_set_id, "DicomInstances.image_set_id", exc
            )

        _raw_instances = d.pop("instances", MISSING)
        try:
            if _raw_instances is MISSING:
                raise KeyError("instances")
            instances = []
            _instances = _raw_instances
            for instances_item_data in _instances:
                instances_item = DicomInstance.from_dict(instances_item_data)

                instances.append(instances_item)

        except PARSE_ERRORS as exc:
            instances = unparsed(_raw_instances, "DicomInstances.instances", exc)

        dicom_instances = cls(
            image_set_id=image_set_id,
            instances=instances,
        )

        dicom_instances.additional_properties = d
        return dicom_instances

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

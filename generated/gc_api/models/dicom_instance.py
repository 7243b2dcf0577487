from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.signed_request import SignedRequest


T = TypeVar("T", bound="DicomInstance")


@_attrs_define
class DicomInstance:
    sop_instance_uid: str
    get_instance: SignedRequest
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sop_instance_uid = self.sop_instance_uid

        get_instance = self.get_instance.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sop_instance_uid": sop_instance_uid,
                "get_instance": get_instance,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.signed_request import SignedRequest  # noqa: PLC0415

        d = dict(src_dict)
        sop_instance_uid = d.pop("sop_instance_uid")

        get_instance = SignedRequest.from_dict(d.pop("get_instance"))

        dicom_instance = cls(
            sop_instance_uid=sop_instance_uid,
            get_instance=get_instance,
        )

        dicom_instance.additional_properties = d
        return dicom_instance

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

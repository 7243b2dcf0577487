from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, Missing, unparsed

if TYPE_CHECKING:
    from ..models.signed_request import SignedRequest


T = TypeVar("T", bound="DicomInstance")


@_attrs_define
class DicomInstance:
    sop_instance_uid: str
    get_instance: SignedRequest
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.sop_instance_uid, Missing):
            sop_instance_uid = self.sop_instance_uid
        else:
            sop_instance_uid = MISSING

        if not isinstance(self.get_instance, Missing):
            get_instance = self.get_instance.to_dict()
        else:
            get_instance = MISSING

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sop_instance_uid": sop_instance_uid,
                "get_instance": get_instance,
            }
        )

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.signed_request import SignedRequest  # noqa: PLC0415

        d = dict(src_dict)
        _raw_sop_instance_uid = d.pop("sop_instance_uid", MISSING)
        try:
            if _raw_sop_instance_uid is MISSING:
                raise KeyError("sop_instance_uid")
            sop_instance_uid = _raw_sop_instance_uid
        except PARSE_ERRORS as exc:
            sop_instance_uid = unparsed(
                _raw_sop_instance_uid, "DicomInstance.sop_instance_uid", exc
            )

        _raw_get_instance = d.pop("get_instance", MISSING)
        try:
            if _raw_get_instance is MISSING:
                raise KeyError("get_instance")
            get_instance = SignedRequest.from_dict(_raw_get_instance)

        except PARSE_ERRORS as exc:
            get_instance = unparsed(
                _raw_get_instance, "DicomInstance.get_instance", exc
            )

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

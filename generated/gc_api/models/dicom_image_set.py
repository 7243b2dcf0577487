from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, Missing, unparsed

T = TypeVar("T", bound="DICOMImageSet")


@_attrs_define
class DICOMImageSet:
    image_set_id: str
    """ The ID of the image set in AWS Health Imaging """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.image_set_id, Missing):
            image_set_id = self.image_set_id
        else:
            image_set_id = MISSING

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "image_set_id": image_set_id,
            }
        )

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _raw_image_set_id = d.pop("image_set_id", MISSING)
        try:
            if _raw_image_set_id is MISSING:
                raise KeyError("image_set_id")
            image_set_id = _raw_image_set_id
        except PARSE_ERRORS as exc:
            image_set_id = unparsed(
                _raw_image_set_id, "DICOMImageSet.image_set_id", exc
            )

        dicom_image_set = cls(
            image_set_id=image_set_id,
        )

        dicom_image_set.additional_properties = d
        return dicom_image_set

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, Missing, unparsed

if TYPE_CHECKING:
    from ..models.signed_request import SignedRequest


T = TypeVar("T", bound="DicomImageFrame")


@_attrs_define
class DicomImageFrame:
    image_frame_id: str
    get_image_frame: SignedRequest
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.image_frame_id, Missing):
            image_frame_id = self.image_frame_id
        else:
            image_frame_id = MISSING

        if not isinstance(self.get_image_frame, Missing):
            get_image_frame = self.get_image_frame.to_dict()
        else:
            get_image_frame = MISSING

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "image_frame_id": image_frame_id,
                "get_image_frame": get_image_frame,
            }
        )

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.signed_request import SignedRequest  # noqa: PLC0415

        d = dict(src_dict)
        _raw_image_frame_id = d.pop("image_frame_id", MISSING)
        try:
            if _raw_image_frame_id is MISSING:
                raise KeyError("image_frame_id")
            image_frame_id = _raw_image_frame_id
        except PARSE_ERRORS as exc:
            image_frame_id = unparsed(
                _raw_image_frame_id, "DicomImageFrame.image_frame_id", exc
            )

        _raw_get_image_frame = d.pop("get_image_frame", MISSING)
        try:
            if _raw_get_image_frame is MISSING:
                raise KeyError("get_image_frame")
            get_image_frame = SignedRequest.from_dict(_raw_get_image_frame)

        except PARSE_ERRORS as exc:
            get_image_frame = unparsed(
                _raw_get_image_frame, "DicomImageFrame.get_image_frame", exc
            )

        dicom_image_frame = cls(
            image_frame_id=image_frame_id,
            get_image_frame=get_image_frame,
        )

        dicom_image_frame.additional_properties = d
        return dicom_image_frame

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

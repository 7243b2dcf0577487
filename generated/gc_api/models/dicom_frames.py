from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, Missing, unparsed

if TYPE_CHECKING:
    from ..models.dicom_image_frame import DicomImageFrame
    from ..models.signed_request import SignedRequest


T = TypeVar("T", bound="DicomFrames")


@_attrs_define
class DicomFrames:
    image_set_id: str
    get_image_set_metadata: SignedRequest
    image_frames: list[DicomImageFrame]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.image_set_id, Missing):
            image_set_id = self.image_set_id
        else:
            image_set_id = MISSING

        if not isinstance(self.get_image_set_metadata, Missing):
            get_image_set_metadata = self.get_image_set_metadata.to_dict()
        else:
            get_image_set_metadata = MISSING

        if not isinstance(self.image_frames, Missing):
            image_frames = []
            for image_frames_item_data in self.image_frames:
                image_frames_item = image_frames_item_data.to_dict()
                image_frames.append(image_frames_item)

        else:
            image_frames = MISSING

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "image_set_id": image_set_id,
                "get_image_set_metadata": get_image_set_metadata,
                "image_frames": image_frames,
            }
        )

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dicom_image_frame import DicomImageFrame  # noqa: PLC0415
        from ..models.signed_request import SignedRequest  # noqa: PLC0415

        d = dict(src_dict)
        _raw_image_set_id = d.pop("image_set_id", MISSING)
        try:
            if _raw_image_set_id is MISSING:
                raise KeyError("image_set_id")
            image_set_id = _raw_image_set_id
        except PARSE_ERRORS as exc:
            image_set_id = unparsed(_raw_image_set_id, "DicomFrames.image_set_id", exc)

        _raw_get_image_set_metadata = d.pop("get_image_set_metadata", MISSING)
        try:
            if _raw_get_image_set_metadata is MISSING:
                raise KeyError("get_image_set_metadata")
            get_image_set_metadata = SignedRequest.from_dict(
                _raw_get_image_set_metadata
            )

        except PARSE_ERRORS as exc:
            get_image_set_metadata = unparsed(
                _raw_get_image_set_metadata, "DicomFrames.get_image_set_metadata", exc
            )

        _raw_image_frames = d.pop("image_frames", MISSING)
        try:
            if _raw_image_frames is MISSING:
                raise KeyError("image_frames")
            image_frames = []
            _image_frames = _raw_image_frames
            for image_frames_item_data in _image_frames:
                image_frames_item = DicomImageFrame.from_dict(image_frames_item_data)

                image_frames.append(image_frames_item)

        except PARSE_ERRORS as exc:
            image_frames = unparsed(_raw_image_frames, "DicomFrames.image_frames", exc)

        dicom_frames = cls(
            image_set_id=image_set_id,
            get_image_set_metadata=get_image_set_metadata,
            image_frames=image_frames,
        )

        dicom_frames.additional_properties = d
        return dicom_frames

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

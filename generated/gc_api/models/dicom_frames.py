from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

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
        image_set_id = self.image_set_id

        get_image_set_metadata = self.get_image_set_metadata.to_dict()

        image_frames = []
        for image_frames_item_data in self.image_frames:
            image_frames_item = image_frames_item_data.to_dict()
            image_frames.append(image_frames_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "image_set_id": image_set_id,
                "get_image_set_metadata": get_image_set_metadata,
                "image_frames": image_frames,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dicom_image_frame import DicomImageFrame  # noqa: PLC0415
        from ..models.signed_request import SignedRequest  # noqa: PLC0415

        d = dict(src_dict)
        image_set_id = d.pop("image_set_id")

        get_image_set_metadata = SignedRequest.from_dict(
            d.pop("get_image_set_metadata")
        )

        image_frames = []
        _image_frames = d.pop("image_frames")
        for image_frames_item_data in _image_frames:
            image_frames_item = DicomImageFrame.from_dict(image_frames_item_data)

            image_frames.append(image_frames_item)

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

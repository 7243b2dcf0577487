from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.image_type_enum import ImageTypeEnum, check_image_type_enum
from ..types import UNSET, Unset

T = TypeVar("T", bound="ImageFile")


@_attrs_define
class ImageFile:
    pk: UUID
    file: str
    image: None | Unset | UUID = UNSET
    image_type: ImageTypeEnum | Unset = UNSET
    """ * `MHD` - MHD
    * `TIFF` - TIFF
    * `DZI` - DZI """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pk = str(self.pk)

        file = self.file

        image: None | str | Unset
        if isinstance(self.image, Unset):
            image = UNSET
        elif isinstance(self.image, UUID):
            image = str(self.image)
        else:
            image = self.image

        image_type: str | Unset = UNSET
        if not isinstance(self.image_type, Unset):
            image_type = self.image_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "file": file,
            }
        )
        if image is not UNSET:
            field_dict["image"] = image
        if image_type is not UNSET:
            field_dict["image_type"] = image_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pk = UUID(d.pop("pk"))

        file = d.pop("file")

        def _parse_image(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                image_type_0 = UUID(data)

                return image_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        image = _parse_image(d.pop("image", UNSET))

        _image_type = d.pop("image_type", UNSET)
        image_type: ImageTypeEnum | Unset
        if isinstance(_image_type, Unset):
            image_type = UNSET
        else:
            image_type = check_image_type_enum(_image_type)

        image_file = cls(
            pk=pk,
            file=file,
            image=image,
            image_type=image_type,
        )

        image_file.additional_properties = d
        return image_file

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

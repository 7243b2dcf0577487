from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.image_type_enum import ImageTypeEnum, check_image_type_enum
from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed

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
        if not isinstance(self.pk, Missing):
            pk = str(self.pk)
        else:
            pk = MISSING

        if not isinstance(self.file, Missing):
            file = self.file
        else:
            file = MISSING

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

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _raw_pk = d.pop("pk", MISSING)
        try:
            if _raw_pk is MISSING:
                raise KeyError("pk")
            pk = UUID(_raw_pk)

        except PARSE_ERRORS as exc:
            pk = unparsed(_raw_pk, "ImageFile.pk", exc)

        _raw_file = d.pop("file", MISSING)
        try:
            if _raw_file is MISSING:
                raise KeyError("file")
            file = _raw_file
        except PARSE_ERRORS as exc:
            file = unparsed(_raw_file, "ImageFile.file", exc)

        _raw_image = d.pop("image", UNSET)
        try:

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

            image = _parse_image(_raw_image)

        except PARSE_ERRORS as exc:
            image = unparsed(_raw_image, "ImageFile.image", exc)

        _raw_image_type = d.pop("image_type", UNSET)
        try:
            _image_type = _raw_image_type
            image_type: ImageTypeEnum | Unset
            if isinstance(_image_type, Unset):
                image_type = UNSET
            else:
                image_type = check_image_type_enum(_image_type)

        except PARSE_ERRORS as exc:
            image_type = unparsed(_raw_image_type, "ImageFile.image_type", exc)

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.blank_enum import BlankEnum, check_blank_enum
from ..models.color_space_enum import ColorSpaceEnum, check_color_space_enum
from ..models.eye_choice_enum import EyeChoiceEnum, check_eye_choice_enum
from ..models.field_of_view_enum import FieldOfViewEnum, check_field_of_view_enum
from ..models.stereoscopic_choice_enum import (
    StereoscopicChoiceEnum,
    check_stereoscopic_choice_enum,
)
from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed

if TYPE_CHECKING:
    from ..models.dicom_image_set import DICOMImageSet
    from ..models.image_file import ImageFile
    from ..models.imaging_modality import ImagingModality


T = TypeVar("T", bound="HyperlinkedImage")


@_attrs_define
class HyperlinkedImage:
    pk: UUID
    name: str
    files: list[ImageFile]
    dicom_image_set: DICOMImageSet | None
    modality: ImagingModality | None
    shape_without_color: list[int]
    """ Return the shape of the image without the color channel.

    Returns
    -------
        The shape of the image in NumPy ordering [(t), (z), y, x] """
    shape: list[int]
    """ Return the shape of the image with the color channel.

    Returns
    -------
        The shape of the image in NumPy ordering [(t), (z), y, x, (c)] """
    api_url: str
    width: int | None | Unset = UNSET
    height: int | None | Unset = UNSET
    depth: int | None | Unset = UNSET
    color_space: BlankEnum | ColorSpaceEnum | Unset = UNSET
    eye_choice: EyeChoiceEnum | Unset = UNSET
    """ * `OD` - Oculus Dexter (right eye)
    * `OS` - Oculus Sinister (left eye)
    * `U` - Unknown
    * `NA` - Not applicable """
    stereoscopic_choice: BlankEnum | None | StereoscopicChoiceEnum | Unset = UNSET
    """ Is this the left or right image of a stereoscopic pair?

    * `L` - Left
    * `R` - Right
    * `U` - Unknown
    * `None` - Not applicable """
    field_of_view: BlankEnum | FieldOfViewEnum | None | Unset = UNSET
    """ What is the field of view of this image?

    * `F1M` - F1M
    * `F2` - F2
    * `F3M` - F3M
    * `F4` - F4
    * `F5` - F5
    * `F6` - F6
    * `F7` - F7
    * `U` - Unknown
    * `None` - Not applicable """
    voxel_width_mm: float | None | Unset = UNSET
    voxel_height_mm: float | None | Unset = UNSET
    voxel_depth_mm: float | None | Unset = UNSET
    window_center: float | None | Unset = UNSET
    window_width: float | None | Unset = UNSET
    segments: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.dicom_image_set import DICOMImageSet  # noqa: PLC0415
        from ..models.imaging_modality import ImagingModality  # noqa: PLC0415

        if not isinstance(self.pk, Missing):
            pk = str(self.pk)
        else:
            pk = MISSING

        if not isinstance(self.name, Missing):
            name = self.name
        else:
            name = MISSING

        if not isinstance(self.files, Missing):
            files = []
            for files_item_data in self.files:
                files_item = files_item_data.to_dict()
                files.append(files_item)

        else:
            files = MISSING

        if not isinstance(self.dicom_image_set, Missing):
            dicom_image_set: dict[str, Any] | None
            if isinstance(self.dicom_image_set, DICOMImageSet):
                dicom_image_set = self.dicom_image_set.to_dict()
            else:
                dicom_image_set = self.dicom_image_set
        else:
            dicom_image_set = MISSING

        if not isinstance(self.modality, Missing):
            modality: dict[str, Any] | None
            if isinstance(self.modality, ImagingModality):
                modality = self.modality.to_dict()
            else:
                modality = self.modality
        else:
            modality = MISSING

        if not isinstance(self.shape_without_color, Missing):
            shape_without_color = self.shape_without_color

        else:
            shape_without_color = MISSING

        if not isinstance(self.shape, Missing):
            shape = self.shape

        else:
            shape = MISSING

        if not isinstance(self.api_url, Missing):
            api_url = self.api_url
        else:
            api_url = MISSING

        width: int | None | Unset
        if isinstance(self.width, Unset):
            width = UNSET
        else:
            width = self.width

        height: int | None | Unset
        if isinstance(self.height, Unset):
            height = UNSET
        else:
            height = self.height

        depth: int | None | Unset
        if isinstance(self.depth, Unset):
            depth = UNSET
        else:
            depth = self.depth

        color_space: str | Unset
        if isinstance(self.color_space, Unset):
            color_space = UNSET
        elif isinstance(self.color_space, str):
            color_space = self.color_space
        else:
            color_space = self.color_space

        eye_choice: str | Unset = UNSET
        if not isinstance(self.eye_choice, Unset):
            eye_choice = self.eye_choice

        stereoscopic_choice: None | str | Unset
        if isinstance(self.stereoscopic_choice, Unset):
            stereoscopic_choice = UNSET
        elif isinstance(self.stereoscopic_choice, str):
            stereoscopic_choice = self.stereoscopic_choice
        elif isinstance(self.stereoscopic_choice, str):
            stereoscopic_choice = self.stereoscopic_choice
        else:
            stereoscopic_choice = self.stereoscopic_choice

        field_of_view: None | str | Unset
        if isinstance(self.field_of_view, Unset):
            field_of_view = UNSET
        elif isinstance(self.field_of_view, str):
            field_of_view = self.field_of_view
        elif isinstance(self.field_of_view, str):
            field_of_view = self.field_of_view
        else:
            field_of_view = self.field_of_view

        voxel_width_mm: float | None | Unset
        if isinstance(self.voxel_width_mm, Unset):
            voxel_width_mm = UNSET
        else:
            voxel_width_mm = self.voxel_width_mm

        voxel_height_mm: float | None | Unset
        if isinstance(self.voxel_height_mm, Unset):
            voxel_height_mm = UNSET
        else:
            voxel_height_mm = self.voxel_height_mm

        voxel_depth_mm: float | None | Unset
        if isinstance(self.voxel_depth_mm, Unset):
            voxel_depth_mm = UNSET
        else:
            voxel_depth_mm = self.voxel_depth_mm

        window_center: float | None | Unset
        if isinstance(self.window_center, Unset):
            window_center = UNSET
        else:
            window_center = self.window_center

        window_width: float | None | Unset
        if isinstance(self.window_width, Unset):
            window_width = UNSET
        else:
            window_width = self.window_width

        segments = self.segments

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "name": name,
                "files": files,
                "dicom_image_set": dicom_image_set,
                "modality": modality,
                "shape_without_color": shape_without_color,
                "shape": shape,
                "api_url": api_url,
            }
        )
        if width is not UNSET:
            field_dict["width"] = width
        if height is not UNSET:
            field_dict["height"] = height
        if depth is not UNSET:
            field_dict["depth"] = depth
        if color_space is not UNSET:
            field_dict["color_space"] = color_space
        if eye_choice is not UNSET:
            field_dict["eye_choice"] = eye_choice
        if stereoscopic_choice is not UNSET:
            field_dict["stereoscopic_choice"] = stereoscopic_choice
        if field_of_view is not UNSET:
            field_dict["field_of_view"] = field_of_view
        if voxel_width_mm is not UNSET:
            field_dict["voxel_width_mm"] = voxel_width_mm
        if voxel_height_mm is not UNSET:
            field_dict["voxel_height_mm"] = voxel_height_mm
        if voxel_depth_mm is not UNSET:
            field_dict["voxel_depth_mm"] = voxel_depth_mm
        if window_center is not UNSET:
            field_dict["window_center"] = window_center
        if window_width is not UNSET:
            field_dict["window_width"] = window_width
        if segments is not UNSET:
            field_dict["segments"] = segments

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dicom_image_set import DICOMImageSet  # noqa: PLC0415
        from ..models.image_file import ImageFile  # noqa: PLC0415
        from ..models.imaging_modality import ImagingModality  # noqa: PLC0415

        d = dict(src_dict)
        _raw_pk = d.pop("pk", MISSING)
        try:
            if _raw_pk is MISSING:
                raise KeyError("pk")
            pk = UUID(_raw_pk)

        except PARSE_ERRORS as exc:
            pk = unparsed(_raw_pk, "HyperlinkedImage.pk", exc)

        _raw_name = d.pop("name", MISSING)
        try:
            if _raw_name is MISSING:
                raise KeyError("name")
            name = _raw_name
        except PARSE_ERRORS as exc:
            name = unparsed(_raw_name, "HyperlinkedImage.name", exc)

        _raw_files = d.pop("files", MISSING)
        try:
            if _raw_files is MISSING:
                raise KeyError("files")
            files = []
            _files = _raw_files
            for files_item_data in _files:
                files_item = ImageFile.from_dict(files_item_data)

                files.append(files_item)

        except PARSE_ERRORS as exc:
            files = unparsed(_raw_files, "HyperlinkedImage.files", exc)

        _raw_dicom_image_set = d.pop("dicom_image_set", MISSING)
        try:
            if _raw_dicom_image_set is MISSING:
                raise KeyError("dicom_image_set")

            def _parse_dicom_image_set(data: object) -> DICOMImageSet | None:
                if data is None:
                    return data
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    dicom_image_set_type_1 = DICOMImageSet.from_dict(data)

                    return dicom_image_set_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(DICOMImageSet | None, data)

            dicom_image_set = _parse_dicom_image_set(_raw_dicom_image_set)

        except PARSE_ERRORS as exc:
            dicom_image_set = unparsed(
                _raw_dicom_image_set, "HyperlinkedImage.dicom_image_set", exc
            )

        _raw_modality = d.pop("modality", MISSING)
        try:
            if _raw_modality is MISSING:
                raise KeyError("modality")

            def _parse_modality(data: object) -> ImagingModality | None:
                if data is None:
                    return data
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    modality_type_1 = ImagingModality.from_dict(data)

                    return modality_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(ImagingModality | None, data)

            modality = _parse_modality(_raw_modality)

        except PARSE_ERRORS as exc:
            modality = unparsed(_raw_modality, "HyperlinkedImage.modality", exc)

        _raw_shape_without_color = d.pop("shape_without_color", MISSING)
        try:
            if _raw_shape_without_color is MISSING:
                raise KeyError("shape_without_color")
            shape_without_color = cast(list[int], _raw_shape_without_color)

        except PARSE_ERRORS as exc:
            shape_without_color = unparsed(
                _raw_shape_without_color, "HyperlinkedImage.shape_without_color", exc
            )

        _raw_shape = d.pop("shape", MISSING)
        try:
            if _raw_shape is MISSING:
                raise KeyError("shape")
            shape = cast(list[int], _raw_shape)

        except PARSE_ERRORS as exc:
            shape = unparsed(_raw_shape, "HyperlinkedImage.shape", exc)

        _raw_api_url = d.pop("api_url", MISSING)
        try:
            if _raw_api_url is MISSING:
                raise KeyError("api_url")
            api_url = _raw_api_url
        except PARSE_ERRORS as exc:
            api_url = unparsed(_raw_api_url, "HyperlinkedImage.api_url", exc)

        _raw_width = d.pop("width", UNSET)
        try:

            def _parse_width(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(int | None | Unset, data)

            width = _parse_width(_raw_width)

        except PARSE_ERRORS as exc:
            width = unparsed(_raw_width, "HyperlinkedImage.width", exc)

        _raw_height = d.pop("height", UNSET)
        try:

            def _parse_height(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(int | None | Unset, data)

            height = _parse_height(_raw_height)

        except PARSE_ERRORS as exc:
            height = unparsed(_raw_height, "HyperlinkedImage.height", exc)

        _raw_depth = d.pop("depth", UNSET)
        try:

            def _parse_depth(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(int | None | Unset, data)

            depth = _parse_depth(_raw_depth)

        except PARSE_ERRORS as exc:
            depth = unparsed(_raw_depth, "HyperlinkedImage.depth", exc)

        _raw_color_space = d.pop("color_space", UNSET)
        try:

            def _parse_color_space(data: object) -> BlankEnum | ColorSpaceEnum | Unset:
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    color_space_type_0 = check_color_space_enum(data)

                    return color_space_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, str):
                    raise TypeError()
                color_space_type_1 = check_blank_enum(data)

                return color_space_type_1

            color_space = _parse_color_space(_raw_color_space)

        except PARSE_ERRORS as exc:
            color_space = unparsed(
                _raw_color_space, "HyperlinkedImage.color_space", exc
            )

        _raw_eye_choice = d.pop("eye_choice", UNSET)
        try:
            _eye_choice = _raw_eye_choice
            eye_choice: EyeChoiceEnum | Unset
            if isinstance(_eye_choice, Unset):
                eye_choice = UNSET
            else:
                eye_choice = check_eye_choice_enum(_eye_choice)

        except PARSE_ERRORS as exc:
            eye_choice = unparsed(_raw_eye_choice, "HyperlinkedImage.eye_choice", exc)

        _raw_stereoscopic_choice = d.pop("stereoscopic_choice", UNSET)
        try:

            def _parse_stereoscopic_choice(
                data: object,
            ) -> BlankEnum | None | StereoscopicChoiceEnum | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    stereoscopic_choice_type_0 = check_stereoscopic_choice_enum(data)

                    return stereoscopic_choice_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    stereoscopic_choice_type_1 = check_blank_enum(data)

                    return stereoscopic_choice_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(BlankEnum | None | StereoscopicChoiceEnum | Unset, data)

            stereoscopic_choice = _parse_stereoscopic_choice(_raw_stereoscopic_choice)

        except PARSE_ERRORS as exc:
            stereoscopic_choice = unparsed(
                _raw_stereoscopic_choice, "HyperlinkedImage.stereoscopic_choice", exc
            )

        _raw_field_of_view = d.pop("field_of_view", UNSET)
        try:

            def _parse_field_of_view(
                data: object,
            ) -> BlankEnum | FieldOfViewEnum | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    field_of_view_type_0 = check_field_of_view_enum(data)

                    return field_of_view_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    field_of_view_type_1 = check_blank_enum(data)

                    return field_of_view_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(BlankEnum | FieldOfViewEnum | None | Unset, data)

            field_of_view = _parse_field_of_view(_raw_field_of_view)

        except PARSE_ERRORS as exc:
            field_of_view = unparsed(
                _raw_field_of_view, "HyperlinkedImage.field_of_view", exc
            )

        _raw_voxel_width_mm = d.pop("voxel_width_mm", UNSET)
        try:

            def _parse_voxel_width_mm(data: object) -> float | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(float | None | Unset, data)

            voxel_width_mm = _parse_voxel_width_mm(_raw_voxel_width_mm)

        except PARSE_ERRORS as exc:
            voxel_width_mm = unparsed(
                _raw_voxel_width_mm, "HyperlinkedImage.voxel_width_mm", exc
            )

        _raw_voxel_height_mm = d.pop("voxel_height_mm", UNSET)
        try:

            def _parse_voxel_height_mm(data: object) -> float | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(float | None | Unset, data)

            voxel_height_mm = _parse_voxel_height_mm(_raw_voxel_height_mm)

        except PARSE_ERRORS as exc:
            voxel_height_mm = unparsed(
                _raw_voxel_height_mm, "HyperlinkedImage.voxel_height_mm", exc
            )

        _raw_voxel_depth_mm = d.pop("voxel_depth_mm", UNSET)
        try:

            def _parse_voxel_depth_mm(data: object) -> float | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(float | None | Unset, data)

            voxel_depth_mm = _parse_voxel_depth_mm(_raw_voxel_depth_mm)

        except PARSE_ERRORS as exc:
            voxel_depth_mm = unparsed(
                _raw_voxel_depth_mm, "HyperlinkedImage.voxel_depth_mm", exc
            )

        _raw_window_center = d.pop("window_center", UNSET)
        try:

            def _parse_window_center(data: object) -> float | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(float | None | Unset, data)

            window_center = _parse_window_center(_raw_window_center)

        except PARSE_ERRORS as exc:
            window_center = unparsed(
                _raw_window_center, "HyperlinkedImage.window_center", exc
            )

        _raw_window_width = d.pop("window_width", UNSET)
        try:

            def _parse_window_width(data: object) -> float | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(float | None | Unset, data)

            window_width = _parse_window_width(_raw_window_width)

        except PARSE_ERRORS as exc:
            window_width = unparsed(
                _raw_window_width, "HyperlinkedImage.window_width", exc
            )

        _raw_segments = d.pop("segments", UNSET)
        try:
            segments = _raw_segments
        except PARSE_ERRORS as exc:
            segments = unparsed(_raw_segments, "HyperlinkedImage.segments", exc)

        hyperlinked_image = cls(
            pk=pk,
            name=name,
            files=files,
            dicom_image_set=dicom_image_set,
            modality=modality,
            shape_without_color=shape_without_color,
            shape=shape,
            api_url=api_url,
            width=width,
            height=height,
            depth=depth,
            color_space=color_space,
            eye_choice=eye_choice,
            stereoscopic_choice=stereoscopic_choice,
            field_of_view=field_of_view,
            voxel_width_mm=voxel_width_mm,
            voxel_height_mm=voxel_height_mm,
            voxel_depth_mm=voxel_depth_mm,
            window_center=window_center,
            window_width=window_width,
            segments=segments,
        )

        hyperlinked_image.additional_properties = d
        return hyperlinked_image

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

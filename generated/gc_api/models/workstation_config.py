from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed
from ..types import parse_datetime as _parse_datetime

if TYPE_CHECKING:
    from ..models.look_up_table import LookUpTable
    from ..models.window_preset import WindowPreset


T = TypeVar("T", bound="WorkstationConfig")


@_attrs_define
class WorkstationConfig:
    pk: UUID
    slug: str
    title: str
    created: datetime.datetime
    modified: datetime.datetime
    creator: str
    """ Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only. """
    image_context: str
    window_presets: list[WindowPreset]
    default_window_preset: WindowPreset
    default_slab_thickness_mm: float
    default_slab_render_method: str
    default_orientation: str
    default_overlay_alpha: float
    overlay_luts: list[LookUpTable]
    default_overlay_lut: LookUpTable
    default_overlay_interpolation: str
    default_image_interpolation: str
    default_zoom_scale: float
    enabled_preprocessors: list[str]
    point_bounding_box_size_mm: float
    description: None | str | Unset = UNSET
    default_limit_view_area_to_image_volume: bool | Unset = UNSET
    """ When enabled, the view area is limited to the image volume, ensuring that changes in orientation and panning
    do not obscure parts of the image """
    ghosting_slice_depth: int | Unset = UNSET
    """ The number of slices a polygon annotation should remain visible for on slices surrounding the annotation
    slice. """
    overlay_segments: Any | Unset = UNSET
    """ The schema that defines how categories of values in the overlay images are differentiated. Example usage:
    [{"name": "background", "visible": true, "voxel_value": 0},{"name": "tissue", "visible": true, "voxel_value":
    1}]. If a categorical overlay is shown, it is possible to show toggles to change the visibility of the different
    overlay categories. To do so, configure the categories that should be displayed. For example: [{"name": "Level
    0", "visible": false, "voxel_value": 0]. """
    key_bindings: Any | Unset = UNSET
    """ The schema that overwrites the mapping between keyboard shortcuts and viewer actions """
    default_brush_size: None | str | Unset = UNSET
    """ Default brush diameter in millimeters for creating annotations """
    default_annotation_color: None | str | Unset = UNSET
    """ Default color for displaying and creating annotations """
    default_annotation_line_width: int | None | Unset = UNSET
    """ Default line width in pixels for displaying and creating annotations """
    show_image_info_plugin: bool | Unset = UNSET
    """ A plugin that shows meta-data information derived from image headers as well as any configured case text for
    reader studies """
    show_display_plugin: bool | Unset = UNSET
    """ A plugin that allows control over display properties such as window preset, slab thickness, or orientation
    """
    show_image_switcher_plugin: bool | Unset = UNSET
    """ A plugin that allows switching images when viewing algorithm outputs """
    show_algorithm_output_plugin: bool | Unset = UNSET
    """ A plugin that shows algorithm outputs, including navigation controls """
    show_overlay_plugin: bool | Unset = UNSET
    """ A plugin that contains overlay-related controls, such as the overlay-selection tool and overlay-segmentation
    visibility """
    show_annotation_statistics_plugin: bool | Unset = UNSET
    """ A plugin that allows analysis of segmentations. It shows voxel value statistics of annotated areas. """
    show_swivel_tool: bool | Unset = UNSET
    """ A tool that allows swiveling the image around axes to view a custom orientation """
    show_invert_tool: bool | Unset = UNSET
    """ A tool/button that allows inverting the displayed pixel colors of an image """
    show_flip_tool: bool | Unset = UNSET
    """ A tool/button that allows vertical flipping/mirroring of an image """
    show_window_level_tool: bool | Unset = UNSET
    """ A tool that allows selection of window presets and changing the window width/center """
    show_reset_tool: bool | Unset = UNSET
    """ A tool/button that resets all display properties of the images to defaults """
    show_overlay_selection_tool: bool | Unset = UNSET
    """ A tool that allows switching overlay images when viewing algorithm outputs """
    show_lut_selection_tool: bool | Unset = UNSET
    """ A tool that allows switching between the overlay-lut presets """
    show_annotation_counter_tool: bool | Unset = UNSET
    """ A tool that can be used to show summary statistics of annotations within an area """
    auto_jump_center_of_gravity: bool | Unset = UNSET
    """ Enables a jump to center of gravity of the first output when viewing algorithm outputs or the first overlay
    segment when viewing a reader study """
    link_images: bool | Unset = UNSET
    """ Start with the images linked """
    link_panning: bool | Unset = UNSET
    """ When panning and the images are linked, they share any new position """
    link_zooming: bool | Unset = UNSET
    """ When zooming and the images are linked, they share any new zoom level """
    link_slicing: bool | Unset = UNSET
    """ When scrolling and the images are linked, they share any slice changes """
    link_orienting: bool | Unset = UNSET
    """ When orienting and the images are linked, they share any new orientation """
    link_windowing: bool | Unset = UNSET
    """ When changing window setting and the images are linked, they share any new window width/center """
    link_inverting: bool | Unset = UNSET
    """ When inverting images and the images are linked, they share any new invert state """
    link_flipping: bool | Unset = UNSET
    """ When flipping images and the images are linked, they share any new flip state """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.pk, Missing):
            pk = str(self.pk)
        else:
            pk = MISSING

        if not isinstance(self.slug, Missing):
            slug = self.slug
        else:
            slug = MISSING

        if not isinstance(self.title, Missing):
            title = self.title
        else:
            title = MISSING

        if not isinstance(self.created, Missing):
            created = self.created.isoformat()
        else:
            created = MISSING

        if not isinstance(self.modified, Missing):
            modified = self.modified.isoformat()
        else:
            modified = MISSING

        if not isinstance(self.creator, Missing):
            creator = self.creator
        else:
            creator = MISSING

        if not isinstance(self.image_context, Missing):
            image_context = self.image_context
        else:
            image_context = MISSING

        if not isinstance(self.window_presets, Missing):
            window_presets = []
            for window_presets_item_data in self.window_presets:
                window_presets_item = window_presets_item_data.to_dict()
                window_presets.append(window_presets_item)

        else:
            window_presets = MISSING

        if not isinstance(self.default_window_preset, Missing):
            default_window_preset = self.default_window_preset.to_dict()
        else:
            default_window_preset = MISSING

        if not isinstance(self.default_slab_thickness_mm, Missing):
            default_slab_thickness_mm = self.default_slab_thickness_mm
        else:
            default_slab_thickness_mm = MISSING

        if not isinstance(self.default_slab_render_method, Missing):
            default_slab_render_method = self.default_slab_render_method
        else:
            default_slab_render_method = MISSING

        if not isinstance(self.default_orientation, Missing):
            default_orientation = self.default_orientation
        else:
            default_orientation = MISSING

        if not isinstance(self.default_overlay_alpha, Missing):
            default_overlay_alpha = self.default_overlay_alpha
        else:
            default_overlay_alpha = MISSING

        if not isinstance(self.overlay_luts, Missing):
            overlay_luts = []
            for overlay_luts_item_data in self.overlay_luts:
                overlay_luts_item = overlay_luts_item_data.to_dict()
                overlay_luts.append(overlay_luts_item)

        else:
            overlay_luts = MISSING

        if not isinstance(self.default_overlay_lut, Missing):
            default_overlay_lut = self.default_overlay_lut.to_dict()
        else:
            default_overlay_lut = MISSING

        if not isinstance(self.default_overlay_interpolation, Missing):
            default_overlay_interpolation = self.default_overlay_interpolation
        else:
            default_overlay_interpolation = MISSING

        if not isinstance(self.default_image_interpolation, Missing):
            default_image_interpolation = self.default_image_interpolation
        else:
            default_image_interpolation = MISSING

        if not isinstance(self.default_zoom_scale, Missing):
            default_zoom_scale = self.default_zoom_scale
        else:
            default_zoom_scale = MISSING

        if not isinstance(self.enabled_preprocessors, Missing):
            enabled_preprocessors = self.enabled_preprocessors

        else:
            enabled_preprocessors = MISSING

        if not isinstance(self.point_bounding_box_size_mm, Missing):
            point_bounding_box_size_mm = self.point_bounding_box_size_mm
        else:
            point_bounding_box_size_mm = MISSING

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        default_limit_view_area_to_image_volume = (
            self.default_limit_view_area_to_image_volume
        )

        ghosting_slice_depth = self.ghosting_slice_depth

        overlay_segments = self.overlay_segments

        key_bindings = self.key_bindings

        default_brush_size: None | str | Unset
        if isinstance(self.default_brush_size, Unset):
            default_brush_size = UNSET
        else:
            default_brush_size = self.default_brush_size

        default_annotation_color: None | str | Unset
        if isinstance(self.default_annotation_color, Unset):
            default_annotation_color = UNSET
        else:
            default_annotation_color = self.default_annotation_color

        default_annotation_line_width: int | None | Unset
        if isinstance(self.default_annotation_line_width, Unset):
            default_annotation_line_width = UNSET
        else:
            default_annotation_line_width = self.default_annotation_line_width

        show_image_info_plugin = self.show_image_info_plugin

        show_display_plugin = self.show_display_plugin

        show_image_switcher_plugin = self.show_image_switcher_plugin

        show_algorithm_output_plugin = self.show_algorithm_output_plugin

        show_overlay_plugin = self.show_overlay_plugin

        show_annotation_statistics_plugin = self.show_annotation_statistics_plugin

        show_swivel_tool = self.show_swivel_tool

        show_invert_tool = self.show_invert_tool

        show_flip_tool = self.show_flip_tool

        show_window_level_tool = self.show_window_level_tool

        show_reset_tool = self.show_reset_tool

        show_overlay_selection_tool = self.show_overlay_selection_tool

        show_lut_selection_tool = self.show_lut_selection_tool

        show_annotation_counter_tool = self.show_annotation_counter_tool

        auto_jump_center_of_gravity = self.auto_jump_center_of_gravity

        link_images = self.link_images

        link_panning = self.link_panning

        link_zooming = self.link_zooming

        link_slicing = self.link_slicing

        link_orienting = self.link_orienting

        link_windowing = self.link_windowing

        link_inverting = self.link_inverting

        link_flipping = self.link_flipping

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "slug": slug,
                "title": title,
                "created": created,
                "modified": modified,
                "creator": creator,
                "image_context": image_context,
                "window_presets": window_presets,
                "default_window_preset": default_window_preset,
                "default_slab_thickness_mm": default_slab_thickness_mm,
                "default_slab_render_method": default_slab_render_method,
                "default_orientation": default_orientation,
                "default_overlay_alpha": default_overlay_alpha,
                "overlay_luts": overlay_luts,
                "default_overlay_lut": default_overlay_lut,
                "default_overlay_interpolation": default_overlay_interpolation,
                "default_image_interpolation": default_image_interpolation,
                "default_zoom_scale": default_zoom_scale,
                "enabled_preprocessors": enabled_preprocessors,
                "point_bounding_box_size_mm": point_bounding_box_size_mm,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if default_limit_view_area_to_image_volume is not UNSET:
            field_dict["default_limit_view_area_to_image_volume"] = (
                default_limit_view_area_to_image_volume
            )
        if ghosting_slice_depth is not UNSET:
            field_dict["ghosting_slice_depth"] = ghosting_slice_depth
        if overlay_segments is not UNSET:
            field_dict["overlay_segments"] = overlay_segments
        if key_bindings is not UNSET:
            field_dict["key_bindings"] = key_bindings
        if default_brush_size is not UNSET:
            field_dict["default_brush_size"] = default_brush_size
        if default_annotation_color is not UNSET:
            field_dict["default_annotation_color"] = default_annotation_color
        if default_annotation_line_width is not UNSET:
            field_dict["default_annotation_line_width"] = default_annotation_line_width
        if show_image_info_plugin is not UNSET:
            field_dict["show_image_info_plugin"] = show_image_info_plugin
        if show_display_plugin is not UNSET:
            field_dict["show_display_plugin"] = show_display_plugin
        if show_image_switcher_plugin is not UNSET:
            field_dict["show_image_switcher_plugin"] = show_image_switcher_plugin
        if show_algorithm_output_plugin is not UNSET:
            field_dict["show_algorithm_output_plugin"] = show_algorithm_output_plugin
        if show_overlay_plugin is not UNSET:
            field_dict["show_overlay_plugin"] = show_overlay_plugin
        if show_annotation_statistics_plugin is not UNSET:
            field_dict["show_annotation_statistics_plugin"] = (
                show_annotation_statistics_plugin
            )
        if show_swivel_tool is not UNSET:
            field_dict["show_swivel_tool"] = show_swivel_tool
        if show_invert_tool is not UNSET:
            field_dict["show_invert_tool"] = show_invert_tool
        if show_flip_tool is not UNSET:
            field_dict["show_flip_tool"] = show_flip_tool
        if show_window_level_tool is not UNSET:
            field_dict["show_window_level_tool"] = show_window_level_tool
        if show_reset_tool is not UNSET:
            field_dict["show_reset_tool"] = show_reset_tool
        if show_overlay_selection_tool is not UNSET:
            field_dict["show_overlay_selection_tool"] = show_overlay_selection_tool
        if show_lut_selection_tool is not UNSET:
            field_dict["show_lut_selection_tool"] = show_lut_selection_tool
        if show_annotation_counter_tool is not UNSET:
            field_dict["show_annotation_counter_tool"] = show_annotation_counter_tool
        if auto_jump_center_of_gravity is not UNSET:
            field_dict["auto_jump_center_of_gravity"] = auto_jump_center_of_gravity
        if link_images is not UNSET:
            field_dict["link_images"] = link_images
        if link_panning is not UNSET:
            field_dict["link_panning"] = link_panning
        if link_zooming is not UNSET:
            field_dict["link_zooming"] = link_zooming
        if link_slicing is not UNSET:
            field_dict["link_slicing"] = link_slicing
        if link_orienting is not UNSET:
            field_dict["link_orienting"] = link_orienting
        if link_windowing is not UNSET:
            field_dict["link_windowing"] = link_windowing
        if link_inverting is not UNSET:
            field_dict["link_inverting"] = link_inverting
        if link_flipping is not UNSET:
            field_dict["link_flipping"] = link_flipping

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.look_up_table import LookUpTable  # noqa: PLC0415
        from ..models.window_preset import WindowPreset  # noqa: PLC0415

        d = dict(src_dict)
        _raw_pk = d.pop("pk", MISSING)
        try:
            if _raw_pk is MISSING:
                raise KeyError("pk")
            pk = UUID(_raw_pk)

        except PARSE_ERRORS as exc:
            pk = unparsed(_raw_pk, "WorkstationConfig.pk", exc)

        _raw_slug = d.pop("slug", MISSING)
        try:
            if _raw_slug is MISSING:
                raise KeyError("slug")
            slug = _raw_slug
        except PARSE_ERRORS as exc:
            slug = unparsed(_raw_slug, "WorkstationConfig.slug", exc)

        _raw_title = d.pop("title", MISSING)
        try:
            if _raw_title is MISSING:
                raise KeyError("title")
            title = _raw_title
        except PARSE_ERRORS as exc:
            title = unparsed(_raw_title, "WorkstationConfig.title", exc)

        _raw_created = d.pop("created", MISSING)
        try:
            if _raw_created is MISSING:
                raise KeyError("created")
            created = _parse_datetime(_raw_created)

        except PARSE_ERRORS as exc:
            created = unparsed(_raw_created, "WorkstationConfig.created", exc)

        _raw_modified = d.pop("modified", MISSING)
        try:
            if _raw_modified is MISSING:
                raise KeyError("modified")
            modified = _parse_datetime(_raw_modified)

        except PARSE_ERRORS as exc:
            modified = unparsed(_raw_modified, "WorkstationConfig.modified", exc)

        _raw_creator = d.pop("creator", MISSING)
        try:
            if _raw_creator is MISSING:
                raise KeyError("creator")
            creator = _raw_creator
        except PARSE_ERRORS as exc:
            creator = unparsed(_raw_creator, "WorkstationConfig.creator", exc)

        _raw_image_context = d.pop("image_context", MISSING)
        try:
            if _raw_image_context is MISSING:
                raise KeyError("image_context")
            image_context = _raw_image_context
        except PARSE_ERRORS as exc:
            image_context = unparsed(
                _raw_image_context, "WorkstationConfig.image_context", exc
            )

        _raw_window_presets = d.pop("window_presets", MISSING)
        try:
            if _raw_window_presets is MISSING:
                raise KeyError("window_presets")
            window_presets = []
            _window_presets = _raw_window_presets
            for window_presets_item_data in _window_presets:
                window_presets_item = WindowPreset.from_dict(window_presets_item_data)

                window_presets.append(window_presets_item)

        except PARSE_ERRORS as exc:
            window_presets = unparsed(
                _raw_window_presets, "WorkstationConfig.window_presets", exc
            )

        _raw_default_window_preset = d.pop("default_window_preset", MISSING)
        try:
            if _raw_default_window_preset is MISSING:
                raise KeyError("default_window_preset")
            default_window_preset = WindowPreset.from_dict(_raw_default_window_preset)

        except PARSE_ERRORS as exc:
            default_window_preset = unparsed(
                _raw_default_window_preset,
                "WorkstationConfig.default_window_preset",
                exc,
            )

        _raw_default_slab_thickness_mm = d.pop("default_slab_thickness_mm", MISSING)
        try:
            if _raw_default_slab_thickness_mm is MISSING:
                raise KeyError("default_slab_thickness_mm")
            default_slab_thickness_mm = _raw_default_slab_thickness_mm
        except PARSE_ERRORS as exc:
            default_slab_thickness_mm = unparsed(
                _raw_default_slab_thickness_mm,
                "WorkstationConfig.default_slab_thickness_mm",
                exc,
            )

        _raw_default_slab_render_method = d.pop("default_slab_render_method", MISSING)
        try:
            if _raw_default_slab_render_method is MISSING:
                raise KeyError("default_slab_render_method")
            default_slab_render_method = _raw_default_slab_render_method
        except PARSE_ERRORS as exc:
            default_slab_render_method = unparsed(
                _raw_default_slab_render_method,
                "WorkstationConfig.default_slab_render_method",
                exc,
            )

        _raw_default_orientation = d.pop("default_orientation", MISSING)
        try:
            if _raw_default_orientation is MISSING:
                raise KeyError("default_orientation")
            default_orientation = _raw_default_orientation
        except PARSE_ERRORS as exc:
            default_orientation = unparsed(
                _raw_default_orientation, "WorkstationConfig.default_orientation", exc
            )

        _raw_default_overlay_alpha = d.pop("default_overlay_alpha", MISSING)
        try:
            if _raw_default_overlay_alpha is MISSING:
                raise KeyError("default_overlay_alpha")
            default_overlay_alpha = _raw_default_overlay_alpha
        except PARSE_ERRORS as exc:
            default_overlay_alpha = unparsed(
                _raw_default_overlay_alpha,
                "WorkstationConfig.default_overlay_alpha",
                exc,
            )

        _raw_overlay_luts = d.pop("overlay_luts", MISSING)
        try:
            if _raw_overlay_luts is MISSING:
                raise KeyError("overlay_luts")
            overlay_luts = []
            _overlay_luts = _raw_overlay_luts
            for overlay_luts_item_data in _overlay_luts:
                overlay_luts_item = LookUpTable.from_dict(overlay_luts_item_data)

                overlay_luts.append(overlay_luts_item)

        except PARSE_ERRORS as exc:
            overlay_luts = unparsed(
                _raw_overlay_luts, "WorkstationConfig.overlay_luts", exc
            )

        _raw_default_overlay_lut = d.pop("default_overlay_lut", MISSING)
        try:
            if _raw_default_overlay_lut is MISSING:
                raise KeyError("default_overlay_lut")
            default_overlay_lut = LookUpTable.from_dict(_raw_default_overlay_lut)

        except PARSE_ERRORS as exc:
            default_overlay_lut = unparsed(
                _raw_default_overlay_lut, "WorkstationConfig.default_overlay_lut", exc
            )

        _raw_default_overlay_interpolation = d.pop(
            "default_overlay_interpolation", MISSING
        )
        try:
            if _raw_default_overlay_interpolation is MISSING:
                raise KeyError("default_overlay_interpolation")
            default_overlay_interpolation = _raw_default_overlay_interpolation
        except PARSE_ERRORS as exc:
            default_overlay_interpolation = unparsed(
                _raw_default_overlay_interpolation,
                "WorkstationConfig.default_overlay_interpolation",
                exc,
            )

        _raw_default_image_interpolation = d.pop("default_image_interpolation", MISSING)
        try:
            if _raw_default_image_interpolation is MISSING:
                raise KeyError("default_image_interpolation")
            default_image_interpolation = _raw_default_image_interpolation
        except PARSE_ERRORS as exc:
            default_image_interpolation = unparsed(
                _raw_default_image_interpolation,
                "WorkstationConfig.default_image_interpolation",
                exc,
            )

        _raw_default_zoom_scale = d.pop("default_zoom_scale", MISSING)
        try:
            if _raw_default_zoom_scale is MISSING:
                raise KeyError("default_zoom_scale")
            default_zoom_scale = _raw_default_zoom_scale
        except PARSE_ERRORS as exc:
            default_zoom_scale = unparsed(
                _raw_default_zoom_scale, "WorkstationConfig.default_zoom_scale", exc
            )

        _raw_enabled_preprocessors = d.pop("enabled_preprocessors", MISSING)
        try:
            if _raw_enabled_preprocessors is MISSING:
                raise KeyError("enabled_preprocessors")
            enabled_preprocessors = cast(list[str], _raw_enabled_preprocessors)

        except PARSE_ERRORS as exc:
            enabled_preprocessors = unparsed(
                _raw_enabled_preprocessors,
                "WorkstationConfig.enabled_preprocessors",
                exc,
            )

        _raw_point_bounding_box_size_mm = d.pop("point_bounding_box_size_mm", MISSING)
        try:
            if _raw_point_bounding_box_size_mm is MISSING:
                raise KeyError("point_bounding_box_size_mm")
            point_bounding_box_size_mm = _raw_point_bounding_box_size_mm
        except PARSE_ERRORS as exc:
            point_bounding_box_size_mm = unparsed(
                _raw_point_bounding_box_size_mm,
                "WorkstationConfig.point_bounding_box_size_mm",
                exc,
            )

        _raw_description = d.pop("description", UNSET)
        try:

            def _parse_description(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            description = _parse_description(_raw_description)

        except PARSE_ERRORS as exc:
            description = unparsed(
                _raw_description, "WorkstationConfig.description", exc
            )

        _raw_default_limit_view_area_to_image_volume = d.pop(
            "default_limit_view_area_to_image_volume", UNSET
        )
        try:
            default_limit_view_area_to_image_volume = (
                _raw_default_limit_view_area_to_image_volume
            )
        except PARSE_ERRORS as exc:
            default_limit_view_area_to_image_volume = unparsed(
                _raw_default_limit_view_area_to_image_volume,
                "WorkstationConfig.default_limit_view_area_to_image_volume",
                exc,
            )

        _raw_ghosting_slice_depth = d.pop("ghosting_slice_depth", UNSET)
        try:
            ghosting_slice_depth = _raw_ghosting_slice_depth
        except PARSE_ERRORS as exc:
            ghosting_slice_depth = unparsed(
                _raw_ghosting_slice_depth, "WorkstationConfig.ghosting_slice_depth", exc
            )

        _raw_overlay_segments = d.pop("overlay_segments", UNSET)
        try:
            overlay_segments = _raw_overlay_segments
        except PARSE_ERRORS as exc:
            overlay_segments = unparsed(
                _raw_overlay_segments, "WorkstationConfig.overlay_segments", exc
            )

        _raw_key_bindings = d.pop("key_bindings", UNSET)
        try:
            key_bindings = _raw_key_bindings
        except PARSE_ERRORS as exc:
            key_bindings = unparsed(
                _raw_key_bindings, "WorkstationConfig.key_bindings", exc
            )

        _raw_default_brush_size = d.pop("default_brush_size", UNSET)
        try:

            def _parse_default_brush_size(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            default_brush_size = _parse_default_brush_size(_raw_default_brush_size)

        except PARSE_ERRORS as exc:
            default_brush_size = unparsed(
                _raw_default_brush_size, "WorkstationConfig.default_brush_size", exc
            )

        _raw_default_annotation_color = d.pop("default_annotation_color", UNSET)
        try:

            def _parse_default_annotation_color(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            default_annotation_color = _parse_default_annotation_color(
                _raw_default_annotation_color
            )

        except PARSE_ERRORS as exc:
            default_annotation_color = unparsed(
                _raw_default_annotation_color,
                "WorkstationConfig.default_annotation_color",
                exc,
            )

        _raw_default_annotation_line_width = d.pop(
            "default_annotation_line_width", UNSET
        )
        try:

            def _parse_default_annotation_line_width(
                data: object,
            ) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(int | None | Unset, data)

            default_annotation_line_width = _parse_default_annotation_line_width(
                _raw_default_annotation_line_width
            )

        except PARSE_ERRORS as exc:
            default_annotation_line_width = unparsed(
                _raw_default_annotation_line_width,
                "WorkstationConfig.default_annotation_line_width",
                exc,
            )

        _raw_show_image_info_plugin = d.pop("show_image_info_plugin", UNSET)
        try:
            show_image_info_plugin = _raw_show_image_info_plugin
        except PARSE_ERRORS as exc:
            show_image_info_plugin = unparsed(
                _raw_show_image_info_plugin,
                "WorkstationConfig.show_image_info_plugin",
                exc,
            )

        _raw_show_display_plugin = d.pop("show_display_plugin", UNSET)
        try:
            show_display_plugin = _raw_show_display_plugin
        except PARSE_ERRORS as exc:
            show_display_plugin = unparsed(
                _raw_show_display_plugin, "WorkstationConfig.show_display_plugin", exc
            )

        _raw_show_image_switcher_plugin = d.pop("show_image_switcher_plugin", UNSET)
        try:
            show_image_switcher_plugin = _raw_show_image_switcher_plugin
        except PARSE_ERRORS as exc:
            show_image_switcher_plugin = unparsed(
                _raw_show_image_switcher_plugin,
                "WorkstationConfig.show_image_switcher_plugin",
                exc,
            )

        _raw_show_algorithm_output_plugin = d.pop("show_algorithm_output_plugin", UNSET)
        try:
            show_algorithm_output_plugin = _raw_show_algorithm_output_plugin
        except PARSE_ERRORS as exc:
            show_algorithm_output_plugin = unparsed(
                _raw_show_algorithm_output_plugin,
                "WorkstationConfig.show_algorithm_output_plugin",
                exc,
            )

        _raw_show_overlay_plugin = d.pop("show_overlay_plugin", UNSET)
        try:
            show_overlay_plugin = _raw_show_overlay_plugin
        except PARSE_ERRORS as exc:
            show_overlay_plugin = unparsed(
                _raw_show_overlay_plugin, "WorkstationConfig.show_overlay_plugin", exc
            )

        _raw_show_annotation_statistics_plugin = d.pop(
            "show_annotation_statistics_plugin", UNSET
        )
        try:
            show_annotation_statistics_plugin = _raw_show_annotation_statistics_plugin
        except PARSE_ERRORS as exc:
            show_annotation_statistics_plugin = unparsed(
                _raw_show_annotation_statistics_plugin,
                "WorkstationConfig.show_annotation_statistics_plugin",
                exc,
            )

        _raw_show_swivel_tool = d.pop("show_swivel_tool", UNSET)
        try:
            show_swivel_tool = _raw_show_swivel_tool
        except PARSE_ERRORS as exc:
            show_swivel_tool = unparsed(
                _raw_show_swivel_tool, "WorkstationConfig.show_swivel_tool", exc
            )

        _raw_show_invert_tool = d.pop("show_invert_tool", UNSET)
        try:
            show_invert_tool = _raw_show_invert_tool
        except PARSE_ERRORS as exc:
            show_invert_tool = unparsed(
                _raw_show_invert_tool, "WorkstationConfig.show_invert_tool", exc
            )

        _raw_show_flip_tool = d.pop("show_flip_tool", UNSET)
        try:
            show_flip_tool = _raw_show_flip_tool
        except PARSE_ERRORS as exc:
            show_flip_tool = unparsed(
                _raw_show_flip_tool, "WorkstationConfig.show_flip_tool", exc
            )

        _raw_show_window_level_tool = d.pop("show_window_level_tool", UNSET)
        try:
            show_window_level_tool = _raw_show_window_level_tool
        except PARSE_ERRORS as exc:
            show_window_level_tool = unparsed(
                _raw_show_window_level_tool,
                "WorkstationConfig.show_window_level_tool",
                exc,
            )

        _raw_show_reset_tool = d.pop("show_reset_tool", UNSET)
        try:
            show_reset_tool = _raw_show_reset_tool
        except PARSE_ERRORS as exc:
            show_reset_tool = unparsed(
                _raw_show_reset_tool, "WorkstationConfig.show_reset_tool", exc
            )

        _raw_show_overlay_selection_tool = d.pop("show_overlay_selection_tool", UNSET)
        try:
            show_overlay_selection_tool = _raw_show_overlay_selection_tool
        except PARSE_ERRORS as exc:
            show_overlay_selection_tool = unparsed(
                _raw_show_overlay_selection_tool,
                "WorkstationConfig.show_overlay_selection_tool",
                exc,
            )

        _raw_show_lut_selection_tool = d.pop("show_lut_selection_tool", UNSET)
        try:
            show_lut_selection_tool = _raw_show_lut_selection_tool
        except PARSE_ERRORS as exc:
            show_lut_selection_tool = unparsed(
                _raw_show_lut_selection_tool,
                "WorkstationConfig.show_lut_selection_tool",
                exc,
            )

        _raw_show_annotation_counter_tool = d.pop("show_annotation_counter_tool", UNSET)
        try:
            show_annotation_counter_tool = _raw_show_annotation_counter_tool
        except PARSE_ERRORS as exc:
            show_annotation_counter_tool = unparsed(
                _raw_show_annotation_counter_tool,
                "WorkstationConfig.show_annotation_counter_tool",
                exc,
            )

        _raw_auto_jump_center_of_gravity = d.pop("auto_jump_center_of_gravity", UNSET)
        try:
            auto_jump_center_of_gravity = _raw_auto_jump_center_of_gravity
        except PARSE_ERRORS as exc:
            auto_jump_center_of_gravity = unparsed(
                _raw_auto_jump_center_of_gravity,
                "WorkstationConfig.auto_jump_center_of_gravity",
                exc,
            )

        _raw_link_images = d.pop("link_images", UNSET)
        try:
            link_images = _raw_link_images
        except PARSE_ERRORS as exc:
            link_images = unparsed(
                _raw_link_images, "WorkstationConfig.link_images", exc
            )

        _raw_link_panning = d.pop("link_panning", UNSET)
        try:
            link_panning = _raw_link_panning
        except PARSE_ERRORS as exc:
            link_panning = unparsed(
                _raw_link_panning, "WorkstationConfig.link_panning", exc
            )

        _raw_link_zooming = d.pop("link_zooming", UNSET)
        try:
            link_zooming = _raw_link_zooming
        except PARSE_ERRORS as exc:
            link_zooming = unparsed(
                _raw_link_zooming, "WorkstationConfig.link_zooming", exc
            )

        _raw_link_slicing = d.pop("link_slicing", UNSET)
        try:
            link_slicing = _raw_link_slicing
        except PARSE_ERRORS as exc:
            link_slicing = unparsed(
                _raw_link_slicing, "WorkstationConfig.link_slicing", exc
            )

        _raw_link_orienting = d.pop("link_orienting", UNSET)
        try:
            link_orienting = _raw_link_orienting
        except PARSE_ERRORS as exc:
            link_orienting = unparsed(
                _raw_link_orienting, "WorkstationConfig.link_orienting", exc
            )

        _raw_link_windowing = d.pop("link_windowing", UNSET)
        try:
            link_windowing = _raw_link_windowing
        except PARSE_ERRORS as exc:
            link_windowing = unparsed(
                _raw_link_windowing, "WorkstationConfig.link_windowing", exc
            )

        _raw_link_inverting = d.pop("link_inverting", UNSET)
        try:
            link_inverting = _raw_link_inverting
        except PARSE_ERRORS as exc:
            link_inverting = unparsed(
                _raw_link_inverting, "WorkstationConfig.link_inverting", exc
            )

        _raw_link_flipping = d.pop("link_flipping", UNSET)
        try:
            link_flipping = _raw_link_flipping
        except PARSE_ERRORS as exc:
            link_flipping = unparsed(
                _raw_link_flipping, "WorkstationConfig.link_flipping", exc
            )

        workstation_config = cls(
            pk=pk,
            slug=slug,
            title=title,
            created=created,
            modified=modified,
            creator=creator,
            image_context=image_context,
            window_presets=window_presets,
            default_window_preset=default_window_preset,
            default_slab_thickness_mm=default_slab_thickness_mm,
            default_slab_render_method=default_slab_render_method,
            default_orientation=default_orientation,
            default_overlay_alpha=default_overlay_alpha,
            overlay_luts=overlay_luts,
            default_overlay_lut=default_overlay_lut,
            default_overlay_interpolation=default_overlay_interpolation,
            default_image_interpolation=default_image_interpolation,
            default_zoom_scale=default_zoom_scale,
            enabled_preprocessors=enabled_preprocessors,
            point_bounding_box_size_mm=point_bounding_box_size_mm,
            description=description,
            default_limit_view_area_to_image_volume=default_limit_view_area_to_image_volume,
            ghosting_slice_depth=ghosting_slice_depth,
            overlay_segments=overlay_segments,
            key_bindings=key_bindings,
            default_brush_size=default_brush_size,
            default_annotation_color=default_annotation_color,
            default_annotation_line_width=default_annotation_line_width,
            show_image_info_plugin=show_image_info_plugin,
            show_display_plugin=show_display_plugin,
            show_image_switcher_plugin=show_image_switcher_plugin,
            show_algorithm_output_plugin=show_algorithm_output_plugin,
            show_overlay_plugin=show_overlay_plugin,
            show_annotation_statistics_plugin=show_annotation_statistics_plugin,
            show_swivel_tool=show_swivel_tool,
            show_invert_tool=show_invert_tool,
            show_flip_tool=show_flip_tool,
            show_window_level_tool=show_window_level_tool,
            show_reset_tool=show_reset_tool,
            show_overlay_selection_tool=show_overlay_selection_tool,
            show_lut_selection_tool=show_lut_selection_tool,
            show_annotation_counter_tool=show_annotation_counter_tool,
            auto_jump_center_of_gravity=auto_jump_center_of_gravity,
            link_images=link_images,
            link_panning=link_panning,
            link_zooming=link_zooming,
            link_slicing=link_slicing,
            link_orienting=link_orienting,
            link_windowing=link_windowing,
            link_inverting=link_inverting,
            link_flipping=link_flipping,
        )

        workstation_config.additional_properties = d
        return workstation_config

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

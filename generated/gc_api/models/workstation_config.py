from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

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
        pk = str(self.pk)

        slug = self.slug

        title = self.title

        created = self.created.isoformat()

        modified = self.modified.isoformat()

        creator = self.creator

        image_context = self.image_context

        window_presets = []
        for window_presets_item_data in self.window_presets:
            window_presets_item = window_presets_item_data.to_dict()
            window_presets.append(window_presets_item)

        default_window_preset = self.default_window_preset.to_dict()

        default_slab_thickness_mm = self.default_slab_thickness_mm

        default_slab_render_method = self.default_slab_render_method

        default_orientation = self.default_orientation

        default_overlay_alpha = self.default_overlay_alpha

        overlay_luts = []
        for overlay_luts_item_data in self.overlay_luts:
            overlay_luts_item = overlay_luts_item_data.to_dict()
            overlay_luts.append(overlay_luts_item)

        default_overlay_lut = self.default_overlay_lut.to_dict()

        default_overlay_interpolation = self.default_overlay_interpolation

        default_image_interpolation = self.default_image_interpolation

        default_zoom_scale = self.default_zoom_scale

        enabled_preprocessors = self.enabled_preprocessors

        point_bounding_box_size_mm = self.point_bounding_box_size_mm

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.look_up_table import LookUpTable  # noqa: PLC0415
        from ..models.window_preset import WindowPreset  # noqa: PLC0415

        d = dict(src_dict)
        pk = UUID(d.pop("pk"))

        slug = d.pop("slug")

        title = d.pop("title")

        created = datetime.datetime.fromisoformat(d.pop("created"))

        modified = datetime.datetime.fromisoformat(d.pop("modified"))

        creator = d.pop("creator")

        image_context = d.pop("image_context")

        window_presets = []
        _window_presets = d.pop("window_presets")
        for window_presets_item_data in _window_presets:
            window_presets_item = WindowPreset.from_dict(window_presets_item_data)

            window_presets.append(window_presets_item)

        default_window_preset = WindowPreset.from_dict(d.pop("default_window_preset"))

        default_slab_thickness_mm = d.pop("default_slab_thickness_mm")

        default_slab_render_method = d.pop("default_slab_render_method")

        default_orientation = d.pop("default_orientation")

        default_overlay_alpha = d.pop("default_overlay_alpha")

        overlay_luts = []
        _overlay_luts = d.pop("overlay_luts")
        for overlay_luts_item_data in _overlay_luts:
            overlay_luts_item = LookUpTable.from_dict(overlay_luts_item_data)

            overlay_luts.append(overlay_luts_item)

        default_overlay_lut = LookUpTable.from_dict(d.pop("default_overlay_lut"))

        default_overlay_interpolation = d.pop("default_overlay_interpolation")

        default_image_interpolation = d.pop("default_image_interpolation")

        default_zoom_scale = d.pop("default_zoom_scale")

        enabled_preprocessors = cast(list[str], d.pop("enabled_preprocessors"))

        point_bounding_box_size_mm = d.pop("point_bounding_box_size_mm")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        default_limit_view_area_to_image_volume = d.pop(
            "default_limit_view_area_to_image_volume", UNSET
        )

        ghosting_slice_depth = d.pop("ghosting_slice_depth", UNSET)

        overlay_segments = d.pop("overlay_segments", UNSET)

        key_bindings = d.pop("key_bindings", UNSET)

        def _parse_default_brush_size(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        default_brush_size = _parse_default_brush_size(
            d.pop("default_brush_size", UNSET)
        )

        def _parse_default_annotation_color(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        default_annotation_color = _parse_default_annotation_color(
            d.pop("default_annotation_color", UNSET)
        )

        def _parse_default_annotation_line_width(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        default_annotation_line_width = _parse_default_annotation_line_width(
            d.pop("default_annotation_line_width", UNSET)
        )

        show_image_info_plugin = d.pop("show_image_info_plugin", UNSET)

        show_display_plugin = d.pop("show_display_plugin", UNSET)

        show_image_switcher_plugin = d.pop("show_image_switcher_plugin", UNSET)

        show_algorithm_output_plugin = d.pop("show_algorithm_output_plugin", UNSET)

        show_overlay_plugin = d.pop("show_overlay_plugin", UNSET)

        show_annotation_statistics_plugin = d.pop(
            "show_annotation_statistics_plugin", UNSET
        )

        show_swivel_tool = d.pop("show_swivel_tool", UNSET)

        show_invert_tool = d.pop("show_invert_tool", UNSET)

        show_flip_tool = d.pop("show_flip_tool", UNSET)

        show_window_level_tool = d.pop("show_window_level_tool", UNSET)

        show_reset_tool = d.pop("show_reset_tool", UNSET)

        show_overlay_selection_tool = d.pop("show_overlay_selection_tool", UNSET)

        show_lut_selection_tool = d.pop("show_lut_selection_tool", UNSET)

        show_annotation_counter_tool = d.pop("show_annotation_counter_tool", UNSET)

        auto_jump_center_of_gravity = d.pop("auto_jump_center_of_gravity", UNSET)

        link_images = d.pop("link_images", UNSET)

        link_panning = d.pop("link_panning", UNSET)

        link_zooming = d.pop("link_zooming", UNSET)

        link_slicing = d.pop("link_slicing", UNSET)

        link_orienting = d.pop("link_orienting", UNSET)

        link_windowing = d.pop("link_windowing", UNSET)

        link_inverting = d.pop("link_inverting", UNSET)

        link_flipping = d.pop("link_flipping", UNSET)

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed

if TYPE_CHECKING:
    from ..models.look_up_table import LookUpTable


T = TypeVar("T", bound="ComponentInterface")


@_attrs_define
class ComponentInterface:
    title: str
    """ Human readable name of this input/output field. """
    slug: str
    kind: str
    pk: int
    super_kind: str
    relative_path: str
    """ The path to the entity that implements this interface relative to the input or output directory. """
    look_up_table: LookUpTable | None
    description: str | Unset = UNSET
    """ Description of this input/output field. """
    default_value: Any | Unset = UNSET
    """ Default value for this field, only valid for inputs. """
    overlay_segments: Any | Unset = UNSET
    """ The schema that defines how categories of values in the overlay images are differentiated. Example usage:
    [{"name": "background", "visible": true, "voxel_value": 0},{"name": "tissue", "visible": true, "voxel_value":
    1}]. If a categorical overlay is shown, it is possible to show toggles to change the visibility of the different
    overlay categories. To do so, configure the categories that should be displayed. For example: [{"name": "Level
    0", "visible": false, "voxel_value": 0]. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.look_up_table import LookUpTable  # noqa: PLC0415

        if not isinstance(self.title, Missing):
            title = self.title
        else:
            title = MISSING

        if not isinstance(self.slug, Missing):
            slug = self.slug
        else:
            slug = MISSING

        if not isinstance(self.kind, Missing):
            kind = self.kind
        else:
            kind = MISSING

        if not isinstance(self.pk, Missing):
            pk = self.pk
        else:
            pk = MISSING

        if not isinstance(self.super_kind, Missing):
            super_kind = self.super_kind
        else:
            super_kind = MISSING

        if not isinstance(self.relative_path, Missing):
            relative_path = self.relative_path
        else:
            relative_path = MISSING

        if not isinstance(self.look_up_table, Missing):
            look_up_table: dict[str, Any] | None
            if isinstance(self.look_up_table, LookUpTable):
                look_up_table = self.look_up_table.to_dict()
            else:
                look_up_table = self.look_up_table
        else:
            look_up_table = MISSING

        description = self.description

        default_value = self.default_value

        overlay_segments = self.overlay_segments

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "title": title,
                "slug": slug,
                "kind": kind,
                "pk": pk,
                "super_kind": super_kind,
                "relative_path": relative_path,
                "look_up_table": look_up_table,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if default_value is not UNSET:
            field_dict["default_value"] = default_value
        if overlay_segments is not UNSET:
            field_dict["overlay_segments"] = overlay_segments

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.look_up_table import LookUpTable  # noqa: PLC0415

        d = dict(src_dict)
        _raw_title = d.pop("title", MISSING)
        try:
            if _raw_title is MISSING:
                raise KeyError("title")
            title = _raw_title
        except PARSE_ERRORS as exc:
            title = unparsed(_raw_title, "ComponentInterface.title", exc)

        _raw_slug = d.pop("slug", MISSING)
        try:
            if _raw_slug is MISSING:
                raise KeyError("slug")
            slug = _raw_slug
        except PARSE_ERRORS as exc:
            slug = unparsed(_raw_slug, "ComponentInterface.slug", exc)

        _raw_kind = d.pop("kind", MISSING)
        try:
            if _raw_kind is MISSING:
                raise KeyError("kind")
            kind = _raw_kind
        except PARSE_ERRORS as exc:
            kind = unparsed(_raw_kind, "ComponentInterface.kind", exc)

        _raw_pk = d.pop("pk", MISSING)
        try:
            if _raw_pk is MISSING:
                raise KeyError("pk")
            pk = _raw_pk
        except PARSE_ERRORS as exc:
            pk = unparsed(_raw_pk, "ComponentInterface.pk", exc)

        _raw_super_kind = d.pop("super_kind", MISSING)
        try:
            if _raw_super_kind is MISSING:
                raise KeyError("super_kind")
            super_kind = _raw_super_kind
        except PARSE_ERRORS as exc:
            super_kind = unparsed(_raw_super_kind, "ComponentInterface.super_kind", exc)

        _raw_relative_path = d.pop("relative_path", MISSING)
        try:
            if _raw_relative_path is MISSING:
                raise KeyError("relative_path")
            relative_path = _raw_relative_path
        except PARSE_ERRORS as exc:
            relative_path = unparsed(
                _raw_relative_path, "ComponentInterface.relative_path", exc
            )

        _raw_look_up_table = d.pop("look_up_table", MISSING)
        try:
            if _raw_look_up_table is MISSING:
                raise KeyError("look_up_table")

            def _parse_look_up_table(data: object) -> LookUpTable | None:
                if data is None:
                    return data
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    look_up_table_type_1 = LookUpTable.from_dict(data)

                    return look_up_table_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(LookUpTable | None, data)

            look_up_table = _parse_look_up_table(_raw_look_up_table)

        except PARSE_ERRORS as exc:
            look_up_table = unparsed(
                _raw_look_up_table, "ComponentInterface.look_up_table", exc
            )

        _raw_description = d.pop("description", UNSET)
        try:
            description = _raw_description
        except PARSE_ERRORS as exc:
            description = unparsed(
                _raw_description, "ComponentInterface.description", exc
            )

        _raw_default_value = d.pop("default_value", UNSET)
        try:
            default_value = _raw_default_value
        except PARSE_ERRORS as exc:
            default_value = unparsed(
                _raw_default_value, "ComponentInterface.default_value", exc
            )

        _raw_overlay_segments = d.pop("overlay_segments", UNSET)
        try:
            overlay_segments = _raw_overlay_segments
        except PARSE_ERRORS as exc:
            overlay_segments = unparsed(
                _raw_overlay_segments, "ComponentInterface.overlay_segments", exc
            )

        component_interface = cls(
            title=title,
            slug=slug,
            kind=kind,
            pk=pk,
            super_kind=super_kind,
            relative_path=relative_path,
            look_up_table=look_up_table,
            description=description,
            default_value=default_value,
            overlay_segments=overlay_segments,
        )

        component_interface.additional_properties = d
        return component_interface

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.categorical_option import CategoricalOption
    from ..models.component_interface import ComponentInterface
    from ..models.look_up_table import LookUpTable


T = TypeVar("T", bound="Question")


@_attrs_define
class Question:
    answer_type: str
    api_url: str
    """ API url for this ``Question``. """
    form_direction: str
    help_text: str
    help_text_safe: str
    image_port: str
    pk: UUID
    question_text: str
    question_text_safe: str
    reader_study: str
    options: list[CategoricalOption]
    interface: ComponentInterface | None
    look_up_table: LookUpTable | None
    widget: str
    empty_answer_confirmation_label: str
    empty_answer_confirmation_label_safe: str
    interactive_algorithms: list[str]
    default_annotation_color: str | Unset = UNSET
    """ Default color for displaying and creating annotations for this question """
    required: bool | Unset = UNSET
    overlay_segments: Any | Unset = UNSET
    """ The schema that defines how categories of values in the overlay images are differentiated. Example usage:
    [{"name": "background", "visible": true, "voxel_value": 0},{"name": "tissue", "visible": true, "voxel_value":
    1}]. If a categorical overlay is shown, it is possible to show toggles to change the visibility of the different
    overlay categories. To do so, configure the categories that should be displayed. For example: [{"name": "Level
    0", "visible": false, "voxel_value": 0]. """
    answer_min_value: int | None | Unset = UNSET
    """ Minimum value for answers of type Number. Can only be set in combination with the 'Number input' or 'Number
    Range' widgets. """
    answer_max_value: int | None | Unset = UNSET
    """ Maximum value for answers of type Number. Can only be set in combination with the 'Number input' or 'Number
    Range' widgets. """
    answer_step_size: None | str | Unset = UNSET
    """ Step size for answers of type Number. Defaults to 1, allowing only integer values. Can only be set in
    combination with the 'Number input' or 'Number Range' widgets. """
    answer_min_length: int | None | Unset = UNSET
    """ Minimum length for answers of type Text. Can only be set in combination with the 'Text Input' or 'Text Area'
    widgets. """
    answer_max_length: int | None | Unset = UNSET
    """ Maximum length for answers of type Text. Can only be set in combination with the 'Text Input' or 'Text Area'
    widgets. """
    answer_match_pattern: str | Unset = UNSET
    """ Regular expression to match a pattern for answers of type Text. Can only be set in combination with the
    'Text Input' or 'Text Area' widgets. """
    empty_answer_confirmation: bool | Unset = UNSET
    """ Require an explicit confirmation when saving an empty answer to this question. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.component_interface import ComponentInterface  # noqa: PLC0415
        from ..models.look_up_table import LookUpTable  # noqa: PLC0415

        answer_type = self.answer_type

        api_url = self.api_url

        form_direction = self.form_direction

        help_text = self.help_text

        help_text_safe = self.help_text_safe

        image_port = self.image_port

        pk = str(self.pk)

        question_text = self.question_text

        question_text_safe = self.question_text_safe

        reader_study = self.reader_study

        options = []
        for options_item_data in self.options:
            options_item = options_item_data.to_dict()
            options.append(options_item)

        interface: dict[str, Any] | None
        if isinstance(self.interface, ComponentInterface):
            interface = self.interface.to_dict()
        else:
            interface = self.interface

        look_up_table: dict[str, Any] | None
        if isinstance(self.look_up_table, LookUpTable):
            look_up_table = self.look_up_table.to_dict()
        else:
            look_up_table = self.look_up_table

        widget = self.widget

        empty_answer_confirmation_label = self.empty_answer_confirmation_label

        empty_answer_confirmation_label_safe = self.empty_answer_confirmation_label_safe

        interactive_algorithms = self.interactive_algorithms

        default_annotation_color = self.default_annotation_color

        required = self.required

        overlay_segments = self.overlay_segments

        answer_min_value: int | None | Unset
        if isinstance(self.answer_min_value, Unset):
            answer_min_value = UNSET
        else:
            answer_min_value = self.answer_min_value

        answer_max_value: int | None | Unset
        if isinstance(self.answer_max_value, Unset):
            answer_max_value = UNSET
        else:
            answer_max_value = self.answer_max_value

        answer_step_size: None | str | Unset
        if isinstance(self.answer_step_size, Unset):
            answer_step_size = UNSET
        else:
            answer_step_size = self.answer_step_size

        answer_min_length: int | None | Unset
        if isinstance(self.answer_min_length, Unset):
            answer_min_length = UNSET
        else:
            answer_min_length = self.answer_min_length

        answer_max_length: int | None | Unset
        if isinstance(self.answer_max_length, Unset):
            answer_max_length = UNSET
        else:
            answer_max_length = self.answer_max_length

        answer_match_pattern = self.answer_match_pattern

        empty_answer_confirmation = self.empty_answer_confirmation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "answer_type": answer_type,
                "api_url": api_url,
                "form_direction": form_direction,
                "help_text": help_text,
                "help_text_safe": help_text_safe,
                "image_port": image_port,
                "pk": pk,
                "question_text": question_text,
                "question_text_safe": question_text_safe,
                "reader_study": reader_study,
                "options": options,
                "interface": interface,
                "look_up_table": look_up_table,
                "widget": widget,
                "empty_answer_confirmation_label": empty_answer_confirmation_label,
                "empty_answer_confirmation_label_safe": empty_answer_confirmation_label_safe,
                "interactive_algorithms": interactive_algorithms,
            }
        )
        if default_annotation_color is not UNSET:
            field_dict["default_annotation_color"] = default_annotation_color
        if required is not UNSET:
            field_dict["required"] = required
        if overlay_segments is not UNSET:
            field_dict["overlay_segments"] = overlay_segments
        if answer_min_value is not UNSET:
            field_dict["answer_min_value"] = answer_min_value
        if answer_max_value is not UNSET:
            field_dict["answer_max_value"] = answer_max_value
        if answer_step_size is not UNSET:
            field_dict["answer_step_size"] = answer_step_size
        if answer_min_length is not UNSET:
            field_dict["answer_min_length"] = answer_min_length
        if answer_max_length is not UNSET:
            field_dict["answer_max_length"] = answer_max_length
        if answer_match_pattern is not UNSET:
            field_dict["answer_match_pattern"] = answer_match_pattern
        if empty_answer_confirmation is not UNSET:
            field_dict["empty_answer_confirmation"] = empty_answer_confirmation

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.categorical_option import CategoricalOption  # noqa: PLC0415
        from ..models.component_interface import ComponentInterface  # noqa: PLC0415
        from ..models.look_up_table import LookUpTable  # noqa: PLC0415

        d = dict(src_dict)
        answer_type = d.pop("answer_type")

        api_url = d.pop("api_url")

        form_direction = d.pop("form_direction")

        help_text = d.pop("help_text")

        help_text_safe = d.pop("help_text_safe")

        image_port = d.pop("image_port")

        pk = UUID(d.pop("pk"))

        question_text = d.pop("question_text")

        question_text_safe = d.pop("question_text_safe")

        reader_study = d.pop("reader_study")

        options = []
        _options = d.pop("options")
        for options_item_data in _options:
            options_item = CategoricalOption.from_dict(options_item_data)

            options.append(options_item)

        def _parse_interface(data: object) -> ComponentInterface | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                interface_type_1 = ComponentInterface.from_dict(data)

                return interface_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ComponentInterface | None, data)

        interface = _parse_interface(d.pop("interface"))

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

        look_up_table = _parse_look_up_table(d.pop("look_up_table"))

        widget = d.pop("widget")

        empty_answer_confirmation_label = d.pop("empty_answer_confirmation_label")

        empty_answer_confirmation_label_safe = d.pop(
            "empty_answer_confirmation_label_safe"
        )

        interactive_algorithms = cast(list[str], d.pop("interactive_algorithms"))

        default_annotation_color = d.pop("default_annotation_color", UNSET)

        required = d.pop("required", UNSET)

        overlay_segments = d.pop("overlay_segments", UNSET)

        def _parse_answer_min_value(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        answer_min_value = _parse_answer_min_value(d.pop("answer_min_value", UNSET))

        def _parse_answer_max_value(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        answer_max_value = _parse_answer_max_value(d.pop("answer_max_value", UNSET))

        def _parse_answer_step_size(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        answer_step_size = _parse_answer_step_size(d.pop("answer_step_size", UNSET))

        def _parse_answer_min_length(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        answer_min_length = _parse_answer_min_length(d.pop("answer_min_length", UNSET))

        def _parse_answer_max_length(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        answer_max_length = _parse_answer_max_length(d.pop("answer_max_length", UNSET))

        answer_match_pattern = d.pop("answer_match_pattern", UNSET)

        empty_answer_confirmation = d.pop("empty_answer_confirmation", UNSET)

        question = cls(
            answer_type=answer_type,
            api_url=api_url,
            form_direction=form_direction,
            help_text=help_text,
            help_text_safe=help_text_safe,
            image_port=image_port,
            pk=pk,
            question_text=question_text,
            question_text_safe=question_text_safe,
            reader_study=reader_study,
            options=options,
            interface=interface,
            look_up_table=look_up_table,
            widget=widget,
            empty_answer_confirmation_label=empty_answer_confirmation_label,
            empty_answer_confirmation_label_safe=empty_answer_confirmation_label_safe,
            interactive_algorithms=interactive_algorithms,
            default_annotation_color=default_annotation_color,
            required=required,
            overlay_segments=overlay_segments,
            answer_min_value=answer_min_value,
            answer_max_value=answer_max_value,
            answer_step_size=answer_step_size,
            answer_min_length=answer_min_length,
            answer_max_length=answer_max_length,
            answer_match_pattern=answer_match_pattern,
            empty_answer_confirmation=empty_answer_confirmation,
        )

        question.additional_properties = d
        return question

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

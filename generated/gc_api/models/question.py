from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed

if TYPE_CHECKING:
    from ..models.categorical_option import CategoricalOption
    from ..models.component_interface import ComponentInterface
    from ..models.look_up_table import LookUpTable
    from ..models.reader_study_algorithm_implementation import (
        ReaderStudyAlgorithmImplementation,
    )


T = TypeVar("T", bound="Question")


@_attrs_define
class Question:
    answer_type: str
    api_url: str
    """ API url for this ``Question``. """
    form_direction: str
    help_text_safe: str
    image_port: str
    pk: UUID
    question_text_safe: str
    reader_study: str
    options: list[CategoricalOption]
    interface: ComponentInterface | None
    look_up_table: LookUpTable | None
    widget: str
    empty_answer_confirmation_label_safe: str
    interactive_algorithms: list[str]
    algorithms: list[ReaderStudyAlgorithmImplementation]
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

        if not isinstance(self.answer_type, Missing):
            answer_type = self.answer_type
        else:
            answer_type = MISSING

        if not isinstance(self.api_url, Missing):
            api_url = self.api_url
        else:
            api_url = MISSING

        if not isinstance(self.form_direction, Missing):
            form_direction = self.form_direction
        else:
            form_direction = MISSING

        if not isinstance(self.help_text_safe, Missing):
            help_text_safe = self.help_text_safe
        else:
            help_text_safe = MISSING

        if not isinstance(self.image_port, Missing):
            image_port = self.image_port
        else:
            image_port = MISSING

        if not isinstance(self.pk, Missing):
            pk = str(self.pk)
        else:
            pk = MISSING

        if not isinstance(self.question_text_safe, Missing):
            question_text_safe = self.question_text_safe
        else:
            question_text_safe = MISSING

        if not isinstance(self.reader_study, Missing):
            reader_study = self.reader_study
        else:
            reader_study = MISSING

        if not isinstance(self.options, Missing):
            options = []
            for options_item_data in self.options:
                options_item = options_item_data.to_dict()
                options.append(options_item)

        else:
            options = MISSING

        if not isinstance(self.interface, Missing):
            interface: dict[str, Any] | None
            if isinstance(self.interface, ComponentInterface):
                interface = self.interface.to_dict()
            else:
                interface = self.interface
        else:
            interface = MISSING

        if not isinstance(self.look_up_table, Missing):
            look_up_table: dict[str, Any] | None
            if isinstance(self.look_up_table, LookUpTable):
                look_up_table = self.look_up_table.to_dict()
            else:
                look_up_table = self.look_up_table
        else:
            look_up_table = MISSING

        if not isinstance(self.widget, Missing):
            widget = self.widget
        else:
            widget = MISSING

        if not isinstance(self.empty_answer_confirmation_label_safe, Missing):
            empty_answer_confirmation_label_safe = (
                self.empty_answer_confirmation_label_safe
            )
        else:
            empty_answer_confirmation_label_safe = MISSING

        if not isinstance(self.interactive_algorithms, Missing):
            interactive_algorithms = self.interactive_algorithms

        else:
            interactive_algorithms = MISSING

        if not isinstance(self.algorithms, Missing):
            algorithms = []
            for algorithms_item_data in self.algorithms:
                algorithms_item = algorithms_item_data.to_dict()
                algorithms.append(algorithms_item)

        else:
            algorithms = MISSING

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
                "help_text_safe": help_text_safe,
                "image_port": image_port,
                "pk": pk,
                "question_text_safe": question_text_safe,
                "reader_study": reader_study,
                "options": options,
                "interface": interface,
                "look_up_table": look_up_table,
                "widget": widget,
                "empty_answer_confirmation_label_safe": empty_answer_confirmation_label_safe,
                "interactive_algorithms": interactive_algorithms,
                "algorithms": algorithms,
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

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.categorical_option import CategoricalOption  # noqa: PLC0415
        from ..models.component_interface import ComponentInterface  # noqa: PLC0415
        from ..models.look_up_table import LookUpTable  # noqa: PLC0415
        from ..models.reader_study_algorithm_implementation import (
            ReaderStudyAlgorithmImplementation,  # noqa: PLC0415
        )

        d = dict(src_dict)
        _raw_answer_type = d.pop("answer_type", MISSING)
        try:
            if _raw_answer_type is MISSING:
                raise KeyError("answer_type")
            answer_type = _raw_answer_type
        except PARSE_ERRORS as exc:
            answer_type = unparsed(_raw_answer_type, "Question.answer_type", exc)

        _raw_api_url = d.pop("api_url", MISSING)
        try:
            if _raw_api_url is MISSING:
                raise KeyError("api_url")
            api_url = _raw_api_url
        except PARSE_ERRORS as exc:
            api_url = unparsed(_raw_api_url, "Question.api_url", exc)

        _raw_form_direction = d.pop("form_direction", MISSING)
        try:
            if _raw_form_direction is MISSING:
                raise KeyError("form_direction")
            form_direction = _raw_form_direction
        except PARSE_ERRORS as exc:
            form_direction = unparsed(
                _raw_form_direction, "Question.form_direction", exc
            )

        _raw_help_text_safe = d.pop("help_text_safe", MISSING)
        try:
            if _raw_help_text_safe is MISSING:
                raise KeyError("help_text_safe")
            help_text_safe = _raw_help_text_safe
        except PARSE_ERRORS as exc:
            help_text_safe = unparsed(
                _raw_help_text_safe, "Question.help_text_safe", exc
            )

        _raw_image_port = d.pop("image_port", MISSING)
        try:
            if _raw_image_port is MISSING:
                raise KeyError("image_port")
            image_port = _raw_image_port
        except PARSE_ERRORS as exc:
            image_port = unparsed(_raw_image_port, "Question.image_port", exc)

        _raw_pk = d.pop("pk", MISSING)
        try:
            if _raw_pk is MISSING:
                raise KeyError("pk")
            pk = UUID(_raw_pk)

        except PARSE_ERRORS as exc:
            pk = unparsed(_raw_pk, "Question.pk", exc)

        _raw_question_text_safe = d.pop("question_text_safe", MISSING)
        try:
            if _raw_question_text_safe is MISSING:
                raise KeyError("question_text_safe")
            question_text_safe = _raw_question_text_safe
        except PARSE_ERRORS as exc:
            question_text_safe = unparsed(
                _raw_question_text_safe, "Question.question_text_safe", exc
            )

        _raw_reader_study = d.pop("reader_study", MISSING)
        try:
            if _raw_reader_study is MISSING:
                raise KeyError("reader_study")
            reader_study = _raw_reader_study
        except PARSE_ERRORS as exc:
            reader_study = unparsed(_raw_reader_study, "Question.reader_study", exc)

        _raw_options = d.pop("options", MISSING)
        try:
            if _raw_options is MISSING:
                raise KeyError("options")
            options = []
            _options = _raw_options
            for options_item_data in _options:
                options_item = CategoricalOption.from_dict(options_item_data)

                options.append(options_item)

        except PARSE_ERRORS as exc:
            options = unparsed(_raw_options, "Question.options", exc)

        _raw_interface = d.pop("interface", MISSING)
        try:
            if _raw_interface is MISSING:
                raise KeyError("interface")

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

            interface = _parse_interface(_raw_interface)

        except PARSE_ERRORS as exc:
            interface = unparsed(_raw_interface, "Question.interface", exc)

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
            look_up_table = unparsed(_raw_look_up_table, "Question.look_up_table", exc)

        _raw_widget = d.pop("widget", MISSING)
        try:
            if _raw_widget is MISSING:
                raise KeyError("widget")
            widget = _raw_widget
        except PARSE_ERRORS as exc:
            widget = unparsed(_raw_widget, "Question.widget", exc)

        _raw_empty_answer_confirmation_label_safe = d.pop(
            "empty_answer_confirmation_label_safe", MISSING
        )
        try:
            if _raw_empty_answer_confirmation_label_safe is MISSING:
                raise KeyError("empty_answer_confirmation_label_safe")
            empty_answer_confirmation_label_safe = (
                _raw_empty_answer_confirmation_label_safe
            )
        except PARSE_ERRORS as exc:
            empty_answer_confirmation_label_safe = unparsed(
                _raw_empty_answer_confirmation_label_safe,
                "Question.empty_answer_confirmation_label_safe",
                exc,
            )

        _raw_interactive_algorithms = d.pop("interactive_algorithms", MISSING)
        try:
            if _raw_interactive_algorithms is MISSING:
                raise KeyError("interactive_algorithms")
            interactive_algorithms = cast(list[str], _raw_interactive_algorithms)

        except PARSE_ERRORS as exc:
            interactive_algorithms = unparsed(
                _raw_interactive_algorithms, "Question.interactive_algorithms", exc
            )

        _raw_algorithms = d.pop("algorithms", MISSING)
        try:
            if _raw_algorithms is MISSING:
                raise KeyError("algorithms")
            algorithms = []
            _algorithms = _raw_algorithms
            for algorithms_item_data in _algorithms:
                algorithms_item = ReaderStudyAlgorithmImplementation.from_dict(
                    algorithms_item_data
                )

                algorithms.append(algorithms_item)

        except PARSE_ERRORS as exc:
            algorithms = unparsed(_raw_algorithms, "Question.algorithms", exc)

        _raw_default_annotation_color = d.pop("default_annotation_color", UNSET)
        try:
            default_annotation_color = _raw_default_annotation_color
        except PARSE_ERRORS as exc:
            default_annotation_color = unparsed(
                _raw_default_annotation_color, "Question.default_annotation_color", exc
            )

        _raw_required = d.pop("required", UNSET)
        try:
            required = _raw_required
        except PARSE_ERRORS as exc:
            required = unparsed(_raw_required, "Question.required", exc)

        _raw_overlay_segments = d.pop("overlay_segments", UNSET)
        try:
            overlay_segments = _raw_overlay_segments
        except PARSE_ERRORS as exc:
            overlay_segments = unparsed(
                _raw_overlay_segments, "Question.overlay_segments", exc
            )

        _raw_answer_min_value = d.pop("answer_min_value", UNSET)
        try:

            def _parse_answer_min_value(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(int | None | Unset, data)

            answer_min_value = _parse_answer_min_value(_raw_answer_min_value)

        except PARSE_ERRORS as exc:
            answer_min_value = unparsed(
                _raw_answer_min_value, "Question.answer_min_value", exc
            )

        _raw_answer_max_value = d.pop("answer_max_value", UNSET)
        try:

            def _parse_answer_max_value(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(int | None | Unset, data)

            answer_max_value = _parse_answer_max_value(_raw_answer_max_value)

        except PARSE_ERRORS as exc:
            answer_max_value = unparsed(
                _raw_answer_max_value, "Question.answer_max_value", exc
            )

        _raw_answer_step_size = d.pop("answer_step_size", UNSET)
        try:

            def _parse_answer_step_size(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            answer_step_size = _parse_answer_step_size(_raw_answer_step_size)

        except PARSE_ERRORS as exc:
            answer_step_size = unparsed(
                _raw_answer_step_size, "Question.answer_step_size", exc
            )

        _raw_answer_min_length = d.pop("answer_min_length", UNSET)
        try:

            def _parse_answer_min_length(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(int | None | Unset, data)

            answer_min_length = _parse_answer_min_length(_raw_answer_min_length)

        except PARSE_ERRORS as exc:
            answer_min_length = unparsed(
                _raw_answer_min_length, "Question.answer_min_length", exc
            )

        _raw_answer_max_length = d.pop("answer_max_length", UNSET)
        try:

            def _parse_answer_max_length(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(int | None | Unset, data)

            answer_max_length = _parse_answer_max_length(_raw_answer_max_length)

        except PARSE_ERRORS as exc:
            answer_max_length = unparsed(
                _raw_answer_max_length, "Question.answer_max_length", exc
            )

        _raw_answer_match_pattern = d.pop("answer_match_pattern", UNSET)
        try:
            answer_match_pattern = _raw_answer_match_pattern
        except PARSE_ERRORS as exc:
            answer_match_pattern = unparsed(
                _raw_answer_match_pattern, "Question.answer_match_pattern", exc
            )

        _raw_empty_answer_confirmation = d.pop("empty_answer_confirmation", UNSET)
        try:
            empty_answer_confirmation = _raw_empty_answer_confirmation
        except PARSE_ERRORS as exc:
            empty_answer_confirmation = unparsed(
                _raw_empty_answer_confirmation,
                "Question.empty_answer_confirmation",
                exc,
            )

        question = cls(
            answer_type=answer_type,
            api_url=api_url,
            form_direction=form_direction,
            help_text_safe=help_text_safe,
            image_port=image_port,
            pk=pk,
            question_text_safe=question_text_safe,
            reader_study=reader_study,
            options=options,
            interface=interface,
            look_up_table=look_up_table,
            widget=widget,
            empty_answer_confirmation_label_safe=empty_answer_confirmation_label_safe,
            interactive_algorithms=interactive_algorithms,
            algorithms=algorithms,
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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, Missing, unparsed

if TYPE_CHECKING:
    from ..models.ground_truth_answer_options import GroundTruthAnswerOptions


T = TypeVar("T", bound="GroundTruthAnswer")


@_attrs_define
class GroundTruthAnswer:
    answer: Any
    """ The answer as stored (option ids for choice questions). """
    answer_text: Any
    """ The answer in readable form: the option title(s) for choice questions, otherwise the answer as stored (a
    boolean, number, string or object, as `answer`). """
    question_text: str
    options: GroundTruthAnswerOptions
    """ Option id (as a string) to option title. """
    explanation: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.answer, Missing):
            answer = self.answer
        else:
            answer = MISSING

        if not isinstance(self.answer_text, Missing):
            answer_text = self.answer_text
        else:
            answer_text = MISSING

        if not isinstance(self.question_text, Missing):
            question_text = self.question_text
        else:
            question_text = MISSING

        if not isinstance(self.options, Missing):
            options = self.options.to_dict()
        else:
            options = MISSING

        if not isinstance(self.explanation, Missing):
            explanation = self.explanation
        else:
            explanation = MISSING

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "answer": answer,
                "answer_text": answer_text,
                "question_text": question_text,
                "options": options,
                "explanation": explanation,
            }
        )

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ground_truth_answer_options import GroundTruthAnswerOptions  # noqa: PLC0415

        d = dict(src_dict)
        _raw_answer = d.pop("answer", MISSING)
        try:
            if _raw_answer is MISSING:
                raise KeyError("answer")
            answer = _raw_answer
        except PARSE_ERRORS as exc:
            answer = unparsed(_raw_answer, "GroundTruthAnswer.answer", exc)

        _raw_answer_text = d.pop("answer_text", MISSING)
        try:
            if _raw_answer_text is MISSING:
                raise KeyError("answer_text")
            answer_text = _raw_answer_text
        except PARSE_ERRORS as exc:
            answer_text = unparsed(
                _raw_answer_text, "GroundTruthAnswer.answer_text", exc
            )

        _raw_question_text = d.pop("question_text", MISSING)
        try:
            if _raw_question_text is MISSING:
                raise KeyError("question_text")
            question_text = _raw_question_text
        except PARSE_ERRORS as exc:
            question_text = unparsed(
                _raw_question_text, "GroundTruthAnswer.question_text", exc
            )

        _raw_options = d.pop("options", MISSING)
        try:
            if _raw_options is MISSING:
                raise KeyError("options")
            options = GroundTruthAnswerOptions.from_dict(_raw_options)

        except PARSE_ERRORS as exc:
            options = unparsed(_raw_options, "GroundTruthAnswer.options", exc)

        _raw_explanation = d.pop("explanation", MISSING)
        try:
            if _raw_explanation is MISSING:
                raise KeyError("explanation")
            explanation = _raw_explanation
        except PARSE_ERRORS as exc:
            explanation = unparsed(
                _raw_explanation, "GroundTruthAnswer.explanation", exc
            )

        ground_truth_answer = cls(
            answer=answer,
            answer_text=answer_text,
            question_text=question_text,
            options=options,
            explanation=explanation,
        )

        ground_truth_answer.additional_properties = d
        return ground_truth_answer

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

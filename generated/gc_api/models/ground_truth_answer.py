from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

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
        answer = self.answer

        answer_text = self.answer_text

        question_text = self.question_text

        options = self.options.to_dict()

        explanation = self.explanation

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ground_truth_answer_options import GroundTruthAnswerOptions  # noqa: PLC0415

        d = dict(src_dict)
        answer = d.pop("answer")

        answer_text = d.pop("answer_text")

        question_text = d.pop("question_text")

        options = GroundTruthAnswerOptions.from_dict(d.pop("options"))

        explanation = d.pop("explanation")

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

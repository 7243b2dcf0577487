from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Unset, unparsed

T = TypeVar("T", bound="PatchedAnswerRequest")


@_attrs_define
class PatchedAnswerRequest:
    answer: Any | Unset = UNSET
    display_set: str | Unset = UNSET
    question: str | Unset = UNSET
    last_edit_duration: None | str | Unset = UNSET
    score: float | None | Unset = UNSET
    """ The score of this answer against the ground truth, if any. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        answer = self.answer

        display_set = self.display_set

        question = self.question

        last_edit_duration: None | str | Unset
        if isinstance(self.last_edit_duration, Unset):
            last_edit_duration = UNSET
        else:
            last_edit_duration = self.last_edit_duration

        score: float | None | Unset
        if isinstance(self.score, Unset):
            score = UNSET
        else:
            score = self.score

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if answer is not UNSET:
            field_dict["answer"] = answer
        if display_set is not UNSET:
            field_dict["display_set"] = display_set
        if question is not UNSET:
            field_dict["question"] = question
        if last_edit_duration is not UNSET:
            field_dict["last_edit_duration"] = last_edit_duration
        if score is not UNSET:
            field_dict["score"] = score

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _raw_answer = d.pop("answer", UNSET)
        try:
            answer = _raw_answer
        except PARSE_ERRORS as exc:
            answer = unparsed(_raw_answer, "PatchedAnswerRequest.answer", exc)

        _raw_display_set = d.pop("display_set", UNSET)
        try:
            display_set = _raw_display_set
        except PARSE_ERRORS as exc:
            display_set = unparsed(
                _raw_display_set, "PatchedAnswerRequest.display_set", exc
            )

        _raw_question = d.pop("question", UNSET)
        try:
            question = _raw_question
        except PARSE_ERRORS as exc:
            question = unparsed(_raw_question, "PatchedAnswerRequest.question", exc)

        _raw_last_edit_duration = d.pop("last_edit_duration", UNSET)
        try:

            def _parse_last_edit_duration(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            last_edit_duration = _parse_last_edit_duration(_raw_last_edit_duration)

        except PARSE_ERRORS as exc:
            last_edit_duration = unparsed(
                _raw_last_edit_duration, "PatchedAnswerRequest.last_edit_duration", exc
            )

        _raw_score = d.pop("score", UNSET)
        try:

            def _parse_score(data: object) -> float | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(float | None | Unset, data)

            score = _parse_score(_raw_score)

        except PARSE_ERRORS as exc:
            score = unparsed(_raw_score, "PatchedAnswerRequest.score", exc)

        patched_answer_request = cls(
            answer=answer,
            display_set=display_set,
            question=question,
            last_edit_duration=last_edit_duration,
            score=score,
        )

        patched_answer_request.additional_properties = d
        return patched_answer_request

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

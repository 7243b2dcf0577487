from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed
from ..types import parse_datetime as _parse_datetime

T = TypeVar("T", bound="Answer")


@_attrs_define
class Answer:
    api_url: str
    """ API url for this ``Answer``. """
    created: datetime.datetime
    creator: str
    """ Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only. """
    pk: UUID
    question: str
    modified: datetime.datetime
    answer_image: None | str
    total_edit_duration: None | str
    is_ground_truth: bool
    score: float | None
    """ The score of this answer against the ground truth, if any. """
    answer: Any | Unset = UNSET
    display_set: str | Unset = UNSET
    last_edit_duration: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.api_url, Missing):
            api_url = self.api_url
        else:
            api_url = MISSING

        if not isinstance(self.created, Missing):
            created = self.created.isoformat()
        else:
            created = MISSING

        if not isinstance(self.creator, Missing):
            creator = self.creator
        else:
            creator = MISSING

        if not isinstance(self.pk, Missing):
            pk = str(self.pk)
        else:
            pk = MISSING

        if not isinstance(self.question, Missing):
            question = self.question
        else:
            question = MISSING

        if not isinstance(self.modified, Missing):
            modified = self.modified.isoformat()
        else:
            modified = MISSING

        if not isinstance(self.answer_image, Missing):
            answer_image: None | str
            answer_image = self.answer_image
        else:
            answer_image = MISSING

        if not isinstance(self.total_edit_duration, Missing):
            total_edit_duration: None | str
            total_edit_duration = self.total_edit_duration
        else:
            total_edit_duration = MISSING

        if not isinstance(self.is_ground_truth, Missing):
            is_ground_truth = self.is_ground_truth
        else:
            is_ground_truth = MISSING

        if not isinstance(self.score, Missing):
            score: float | None
            score = self.score
        else:
            score = MISSING

        answer = self.answer

        display_set = self.display_set

        last_edit_duration: None | str | Unset
        if isinstance(self.last_edit_duration, Unset):
            last_edit_duration = UNSET
        else:
            last_edit_duration = self.last_edit_duration

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api_url": api_url,
                "created": created,
                "creator": creator,
                "pk": pk,
                "question": question,
                "modified": modified,
                "answer_image": answer_image,
                "total_edit_duration": total_edit_duration,
                "is_ground_truth": is_ground_truth,
                "score": score,
            }
        )
        if answer is not UNSET:
            field_dict["answer"] = answer
        if display_set is not UNSET:
            field_dict["display_set"] = display_set
        if last_edit_duration is not UNSET:
            field_dict["last_edit_duration"] = last_edit_duration

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _raw_api_url = d.pop("api_url", MISSING)
        try:
            if _raw_api_url is MISSING:
                raise KeyError("api_url")
            api_url = _raw_api_url
        except PARSE_ERRORS as exc:
            api_url = unparsed(_raw_api_url, "Answer.api_url", exc)

        _raw_created = d.pop("created", MISSING)
        try:
            if _raw_created is MISSING:
                raise KeyError("created")
            created = _parse_datetime(_raw_created)

        except PARSE_ERRORS as exc:
            created = unparsed(_raw_created, "Answer.created", exc)

        _raw_creator = d.pop("creator", MISSING)
        try:
            if _raw_creator is MISSING:
                raise KeyError("creator")
            creator = _raw_creator
        except PARSE_ERRORS as exc:
            creator = unparsed(_raw_creator, "Answer.creator", exc)

        _raw_pk = d.pop("pk", MISSING)
        try:
            if _raw_pk is MISSING:
                raise KeyError("pk")
            pk = UUID(_raw_pk)

        except PARSE_ERRORS as exc:
            pk = unparsed(_raw_pk, "Answer.pk", exc)

        _raw_question = d.pop("question", MISSING)
        try:
            if _raw_question is MISSING:
                raise KeyError("question")
            question = _raw_question
        except PARSE_ERRORS as exc:
            question = unparsed(_raw_question, "Answer.question", exc)

        _raw_modified = d.pop("modified", MISSING)
        try:
            if _raw_modified is MISSING:
                raise KeyError("modified")
            modified = _parse_datetime(_raw_modified)

        except PARSE_ERRORS as exc:
            modified = unparsed(_raw_modified, "Answer.modified", exc)

        _raw_answer_image = d.pop("answer_image", MISSING)
        try:
            if _raw_answer_image is MISSING:
                raise KeyError("answer_image")

            def _parse_answer_image(data: object) -> None | str:
                if data is None:
                    return data
                return cast(None | str, data)

            answer_image = _parse_answer_image(_raw_answer_image)

        except PARSE_ERRORS as exc:
            answer_image = unparsed(_raw_answer_image, "Answer.answer_image", exc)

        _raw_total_edit_duration = d.pop("total_edit_duration", MISSING)
        try:
            if _raw_total_edit_duration is MISSING:
                raise KeyError("total_edit_duration")

            def _parse_total_edit_duration(data: object) -> None | str:
                if data is None:
                    return data
                return cast(None | str, data)

            total_edit_duration = _parse_total_edit_duration(_raw_total_edit_duration)

        except PARSE_ERRORS as exc:
            total_edit_duration = unparsed(
                _raw_total_edit_duration, "Answer.total_edit_duration", exc
            )

        _raw_is_ground_truth = d.pop("is_ground_truth", MISSING)
        try:
            if _raw_is_ground_truth is MISSING:
                raise KeyError("is_ground_truth")
            is_ground_truth = _raw_is_ground_truth
        except PARSE_ERRORS as exc:
            is_ground_truth = unparsed(
                _raw_is_ground_truth, "Answer.is_ground_truth", exc
            )

        _raw_score = d.pop("score", MISSING)
        try:
            if _raw_score is MISSING:
                raise KeyError("score")

            def _parse_score(data: object) -> float | None:
                if data is None:
                    return data
                return cast(float | None, data)

            score = _parse_score(_raw_score)

        except PARSE_ERRORS as exc:
            score = unparsed(_raw_score, "Answer.score", exc)

        _raw_answer = d.pop("answer", UNSET)
        try:
            answer = _raw_answer
        except PARSE_ERRORS as exc:
            answer = unparsed(_raw_answer, "Answer.answer", exc)

        _raw_display_set = d.pop("display_set", UNSET)
        try:
            display_set = _raw_display_set
        except PARSE_ERRORS as exc:
            display_set = unparsed(_raw_display_set, "Answer.display_set", exc)

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
                _raw_last_edit_duration, "Answer.last_edit_duration", exc
            )

        answer = cls(
            api_url=api_url,
            created=created,
            creator=creator,
            pk=pk,
            question=question,
            modified=modified,
            answer_image=answer_image,
            total_edit_duration=total_edit_duration,
            is_ground_truth=is_ground_truth,
            score=score,
            answer=answer,
            display_set=display_set,
            last_edit_duration=last_edit_duration,
        )

        answer.additional_properties = d
        return answer

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

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

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
    answer: Any | Unset = UNSET
    display_set: str | Unset = UNSET
    last_edit_duration: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api_url = self.api_url

        created = self.created.isoformat()

        creator = self.creator

        pk = str(self.pk)

        question = self.question

        modified = self.modified.isoformat()

        answer_image: None | str
        answer_image = self.answer_image

        total_edit_duration: None | str
        total_edit_duration = self.total_edit_duration

        is_ground_truth = self.is_ground_truth

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
            }
        )
        if answer is not UNSET:
            field_dict["answer"] = answer
        if display_set is not UNSET:
            field_dict["display_set"] = display_set
        if last_edit_duration is not UNSET:
            field_dict["last_edit_duration"] = last_edit_duration

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        api_url = d.pop("api_url")

        created = datetime.datetime.fromisoformat(d.pop("created"))

        creator = d.pop("creator")

        pk = UUID(d.pop("pk"))

        question = d.pop("question")

        modified = datetime.datetime.fromisoformat(d.pop("modified"))

        def _parse_answer_image(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        answer_image = _parse_answer_image(d.pop("answer_image"))

        def _parse_total_edit_duration(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        total_edit_duration = _parse_total_edit_duration(d.pop("total_edit_duration"))

        is_ground_truth = d.pop("is_ground_truth")

        answer = d.pop("answer", UNSET)

        display_set = d.pop("display_set", UNSET)

        def _parse_last_edit_duration(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_edit_duration = _parse_last_edit_duration(
            d.pop("last_edit_duration", UNSET)
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

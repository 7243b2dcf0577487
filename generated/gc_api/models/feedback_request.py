from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, File, FileTypes, Unset

T = TypeVar("T", bound="FeedbackRequest")


@_attrs_define
class FeedbackRequest:
    session: str
    user_comment: str
    screenshot: File | Unset = UNSET
    context: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        session = self.session

        user_comment = self.user_comment

        screenshot: FileTypes | Unset = UNSET
        if not isinstance(self.screenshot, Unset):
            screenshot = self.screenshot.to_tuple()

        context = self.context

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "session": session,
                "user_comment": user_comment,
            }
        )
        if screenshot is not UNSET:
            field_dict["screenshot"] = screenshot
        if context is not UNSET:
            field_dict["context"] = context

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        session = d.pop("session")

        user_comment = d.pop("user_comment")

        _screenshot = d.pop("screenshot", UNSET)
        screenshot: File | Unset
        if isinstance(_screenshot, Unset):
            screenshot = UNSET
        else:
            screenshot = File(payload=BytesIO(_screenshot))

        context = d.pop("context", UNSET)

        feedback_request = cls(
            session=session,
            user_comment=user_comment,
            screenshot=screenshot,
            context=context,
        )

        feedback_request.additional_properties = d
        return feedback_request

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

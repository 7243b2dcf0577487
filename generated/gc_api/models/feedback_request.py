from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    MISSING,
    PARSE_ERRORS,
    UNSET,
    File,
    FileTypes,
    Missing,
    Unset,
    unparsed,
)

T = TypeVar("T", bound="FeedbackRequest")


@_attrs_define
class FeedbackRequest:
    session: str
    user_comment: str
    screenshot: File | Unset = UNSET
    context: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.session, Missing):
            session = self.session
        else:
            session = MISSING

        if not isinstance(self.user_comment, Missing):
            user_comment = self.user_comment
        else:
            user_comment = MISSING

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

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _raw_session = d.pop("session", MISSING)
        try:
            if _raw_session is MISSING:
                raise KeyError("session")
            session = _raw_session
        except PARSE_ERRORS as exc:
            session = unparsed(_raw_session, "FeedbackRequest.session", exc)

        _raw_user_comment = d.pop("user_comment", MISSING)
        try:
            if _raw_user_comment is MISSING:
                raise KeyError("user_comment")
            user_comment = _raw_user_comment
        except PARSE_ERRORS as exc:
            user_comment = unparsed(
                _raw_user_comment, "FeedbackRequest.user_comment", exc
            )

        _raw_screenshot = d.pop("screenshot", UNSET)
        try:
            _screenshot = _raw_screenshot
            screenshot: File | Unset
            if isinstance(_screenshot, Unset):
                screenshot = UNSET
            else:
                screenshot = File(payload=BytesIO(_screenshot))

        except PARSE_ERRORS as exc:
            screenshot = unparsed(_raw_screenshot, "FeedbackRequest.screenshot", exc)

        _raw_context = d.pop("context", UNSET)
        try:
            context = _raw_context
        except PARSE_ERRORS as exc:
            context = unparsed(_raw_context, "FeedbackRequest.context", exc)

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

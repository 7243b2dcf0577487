from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed

T = TypeVar("T", bound="ChallengeRequest")


@_attrs_define
class ChallengeRequest:
    short_name: str
    """ short name used in url, specific css, files etc. No spaces allowed """
    title: str | Unset = UNSET
    """ The name of the challenge that is displayed on the All Challenges page. If this is blank the short name of
    the challenge will be used. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.short_name, Missing):
            short_name = self.short_name
        else:
            short_name = MISSING

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "short_name": short_name,
            }
        )
        if title is not UNSET:
            field_dict["title"] = title

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _raw_short_name = d.pop("short_name", MISSING)
        try:
            if _raw_short_name is MISSING:
                raise KeyError("short_name")
            short_name = _raw_short_name
        except PARSE_ERRORS as exc:
            short_name = unparsed(_raw_short_name, "ChallengeRequest.short_name", exc)

        _raw_title = d.pop("title", UNSET)
        try:
            title = _raw_title
        except PARSE_ERRORS as exc:
            title = unparsed(_raw_title, "ChallengeRequest.title", exc)

        challenge_request = cls(
            short_name=short_name,
            title=title,
        )

        challenge_request.additional_properties = d
        return challenge_request

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, Missing, unparsed

if TYPE_CHECKING:
    from ..models.challenge import Challenge


T = TypeVar("T", bound="Phase")


@_attrs_define
class Phase:
    challenge: Challenge
    title: str
    """ The title of this phase. """
    slug: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.challenge, Missing):
            challenge = self.challenge.to_dict()
        else:
            challenge = MISSING

        if not isinstance(self.title, Missing):
            title = self.title
        else:
            title = MISSING

        if not isinstance(self.slug, Missing):
            slug = self.slug
        else:
            slug = MISSING

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "challenge": challenge,
                "title": title,
                "slug": slug,
            }
        )

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.challenge import Challenge  # noqa: PLC0415

        d = dict(src_dict)
        _raw_challenge = d.pop("challenge", MISSING)
        try:
            if _raw_challenge is MISSING:
                raise KeyError("challenge")
            challenge = Challenge.from_dict(_raw_challenge)

        except PARSE_ERRORS as exc:
            challenge = unparsed(_raw_challenge, "Phase.challenge", exc)

        _raw_title = d.pop("title", MISSING)
        try:
            if _raw_title is MISSING:
                raise KeyError("title")
            title = _raw_title
        except PARSE_ERRORS as exc:
            title = unparsed(_raw_title, "Phase.title", exc)

        _raw_slug = d.pop("slug", MISSING)
        try:
            if _raw_slug is MISSING:
                raise KeyError("slug")
            slug = _raw_slug
        except PARSE_ERRORS as exc:
            slug = unparsed(_raw_slug, "Phase.slug", exc)

        phase = cls(
            challenge=challenge,
            title=title,
            slug=slug,
        )

        phase.additional_properties = d
        return phase

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

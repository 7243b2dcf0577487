from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, Missing, unparsed

T = TypeVar("T", bound="Workstation")


@_attrs_define
class Workstation:
    pk: UUID
    title: str
    slug: str
    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.pk, Missing):
            pk = str(self.pk)
        else:
            pk = MISSING

        if not isinstance(self.title, Missing):
            title = self.title
        else:
            title = MISSING

        if not isinstance(self.slug, Missing):
            slug = self.slug
        else:
            slug = MISSING

        if not isinstance(self.url, Missing):
            url = self.url
        else:
            url = MISSING

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "title": title,
                "slug": slug,
                "url": url,
            }
        )

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _raw_pk = d.pop("pk", MISSING)
        try:
            if _raw_pk is MISSING:
                raise KeyError("pk")
            pk = UUID(_raw_pk)

        except PARSE_ERRORS as exc:
            pk = unparsed(_raw_pk, "Workstation.pk", exc)

        _raw_title = d.pop("title", MISSING)
        try:
            if _raw_title is MISSING:
                raise KeyError("title")
            title = _raw_title
        except PARSE_ERRORS as exc:
            title = unparsed(_raw_title, "Workstation.title", exc)

        _raw_slug = d.pop("slug", MISSING)
        try:
            if _raw_slug is MISSING:
                raise KeyError("slug")
            slug = _raw_slug
        except PARSE_ERRORS as exc:
            slug = unparsed(_raw_slug, "Workstation.slug", exc)

        _raw_url = d.pop("url", MISSING)
        try:
            if _raw_url is MISSING:
                raise KeyError("url")
            url = _raw_url
        except PARSE_ERRORS as exc:
            url = unparsed(_raw_url, "Workstation.url", exc)

        workstation = cls(
            pk=pk,
            title=title,
            slug=slug,
            url=url,
        )

        workstation.additional_properties = d
        return workstation

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

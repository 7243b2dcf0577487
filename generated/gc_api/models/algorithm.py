from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed

if TYPE_CHECKING:
    from ..models.algorithm_interface import AlgorithmInterface


T = TypeVar("T", bound="Algorithm")


@_attrs_define
class Algorithm:
    api_url: str
    url: str
    pk: UUID
    title: str
    logo: str
    slug: str
    average_duration: float | None
    """ The average duration of successful jobs in seconds """
    interfaces: list[AlgorithmInterface]
    description: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.api_url, Missing):
            api_url = self.api_url
        else:
            api_url = MISSING

        if not isinstance(self.url, Missing):
            url = self.url
        else:
            url = MISSING

        if not isinstance(self.pk, Missing):
            pk = str(self.pk)
        else:
            pk = MISSING

        if not isinstance(self.title, Missing):
            title = self.title
        else:
            title = MISSING

        if not isinstance(self.logo, Missing):
            logo = self.logo
        else:
            logo = MISSING

        if not isinstance(self.slug, Missing):
            slug = self.slug
        else:
            slug = MISSING

        if not isinstance(self.average_duration, Missing):
            average_duration: float | None
            average_duration = self.average_duration
        else:
            average_duration = MISSING

        if not isinstance(self.interfaces, Missing):
            interfaces = []
            for interfaces_item_data in self.interfaces:
                interfaces_item = interfaces_item_data.to_dict()
                interfaces.append(interfaces_item)

        else:
            interfaces = MISSING

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api_url": api_url,
                "url": url,
                "pk": pk,
                "title": title,
                "logo": logo,
                "slug": slug,
                "average_duration": average_duration,
                "interfaces": interfaces,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.algorithm_interface import AlgorithmInterface  # noqa: PLC0415

        d = dict(src_dict)
        _raw_api_url = d.pop("api_url", MISSING)
        try:
            if _raw_api_url is MISSING:
                raise KeyError("api_url")
            api_url = _raw_api_url
        except PARSE_ERRORS as exc:
            api_url = unparsed(_raw_api_url, "Algorithm.api_url", exc)

        _raw_url = d.pop("url", MISSING)
        try:
            if _raw_url is MISSING:
                raise KeyError("url")
            url = _raw_url
        except PARSE_ERRORS as exc:
            url = unparsed(_raw_url, "Algorithm.url", exc)

        _raw_pk = d.pop("pk", MISSING)
        try:
            if _raw_pk is MISSING:
                raise KeyError("pk")
            pk = UUID(_raw_pk)

        except PARSE_ERRORS as exc:
            pk = unparsed(_raw_pk, "Algorithm.pk", exc)

        _raw_title = d.pop("title", MISSING)
        try:
            if _raw_title is MISSING:
                raise KeyError("title")
            title = _raw_title
        except PARSE_ERRORS as exc:
            title = unparsed(_raw_title, "Algorithm.title", exc)

        _raw_logo = d.pop("logo", MISSING)
        try:
            if _raw_logo is MISSING:
                raise KeyError("logo")
            logo = _raw_logo
        except PARSE_ERRORS as exc:
            logo = unparsed(_raw_logo, "Algorithm.logo", exc)

        _raw_slug = d.pop("slug", MISSING)
        try:
            if _raw_slug is MISSING:
                raise KeyError("slug")
            slug = _raw_slug
        except PARSE_ERRORS as exc:
            slug = unparsed(_raw_slug, "Algorithm.slug", exc)

        _raw_average_duration = d.pop("average_duration", MISSING)
        try:
            if _raw_average_duration is MISSING:
                raise KeyError("average_duration")

            def _parse_average_duration(data: object) -> float | None:
                if data is None:
                    return data
                return cast(float | None, data)

            average_duration = _parse_average_duration(_raw_average_duration)

        except PARSE_ERRORS as exc:
            average_duration = unparsed(
                _raw_average_duration, "Algorithm.average_duration", exc
            )

        _raw_interfaces = d.pop("interfaces", MISSING)
        try:
            if _raw_interfaces is MISSING:
                raise KeyError("interfaces")
            interfaces = []
            _interfaces = _raw_interfaces
            for interfaces_item_data in _interfaces:
                interfaces_item = AlgorithmInterface.from_dict(interfaces_item_data)

                interfaces.append(interfaces_item)

        except PARSE_ERRORS as exc:
            interfaces = unparsed(_raw_interfaces, "Algorithm.interfaces", exc)

        _raw_description = d.pop("description", UNSET)
        try:

            def _parse_description(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            description = _parse_description(_raw_description)

        except PARSE_ERRORS as exc:
            description = unparsed(_raw_description, "Algorithm.description", exc)

        algorithm = cls(
            api_url=api_url,
            url=url,
            pk=pk,
            title=title,
            logo=logo,
            slug=slug,
            average_duration=average_duration,
            interfaces=interfaces,
            description=description,
        )

        algorithm.additional_properties = d
        return algorithm

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

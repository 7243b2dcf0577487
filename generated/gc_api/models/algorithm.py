from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

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
        api_url = self.api_url

        url = self.url

        pk = str(self.pk)

        title = self.title

        logo = self.logo

        slug = self.slug

        average_duration: float | None
        average_duration = self.average_duration

        interfaces = []
        for interfaces_item_data in self.interfaces:
            interfaces_item = interfaces_item_data.to_dict()
            interfaces.append(interfaces_item)

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.algorithm_interface import AlgorithmInterface  # noqa: PLC0415

        d = dict(src_dict)
        api_url = d.pop("api_url")

        url = d.pop("url")

        pk = UUID(d.pop("pk"))

        title = d.pop("title")

        logo = d.pop("logo")

        slug = d.pop("slug")

        def _parse_average_duration(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        average_duration = _parse_average_duration(d.pop("average_duration"))

        interfaces = []
        _interfaces = d.pop("interfaces")
        for interfaces_item_data in _interfaces:
            interfaces_item = AlgorithmInterface.from_dict(interfaces_item_data)

            interfaces.append(interfaces_item)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

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

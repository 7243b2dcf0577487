from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PublicChallenge")


@_attrs_define
class PublicChallenge:
    api_url: str
    url: str
    slug: str
    public: bool
    """ Helper property for consistency with other objects """
    status: str
    submission_types: list[str]
    start_date: datetime.datetime | None
    end_date: datetime.datetime | None
    publications: list[str]
    created: datetime.datetime
    modified: datetime.datetime
    incentives: list[str]
    title: str | Unset = UNSET
    """ The name of the challenge that is displayed on the All Challenges page. If this is blank the short name of
    the challenge will be used. """
    description: str | Unset = UNSET
    """ Short summary of this project, max 1024 characters. """
    logo: str | Unset = UNSET
    """ A logo for this challenge. Should be square with a resolution of 640x640 px or higher. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api_url = self.api_url

        url = self.url

        slug = self.slug

        public = self.public

        status = self.status

        submission_types = self.submission_types

        start_date: None | str
        if isinstance(self.start_date, datetime.datetime):
            start_date = self.start_date.isoformat()
        else:
            start_date = self.start_date

        end_date: None | str
        if isinstance(self.end_date, datetime.datetime):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        publications = self.publications

        created = self.created.isoformat()

        modified = self.modified.isoformat()

        incentives = self.incentives

        title = self.title

        description = self.description

        logo = self.logo

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api_url": api_url,
                "url": url,
                "slug": slug,
                "public": public,
                "status": status,
                "submission_types": submission_types,
                "start_date": start_date,
                "end_date": end_date,
                "publications": publications,
                "created": created,
                "modified": modified,
                "incentives": incentives,
            }
        )
        if title is not UNSET:
            field_dict["title"] = title
        if description is not UNSET:
            field_dict["description"] = description
        if logo is not UNSET:
            field_dict["logo"] = logo

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        api_url = d.pop("api_url")

        url = d.pop("url")

        slug = d.pop("slug")

        public = d.pop("public")

        status = d.pop("status")

        submission_types = cast(list[str], d.pop("submission_types"))

        def _parse_start_date(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_date_type_0 = datetime.datetime.fromisoformat(data)

                return start_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        start_date = _parse_start_date(d.pop("start_date"))

        def _parse_end_date(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_date_type_0 = datetime.datetime.fromisoformat(data)

                return end_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        end_date = _parse_end_date(d.pop("end_date"))

        publications = cast(list[str], d.pop("publications"))

        created = datetime.datetime.fromisoformat(d.pop("created"))

        modified = datetime.datetime.fromisoformat(d.pop("modified"))

        incentives = cast(list[str], d.pop("incentives"))

        title = d.pop("title", UNSET)

        description = d.pop("description", UNSET)

        logo = d.pop("logo", UNSET)

        public_challenge = cls(
            api_url=api_url,
            url=url,
            slug=slug,
            public=public,
            status=status,
            submission_types=submission_types,
            start_date=start_date,
            end_date=end_date,
            publications=publications,
            created=created,
            modified=modified,
            incentives=incentives,
            title=title,
            description=description,
            logo=logo,
        )

        public_challenge.additional_properties = d
        return public_challenge

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

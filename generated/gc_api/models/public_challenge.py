from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed
from ..types import parse_datetime as _parse_datetime

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
        if not isinstance(self.api_url, Missing):
            api_url = self.api_url
        else:
            api_url = MISSING

        if not isinstance(self.url, Missing):
            url = self.url
        else:
            url = MISSING

        if not isinstance(self.slug, Missing):
            slug = self.slug
        else:
            slug = MISSING

        if not isinstance(self.public, Missing):
            public = self.public
        else:
            public = MISSING

        if not isinstance(self.status, Missing):
            status = self.status
        else:
            status = MISSING

        if not isinstance(self.submission_types, Missing):
            submission_types = self.submission_types

        else:
            submission_types = MISSING

        if not isinstance(self.start_date, Missing):
            start_date: None | str
            if isinstance(self.start_date, datetime.datetime):
                start_date = self.start_date.isoformat()
            else:
                start_date = self.start_date
        else:
            start_date = MISSING

        if not isinstance(self.end_date, Missing):
            end_date: None | str
            if isinstance(self.end_date, datetime.datetime):
                end_date = self.end_date.isoformat()
            else:
                end_date = self.end_date
        else:
            end_date = MISSING

        if not isinstance(self.publications, Missing):
            publications = self.publications

        else:
            publications = MISSING

        if not isinstance(self.created, Missing):
            created = self.created.isoformat()
        else:
            created = MISSING

        if not isinstance(self.modified, Missing):
            modified = self.modified.isoformat()
        else:
            modified = MISSING

        if not isinstance(self.incentives, Missing):
            incentives = self.incentives

        else:
            incentives = MISSING

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
            api_url = unparsed(_raw_api_url, "PublicChallenge.api_url", exc)

        _raw_url = d.pop("url", MISSING)
        try:
            if _raw_url is MISSING:
                raise KeyError("url")
            url = _raw_url
        except PARSE_ERRORS as exc:
            url = unparsed(_raw_url, "PublicChallenge.url", exc)

        _raw_slug = d.pop("slug", MISSING)
        try:
            if _raw_slug is MISSING:
                raise KeyError("slug")
            slug = _raw_slug
        except PARSE_ERRORS as exc:
            slug = unparsed(_raw_slug, "PublicChallenge.slug", exc)

        _raw_public = d.pop("public", MISSING)
        try:
            if _raw_public is MISSING:
                raise KeyError("public")
            public = _raw_public
        except PARSE_ERRORS as exc:
            public = unparsed(_raw_public, "PublicChallenge.public", exc)

        _raw_status = d.pop("status", MISSING)
        try:
            if _raw_status is MISSING:
                raise KeyError("status")
            status = _raw_status
        except PARSE_ERRORS as exc:
            status = unparsed(_raw_status, "PublicChallenge.status", exc)

        _raw_submission_types = d.pop("submission_types", MISSING)
        try:
            if _raw_submission_types is MISSING:
                raise KeyError("submission_types")
            submission_types = cast(list[str], _raw_submission_types)

        except PARSE_ERRORS as exc:
            submission_types = unparsed(
                _raw_submission_types, "PublicChallenge.submission_types", exc
            )

        _raw_start_date = d.pop("start_date", MISSING)
        try:
            if _raw_start_date is MISSING:
                raise KeyError("start_date")

            def _parse_start_date(data: object) -> datetime.datetime | None:
                if data is None:
                    return data
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    start_date_type_0 = _parse_datetime(data)

                    return start_date_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(datetime.datetime | None, data)

            start_date = _parse_start_date(_raw_start_date)

        except PARSE_ERRORS as exc:
            start_date = unparsed(_raw_start_date, "PublicChallenge.start_date", exc)

        _raw_end_date = d.pop("end_date", MISSING)
        try:
            if _raw_end_date is MISSING:
                raise KeyError("end_date")

            def _parse_end_date(data: object) -> datetime.datetime | None:
                if data is None:
                    return data
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    end_date_type_0 = _parse_datetime(data)

                    return end_date_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(datetime.datetime | None, data)

            end_date = _parse_end_date(_raw_end_date)

        except PARSE_ERRORS as exc:
            end_date = unparsed(_raw_end_date, "PublicChallenge.end_date", exc)

        _raw_publications = d.pop("publications", MISSING)
        try:
            if _raw_publications is MISSING:
                raise KeyError("publications")
            publications = cast(list[str], _raw_publications)

        except PARSE_ERRORS as exc:
            publications = unparsed(
                _raw_publications, "PublicChallenge.publications", exc
            )

        _raw_created = d.pop("created", MISSING)
        try:
            if _raw_created is MISSING:
                raise KeyError("created")
            created = _parse_datetime(_raw_created)

        except PARSE_ERRORS as exc:
            created = unparsed(_raw_created, "PublicChallenge.created", exc)

        _raw_modified = d.pop("modified", MISSING)
        try:
            if _raw_modified is MISSING:
                raise KeyError("modified")
            modified = _parse_datetime(_raw_modified)

        except PARSE_ERRORS as exc:
            modified = unparsed(_raw_modified, "PublicChallenge.modified", exc)

        _raw_incentives = d.pop("incentives", MISSING)
        try:
            if _raw_incentives is MISSING:
                raise KeyError("incentives")
            incentives = cast(list[str], _raw_incentives)

        except PARSE_ERRORS as exc:
            incentives = unparsed(_raw_incentives, "PublicChallenge.incentives", exc)

        _raw_title = d.pop("title", UNSET)
        try:
            title = _raw_title
        except PARSE_ERRORS as exc:
            title = unparsed(_raw_title, "PublicChallenge.title", exc)

        _raw_description = d.pop("description", UNSET)
        try:
            description = _raw_description
        except PARSE_ERRORS as exc:
            description = unparsed(_raw_description, "PublicChallenge.description", exc)

        _raw_logo = d.pop("logo", UNSET)
        try:
            logo = _raw_logo
        except PARSE_ERRORS as exc:
            logo = unparsed(_raw_logo, "PublicChallenge.logo", exc)

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

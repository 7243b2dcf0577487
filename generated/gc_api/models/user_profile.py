from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.blank_enum import BlankEnum, check_blank_enum
from ..models.location_enum import LocationEnum, check_location_enum
from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed

if TYPE_CHECKING:
    from ..models.user import User


T = TypeVar("T", bound="UserProfile")


@_attrs_define
class UserProfile:
    user: User
    institution: str
    department: str
    location: BlankEnum | LocationEnum
    mugshot: str = ""
    website: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.user, Missing):
            user = self.user.to_dict()
        else:
            user = MISSING

        if not isinstance(self.mugshot, Missing):
            mugshot = self.mugshot
        else:
            mugshot = MISSING

        if not isinstance(self.institution, Missing):
            institution = self.institution
        else:
            institution = MISSING

        if not isinstance(self.department, Missing):
            department = self.department
        else:
            department = MISSING

        if not isinstance(self.location, Missing):
            location: str
            if isinstance(self.location, str):
                location = self.location
            else:
                location = self.location

        else:
            location = MISSING

        website = self.website

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user": user,
                "mugshot": mugshot,
                "institution": institution,
                "department": department,
                "location": location,
            }
        )
        if website is not UNSET:
            field_dict["website"] = website

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.user import User  # noqa: PLC0415

        d = dict(src_dict)
        _raw_user = d.pop("user", MISSING)
        try:
            if _raw_user is MISSING:
                raise KeyError("user")
            user = User.from_dict(_raw_user)

        except PARSE_ERRORS as exc:
            user = unparsed(_raw_user, "UserProfile.user", exc)

        _raw_mugshot = d.pop("mugshot", MISSING)
        try:
            if _raw_mugshot is MISSING:
                raise KeyError("mugshot")
            mugshot = _raw_mugshot
        except PARSE_ERRORS as exc:
            mugshot = unparsed(_raw_mugshot, "UserProfile.mugshot", exc)

        _raw_institution = d.pop("institution", MISSING)
        try:
            if _raw_institution is MISSING:
                raise KeyError("institution")
            institution = _raw_institution
        except PARSE_ERRORS as exc:
            institution = unparsed(_raw_institution, "UserProfile.institution", exc)

        _raw_department = d.pop("department", MISSING)
        try:
            if _raw_department is MISSING:
                raise KeyError("department")
            department = _raw_department
        except PARSE_ERRORS as exc:
            department = unparsed(_raw_department, "UserProfile.department", exc)

        _raw_location = d.pop("location", MISSING)
        try:
            if _raw_location is MISSING:
                raise KeyError("location")

            def _parse_location(data: object) -> BlankEnum | LocationEnum:
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    location_type_0 = check_location_enum(data)

                    return location_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, str):
                    raise TypeError()
                location_type_1 = check_blank_enum(data)

                return location_type_1

            location = _parse_location(_raw_location)

        except PARSE_ERRORS as exc:
            location = unparsed(_raw_location, "UserProfile.location", exc)

        _raw_website = d.pop("website", UNSET)
        try:
            website = _raw_website
        except PARSE_ERRORS as exc:
            website = unparsed(_raw_website, "UserProfile.website", exc)

        user_profile = cls(
            user=user,
            mugshot=mugshot,
            institution=institution,
            department=department,
            location=location,
            website=website,
        )

        user_profile.additional_properties = d
        return user_profile

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

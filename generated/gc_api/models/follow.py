from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed

T = TypeVar("T", bound="Follow")


@_attrs_define
class Follow:
    pk: int
    flag: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.pk, Missing):
            pk = self.pk
        else:
            pk = MISSING

        flag = self.flag

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
            }
        )
        if flag is not UNSET:
            field_dict["flag"] = flag

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _raw_pk = d.pop("pk", MISSING)
        try:
            if _raw_pk is MISSING:
                raise KeyError("pk")
            pk = _raw_pk
        except PARSE_ERRORS as exc:
            pk = unparsed(_raw_pk, "Follow.pk", exc)

        _raw_flag = d.pop("flag", UNSET)
        try:
            flag = _raw_flag
        except PARSE_ERRORS as exc:
            flag = unparsed(_raw_flag, "Follow.flag", exc)

        follow = cls(
            pk=pk,
            flag=flag,
        )

        follow.additional_properties = d
        return follow

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RawImageUploadSessionRequest")


@_attrs_define
class RawImageUploadSessionRequest:
    uploads: list[str]
    archive: str | Unset = UNSET
    answer: UUID | Unset = UNSET
    interface: str | Unset = UNSET
    archive_item: UUID | Unset = UNSET
    display_set: UUID | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        uploads = self.uploads

        archive = self.archive

        answer: str | Unset = UNSET
        if not isinstance(self.answer, Unset):
            answer = str(self.answer)

        interface = self.interface

        archive_item: str | Unset = UNSET
        if not isinstance(self.archive_item, Unset):
            archive_item = str(self.archive_item)

        display_set: str | Unset = UNSET
        if not isinstance(self.display_set, Unset):
            display_set = str(self.display_set)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "uploads": uploads,
            }
        )
        if archive is not UNSET:
            field_dict["archive"] = archive
        if answer is not UNSET:
            field_dict["answer"] = answer
        if interface is not UNSET:
            field_dict["interface"] = interface
        if archive_item is not UNSET:
            field_dict["archive_item"] = archive_item
        if display_set is not UNSET:
            field_dict["display_set"] = display_set

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        uploads = cast(list[str], d.pop("uploads"))

        archive = d.pop("archive", UNSET)

        _answer = d.pop("answer", UNSET)
        answer: UUID | Unset
        if isinstance(_answer, Unset):
            answer = UNSET
        else:
            answer = UUID(_answer)

        interface = d.pop("interface", UNSET)

        _archive_item = d.pop("archive_item", UNSET)
        archive_item: UUID | Unset
        if isinstance(_archive_item, Unset):
            archive_item = UNSET
        else:
            archive_item = UUID(_archive_item)

        _display_set = d.pop("display_set", UNSET)
        display_set: UUID | Unset
        if isinstance(_display_set, Unset):
            display_set = UNSET
        else:
            display_set = UUID(_display_set)

        raw_image_upload_session_request = cls(
            uploads=uploads,
            archive=archive,
            answer=answer,
            interface=interface,
            archive_item=archive_item,
            display_set=display_set,
        )

        raw_image_upload_session_request.additional_properties = d
        return raw_image_upload_session_request

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

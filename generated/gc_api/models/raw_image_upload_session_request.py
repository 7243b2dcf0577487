from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed

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
        if not isinstance(self.uploads, Missing):
            uploads = self.uploads

        else:
            uploads = MISSING

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

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _raw_uploads = d.pop("uploads", MISSING)
        try:
            if _raw_uploads is MISSING:
                raise KeyError("uploads")
            uploads = cast(list[str], _raw_uploads)

        except PARSE_ERRORS as exc:
            uploads = unparsed(
                _raw_uploads, "RawImageUploadSessionRequest.uploads", exc
            )

        _raw_archive = d.pop("archive", UNSET)
        try:
            archive = _raw_archive
        except PARSE_ERRORS as exc:
            archive = unparsed(
                _raw_archive, "RawImageUploadSessionRequest.archive", exc
            )

        _raw_answer = d.pop("answer", UNSET)
        try:
            _answer = _raw_answer
            answer: UUID | Unset
            if isinstance(_answer, Unset):
                answer = UNSET
            else:
                answer = UUID(_answer)

        except PARSE_ERRORS as exc:
            answer = unparsed(_raw_answer, "RawImageUploadSessionRequest.answer", exc)

        _raw_interface = d.pop("interface", UNSET)
        try:
            interface = _raw_interface
        except PARSE_ERRORS as exc:
            interface = unparsed(
                _raw_interface, "RawImageUploadSessionRequest.interface", exc
            )

        _raw_archive_item = d.pop("archive_item", UNSET)
        try:
            _archive_item = _raw_archive_item
            archive_item: UUID | Unset
            if isinstance(_archive_item, Unset):
                archive_item = UNSET
            else:
                archive_item = UUID(_archive_item)

        except PARSE_ERRORS as exc:
            archive_item = unparsed(
                _raw_archive_item, "RawImageUploadSessionRequest.archive_item", exc
            )

        _raw_display_set = d.pop("display_set", UNSET)
        try:
            _display_set = _raw_display_set
            display_set: UUID | Unset
            if isinstance(_display_set, Unset):
                display_set = UNSET
            else:
                display_set = UUID(_display_set)

        except PARSE_ERRORS as exc:
            display_set = unparsed(
                _raw_display_set, "RawImageUploadSessionRequest.display_set", exc
            )

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

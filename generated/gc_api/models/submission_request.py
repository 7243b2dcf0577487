from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    MISSING,
    PARSE_ERRORS,
    UNSET,
    File,
    FileTypes,
    Missing,
    Unset,
    unparsed,
)

if TYPE_CHECKING:
    from ..models.phase_request import PhaseRequest
    from ..models.user_request import UserRequest


T = TypeVar("T", bound="SubmissionRequest")


@_attrs_define
class SubmissionRequest:
    phase: PhaseRequest
    creator: UserRequest
    comment: str | Unset = UNSET
    """ You can add a comment here to help you keep track of your submissions. """
    predictions_file: File | Unset = UNSET
    supplementary_file: File | Unset = UNSET
    supplementary_url: str | Unset = UNSET
    """ A URL associated with this submission. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.phase, Missing):
            phase = self.phase.to_dict()
        else:
            phase = MISSING

        if not isinstance(self.creator, Missing):
            creator = self.creator.to_dict()
        else:
            creator = MISSING

        comment = self.comment

        predictions_file: FileTypes | Unset = UNSET
        if not isinstance(self.predictions_file, Unset):
            predictions_file = self.predictions_file.to_tuple()

        supplementary_file: FileTypes | Unset = UNSET
        if not isinstance(self.supplementary_file, Unset):
            supplementary_file = self.supplementary_file.to_tuple()

        supplementary_url = self.supplementary_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "phase": phase,
                "creator": creator,
            }
        )
        if comment is not UNSET:
            field_dict["comment"] = comment
        if predictions_file is not UNSET:
            field_dict["predictions_file"] = predictions_file
        if supplementary_file is not UNSET:
            field_dict["supplementary_file"] = supplementary_file
        if supplementary_url is not UNSET:
            field_dict["supplementary_url"] = supplementary_url

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.phase_request import PhaseRequest  # noqa: PLC0415
        from ..models.user_request import UserRequest  # noqa: PLC0415

        d = dict(src_dict)
        _raw_phase = d.pop("phase", MISSING)
        try:
            if _raw_phase is MISSING:
                raise KeyError("phase")
            phase = PhaseRequest.from_dict(_raw_phase)

        except PARSE_ERRORS as exc:
            phase = unparsed(_raw_phase, "SubmissionRequest.phase", exc)

        _raw_creator = d.pop("creator", MISSING)
        try:
            if _raw_creator is MISSING:
                raise KeyError("creator")
            creator = UserRequest.from_dict(_raw_creator)

        except PARSE_ERRORS as exc:
            creator = unparsed(_raw_creator, "SubmissionRequest.creator", exc)

        _raw_comment = d.pop("comment", UNSET)
        try:
            comment = _raw_comment
        except PARSE_ERRORS as exc:
            comment = unparsed(_raw_comment, "SubmissionRequest.comment", exc)

        _raw_predictions_file = d.pop("predictions_file", UNSET)
        try:
            _predictions_file = _raw_predictions_file
            predictions_file: File | Unset
            if isinstance(_predictions_file, Unset):
                predictions_file = UNSET
            else:
                predictions_file = File(payload=BytesIO(_predictions_file))

        except PARSE_ERRORS as exc:
            predictions_file = unparsed(
                _raw_predictions_file, "SubmissionRequest.predictions_file", exc
            )

        _raw_supplementary_file = d.pop("supplementary_file", UNSET)
        try:
            _supplementary_file = _raw_supplementary_file
            supplementary_file: File | Unset
            if isinstance(_supplementary_file, Unset):
                supplementary_file = UNSET
            else:
                supplementary_file = File(payload=BytesIO(_supplementary_file))

        except PARSE_ERRORS as exc:
            supplementary_file = unparsed(
                _raw_supplementary_file, "SubmissionRequest.supplementary_file", exc
            )

        _raw_supplementary_url = d.pop("supplementary_url", UNSET)
        try:
            supplementary_url = _raw_supplementary_url
        except PARSE_ERRORS as exc:
            supplementary_url = unparsed(
                _raw_supplementary_url, "SubmissionRequest.supplementary_url", exc
            )

        submission_request = cls(
            phase=phase,
            creator=creator,
            comment=comment,
            predictions_file=predictions_file,
            supplementary_file=supplementary_file,
            supplementary_url=supplementary_url,
        )

        submission_request.additional_properties = d
        return submission_request

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

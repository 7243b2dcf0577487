from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, File, FileTypes, Unset

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
        phase = self.phase.to_dict()

        creator = self.creator.to_dict()

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.phase_request import PhaseRequest  # noqa: PLC0415
        from ..models.user_request import UserRequest  # noqa: PLC0415

        d = dict(src_dict)
        phase = PhaseRequest.from_dict(d.pop("phase"))

        creator = UserRequest.from_dict(d.pop("creator"))

        comment = d.pop("comment", UNSET)

        _predictions_file = d.pop("predictions_file", UNSET)
        predictions_file: File | Unset
        if isinstance(_predictions_file, Unset):
            predictions_file = UNSET
        else:
            predictions_file = File(payload=BytesIO(_predictions_file))

        _supplementary_file = d.pop("supplementary_file", UNSET)
        supplementary_file: File | Unset
        if isinstance(_supplementary_file, Unset):
            supplementary_file = UNSET
        else:
            supplementary_file = File(payload=BytesIO(_supplementary_file))

        supplementary_url = d.pop("supplementary_url", UNSET)

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

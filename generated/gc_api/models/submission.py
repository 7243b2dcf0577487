from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed
from ..types import parse_datetime as _parse_datetime

if TYPE_CHECKING:
    from ..models.phase import Phase
    from ..models.user import User


T = TypeVar("T", bound="Submission")


@_attrs_define
class Submission:
    pk: UUID
    phase: Phase
    created: datetime.datetime
    creator: User
    algorithm_image: str
    comment: str | Unset = UNSET
    """ You can add a comment here to help you keep track of your submissions. """
    predictions_file: None | str | Unset = UNSET
    supplementary_file: None | str | Unset = UNSET
    supplementary_url: str | Unset = UNSET
    """ A URL associated with this submission. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.pk, Missing):
            pk = str(self.pk)
        else:
            pk = MISSING

        if not isinstance(self.phase, Missing):
            phase = self.phase.to_dict()
        else:
            phase = MISSING

        if not isinstance(self.created, Missing):
            created = self.created.isoformat()
        else:
            created = MISSING

        if not isinstance(self.creator, Missing):
            creator = self.creator.to_dict()
        else:
            creator = MISSING

        if not isinstance(self.algorithm_image, Missing):
            algorithm_image = self.algorithm_image
        else:
            algorithm_image = MISSING

        comment = self.comment

        predictions_file: None | str | Unset
        if isinstance(self.predictions_file, Unset):
            predictions_file = UNSET
        else:
            predictions_file = self.predictions_file

        supplementary_file: None | str | Unset
        if isinstance(self.supplementary_file, Unset):
            supplementary_file = UNSET
        else:
            supplementary_file = self.supplementary_file

        supplementary_url = self.supplementary_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "phase": phase,
                "created": created,
                "creator": creator,
                "algorithm_image": algorithm_image,
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
        from ..models.phase import Phase  # noqa: PLC0415
        from ..models.user import User  # noqa: PLC0415

        d = dict(src_dict)
        _raw_pk = d.pop("pk", MISSING)
        try:
            if _raw_pk is MISSING:
                raise KeyError("pk")
            pk = UUID(_raw_pk)

        except PARSE_ERRORS as exc:
            pk = unparsed(_raw_pk, "Submission.pk", exc)

        _raw_phase = d.pop("phase", MISSING)
        try:
            if _raw_phase is MISSING:
                raise KeyError("phase")
            phase = Phase.from_dict(_raw_phase)

        except PARSE_ERRORS as exc:
            phase = unparsed(_raw_phase, "Submission.phase", exc)

        _raw_created = d.pop("created", MISSING)
        try:
            if _raw_created is MISSING:
                raise KeyError("created")
            created = _parse_datetime(_raw_created)

        except PARSE_ERRORS as exc:
            created = unparsed(_raw_created, "Submission.created", exc)

        _raw_creator = d.pop("creator", MISSING)
        try:
            if _raw_creator is MISSING:
                raise KeyError("creator")
            creator = User.from_dict(_raw_creator)

        except PARSE_ERRORS as exc:
            creator = unparsed(_raw_creator, "Submission.creator", exc)

        _raw_algorithm_image = d.pop("algorithm_image", MISSING)
        try:
            if _raw_algorithm_image is MISSING:
                raise KeyError("algorithm_image")
            algorithm_image = _raw_algorithm_image
        except PARSE_ERRORS as exc:
            algorithm_image = unparsed(
                _raw_algorithm_image, "Submission.algorithm_image", exc
            )

        _raw_comment = d.pop("comment", UNSET)
        try:
            comment = _raw_comment
        except PARSE_ERRORS as exc:
            comment = unparsed(_raw_comment, "Submission.comment", exc)

        _raw_predictions_file = d.pop("predictions_file", UNSET)
        try:

            def _parse_predictions_file(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            predictions_file = _parse_predictions_file(_raw_predictions_file)

        except PARSE_ERRORS as exc:
            predictions_file = unparsed(
                _raw_predictions_file, "Submission.predictions_file", exc
            )

        _raw_supplementary_file = d.pop("supplementary_file", UNSET)
        try:

            def _parse_supplementary_file(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            supplementary_file = _parse_supplementary_file(_raw_supplementary_file)

        except PARSE_ERRORS as exc:
            supplementary_file = unparsed(
                _raw_supplementary_file, "Submission.supplementary_file", exc
            )

        _raw_supplementary_url = d.pop("supplementary_url", UNSET)
        try:
            supplementary_url = _raw_supplementary_url
        except PARSE_ERRORS as exc:
            supplementary_url = unparsed(
                _raw_supplementary_url, "Submission.supplementary_url", exc
            )

        submission = cls(
            pk=pk,
            phase=phase,
            created=created,
            creator=creator,
            algorithm_image=algorithm_image,
            comment=comment,
            predictions_file=predictions_file,
            supplementary_file=supplementary_file,
            supplementary_url=supplementary_url,
        )

        submission.additional_properties = d
        return submission

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

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

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
    predictions_file: str | Unset = UNSET
    supplementary_file: str | Unset = UNSET
    supplementary_url: str | Unset = UNSET
    """ A URL associated with this submission. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pk = str(self.pk)

        phase = self.phase.to_dict()

        created = self.created.isoformat()

        creator = self.creator.to_dict()

        algorithm_image = self.algorithm_image

        comment = self.comment

        predictions_file = self.predictions_file

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.phase import Phase  # noqa: PLC0415
        from ..models.user import User  # noqa: PLC0415

        d = dict(src_dict)
        pk = UUID(d.pop("pk"))

        phase = Phase.from_dict(d.pop("phase"))

        created = datetime.datetime.fromisoformat(d.pop("created"))

        creator = User.from_dict(d.pop("creator"))

        algorithm_image = d.pop("algorithm_image")

        comment = d.pop("comment", UNSET)

        predictions_file = d.pop("predictions_file", UNSET)

        supplementary_file = d.pop("supplementary_file", UNSET)

        supplementary_url = d.pop("supplementary_url", UNSET)

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

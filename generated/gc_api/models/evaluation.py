from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.component_interface_value import ComponentInterfaceValue
    from ..models.submission import Submission


T = TypeVar("T", bound="Evaluation")


@_attrs_define
class Evaluation:
    pk: UUID
    submission: Submission
    created: datetime.datetime
    outputs: list[ComponentInterfaceValue]
    status: str
    title: str
    exec_duration: None | str
    invoke_duration: None | str
    method: None | Unset | UUID = UNSET
    published: bool | Unset = UNSET
    rank: int | Unset = UNSET
    """ The position of this result on the leaderboard. If the value is zero, then the result is unranked. """
    rank_score: float | Unset = UNSET
    rank_per_metric: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        pk = str(self.pk)

        submission = self.submission.to_dict()

        created = self.created.isoformat()

        outputs = []
        for outputs_item_data in self.outputs:
            outputs_item = outputs_item_data.to_dict()
            outputs.append(outputs_item)

        status = self.status

        title = self.title

        exec_duration: None | str
        exec_duration = self.exec_duration

        invoke_duration: None | str
        invoke_duration = self.invoke_duration

        method: None | str | Unset
        if isinstance(self.method, Unset):
            method = UNSET
        elif isinstance(self.method, UUID):
            method = str(self.method)
        else:
            method = self.method

        published = self.published

        rank = self.rank

        rank_score = self.rank_score

        rank_per_metric = self.rank_per_metric

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "submission": submission,
                "created": created,
                "outputs": outputs,
                "status": status,
                "title": title,
                "exec_duration": exec_duration,
                "invoke_duration": invoke_duration,
            }
        )
        if method is not UNSET:
            field_dict["method"] = method
        if published is not UNSET:
            field_dict["published"] = published
        if rank is not UNSET:
            field_dict["rank"] = rank
        if rank_score is not UNSET:
            field_dict["rank_score"] = rank_score
        if rank_per_metric is not UNSET:
            field_dict["rank_per_metric"] = rank_per_metric

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.component_interface_value import ComponentInterfaceValue  # noqa: PLC0415
        from ..models.submission import Submission  # noqa: PLC0415

        d = dict(src_dict)
        pk = UUID(d.pop("pk"))

        submission = Submission.from_dict(d.pop("submission"))

        created = datetime.datetime.fromisoformat(d.pop("created"))

        outputs = []
        _outputs = d.pop("outputs")
        for outputs_item_data in _outputs:
            outputs_item = ComponentInterfaceValue.from_dict(outputs_item_data)

            outputs.append(outputs_item)

        status = d.pop("status")

        title = d.pop("title")

        def _parse_exec_duration(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        exec_duration = _parse_exec_duration(d.pop("exec_duration"))

        def _parse_invoke_duration(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        invoke_duration = _parse_invoke_duration(d.pop("invoke_duration"))

        def _parse_method(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                method_type_0 = UUID(data)

                return method_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        method = _parse_method(d.pop("method", UNSET))

        published = d.pop("published", UNSET)

        rank = d.pop("rank", UNSET)

        rank_score = d.pop("rank_score", UNSET)

        rank_per_metric = d.pop("rank_per_metric", UNSET)

        evaluation = cls(
            pk=pk,
            submission=submission,
            created=created,
            outputs=outputs,
            status=status,
            title=title,
            exec_duration=exec_duration,
            invoke_duration=invoke_duration,
            method=method,
            published=published,
            rank=rank,
            rank_score=rank_score,
            rank_per_metric=rank_per_metric,
        )

        evaluation.additional_properties = d
        return evaluation

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

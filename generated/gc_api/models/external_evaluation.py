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
    from ..models.component_interface_value import ComponentInterfaceValue
    from ..models.external_evaluation_algorithm_image import (
        ExternalEvaluationAlgorithmImage,
    )
    from ..models.external_evaluation_algorithm_model_type_0 import (
        ExternalEvaluationAlgorithmModelType0,
    )
    from ..models.submission import Submission


T = TypeVar("T", bound="ExternalEvaluation")


@_attrs_define
class ExternalEvaluation:
    pk: UUID
    submission: Submission
    created: datetime.datetime
    outputs: list[ComponentInterfaceValue]
    status: str
    title: str
    exec_duration: None | str
    invoke_duration: None | str
    algorithm_model: ExternalEvaluationAlgorithmModelType0 | None
    algorithm_image: ExternalEvaluationAlgorithmImage
    phase_pk: str
    method: None | Unset | UUID = UNSET
    published: bool | Unset = UNSET
    rank: int | Unset = UNSET
    """ The position of this result on the leaderboard. If the value is zero, then the result is unranked. """
    rank_score: float | Unset = UNSET
    rank_per_metric: Any | Unset = UNSET
    claimed_by: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.external_evaluation_algorithm_model_type_0 import (
            ExternalEvaluationAlgorithmModelType0,  # noqa: PLC0415
        )

        if not isinstance(self.pk, Missing):
            pk = str(self.pk)
        else:
            pk = MISSING

        if not isinstance(self.submission, Missing):
            submission = self.submission.to_dict()
        else:
            submission = MISSING

        if not isinstance(self.created, Missing):
            created = self.created.isoformat()
        else:
            created = MISSING

        if not isinstance(self.outputs, Missing):
            outputs = []
            for outputs_item_data in self.outputs:
                outputs_item = outputs_item_data.to_dict()
                outputs.append(outputs_item)

        else:
            outputs = MISSING

        if not isinstance(self.status, Missing):
            status = self.status
        else:
            status = MISSING

        if not isinstance(self.title, Missing):
            title = self.title
        else:
            title = MISSING

        if not isinstance(self.exec_duration, Missing):
            exec_duration: None | str
            exec_duration = self.exec_duration
        else:
            exec_duration = MISSING

        if not isinstance(self.invoke_duration, Missing):
            invoke_duration: None | str
            invoke_duration = self.invoke_duration
        else:
            invoke_duration = MISSING

        if not isinstance(self.algorithm_model, Missing):
            algorithm_model: dict[str, Any] | None
            if isinstance(self.algorithm_model, ExternalEvaluationAlgorithmModelType0):
                algorithm_model = self.algorithm_model.to_dict()
            else:
                algorithm_model = self.algorithm_model
        else:
            algorithm_model = MISSING

        if not isinstance(self.algorithm_image, Missing):
            algorithm_image = self.algorithm_image.to_dict()
        else:
            algorithm_image = MISSING

        if not isinstance(self.phase_pk, Missing):
            phase_pk = self.phase_pk
        else:
            phase_pk = MISSING

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

        claimed_by: int | None | Unset
        if isinstance(self.claimed_by, Unset):
            claimed_by = UNSET
        else:
            claimed_by = self.claimed_by

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
                "algorithm_model": algorithm_model,
                "algorithm_image": algorithm_image,
                "phase_pk": phase_pk,
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
        if claimed_by is not UNSET:
            field_dict["claimed_by"] = claimed_by

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.component_interface_value import ComponentInterfaceValue  # noqa: PLC0415
        from ..models.external_evaluation_algorithm_image import (
            ExternalEvaluationAlgorithmImage,  # noqa: PLC0415
        )
        from ..models.external_evaluation_algorithm_model_type_0 import (
            ExternalEvaluationAlgorithmModelType0,  # noqa: PLC0415
        )
        from ..models.submission import Submission  # noqa: PLC0415

        d = dict(src_dict)
        _raw_pk = d.pop("pk", MISSING)
        try:
            if _raw_pk is MISSING:
                raise KeyError("pk")
            pk = UUID(_raw_pk)

        except PARSE_ERRORS as exc:
            pk = unparsed(_raw_pk, "ExternalEvaluation.pk", exc)

        _raw_submission = d.pop("submission", MISSING)
        try:
            if _raw_submission is MISSING:
                raise KeyError("submission")
            submission = Submission.from_dict(_raw_submission)

        except PARSE_ERRORS as exc:
            submission = unparsed(_raw_submission, "ExternalEvaluation.submission", exc)

        _raw_created = d.pop("created", MISSING)
        try:
            if _raw_created is MISSING:
                raise KeyError("created")
            created = _parse_datetime(_raw_created)

        except PARSE_ERRORS as exc:
            created = unparsed(_raw_created, "ExternalEvaluation.created", exc)

        _raw_outputs = d.pop("outputs", MISSING)
        try:
            if _raw_outputs is MISSING:
                raise KeyError("outputs")
            outputs = []
            _outputs = _raw_outputs
            for outputs_item_data in _outputs:
                outputs_item = ComponentInterfaceValue.from_dict(outputs_item_data)

                outputs.append(outputs_item)

        except PARSE_ERRORS as exc:
            outputs = unparsed(_raw_outputs, "ExternalEvaluation.outputs", exc)

        _raw_status = d.pop("status", MISSING)
        try:
            if _raw_status is MISSING:
                raise KeyError("status")
            status = _raw_status
        except PARSE_ERRORS as exc:
            status = unparsed(_raw_status, "ExternalEvaluation.status", exc)

        _raw_title = d.pop("title", MISSING)
        try:
            if _raw_title is MISSING:
                raise KeyError("title")
            title = _raw_title
        except PARSE_ERRORS as exc:
            title = unparsed(_raw_title, "ExternalEvaluation.title", exc)

        _raw_exec_duration = d.pop("exec_duration", MISSING)
        try:
            if _raw_exec_duration is MISSING:
                raise KeyError("exec_duration")

            def _parse_exec_duration(data: object) -> None | str:
                if data is None:
                    return data
                return cast(None | str, data)

            exec_duration = _parse_exec_duration(_raw_exec_duration)

        except PARSE_ERRORS as exc:
            exec_duration = unparsed(
                _raw_exec_duration, "ExternalEvaluation.exec_duration", exc
            )

        _raw_invoke_duration = d.pop("invoke_duration", MISSING)
        try:
            if _raw_invoke_duration is MISSING:
                raise KeyError("invoke_duration")

            def _parse_invoke_duration(data: object) -> None | str:
                if data is None:
                    return data
                return cast(None | str, data)

            invoke_duration = _parse_invoke_duration(_raw_invoke_duration)

        except PARSE_ERRORS as exc:
            invoke_duration = unparsed(
                _raw_invoke_duration, "ExternalEvaluation.invoke_duration", exc
            )

        _raw_algorithm_model = d.pop("algorithm_model", MISSING)
        try:
            if _raw_algorithm_model is MISSING:
                raise KeyError("algorithm_model")

            def _parse_algorithm_model(
                data: object,
            ) -> ExternalEvaluationAlgorithmModelType0 | None:
                if data is None:
                    return data
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    algorithm_model_type_0 = (
                        ExternalEvaluationAlgorithmModelType0.from_dict(data)
                    )

                    return algorithm_model_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(ExternalEvaluationAlgorithmModelType0 | None, data)

            algorithm_model = _parse_algorithm_model(_raw_algorithm_model)

        except PARSE_ERRORS as exc:
            algorithm_model = unparsed(
                _raw_algorithm_model, "ExternalEvaluation.algorithm_model", exc
            )

        _raw_algorithm_image = d.pop("algorithm_image", MISSING)
        try:
            if _raw_algorithm_image is MISSING:
                raise KeyError("algorithm_image")
            algorithm_image = ExternalEvaluationAlgorithmImage.from_dict(
                _raw_algorithm_image
            )

        except PARSE_ERRORS as exc:
            algorithm_image = unparsed(
                _raw_algorithm_image, "ExternalEvaluation.algorithm_image", exc
            )

        _raw_phase_pk = d.pop("phase_pk", MISSING)
        try:
            if _raw_phase_pk is MISSING:
                raise KeyError("phase_pk")
            phase_pk = _raw_phase_pk
        except PARSE_ERRORS as exc:
            phase_pk = unparsed(_raw_phase_pk, "ExternalEvaluation.phase_pk", exc)

        _raw_method = d.pop("method", UNSET)
        try:

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

            method = _parse_method(_raw_method)

        except PARSE_ERRORS as exc:
            method = unparsed(_raw_method, "ExternalEvaluation.method", exc)

        _raw_published = d.pop("published", UNSET)
        try:
            published = _raw_published
        except PARSE_ERRORS as exc:
            published = unparsed(_raw_published, "ExternalEvaluation.published", exc)

        _raw_rank = d.pop("rank", UNSET)
        try:
            rank = _raw_rank
        except PARSE_ERRORS as exc:
            rank = unparsed(_raw_rank, "ExternalEvaluation.rank", exc)

        _raw_rank_score = d.pop("rank_score", UNSET)
        try:
            rank_score = _raw_rank_score
        except PARSE_ERRORS as exc:
            rank_score = unparsed(_raw_rank_score, "ExternalEvaluation.rank_score", exc)

        _raw_rank_per_metric = d.pop("rank_per_metric", UNSET)
        try:
            rank_per_metric = _raw_rank_per_metric
        except PARSE_ERRORS as exc:
            rank_per_metric = unparsed(
                _raw_rank_per_metric, "ExternalEvaluation.rank_per_metric", exc
            )

        _raw_claimed_by = d.pop("claimed_by", UNSET)
        try:

            def _parse_claimed_by(data: object) -> int | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(int | None | Unset, data)

            claimed_by = _parse_claimed_by(_raw_claimed_by)

        except PARSE_ERRORS as exc:
            claimed_by = unparsed(_raw_claimed_by, "ExternalEvaluation.claimed_by", exc)

        external_evaluation = cls(
            pk=pk,
            submission=submission,
            created=created,
            outputs=outputs,
            status=status,
            title=title,
            exec_duration=exec_duration,
            invoke_duration=invoke_duration,
            algorithm_model=algorithm_model,
            algorithm_image=algorithm_image,
            phase_pk=phase_pk,
            method=method,
            published=published,
            rank=rank,
            rank_score=rank_score,
            rank_per_metric=rank_per_metric,
            claimed_by=claimed_by,
        )

        external_evaluation.additional_properties = d
        return external_evaluation

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Unset, unparsed

if TYPE_CHECKING:
    from ..models.submission_request import SubmissionRequest


T = TypeVar("T", bound="PatchedExternalEvaluationRequest")


@_attrs_define
class PatchedExternalEvaluationRequest:
    method: None | Unset | UUID = UNSET
    submission: SubmissionRequest | Unset = UNSET
    published: bool | Unset = UNSET
    rank: int | Unset = UNSET
    """ The position of this result on the leaderboard. If the value is zero, then the result is unranked. """
    rank_score: float | Unset = UNSET
    rank_per_metric: Any | Unset = UNSET
    claimed_by: int | None | Unset = UNSET
    phase_pk: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        method: None | str | Unset
        if isinstance(self.method, Unset):
            method = UNSET
        elif isinstance(self.method, UUID):
            method = str(self.method)
        else:
            method = self.method

        submission: dict[str, Any] | Unset = UNSET
        if not isinstance(self.submission, Unset):
            submission = self.submission.to_dict()

        published = self.published

        rank = self.rank

        rank_score = self.rank_score

        rank_per_metric = self.rank_per_metric

        claimed_by: int | None | Unset
        if isinstance(self.claimed_by, Unset):
            claimed_by = UNSET
        else:
            claimed_by = self.claimed_by

        phase_pk = self.phase_pk

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if method is not UNSET:
            field_dict["method"] = method
        if submission is not UNSET:
            field_dict["submission"] = submission
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
        if phase_pk is not UNSET:
            field_dict["phase_pk"] = phase_pk

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.submission_request import SubmissionRequest  # noqa: PLC0415

        d = dict(src_dict)
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
            method = unparsed(
                _raw_method, "PatchedExternalEvaluationRequest.method", exc
            )

        _raw_submission = d.pop("submission", UNSET)
        try:
            _submission = _raw_submission
            submission: SubmissionRequest | Unset
            if isinstance(_submission, Unset):
                submission = UNSET
            else:
                submission = SubmissionRequest.from_dict(_submission)

        except PARSE_ERRORS as exc:
            submission = unparsed(
                _raw_submission, "PatchedExternalEvaluationRequest.submission", exc
            )

        _raw_published = d.pop("published", UNSET)
        try:
            published = _raw_published
        except PARSE_ERRORS as exc:
            published = unparsed(
                _raw_published, "PatchedExternalEvaluationRequest.published", exc
            )

        _raw_rank = d.pop("rank", UNSET)
        try:
            rank = _raw_rank
        except PARSE_ERRORS as exc:
            rank = unparsed(_raw_rank, "PatchedExternalEvaluationRequest.rank", exc)

        _raw_rank_score = d.pop("rank_score", UNSET)
        try:
            rank_score = _raw_rank_score
        except PARSE_ERRORS as exc:
            rank_score = unparsed(
                _raw_rank_score, "PatchedExternalEvaluationRequest.rank_score", exc
            )

        _raw_rank_per_metric = d.pop("rank_per_metric", UNSET)
        try:
            rank_per_metric = _raw_rank_per_metric
        except PARSE_ERRORS as exc:
            rank_per_metric = unparsed(
                _raw_rank_per_metric,
                "PatchedExternalEvaluationRequest.rank_per_metric",
                exc,
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
            claimed_by = unparsed(
                _raw_claimed_by, "PatchedExternalEvaluationRequest.claimed_by", exc
            )

        _raw_phase_pk = d.pop("phase_pk", UNSET)
        try:
            phase_pk = _raw_phase_pk
        except PARSE_ERRORS as exc:
            phase_pk = unparsed(
                _raw_phase_pk, "PatchedExternalEvaluationRequest.phase_pk", exc
            )

        patched_external_evaluation_request = cls(
            method=method,
            submission=submission,
            published=published,
            rank=rank,
            rank_score=rank_score,
            rank_per_metric=rank_per_metric,
            claimed_by=claimed_by,
            phase_pk=phase_pk,
        )

        patched_external_evaluation_request.additional_properties = d
        return patched_external_evaluation_request

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

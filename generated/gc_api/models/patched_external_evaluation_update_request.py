from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status_enum import StatusEnum, check_status_enum
from ..types import MISSING, PARSE_ERRORS, UNSET, Unset, unparsed

T = TypeVar("T", bound="PatchedExternalEvaluationUpdateRequest")


@_attrs_define
class PatchedExternalEvaluationUpdateRequest:
    metrics: Any | Unset = UNSET
    status: StatusEnum | Unset = UNSET
    """ * `Succeeded` - Succeeded
    * `Failed` - Failed """
    error_message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        metrics = self.metrics

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status

        error_message = self.error_message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if metrics is not UNSET:
            field_dict["metrics"] = metrics
        if status is not UNSET:
            field_dict["status"] = status
        if error_message is not UNSET:
            field_dict["error_message"] = error_message

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _raw_metrics = d.pop("metrics", UNSET)
        try:
            metrics = _raw_metrics
        except PARSE_ERRORS as exc:
            metrics = unparsed(
                _raw_metrics, "PatchedExternalEvaluationUpdateRequest.metrics", exc
            )

        _raw_status = d.pop("status", UNSET)
        try:
            _status = _raw_status
            status: StatusEnum | Unset
            if isinstance(_status, Unset):
                status = UNSET
            else:
                status = check_status_enum(_status)

        except PARSE_ERRORS as exc:
            status = unparsed(
                _raw_status, "PatchedExternalEvaluationUpdateRequest.status", exc
            )

        _raw_error_message = d.pop("error_message", UNSET)
        try:
            error_message = _raw_error_message
        except PARSE_ERRORS as exc:
            error_message = unparsed(
                _raw_error_message,
                "PatchedExternalEvaluationUpdateRequest.error_message",
                exc,
            )

        patched_external_evaluation_update_request = cls(
            metrics=metrics,
            status=status,
            error_message=error_message,
        )

        patched_external_evaluation_update_request.additional_properties = d
        return patched_external_evaluation_update_request

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

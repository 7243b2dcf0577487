from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status_enum import StatusEnum, check_status_enum
from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed

T = TypeVar("T", bound="ExternalEvaluationUpdate")


@_attrs_define
class ExternalEvaluationUpdate:
    status: StatusEnum
    """ * `Succeeded` - Succeeded
    * `Failed` - Failed """
    metrics: Any | Unset = UNSET
    error_message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.status, Missing):
            status: str = self.status
        else:
            status = MISSING

        metrics = self.metrics

        error_message = self.error_message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if metrics is not UNSET:
            field_dict["metrics"] = metrics
        if error_message is not UNSET:
            field_dict["error_message"] = error_message

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _raw_status = d.pop("status", MISSING)
        try:
            if _raw_status is MISSING:
                raise KeyError("status")
            status = check_status_enum(_raw_status)

        except PARSE_ERRORS as exc:
            status = unparsed(_raw_status, "ExternalEvaluationUpdate.status", exc)

        _raw_metrics = d.pop("metrics", UNSET)
        try:
            metrics = _raw_metrics
        except PARSE_ERRORS as exc:
            metrics = unparsed(_raw_metrics, "ExternalEvaluationUpdate.metrics", exc)

        _raw_error_message = d.pop("error_message", UNSET)
        try:
            error_message = _raw_error_message
        except PARSE_ERRORS as exc:
            error_message = unparsed(
                _raw_error_message, "ExternalEvaluationUpdate.error_message", exc
            )

        external_evaluation_update = cls(
            status=status,
            metrics=metrics,
            error_message=error_message,
        )

        external_evaluation_update.additional_properties = d
        return external_evaluation_update

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status_enum import StatusEnum, check_status_enum
from ..types import UNSET, Unset

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        metrics = d.pop("metrics", UNSET)

        _status = d.pop("status", UNSET)
        status: StatusEnum | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = check_status_enum(_status)

        error_message = d.pop("error_message", UNSET)

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

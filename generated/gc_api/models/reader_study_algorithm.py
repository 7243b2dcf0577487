from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, Missing, unparsed

if TYPE_CHECKING:
    from ..models.algorithm_interface import AlgorithmInterface


T = TypeVar("T", bound="ReaderStudyAlgorithm")


@_attrs_define
class ReaderStudyAlgorithm:
    interfaces: list[AlgorithmInterface]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.interfaces, Missing):
            interfaces = []
            for interfaces_item_data in self.interfaces:
                interfaces_item = interfaces_item_data.to_dict()
                interfaces.append(interfaces_item)

        else:
            interfaces = MISSING

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "interfaces": interfaces,
            }
        )

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.algorithm_interface import AlgorithmInterface  # noqa: PLC0415

        d = dict(src_dict)
        _raw_interfaces = d.pop("interfaces", MISSING)
        try:
            if _raw_interfaces is MISSING:
                raise KeyError("interfaces")
            interfaces = []
            _interfaces = _raw_interfaces
            for interfaces_item_data in _interfaces:
                interfaces_item = AlgorithmInterface.from_dict(interfaces_item_data)

                interfaces.append(interfaces_item)

        except PARSE_ERRORS as exc:
            interfaces = unparsed(
                _raw_interfaces, "ReaderStudyAlgorithm.interfaces", exc
            )

        reader_study_algorithm = cls(
            interfaces=interfaces,
        )

        reader_study_algorithm.additional_properties = d
        return reader_study_algorithm

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

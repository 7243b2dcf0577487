from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, Missing, unparsed

if TYPE_CHECKING:
    from ..models.reader_study_algorithm import ReaderStudyAlgorithm


T = TypeVar("T", bound="ReaderStudyAlgorithmImplementation")


@_attrs_define
class ReaderStudyAlgorithmImplementation:
    algorithm: str
    reader_study_algorithm: ReaderStudyAlgorithm
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.algorithm, Missing):
            algorithm = self.algorithm
        else:
            algorithm = MISSING

        if not isinstance(self.reader_study_algorithm, Missing):
            reader_study_algorithm = self.reader_study_algorithm.to_dict()
        else:
            reader_study_algorithm = MISSING

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "algorithm": algorithm,
                "reader_study_algorithm": reader_study_algorithm,
            }
        )

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.reader_study_algorithm import ReaderStudyAlgorithm  # noqa: PLC0415

        d = dict(src_dict)
        _raw_algorithm = d.pop("algorithm", MISSING)
        try:
            if _raw_algorithm is MISSING:
                raise KeyError("algorithm")
            algorithm = _raw_algorithm
        except PARSE_ERRORS as exc:
            algorithm = unparsed(
                _raw_algorithm, "ReaderStudyAlgorithmImplementation.algorithm", exc
            )

        _raw_reader_study_algorithm = d.pop("reader_study_algorithm", MISSING)
        try:
            if _raw_reader_study_algorithm is MISSING:
                raise KeyError("reader_study_algorithm")
            reader_study_algorithm = ReaderStudyAlgorithm.from_dict(
                _raw_reader_study_algorithm
            )

        except PARSE_ERRORS as exc:
            reader_study_algorithm = unparsed(
                _raw_reader_study_algorithm,
                "ReaderStudyAlgorithmImplementation.reader_study_algorithm",
                exc,
            )

        reader_study_algorithm_implementation = cls(
            algorithm=algorithm,
            reader_study_algorithm=reader_study_algorithm,
        )

        reader_study_algorithm_implementation.additional_properties = d
        return reader_study_algorithm_implementation

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

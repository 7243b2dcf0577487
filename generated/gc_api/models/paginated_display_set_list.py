from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed

if TYPE_CHECKING:
    from ..models.display_set import DisplaySet


T = TypeVar("T", bound="PaginatedDisplaySetList")


@_attrs_define
class PaginatedDisplaySetList:
    count: int
    results: list[DisplaySet]
    next_: None | str | Unset = UNSET
    previous: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.count, Missing):
            count = self.count
        else:
            count = MISSING

        if not isinstance(self.results, Missing):
            results = []
            for results_item_data in self.results:
                results_item = results_item_data.to_dict()
                results.append(results_item)

        else:
            results = MISSING

        next_: None | str | Unset
        if isinstance(self.next_, Unset):
            next_ = UNSET
        else:
            next_ = self.next_

        previous: None | str | Unset
        if isinstance(self.previous, Unset):
            previous = UNSET
        else:
            previous = self.previous

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "results": results,
            }
        )
        if next_ is not UNSET:
            field_dict["next"] = next_
        if previous is not UNSET:
            field_dict["previous"] = previous

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.display_set import DisplaySet  # noqa: PLC0415

        d = dict(src_dict)
        _raw_count = d.pop("count", MISSING)
        try:
            if _raw_count is MISSING:
                raise KeyError("count")
            count = _raw_count
        except PARSE_ERRORS as exc:
            count = unparsed(_raw_count, "PaginatedDisplaySetList.count", exc)

        _raw_results = d.pop("results", MISSING)
        try:
            if _raw_results is MISSING:
                raise KeyError("results")
            results = []
            _results = _raw_results
            for results_item_data in _results:
                results_item = DisplaySet.from_dict(results_item_data)

                results.append(results_item)

        except PARSE_ERRORS as exc:
            results = unparsed(_raw_results, "PaginatedDisplaySetList.results", exc)

        _raw_next_ = d.pop("next", UNSET)
        try:

            def _parse_next_(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            next_ = _parse_next_(_raw_next_)

        except PARSE_ERRORS as exc:
            next_ = unparsed(_raw_next_, "PaginatedDisplaySetList.next", exc)

        _raw_previous = d.pop("previous", UNSET)
        try:

            def _parse_previous(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            previous = _parse_previous(_raw_previous)

        except PARSE_ERRORS as exc:
            previous = unparsed(_raw_previous, "PaginatedDisplaySetList.previous", exc)

        paginated_display_set_list = cls(
            count=count,
            results=results,
            next_=next_,
            previous=previous,
        )

        paginated_display_set_list.additional_properties = d
        return paginated_display_set_list

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.signed_request_headers import SignedRequestHeaders


T = TypeVar("T", bound="SignedRequest")


@_attrs_define
class SignedRequest:
    method: str
    url: str
    headers: SignedRequestHeaders
    data: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        method = self.method

        url = self.url

        headers = self.headers.to_dict()

        data: None | str
        data = self.data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "method": method,
                "url": url,
                "headers": headers,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.signed_request_headers import SignedRequestHeaders  # noqa: PLC0415

        d = dict(src_dict)
        method = d.pop("method")

        url = d.pop("url")

        headers = SignedRequestHeaders.from_dict(d.pop("headers"))

        def _parse_data(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        data = _parse_data(d.pop("data"))

        signed_request = cls(
            method=method,
            url=url,
            headers=headers,
            data=data,
        )

        signed_request.additional_properties = d
        return signed_request

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

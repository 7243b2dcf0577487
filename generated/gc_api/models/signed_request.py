from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, Missing, unparsed

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
        if not isinstance(self.method, Missing):
            method = self.method
        else:
            method = MISSING

        if not isinstance(self.url, Missing):
            url = self.url
        else:
            url = MISSING

        if not isinstance(self.headers, Missing):
            headers = self.headers.to_dict()
        else:
            headers = MISSING

        if not isinstance(self.data, Missing):
            data: None | str
            data = self.data
        else:
            data = MISSING

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

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.signed_request_headers import SignedRequestHeaders  # noqa: PLC0415

        d = dict(src_dict)
        _raw_method = d.pop("method", MISSING)
        try:
            if _raw_method is MISSING:
                raise KeyError("method")
            method = _raw_method
        except PARSE_ERRORS as exc:
            method = unparsed(_raw_method, "SignedRequest.method", exc)

        _raw_url = d.pop("url", MISSING)
        try:
            if _raw_url is MISSING:
                raise KeyError("url")
            url = _raw_url
        except PARSE_ERRORS as exc:
            url = unparsed(_raw_url, "SignedRequest.url", exc)

        _raw_headers = d.pop("headers", MISSING)
        try:
            if _raw_headers is MISSING:
                raise KeyError("headers")
            headers = SignedRequestHeaders.from_dict(_raw_headers)

        except PARSE_ERRORS as exc:
            headers = unparsed(_raw_headers, "SignedRequest.headers", exc)

        _raw_data = d.pop("data", MISSING)
        try:
            if _raw_data is MISSING:
                raise KeyError("data")

            def _parse_data(data: object) -> None | str:
                if data is None:
                    return data
                return cast(None | str, data)

            data = _parse_data(_raw_data)

        except PARSE_ERRORS as exc:
            data = unparsed(_raw_data, "SignedRequest.data", exc)

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

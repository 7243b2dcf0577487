from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, Missing, unparsed

T = TypeVar("T", bound="EndpointPost")


@_attrs_define
class EndpointPost:
    api_url: str
    pk: UUID
    algorithm: str
    status: str
    """ Queued, Started or Running while the endpoint serves; other values once it has stopped. """
    remaining_lifetime: str
    """ How long the endpoint stays up without a keep-alive (a duration). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.api_url, Missing):
            api_url = self.api_url
        else:
            api_url = MISSING

        if not isinstance(self.pk, Missing):
            pk = str(self.pk)
        else:
            pk = MISSING

        if not isinstance(self.algorithm, Missing):
            algorithm = self.algorithm
        else:
            algorithm = MISSING

        if not isinstance(self.status, Missing):
            status = self.status
        else:
            status = MISSING

        if not isinstance(self.remaining_lifetime, Missing):
            remaining_lifetime = self.remaining_lifetime
        else:
            remaining_lifetime = MISSING

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "api_url": api_url,
                "pk": pk,
                "algorithm": algorithm,
                "status": status,
                "remaining_lifetime": remaining_lifetime,
            }
        )

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _raw_api_url = d.pop("api_url", MISSING)
        try:
            if _raw_api_url is MISSING:
                raise KeyError("api_url")
            api_url = _raw_api_url
        except PARSE_ERRORS as exc:
            api_url = unparsed(_raw_api_url, "EndpointPost.api_url", exc)

        _raw_pk = d.pop("pk", MISSING)
        try:
            if _raw_pk is MISSING:
                raise KeyError("pk")
            pk = UUID(_raw_pk)

        except PARSE_ERRORS as exc:
            pk = unparsed(_raw_pk, "EndpointPost.pk", exc)

        _raw_algorithm = d.pop("algorithm", MISSING)
        try:
            if _raw_algorithm is MISSING:
                raise KeyError("algorithm")
            algorithm = _raw_algorithm
        except PARSE_ERRORS as exc:
            algorithm = unparsed(_raw_algorithm, "EndpointPost.algorithm", exc)

        _raw_status = d.pop("status", MISSING)
        try:
            if _raw_status is MISSING:
                raise KeyError("status")
            status = _raw_status
        except PARSE_ERRORS as exc:
            status = unparsed(_raw_status, "EndpointPost.status", exc)

        _raw_remaining_lifetime = d.pop("remaining_lifetime", MISSING)
        try:
            if _raw_remaining_lifetime is MISSING:
                raise KeyError("remaining_lifetime")
            remaining_lifetime = _raw_remaining_lifetime
        except PARSE_ERRORS as exc:
            remaining_lifetime = unparsed(
                _raw_remaining_lifetime, "EndpointPost.remaining_lifetime", exc
            )

        endpoint_post = cls(
            api_url=api_url,
            pk=pk,
            algorithm=algorithm,
            status=status,
            remaining_lifetime=remaining_lifetime,
        )

        endpoint_post.additional_properties = d
        return endpoint_post

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

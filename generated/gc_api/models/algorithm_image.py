from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed
from ..types import parse_datetime as _parse_datetime

T = TypeVar("T", bound="AlgorithmImage")


@_attrs_define
class AlgorithmImage:
    pk: UUID
    url: str
    api_url: str
    algorithm: str
    created: datetime.datetime
    import_status: str
    image: str | Unset = UNSET
    """ .tar.gz archive of the container image produced from the command 'docker save IMAGE | gzip -c >
    IMAGE.tar.gz'. See https://docs.docker.com/engine/reference/commandline/save/ """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.pk, Missing):
            pk = str(self.pk)
        else:
            pk = MISSING

        if not isinstance(self.url, Missing):
            url = self.url
        else:
            url = MISSING

        if not isinstance(self.api_url, Missing):
            api_url = self.api_url
        else:
            api_url = MISSING

        if not isinstance(self.algorithm, Missing):
            algorithm = self.algorithm
        else:
            algorithm = MISSING

        if not isinstance(self.created, Missing):
            created = self.created.isoformat()
        else:
            created = MISSING

        if not isinstance(self.import_status, Missing):
            import_status = self.import_status
        else:
            import_status = MISSING

        image = self.image

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "pk": pk,
                "url": url,
                "api_url": api_url,
                "algorithm": algorithm,
                "created": created,
                "import_status": import_status,
            }
        )
        if image is not UNSET:
            field_dict["image"] = image

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _raw_pk = d.pop("pk", MISSING)
        try:
            if _raw_pk is MISSING:
                raise KeyError("pk")
            pk = UUID(_raw_pk)

        except PARSE_ERRORS as exc:
            pk = unparsed(_raw_pk, "AlgorithmImage.pk", exc)

        _raw_url = d.pop("url", MISSING)
        try:
            if _raw_url is MISSING:
                raise KeyError("url")
            url = _raw_url
        except PARSE_ERRORS as exc:
            url = unparsed(_raw_url, "AlgorithmImage.url", exc)

        _raw_api_url = d.pop("api_url", MISSING)
        try:
            if _raw_api_url is MISSING:
                raise KeyError("api_url")
            api_url = _raw_api_url
        except PARSE_ERRORS as exc:
            api_url = unparsed(_raw_api_url, "AlgorithmImage.api_url", exc)

        _raw_algorithm = d.pop("algorithm", MISSING)
        try:
            if _raw_algorithm is MISSING:
                raise KeyError("algorithm")
            algorithm = _raw_algorithm
        except PARSE_ERRORS as exc:
            algorithm = unparsed(_raw_algorithm, "AlgorithmImage.algorithm", exc)

        _raw_created = d.pop("created", MISSING)
        try:
            if _raw_created is MISSING:
                raise KeyError("created")
            created = _parse_datetime(_raw_created)

        except PARSE_ERRORS as exc:
            created = unparsed(_raw_created, "AlgorithmImage.created", exc)

        _raw_import_status = d.pop("import_status", MISSING)
        try:
            if _raw_import_status is MISSING:
                raise KeyError("import_status")
            import_status = _raw_import_status
        except PARSE_ERRORS as exc:
            import_status = unparsed(
                _raw_import_status, "AlgorithmImage.import_status", exc
            )

        _raw_image = d.pop("image", UNSET)
        try:
            image = _raw_image
        except PARSE_ERRORS as exc:
            image = unparsed(_raw_image, "AlgorithmImage.image", exc)

        algorithm_image = cls(
            pk=pk,
            url=url,
            api_url=api_url,
            algorithm=algorithm,
            created=created,
            import_status=import_status,
            image=image,
        )

        algorithm_image.additional_properties = d
        return algorithm_image

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

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

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
        pk = str(self.pk)

        url = self.url

        api_url = self.api_url

        algorithm = self.algorithm

        created = self.created.isoformat()

        import_status = self.import_status

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        pk = UUID(d.pop("pk"))

        url = d.pop("url")

        api_url = d.pop("api_url")

        algorithm = d.pop("algorithm")

        created = datetime.datetime.fromisoformat(d.pop("created"))

        import_status = d.pop("import_status")

        image = d.pop("image", UNSET)

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

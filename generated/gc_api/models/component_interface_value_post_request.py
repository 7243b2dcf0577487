from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import MISSING, PARSE_ERRORS, UNSET, Missing, Unset, unparsed

T = TypeVar("T", bound="ComponentInterfaceValuePostRequest")


@_attrs_define
class ComponentInterfaceValuePostRequest:
    """Serializes images with hyperlinks for external usage
    Expects interface_slug, to allow creating a ComponentInterfaceValue with an
    existing ComponentInterface

    """

    interface: str
    value: Any | Unset = UNSET
    image: None | str | Unset = UNSET
    upload_session: None | str | Unset = UNSET
    user_upload: None | str | Unset = UNSET
    user_uploads: list[str] | None | Unset = UNSET
    image_name: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if not isinstance(self.interface, Missing):
            interface = self.interface
        else:
            interface = MISSING

        value = self.value

        image: None | str | Unset
        if isinstance(self.image, Unset):
            image = UNSET
        else:
            image = self.image

        upload_session: None | str | Unset
        if isinstance(self.upload_session, Unset):
            upload_session = UNSET
        else:
            upload_session = self.upload_session

        user_upload: None | str | Unset
        if isinstance(self.user_upload, Unset):
            user_upload = UNSET
        else:
            user_upload = self.user_upload

        user_uploads: list[str] | None | Unset
        if isinstance(self.user_uploads, Unset):
            user_uploads = UNSET
        elif isinstance(self.user_uploads, list):
            user_uploads = self.user_uploads

        else:
            user_uploads = self.user_uploads

        image_name: None | str | Unset
        if isinstance(self.image_name, Unset):
            image_name = UNSET
        else:
            image_name = self.image_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "interface": interface,
            }
        )
        if value is not UNSET:
            field_dict["value"] = value
        if image is not UNSET:
            field_dict["image"] = image
        if upload_session is not UNSET:
            field_dict["upload_session"] = upload_session
        if user_upload is not UNSET:
            field_dict["user_upload"] = user_upload
        if user_uploads is not UNSET:
            field_dict["user_uploads"] = user_uploads
        if image_name is not UNSET:
            field_dict["image_name"] = image_name

        return {k: v for k, v in field_dict.items() if v is not MISSING}

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _raw_interface = d.pop("interface", MISSING)
        try:
            if _raw_interface is MISSING:
                raise KeyError("interface")
            interface = _raw_interface
        except PARSE_ERRORS as exc:
            interface = unparsed(
                _raw_interface, "ComponentInterfaceValuePostRequest.interface", exc
            )

        _raw_value = d.pop("value", UNSET)
        try:
            value = _raw_value
        except PARSE_ERRORS as exc:
            value = unparsed(
                _raw_value, "ComponentInterfaceValuePostRequest.value", exc
            )

        _raw_image = d.pop("image", UNSET)
        try:

            def _parse_image(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            image = _parse_image(_raw_image)

        except PARSE_ERRORS as exc:
            image = unparsed(
                _raw_image, "ComponentInterfaceValuePostRequest.image", exc
            )

        _raw_upload_session = d.pop("upload_session", UNSET)
        try:

            def _parse_upload_session(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            upload_session = _parse_upload_session(_raw_upload_session)

        except PARSE_ERRORS as exc:
            upload_session = unparsed(
                _raw_upload_session,
                "ComponentInterfaceValuePostRequest.upload_session",
                exc,
            )

        _raw_user_upload = d.pop("user_upload", UNSET)
        try:

            def _parse_user_upload(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            user_upload = _parse_user_upload(_raw_user_upload)

        except PARSE_ERRORS as exc:
            user_upload = unparsed(
                _raw_user_upload, "ComponentInterfaceValuePostRequest.user_upload", exc
            )

        _raw_user_uploads = d.pop("user_uploads", UNSET)
        try:

            def _parse_user_uploads(data: object) -> list[str] | None | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    user_uploads_type_0 = cast(list[str], data)

                    return user_uploads_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(list[str] | None | Unset, data)

            user_uploads = _parse_user_uploads(_raw_user_uploads)

        except PARSE_ERRORS as exc:
            user_uploads = unparsed(
                _raw_user_uploads,
                "ComponentInterfaceValuePostRequest.user_uploads",
                exc,
            )

        _raw_image_name = d.pop("image_name", UNSET)
        try:

            def _parse_image_name(data: object) -> None | str | Unset:
                if data is None:
                    return data
                if isinstance(data, Unset):
                    return data
                return cast(None | str | Unset, data)

            image_name = _parse_image_name(_raw_image_name)

        except PARSE_ERRORS as exc:
            image_name = unparsed(
                _raw_image_name, "ComponentInterfaceValuePostRequest.image_name", exc
            )

        component_interface_value_post_request = cls(
            interface=interface,
            value=value,
            image=image,
            upload_session=upload_session,
            user_upload=user_upload,
            user_uploads=user_uploads,
            image_name=image_name,
        )

        component_interface_value_post_request.additional_properties = d
        return component_interface_value_post_request

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

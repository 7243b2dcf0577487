"""The plan of a case: its validated values, how each is sent, and the case's fingerprint.

A :class:`CasePlan` holds one :class:`PlannedValue` per socket, each with its :class:`Route`
(the key of the socket-value payload); they give the payloads (``requests``) once the uploads
are done, and a stable fingerprint that the batch journal keys each case by.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gc_api.models.component_interface_value_post_request import (
        ComponentInterfaceValuePostRequest,
    )

__all__ = ["CasePlan", "PlannedValue", "Route"]


class Route(str, Enum):
    """How a value reaches the server (the key of the socket-value payload)."""

    IMAGE_UPLOAD = "user_uploads"
    IMAGE = "image"
    FILE_UPLOAD = "user_upload"
    VALUE = "value"


@dataclass(frozen=True)
class PlannedValue:
    """One socket's validated value and how it will be sent.

    Exactly one source is set: ``paths`` (files to upload), ``data`` (JSON bytes to upload as
    ``filename``), ``image_url`` (an existing image) or ``value`` (JSON).
    """

    slug: str
    kind: str
    super_kind: str
    route: Route
    paths: tuple[Path, ...] = ()
    data: bytes | None = None
    filename: str | None = None
    image_url: str | None = None
    value: Any = None
    image_name: str | None = None
    #: ``(path, size, mtime_ns)`` of each file when planned; part of the case fingerprint.
    file_stats: tuple[tuple[str, int, int], ...] = field(default=(), repr=False)
    #: For an in-memory image (written to a temporary file): the sha256 of its voxels and
    #: geometry, which keys the case instead of the temporary file's path.
    content_key: str | None = field(default=None, repr=False)
    #: What keeps that temporary file (a :class:`gc_highlevel.imaging.Scratch`): the file is
    #: removed when the plan is dropped, or by :meth:`release`.
    scratch: Any = field(default=None, repr=False, compare=False)

    @property
    def needs_upload(self) -> bool:
        """Whether files (or JSON bytes) must be uploaded before the create."""
        return self.route in (Route.IMAGE_UPLOAD, Route.FILE_UPLOAD)

    @property
    def upload_count(self) -> int:
        """How many uploads this value needs."""
        if not self.needs_upload:
            return 0
        return 1 if self.data is not None else len(self.paths)

    @property
    def name(self) -> str:
        """A readable name of the value: the first file's name, the image URL or the JSON."""
        if self.paths:
            return self.paths[0].name
        if self.filename:
            return self.filename
        if self.image_url:
            return self.image_url
        return json.dumps(self.value)

    def fingerprint(self) -> str:
        """A stable text that changes when the value (or a file's size/mtime) changes."""
        if self.content_key is not None:
            source = f"image-sha256:{self.content_key}"
        elif self.file_stats:
            source = json.dumps(self.file_stats)
        elif self.data is not None:
            source = hashlib.sha256(self.data).hexdigest()
        elif self.image_url is not None:
            source = self.image_url.split("/api/v1/", 1)[-1]
        else:
            source = json.dumps(self.value, sort_keys=True)
        if getattr(self.paths, "deidentify", False):
            # de-identified copies are another value than the files as they are: a batch
            # sent plain once is not "done" for a rerun that asks for de-identification
            source += ":deidentified"
        return f"{self.slug}={self.route.value}:{source}"

    def release(self) -> None:
        """Remove the temporary file made for an in-memory image now (else it goes when the
        plan is dropped); the plan cannot be uploaded afterwards. Does nothing otherwise.

        Example:
            >>> PlannedValue("age", "Integer", "Value", Route.VALUE, value=63).release()
        """
        if self.scratch is not None:
            self.scratch.remove()

    def to_request(
        self, upload_urls: Sequence[str] = (), session: str | None = None
    ) -> ComponentInterfaceValuePostRequest:
        """The socket-value payload, given the ``api_url`` of each finished upload (or of the
        upload session that holds them, for an image).

        Example:
            >>> v = PlannedValue("age", "Integer", "Value", Route.VALUE, value=63)
            >>> v.to_request().to_dict()
            {'interface': 'age', 'value': 63}
        """
        from gc_highlevel.types import socket_value

        if self.route is Route.VALUE:
            return socket_value(self.slug, value=self.value)
        if self.route is Route.IMAGE:
            return socket_value(self.slug, image=self.image_url)
        if session is not None and self.route is Route.IMAGE_UPLOAD:
            return socket_value(self.slug, upload_session=session)
        # An image's files may arrive as one zip the server extracts (gc_highlevel.dicom).
        zipped = self.route is Route.IMAGE_UPLOAD and len(upload_urls) == 1
        if len(upload_urls) != self.upload_count and not zipped:
            raise ValueError(
                f"socket {self.slug!r} needs {self.upload_count} upload(s), got {len(upload_urls)}"
            )
        if self.route is Route.FILE_UPLOAD:
            return socket_value(self.slug, user_upload=upload_urls[0])
        return socket_value(self.slug, user_uploads=list(upload_urls), image_name=self.image_name)


@dataclass(frozen=True)
class CasePlan:
    """The validated values of one case, in the order given."""

    values: tuple[PlannedValue, ...]

    @property
    def slugs(self) -> frozenset[str]:
        """The sockets this case sets."""
        return frozenset(v.slug for v in self.values)

    @property
    def upload_count(self) -> int:
        """How many uploads the case needs in total."""
        return sum(v.upload_count for v in self.values)

    @property
    def name(self) -> str:
        """A readable name: the first uploaded file's name, else the first value's name."""
        for v in self.values:
            if v.paths:
                return v.paths[0].name
        return self.values[0].name if self.values else "empty case"

    def release(self) -> None:
        """Remove the temporary files made for the case's in-memory images (see
        :meth:`PlannedValue.release`)."""
        for value in self.values:
            value.release()

    def get(self, slug: str) -> PlannedValue | None:
        """The planned value of socket ``slug``, if the case sets it."""
        return next((v for v in self.values if v.slug == slug), None)

    def fingerprint(self, target: str = "") -> str:
        """A stable key of this case on ``target`` (sha256 hex), used by the batch journal.

        Example:
            >>> from gc_highlevel.socket_values import plan_case, example_socket
            >>> s = {"age": example_socket("age", "Integer", "Value")}
            >>> a = plan_case({"age": 1}, s).fingerprint("archive:x")
            >>> a == plan_case({"age": 1}, s).fingerprint("archive:x")
            True
        """
        parts = [target, *sorted(v.fingerprint() for v in self.values)]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    def requests(
        self,
        upload_urls: Mapping[str, Sequence[str]] | None = None,
        sessions: Mapping[str, str] | None = None,
    ) -> list[ComponentInterfaceValuePostRequest]:
        """The payload of every value; ``upload_urls`` maps slug to its uploads' ``api_url``s,
        ``sessions`` slug to the upload session holding them (sent instead, for images)."""
        urls = upload_urls or {}
        held = sessions or {}
        return [v.to_request(urls.get(v.slug, ()), held.get(v.slug)) for v in self.values]

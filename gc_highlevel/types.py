"""Friendly names for the typed objects the client returns and accepts.

They are the generated ``gc_api`` models (attrs classes with ``to_dict()``/``from_dict()``);
the long generated names stay importable from ``gc_api.models``.

Example:
    >>> from gc_highlevel.types import Archive, ArchiveItem, socket_value
    >>> value = socket_value("age", value=63)
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from gc_api.models.algorithm import Algorithm
from gc_api.models.algorithm_image import AlgorithmImage
from gc_api.models.algorithm_interface import AlgorithmInterface
from gc_api.models.answer import Answer
from gc_api.models.archive import Archive
from gc_api.models.archive_item import ArchiveItem
from gc_api.models.archive_item_post import ArchiveItemPost
from gc_api.models.component_interface import ComponentInterface
from gc_api.models.component_interface_value_post_request import (
    ComponentInterfaceValuePostRequest,
)
from gc_api.models.display_set import DisplaySet
from gc_api.models.display_set_post import DisplaySetPost
from gc_api.models.endpoint import Endpoint
from gc_api.models.endpoint_post import EndpointPost
from gc_api.models.hyperlinked_component_interface_value import (
    HyperlinkedComponentInterfaceValue,
)
from gc_api.models.hyperlinked_image import HyperlinkedImage
from gc_api.models.hyperlinked_job import HyperlinkedJob
from gc_api.models.image_file import ImageFile
from gc_api.models.invocation import Invocation
from gc_api.models.invocation_post import InvocationPost
from gc_api.models.job_post import JobPost
from gc_api.models.question import Question
from gc_api.models.raw_image_upload_session import RawImageUploadSession
from gc_api.models.reader_studies_ground_truth_retrieve_response_200 import (
    ReaderStudiesGroundTruthRetrieveResponse200,
)
from gc_api.models.reader_study import ReaderStudy
from gc_api.models.user_profile import UserProfile
from gc_api.models.user_upload import UserUpload
from gc_api.models.user_upload_complete import UserUploadComplete
from gc_api.models.user_upload_create import UserUploadCreate
from gc_api.models.user_upload_parts import UserUploadParts
from gc_api.types import UNSET
from gc_highlevel._exceptions import InvalidArgumentError, InvalidReferenceError
from gc_highlevel._references import slug_from_url

#: A socket (the generated name is ``ComponentInterface``).
Socket = ComponentInterface
#: A socket value as read (on archive items, display sets and jobs).
SocketValue = HyperlinkedComponentInterfaceValue
#: A socket value to write (``values=`` / ``inputs=``); build one with :func:`socket_value`.
SocketValuePost = ComponentInterfaceValuePostRequest
#: An algorithm job as read.
Job = HyperlinkedJob
#: An image with its metadata and files.
Image = HyperlinkedImage
#: A raw image upload session.
UploadSession = RawImageUploadSession
#: The ground truth of one display set, keyed by question pk (``.additional_properties``).
GroundTruth = ReaderStudiesGroundTruthRetrieveResponse200

_SOURCES = ("value", "image", "user_upload", "user_uploads", "upload_session")


def archive_slug(archive: Archive) -> str:
    """The slug of ``archive``, which the API's ``Archive`` does not carry as a field.

    It is the last part of the archive's web ``url`` (``https://grand-challenge.org/archives/<slug>/``).
    Anywhere the client takes an archive, the object itself (or its pk) works too.

    Example:
        >>> archive_slug(client.archives.get("coronacasesorg"))
        'coronacasesorg'
    """
    slug = slug_from_url(archive.url, "archives")
    if slug is None:
        raise InvalidReferenceError(
            f"the archive's url {archive.url!r} does not end in /archives/<slug>/"
        )
    return slug


def plain_text(safe: str) -> str:
    """The readable text of one of the server's ``*_safe`` fields.

    grand-challenge sends titles and question texts only HTML-cleaned (``title_safe``,
    ``question_text_safe``, ...: tags stripped, ``&`` and ``<`` escaped); the plain fields
    (``title``, ``question_text``) are no longer sent. This undoes the escaping.

    Example:
        >>> plain_text("Lungs &amp; airways")
        'Lungs & airways'
    """
    return html.unescape(safe)


def title_of(obj: DisplaySet | DisplaySetPost | ReaderStudy) -> str:
    """The title of a display set or reader study, from the ``title_safe`` the server sends.

    Example:
        >>> title_of(client.reader_studies.get("corads-score-exam"))  # doctest: +SKIP
        'CO-RADS score exam'
    """
    safe = obj.title_safe
    return plain_text(safe) if isinstance(safe, str) else ""


def question_text(question: Question) -> str:
    """The text of ``question``, from the ``question_text_safe`` the server sends.

    Example:
        >>> [question_text(q) for q in study.questions]  # doctest: +SKIP
        ['Is there evidence of COVID-19?', 'CO-RADS score']
    """
    safe = question.question_text_safe
    return plain_text(safe) if isinstance(safe, str) else ""


def socket_of(value: HyperlinkedComponentInterfaceValue) -> ComponentInterface:
    """The socket of a socket value as read (on an archive item, display set, job, invocation).

    The API of 2026 sends it as ``socket`` and, for older clients, as ``interface`` too; this
    reads whichever the server sent, so code using it works before and after ``interface`` goes.

    Example:
        >>> [socket_of(v).slug for v in client.archive_items.get(pk).values]  # doctest: +SKIP
        ['ct-image', 'lung-volume']
    """
    sock: object = value.socket  # MISSING from a server that predates it (lenient parsing)
    if isinstance(sock, ComponentInterface):
        return sock
    return value.interface


def socket_value(
    socket: str,
    *,
    value: Any = None,
    image: str | None = None,
    user_upload: str | None = None,
    user_uploads: Sequence[str] | None = None,
    upload_session: str | None = None,
    image_name: str | None = None,
) -> ComponentInterfaceValuePostRequest:
    """A value for the socket with slug ``socket``, from exactly one source.

    * ``value``: JSON for value sockets (``0``/``False`` are fine; ``None`` means not given);
    * ``image``: the ``api_url`` of an existing image;
    * ``user_upload``: the ``api_url`` of a completed upload, for file sockets;
    * ``user_uploads``: completed uploads that form one new image (plus ``image_name`` for
      DICOM image sets);
    * ``upload_session``: the ``api_url`` of a queued upload session you own.

    Example:
        >>> socket_value("age", value=63).to_dict()
        {'interface': 'age', 'value': 63}
    """
    given = {
        "value": value,
        "image": image,
        "user_upload": user_upload,
        "user_uploads": list(user_uploads) if user_uploads is not None else None,
        "upload_session": upload_session,
    }
    sources = [k for k in _SOURCES if given[k] is not None]
    if len(sources) != 1:
        raise InvalidArgumentError(
            f"socket_value({socket!r}) needs exactly one of {', '.join(_SOURCES)}; got "
            f"{', '.join(sources) or 'none'}"
        )
    if image_name is not None and sources != ["user_uploads"]:
        raise InvalidArgumentError("image_name is only used with user_uploads (DICOM image sets)")
    return ComponentInterfaceValuePostRequest(
        interface=socket,
        value=given["value"] if value is not None else UNSET,
        image=image if image is not None else UNSET,
        user_upload=user_upload if user_upload is not None else UNSET,
        user_uploads=given["user_uploads"] if user_uploads is not None else UNSET,
        upload_session=upload_session if upload_session is not None else UNSET,
        image_name=image_name if image_name is not None else UNSET,
    )


__all__ = [
    "Algorithm",
    "AlgorithmImage",
    "AlgorithmInterface",
    "Answer",
    "Archive",
    "ArchiveItem",
    "ArchiveItemPost",
    "DisplaySet",
    "DisplaySetPost",
    "Endpoint",
    "EndpointPost",
    "GroundTruth",
    "Image",
    "ImageFile",
    "Invocation",
    "InvocationPost",
    "Job",
    "JobPost",
    "Question",
    "ReaderStudy",
    "Socket",
    "SocketValue",
    "SocketValuePost",
    "UploadSession",
    "UserProfile",
    "UserUpload",
    "UserUploadComplete",
    "UserUploadCreate",
    "UserUploadParts",
    "archive_slug",
    "plain_text",
    "question_text",
    "socket_of",
    "socket_value",
    "title_of",
]

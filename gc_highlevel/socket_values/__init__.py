"""Socket values from plain Python: one validated plan per case, before any request.

A *case* is a mapping from socket slug to a plain Python value::

    {"ct-image": Path("ct.mha"),                 # Image socket: files to upload (or a list)
     "generic-overlay": image,                   # ... or an existing Image / its api_url
     "lung-mask": ImageArray(mask, spacing=sp),  # ... or in memory: a SimpleITK.Image or an
                                                 # ImageArray (gc_highlevel.imaging), sent as MHA
     "report": Path("report.pdf"),               # File socket: one file to upload
     "nodules": {"type": "Multiple points", "points": []},  # JSON stored in a file
     "lung-volume": 1.9}                         # Value socket: JSON

:func:`plan_case` looks every slug up in the given socket definitions, chooses the route by
the socket's ``super_kind`` (image files → ``user_uploads``; existing image → ``image``; file →
``user_upload``; JSON → ``value``), checks JSON against the kind's value schema (and the
socket's own ``schema`` when the API shows one) and, for algorithms, checks the set of slugs
against the algorithm's input combinations. Every problem raises a :class:`SocketValueError`
subclass naming the slug and what would be valid, before anything is uploaded or created.

The files of an Image socket must look like an image grand-challenge imports (MHA/MHD,
NIfTI, NRRD, DICOM, TIFF, PNG, JPEG, or a .zip/.tar.gz of them): an empty file, a PDF or text
raises :class:`ImageFileError` (see ``gc_highlevel.socket_values._image_formats``, which reads headers only).
An in-memory image is written as compressed MHA to a temporary file that lives as long as
its plan (:meth:`CasePlan.release` removes it at once) and is keyed by its voxels and geometry;
a bare numpy array is refused (:class:`SocketKindError`): it has no spacing, origin or
direction.

A File socket takes one file (not a folder) with its kind's extension (``.pdf`` for a PDF
socket, ``.json`` for a JSON kind stored in a file, ...); where grand-challenge checks the
content, so does the plan, cheaply: a PDF must start with ``%PDF``, a JSON file must parse and
fit the kind's schema (files over :data:`JSON_CHECK_MAX_BYTES` only have their first character
looked at). Otherwise the server would accept the upload and the create, then drop the value
in the background, leaving an object without it.

JSON checks use ``jsonschema`` as the server does (the schema's draft, else 2020-12; every
keyword; a ``$ref`` to another document is left to the server), and the error names the path
of the offending part of the value. The server remains the final judge of annotation kinds.

The package holds one concern per module: ``_plans`` (what a plan is: :class:`Route`,
:class:`PlannedValue`, :class:`CasePlan`, fingerprints, payloads), ``_cases`` (cases to plans:
:func:`precheck_cases`, :func:`plan_case`, :func:`plan_cases`), ``_values`` (one socket's
value to its route: :func:`plan_value`), ``_kinds`` (socket kinds and their value schemas,
:func:`example_socket`), ``_schema`` (the JSON schema checker, :func:`check_json`), ``_files``
(paths and the checks of a file against its socket) and ``_image_formats`` (image header
sniffing). The errors live in ``gc_highlevel._exceptions`` and are re-exported here.

Example:
    >>> from gc_highlevel.socket_values import plan_case, example_socket
    >>> sockets = {"lung-volume": example_socket("lung-volume", "Float", "Value")}
    >>> plan = plan_case({"lung-volume": 1.9}, sockets)
    >>> plan.values[0].route.value, plan.values[0].value
    ('value', 1.9)
    >>> plan_case({"lung-volume": "big"}, sockets)
    Traceback (most recent call last):
    ...
    gc_highlevel._exceptions.SocketKindError: socket 'lung-volume' (Float) rejects 'big': ...
"""

from __future__ import annotations

from gc_highlevel._exceptions import DuplicateCaseError as DuplicateCaseError
from gc_highlevel._exceptions import DuplicateSocketError as DuplicateSocketError
from gc_highlevel._exceptions import ImageFileError as ImageFileError
from gc_highlevel._exceptions import InputFileError as InputFileError
from gc_highlevel._exceptions import InputSetError as InputSetError
from gc_highlevel._exceptions import InvalidArgumentError as InvalidArgumentError
from gc_highlevel._exceptions import MissingInputError as MissingInputError
from gc_highlevel._exceptions import SocketKindError as SocketKindError
from gc_highlevel._exceptions import SocketValueError as SocketValueError
from gc_highlevel._exceptions import UnexpectedInputError as UnexpectedInputError
from gc_highlevel._exceptions import UnknownSocketError as UnknownSocketError
from gc_highlevel._validate import MAX_JSON_DEPTH as MAX_JSON_DEPTH
from gc_highlevel._validate import MAX_JSON_VALUE_BYTES as MAX_JSON_VALUE_BYTES
from gc_highlevel._validate import check_filename as check_filename
from gc_highlevel._validate import json_depth_exceeds as json_depth_exceeds
from gc_highlevel.socket_values._cases import CaseValues as CaseValues
from gc_highlevel.socket_values._cases import plan_case as plan_case
from gc_highlevel.socket_values._cases import plan_cases as plan_cases
from gc_highlevel.socket_values._cases import precheck_cases as precheck_cases
from gc_highlevel.socket_values._files import JSON_CHECK_MAX_BYTES as JSON_CHECK_MAX_BYTES
from gc_highlevel.socket_values._files import is_readable_file as is_readable_file
from gc_highlevel.socket_values._kinds import example_socket as example_socket
from gc_highlevel.socket_values._kinds import kind_schema as kind_schema
from gc_highlevel.socket_values._plans import CasePlan as CasePlan
from gc_highlevel.socket_values._plans import PlannedValue as PlannedValue
from gc_highlevel.socket_values._plans import Route as Route
from gc_highlevel.socket_values._schema import check_json as check_json
from gc_highlevel.socket_values._values import plan_value as plan_value

__all__ = [
    "JSON_CHECK_MAX_BYTES",
    "CasePlan",
    "DuplicateCaseError",
    "DuplicateSocketError",
    "ImageFileError",
    "InputFileError",
    "InputSetError",
    "MissingInputError",
    "PlannedValue",
    "Route",
    "SocketKindError",
    "SocketValueError",
    "UnexpectedInputError",
    "UnknownSocketError",
    "check_json",
    "example_socket",
    "kind_schema",
    "plan_case",
    "plan_cases",
    "precheck_cases",
]

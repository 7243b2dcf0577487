"""The emulator's data model: plain dataclasses mirroring grand-challenge's tables."""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

# InterfaceKindChoices: code -> API label (components/models.py)
KIND_LABELS: dict[str, str] = {
    "IMG": "Image",
    "SEG": "Segmentation",
    "HMAP": "Heat Map",
    "DSPF": "Displacement field",
    "DCMIS": "DICOM Image Set",
    "PDF": "PDF file",
    "SQREG": "SQREG file",
    "JPEG": "Thumbnail jpg",
    "PNG": "Thumbnail png",
    "OBJ": "OBJ file",
    "MP4": "MP4 file",
    "NEWCK": "Newick tree-format file",
    "BIOM": "BIOM format",
    "CSV": "CSV file",
    "ZIP": "ZIP file",
    "STR": "String",
    "INT": "Integer",
    "FLT": "Float",
    "BOOL": "Bool",
    "JSON": "Anything",
    "CHART": "Chart",
    "2DBB": "2D bounding box",
    "M2DB": "Multiple 2D bounding boxes",
    "DIST": "Distance measurement",
    "MDIS": "Multiple distance measurements",
    "POIN": "Point",
    "MPOI": "Multiple points",
    "POLY": "Polygon",
    "MPOL": "Multiple polygons",
    "CHOI": "Choice",
    "MCHO": "Multiple choice",
}
IMAGE_KINDS = {"IMG", "SEG", "HMAP", "DSPF", "DCMIS"}
FILE_KINDS = {"PDF", "SQREG", "JPEG", "PNG", "OBJ", "MP4", "NEWCK", "BIOM", "CSV", "ZIP"}
VALUE_SCHEMAS: dict[str, dict[str, Any]] = {
    "STR": {"type": "string"},
    "INT": {"type": "integer"},
    "FLT": {"type": "number"},
    "BOOL": {"type": "boolean"},
    "JSON": {},
    "CHOI": {"type": "string"},
    "MCHO": {"type": "array", "items": {"type": "string"}},
    "CHART": {"type": "object"},
    "MPOI": {
        "type": "object",
        "required": ["type", "points"],
        "properties": {"type": {"enum": ["Multiple points"]}, "points": {"type": "array"}},
    },
    "POIN": {
        "type": "object",
        "required": ["type", "point"],
        "properties": {"type": {"enum": ["Point"]}, "point": {"type": "array"}},
    },
}

# Statuses (display labels)
UPLOAD_INITIALIZED = "Initialized"
UPLOAD_COMPLETED = "Completed"
UPLOAD_ABORTED = "Aborted"
SESSION_QUEUED = "Queued"
SESSION_REQUEUED = "Re-Queued"
SESSION_FAILED = "Failed"
SESSION_SUCCEEDED = "Succeeded"
JOB_VALIDATING = "Validating inputs"
JOB_QUEUED = "Queued"
JOB_PROVISIONED = "Provisioned"
JOB_EXECUTING = "Executing"
JOB_EXECUTED = "Executed"
JOB_SUCCEEDED = "Succeeded"
JOB_FAILED = "Failed"
JOB_CANCELLED = "Cancelled"
JOB_TERMINAL = {JOB_SUCCEEDED, JOB_FAILED, JOB_CANCELLED}
# Algorithm endpoints (on-demand inference, research §12.1): serving while Queued, Started or
# Running; Stopped once their lifetime ran out without a keep-alive.
ENDPOINT_QUEUED = "Queued"
ENDPOINT_STARTED = "Started"
ENDPOINT_RUNNING = "Running"
ENDPOINT_STOPPED = "Stopped"
ENDPOINT_SERVING = {ENDPOINT_QUEUED, ENDPOINT_STARTED, ENDPOINT_RUNNING}
# Invocations: Validating inputs -> Queued -> Started -> Succeeded (or Failed / Cancelled)
INVOCATION_STARTED = "Started"

ANSWER_TYPES: dict[str, str] = {
    "TEXT": "Text",
    "BOOL": "Bool",
    "NUMB": "Number",
    "HEAD": "Heading",
    "CHOI": "Choice",
    "MCHO": "Multiple choice",
    "MASK": "Mask",
    "POIN": "Point",
    "MPOI": "Multiple points",
    "2DBB": "2D bounding box",
}


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def iso(t: dt.datetime | None) -> str | None:
    if t is None:
        return None
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def iso_duration_precise(seconds: float) -> str:
    """Django's ``duration_iso_string`` (microseconds kept), e.g. ``P0DT00H04M59.500000S``.

    Example:
        >>> iso_duration_precise(299.5), iso_duration_precise(60)
        ('P0DT00H04M59.500000S', 'P0DT00H01M00S')
    """
    total = dt.timedelta(seconds=max(0.0, seconds))
    d, s = total.days, total.seconds
    h, s = divmod(s, 3600)
    m, s = divmod(s, 60)
    ms = f".{total.microseconds:06d}" if total.microseconds else ""
    return f"P{d}DT{h:02d}H{m:02d}M{s:02d}{ms}S"


def iso_duration(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    s = round(seconds)
    d, s = divmod(s, 86400)
    h, s = divmod(s, 3600)
    m, s = divmod(s, 60)
    return f"P{d}DT{h:02d}H{m:02d}M{s:02d}S"


_UUID_SOURCE: contextvars.ContextVar[random.Random | None] = contextvars.ContextVar(
    "gc_uuid_source", default=None
)


def new_uuid() -> str:
    """A random UUID4; reproducible inside :func:`deterministic_uuids`."""
    rng = _UUID_SOURCE.get()
    if rng is None:
        return str(uuid.uuid4())
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


@contextlib.contextmanager
def deterministic_uuids(seed: int) -> Iterator[None]:
    """Make :func:`new_uuid` reproducible in this context (used for the seed data).

    Example:
        >>> with deterministic_uuids(1):
        ...     a = new_uuid()
        >>> with deterministic_uuids(1):
        ...     a == new_uuid()
        True
    """
    token = _UUID_SOURCE.set(random.Random(seed))
    try:
        yield
    finally:
        _UUID_SOURCE.reset(token)


@dataclass
class User:
    pk: int
    username: str
    token: str
    is_active: bool = True
    verified: bool = False
    institution: str = ""
    department: str = ""
    location: str = "NL"
    website: str = ""

    @property
    def is_anonymous(self) -> bool:
        return self.username == "AnonymousUser"


@dataclass
class Socket:
    pk: int
    slug: str
    title: str
    kind: str
    description: str = ""
    store_in_database: bool = True
    relative_path: str = ""
    overlay_segments: list[dict[str, Any]] = field(default_factory=list)
    schema: dict[str, Any] | None = None
    default_value: Any = None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def super_kind(self) -> str:
        if self.kind in IMAGE_KINDS:
            return "Image"
        if self.kind in FILE_KINDS or not self.store_in_database:
            return "File"
        return "Value"


@dataclass
class ImageFile:
    pk: str
    image_type: str  # MHD, TIFF, DZI
    key: str  # key in the protected bucket
    filename: str


@dataclass
class Image:
    pk: str
    name: str
    width: int
    height: int
    depth: int | None
    color_space: str = "GRAY"
    voxel_width_mm: float | None = None
    voxel_height_mm: float | None = None
    voxel_depth_mm: float | None = None
    timepoints: int | None = None
    window_center: float | None = None
    window_width: float | None = None
    segments: list[int] | None = None
    eye_choice: str = "NA"
    modality: str | None = None
    patient_id: str = ""
    study_description: str = ""
    files: list[ImageFile] = field(default_factory=list)
    dicom_image_set: str | None = None  # image_set_id of the (emulated) HealthImaging set
    dicom_instances: list[tuple[str, str]] = field(default_factory=list)  # (SOP UID, key)
    origin: str | None = None  # upload session pk
    viewers: set[int] = field(default_factory=set)
    created: dt.datetime = field(default_factory=now)

    @property
    def shape_without_color(self) -> list[int]:
        s = [self.height, self.width]
        if self.depth is not None and self.depth > 1:
            s.insert(0, self.depth)
        if self.timepoints is not None and self.timepoints > 1:
            s.insert(0, self.timepoints)
        return s

    @property
    def shape(self) -> list[int]:
        extra = {"GRAY": [], "RGB": [3], "RGBA": [4], "YCBCR": [3]}.get(self.color_space, [])
        return self.shape_without_color + extra


@dataclass
class CIV:
    """A socket value (ComponentInterfaceValue)."""

    pk: int
    socket: str
    value: Any = None
    image: str | None = None
    file_key: str | None = None
    file_name: str | None = None


@dataclass
class Upload:
    pk: str
    creator: int
    filename: str
    key: str
    s3_upload_id: str
    status: str = UPLOAD_INITIALIZED
    created: dt.datetime = field(default_factory=now)
    size: int = 0


@dataclass
class UploadSession:
    pk: str
    creator: int
    uploads: list[str]
    status: str = SESSION_QUEUED
    error_message: str = ""
    image_set: list[str] = field(default_factory=list)
    target: tuple[str, str] | None = None  # ("archive"|"archive_item"|"display_set"|"answer", pk)
    interface: str | None = None
    dicom_name: str | None = None  # DICOM image set import: the image_name
    job: str | None = None  # job waiting for this session
    created: dt.datetime = field(default_factory=now)


@dataclass
class Archive:
    pk: str
    slug: str
    title: str
    description: str = ""
    public: bool = False
    editors: set[int] = field(default_factory=set)
    uploaders: set[int] = field(default_factory=set)
    users: set[int] = field(default_factory=set)
    created: dt.datetime = field(default_factory=now)


@dataclass
class ArchiveItem:
    pk: str
    archive: str
    title: str = ""
    values: dict[str, int] = field(default_factory=dict)  # socket slug -> civ pk
    created: dt.datetime = field(default_factory=now)


@dataclass
class Algorithm:
    pk: str
    slug: str
    title: str
    interfaces: list[tuple[list[str], list[str]]]
    function: str
    description: str = ""
    public: bool = True
    editors: set[int] = field(default_factory=set)
    users: set[int] = field(default_factory=set)
    image_pk: str = ""
    created: dt.datetime = field(default_factory=now)
    average_duration: float | None = None
    credits_per_user: int | None = None  # jobs a user may run (None: unlimited)


@dataclass
class AlgorithmImage:
    pk: str
    algorithm: str
    created: dt.datetime = field(default_factory=now)
    import_status: str = "Completed"
    is_active: bool = True


@dataclass
class Job:
    pk: str
    algorithm: str
    algorithm_image: str
    creator: int
    status: str = JOB_VALIDATING
    inputs: dict[str, int] = field(default_factory=dict)
    outputs: dict[str, int] = field(default_factory=dict)
    pending_inputs: int = 0
    created: dt.datetime = field(default_factory=now)
    started: dt.datetime | None = None
    completed: dt.datetime | None = None
    error_message: str = ""
    public: bool = False
    viewers: set[int] = field(default_factory=set)
    history: list[str] = field(default_factory=lambda: [JOB_VALIDATING])

    def set_status(self, status: str) -> None:
        """Change the status, remembering every step in :attr:`history` (for tests)."""
        self.status = status
        self.history.append(status)


@dataclass
class Endpoint:
    """A running algorithm (on-demand inference): up for ``lifetime`` seconds after its
    creation or its last keep-alive."""

    pk: str
    algorithm: str
    algorithm_image: str
    creator: int
    lifetime: float
    expires: dt.datetime
    status: str = ENDPOINT_QUEUED
    created: dt.datetime = field(default_factory=now)
    history: list[str] = field(default_factory=lambda: [ENDPOINT_QUEUED])

    def set_status(self, status: str) -> None:
        """Change the status, remembering every step in :attr:`history` (for tests)."""
        self.status = status
        self.history.append(status)

    def remaining(self) -> float:
        """Seconds until the endpoint stops without a keep-alive (0 once stopped)."""
        if self.status not in ENDPOINT_SERVING:
            return 0.0
        return max(0.0, (self.expires - now()).total_seconds())


@dataclass
class Invocation:
    """Inputs sent to an endpoint, and the outputs its algorithm computed from them."""

    pk: str
    endpoint: str
    algorithm: str
    creator: int
    status: str = JOB_VALIDATING
    inputs: dict[str, int] = field(default_factory=dict)
    outputs: dict[str, int] = field(default_factory=dict)
    pending_inputs: int = 0
    error_message: str = ""
    created: dt.datetime = field(default_factory=now)
    history: list[str] = field(default_factory=lambda: [JOB_VALIDATING])

    def set_status(self, status: str) -> None:
        self.status = status
        self.history.append(status)


@dataclass
class Question:
    pk: str
    reader_study: str
    question_text: str
    answer_type: str  # code
    order: int
    required: bool = True  # the model default
    options: list[dict[str, Any]] = field(default_factory=list)
    help_text: str = ""
    overlay_segments: list[dict[str, Any]] = field(default_factory=list)
    answer_min_value: int | None = None
    answer_max_value: int | None = None
    created: dt.datetime = field(default_factory=now)


@dataclass
class ReaderStudy:
    pk: str
    slug: str
    title: str
    description: str = ""
    public: bool = False
    editors: set[int] = field(default_factory=set)
    readers: set[int] = field(default_factory=set)
    allow_answer_modification: bool = False
    is_educational: bool = False
    created: dt.datetime = field(default_factory=now)


@dataclass
class DisplaySet:
    pk: str
    reader_study: str
    title: str = ""
    order: int = 0
    values: dict[str, int] = field(default_factory=dict)
    created: dt.datetime = field(default_factory=now)


@dataclass
class Answer:
    pk: str
    creator: int
    display_set: str
    question: str
    answer: Any
    answer_image: str | None = None
    last_edit_duration: float | None = None
    total_edit_duration: float | None = None
    is_ground_truth: bool = False
    explanation: str = ""
    created: dt.datetime = field(default_factory=now)
    modified: dt.datetime = field(default_factory=now)


@dataclass
class Notification:
    """A user notification; the API only shows ``read`` (its text stays server-side)."""

    pk: str
    user: int
    message: str
    read: bool = False
    created: dt.datetime = field(default_factory=now)


# Evaluation statuses (the display strings the API answers, ComponentJob.STATUS_CHOICES)
EVALUATION_PENDING = "Queued"
EVALUATION_CLAIMED = "External Execution In Progress"
EVALUATION_SUCCEEDED = "Succeeded"
EVALUATION_FAILED = "Failed"


@dataclass
class Challenge:
    """A challenge (``challenges.Challenge``); its ``slug`` is the short name."""

    pk: str
    slug: str
    title: str
    description: str = ""
    hidden: bool = False
    admins: set[int] = field(default_factory=set)
    participants: set[int] = field(default_factory=set)
    external_evaluators: set[int] = field(default_factory=set)
    created: dt.datetime = field(default_factory=now)


@dataclass
class Phase:
    """A challenge phase (``evaluation.Phase``)."""

    pk: str
    challenge: str  # challenge pk
    slug: str
    title: str
    external_evaluation: bool = False
    public: bool = True
    submission_kind: str = "Algorithm"


@dataclass
class Evaluation:
    """One evaluation of one submission (``evaluation.Evaluation`` and its ``Submission``)."""

    pk: str
    phase: str  # phase pk
    submission: str  # submission pk
    creator: int  # the submission's creator
    algorithm_image: str  # AlgorithmImage pk of the submission
    status: str = EVALUATION_PENDING
    claimed_by: int | None = None
    claimed_at: dt.datetime | None = None
    error_message: str = ""
    outputs: dict[str, int] = field(default_factory=dict)  # socket slug -> CIV pk
    published: bool = True
    rank: int = 0
    rank_score: float = 0.0
    created: dt.datetime = field(default_factory=now)
    submission_created: dt.datetime = field(default_factory=now)

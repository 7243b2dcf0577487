"""In-memory state of the local grand-challenge, with helpers for tests to add objects.

All mutation happens under :attr:`State.lock` (a re-entrant lock): API views hold it for the
duration of a request, background tasks for each step.
"""

from __future__ import annotations

import itertools
import re
import secrets
import threading
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .models import (
    CIV,
    JOB_TERMINAL,
    Algorithm,
    AlgorithmImage,
    Answer,
    Archive,
    ArchiveItem,
    Challenge,
    DisplaySet,
    Endpoint,
    Evaluation,
    Image,
    ImageFile,
    Invocation,
    Job,
    Notification,
    Phase,
    Question,
    ReaderStudy,
    Socket,
    Upload,
    UploadSession,
    User,
    new_uuid,
)

if TYPE_CHECKING:
    from .storage import Storage


def slugify(value: str) -> str:
    """Django's ``slugify``: ``"coronacases.org"`` becomes ``"coronacasesorg"``.

    Example:
        >>> slugify("coronacases.org")
        'coronacasesorg'
    """
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value.lower())
    return re.sub(r"[-\s]+", "-", value).strip("-_")


class State:
    """All objects of the emulated server.

    Example (inside a running server)::

        with LocalGrandChallenge() as gc:
            alice = gc.state.add_user("alice")
            archive = gc.state.add_archive("My archive", editors=[alice])
            gc.state.add_image(numpy_array, name="ct.mha", archive=archive)
    """

    def __init__(self, storage: Storage | None = None) -> None:
        self.lock = threading.RLock()
        self.storage = storage
        self._ids = itertools.count(1)
        self._civ_ids = itertools.count(1)
        self.users: dict[int, User] = {}
        self.tokens: dict[str, int] = {}
        self.sockets: dict[str, Socket] = {}
        self.images: dict[str, Image] = {}
        self.civs: dict[int, CIV] = {}
        self.uploads: dict[str, Upload] = {}
        self.sessions: dict[str, UploadSession] = {}
        self.archives: dict[str, Archive] = {}
        self.archive_items: dict[str, ArchiveItem] = {}
        self.algorithms: dict[str, Algorithm] = {}
        self.algorithm_images: dict[str, AlgorithmImage] = {}
        self.jobs: dict[str, Job] = {}
        self.endpoints: dict[str, Endpoint] = {}
        self.invocations: dict[str, Invocation] = {}
        self.reader_studies: dict[str, ReaderStudy] = {}
        self.questions: dict[str, Question] = {}
        self.display_sets: dict[str, DisplaySet] = {}
        self.answers: dict[str, Answer] = {}
        self.notifications: dict[str, Notification] = {}
        self.challenges: dict[str, Challenge] = {}
        self.phases: dict[str, Phase] = {}
        self.evaluations: dict[str, Evaluation] = {}
        #: Which claims stop a user's next claim: "ever" (every evaluation the user claimed,
        #: as grand-challenge at 9957bfc does) or "held" (only those not reported yet).
        self.claims_counted = "ever"
        self._option_ids = itertools.count(1)
        self.anonymous = User(pk=-1, username="AnonymousUser", token="")
        self.users[-1] = self.anonymous
        self.job_script: list[tuple[str | None, str]] = []  # (algorithm slug, "fail"/"cancel")

    # -- users ------------------------------------------------------------------------------
    def add_user(self, username: str, *, token: str | None = None, verified: bool = False) -> User:
        """Register a user with a 64-hex-character API token.

        Example:
            >>> s = State(); u = s.add_user("alice"); len(u.token)
            64
        """
        with self.lock:
            pk = max(self.users) + 1 if len(self.users) > 1 else 1
            user = User(
                pk=pk, username=username, token=token or secrets.token_hex(), verified=verified
            )
            self.users[pk] = user
            self.tokens[user.token] = pk
            return user

    def user(self, username: str) -> User:
        """The user called ``username``."""
        for u in self.users.values():
            if u.username == username:
                return u
        raise KeyError(username)

    # -- sockets ----------------------------------------------------------------------------
    def add_socket(
        self,
        slug: str,
        title: str,
        kind: str,
        *,
        store_in_database: bool = True,
        relative_path: str | None = None,
        overlay_segments: list[dict[str, Any]] | None = None,
        description: str = "",
        schema: dict[str, Any] | None = None,
    ) -> Socket:
        """Add a socket (component interface); ``kind`` is the code, e.g. ``"IMG"``, ``"FLT"``.

        Example:
            >>> State().add_socket("age", "Age", "INT").super_kind
            'Value'
        """
        with self.lock:
            pk = len(self.sockets) + 1
            if relative_path is None:
                relative_path = (
                    f"images/{slug}"
                    if kind in {"IMG", "SEG", "HMAP", "DSPF"}
                    else (
                        f"{slug}.json"
                        if kind not in {"PDF", "CSV", "ZIP"}
                        else f"{slug}.{kind.lower()}"
                    )
                )
            s = Socket(
                pk=pk,
                slug=slug,
                title=title,
                kind=kind,
                store_in_database=store_in_database,
                relative_path=relative_path,
                overlay_segments=list(overlay_segments or []),
                description=description,
                schema=schema,
            )
            self.sockets[slug] = s
            return s

    # -- objects ----------------------------------------------------------------------------
    @staticmethod
    def _pks(users: Iterable[User | int] | None) -> set[int]:
        return {u.pk if isinstance(u, User) else int(u) for u in users or []}

    def add_archive(
        self,
        title: str,
        *,
        slug: str | None = None,
        public: bool = False,
        editors: Iterable[User | int] = (),
        uploaders: Iterable[User | int] = (),
        users: Iterable[User | int] = (),
        description: str = "",
    ) -> Archive:
        """Add an archive; the slug defaults to Django's ``slugify(title)``.

        Example:
            >>> State().add_archive("coronacases.org").slug
            'coronacasesorg'
        """
        with self.lock:
            a = Archive(
                pk=new_uuid(),
                slug=slug or slugify(title),
                title=title,
                description=description,
                public=public,
                editors=self._pks(editors),
                uploaders=self._pks(uploaders),
                users=self._pks(users),
            )
            self.archives[a.pk] = a
            return a

    def add_archive_item(
        self, archive: Archive, values: dict[str, Any] | None = None, *, title: str = ""
    ) -> ArchiveItem:
        """Add an archive item; ``values`` maps socket slug to a value, or an :class:`Image`.

        Example (in a running server)::

            item = gc.state.add_archive_item(archive, {"lung-volume": 1.9})
        """
        with self.lock:
            item = ArchiveItem(pk=new_uuid(), archive=archive.pk, title=title)
            for slug, v in (values or {}).items():
                item.values[slug] = self.civ_for(slug, v).pk
            self.archive_items[item.pk] = item
            return item

    def add_image(
        self,
        array: Any,
        *,
        name: str = "image.mha",
        spacing: tuple[float, ...] = (1.0, 1.0, 1.0),
        archive: Archive | None = None,
        interface: str = "generic-medical-image",
        viewers: Iterable[User | int] = (),
        modality: str | None = None,
        patient_id: str = "",
        study_description: str = "",
    ) -> Image:
        """Store a numpy array (z, y, x) as an MHA image; optionally as a new archive item.

        Example (in a running server)::

            img = gc.state.add_image(np.zeros((4, 8, 8), np.int16), name="ct.mha",
                                     archive=archive, interface="ct-image")
        """
        from .algos import sitk_module

        sitk_image = sitk_module().GetImageFromArray(array)
        sitk_image.SetSpacing(spacing[: sitk_image.GetDimension()])
        image = self.store_sitk_image(sitk_image, name=name, viewers=viewers)
        image.modality = modality
        image.patient_id = patient_id
        image.study_description = study_description
        if archive is not None:
            self.add_archive_item(archive, {interface: image})
        return image

    def store_sitk_image(
        self, sitk_image: Any, *, name: str, viewers: Iterable[User | int] = ()
    ) -> Image:
        """Write a SimpleITK image to storage as ``<uuid>.mha`` and register it."""
        import os
        import tempfile

        from .algos import sitk_module

        sitk = sitk_module()
        assert self.storage is not None
        pk = new_uuid()
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, f"{pk}.mha")
            sitk.WriteImage(sitk_image, path, True)
            with open(path, "rb") as f:
                data = f.read()
        size = sitk_image.GetSize()
        spacing = sitk_image.GetSpacing()
        ncomp = sitk_image.GetNumberOfComponentsPerPixel()
        image = Image(
            pk=pk,
            name=name,
            width=int(size[0]),
            height=int(size[1]),
            depth=int(size[2]) if len(size) > 2 else None,
            color_space={1: "GRAY", 3: "RGB", 4: "RGBA"}.get(ncomp, "GRAY"),
            voxel_width_mm=float(spacing[0]),
            voxel_height_mm=float(spacing[1]),
            voxel_depth_mm=float(spacing[2]) if len(spacing) > 2 else None,
            viewers=self._pks(viewers),
        )
        self.attach_file(image, data, f"{pk}.mha", "MHD")
        with self.lock:
            self.images[pk] = image
        return image

    def attach_file(self, image: Image, data: bytes, filename: str, image_type: str) -> ImageFile:
        """Upload ``data`` to the protected bucket as a file of ``image``."""
        assert self.storage is not None
        fpk = new_uuid()
        key = f"images/{image.pk[:2]}/{image.pk[2:4]}/{image.pk}/{fpk}/{filename}"
        self.storage.put_bytes(self.storage.protected_bucket, key, data)
        f = ImageFile(pk=fpk, image_type=image_type, key=key, filename=filename)
        image.files.append(f)
        return f

    def add_algorithm(
        self,
        slug: str,
        title: str,
        *,
        inputs: list[str],
        outputs: list[str],
        function: str,
        public: bool = True,
        users: Iterable[User | int] = (),
        editors: Iterable[User | int] = (),
        description: str = "",
    ) -> Algorithm:
        """Add an algorithm whose container "runs" the registered Python ``function``.

        Example (in a running server)::

            gc.state.add_algorithm("echo", "Echo", inputs=["lung-volume"],
                                   outputs=["some-score"], function="echo", users=[demo])
        """
        with self.lock:
            alg = Algorithm(
                pk=new_uuid(),
                slug=slug,
                title=title,
                interfaces=[(list(inputs), list(outputs))],
                function=function,
                public=public,
                users=self._pks(users),
                editors=self._pks(editors),
                description=description,
            )
            img = AlgorithmImage(pk=new_uuid(), algorithm=alg.pk)
            alg.image_pk = img.pk
            self.algorithms[alg.pk] = alg
            self.algorithm_images[img.pk] = img
            return alg

    def add_reader_study(
        self,
        title: str,
        *,
        slug: str | None = None,
        editors: Iterable[User | int] = (),
        readers: Iterable[User | int] = (),
        allow_answer_modification: bool = False,
        public: bool = False,
        description: str = "",
    ) -> ReaderStudy:
        """Add a reader study (add questions with :meth:`add_question`).

        Example:
            >>> State().add_reader_study("My study").slug
            'my-study'
        """
        with self.lock:
            rs = ReaderStudy(
                pk=new_uuid(),
                slug=slug or slugify(title),
                title=title,
                editors=self._pks(editors),
                readers=self._pks(readers),
                allow_answer_modification=allow_answer_modification,
                public=public,
                description=description,
            )
            self.reader_studies[rs.pk] = rs
            return rs

    def add_question(
        self,
        reader_study: ReaderStudy,
        text: str,
        answer_type: str,
        *,
        options: list[str] | None = None,
        required: bool = True,
        overlay_segments: list[dict[str, Any]] | None = None,
    ) -> Question:
        """Add a question; ``answer_type`` is the code (``"BOOL"``, ``"CHOI"``, ``"MASK"``…).

        Example:
            >>> s = State(); rs = s.add_reader_study("x")
            >>> s.add_question(rs, "Yes?", "CHOI", options=["a", "b"]).options[0]["title"]
            'a'
        """
        with self.lock:
            order = 1 + sum(1 for q in self.questions.values() if q.reader_study == reader_study.pk)
            q = Question(
                pk=new_uuid(),
                reader_study=reader_study.pk,
                question_text=text,
                answer_type=answer_type,
                order=order * 10,
                required=required,
                options=[
                    {"id": next(self._option_ids), "title": t, "default": False}
                    for t in options or []
                ],
                overlay_segments=list(overlay_segments or []),
            )
            self.questions[q.pk] = q
            return q

    def add_display_set(
        self, reader_study: ReaderStudy, values: dict[str, Any] | None = None, *, title: str = ""
    ) -> DisplaySet:
        """Add a display set at the end of the reader study's list."""
        with self.lock:
            ds = DisplaySet(pk=new_uuid(), reader_study=reader_study.pk, title=title)
            ds.order = self.next_display_set_order(reader_study.pk)
            for slug, v in (values or {}).items():
                ds.values[slug] = self.civ_for(slug, v).pk
            self.display_sets[ds.pk] = ds
            return ds

    def add_ground_truth(
        self,
        display_set: DisplaySet,
        question: Question,
        answer: Any,
        *,
        explanation: str = "",
        creator: User | None = None,
    ) -> Answer:
        """Add a ground-truth answer (these cannot be created through the API).

        Example (in a running server)::

            rs.is_educational = True
            gc.state.add_ground_truth(ds, bool_question, True, explanation="Obvious GGO")
        """
        with self.lock:
            rs = self.reader_studies[question.reader_study]
            who = creator.pk if creator else min(rs.editors, default=self.anonymous.pk)
            a = Answer(
                pk=new_uuid(),
                creator=who,
                display_set=display_set.pk,
                question=question.pk,
                answer=answer,
                is_ground_truth=True,
                explanation=explanation,
            )
            self.answers[a.pk] = a
            return a

    def has_ground_truth(self, rs_pk: str) -> bool:
        return any(
            a.is_ground_truth and self.questions[a.question].reader_study == rs_pk
            for a in self.answers.values()
        )

    def next_display_set_order(self, rs_pk: str) -> int:
        last = max(
            (d.order for d in self.display_sets.values() if d.reader_study == rs_pk), default=0
        )
        return (last // 10 + 1) * 10

    # -- socket values ----------------------------------------------------------------------
    def new_civ(self, socket: str, **kw: Any) -> CIV:
        with self.lock:
            civ = CIV(pk=next(self._civ_ids), socket=socket, **kw)
            self.civs[civ.pk] = civ
            return civ

    def civ_for(self, slug: str, value: Any) -> CIV:
        """Get or create the socket value for a JSON value or an :class:`Image`."""
        with self.lock:
            if isinstance(value, Image):
                for c in self.civs.values():
                    if c.socket == slug and c.image == value.pk:
                        return c
                return self.new_civ(slug, image=value.pk)
            for c in self.civs.values():
                if (
                    c.socket == slug
                    and c.image is None
                    and c.file_key is None
                    and c.value == value
                    and type(c.value) is type(value)
                ):
                    return c
            return self.new_civ(slug, value=value)

    # -- permissions ------------------------------------------------------------------------
    def can_view_archive(self, u: User, a: Archive) -> bool:
        return a.public or u.pk in a.editors | a.uploaders | a.users

    def can_view_archive_items(self, u: User, a: Archive) -> bool:
        return u.pk in a.editors | a.uploaders | a.users

    def can_upload_archive(self, u: User, a: Archive) -> bool:
        return u.pk in a.editors | a.uploaders

    def can_view_algorithm(self, u: User, a: Algorithm) -> bool:
        return a.public or u.pk in a.editors | a.users

    def can_execute_algorithm(self, u: User, a: Algorithm) -> bool:
        return u.pk in a.editors | a.users

    def can_view_rs(self, u: User, rs: ReaderStudy) -> bool:
        return rs.public or u.pk in rs.editors | rs.readers

    def can_view_display_sets(self, u: User, rs: ReaderStudy) -> bool:
        return u.pk in rs.editors | rs.readers

    def can_view_job(self, u: User, j: Job) -> bool:
        return j.public or u.pk == j.creator or u.pk in j.viewers

    def can_view_endpoint(self, u: User, e: Endpoint) -> bool:
        """Its creator and the algorithm's editors."""
        return u.pk == e.creator or u.pk in self.algorithms[e.algorithm].editors

    def can_view_invocation(self, u: User, i: Invocation) -> bool:
        """Its creator and the algorithm's editors."""
        return u.pk == i.creator or u.pk in self.algorithms[i.algorithm].editors

    def refresh_endpoint(self, e: Endpoint) -> Endpoint:
        """Stop ``e`` if its lifetime ran out (checked whenever it is read, so that no timer
        keeps the worker busy); invocations it had not started yet are cancelled."""
        from .models import (
            ENDPOINT_SERVING,
            ENDPOINT_STOPPED,
            INVOCATION_STARTED,
            JOB_CANCELLED,
            now,
        )

        with self.lock:
            if e.status in ENDPOINT_SERVING and now() >= e.expires:
                e.set_status(ENDPOINT_STOPPED)
                for i in self.invocations.values():
                    if i.endpoint == e.pk and i.status not in JOB_TERMINAL | {INVOCATION_STARTED}:
                        i.set_status(JOB_CANCELLED)
                        i.error_message = "The endpoint stopped before this invocation ran."
            return e

    def can_view_answer(self, u: User, a: Answer) -> bool:
        if a.creator == u.pk:
            return True
        q = self.questions[a.question]
        return u.pk in self.reader_studies[q.reader_study].editors

    def can_view_image(self, u: User, img: Image) -> bool:
        if u.pk in img.viewers:
            return True
        civ_pks = {c.pk for c in self.civs.values() if c.image == img.pk}
        if civ_pks:
            for item in self.archive_items.values():
                if civ_pks & set(item.values.values()) and self.can_view_archive_items(
                    u, self.archives[item.archive]
                ):
                    return True
            for ds in self.display_sets.values():
                if civ_pks & set(ds.values.values()) and self.can_view_display_sets(
                    u, self.reader_studies[ds.reader_study]
                ):
                    return True
            for job in self.jobs.values():
                if civ_pks & (
                    set(job.inputs.values()) | set(job.outputs.values())
                ) and self.can_view_job(u, job):
                    return True
            for inv in self.invocations.values():
                if civ_pks & (
                    set(inv.inputs.values()) | set(inv.outputs.values())
                ) and self.can_view_invocation(u, inv):
                    return True
        for ans in self.answers.values():
            if ans.answer_image == img.pk and self.can_view_answer(u, ans):
                return True
        return False

    def viewable_image_pks(self, u: User) -> set[str]:
        """Every image ``u`` may view, in one pass (for list views)."""
        out = {pk for pk, img in self.images.items() if u.pk in img.viewers}
        civ_pks: set[int] = set()
        for item in self.archive_items.values():
            if self.can_view_archive_items(u, self.archives[item.archive]):
                civ_pks.update(item.values.values())
        for ds in self.display_sets.values():
            if self.can_view_display_sets(u, self.reader_studies[ds.reader_study]):
                civ_pks.update(ds.values.values())
        for job in self.jobs.values():
            if self.can_view_job(u, job):
                civ_pks.update(job.inputs.values())
                civ_pks.update(job.outputs.values())
        for inv in self.invocations.values():
            if self.can_view_invocation(u, inv):
                civ_pks.update(inv.inputs.values())
                civ_pks.update(inv.outputs.values())
        out.update(img for pk in civ_pks if (img := self.civs[pk].image) is not None)
        out.update(
            a.answer_image
            for a in self.answers.values()
            if a.answer_image is not None and self.can_view_answer(u, a)
        )
        return out

    # -- challenges ---------------------------------------------------------------------------
    def add_challenge(
        self,
        slug: str,
        title: str,
        *,
        description: str = "",
        hidden: bool = False,
        admins: Iterable[User | int] = (),
        participants: Iterable[User | int] = (),
        external_evaluators: Iterable[User | int] = (),
    ) -> Challenge:
        """Add a challenge; ``hidden`` ones are visible to their admins and participants only.

        Example (in a running server)::

            gc.state.add_challenge("lung-nodules", "Lung Nodules", admins=[demo])
        """
        with self.lock:
            c = Challenge(
                pk=new_uuid(),
                slug=slug,
                title=title,
                description=description,
                hidden=hidden,
                admins=self._pks(admins),
                participants=self._pks(participants),
                external_evaluators=self._pks(external_evaluators),
            )
            self.challenges[c.pk] = c
            return c

    def add_phase(
        self, challenge: Challenge, title: str, *, external_evaluation: bool = False
    ) -> Phase:
        """Add a phase to ``challenge`` (``external_evaluation``: evaluated outside
        grand-challenge by the challenge's external evaluators)."""
        with self.lock:
            ph = Phase(
                pk=new_uuid(),
                challenge=challenge.pk,
                slug=slugify(title),
                title=title,
                external_evaluation=external_evaluation,
            )
            self.phases[ph.pk] = ph
            return ph

    def add_evaluation(
        self, phase: Phase, *, creator: User | int, algorithm: Algorithm
    ) -> Evaluation:
        """Add a submission of ``algorithm``'s active image to ``phase`` and its evaluation,
        ``Queued`` (pending: claimable when the phase is evaluated externally)."""
        with self.lock:
            e = Evaluation(
                pk=new_uuid(),
                phase=phase.pk,
                submission=new_uuid(),
                creator=creator if isinstance(creator, int) else creator.pk,
                algorithm_image=algorithm.image_pk,
            )
            self.evaluations[e.pk] = e
            return e

    def can_view_challenge(self, u: User, c: Challenge) -> bool:
        return not c.hidden or u.pk in c.admins | c.participants

    def can_view_evaluation(self, u: User, e: Evaluation) -> bool:
        phase = self.phases[e.phase]
        c = self.challenges[phase.challenge]
        if u.pk in c.admins:
            return True
        if phase.external_evaluation and u.pk in c.external_evaluators:
            return True
        return e.published and phase.public and not c.hidden

    def can_claim_evaluation(self, u: User, e: Evaluation) -> bool:
        phase = self.phases[e.phase]
        return (
            phase.external_evaluation
            and u.pk in self.challenges[phase.challenge].external_evaluators
        )

    def active_jobs(self, user_pk: int) -> int:
        return sum(
            1 for j in self.jobs.values() if j.creator == user_pk and j.status not in JOB_TERMINAL
        )

    def notify(self, user_pk: int, message: str) -> Notification:
        """Send a notification (e.g. a failed file copy into a socket value)."""
        with self.lock:
            n = Notification(pk=new_uuid(), user=user_pk, message=message)
            self.notifications[n.pk] = n
            return n

    # -- scripting jobs ---------------------------------------------------------------------
    def fail_next_job(self, algorithm: str | None = None) -> None:
        """Make the next job (of algorithm slug ``algorithm``, or any) end ``Failed``.

        Example:
            >>> State().fail_next_job("corads-ai")
        """
        with self.lock:
            self.job_script.append((algorithm, "fail"))

    def cancel_next_job(self, algorithm: str | None = None) -> None:
        """Make the next job (of algorithm slug ``algorithm``, or any) end ``Cancelled``."""
        with self.lock:
            self.job_script.append((algorithm, "cancel"))

    def retry_next_job(self, algorithm: str | None = None) -> None:
        """Make the next job hit a transient backend error: ``Executing`` goes back to
        ``Provisioned`` and then executes again (and succeeds)."""
        with self.lock:
            self.job_script.append((algorithm, "retry"))

    def cancel_job(self, pk: str) -> None:
        """Cancel an active job now (no-op when it already finished).

        Example (in a running server)::

            gc.worker.pause(); r = post_job(); gc.state.cancel_job(r["pk"]); gc.worker.resume()
        """
        from .models import JOB_CANCELLED, now

        with self.lock:
            job = self.jobs[pk]
            if job.status not in JOB_TERMINAL:
                job.set_status(JOB_CANCELLED)
                job.completed = now()

    def take_job_script(self, algorithm_slug: str) -> str | None:
        with self.lock:
            for i, (slug, action) in enumerate(self.job_script):
                if slug is None or slug == algorithm_slug:
                    del self.job_script[i]
                    return action
        return None

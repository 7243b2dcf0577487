"""Background tasks: image imports with panimg, linking images and files to objects, and the
algorithm job pipeline (research §4.2, §5.2, §6.2)."""

from __future__ import annotations

import io
import json
import posixpath
import re
import shutil
import tempfile
import threading
import time
import zipfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import numpy as np
from botocore.exceptions import ClientError

from .algos import FUNCTIONS, Tiff
from .models import (
    CIV,
    ENDPOINT_QUEUED,
    ENDPOINT_RUNNING,
    ENDPOINT_STARTED,
    INVOCATION_STARTED,
    JOB_CANCELLED,
    JOB_EXECUTED,
    JOB_EXECUTING,
    JOB_FAILED,
    JOB_PROVISIONED,
    JOB_QUEUED,
    JOB_SUCCEEDED,
    JOB_TERMINAL,
    SESSION_FAILED,
    SESSION_SUCCEEDED,
    Image,
    Socket,
    new_uuid,
    now,
)
from .values import schema_error

if TYPE_CHECKING:
    from .server import LocalGrandChallenge


_PANIMG_LOCK = threading.Lock()


def _segments_error(socket_title: str, allowed: set[int], found: set[int]) -> str | None:
    bad = found - allowed - {0}
    if not bad:
        return None
    return (
        f"The valid voxel values for this segmentation are: {sorted(allowed | {0})}. "
        f"This segmentation is invalid as it contains the voxel values: {sorted(bad)}."
    )


_ZIP_SKIP = re.compile(r"(__MACOSX|\.DS_Store|desktop.ini)")


def _zip_members(names: list[str]) -> list[tuple[str, str]]:
    """``(member, destination)`` of a zip's files without system files and without the
    folders all of them share (``components/backends/utils.py::_filter_members``)."""
    kept = [n for n in names if not n.endswith("/") and _ZIP_SKIP.search(n) is None]
    if len(kept) == 1:
        prefix = str(PurePosixPath(kept[0]).parent)
        prefix = "" if prefix == "." else prefix
    else:
        prefix = posixpath.commonpath(kept) if kept else ""
    cut = len(prefix) + 1 if prefix else 0
    return [(n, n[cut:]) for n in kept]


def extract_files(folder: Path) -> None:
    """Replace every zip below ``folder`` by a folder of its files, nested zips too, as the
    server does before panimg (``cases/tasks.py::extract_files``); other files stay."""
    checked: set[Path] = set()
    pending = [p for p in folder.rglob("*") if p.is_file()]
    while pending:
        path = pending.pop()
        if path in checked or not zipfile.is_zipfile(path):
            checked.add(path)
            continue
        checked.add(path)
        out = path.parent / f"{path.name}_extracted"
        out.mkdir()
        try:
            with zipfile.ZipFile(path) as zf:
                for member, dest in _zip_members(zf.namelist()):
                    target = (out / dest).resolve()
                    if not dest or not target.is_relative_to(out.resolve()):
                        continue  # safe_join: nothing outside the folder
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with zf.open(member) as fs, target.open("wb") as fd:
                        shutil.copyfileobj(fs, fd)
        except (zipfile.BadZipFile, OSError):
            shutil.rmtree(out)
            continue
        path.unlink()
        out.rename(path)
        pending.extend(p for p in path.rglob("*") if p.is_file())


class Tasks:
    """Task functions run by :class:`~gc_highlevel.testing.worker.Worker`."""

    def __init__(self, gc: LocalGrandChallenge) -> None:
        self.gc = gc
        self.state = gc.state
        self.storage = gc.storage

    # -- image import -------------------------------------------------------------------
    def build_images(self, session_pk: str) -> None:
        """Convert a session's uploads with panimg, then run the linked task."""
        st = self.state
        with st.lock:
            s = st.sessions[session_pk]
            uploads = [st.uploads.get(pk) for pk in s.uploads]
        if any(u is None for u in uploads):
            self._session_failed(session_pk, "An unexpected error occurred")
            return
        try:
            images, n_errors = self._convert(
                [(u.filename, u.key) for u in uploads if u is not None],
                s.creator,
                dicom_name=s.dicom_name,
            )
        except ClientError:  # e.g. an upload that was never completed: NoSuchKey
            self._session_failed(session_pk, "An unexpected error occurred")
            return
        except Exception:
            self._session_failed(session_pk, "An unexpected error occurred")
            raise
        with st.lock:
            s = st.sessions[session_pk]
            for img in images:
                img.origin = s.pk
                st.images[img.pk] = img
            s.image_set = [i.pk for i in images]
            if not images:
                s.status = SESSION_FAILED
                s.error_message = f"{max(n_errors, 1)} file(s) could not be imported"
                if s.target:
                    self._cancel_target(s.target)
                return
            s.status = SESSION_SUCCEEDED
            s.error_message = f"{n_errors} file(s) could not be imported" if n_errors else ""
            from .views.uploads import delete_upload

            for u in uploads:
                if u is not None:
                    delete_upload(st, self.storage, u)
            target = s.target
        if target is not None:
            self.gc.worker.submit(self.link_session, session_pk)

    def _convert(
        self, files: list[tuple[str, str]], creator: int, *, dicom_name: str | None = None
    ) -> tuple[list[Image], int]:
        from panimg import convert
        from panimg.models import ImageType

        with tempfile.TemporaryDirectory() as tmp:
            src, dst = Path(tmp, "in"), Path(tmp, "out")
            src.mkdir()
            dst.mkdir()
            for filename, key in files:
                (src / filename).write_bytes(
                    self.storage.get_bytes(self.storage.uploads_bucket, key)
                )
            if dicom_name is None:  # a DICOM Image Set's uploads are each one DICOM file
                extract_files(src)
            with _PANIMG_LOCK:  # one conversion at a time: ITK/vips state is process-wide
                result = convert(input_directory=src, output_directory=dst)
            images = []
            for new in sorted(result.new_images, key=lambda i: i.name):
                img = Image(
                    pk=str(new.pk),
                    name=new.name,
                    width=new.width,
                    height=new.height,
                    depth=new.depth,
                    color_space=new.color_space.value
                    if hasattr(new.color_space, "value")
                    else str(new.color_space),
                    voxel_width_mm=new.voxel_width_mm,
                    voxel_height_mm=new.voxel_height_mm,
                    voxel_depth_mm=new.voxel_depth_mm,
                    timepoints=new.timepoints,
                    window_center=new.window_center,
                    window_width=new.window_width,
                    segments=sorted(new.segments) if new.segments is not None else None,
                    eye_choice=new.eye_choice.value
                    if hasattr(new.eye_choice, "value")
                    else str(new.eye_choice),
                    viewers={creator},
                )
                for f in sorted(result.new_image_files, key=lambda f: str(f.file)):
                    if f.image_id != new.pk:
                        continue
                    itype = (
                        "TIFF"
                        if f.image_type == ImageType.TIFF
                        else ("DZI" if f.image_type == ImageType.DZI else "MHD")
                    )
                    if f.file.is_file():
                        self.state.attach_file(img, f.file.read_bytes(), f.file.name, itype)
                images.append(img)
            if dicom_name is not None and len(images) == 1:
                self._register_dicom(images[0], src, dicom_name)
            failed = set(result.file_errors) - set(result.consumed_files)
            return images, len(failed)

    def _register_dicom(self, img: Image, src: Path, name: str) -> None:
        """Emulate the HealthImaging import: keep the instances, name the image, give it a set."""
        import uuid

        import pydicom

        img.name = name
        img.dicom_image_set = uuid.uuid4().hex
        for path in sorted(p for p in src.rglob("*") if p.is_file()):
            try:
                ds = pydicom.dcmread(path, stop_before_pixels=True)
                sop = str(ds.SOPInstanceUID)
            except Exception:
                continue
            key = f"dicom/{img.dicom_image_set}/{sop}.dcm"
            self.storage.put_bytes(
                self.storage.protected_bucket, key, path.read_bytes(), "application/dicom"
            )
            img.dicom_instances.append((sop, key))

    def _session_failed(self, session_pk: str, message: str) -> None:
        with self.state.lock:
            s = self.state.sessions[session_pk]
            s.status = SESSION_FAILED
            s.error_message = message
            if s.target:
                self._cancel_target(s.target)

    def link_session(self, session_pk: str) -> None:
        """``add_images_to_archive`` / ``add_image_to_object`` / ``add_image_to_answer``."""
        st = self.state
        with st.lock:
            s = st.sessions[session_pk]
            assert s.target is not None
            kind, pk = s.target
            images = [st.images[i] for i in s.image_set]
            if kind == "archive":
                slug = s.interface or "generic-medical-image"
                for img in images:
                    present = any(
                        item.archive == pk
                        and slug in item.values
                        and st.civs[item.values[slug]].image == img.pk
                        for item in st.archive_items.values()
                    )
                    if not present:
                        st.add_archive_item(st.archives[pk], {slug: img})
                return
            if kind == "answer":
                ans = st.answers[pk]
                q = st.questions[ans.question]
                allowed = {int(o["voxel_value"]) for o in q.overlay_segments}
                img = images[0]
                err = _segments_error(q.question_text, allowed, set(img.segments or []))
                if len(images) != 1:
                    err = "Image imports should result in a single image"
                if err:
                    s.status = SESSION_FAILED
                    s.error_message = err
                    return
                ans.answer_image = img.pk
                return
            socket = st.sockets[s.interface or "generic-medical-image"]
            err = None
            if len(images) != 1:
                err = "Image imports should result in a single image"
            else:
                err = self._validate_image(socket, images[0])
            if err:
                s.status = SESSION_FAILED
                s.error_message = (
                    f"Image validation for socket {socket.title} failed with error: {err}."
                )
                self._cancel_target((kind, pk))
                return
            civ = st.new_civ(socket.slug, image=images[0].pk)
            self._set_value(kind, pk, socket.slug, civ)

    @staticmethod
    def _validate_image(socket: Socket, img: Image) -> str | None:
        if socket.kind == "SEG":
            if img.segments is None:
                return "Image segments could not be determined, ensure the voxel values are integers and that it contains no more than 64 segments"
            allowed = {int(o["voxel_value"]) for o in socket.overlay_segments}
            return _segments_error(socket.title, allowed, set(img.segments))
        return None

    def _set_value(self, kind: str, pk: str, slug: str, civ: CIV) -> None:
        st = self.state
        if kind == "archive_item":
            if pk in st.archive_items:  # gone when its archive was deleted meanwhile
                st.archive_items[pk].values[slug] = civ.pk
        elif kind == "display_set":
            if pk in st.display_sets:
                st.display_sets[pk].values[slug] = civ.pk
        elif kind == "job":
            job = st.jobs[pk]
            if job.status in JOB_TERMINAL:
                return
            job.inputs[slug] = civ.pk
            job.pending_inputs -= 1
            if job.pending_inputs <= 0:
                self.gc.worker.submit(self.job_queue, pk)
        elif kind == "invocation":
            inv = st.invocations[pk]
            if inv.status in JOB_TERMINAL:
                return
            inv.inputs[slug] = civ.pk
            inv.pending_inputs -= 1
            if inv.pending_inputs <= 0:
                self.gc.worker.submit(self.invocation_queue, pk)

    def _cancel_target(self, target: tuple[str, str]) -> None:
        """An input of a job or an invocation failed validation: cancel it (others: no-op)."""
        kind, pk = target
        if kind == "job":
            self._cancel_job(pk)
        elif kind == "invocation":
            inv = self.state.invocations[pk]
            if inv.status not in JOB_TERMINAL:
                inv.set_status(JOB_CANCELLED)
                inv.error_message = "One or more of the inputs failed validation."

    def _cancel_job(self, job_pk: str) -> None:
        job = self.state.jobs[job_pk]
        if job.status not in JOB_TERMINAL:
            job.set_status(JOB_CANCELLED)
            job.error_message = "One or more of the inputs failed validation."
            job.completed = now()

    # -- files ----------------------------------------------------------------------------
    def add_file_to_object(
        self, target: tuple[str, str], slug: str, upload_pk: str, user_pk: int
    ) -> None:
        """Validate a file upload for a File socket, copy it to protected storage, link it."""
        st = self.state
        with st.lock:
            u = st.uploads.get(upload_pk)
            socket = st.sockets[slug]
        if u is None:
            return
        try:
            data = self.storage.get_bytes(self.storage.uploads_bucket, u.key)
        except ClientError:  # never completed
            data = None
        error = self._validate_file(socket, data) if data is not None else "File not found"
        with st.lock:
            if error is not None:
                if target[0] in ("job", "invocation"):
                    self._cancel_target(target)
                else:  # only a notification on the real server; the upload stays
                    st.notify(
                        user_pk,
                        f"File for interface {socket.title} failed validation: {error}.",
                    )
                return
            civ = st.new_civ(slug, file_name=u.filename)
            civ.file_key = self._civ_key(civ, u.filename)
        self.storage.client.copy_object(
            Bucket=self.storage.protected_bucket,
            Key=civ.file_key,
            CopySource={"Bucket": self.storage.uploads_bucket, "Key": u.key},
        )
        with st.lock:
            self._set_value(target[0], target[1], slug, civ)
            from .views.uploads import delete_upload

            delete_upload(st, self.storage, u)

    @staticmethod
    def _civ_key(civ: CIV, filename: str) -> str:
        h = f"{civ.pk:04d}"
        return f"components/componentinterfacevalue/{h[-4:-2]}/{h[-2:]}/{civ.pk}/{filename}"

    @staticmethod
    def _validate_file(socket: Socket, data: bytes) -> str | None:
        if socket.kind == "PDF":
            return None if data.startswith(b"%PDF") else "File is not a PDF"
        if socket.kind in ("CSV", "ZIP", "SQREG", "OBJ", "MP4", "NEWCK", "BIOM", "JPEG", "PNG"):
            return None
        try:
            value = json.loads(data)
        except ValueError:
            return "Input is not valid JSON"
        return schema_error(socket, value)

    # -- jobs -----------------------------------------------------------------------------
    def _step(self, job_pk: str, status: str) -> bool:
        with self.state.lock:
            job = self.state.jobs[job_pk]
            if job.status in JOB_TERMINAL:
                return False
            job.set_status(status)
            return True

    def job_queue(self, job_pk: str) -> None:
        """Inputs complete: ``Queued``, then provisioning."""
        if self._step(job_pk, JOB_QUEUED):
            self.gc.worker.submit(self.job_provision, job_pk, delay=self.gc.job_step_seconds)

    def job_provision(self, job_pk: str) -> None:
        if self._step(job_pk, JOB_PROVISIONED):
            self.gc.worker.submit(self.job_execute, job_pk, delay=self.gc.job_step_seconds)

    def job_execute(self, job_pk: str) -> None:
        st = self.state
        if not self._step(job_pk, JOB_EXECUTING):
            return
        with st.lock:
            job = st.jobs[job_pk]
            job.started = now()
            alg = st.algorithms[job.algorithm]
            action = st.take_job_script(alg.slug)
            civs = {slug: st.civs[pk] for slug, pk in job.inputs.items()}
        if action == "cancel":
            with st.lock:
                job.set_status(JOB_CANCELLED)
                job.completed = now()
            return
        if action == "retry":  # a transient backend error: provision and execute again
            if self._step(job_pk, JOB_PROVISIONED):
                self.gc.worker.submit(self.job_execute, job_pk, delay=self.gc.job_step_seconds)
            return
        time.sleep(self.gc.job_step_seconds)
        try:
            if action == "fail":
                raise RuntimeError("Scripted failure")
            inputs = {slug: self._load_input(c) for slug, c in civs.items()}
            outputs = FUNCTIONS[alg.function](inputs)
        except Exception as e:
            with st.lock:
                job.set_status(JOB_FAILED)
                job.error_message = str(e)
                job.completed = now()
            return
        if self._step(job_pk, JOB_EXECUTED):
            self.gc.worker.submit(
                self.job_parse_outputs, job_pk, outputs, delay=self.gc.job_step_seconds
            )

    def _load_input(self, civ: CIV) -> Any:
        import SimpleITK as sitk

        if civ.image is not None:
            img = self.state.images[civ.image]
            f = next((f for f in img.files if f.image_type == "MHD"), img.files[0])
            data = self.storage.get_bytes(self.storage.protected_bucket, f.key)
            if f.image_type == "TIFF":
                import tifffile

                return sitk.GetImageFromArray(tifffile.imread(io.BytesIO(data)))
            with tempfile.TemporaryDirectory() as tmp:
                p = Path(tmp, "in.mha")
                p.write_bytes(data)
                return sitk.ReadImage(str(p))
        if civ.file_key is not None:
            data = self.storage.get_bytes(self.storage.protected_bucket, civ.file_key)
            socket = self.state.sockets[civ.socket]
            if socket.kind in ("PDF", "CSV", "ZIP"):
                return data
            return json.loads(data)
        return civ.value

    def job_parse_outputs(self, job_pk: str, outputs: dict[str, Any]) -> None:
        """Store outputs and set ``Succeeded`` in one step, as the server's transaction does."""
        st = self.state
        with st.lock:
            job = st.jobs[job_pk]
            if job.status in JOB_TERMINAL:
                return
        civs: dict[str, CIV] = {}
        for slug, out in outputs.items():
            civs[slug] = self._store_output(slug, out, job.creator)
        with st.lock:
            if job.status in JOB_TERMINAL:
                return
            for slug, civ in civs.items():
                job.outputs[slug] = civ.pk
            job.set_status(JOB_SUCCEEDED)
            job.completed = now()
            alg = st.algorithms[job.algorithm]
            done = [
                (j.completed - j.started).total_seconds()
                for j in st.jobs.values()
                if j.algorithm == alg.pk and j.status == JOB_SUCCEEDED and j.started and j.completed
            ]
            alg.average_duration = sum(done) / len(done) if done else None

    def _store_output(self, slug: str, out: Any, creator: int) -> CIV:
        st = self.state
        socket = st.sockets[slug]
        if socket.super_kind == "Image":
            if isinstance(out, Tiff):
                img = self._store_tiff(out, f"{slug}.tif", creator)
            else:
                img = st.store_sitk_image(out, name=f"{slug}.mha", viewers=[creator])
                if socket.kind == "SEG":
                    import SimpleITK as sitk

                    img.segments = sorted(int(v) for v in np.unique(sitk.GetArrayFromImage(out)))
            return st.new_civ(slug, image=img.pk)
        if socket.super_kind == "File":
            data = out if isinstance(out, bytes) else json.dumps(out).encode()
            civ = st.new_civ(slug, file_name=Path(socket.relative_path).name)
            civ.file_key = self._civ_key(civ, civ.file_name or slug)
            self.storage.put_bytes(self.storage.protected_bucket, civ.file_key, data)
            return civ
        return st.new_civ(slug, value=out)

    def _store_tiff(self, tiff: Tiff, name: str, creator: int) -> Image:
        import tifffile

        buf = io.BytesIO()
        tifffile.imwrite(buf, tiff.array, photometric="rgb")
        h, w = tiff.array.shape[:2]
        img = Image(
            pk=new_uuid(),
            name=name,
            width=int(w),
            height=int(h),
            depth=None,
            color_space="RGB",
            viewers={creator},
        )
        self.state.attach_file(img, buf.getvalue(), f"{img.pk}.tif", "TIFF")
        with self.state.lock:
            self.state.images[img.pk] = img
        return img

    # -- algorithm endpoints and invocations (on-demand inference, research §12.1) -------
    def endpoint_start(self, endpoint_pk: str) -> None:
        """``Queued`` -> ``Started`` (the container is being started)."""
        st = self.state
        with st.lock:
            ep = st.refresh_endpoint(st.endpoints[endpoint_pk])
            if ep.status != ENDPOINT_QUEUED:
                return
            ep.set_status(ENDPOINT_STARTED)
        self.gc.worker.submit(self.endpoint_run, endpoint_pk, delay=self.gc.job_step_seconds)

    def endpoint_run(self, endpoint_pk: str) -> None:
        """``Started`` -> ``Running``; invocations queued meanwhile start now."""
        st = self.state
        with st.lock:
            ep = st.refresh_endpoint(st.endpoints[endpoint_pk])
            if ep.status != ENDPOINT_STARTED:
                return
            ep.set_status(ENDPOINT_RUNNING)
            queued = sorted(
                (
                    i
                    for i in st.invocations.values()
                    if i.endpoint == endpoint_pk and i.status == JOB_QUEUED
                ),
                key=lambda i: i.created,
            )
        for inv in queued:
            self.gc.worker.submit(self.invocation_execute, inv.pk, delay=self.gc.job_step_seconds)

    def invocation_queue(self, invocation_pk: str) -> None:
        """Inputs complete: ``Queued``; executed now if the endpoint runs, else once it does."""
        st = self.state
        with st.lock:
            inv = st.invocations[invocation_pk]
            if inv.status in JOB_TERMINAL:
                return
            inv.set_status(JOB_QUEUED)
            ep = st.refresh_endpoint(st.endpoints[inv.endpoint])
            running = ep.status == ENDPOINT_RUNNING
        if running:
            self.gc.worker.submit(
                self.invocation_execute, invocation_pk, delay=self.gc.job_step_seconds
            )

    def invocation_execute(self, invocation_pk: str) -> None:
        """``Started``, run the algorithm's function, store the outputs, ``Succeeded``.

        Scripted job outcomes (``fail_next_job``, ``cancel_next_job``) apply here too.
        """
        st = self.state
        with st.lock:
            inv = st.invocations[invocation_pk]
            if inv.status != JOB_QUEUED:
                return
            inv.set_status(INVOCATION_STARTED)
            alg = st.algorithms[inv.algorithm]
            action = st.take_job_script(alg.slug)
            civs = {slug: st.civs[pk] for slug, pk in inv.inputs.items()}
        if action == "cancel":
            with st.lock:
                inv.set_status(JOB_CANCELLED)
            return
        time.sleep(self.gc.job_step_seconds)
        try:
            if action == "fail":
                raise RuntimeError("Scripted failure")
            inputs = {slug: self._load_input(c) for slug, c in civs.items()}
            outputs = FUNCTIONS[alg.function](inputs)
            stored = {
                slug: self._store_output(slug, out, inv.creator) for slug, out in outputs.items()
            }
        except Exception as e:
            with st.lock:
                inv.set_status(JOB_FAILED)
                inv.error_message = str(e)
            return
        with st.lock:
            for slug, civ in stored.items():
                inv.outputs[slug] = civ.pk
            inv.set_status(JOB_SUCCEEDED)

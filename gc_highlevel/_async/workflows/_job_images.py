"""The images of jobs this client knows: images read or listed before (their names and files
never change once imported), and the names of input files it uploaded for jobs.

Kept per client by ``client.jobs`` (``known_images``), so that naming outputs after their
inputs costs no request for an image seen before.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from gc_highlevel._async.workflows._outputs import WithValues, image_pk
from gc_highlevel._concurrency import AsyncGroup, WorkQueue
from gc_highlevel._exceptions import ObjectNotFoundError
from gc_highlevel.socket_values import CasePlan, Route

if TYPE_CHECKING:
    from gc_api.models.hyperlinked_image import HyperlinkedImage
    from gc_highlevel._async._client import AsyncClient

#: Image detail requests in flight at once when reading the images of jobs. The image list
#: cannot find them in bulk: it has no pk filter, and its ``job_input``/``job_output`` filters
#: answer 500 on grand-challenge as deployed (``cases/filters.py`` names a relation that does
#: not exist), so each image the client has not seen yet costs one GET.
IMAGE_READ_CONCURRENCY = 8
#: Images remembered per client (name and files never change once imported): an image listed
#: by ``outputs_by_input(archive=...)`` or read once is not read again.
IMAGE_CACHE_SIZE = 10_000


class AsyncKnownImages:
    """Images by pk (the newest :data:`IMAGE_CACHE_SIZE`) and the input file names of jobs
    (package-internal: reached as ``client.jobs.known_images``)."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client
        self._seen_images: dict[str, HyperlinkedImage] = {}
        self._input_file_names: dict[uuid.UUID, str] = {}

    def remember(self, images: Iterable[HyperlinkedImage]) -> None:
        """Keep ``images`` for later look-ups by pk (the oldest go beyond the cache size)."""
        seen = self._seen_images
        for image in images:
            seen.pop(str(image.pk), None)
            seen[str(image.pk)] = image
        while len(seen) > IMAGE_CACHE_SIZE:
            del seen[next(iter(seen))]

    async def read(
        self, pks: Iterable[str | uuid.UUID], *, missing_ok: bool = False
    ) -> dict[str, HyperlinkedImage]:
        """The images with these pks: those seen before from memory, the others with one GET
        each, :data:`IMAGE_READ_CONCURRENCY` at a time. An image the server does not show
        raises :class:`ObjectNotFoundError` (with ``missing_ok``: is left out)."""
        wanted = list(dict.fromkeys(str(pk) for pk in pks))
        out = {pk: self._seen_images[pk] for pk in wanted if pk in self._seen_images}
        queue = WorkQueue([pk for pk in wanted if pk not in out])

        async def worker() -> None:
            while (pk := queue.take()) is not None:
                try:
                    out[pk] = await self._client.images.get(pk)
                except ObjectNotFoundError:
                    if not missing_ok:
                        queue.stop()
                        raise
                except BaseException:
                    queue.stop()
                    raise

        todo = len(wanted) - len(out)
        if todo:
            await AsyncGroup.run_workers(min(IMAGE_READ_CONCURRENCY, todo), worker, stop=queue.stop)
        self.remember(out.values())
        return {pk: out[pk] for pk in wanted if pk in out}

    def note_input_file(self, job: uuid.UUID, plan: CasePlan) -> None:
        """Remember the name of the job's one input image when this client uploaded it as one
        file: the server names an imported image after its file, so no request reads it."""
        images = [v for v in plan.values if v.route in (Route.IMAGE_UPLOAD, Route.IMAGE)]
        if len(images) == 1 and images[0].route is Route.IMAGE_UPLOAD and len(images[0].paths) == 1:
            self._input_file_names[job] = images[0].paths[0].name
            while len(self._input_file_names) > IMAGE_CACHE_SIZE:
                del self._input_file_names[next(iter(self._input_file_names))]

    async def input_names(self, jobs: Sequence[WithValues]) -> dict[uuid.UUID, str]:
        """The name of each job's first input image, from the jobs' own inputs: the file this
        client uploaded for it, else the image (one GET per image not seen before); a job
        without a readable input image is named by its pk."""
        known = {j.pk: self._input_file_names[j.pk] for j in jobs if j.pk in self._input_file_names}
        firsts = {
            job.pk: pk
            for job in jobs
            if job.pk not in known
            and (pk := next((p for v in job.inputs if (p := image_pk(v.image))), None))
        }
        images = await self.read(firsts.values(), missing_ok=True)
        for job_pk, input_pk in firsts.items():
            if input_pk in images:
                known[job_pk] = images[input_pk].name
        return {job.pk: known.get(job.pk, str(job.pk)) for job in jobs}

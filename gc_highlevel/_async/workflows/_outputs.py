"""Saving the outputs of jobs and invocations: which outputs are wanted, the file each one goes
to (named after its input, see :mod:`gc_highlevel.naming`), and downloading them or writing
their values as JSON (atomically).

Used by ``client.jobs.download_outputs`` and by the endpoint sessions' ``download_outputs``.
"""

from __future__ import annotations

import difflib
import json
import os
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from gc_highlevel._exceptions import InvalidArgumentError
from gc_highlevel.naming import IMAGE_TYPE_SUFFIX, choose_image_file, dedupe, output_filename
from gc_highlevel.types import socket_of
from gc_highlevel.workflow_types import DownloadedOutput

if TYPE_CHECKING:
    from gc_api.models.hyperlinked_component_interface_value import (
        HyperlinkedComponentInterfaceValue,
    )
    from gc_api.models.hyperlinked_image import HyperlinkedImage
    from gc_highlevel._async._client import AsyncClient


class WithValues(Protocol):
    """A job or an invocation: a pk and its input and output socket values."""

    @property
    def pk(self) -> uuid.UUID: ...

    @property
    def inputs(self) -> Sequence[HyperlinkedComponentInterfaceValue]: ...

    @property
    def outputs(self) -> Sequence[HyperlinkedComponentInterfaceValue]: ...


def image_pk(url: str | None) -> str | None:
    """The pk of the image a socket value's ``image`` URL names; None without one."""
    return url.rstrip("/").rsplit("/", 1)[-1] if url else None


def wanted_sockets(sockets: Iterable[str] | None) -> set[str] | None:
    """The slugs of ``sockets=`` (None: every output); one slug given as a string is one
    socket, not its letters."""
    if sockets is None:
        return None
    return {sockets} if isinstance(sockets, str) else set(sockets)


def check_output_sockets(wanted: set[str] | None, jobs: Sequence[WithValues]) -> None:
    """Raise if ``wanted`` names a socket that no job here has as an output (a typo would
    otherwise download nothing, silently). Jobs without outputs (failed) prove nothing."""
    present = {socket_of(v).slug for job in jobs for v in job.outputs}
    unknown = sorted((wanted or set()) - present)
    if not unknown or not present:
        return
    near = [m for s in unknown for m in difflib.get_close_matches(s, sorted(present), n=1)]
    hint = f"; did you mean {' or '.join(repr(m) for m in near)}?" if near else ""
    raise InvalidArgumentError(
        f"sockets={unknown}: no output of these jobs is on "
        f"{'that socket' if len(unknown) == 1 else 'those sockets'} "
        f"(their outputs: {', '.join(sorted(present))}){hint}"
    )


@dataclass(frozen=True)
class PlannedOutput:
    """One output to save: from ``url`` (a download) or ``value`` (written as JSON)."""

    job_pk: uuid.UUID
    socket: str
    input_name: str
    name: str
    url: str | None
    value: object


async def plan_output(
    client: AsyncClient,
    job: WithValues,
    value: HyperlinkedComponentInterfaceValue,
    names: Mapping[uuid.UUID, str],
    images: Mapping[str, HyperlinkedImage],
    image_types: Sequence[str],
    template: str,
) -> PlannedOutput | None:
    """Where one output goes: an image file, a file value, or a JSON value (None: an image
    without a file of ``image_types``). An output image not in ``images`` is read (one GET)."""
    input_name = names.get(job.pk, str(job.pk))
    input_pk = next((p for v in job.inputs if (p := image_pk(v.image))), "")
    url: str | None = None
    output_image_pk = image_pk(value.image)
    if output_image_pk is not None:
        image = images.get(output_image_pk) or await client.images.get(output_image_pk)
        chosen = choose_image_file(image.files, image_types)
        if chosen is None:
            return None
        url, suffix = chosen.file, IMAGE_TYPE_SUFFIX.get(str(chosen.image_type), "")
    elif isinstance(value.file, str) and value.file:
        url, suffix = value.file, Path(value.file.split("?")[0]).suffix
    else:
        suffix = ".json"
    name = output_filename(
        input_name,
        socket=socket_of(value).slug,
        suffix=suffix,
        image_pk=output_image_pk or "",
        input_pk=input_pk,
        job_pk=job.pk,
        template=template,
    )
    return PlannedOutput(job.pk, socket_of(value).slug, input_name, name, url, value.value)


async def save_outputs(
    client: AsyncClient,
    planned: Sequence[PlannedOutput],
    target: Path,
    *,
    overwrite: bool,
    progress: bool | None,
) -> list[DownloadedOutput]:
    """Download (or write as JSON) every planned output into ``target``."""
    paths = dedupe(target / p.name for p in planned)
    results = await client.transfers.download_many(
        [(p.url, path) for p, path in zip(planned, paths, strict=True) if p.url is not None],
        overwrite=overwrite,
        progress=progress,
    )
    results.raise_for_errors()
    skipped = {r.path: r.skipped for r in results.values()}
    out = []
    for p, path in zip(planned, paths, strict=True):
        if p.url is None:
            existed = path.exists() and not overwrite
            if not existed:
                _write_json(path, p.value)
            was_there = existed
        else:
            was_there = skipped.get(path, False)
        out.append(DownloadedOutput(p.job_pk, p.socket, path, p.input_name, skipped=was_there))
    return out


def _write_json(path: Path, value: object) -> None:
    from gc_api.types import Unset

    tmp = path.with_name(path.name + ".part")
    tmp.write_text(json.dumps(None if isinstance(value, Unset) else value, indent=2), "utf-8")
    os.replace(tmp, path)

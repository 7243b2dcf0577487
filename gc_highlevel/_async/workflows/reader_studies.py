"""Reader-study workflows: add display sets without orphans, reorder and update them, read the
answers as readable rows or CSV, download mask answers, read the ground truth.

Reached through ``client.reader_studies`` (``add_display_sets``, ``reorder``,
``update_display_set``, ``answers``, ``answers_csv``, ``download_masks``,
``ground_truth_rows``).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from gc_highlevel._async._references import parse_ref, ref_pk
from gc_highlevel._async.resources.reader_studies import AsyncReaderStudies
from gc_highlevel._async.workflows._batches import DEFAULT_CASE_CONCURRENCY, finish
from gc_highlevel._async.workflows._case_uploads import upload_case
from gc_highlevel._async.workflows._journals import JournalOption, StepCallback, batch_journal
from gc_highlevel._async.workflows._titles import check_titles
from gc_highlevel._async.workflows._value_sets import ValueSetBatch, ValueSetOps, refillable
from gc_highlevel._exceptions import (
    DisplaySetsLockedError,
    InvalidArgumentError,
    ObjectNotFoundError,
)
from gc_highlevel._references import Ref
from gc_highlevel._validate import check_count
from gc_highlevel.answer_rows import AnswerRow, answer_rows, readable_answer, write_answers_csv
from gc_highlevel.naming import choose_image_file, dedupe, safe_filename, strip_image_suffix
from gc_highlevel.progress import ProgressCallback
from gc_highlevel.socket_values import CaseValues, plan_case, plan_cases, precheck_cases
from gc_highlevel.types import socket_of
from gc_highlevel.workflow_types import BatchResult, GroundTruthRow

if TYPE_CHECKING:
    from gc_api.models.answer import Answer
    from gc_api.models.component_interface_value_post_request import (
        ComponentInterfaceValuePostRequest,
    )
    from gc_api.models.display_set import DisplaySet
    from gc_api.models.display_set_post import DisplaySetPost
    from gc_api.models.reader_study import ReaderStudy

__all__ = ["AsyncReaderStudyWorkflows"]


def _pk(obj: object, collection: str) -> uuid.UUID:
    return ref_pk(obj, collection)


class AsyncReaderStudyWorkflows(AsyncReaderStudies):
    """``client.reader_studies``: the resource's calls (see :class:`AsyncReaderStudies`) and its workflows."""

    async def _resolve(self, reader_study: Ref) -> ReaderStudy:
        """A reader study from the object, its slug, pk or ``api_url``."""
        from gc_api.models.reader_study import ReaderStudy

        if isinstance(reader_study, ReaderStudy):
            return reader_study
        return await self._client.reader_studies.get(
            parse_ref(reader_study, "reader-studies/", what="reader study")
        )

    # -- display sets ------------------------------------------------------------------------

    async def add_display_sets(
        self,
        reader_study: Ref,
        cases: Sequence[CaseValues] | Mapping[str, object],
        *,
        titles: Sequence[str] | None = None,
        orders: Sequence[int] | None = None,
        journal: JournalOption = True,
        concurrency: int = DEFAULT_CASE_CONCURRENCY,
        progress: bool | None = None,
        byte_progress: ProgressCallback | None = None,
        on_step: StepCallback | None = None,
        wait_for_lock: float | None = None,
        wait: bool = True,
        timeout: float | None = 600,
        raise_on_error: bool = True,
    ) -> BatchResult[DisplaySetPost]:
        """Add one display set per case, with the same no-orphan rule as archive cases.

        Validated first; per case the files are uploaded, then the display set is created and
        filled in one PATCH (values and title). Rerunning the same batch finishes interrupted
        cases without duplicates (journal in the user cache dir by default); a display set is
        created titled with a marker the journal records, as in ``archives.add_cases``. The new
        display sets follow the existing ones in the order of ``cases`` (files upload in
        parallel; the display sets are created one after the other), or take the given
        ``orders``. The call returns once the server has attached every image and file
        (``wait=False``: at once); a case the server could not import fails with
        :class:`ImportFailedError` and a rerun fills its display set, and a refusal that would
        repeat for every case stops the batch with :class:`CaseNotStartedError` for the rest
        (see ``archives.add_cases``).

        ``byte_progress`` receives the bytes the uploads send, as
        :class:`~gc_highlevel.progress.ProgressEvent` objects for the whole batch
        (``done``/``total`` over every file; ``total`` grows as uploads start; parts a rerun
        finds on the server count as done). The uploads themselves show no bar (``progress``
        counts cases).

        Another run of the same batch (same journal file; another process too) is waited for,
        then this one resumes from the journal, making nothing twice: as long as it takes by
        default, else up to ``wait_for_lock`` seconds before :class:`BatchInProgressError`
        (0: fail at once). ``journal=False`` takes no lock.

        If any case failed, :class:`~gc_highlevel.BatchError` is raised once every other case
        has finished, with the whole result as its ``.result``; ``raise_on_error=False``
        returns the result instead (see ``result.failed``).

        Example:
            >>> result = await client.reader_studies.add_display_sets(
            ...     "corads-score-exam",
            ...     [{"ct-image": ct, "airway-segmentation": seg, "some-score": 2.1}
            ...      for ct, seg in pairs],
            ... )
        """
        check_count("concurrency", concurrency)
        # One case may be given as its dict of values, as in ``algorithms.run``.
        cases = precheck_cases(cases)
        slug, known = await self._slug_of(reader_study)
        slugs = {
            str(k)
            for case in cases
            for k in (case.keys() if isinstance(case, Mapping) else (k for k, _ in case))
        }
        sockets = await self._client.sockets.get_many(slugs)
        plans = plan_cases(
            cases, sockets, target=f"reader study {slug!r}", known=self._client.sockets.known()
        )
        check_titles(titles, len(plans), "reader study")
        if orders is not None and len(orders) != len(plans):
            raise InvalidArgumentError(f"{len(orders)} orders for {len(plans)} cases")
        study_cache: list[ReaderStudy] = [known] if known is not None else []

        async def study() -> ReaderStudy:  # only needed to adopt or to wait
            if not study_cache:
                study_cache.append(await self._resolve(slug))
            return study_cache[0]

        async def create(index: int, marker: str) -> uuid.UUID:
            order = orders[index] if orders is not None else None
            ds = await self._client.display_sets.create(
                reader_study=slug, title=marker, order=order
            )
            return ds.pk

        async def fill(
            pk: uuid.UUID, index: int, values: list[ComponentInterfaceValuePostRequest]
        ) -> DisplaySetPost:
            title = titles[index] if titles is not None else ""
            return await self._client.display_sets.partial_update(pk, values=values, title=title)

        async def adopt(marker: str) -> uuid.UUID | None:
            listing = self._client.display_sets.list(reader_study=await study(), page_size=1000)
            async for ds in listing:
                if (
                    ds.title_safe == marker
                ):  # reads carry only title_safe; a marker has nothing to escape
                    return ds.pk
            return None

        async def reuse(pk: uuid.UUID, index: int) -> bool:
            try:
                ds = await self._client.display_sets.get(pk)
            except ObjectNotFoundError:
                return False
            if not refillable((socket_of(v).slug for v in ds.values), plans[index]):
                return False
            order = orders[index] if orders is not None else None
            if order is not None and order != ds.order:  # its title is set by the fill
                await self._client.display_sets.partial_update(pk, order=order)
            return True

        async def exists() -> bool:
            try:
                await self._client.reader_studies.get(slug=slug)
            except ObjectNotFoundError:
                return False
            return True

        async def present() -> dict[str, set[str]]:
            listing = self._client.display_sets.list(reader_study=await study(), page_size=1000)
            return {str(d.pk): {socket_of(v).slug for v in d.values} async for d in listing}

        async with batch_journal(
            journal, f"reader-study-{slug}", self._client, wait_for_lock=wait_for_lock
        ) as book:
            batch = ValueSetBatch(
                self._client,
                target=f"reader-study:{slug}",
                journal=book,
                ops=ValueSetOps(
                    "display set",
                    create,
                    fill,
                    adopt,
                    reuse,
                    ordered=orders is None,
                    exists=exists,
                    present=present,
                ),
                on_step=on_step,
                byte_progress=byte_progress,
            )
            result = await batch.run(
                plans, concurrency=concurrency, progress=progress, description=f"add to {slug}"
            )
            if wait:
                result = await batch.settle(result, plans, present, timeout=timeout)
        return finish(result, raise_on_error=raise_on_error)

    async def _slug_of(self, reader_study: Ref) -> tuple[str, ReaderStudy | None]:
        """The study's slug without a request when given one; else the study itself."""
        ref = reader_study if isinstance(reader_study, str) else None
        if ref is not None and isinstance(
            parse_ref(ref, "reader-studies/", what="reader study"), str
        ):
            return ref.strip(), None
        study = await self._resolve(reader_study)
        return study.slug, study

    async def update_display_set(
        self,
        display_set: Ref,
        *,
        values: CaseValues | None = None,
        title: str | None = None,
        order: int | None = None,
    ) -> DisplaySetPost:
        """Add or replace values (validated first, files uploaded), and/or set title or order.

        The server refuses any change once the display set has answers.

        Example:
            >>> await client.reader_studies.update_display_set(ds, values={"some-score": 7.9})
        """
        requests = None
        if values is not None:
            pairs = list(values.items()) if isinstance(values, Mapping) else list(values)
            sockets = await self._client.sockets.get_many([str(k) for k, _ in pairs])
            plan = plan_case(
                pairs, sockets, target="display set", known=self._client.sockets.known()
            )
            requests = plan.requests(await upload_case(self._client, plan))
        return await self._client.display_sets.partial_update(
            _pk(display_set, "reader-studies/display-sets/"),
            values=requests,
            title=title,
            order=order,
        )

    async def display_sets(self, reader_study: Ref) -> list[DisplaySet]:
        """The study's display sets in their order (1000 per request)."""
        study = await self._resolve(reader_study)
        return await self._client.display_sets.list(reader_study=study, page_size=1000).to_list()

    async def reorder(
        self, display_sets: Sequence[object], *, step: int = 10
    ) -> list[DisplaySetPost]:
        """Put ``display_sets`` in this order (``order`` = 10, 20, ...); unchanged ones are
        not sent.

        grand-challenge refuses to change a display set that has answers, so the answers are
        read first (one list request per study, 1000 answers each; one request per display
        set given by pk alone) and, if any display set to move has answers, nothing is
        changed: :class:`DisplaySetsLockedError` names them (``.locked``). Answered display
        sets keep their place: reorder the others around them.

        Example:
            >>> sets = await client.reader_studies.display_sets("corads-score-exam")
            >>> await client.reader_studies.reorder(list(reversed(sets)))
        """
        moves: dict[uuid.UUID, int] = {}
        studies: dict[uuid.UUID, uuid.UUID | str | None] = {}
        for n, ds in enumerate(display_sets, 1):
            wanted = n * step
            order, study = getattr(ds, "order", None), getattr(ds, "reader_study", None)
            if isinstance(order, int) and order == wanted:
                continue  # a display set object already in place
            pk = _pk(ds, "reader-studies/display-sets/")
            moves[pk] = wanted
            # DisplaySet.reader_study is the study's api_url, DisplaySetPost's its slug
            known = isinstance(study, str) and study
            studies[pk] = (
                parse_ref(study, "reader-studies/", what="reader study") if known else None
            )
        answered = await self._answered(studies)
        locked = [pk for pk in moves if pk in answered]
        if locked:
            shown = ", ".join(str(pk) for pk in locked[:10])
            more = f" and {len(locked) - 10} more" if len(locked) > 10 else ""
            raise DisplaySetsLockedError(
                f"{len(locked)} of the {len(moves)} display sets to move already have answers "
                f"({shown}{more}), and grand-challenge refuses to change an answered display "
                "set. Nothing was changed: leave those where they are and reorder the others",
                locked=locked,
            )
        return [
            await self._client.display_sets.partial_update(pk, order=wanted)
            for pk, wanted in moves.items()
        ]

    async def _answered(
        self, studies: Mapping[uuid.UUID, uuid.UUID | str | None]
    ) -> set[uuid.UUID]:
        """Which of these display sets (pk → their study's pk or slug, if known) have answers:
        the answers of each study in one list, else one request per display set."""
        answered: set[uuid.UUID] = set()
        for ref in sorted({s for s in studies.values() if s is not None}, key=str):
            async for answer in self._client.answers.list(reader_study=ref, page_size=1000):
                if isinstance(answer.display_set, str):
                    answered.add(_pk(answer.display_set, "reader-studies/display-sets/"))
        for pk, study in studies.items():
            if study is None:
                listing = self._client.answers.list(display_set=pk, page_size=1)
                if await listing.first() is not None:
                    answered.add(pk)
        return answered

    # -- answers -----------------------------------------------------------------------------

    async def answers(self, reader_study: Ref, *, mine: bool = False) -> list[AnswerRow]:
        """The study's answers (all you may see, or only yours) as readable rows: question
        text, the answer in words (option titles for choices), creator, display set title.

        Example:
            >>> for row in await client.reader_studies.answers("corads-score-exam"):
            ...     print(row.display_set_title, row.question, row.answer_text)
        """
        study = await self._resolve(reader_study)
        listing = (
            self._client.answers.mine(reader_study=study, page_size=1000)
            if mine
            else self._client.answers.list(reader_study=study, page_size=1000)
        )
        answers = await listing.to_list()
        sets = await self._client.display_sets.list(reader_study=study, page_size=1000).to_list()
        return answer_rows(answers, study.questions, sets)

    async def answers_csv(
        self, reader_study: Ref, path: str | os.PathLike[str], *, mine: bool = False
    ) -> Path:
        """Write the answers to a CSV file (one row per answer, readable columns).

        Example:
            >>> await client.reader_studies.answers_csv("corads-score-exam", "answers.csv")
        """
        write_answers_csv(await self.answers(reader_study, mine=mine), path)
        return Path(path)

    async def download_masks(
        self,
        reader_study: Ref,
        directory: str | os.PathLike[str],
        *,
        mine: bool = False,
        image_types: Sequence[str] = ("MHD", "TIFF"),
    ) -> list[Path]:
        """Download the images of Mask answers, named ``<display set>_<creator>_<question>``.

        Example:
            >>> paths = await client.reader_studies.download_masks("corads-score-exam", "masks/")
        """
        rows = [r for r in await self.answers(reader_study, mine=mine) if r.answer_image]
        pairs: list[tuple[str, Path]] = []
        target = Path(directory)
        for row in rows:
            image = await self._client.images.get(api_url=row.answer_image)
            chosen = choose_image_file(image.files, image_types)
            if chosen is None:
                continue
            ext = Path(chosen.file.split("?")[0]).suffix
            stem = "_".join(
                [
                    strip_image_suffix(row.display_set_title or row.display_set_pk),
                    row.creator,
                    row.question,
                ]
            )
            pairs.append((chosen.file, target / safe_filename(stem + ext)))
        paths = dedupe(p for _, p in pairs)
        results = await self._client.transfers.download_many(
            [(url, path) for (url, _), path in zip(pairs, paths, strict=True)], progress=False
        )
        results.raise_for_errors()
        return [r.path for r in results.values()]

    async def answer_mask(
        self, *, question: Ref, display_set: Ref, mask: str | os.PathLike[str]
    ) -> Answer:
        """Answer a Mask question with an image file: the answer is created, the mask is
        uploaded and imported onto it (the server checks its voxel values in the background).

        Example:
            >>> await client.reader_studies.answer_mask(question=q, display_set=ds,
            ...                                         mask=Path("lesions.mha"))
        """
        answer = await self._client.answers.create(
            question=_pk(question, "reader-studies/questions/"),
            display_set=_pk(display_set, "reader-studies/display-sets/"),
            answer=None,
        )
        upload = await self._client.transfers.upload(Path(mask), progress=False)
        await self._client.upload_sessions.create(uploads=[upload.api_url], answer=answer.pk)
        return answer

    async def ground_truth_rows(self, reader_study: Ref) -> list[GroundTruthRow]:
        """The ground truth of every display set (educational studies only), readable.

        Example:
            >>> for row in await client.reader_studies.ground_truth_rows("my-course"):
            ...     print(row.question, row.answer_text)
        """
        study = await self._resolve(reader_study)
        questions = {str(q.pk): q for q in study.questions}
        rows = []
        for ds in await self.display_sets(study):
            try:
                truth = await self._client.reader_studies.ground_truth(study, ds)
            except ObjectNotFoundError:
                continue
            for q_pk, raw in truth.additional_properties.items():
                question = questions.get(str(q_pk))
                # The server's answer_text is the raw answer for non-choice questions
                # (True for a Bool): only a non-empty string is already readable.
                given = raw.answer_text
                readable = isinstance(given, str) and given
                text = given if readable else readable_answer(raw.answer, question)
                rows.append(
                    GroundTruthRow(str(ds.pk), str(q_pk), raw.question_text, raw.answer, text)
                )
        return rows

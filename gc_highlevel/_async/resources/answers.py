"""``client.answers``: reader-study answers, everyone's you may see and your own."""

from __future__ import annotations

import datetime
from typing import Any

from gc_api.api.reader_studies import (
    reader_studies_answers_create,
    reader_studies_answers_list,
    reader_studies_answers_mine_retrieve,
    reader_studies_answers_partial_update,
    reader_studies_answers_retrieve,
)
from gc_api.models.answer import Answer
from gc_api.models.answer_request import AnswerRequest
from gc_api.models.paginated_answer_list import PaginatedAnswerList
from gc_api.models.patched_answer_request import PatchedAnswerRequest
from gc_highlevel._async._pagination import AsyncPaginator
from gc_highlevel._async._references import ref_pk, resolve_url
from gc_highlevel._async._resource import AsyncAPIResource
from gc_highlevel._references import Ref, describe
from gc_highlevel._utils import unset


def iso_duration(value: datetime.timedelta | str | None) -> str | None:
    """``timedelta(seconds=12)`` → ``"P0DT00H00M12S"`` (the server's duration format)."""
    if value is None or isinstance(value, str):
        return value
    total = int(value.total_seconds())
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"P{days}DT{hours:02d}H{minutes:02d}M{seconds:02d}S"


class AsyncAnswers(AsyncAPIResource):
    """Answers (``/api/v1/reader-studies/answers/``). No delete through the API.

    There is no ``update`` (PUT): the server only lets ``answer`` and ``last_edit_duration``
    change, while the schema's PUT body requires ``question`` and ``display_set`` too, so a
    PUT can never succeed. Use :meth:`partial_update`.
    """

    noun = "answer"
    collection = "reader-studies/answers/"

    def _list(
        self,
        fn: Any,
        name: str,
        *,
        reader_study: Ref | None,
        display_set: Ref | None,
        creator: str | None,
        is_ground_truth: bool | None,
        page_size: int | None,
    ) -> AsyncPaginator[Answer]:
        study = self._lazy(reader_study, "reader-studies/", what=f"{name}(reader_study=...)")
        ds = self._lazy(
            display_set, "reader-studies/display-sets/", what=f"{name}(display_set=...)"
        )

        async def fetch(*, offset: int, limit: int) -> PaginatedAnswerList:
            result: PaginatedAnswerList = await self._call(
                fn,
                question_reader_study=unset(await study.pk()),
                display_set=unset(await ds.pk()),
                creator=unset(creator),
                is_ground_truth=unset(is_ground_truth),
                offset=offset,
                limit=limit,
            )
            return result

        what = describe(self.noun, reader_study=study.label, display_set=ds.label, creator=creator)
        return self._paginate(fetch, page_size=page_size, what=what)

    def list(
        self,
        *,
        reader_study: Ref | None = None,
        display_set: Ref | None = None,
        creator: str | None = None,
        is_ground_truth: bool | None = None,
        page_size: int | None = None,
    ) -> AsyncPaginator[Answer]:
        """Answers you may see (your own; all of a study you edit), with the server's filters.

        ``reader_study`` is the study, its slug, pk or ``api_url``.

        Example:
            >>> async for answer in client.answers.list(reader_study=study):
            ...     print(answer.creator, answer.answer)
        """
        return self._list(
            reader_studies_answers_list.asyncio_detailed,
            "answers.list",
            reader_study=reader_study,
            display_set=display_set,
            creator=creator,
            is_ground_truth=is_ground_truth,
            page_size=page_size,
        )

    def mine(
        self,
        *,
        reader_study: Ref | None = None,
        display_set: Ref | None = None,
        page_size: int | None = None,
    ) -> AsyncPaginator[Answer]:
        """Your own answers (ground truth excluded).

        Example:
            >>> mine = await client.answers.mine(reader_study=study).to_list()
        """
        return self._list(
            reader_studies_answers_mine_retrieve.asyncio_detailed,
            "answers.mine",
            reader_study=reader_study,
            display_set=display_set,
            creator=None,
            is_ground_truth=None,
            page_size=page_size,
        )

    async def get(self, pk: Ref | None = None, *, api_url: str | None = None) -> Answer:
        """One answer by pk or ``api_url``.

        Example:
            >>> answer = await client.answers.get(answer_pk)
        """
        value = self._lookup("answers.get()", pk=pk, api_url=api_url)
        return await self._call(reader_studies_answers_retrieve.asyncio_detailed, value)

    async def create(
        self,
        *,
        question: Ref,
        display_set: Ref,
        answer: Any,
        last_edit_duration: datetime.timedelta | str | None = None,
    ) -> Answer:
        """Answer ``question`` for ``display_set`` (you must be a reader of the study).

        ``answer`` is JSON: a bool, number or text, an option id for Choice questions, a list
        of ids for Multiple choice, an annotation object, or None for a mask.

        Example:
            >>> a = await client.answers.create(question=q, display_set=ds, answer=True)
        """
        question_url = await resolve_url(
            self._client, question, "reader-studies/questions/", what="answers.create(question=...)"
        )
        display_set_url = await resolve_url(
            self._client,
            display_set,
            "reader-studies/display-sets/",
            what="answers.create(display_set=...)",
        )
        body = AnswerRequest(
            question=question_url,
            display_set=display_set_url,
            answer=answer,
            last_edit_duration=unset(iso_duration(last_edit_duration)),
        )
        return await self._call(reader_studies_answers_create.asyncio_detailed, body=body)

    async def partial_update(
        self,
        pk: Ref,
        *,
        answer: Any,
        last_edit_duration: datetime.timedelta | str | None = None,
    ) -> Answer:
        """Change your answer (only if the study allows answer modification).

        Example:
            >>> await client.answers.partial_update(a.pk, answer=False)
        """
        body = PatchedAnswerRequest(
            answer=answer, last_edit_duration=unset(iso_duration(last_edit_duration))
        )
        return await self._call(
            reader_studies_answers_partial_update.asyncio_detailed,
            ref_pk(pk, self.collection, what="answers.partial_update()"),
            body=body,
        )

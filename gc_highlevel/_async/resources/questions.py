"""``client.questions``: the questions of reader studies."""

from __future__ import annotations

from gc_api.api.reader_studies import (
    reader_studies_questions_list,
    reader_studies_questions_retrieve,
)
from gc_api.models.paginated_question_list import PaginatedQuestionList
from gc_api.models.question import Question
from gc_highlevel._async._pagination import AsyncPaginator
from gc_highlevel._async._resource import AsyncAPIResource
from gc_highlevel._references import Ref, describe
from gc_highlevel._utils import unset


class AsyncQuestions(AsyncAPIResource):
    """Questions (``/api/v1/reader-studies/questions/``). Read-only through the API."""

    noun = "question"
    collection = "reader-studies/questions/"

    def list(
        self, *, reader_study: Ref | None = None, page_size: int | None = None
    ) -> AsyncPaginator[Question]:
        """Questions visible to you, optionally of one ``reader_study`` (the study, its slug,
        pk or ``api_url``).

        Example:
            >>> async for q in client.questions.list(reader_study=study):
            ...     print(q.question_text, q.answer_type)
        """
        study = self._lazy(reader_study, "reader-studies/", what="questions.list(reader_study=...)")

        async def fetch(*, offset: int, limit: int) -> PaginatedQuestionList:
            return await self._call(
                reader_studies_questions_list.asyncio_detailed,
                reader_study=unset(await study.pk()),
                offset=offset,
                limit=limit,
            )

        return self._paginate(
            fetch, page_size=page_size, what=describe(self.noun, reader_study=study.label)
        )

    async def get(self, pk: Ref | None = None, *, api_url: str | None = None) -> Question:
        """One question by pk or ``api_url``.

        Example:
            >>> q = await client.questions.get(api_url=answer.question)
        """
        value = self._lookup("questions.get()", pk=pk, api_url=api_url)
        return await self._call(reader_studies_questions_retrieve.asyncio_detailed, value)

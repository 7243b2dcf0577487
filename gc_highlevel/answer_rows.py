"""Reader-study answers as readable rows and CSV (pure functions).

The API gives a (multiple) choice answer as option ids and names its question and display set
by URL. :func:`answer_rows` joins answers with their questions (and display sets, if given) into
one :class:`AnswerRow` per answer: the question's text, the answer in words (option titles for
choice questions), the raw JSON, the creator and the times. :func:`write_answers_csv` writes them
one row per answer.

Example:
    >>> rows = answer_rows(answers, reader_study.questions, display_sets)   # doctest: +SKIP
    >>> rows[0].question, rows[0].answer_text                                 # doctest: +SKIP
    ('CO-RADS score', 'CO-RADS 3')
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gc_highlevel.types import question_text, title_of

if TYPE_CHECKING:
    from gc_api.models.answer import Answer
    from gc_api.models.display_set import DisplaySet
    from gc_api.models.question import Question

__all__ = ["CSV_COLUMNS", "AnswerRow", "answer_rows", "readable_answer", "write_answers_csv"]

CHOICE_TYPES = ("Choice", "Multiple choice")


@dataclass(frozen=True)
class AnswerRow:
    """One answer, readable. ``answer_text`` is the answer in words; ``answer`` the raw JSON."""

    answer_pk: str
    display_set_pk: str
    display_set_title: str
    question_pk: str
    question: str
    answer_type: str
    creator: str
    answer_text: str
    answer: Any
    answer_image: str
    is_ground_truth: bool
    created: str
    modified: str

    def as_csv_row(self) -> dict[str, str]:
        """The row as CSV cells (the raw answer as JSON)."""
        row = {k: v for k, v in dataclasses.asdict(self).items()}
        row["answer"] = json.dumps(self.answer)
        row["is_ground_truth"] = "true" if self.is_ground_truth else "false"
        return {k: str(v) for k, v in row.items()}


#: CSV columns, in order.
CSV_COLUMNS = tuple(f.name for f in dataclasses.fields(AnswerRow))


def _last_segment(url: object) -> str:
    if not isinstance(url, str) or not url:
        return ""
    return url.rstrip("/").rsplit("/", 1)[-1]


def readable_answer(value: Any, question: Question | None) -> str:
    """The answer in words: option titles for choices, ``yes``/``no`` for booleans...

    An image answer (a mask) is stored as the upload session it is imported from; its rows
    show the image (see :func:`answer_rows`), or that it is still being imported.

    Example:
        >>> readable_answer(True, None), readable_answer(None, None), readable_answer(2.5, None)
        ('yes', '', '2.5')
        >>> readable_answer({"upload_session_pk": "0b5d"}, None)
        'image (being imported)'
    """
    if value is None:
        return ""
    if isinstance(value, dict) and set(value) == {"upload_session_pk"}:
        return "image (being imported)"
    if question is not None and question.answer_type in CHOICE_TYPES:
        titles = {o.id: o.title for o in question.options}
        ids = value if isinstance(value, list) else [value]
        return "; ".join(titles.get(i, f"option {i}") for i in ids)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float, str)):
        return str(value)
    return json.dumps(value)


def answer_rows(
    answers: Iterable[Answer],
    questions: Sequence[Question],
    display_sets: Iterable[DisplaySet] = (),
) -> list[AnswerRow]:
    """One readable row per answer, in the order given.

    Example:
        >>> rows = answer_rows(answers, reader_study.questions)   # doctest: +SKIP
    """
    by_question: Mapping[str, Question] = {str(q.pk): q for q in questions}
    titles = {str(ds.pk): title_of(ds) for ds in display_sets}
    rows = []
    for a in answers:
        q_pk = _last_segment(a.question)
        question = by_question.get(q_pk)
        ds_pk = _last_segment(a.display_set)
        raw = a.answer if not _is_unset(a.answer) else None
        rows.append(
            AnswerRow(
                answer_pk=str(a.pk),
                display_set_pk=ds_pk,
                display_set_title=str(titles.get(ds_pk, "")),
                question_pk=q_pk,
                question=question_text(question) if question is not None else "",
                answer_type=question.answer_type if question is not None else "",
                creator=a.creator,
                answer_text=(
                    f"image {_last_segment(a.answer_image)}"
                    if a.answer_image
                    else readable_answer(raw, question)
                ),
                answer=raw,
                answer_image=a.answer_image or "",
                is_ground_truth=a.is_ground_truth,
                created=a.created.isoformat(),
                modified=a.modified.isoformat(),
            )
        )
    return rows


def _is_unset(value: object) -> bool:
    from gc_api.types import Unset

    return isinstance(value, Unset)


def write_answers_csv(rows: Iterable[AnswerRow], path: str | os.PathLike[str] | None) -> str:
    """Write ``rows`` as CSV (header + one row per answer) to ``path``; returns the text.

    ``path=None`` only returns the text. The file is written atomically.

    Example:
        >>> text = write_answers_csv([], None)
        >>> text.splitlines()[0].split(",")[:3]
        ['answer_pk', 'display_set_pk', 'display_set_title']
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row.as_csv_row())
    text = buffer.getvalue()
    if path is not None:
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    return text

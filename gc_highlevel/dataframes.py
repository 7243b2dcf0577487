"""Reader-study answers, ground truth, archive cases and algorithm outputs as pandas DataFrames.

Needs the ``pandas`` extra (``pip install "gc-client[pandas]"``); ``import gc_highlevel`` never
imports pandas, and without it every function here raises one :class:`ImportError` saying so.

Two kinds of functions:

- converters of rows you already have (from the sync or the async client):
  :func:`answers_frame`, :func:`ground_truth_frame`, :func:`cases_frame`,
  :func:`outputs_frame`, and :func:`to_dataframe`, which picks one by the rows' type;
- fetch and convert in one call with a sync :class:`~gc_highlevel.Client`: :func:`answers`,
  :func:`ground_truth`, :func:`cases`, :func:`outputs` (with an ``AsyncClient``, await the
  workflow call and pass its result to the converter).

Every table has one column per question (answers, ground truth) or socket slug (cases,
outputs), typed: booleans as ``boolean``, whole numbers as ``Int64``, other numbers as
``Float64``, text as ``string``, timestamps as UTC datetimes, durations as timedeltas, images and
files as their URL (``api_url`` for images), other JSON values (lists, dicts) as Python objects,
and a missing value as ``<NA>``. Choice answers are their option titles (``"CO-RADS 3"``;
multiple choices joined by ``"; "``), not option ids. The index is the display set pk (with the
creator, for answers), the archive item pk or the job pk, as strings.

Example:
    >>> from gc_highlevel.answer_rows import AnswerRow
    >>> row = AnswerRow("a1", "ds1", "case 1", "q1", "CO-RADS score", "Choice", "reader",
    ...                 "CO-RADS 3", 3, "", False, "2025-11-15T10:00:00+00:00",
    ...                 "2025-11-15T10:00:00+00:00")
    >>> to_dataframe([row])  # doctest: +NORMALIZE_WHITESPACE
                          display_set_title CO-RADS score
    display_set_pk creator
    ds1            reader             case 1     CO-RADS 3
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from gc_highlevel._exceptions import InvalidArgumentError
from gc_highlevel.answer_rows import CHOICE_TYPES, AnswerRow, readable_answer
from gc_highlevel.workflow_types import ArchiveCase, GroundTruthRow, OutputRow, OutputsByInput

if TYPE_CHECKING:
    import pandas as pd

    from gc_api.models.hyperlinked_component_interface_value import (
        HyperlinkedComponentInterfaceValue,
    )
    from gc_api.models.question import Question
    from gc_api.models.reader_study import ReaderStudy
    from gc_highlevel._references import Ref
    from gc_highlevel._sync._client import Client

__all__ = [
    "INSTALL_HINT",
    "answers",
    "answers_frame",
    "cases",
    "cases_frame",
    "ground_truth",
    "ground_truth_frame",
    "outputs",
    "outputs_frame",
    "to_dataframe",
]

#: What the error of a missing pandas says to run.
INSTALL_HINT = 'pip install "gc-client[pandas]"'

#: The columns of ``answers_frame(rows, layout="long")``, after its index ``answer_pk``.
LONG_ANSWER_COLUMNS = (
    "display_set_pk",
    "display_set_title",
    "question_pk",
    "question",
    "answer_type",
    "creator",
    "answer_text",
    "answer",
    "value",
    "answer_image",
    "is_ground_truth",
    "created",
    "modified",
)

#: The columns of :func:`outputs_frame` before the output sockets.
OUTPUT_COLUMNS = ("input_name", "input_image", "status", "exec_duration")


def _pandas() -> Any:
    """pandas, or one ImportError saying how to install it (before any request is sent)."""
    from gc_highlevel._utils import import_extra

    return import_extra("pandas", extra="pandas", needs="gc_highlevel.dataframes needs pandas")


# -- typed columns ---------------------------------------------------------------------------


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    from gc_api.types import Unset

    return isinstance(value, Unset)


def _dtype_of(values: Sequence[object]) -> str | None:
    """The nullable pandas dtype that holds every value, or None (Python objects)."""
    present = [v for v in values if not _is_missing(v)]
    if not present:
        return None
    if all(isinstance(v, bool) for v in present):
        return "boolean"
    if any(isinstance(v, bool) for v in present):
        return None
    if all(isinstance(v, int) for v in present):
        return "Int64"
    if all(isinstance(v, (int, float)) for v in present):
        return "Float64"
    if all(isinstance(v, str) for v in present):
        return "string"
    return None


#: The dtype of a question's column when it has no answer to infer it from.
_ANSWER_DTYPES = {
    "Bool": "boolean",
    "Number": "Float64",
    "Text": "string",
    "Single line text": "string",
    "Multi line text": "string",
    "Choice": "string",
    "Multiple choice": "string",
    "Mask": "string",
}


def _column(pd: Any, values: Sequence[object], index: Any, empty: str | None = None) -> Any:
    """One typed column (see the module docstring); a missing value is ``pd.NA``. ``empty``:
    the dtype if every value is missing."""
    dtype = _dtype_of(values)
    if dtype is None and empty is not None and all(_is_missing(v) for v in values):
        dtype = empty
    if dtype is not None:
        try:
            return pd.Series(
                [None if _is_missing(v) else v for v in values], index=index, dtype=dtype
            )
        except (OverflowError, TypeError, ValueError):  # e.g. an int beyond 64 bits
            pass
    cells = [pd.NA if _is_missing(v) else v for v in values]
    return pd.Series(cells, index=index, dtype=object)


def _frame(
    pd: Any,
    index: Any,
    columns: Mapping[str, Sequence[object]],
    *,
    datetimes: Iterable[str] = (),
    timedeltas: Iterable[str] = (),
    empty: Mapping[str, str] = {},
) -> Any:
    data = {name: _column(pd, values, index, empty.get(name)) for name, values in columns.items()}
    for name in datetimes:
        data[name] = pd.Series(
            pd.to_datetime(list(columns[name]), utc=True, format="ISO8601"), index=index
        )
    for name in timedeltas:
        data[name] = pd.Series(
            [_timedelta(pd, v) for v in columns[name]], index=index, dtype="timedelta64[us]"
        )
    return pd.DataFrame(data, index=index, columns=list(columns))


def _timedelta(pd: Any, value: object) -> Any:
    if not isinstance(value, str) or not value:
        return pd.NaT
    try:
        return pd.to_timedelta(value)
    except ValueError:
        return pd.NaT


def _str_index(pd: Any, values: Sequence[str], name: str) -> Any:
    return pd.Index(list(values), dtype="string", name=name)


def _value_cell(value: HyperlinkedComponentInterfaceValue | None) -> object:
    """An image as its ``api_url``, a file as its URL, else the JSON value (None if absent)."""
    if value is None:
        return None
    if value.image:
        return value.image
    if isinstance(value.file, str) and value.file:
        return value.file
    return None if _is_missing(value.value) else value.value


def _question_labels(
    pairs: Iterable[tuple[str, str]], questions: Sequence[Question] | None
) -> dict[str, str]:
    """Column label per question pk, in column order: the study's order if ``questions`` are
    given (then questions without answers get a column too), else by question text. A text
    shared by two questions gets the question pk appended."""
    from gc_highlevel.types import question_text

    texts: dict[str, str] = {}
    if questions is not None:
        for q in questions:
            if q.answer_type != "Heading":
                texts[str(q.pk)] = question_text(q)
    extra = {pk: text for pk, text in pairs if pk not in texts}
    texts.update(sorted(extra.items(), key=lambda item: (item[1], item[0])))
    counts: dict[str, int] = {}
    for text in texts.values():
        counts[text] = counts.get(text, 0) + 1
    return {pk: text if counts[text] == 1 else f"{text} [{pk}]" for pk, text in texts.items()}


def _empty_dtypes(
    labels: Mapping[str, str],
    questions: Sequence[Question] | None,
    types: Iterable[tuple[str, str]] = (),
) -> dict[str, str]:
    """The dtype of each question's column (by label) for when it has no answers."""
    kinds = dict(types)
    kinds.update((str(q.pk), q.answer_type) for q in questions or ())
    return {
        label: _ANSWER_DTYPES[kinds[pk]]
        for pk, label in labels.items()
        if kinds.get(pk) in _ANSWER_DTYPES
    }


# -- reader studies --------------------------------------------------------------------------


def _answer_cell(row: AnswerRow) -> object:
    """The answer in a table: option titles for choices, the image ``api_url`` for masks,
    else the raw JSON answer."""
    if row.answer_image:
        return row.answer_image
    importing = isinstance(row.answer, dict) and set(row.answer) == {"upload_session_pk"}
    if row.answer_type in CHOICE_TYPES or importing:
        return row.answer_text if row.answer is not None else None
    return row.answer


def answers_frame(
    rows: Iterable[AnswerRow],
    *,
    questions: Sequence[Question] | None = None,
    display_sets: Sequence[object] | None = None,
    layout: Literal["wide", "long"] = "wide",
) -> pd.DataFrame:
    """Reader-study answers (``client.reader_studies.answers(...)``) as a DataFrame.

    ``layout="wide"`` (default): one row per display set and reader, indexed by
    ``(display_set_pk, creator)``; the column ``display_set_title``, then one column per
    question (its text), typed: choices as option titles, Bool as ``boolean``, Number as
    ``Int64``/``Float64``, masks as the image ``api_url``, an unanswered question as
    ``<NA>``. The question columns follow ``questions`` (``study.questions``, then questions
    without answers get a column too; headings never) or else the question texts' order; rows
    follow ``display_sets`` (their pks or objects, in the study's order) or else the order of
    ``rows``. If a reader has two answers to one question (an answer and a ground-truth answer),
    the one modified last is shown.

    ``layout="long"``: one row per answer indexed by ``answer_pk``, the columns of
    :data:`LONG_ANSWER_COLUMNS`: the :class:`~gc_highlevel.answer_rows.AnswerRow` fields
    plus ``value`` (the answer as in the wide table), ``created``/``modified`` as datetimes.

    Example:
        >>> from gc_highlevel.answer_rows import AnswerRow
        >>> def row(pk, question, kind, text, raw, creator="reader"):
        ...     return AnswerRow(pk, "ds1", "case 1", question, question, kind, creator,
        ...                      text, raw, "", False, "2025-11-15T10:00:00+00:00",
        ...                      "2025-11-15T10:05:00+00:00")
        >>> frame = answers_frame([
        ...     row("a1", "CO-RADS score", "Choice", "CO-RADS 3", 3),
        ...     row("a2", "Is there evidence of COVID-19?", "Bool", "yes", True),
        ...     row("a3", "Estimated affected lung percentage", "Number", "25", 25),
        ... ])
        >>> frame.loc[("ds1", "reader"), "CO-RADS score"]
        'CO-RADS 3'
        >>> frame.dtypes.astype(str).tolist()
        ['string', 'string', 'Int64', 'boolean']
        >>> answers_frame([row("a1", "CO-RADS score", "Choice", "CO-RADS 3", 3)],
        ...               layout="long")["created"].iloc[0]
        Timestamp('2025-11-15 10:00:00+0000', tz='UTC')
    """
    pd = _pandas()
    if layout not in ("wide", "long"):
        raise InvalidArgumentError(f"layout must be 'wide' or 'long', not {layout!r}")
    rows = list(rows)
    _check_rows(rows, AnswerRow, "answers_frame")
    if layout == "long":
        index = _str_index(pd, [r.answer_pk for r in rows], "answer_pk")
        columns: dict[str, list[object]] = {
            name: [getattr(r, name) for r in rows]
            for name in LONG_ANSWER_COLUMNS
            if name != "value"
        }
        columns["value"] = [_answer_cell(r) for r in rows]
        columns["answer_image"] = [r.answer_image or None for r in rows]
        frame = _frame(pd, index, columns, datetimes=("created", "modified"))
        return frame[list(LONG_ANSWER_COLUMNS)]

    labels = _question_labels(((r.question_pk, r.question) for r in rows), questions)
    keys: dict[tuple[str, str], dict[str, AnswerRow]] = {}
    titles: dict[str, str] = {}
    for r in rows:
        cells = keys.setdefault((r.display_set_pk, r.creator), {})
        titles.setdefault(r.display_set_pk, r.display_set_title)
        earlier = cells.get(r.question_pk)
        if earlier is None or earlier.modified <= r.modified:
            cells[r.question_pk] = r
    order = _display_set_order(display_sets)
    # a stable sort: display sets in the given order, any others after them as they came
    ordered = sorted(keys, key=lambda k: order.get(k[0], len(order)))
    if ordered:
        index = pd.MultiIndex.from_tuples(ordered, names=["display_set_pk", "creator"])
    else:
        index = pd.MultiIndex.from_arrays([[], []], names=["display_set_pk", "creator"])
    wide: dict[str, list[object]] = {"display_set_title": [titles[ds] for ds, _ in ordered]}
    for q_pk, label in labels.items():
        wide[label] = [
            _answer_cell(cell) if (cell := keys[key].get(q_pk)) is not None else None
            for key in ordered
        ]
    empty = _empty_dtypes(labels, questions, ((r.question_pk, r.answer_type) for r in rows))
    return _frame(pd, index, wide, empty={"display_set_title": "string", **empty})


def _display_set_order(display_sets: Sequence[object] | None) -> dict[str, int]:
    if display_sets is None:
        return {}
    return {str(getattr(ds, "pk", ds)): n for n, ds in enumerate(display_sets)}


def _check_rows(rows: Sequence[object], kind: type, call: str) -> None:
    for n, r in enumerate(rows):
        if not isinstance(r, kind):
            raise InvalidArgumentError(
                f"{call}() takes {kind.__name__} rows; row {n} is a {type(r).__name__}"
            )


def ground_truth_frame(
    rows: Iterable[GroundTruthRow], *, questions: Sequence[Question] | None = None
) -> pd.DataFrame:
    """The ground truth (``client.reader_studies.ground_truth_rows(...)``) as a DataFrame: one
    row per display set (index ``display_set_pk``, in the order of ``rows``), one column per
    question, typed as in :func:`answers_frame` (choices as option titles). Columns follow
    ``questions`` if given, else the question texts' order.

    Example:
        >>> from gc_highlevel.workflow_types import GroundTruthRow
        >>> frame = ground_truth_frame([
        ...     GroundTruthRow("ds1", "q1", "CO-RADS score", 3, "CO-RADS 3"),
        ...     GroundTruthRow("ds1", "q2", "Is there evidence of COVID-19?", True, "yes"),
        ...     GroundTruthRow("ds2", "q2", "Is there evidence of COVID-19?", False, "no"),
        ... ])
        >>> frame  # doctest: +NORMALIZE_WHITESPACE
                       CO-RADS score  Is there evidence of COVID-19?
        display_set_pk
        ds1                CO-RADS 3                            True
        ds2                     <NA>                           False
    """
    pd = _pandas()
    rows = list(rows)
    _check_rows(rows, GroundTruthRow, "ground_truth_frame")
    labels = _question_labels(((r.question_pk, r.question) for r in rows), questions)
    by_set: dict[str, dict[str, GroundTruthRow]] = {}
    for r in rows:
        by_set.setdefault(r.display_set_pk, {})[r.question_pk] = r
    index = _str_index(pd, list(by_set), "display_set_pk")
    columns = {
        label: [
            _truth_cell(cell) if (cell := cells.get(q_pk)) is not None else None
            for cells in by_set.values()
        ]
        for q_pk, label in labels.items()
    }
    return _frame(pd, index, columns, empty=_empty_dtypes(labels, questions))


def _truth_cell(row: GroundTruthRow) -> object:
    """The readable text where it says more than the raw answer (choices), else the raw."""
    if row.answer is None:
        return None
    if readable_answer(row.answer, None) == row.answer_text:
        return row.answer
    return row.answer_text


# -- archives and algorithms -----------------------------------------------------------------


def cases_frame(cases: Iterable[ArchiveCase]) -> pd.DataFrame:
    """Archive cases (``client.archives.cases(...)``) as a DataFrame: one row per item (index
    ``item_pk``, in the order given), the column ``title``, then one column per socket slug
    (alphabetical): images as their ``api_url``, files as their URL, values typed.

    Example:
        >>> frame = cases_frame(client.archives.cases("coronacasesorg"))  # doctest: +SKIP
        >>> frame["ct-image"].iloc[0]                                      # doctest: +SKIP
        'https://grand-challenge.org/api/v1/cases/images/0b5d.../'
    """
    pd = _pandas()
    rows = list(cases)
    _check_rows(rows, ArchiveCase, "cases_frame")
    slugs = sorted({slug for c in rows for slug in c.values})
    index = _str_index(pd, [str(c.pk) for c in rows], "item_pk")
    columns: dict[str, list[object]] = {"title": [c.title for c in rows]}
    for slug in slugs:
        label = "socket:title" if slug == "title" else slug  # a socket named "title"
        columns[label] = [_value_cell(c.values.get(slug)) for c in rows]
    frame = _frame(pd, index, columns)
    frame["title"] = frame["title"].astype("string")
    return frame


def outputs_frame(mapping: OutputsByInput | Iterable[OutputRow]) -> pd.DataFrame:
    """Outputs by input (``client.algorithms.outputs_by_input(...)``) as a DataFrame: one row
    per job (index ``job_pk``, in the mapping's order), the columns of
    :data:`OUTPUT_COLUMNS` (``input_name``; ``input_image``: the first input image's
    ``api_url``; ``status``; ``exec_duration`` as a timedelta), then one column per output
    socket slug (alphabetical): images as their ``api_url``, files as their URL, values typed.
    The inputs no job processed (``mapping.unprocessed``) have no row.

    Example:
        >>> mapping = client.algorithms.outputs_by_input("corads-ai", jobs=jobs)  # doctest: +SKIP
        >>> outputs_frame(mapping)[["input_name", "corads-score"]]                # doctest: +SKIP
                                              input_name  corads-score
        job_pk
        5d0c...                      coronacases_001.mha             3
    """
    pd = _pandas()
    rows = list(mapping.rows if isinstance(mapping, OutputsByInput) else mapping)
    _check_rows(rows, OutputRow, "outputs_frame")
    slugs = sorted({slug for r in rows for slug in r.outputs})
    index = _str_index(pd, [str(r.job.pk) for r in rows], "job_pk")
    columns: dict[str, list[object]] = {
        "input_name": [r.input_name for r in rows],
        "input_image": [r.inputs[0].api_url if r.inputs else None for r in rows],
        "status": [r.status for r in rows],
        "exec_duration": [r.job.exec_duration for r in rows],
    }
    for slug in slugs:
        label = f"output:{slug}" if slug in OUTPUT_COLUMNS else slug
        columns[label] = [_value_cell(r.outputs.get(slug)) for r in rows]
    frame = _frame(pd, index, columns, timedeltas=("exec_duration",))
    for name in ("input_name", "input_image", "status"):
        frame[name] = frame[name].astype("string")
    return frame


# -- any rows --------------------------------------------------------------------------------


def to_dataframe(rows: object) -> pd.DataFrame:
    """Any rows of this module's kinds as a DataFrame, by their type: ``AnswerRow`` →
    :func:`answers_frame`, ``GroundTruthRow`` → :func:`ground_truth_frame`, ``ArchiveCase`` →
    :func:`cases_frame`, ``OutputsByInput`` or ``OutputRow`` → :func:`outputs_frame` (with
    their defaults). No rows give an empty DataFrame (the specific functions give their
    columns even then).

    Example:
        >>> from gc_highlevel.workflow_types import GroundTruthRow
        >>> to_dataframe([GroundTruthRow("ds1", "q1", "Remarks", "patchy", "patchy")])
        ... # doctest: +NORMALIZE_WHITESPACE
                       Remarks
        display_set_pk
        ds1             patchy
        >>> to_dataframe([]).empty
        True
    """
    pd = _pandas()
    if isinstance(rows, OutputsByInput):
        return outputs_frame(rows)
    if isinstance(rows, (str, bytes, Mapping)) or not isinstance(rows, Iterable):
        raise InvalidArgumentError(
            "to_dataframe() takes a list of AnswerRow, GroundTruthRow, ArchiveCase or OutputRow "
            f"rows, or an OutputsByInput; got a {type(rows).__name__}"
        )
    items = list(rows)
    if not items:
        return pd.DataFrame()
    first = items[0]
    if isinstance(first, AnswerRow):
        return answers_frame(items)
    if isinstance(first, GroundTruthRow):
        return ground_truth_frame(items)
    if isinstance(first, ArchiveCase):
        return cases_frame(items)
    if isinstance(first, OutputRow):
        return outputs_frame(items)
    raise InvalidArgumentError(
        "to_dataframe() takes AnswerRow, GroundTruthRow, ArchiveCase or OutputRow rows; "
        f"got {type(first).__name__} rows"
    )


# -- fetch and convert (sync client) ---------------------------------------------------------


def _study(client: Client, reader_study: Ref) -> ReaderStudy:
    from gc_api.models.reader_study import ReaderStudy

    if isinstance(reader_study, ReaderStudy):
        return reader_study
    return client.reader_studies.get(reader_study)


def answers(
    client: Client,
    reader_study: Ref,
    *,
    mine: bool = False,
    layout: Literal["wide", "long"] = "wide",
) -> pd.DataFrame:
    """The answers of a reader study (all you may see, or only yours) as a DataFrame (see
    :func:`answers_frame`): columns in the study's question order, rows in its display set
    order. ``reader_study``: the object, its slug, pk or ``api_url``.

    Example:
        >>> from gc_highlevel import dataframes                                  # doctest: +SKIP
        >>> frame = dataframes.answers(client, "corads-score-exam")              # doctest: +SKIP
        >>> frame["CO-RADS score"].value_counts()                                # doctest: +SKIP
        CO-RADS score
        CO-RADS 3    1
        Name: count, dtype: Int64
    """
    _pandas()
    if layout not in ("wide", "long"):
        raise InvalidArgumentError(f"layout must be 'wide' or 'long', not {layout!r}")
    study = _study(client, reader_study)
    rows = client.reader_studies.answers(study, mine=mine)
    sets = client.reader_studies.display_sets(study) if layout == "wide" else None
    return answers_frame(rows, questions=study.questions, display_sets=sets, layout=layout)


def ground_truth(client: Client, reader_study: Ref) -> pd.DataFrame:
    """The ground truth of an educational reader study as a DataFrame (see
    :func:`ground_truth_frame`), columns in the study's question order.

    Example:
        >>> frame = dataframes.ground_truth(client, "my-course")                 # doctest: +SKIP
        >>> frame.loc[display_set_pk, "CO-RADS score"]                           # doctest: +SKIP
        'CO-RADS 3'
    """
    _pandas()
    study = _study(client, reader_study)
    rows = client.reader_studies.ground_truth_rows(study)
    return ground_truth_frame(rows, questions=study.questions)


def cases(client: Client, archive: Ref) -> pd.DataFrame:
    """An archive's items with their values as a DataFrame (see :func:`cases_frame`).
    ``archive``: the object, its slug, pk or ``api_url``.

    Example:
        >>> frame = dataframes.cases(client, "coronacasesorg")                   # doctest: +SKIP
        >>> frame[["title", "ct-image"]].head()                                  # doctest: +SKIP
    """
    _pandas()
    return cases_frame(client.archives.cases(archive))


def outputs(
    client: Client,
    algorithm: Ref,
    *,
    archive: Ref | None = None,
    images: Sequence[object] | None = None,
    jobs: Sequence[object] | None = None,
) -> pd.DataFrame:
    """Which job of ``algorithm`` gave which outputs from which input, as a DataFrame (see
    :func:`outputs_frame`); pass exactly one of ``archive``, ``images`` or ``jobs``, as to
    ``client.algorithms.outputs_by_input``.

    Example:
        >>> jobs = client.algorithms.run("corads-ai", cases)                     # doctest: +SKIP
        >>> frame = dataframes.outputs(client, "corads-ai", jobs=client.jobs.wait(jobs))
        ... # doctest: +SKIP
        >>> frame["covid-19-probability"].mean()                                 # doctest: +SKIP
    """
    _pandas()
    mapping = client.algorithms.outputs_by_input(
        algorithm, archive=archive, images=images, jobs=jobs
    )
    return outputs_frame(mapping)

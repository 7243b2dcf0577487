from typing import Literal

ReaderStudiesQuestionsListFormat = Literal["csv", "json"]

READER_STUDIES_QUESTIONS_LIST_FORMAT_VALUES: set[ReaderStudiesQuestionsListFormat] = {
    "csv",
    "json",
}


def check_reader_studies_questions_list_format(
    value: str,
) -> ReaderStudiesQuestionsListFormat:
    if value in READER_STUDIES_QUESTIONS_LIST_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {READER_STUDIES_QUESTIONS_LIST_FORMAT_VALUES!r}"
    )

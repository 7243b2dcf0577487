from typing import Literal

ReaderStudiesQuestionsRetrieveFormat = Literal["csv", "json"]

READER_STUDIES_QUESTIONS_RETRIEVE_FORMAT_VALUES: set[
    ReaderStudiesQuestionsRetrieveFormat
] = {
    "csv",
    "json",
}


def check_reader_studies_questions_retrieve_format(
    value: str,
) -> ReaderStudiesQuestionsRetrieveFormat:
    if value in READER_STUDIES_QUESTIONS_RETRIEVE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {READER_STUDIES_QUESTIONS_RETRIEVE_FORMAT_VALUES!r}"
    )

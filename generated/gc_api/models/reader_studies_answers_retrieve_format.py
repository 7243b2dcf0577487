from typing import Literal

ReaderStudiesAnswersRetrieveFormat = Literal["csv", "json"]

READER_STUDIES_ANSWERS_RETRIEVE_FORMAT_VALUES: set[
    ReaderStudiesAnswersRetrieveFormat
] = {
    "csv",
    "json",
}


def check_reader_studies_answers_retrieve_format(
    value: str,
) -> ReaderStudiesAnswersRetrieveFormat:
    if value in READER_STUDIES_ANSWERS_RETRIEVE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {READER_STUDIES_ANSWERS_RETRIEVE_FORMAT_VALUES!r}"
    )

from typing import Literal

ReaderStudiesAnswersCreateFormat = Literal["csv", "json"]

READER_STUDIES_ANSWERS_CREATE_FORMAT_VALUES: set[ReaderStudiesAnswersCreateFormat] = {
    "csv",
    "json",
}


def check_reader_studies_answers_create_format(
    value: str,
) -> ReaderStudiesAnswersCreateFormat:
    if value in READER_STUDIES_ANSWERS_CREATE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {READER_STUDIES_ANSWERS_CREATE_FORMAT_VALUES!r}"
    )

from typing import Literal

ReaderStudiesAnswersPartialUpdateFormat = Literal["csv", "json"]

READER_STUDIES_ANSWERS_PARTIAL_UPDATE_FORMAT_VALUES: set[
    ReaderStudiesAnswersPartialUpdateFormat
] = {
    "csv",
    "json",
}


def check_reader_studies_answers_partial_update_format(
    value: str,
) -> ReaderStudiesAnswersPartialUpdateFormat:
    if value in READER_STUDIES_ANSWERS_PARTIAL_UPDATE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {READER_STUDIES_ANSWERS_PARTIAL_UPDATE_FORMAT_VALUES!r}"
    )

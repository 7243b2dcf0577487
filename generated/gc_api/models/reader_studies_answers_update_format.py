from typing import Literal

ReaderStudiesAnswersUpdateFormat = Literal["csv", "json"]

READER_STUDIES_ANSWERS_UPDATE_FORMAT_VALUES: set[ReaderStudiesAnswersUpdateFormat] = {
    "csv",
    "json",
}


def check_reader_studies_answers_update_format(
    value: str,
) -> ReaderStudiesAnswersUpdateFormat:
    if value in READER_STUDIES_ANSWERS_UPDATE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {READER_STUDIES_ANSWERS_UPDATE_FORMAT_VALUES!r}"
    )

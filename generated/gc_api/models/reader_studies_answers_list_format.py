from typing import Literal

ReaderStudiesAnswersListFormat = Literal["csv", "json"]

READER_STUDIES_ANSWERS_LIST_FORMAT_VALUES: set[ReaderStudiesAnswersListFormat] = {
    "csv",
    "json",
}


def check_reader_studies_answers_list_format(
    value: str,
) -> ReaderStudiesAnswersListFormat:
    if value in READER_STUDIES_ANSWERS_LIST_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {READER_STUDIES_ANSWERS_LIST_FORMAT_VALUES!r}"
    )

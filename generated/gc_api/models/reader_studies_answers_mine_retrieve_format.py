from typing import Literal

ReaderStudiesAnswersMineRetrieveFormat = Literal["csv", "json"]

READER_STUDIES_ANSWERS_MINE_RETRIEVE_FORMAT_VALUES: set[
    ReaderStudiesAnswersMineRetrieveFormat
] = {
    "csv",
    "json",
}


def check_reader_studies_answers_mine_retrieve_format(
    value: str,
) -> ReaderStudiesAnswersMineRetrieveFormat:
    if value in READER_STUDIES_ANSWERS_MINE_RETRIEVE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {READER_STUDIES_ANSWERS_MINE_RETRIEVE_FORMAT_VALUES!r}"
    )

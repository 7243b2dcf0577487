from typing import Literal

ReaderStudiesRetrieveFormat = Literal["csv", "json"]

READER_STUDIES_RETRIEVE_FORMAT_VALUES: set[ReaderStudiesRetrieveFormat] = {
    "csv",
    "json",
}


def check_reader_studies_retrieve_format(value: str) -> ReaderStudiesRetrieveFormat:
    if value in READER_STUDIES_RETRIEVE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {READER_STUDIES_RETRIEVE_FORMAT_VALUES!r}"
    )

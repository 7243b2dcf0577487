from typing import Literal

ReaderStudiesListFormat = Literal["csv", "json"]

READER_STUDIES_LIST_FORMAT_VALUES: set[ReaderStudiesListFormat] = {
    "csv",
    "json",
}


def check_reader_studies_list_format(value: str) -> ReaderStudiesListFormat:
    if value in READER_STUDIES_LIST_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {READER_STUDIES_LIST_FORMAT_VALUES!r}"
    )

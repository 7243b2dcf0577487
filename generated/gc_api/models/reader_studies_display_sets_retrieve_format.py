from typing import Literal

ReaderStudiesDisplaySetsRetrieveFormat = Literal["csv", "json"]

READER_STUDIES_DISPLAY_SETS_RETRIEVE_FORMAT_VALUES: set[
    ReaderStudiesDisplaySetsRetrieveFormat
] = {
    "csv",
    "json",
}


def check_reader_studies_display_sets_retrieve_format(
    value: str,
) -> ReaderStudiesDisplaySetsRetrieveFormat:
    if value in READER_STUDIES_DISPLAY_SETS_RETRIEVE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {READER_STUDIES_DISPLAY_SETS_RETRIEVE_FORMAT_VALUES!r}"
    )

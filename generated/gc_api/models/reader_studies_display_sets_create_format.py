from typing import Literal

ReaderStudiesDisplaySetsCreateFormat = Literal["csv", "json"]

READER_STUDIES_DISPLAY_SETS_CREATE_FORMAT_VALUES: set[
    ReaderStudiesDisplaySetsCreateFormat
] = {
    "csv",
    "json",
}


def check_reader_studies_display_sets_create_format(
    value: str,
) -> ReaderStudiesDisplaySetsCreateFormat:
    if value in READER_STUDIES_DISPLAY_SETS_CREATE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {READER_STUDIES_DISPLAY_SETS_CREATE_FORMAT_VALUES!r}"
    )

from typing import Literal

ReaderStudiesDisplaySetsUpdateFormat = Literal["csv", "json"]

READER_STUDIES_DISPLAY_SETS_UPDATE_FORMAT_VALUES: set[
    ReaderStudiesDisplaySetsUpdateFormat
] = {
    "csv",
    "json",
}


def check_reader_studies_display_sets_update_format(
    value: str,
) -> ReaderStudiesDisplaySetsUpdateFormat:
    if value in READER_STUDIES_DISPLAY_SETS_UPDATE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {READER_STUDIES_DISPLAY_SETS_UPDATE_FORMAT_VALUES!r}"
    )

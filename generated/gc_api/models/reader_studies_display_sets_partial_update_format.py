from typing import Literal

ReaderStudiesDisplaySetsPartialUpdateFormat = Literal["csv", "json"]

READER_STUDIES_DISPLAY_SETS_PARTIAL_UPDATE_FORMAT_VALUES: set[
    ReaderStudiesDisplaySetsPartialUpdateFormat
] = {
    "csv",
    "json",
}


def check_reader_studies_display_sets_partial_update_format(
    value: str,
) -> ReaderStudiesDisplaySetsPartialUpdateFormat:
    if value in READER_STUDIES_DISPLAY_SETS_PARTIAL_UPDATE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {READER_STUDIES_DISPLAY_SETS_PARTIAL_UPDATE_FORMAT_VALUES!r}"
    )

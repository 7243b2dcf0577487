from typing import Literal

ReaderStudiesDisplaySetsListFormat = Literal["csv", "json"]

READER_STUDIES_DISPLAY_SETS_LIST_FORMAT_VALUES: set[
    ReaderStudiesDisplaySetsListFormat
] = {
    "csv",
    "json",
}


def check_reader_studies_display_sets_list_format(
    value: str,
) -> ReaderStudiesDisplaySetsListFormat:
    if value in READER_STUDIES_DISPLAY_SETS_LIST_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {READER_STUDIES_DISPLAY_SETS_LIST_FORMAT_VALUES!r}"
    )

from typing import Literal

ArchivesListFormat = Literal["csv", "json"]

ARCHIVES_LIST_FORMAT_VALUES: set[ArchivesListFormat] = {
    "csv",
    "json",
}


def check_archives_list_format(value: str) -> ArchivesListFormat:
    if value in ARCHIVES_LIST_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ARCHIVES_LIST_FORMAT_VALUES!r}"
    )

from typing import Literal

ArchivesRetrieveFormat = Literal["csv", "json"]

ARCHIVES_RETRIEVE_FORMAT_VALUES: set[ArchivesRetrieveFormat] = {
    "csv",
    "json",
}


def check_archives_retrieve_format(value: str) -> ArchivesRetrieveFormat:
    if value in ARCHIVES_RETRIEVE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ARCHIVES_RETRIEVE_FORMAT_VALUES!r}"
    )

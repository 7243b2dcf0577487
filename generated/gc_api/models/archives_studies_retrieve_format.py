from typing import Literal

ArchivesStudiesRetrieveFormat = Literal["csv", "json"]

ARCHIVES_STUDIES_RETRIEVE_FORMAT_VALUES: set[ArchivesStudiesRetrieveFormat] = {
    "csv",
    "json",
}


def check_archives_studies_retrieve_format(value: str) -> ArchivesStudiesRetrieveFormat:
    if value in ARCHIVES_STUDIES_RETRIEVE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ARCHIVES_STUDIES_RETRIEVE_FORMAT_VALUES!r}"
    )

from typing import Literal

ArchivesPatientsRetrieveFormat = Literal["csv", "json"]

ARCHIVES_PATIENTS_RETRIEVE_FORMAT_VALUES: set[ArchivesPatientsRetrieveFormat] = {
    "csv",
    "json",
}


def check_archives_patients_retrieve_format(
    value: str,
) -> ArchivesPatientsRetrieveFormat:
    if value in ARCHIVES_PATIENTS_RETRIEVE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ARCHIVES_PATIENTS_RETRIEVE_FORMAT_VALUES!r}"
    )

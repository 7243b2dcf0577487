from typing import Literal

CasesImagesDicomInstancesRetrieveFormat = Literal["csv", "json"]

CASES_IMAGES_DICOM_INSTANCES_RETRIEVE_FORMAT_VALUES: set[
    CasesImagesDicomInstancesRetrieveFormat
] = {
    "csv",
    "json",
}


def check_cases_images_dicom_instances_retrieve_format(
    value: str,
) -> CasesImagesDicomInstancesRetrieveFormat:
    if value in CASES_IMAGES_DICOM_INSTANCES_RETRIEVE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CASES_IMAGES_DICOM_INSTANCES_RETRIEVE_FORMAT_VALUES!r}"
    )

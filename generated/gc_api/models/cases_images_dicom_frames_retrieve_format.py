from typing import Literal

CasesImagesDicomFramesRetrieveFormat = Literal["csv", "json"]

CASES_IMAGES_DICOM_FRAMES_RETRIEVE_FORMAT_VALUES: set[
    CasesImagesDicomFramesRetrieveFormat
] = {
    "csv",
    "json",
}


def check_cases_images_dicom_frames_retrieve_format(
    value: str,
) -> CasesImagesDicomFramesRetrieveFormat:
    if value in CASES_IMAGES_DICOM_FRAMES_RETRIEVE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CASES_IMAGES_DICOM_FRAMES_RETRIEVE_FORMAT_VALUES!r}"
    )

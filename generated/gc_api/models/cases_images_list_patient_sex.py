from typing import Literal

CasesImagesListPatientSex = Literal["F", "M", "O"]

CASES_IMAGES_LIST_PATIENT_SEX_VALUES: set[CasesImagesListPatientSex] = {
    "F",
    "M",
    "O",
}


def check_cases_images_list_patient_sex(value: str) -> CasesImagesListPatientSex:
    if value in CASES_IMAGES_LIST_PATIENT_SEX_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CASES_IMAGES_LIST_PATIENT_SEX_VALUES!r}"
    )

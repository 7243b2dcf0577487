from typing import Literal

CasesImagesRetrieveFormat = Literal["csv", "json"]

CASES_IMAGES_RETRIEVE_FORMAT_VALUES: set[CasesImagesRetrieveFormat] = {
    "csv",
    "json",
}


def check_cases_images_retrieve_format(value: str) -> CasesImagesRetrieveFormat:
    if value in CASES_IMAGES_RETRIEVE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CASES_IMAGES_RETRIEVE_FORMAT_VALUES!r}"
    )

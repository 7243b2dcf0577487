from typing import Literal

CasesImagesListFormat = Literal["csv", "json"]

CASES_IMAGES_LIST_FORMAT_VALUES: set[CasesImagesListFormat] = {
    "csv",
    "json",
}


def check_cases_images_list_format(value: str) -> CasesImagesListFormat:
    if value in CASES_IMAGES_LIST_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {CASES_IMAGES_LIST_FORMAT_VALUES!r}"
    )

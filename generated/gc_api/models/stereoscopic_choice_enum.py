from typing import Literal

StereoscopicChoiceEnum = Literal["L", "R", "U"]

STEREOSCOPIC_CHOICE_ENUM_VALUES: set[StereoscopicChoiceEnum] = {
    "L",
    "R",
    "U",
}


def check_stereoscopic_choice_enum(value: str) -> StereoscopicChoiceEnum:
    if value in STEREOSCOPIC_CHOICE_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {STEREOSCOPIC_CHOICE_ENUM_VALUES!r}"
    )

from typing import Literal

EyeChoiceEnum = Literal["NA", "OD", "OS", "U"]

EYE_CHOICE_ENUM_VALUES: set[EyeChoiceEnum] = {
    "NA",
    "OD",
    "OS",
    "U",
}


def check_eye_choice_enum(value: str) -> EyeChoiceEnum:
    if value in EYE_CHOICE_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EYE_CHOICE_ENUM_VALUES!r}"
    )

from typing import Literal

FieldOfViewEnum = Literal["F1M", "F2", "F3M", "F4", "F5", "F6", "F7", "U"]

FIELD_OF_VIEW_ENUM_VALUES: set[FieldOfViewEnum] = {
    "F1M",
    "F2",
    "F3M",
    "F4",
    "F5",
    "F6",
    "F7",
    "U",
}


def check_field_of_view_enum(value: str) -> FieldOfViewEnum:
    if value in FIELD_OF_VIEW_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FIELD_OF_VIEW_ENUM_VALUES!r}"
    )

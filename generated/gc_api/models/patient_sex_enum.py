from typing import Literal

PatientSexEnum = Literal["F", "M", "O"]

PATIENT_SEX_ENUM_VALUES: set[PatientSexEnum] = {
    "F",
    "M",
    "O",
}


def check_patient_sex_enum(value: str) -> PatientSexEnum:
    if value in PATIENT_SEX_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PATIENT_SEX_ENUM_VALUES!r}"
    )

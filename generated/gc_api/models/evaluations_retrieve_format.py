from typing import Literal

EvaluationsRetrieveFormat = Literal["csv", "json"]

EVALUATIONS_RETRIEVE_FORMAT_VALUES: set[EvaluationsRetrieveFormat] = {
    "csv",
    "json",
}


def check_evaluations_retrieve_format(value: str) -> EvaluationsRetrieveFormat:
    if value in EVALUATIONS_RETRIEVE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EVALUATIONS_RETRIEVE_FORMAT_VALUES!r}"
    )

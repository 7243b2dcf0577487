from typing import Literal

EvaluationsListFormat = Literal["csv", "json"]

EVALUATIONS_LIST_FORMAT_VALUES: set[EvaluationsListFormat] = {
    "csv",
    "json",
}


def check_evaluations_list_format(value: str) -> EvaluationsListFormat:
    if value in EVALUATIONS_LIST_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EVALUATIONS_LIST_FORMAT_VALUES!r}"
    )

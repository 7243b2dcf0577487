from typing import Literal

EvaluationsClaimableEvaluationsRetrieveFormat = Literal["csv", "json"]

EVALUATIONS_CLAIMABLE_EVALUATIONS_RETRIEVE_FORMAT_VALUES: set[
    EvaluationsClaimableEvaluationsRetrieveFormat
] = {
    "csv",
    "json",
}


def check_evaluations_claimable_evaluations_retrieve_format(
    value: str,
) -> EvaluationsClaimableEvaluationsRetrieveFormat:
    if value in EVALUATIONS_CLAIMABLE_EVALUATIONS_RETRIEVE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EVALUATIONS_CLAIMABLE_EVALUATIONS_RETRIEVE_FORMAT_VALUES!r}"
    )

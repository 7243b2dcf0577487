from typing import Literal

EvaluationsClaimPartialUpdateFormat = Literal["csv", "json"]

EVALUATIONS_CLAIM_PARTIAL_UPDATE_FORMAT_VALUES: set[
    EvaluationsClaimPartialUpdateFormat
] = {
    "csv",
    "json",
}


def check_evaluations_claim_partial_update_format(
    value: str,
) -> EvaluationsClaimPartialUpdateFormat:
    if value in EVALUATIONS_CLAIM_PARTIAL_UPDATE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EVALUATIONS_CLAIM_PARTIAL_UPDATE_FORMAT_VALUES!r}"
    )

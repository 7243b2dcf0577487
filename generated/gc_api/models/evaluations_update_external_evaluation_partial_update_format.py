from typing import Literal

EvaluationsUpdateExternalEvaluationPartialUpdateFormat = Literal["csv", "json"]

EVALUATIONS_UPDATE_EXTERNAL_EVALUATION_PARTIAL_UPDATE_FORMAT_VALUES: set[
    EvaluationsUpdateExternalEvaluationPartialUpdateFormat
] = {
    "csv",
    "json",
}


def check_evaluations_update_external_evaluation_partial_update_format(
    value: str,
) -> EvaluationsUpdateExternalEvaluationPartialUpdateFormat:
    if value in EVALUATIONS_UPDATE_EXTERNAL_EVALUATION_PARTIAL_UPDATE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {EVALUATIONS_UPDATE_EXTERNAL_EVALUATION_PARTIAL_UPDATE_FORMAT_VALUES!r}"
    )

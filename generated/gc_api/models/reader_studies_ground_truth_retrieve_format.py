from typing import Literal

ReaderStudiesGroundTruthRetrieveFormat = Literal["csv", "json"]

READER_STUDIES_GROUND_TRUTH_RETRIEVE_FORMAT_VALUES: set[
    ReaderStudiesGroundTruthRetrieveFormat
] = {
    "csv",
    "json",
}


def check_reader_studies_ground_truth_retrieve_format(
    value: str,
) -> ReaderStudiesGroundTruthRetrieveFormat:
    if value in READER_STUDIES_GROUND_TRUTH_RETRIEVE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {READER_STUDIES_GROUND_TRUTH_RETRIEVE_FORMAT_VALUES!r}"
    )

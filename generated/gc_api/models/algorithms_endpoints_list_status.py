from typing import Literal

AlgorithmsEndpointsListStatus = Literal["Queued", "Running", "Started"]

ALGORITHMS_ENDPOINTS_LIST_STATUS_VALUES: set[AlgorithmsEndpointsListStatus] = {
    "Queued",
    "Running",
    "Started",
}


def check_algorithms_endpoints_list_status(value: str) -> AlgorithmsEndpointsListStatus:
    if value in ALGORITHMS_ENDPOINTS_LIST_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ALGORITHMS_ENDPOINTS_LIST_STATUS_VALUES!r}"
    )

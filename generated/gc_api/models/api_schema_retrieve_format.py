from typing import Literal

ApiSchemaRetrieveFormat = Literal["json", "yaml"]

API_SCHEMA_RETRIEVE_FORMAT_VALUES: set[ApiSchemaRetrieveFormat] = {
    "json",
    "yaml",
}


def check_api_schema_retrieve_format(value: str) -> ApiSchemaRetrieveFormat:
    if value in API_SCHEMA_RETRIEVE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {API_SCHEMA_RETRIEVE_FORMAT_VALUES!r}"
    )

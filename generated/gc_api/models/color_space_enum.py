from typing import Literal

ColorSpaceEnum = Literal["GRAY", "RGB", "RGBA", "YCBCR"]

COLOR_SPACE_ENUM_VALUES: set[ColorSpaceEnum] = {
    "GRAY",
    "RGB",
    "RGBA",
    "YCBCR",
}


def check_color_space_enum(value: str) -> ColorSpaceEnum:
    if value in COLOR_SPACE_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {COLOR_SPACE_ENUM_VALUES!r}"
    )

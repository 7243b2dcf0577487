"""The API change report, on small hand-made schemas and on the vendored one."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from gc_devtools.api_diff import Change, diff_schemas, format_report

ROOT = Path(__file__).resolve().parents[2]
VENDORED = json.loads(
    (ROOT / "openapi" / "grand-challenge.schema.json").read_text(encoding="utf-8")
)


def _schema(**extra_props: Any) -> dict[str, Any]:
    """A tiny two-operation API in the shape drf-spectacular writes."""
    image_props: dict[str, Any] = {
        "pk": {"type": "string", "format": "uuid"},
        "name": {"type": "string"},
        "width": {"type": "integer"},
        "color_space": {"$ref": "#/components/schemas/ColorSpaceEnum"},
        **extra_props,
    }
    return {
        "openapi": "3.0.3",
        "paths": {
            "/api/v1/images/": {
                "get": {
                    "operationId": "images_list",
                    "parameters": [{"in": "query", "name": "name", "schema": {"type": "string"}}],
                    "responses": {"200": {"content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Image"}}}}}},
                },
                "post": {
                    "operationId": "images_create",
                    "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ImageRequest"}}}},
                    "responses": {"201": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Image"}}}}},
                },
            }
        },
        "components": {
            "schemas": {
                "ColorSpaceEnum": {"enum": ["GRAY", "RGB"], "type": "string"},
                "Image": {"type": "object", "properties": image_props, "required": ["pk", "name"]},
                "ImageRequest": {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]},
            }
        },
    }  # fmt: skip


def kinds(changes: list[Change]) -> list[tuple[str, str, bool]]:
    return [(c.kind, c.location, c.breaking) for c in changes]


def test_identical_schemas_have_no_changes() -> None:
    assert diff_schemas(_schema(), _schema()) == []
    assert format_report([]) == "API changes: none"


def test_small_schema_versions() -> None:
    old, new = _schema(), _schema(height={"type": "integer"})
    del new["paths"]["/api/v1/images/"]["post"]
    new["components"]["schemas"]["Image"]["properties"]["width"] = {"type": "number"}
    new["components"]["schemas"]["ColorSpaceEnum"]["enum"] = ["GRAY", "RGB", "RGBA"]
    new["components"]["schemas"]["ImageRequest"]["properties"]["modality"] = {"type": "string"}
    new["components"]["schemas"]["ImageRequest"]["required"].append("modality")
    new["paths"]["/api/v1/images/"]["get"]["parameters"].append(
        {"in": "query", "name": "modality", "schema": {"type": "string"}}
    )
    assert sorted(kinds(diff_schemas(old, new))) == sorted(
        [
            ("operation-removed", "POST /api/v1/images/", True),
            ("parameter-added", "GET /api/v1/images/", False),
            ("enum-value-added", "ColorSpaceEnum", False),
            ("field-added", "Image.height", False),
            ("field-retyped", "Image.width", True),
            ("field-added", "ImageRequest.modality", True),  # a new required request field
        ]
    )


def test_removed_response_field_and_enum_value_are_breaking() -> None:
    old, new = _schema(), _schema()
    del new["components"]["schemas"]["Image"]["properties"]["name"]
    new["components"]["schemas"]["ColorSpaceEnum"]["enum"] = ["GRAY"]
    assert kinds(diff_schemas(old, new)) == [
        ("enum-value-removed", "ColorSpaceEnum", True),
        ("field-removed", "Image.name", True),
    ]


def test_response_field_becoming_nullable_is_breaking() -> None:
    old, new = _schema(), _schema()
    new["components"]["schemas"]["Image"]["properties"]["width"]["nullable"] = True
    assert kinds(diff_schemas(old, new)) == [("field-nullability", "Image.width", True)]


def test_vendored_schema_variant_lists_exactly_three_changes() -> None:
    """One endpoint removed, one field retyped, one enum value added; the first two break."""
    new = copy.deepcopy(VENDORED)
    del new["paths"]["/api/v1/archives/{id}/patients/"]
    new["components"]["schemas"]["HyperlinkedImage"]["properties"]["width"]["type"] = "string"
    new["components"]["schemas"]["ColorSpaceEnum"]["enum"].append("CMYK")

    changes = diff_schemas(VENDORED, new)
    assert kinds(changes) == [
        ("operation-removed", "GET /api/v1/archives/{id}/patients/", True),
        ("enum-value-added", "ColorSpaceEnum", False),
        ("field-retyped", "HyperlinkedImage.width", True),
    ]
    report = format_report(changes).splitlines()
    assert report[0] == "API changes: 3 (2 breaking)"
    assert report[1].split() == [
        "BREAKING", "operation", "removed:", "GET", "/api/v1/archives/{id}/patients/",
        "(archives_patients_retrieve)",
    ]  # fmt: skip
    assert report[2].split()[:4] == ["BREAKING", "field", "retyped:", "HyperlinkedImage.width:"]
    assert report[3].split() == ["enum", "value", "added:", "ColorSpaceEnum:", "'CMYK'"]

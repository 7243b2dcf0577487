"""Content negotiation: JSON everywhere, plus the server's ``PaginatedCSVRenderer``
(``?format=csv`` or ``Accept: text/csv``) on the endpoints that offer it (research §2.3).

Example:
    >>> to_csv({"count": 1, "results": [{"pk": "a", "values": [1, 2], "x": None}]})
    'pk,values,x\\r\\na,"[1, 2]",\\r\\n'
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

CSV_OPERATIONS = {
    "archives_list",
    "archives_retrieve",
    "cases_images_list",
    "cases_images_retrieve",
    "reader_studies_list",
    "reader_studies_retrieve",
    "reader_studies_questions_list",
    "reader_studies_questions_retrieve",
    "reader_studies_display_sets_list",
    "reader_studies_display_sets_retrieve",
    "reader_studies_answers_list",
    "reader_studies_answers_retrieve",
    "reader_studies_answers_mine_retrieve",
    "evaluations_list",
    "evaluations_retrieve",
}


def _flat(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def to_csv(data: Any) -> str:
    """Render ``results`` (or a single object) one level deep, nested values as JSON."""
    rows = data["results"] if isinstance(data, dict) and "results" in data else data
    if isinstance(rows, dict):
        rows = [rows]
    rows = [{k: _flat(v) for k, v in row.items()} for row in rows]
    header: list[str] = []
    for row in rows:
        header.extend(k for k in row if k not in header)
    out = io.StringIO()
    if header:
        writer = csv.DictWriter(out, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue()


def wants(operation_id: str, fmt: str | None, accept: str) -> str | None:
    """``"csv"``/``"json"``, or None when the requested format is not offered (DRF: 404)."""
    offered = {"json", "csv"} if operation_id in CSV_OPERATIONS else {"json"}
    if fmt:
        return fmt if fmt in offered else None
    if "csv" in offered and "text/csv" in accept and "application/json" not in accept:
        return "csv"
    return "json"

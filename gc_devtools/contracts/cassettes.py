"""The cassette format: one workflow's recorded API exchanges, as JSON files in
``tests/contract/cassettes/``; reading and writing them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gc_devtools.openapi_patches import ROOT

CASSETTE_DIR = ROOT / "tests" / "contract" / "cassettes"
HOST = "https://grand-challenge.org"


@dataclass
class Exchange:
    """One recorded API request and its response."""

    operation: str
    method: str
    path: str
    query: dict[str, list[str]]
    request_body: Any
    status: int
    response_body: Any
    response_content_type: str = "application/json"

    def to_json(self) -> dict[str, Any]:
        return {
            "operation": self.operation,
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "request_body": self.request_body,
            "status": self.status,
            "response_content_type": self.response_content_type,
            "response_body": self.response_body,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Exchange:
        return cls(
            operation=data["operation"],
            method=data["method"],
            path=data["path"],
            query=data.get("query", {}),
            request_body=data.get("request_body"),
            status=data["status"],
            response_body=data.get("response_body"),
            response_content_type=data.get("response_content_type", "application/json"),
        )


@dataclass
class Cassette:
    workflow: str
    description: str
    exchanges: list[Exchange] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> Cassette:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            workflow=data["workflow"],
            description=data.get("description", ""),
            exchanges=[Exchange.from_json(e) for e in data["exchanges"]],
        )

    def dump(self) -> str:
        doc = {
            "workflow": self.workflow,
            "description": self.description,
            "exchanges": [e.to_json() for e in self.exchanges],
        }
        return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def load_cassettes(directory: Path = CASSETTE_DIR) -> list[Cassette]:
    return [Cassette.load(p) for p in sorted(directory.glob("*.json"))]

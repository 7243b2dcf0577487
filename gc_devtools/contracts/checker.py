"""Validating recorded exchanges against one (patched) schema: openapi-core on the strict
schema, then the generated models; each failure a :class:`Problem`, each undeclared field
the client never reads a :class:`Drift`.
"""

from __future__ import annotations

import contextlib
import importlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from gc_devtools.contracts.cassettes import HOST, Cassette, Exchange
from gc_devtools.contracts.client_reads import ClientReads, client_reads, model_class
from gc_devtools.contracts.schema import (
    SCHEMA_NAME,
    Operation,
    OperationIndex,
    annotate_schema_names,
    make_strict,
)


@dataclass(frozen=True)
class Problem:
    """A recorded exchange that the schema (or the generated models) no longer accepts."""

    cassette: str
    index: int
    operation: str
    where: str  # "request", "response", "operation", "model"
    json_path: str
    rule: str
    message: str
    # A response field the schema does not declare: (schema location, JSON key), e.g.
    # ("HyperlinkedImage", "patient_id"); see ContractChecker.check.
    undeclared: tuple[str, str] | None = None

    def __str__(self) -> str:
        return (
            f"{self.cassette} exchange #{self.index} ({self.operation}) {self.where} "
            f"at {self.json_path}: {self.message} [rule: {self.rule}]"
        )


@dataclass(frozen=True)
class Drift:
    """A field a recorded response carries that the schema no longer declares, and that the
    client never reads (:class:`ClientReads`): not breaking, but worth knowing."""

    cassette: str
    index: int
    operation: str
    json_path: str
    field: str  # "Schema.field"

    @property
    def place(self) -> str:
        return f"{self.cassette} #{self.index} ({self.operation}) at {self.json_path}"


def _json_path(path: Iterable[Any]) -> str:
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _schema_errors(exc: BaseException) -> Iterator[tuple[str, str, str, tuple[str, str] | None]]:
    """(json path, rule, message, undeclared) for each leaf schema error behind an
    openapi-core error. An object carrying fields its (annotated) schema does not declare
    gives one error per field, with ``undeclared`` = (schema location, JSON key)."""
    seen = False
    stack: list[BaseException] = [exc]
    while stack:
        current = stack.pop()
        for error in getattr(current, "schema_errors", []) or []:
            seen = True
            leaves = [error]
            while any(getattr(e, "context", None) for e in leaves):
                leaves = [c for e in leaves for c in (getattr(e, "context", None) or [e])]
            for leaf in leaves:
                path = list(leaf.absolute_path)
                schema, instance = getattr(leaf, "schema", None), getattr(leaf, "instance", None)
                where = schema.get(SCHEMA_NAME) if isinstance(schema, dict) else None
                if (
                    leaf.validator == "additionalProperties"
                    and isinstance(schema, dict)
                    and where
                    and isinstance(instance, dict)
                ):
                    declared = schema.get("properties") or {}
                    for key in sorted(k for k in instance if k not in declared):
                        yield (
                            _json_path([*path, key]),
                            "additionalProperties",
                            f"'{key}' was unexpected: {where} does not declare it",
                            (where, key),
                        )
                    continue
                yield (_json_path(path), str(leaf.validator), leaf.message, None)
        if current.__cause__ is not None:
            stack.append(current.__cause__)
        if current.__context__ is not None and current.__context__ is not current.__cause__:
            stack.append(current.__context__)
    if not seen:
        yield ("$", type(exc).__name__, str(exc) or repr(exc), None)


class ContractChecker:
    """Validates recorded exchanges against one (patched) schema.

    The schema is made strict (:func:`make_strict`): a recorded response may carry only
    declared fields. A field it carries that the schema does not declare (typically: one the
    new schema removed) is breaking only if the client reads it (:func:`client_reads`);
    otherwise it is drift (:attr:`drift`), and the exchange is checked again with that field
    allowed (so that, under a nullable ``anyOf``, the other branch's error goes too).
    """

    def __init__(
        self,
        schema: dict[str, Any],
        *,
        check_models: bool = False,
        reads: ClientReads | None = None,
    ) -> None:
        from openapi_core import OpenAPI

        self.schema = schema
        self.index = OperationIndex(schema)
        self._strict = make_strict(annotate_schema_names(schema))
        self.openapi = OpenAPI.from_dict(self._strict)
        self.check_models = check_models
        self._reads = reads
        self.drift: list[Drift] = []

    @property
    def reads(self) -> ClientReads:
        """What the client reads; computed (:func:`client_reads`) only when first needed."""
        if self._reads is None:
            self._reads = client_reads()
        return self._reads

    def is_read(self, where: str, key: str) -> bool:
        return self.reads.reads(model_class(where), key)

    def check(self, cassettes: list[Cassette]) -> list[Problem]:
        """The problems (breaking) in the recorded exchanges; drift goes to :attr:`drift`."""
        from openapi_core import OpenAPI

        self.drift = []
        exchanges = {(c.workflow, i): ex for c in cassettes for i, ex in enumerate(c.exchanges)}
        found = {key: self.check_exchange(*key, ex) for key, ex in exchanges.items()}
        for _ in range(10):  # allowing a field can uncover another one, nested in it
            drifted = [
                p
                for problems in found.values()
                for p in problems
                if p.undeclared is not None and not self.is_read(*p.undeclared)
            ]
            if not drifted:
                break
            for p in drifted:
                assert p.undeclared is not None
                self._allow(*p.undeclared)
                where, key = p.undeclared
                self.drift.append(
                    Drift(p.cassette, p.index, p.operation, p.json_path, f"{where}.{key}")
                )
            self.openapi = OpenAPI.from_dict(self._strict)
            for again in {(p.cassette, p.index) for p in drifted}:
                found[again] = self.check_exchange(*again, exchanges[again])
        return [
            replace(p, message=f"{p.message}, and the client reads it") if p.undeclared else p
            for problems in found.values()
            for p in problems
        ]

    def _allow(self, where: str, key: str) -> None:
        """Declare ``key`` (any value) in the strict schema's objects at ``where``."""

        def visit(node: Any) -> None:
            if isinstance(node, dict):
                if node.get(SCHEMA_NAME) == where and isinstance(node.get("properties"), dict):
                    node["properties"].setdefault(key, {})
                for value in node.values():
                    visit(value)
            elif isinstance(node, list):
                for value in node:
                    visit(value)

        visit(self._strict)

    def check_exchange(self, workflow: str, index: int, ex: Exchange) -> list[Problem]:
        from openapi_core.testing import MockRequest, MockResponse

        found = self.index.match_with_params(ex.method, ex.path)
        op, path_params = found if found else (None, {})
        if op is None or op.operation_id != ex.operation:
            found = f"now {op.operation_id}" if op else "no longer in the schema"
            return [
                Problem(
                    workflow,
                    index,
                    ex.operation,
                    "operation",
                    "$",
                    "operation",
                    f"{ex.method} {ex.path}: operation {found}",
                )
            ]
        problems = []
        request = MockRequest(
            HOST,
            ex.method.lower(),
            ex.path,
            path_pattern=op.template,
            view_args=path_params,
            args=ex.query,
            headers={"Authorization": "Bearer recorded"},
            data=None if ex.request_body is None else json.dumps(ex.request_body).encode(),
        )
        try:
            self.openapi.validate_request(request)
        except Exception as exc:
            problems += [
                Problem(workflow, index, ex.operation, "request", p, r, m)
                for p, r, m, _ in _schema_errors(exc)
            ]
        documented = str(ex.status) in op.spec.get("responses", {})
        if ex.response_content_type == "application/json" and documented:
            response = MockResponse(json.dumps(ex.response_body).encode(), status_code=ex.status)
            try:
                self.openapi.validate_response(request, response)
            except Exception as exc:
                problems += [
                    Problem(workflow, index, ex.operation, "response", p, r, m, undeclared)
                    for p, r, m, undeclared in _schema_errors(exc)
                ]
        if self.check_models:
            problems += self._check_models(workflow, index, ex, op)
        return problems

    def _check_models(
        self, workflow: str, index: int, ex: Exchange, op: Operation
    ) -> list[Problem]:
        """The generated package must parse the response and reproduce the request body."""
        import httpx

        problems = []
        tag = op.spec.get("tags", ["default"])[0].replace("-", "_")
        module = importlib.import_module(f"gc_api.api.{tag}.{op.operation_id}")
        if ex.response_content_type == "application/json" and 200 <= ex.status < 300:
            client = importlib.import_module("gc_api").AuthenticatedClient(
                base_url=HOST, token="recorded"
            )
            response = httpx.Response(ex.status, json=ex.response_body)
            # Strictly: the models may parse leniently (keeping what does not fit) by default.
            parse_mode = getattr(importlib.import_module("gc_api.types"), "parse_mode", None)
            strict = parse_mode(strict=True) if parse_mode else contextlib.nullcontext()
            try:
                with strict:
                    parsed = module._parse_response(client=client, response=response)
                if parsed is None:
                    raise ValueError(f"no model for status {ex.status}")
            except Exception as exc:
                problems.append(
                    Problem(workflow, index, ex.operation, "model", "$", "parse", repr(exc))
                )
        if ex.request_body is not None:
            ref = (
                op.spec.get("requestBody", {})
                .get("content", {})
                .get("application/json", {})
                .get("schema", {})
                .get("$ref", "")
            )
            model_name = ref.rsplit("/", 1)[-1]
            model = getattr(importlib.import_module("gc_api.models"), model_name, None)
            if model is not None:
                try:
                    again = model.from_dict(ex.request_body).to_dict()
                except Exception as exc:
                    again = repr(exc)
                if again != ex.request_body:
                    problems.append(
                        Problem(
                            workflow,
                            index,
                            ex.operation,
                            "model",
                            "$",
                            "serialise",
                            f"{model_name} round trip gives {again!r}",
                        )
                    )
        return problems

"""Which fields of the generated ``gc_api`` models the client (``gc_highlevel``) reads,
derived from its source with mypy's type inference: a field it never reads is drift, not
breaking.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gc_devtools.openapi_patches import ROOT

CLIENT_DIR = ROOT / "gc_highlevel"
MODELS_DIR = ROOT / "generated" / "gc_api" / "models"
GENERATOR_CONFIG = ROOT / "openapi" / "config.yaml"
# Not the client: the emulated grand-challenge the tests run against.
NOT_CLIENT = ("gc_highlevel.testing",)
# Calls that read every field of the model they are given.
_WHOLE_MODEL_CALLS = {
    f"{module}.{name}" for module in ("attr", "attrs") for name in ("asdict", "astuple", "evolve")
}


@dataclass
class ClientReads:
    """Which fields of the generated ``gc_api`` models the client (``gc_highlevel``) reads.

    ``typed``: model class -> attribute names read on values of that class (``job.status``,
    ``getattr(job, "status")``, and the fields of ``Target`` in ``Target.from_dict(job.to_dict())``);
    ``whole``: model classes whose every field the client uses (``.to_dict()``,
    ``attrs.asdict``/``evolve``; with the models nested in them); ``by_name``: attribute names
    (or JSON keys) read on values whose type does not say which model they are (``Any``,
    ``object``, a protocol, an unbound type variable): they count for every model with such a
    field; ``json_keys``: model class -> JSON key -> attribute name (``ETag`` -> ``e_tag``).
    ``error``: the analysis failed, and every field counts as read.
    """

    typed: dict[str, set[str]] = field(default_factory=dict)
    whole: set[str] = field(default_factory=set)
    by_name: set[str] = field(default_factory=set)
    json_keys: dict[str, dict[str, str]] = field(default_factory=dict)
    error: str | None = None

    def reads(self, model: str | None, key: str) -> bool:
        """Whether the client reads JSON field ``key`` of model class ``model``. Unknown
        models (None, or no such generated class) count as read: when in doubt, breaking."""
        if self.error is not None or model is None or model not in self.json_keys:
            return True
        attr = self.json_keys[model].get(key, key)
        return (
            model in self.whole
            or attr in self.typed.get(model, ())
            or attr in self.by_name
            or key in self.by_name
        )


def model_json_keys(models_dir: Path = MODELS_DIR) -> dict[str, dict[str, str]]:
    """Model class -> JSON key -> attribute name, read from the generated ``to_dict`` methods
    (``field_dict.update({"ETag": e_tag})``, ``field_dict["next"] = next_``: the generator
    names the local after the attribute)."""
    import ast

    def pairs(node: ast.AST) -> Iterator[tuple[ast.expr | None, ast.expr]]:
        if isinstance(node, ast.Dict):
            yield from zip(node.keys, node.values, strict=True)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Subscript):
                    yield target.slice, node.value

    out: dict[str, dict[str, str]] = {}
    for path in sorted(models_dir.glob("*.py")):
        for cls in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(cls, ast.ClassDef):
                continue
            keys = out.setdefault(cls.name, {})
            for fn in cls.body:
                if isinstance(fn, ast.FunctionDef) and fn.name == "to_dict":
                    for node in ast.walk(fn):
                        for key, value in pairs(node):
                            if (
                                isinstance(key, ast.Constant)
                                and isinstance(key.value, str)
                                and isinstance(value, ast.Name)
                            ):
                                keys[key.value] = value.id
    return out


def _class_overrides() -> dict[str, str]:
    """Schema name -> generated class name, from the generator config's ``class_overrides``."""
    try:
        import yaml  # type: ignore[import-untyped,unused-ignore]

        config = yaml.safe_load(GENERATOR_CONFIG.read_text(encoding="utf-8")) or {}
    except (ImportError, OSError, ValueError):
        return {}
    overrides = config.get("class_overrides") or {}
    return {
        name: spec["class_name"]
        for name, spec in overrides.items()
        if isinstance(spec, dict) and "class_name" in spec
    }


def _pascal(name: str) -> str:
    return "".join(p[:1].upper() + p[1:] for p in re.split(r"[^0-9A-Za-z]+", name) if p)


def model_class(where: str) -> str:
    """The generated class for a schema location (see :func:`annotate_schema_names`):
    ``HyperlinkedImage`` -> ``HyperlinkedImage``, ``Timezone`` -> ``UserTimezone`` (config),
    ``DisplaySet.descriptions_map_safe`` -> ``DisplaySetDescriptionsMapSafe``, ``X.y[]`` ->
    ``XYItem`` (the generator's names for inline objects)."""
    head, *rest = re.findall(r"[^.\[\]{}]+|\[\]|\{\}", where)
    name = str(_class_overrides().get(head, head))
    for part in rest:
        name += {"[]": "Item", "{}": "AdditionalProperty"}.get(part) or _pascal(part)
    return name


def client_reads() -> ClientReads:
    """What ``gc_highlevel`` reads of the generated models (computed once per process).

    Static analysis with mypy's own type inference: the client is type-checked strictly, so
    the type of the object in every ``x.attr`` (and ``getattr(x, "attr")``) is known; an
    access on a ``gc_api.models`` class (through unions, ``None``, type-variable bounds) reads
    that field of that model. This covers every code path of the client (the CLI, error
    handling, code the recorded workflows never reach) from the source itself, so it cannot
    go stale. Where the type does not tell the model (``Any``, ``object``, a protocol), the
    name counts for every model: when in doubt, a field is read.
    """
    global _CLIENT_READS
    if _CLIENT_READS is None:
        try:
            _CLIENT_READS = _analyse_client_reads()
        except Exception as exc:  # mypy missing or failing: no basis for calling anything drift
            _CLIENT_READS = ClientReads(error=f"{type(exc).__name__}: {exc}".splitlines()[0])
    return _CLIENT_READS


_CLIENT_READS: ClientReads | None = None


def field_is_read(where: str, key: str) -> bool:
    """Whether the client reads JSON field ``key`` of the schema's ``where`` (a component, or
    a place in one: :func:`model_class`)."""
    return client_reads().reads(model_class(where), key)


def _analyse_client_reads() -> ClientReads:
    import os

    from mypy import build
    from mypy import types as mt
    from mypy.find_sources import create_source_list
    from mypy.nodes import CallExpr, MemberExpr, RefExpr, StrExpr, TypeInfo, Var
    from mypy.options import Options
    from mypy.traverser import NameAndMemberCollector

    options = Options()
    options.mypy_path = [str(ROOT / "generated")]
    options.export_types = True
    options.preserve_asts = True
    options.incremental = False
    options.cache_dir = os.devnull
    options.ignore_missing_imports = True
    # Only what the client's types are made of: third-party code it merely calls is Any.
    options.follow_imports = "skip"
    options.per_module_options = {
        pattern: {"follow_imports": "silent"}
        for module in ("gc_api", "httpx", "httpcore", "attr", "attrs")
        for pattern in (module, f"{module}.*")
    }
    options.build_per_module_cache()
    sources = [
        s
        for s in create_source_list([str(CLIENT_DIR)], options)
        if s.module and not s.module.startswith(NOT_CLIENT)
    ]
    result = build.build(sources, options)  # type errors do not matter; types are inferred

    def is_model(info: TypeInfo) -> bool:
        return info.fullname.startswith("gc_api.models.")

    def classify(typ: mt.Type | None) -> tuple[set[TypeInfo], bool]:
        """(the model classes a value of this type may be, whether it may be untyped)."""
        t = mt.get_proper_type(typ)
        if isinstance(t, mt.UnionType):
            models: set[TypeInfo] = set()
            untyped = False
            for item in t.items:
                m, u = classify(item)
                models |= m
                untyped |= u
            return models, untyped
        if isinstance(t, mt.TypeVarType):
            return classify(t.upper_bound)
        if isinstance(t, mt.AnyType):
            return set(), True
        if isinstance(t, mt.Instance):
            if is_model(t.type):
                return {t.type}, False
            return set(), t.type.is_protocol or t.type.fullname == "builtins.object"
        return set(), False

    def class_object(typ: mt.Type | None) -> TypeInfo | None:
        """The model class when the value is the class itself (``HyperlinkedJob.from_dict``)."""
        t = mt.get_proper_type(typ)
        if isinstance(t, mt.CallableType) and t.is_type_obj():
            info = t.type_object()
            return info if is_model(info) else None
        if isinstance(t, mt.TypeType):
            item = mt.get_proper_type(t.item)
            if isinstance(item, mt.Instance) and is_model(item.type):
                return item.type
        return None

    reads = ClientReads(json_keys=model_json_keys())
    whole: set[TypeInfo] = set()

    def access(base: mt.Type | None, name: str) -> None:
        if class_object(base) is not None:  # Model.from_dict: see the calls below
            return
        models, untyped = classify(base)
        for info in models:
            reads.typed.setdefault(info.name, set()).add(name)
            if name == "to_dict":
                whole.add(info)
        if untyped:
            reads.by_name.add(name)

    ours: set[int] = set()
    for module, state in result.graph.items():
        if state.tree is None or not (
            module == CLIENT_DIR.name or module.startswith(CLIENT_DIR.name + ".")
        ):
            continue
        if module.startswith(NOT_CLIENT):
            continue
        collector = NameAndMemberCollector()
        state.tree.accept(collector)
        ours.update(id(e) for e in collector.name_exprs)
        ours.update(id(e) for e in collector.member_exprs)
        for member in collector.member_exprs:
            access(result.types.get(member.expr), member.name)
    for expr in result.types:
        if not (isinstance(expr, CallExpr) and id(expr.callee) in ours and expr.args):
            continue
        callee = expr.callee
        name = callee.fullname if isinstance(callee, RefExpr) else ""
        if name in ("builtins.getattr", "builtins.hasattr") and len(expr.args) >= 2:
            attr = expr.args[1]
            if isinstance(attr, StrExpr):
                access(result.types.get(expr.args[0]), attr.value)
        elif name in _WHOLE_MODEL_CALLS:
            whole.update(classify(result.types.get(expr.args[0]))[0])
        elif isinstance(callee, MemberExpr) and callee.name == "from_dict":
            # One model made from another: Target.from_dict(source.to_dict()) needs Target's
            # fields in the source (on its model, or by name when its type says none).
            target = class_object(result.types.get(callee.expr))
            source = expr.args[0]
            if not (
                target is not None
                and isinstance(source, CallExpr)
                and isinstance(source.callee, MemberExpr)
                and source.callee.name == "to_dict"
            ):
                continue
            keys = reads.json_keys.get(target.name, {})
            models, untyped = classify(result.types.get(source.callee.expr))
            for info in models:
                attrs = reads.json_keys.get(info.name, {})
                reads.typed.setdefault(info.name, set()).update(
                    attrs[k] for k in keys if k in attrs
                )
            if untyped:
                reads.by_name.update(keys)

    def nested(typ: mt.Type | None, found: set[TypeInfo]) -> None:
        t = mt.get_proper_type(typ)
        if isinstance(t, mt.Instance):
            if is_model(t.type):
                found.add(t.type)
            for arg in t.args:
                nested(arg, found)
        elif isinstance(t, (mt.UnionType, mt.TupleType)):
            for item in t.items:
                nested(item, found)

    todo = list(whole)
    while todo:  # the models nested in one serialised whole are serialised whole too
        info = todo.pop()
        inner: set[TypeInfo] = set()
        for symbol in info.names.values():
            if isinstance(symbol.node, Var):
                nested(symbol.node.type, inner)
        for model in inner - whole:
            whole.add(model)
            todo.append(model)
    reads.whole = {info.name for info in whole}
    return reads

"""The compiled extraction core (``loaders._native``, built from ``loaders/native/`` in Rust), if built.

The Python modules of :mod:`loaders` are the reference implementation and declare every rule: their
compiled patterns, word sets, mappings and word lists are collected here by name (``"entities._TOKEN"``)
and handed to the core, which keeps only the procedures. :func:`core` returns None where the module
is not built (no Rust toolchain at install time); extraction then runs in Python, with the same
results (``tests/test_native*.py`` compare the two on every test document, the seed and a synthetic
corpus).
"""

from __future__ import annotations

import re
from types import ModuleType
from typing import Any

from graph.schema import Schema

_MODULES = ("bullets", "dates", "entities", "relations", "extract")


def _collect(config: dict[str, dict[str, Any]], prefix: str, namespace: dict[str, Any]) -> None:
    for name, value in namespace.items():
        if name.startswith("__") or isinstance(value, ModuleType) or callable(value) and not isinstance(
            value, re.Pattern
        ):
            continue
        key = f"{prefix}.{name}"
        if isinstance(value, re.Pattern):
            config["patterns"][key] = (value.pattern, int(value.flags))
        elif isinstance(value, frozenset | set) and all(isinstance(v, str) for v in value):
            config["sets"][key] = set(value)
        elif isinstance(value, tuple) and all(isinstance(v, str) for v in value):
            config["lists"][key] = list(value)
        elif isinstance(value, dict) and value and all(isinstance(k, str) for k in value):
            items = list(value.values())
            if all(isinstance(v, str) for v in items):
                config["maps"][key] = dict(value)
            elif all(isinstance(v, tuple) and all(isinstance(x, str) for x in v) for v in items):
                config["list_maps"][key] = [(k, list(v)) for k, v in value.items()]
            elif all(isinstance(v, int) for v in items):
                config["maps"][key] = {k: str(v) for k, v in value.items()}
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int):
            config["ints"][key] = value
        elif isinstance(value, float):
            config["floats"][key] = value
        elif isinstance(value, str):
            config["strs"][key] = value


def native_config(schema: Schema) -> dict[str, dict[str, Any]]:
    """Every rule the Python modules declare, by ``module.NAME``, and the schema's tables."""
    import importlib

    from loaders.entities import countries

    config: dict[str, dict[str, Any]] = {
        k: {} for k in ("patterns", "sets", "maps", "lists", "list_maps", "ints", "floats", "strs")
    }
    for module in _MODULES:
        _collect(config, module, vars(importlib.import_module(f"loaders.{module}")))
    # Declarations whose shape the generic collection does not take.
    from loaders import entities

    config["lists"]["entities.COLLECTIVES.labels"] = [label for _, label in entities.COLLECTIVES]
    config["strs"]["entities._PUNCT_TO_SPACE.chars"] = "".join(chr(c) for c in entities._PUNCT_TO_SPACE)
    names = countries()
    config["patterns"]["countries.pattern"] = (names.pattern.pattern, int(names.pattern.flags))
    config["maps"]["countries.by_name"] = {k: v[1] for k, v in names.by_name.items()}
    config["sets"]["countries.first_words"] = set(names.first_words)
    config["list_maps"]["countries.by_first_word"] = [(k, list(v)) for k, v in names.by_first_word.items()]
    config["sets"]["schema.actor_types"] = set(schema.members("Actor"))
    config["sets"]["schema.instrument_types"] = set(schema.members("Instrument"))
    allowed = set()
    for rel, spec in schema.relationship_types.items():
        for s in spec.sources:
            for t in spec.targets:
                allowed.add(f"{rel} {s} {t}")
    config["sets"]["schema.allowed"] = allowed
    config["sets"]["schema.symmetric"] = {rel for rel, spec in schema.relationship_types.items() if spec.symmetric}
    config["sets"]["schema.provides_for_sources"] = set(schema.relationship_types["PROVIDES_FOR"].sources)
    return config


_CORES: dict[int, tuple[Schema, Any]] = {}  # id(schema) -> (schema, its core); a Schema is not hashable


def _core_for(schema: Schema) -> Any:
    held = _CORES.get(id(schema))
    if held is None or held[0] is not schema:
        from loaders import _native  # type: ignore[attr-defined]

        held = _CORES[id(schema)] = (schema, _native.Core(native_config(schema)))
    return held[1]


def available() -> bool:
    try:
        from loaders import _native  # type: ignore[attr-defined]  # noqa: F401
    except ImportError:
        return False
    return True


def core(schema: Schema) -> Any | None:
    """The compiled core for ``schema`` (built once per schema and process), or None if not built."""
    return _core_for(schema) if available() else None

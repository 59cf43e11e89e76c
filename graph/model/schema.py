"""Load ``schema.yaml``, the single declaration of node and relationship types.

Everything that needs to know a label, a relationship type, a colour or a property list asks a
:class:`Schema`; nothing else in the code base lists them.

>>> s = load_schema()
>>> s.is_actor("Ministry"), s.is_instrument("Programme")
(True, True)
>>> s.allows("LEADS", "Ministry", "Strategy")
True
>>> s.allows("LEADS", "Strategy", "Ministry")
False
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from graph.errors import SchemaNameError

SCHEMA_PATH = Path(__file__).with_name("schema.yaml")

# Labels and relationship types are interpolated into Cypher (Cypher cannot parameterise them), so every
# name in the schema must be a plain identifier; this is checked when the schema loads.
_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


class SchemaError(ValueError):
    """The schema file itself is inconsistent."""


def _undeclared(what: str, name: str, allowed: Iterable[str]) -> SchemaNameError:
    return SchemaNameError(
        f"{what} {name!r} is not in graph/model/schema.yaml (allowed: {', '.join(sorted(allowed))}); "
        "fix the data or declare it there"
    )


@dataclass(frozen=True)
class PropertySpec:
    name: str
    type: str
    description: str
    required: bool = False
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class NodeType:
    label: str
    group: str | None
    key: str
    caption: str
    description: str
    color: str
    shape: str
    properties: dict[str, PropertySpec] = field(default_factory=dict)

    @property
    def labels(self) -> tuple[str, ...]:
        """All Neo4j labels a node of this type carries: its own and its group's."""
        return (self.label, self.group) if self.group else (self.label,)


@dataclass(frozen=True)
class RelationshipType:
    name: str
    sources: frozenset[str]
    targets: frozenset[str]
    description: str
    color: str
    dashes: bool
    symmetric: bool = False


@dataclass(frozen=True)
class Schema:
    node_types: dict[str, NodeType]
    relationship_types: dict[str, RelationshipType]
    groups: dict[str, str]
    entity_properties: dict[str, PropertySpec]
    relationship_properties: dict[str, PropertySpec]
    # Derived by graph.model.dating on every entity and relationship; read by the as-of rule (graph.model.holds).
    time_properties: dict[str, PropertySpec] = field(default_factory=dict)
    _group_members: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    # --- look-ups -------------------------------------------------------------------------------
    def node_type(self, label: str) -> NodeType:
        """The declared node type ``label``, else a one-line :class:`SchemaNameError`."""
        if label not in self.node_types:
            raise _undeclared("entity type", label, self.node_types)
        return self.node_types[label]

    def relationship_type(self, name: str) -> RelationshipType:
        """The declared relationship type ``name``, else a one-line :class:`SchemaNameError`."""
        if name not in self.relationship_types:
            raise _undeclared("relationship type", name, self.relationship_types)
        return self.relationship_types[name]

    def members(self, group: str) -> frozenset[str]:
        """Node types in a group (``Actor``, ``Instrument``)."""
        return self._group_members.get(group, frozenset())

    def is_actor(self, label: str) -> bool:
        return label in self.members("Actor")

    def is_instrument(self, label: str) -> bool:
        return label in self.members("Instrument")

    def allows(self, rel_type: str, source_type: str, target_type: str) -> bool:
        """Whether the schema allows ``(source_type)-[rel_type]->(target_type)``."""
        rel = self.relationship_types.get(rel_type)
        return rel is not None and source_type in rel.sources and target_type in rel.targets

    def check_label(self, label: str) -> str:
        """Return ``label`` if it is a declared node type or group, else raise; use before interpolating."""
        if label not in self.node_types and label not in self.groups:
            raise _undeclared("label", label, [*self.node_types, *self.groups])
        return label

    def check_relationship_type(self, name: str) -> str:
        """Return ``name`` if it is a declared relationship type, else raise; use before interpolating."""
        self.relationship_type(name)
        return name

    @property
    def involvement_types(self) -> list[str]:
        """Relationship types from actors to instruments: who leads, implements or takes part (sorted)."""
        actors, instruments = self.members("Actor"), self.members("Instrument")
        return sorted(
            name
            for name, rel in self.relationship_types.items()
            if rel.sources and rel.sources <= actors and rel.targets and rel.targets <= instruments
        )

    @property
    def collaboration_types(self) -> list[str]:
        """Symmetric relationship types between actors: two actors working together (sorted)."""
        actors = self.members("Actor")
        return sorted(
            name
            for name, rel in self.relationship_types.items()
            if rel.symmetric and rel.sources and rel.sources <= actors and rel.targets <= actors
        )

    @property
    def actor_types(self) -> list[str]:
        return sorted(self.members("Actor"))

    @property
    def instrument_types(self) -> list[str]:
        return sorted(self.members("Instrument"))


def _expand(names: list[str], node_types: dict[str, Any], groups: dict[str, Any], where: str) -> frozenset[str]:
    out: set[str] = set()
    for name in names:
        if name in groups:
            out |= {label for label, spec in node_types.items() if spec.get("group") == name}
        elif name in node_types:
            out.add(name)
        else:
            raise SchemaError(f"{where}: {name!r} is neither a node type nor a group")
    return frozenset(out)


def _properties(raw: dict[str, Any]) -> dict[str, PropertySpec]:
    return {
        name: PropertySpec(
            name=name,
            type=spec["type"],
            description=spec.get("description", ""),
            required=bool(spec.get("required", False)),
            values=tuple(spec.get("values", ())),
        )
        for name, spec in raw.items()
    }


def parse_schema(raw: dict[str, Any]) -> Schema:
    """Build a :class:`Schema` from the parsed YAML, checking it is self-consistent."""
    groups = {name: spec.get("description", "") for name, spec in (raw.get("groups") or {}).items()}
    raw_nodes: dict[str, Any] = raw["node_types"]
    node_types: dict[str, NodeType] = {}
    for label, spec in raw_nodes.items():
        if not _IDENTIFIER.match(label):
            raise SchemaError(f"node type {label!r} is not a plain identifier")
        group = spec.get("group")
        if group is not None and group not in groups:
            raise SchemaError(f"node type {label}: group {group!r} is not declared under groups")
        style = spec.get("style") or {}
        for needed in ("key", "caption"):
            if not spec.get(needed):
                raise SchemaError(f"node type {label} has no {needed}")
        if not style.get("color"):
            raise SchemaError(f"node type {label} has no style.color")
        node_types[label] = NodeType(
            label=label,
            group=group,
            key=spec["key"],
            caption=spec["caption"],
            description=spec.get("description", ""),
            color=style["color"],
            shape=style.get("shape", "dot"),
            properties=_properties(spec.get("properties") or {}),
        )
    rel_types: dict[str, RelationshipType] = {}
    for name, spec in raw["relationship_types"].items():
        if not _IDENTIFIER.match(name):
            raise SchemaError(f"relationship type {name!r} is not a plain identifier")
        style = spec.get("style") or {}
        rel_types[name] = RelationshipType(
            name=name,
            sources=_expand(spec["sources"], raw_nodes, groups, f"relationship {name} sources"),
            targets=_expand(spec["targets"], raw_nodes, groups, f"relationship {name} targets"),
            description=spec.get("description", ""),
            color=style.get("color", "#999999"),
            dashes=bool(style.get("dashes", False)),
            symmetric=bool(spec.get("symmetric", False)),
        )
    members = {
        g: frozenset(label for label, nt in node_types.items() if nt.group == g) for g in groups
    }
    return Schema(
        node_types=node_types,
        relationship_types=rel_types,
        groups=groups,
        entity_properties=_properties(raw.get("entity_properties") or {}),
        relationship_properties=_properties(raw.get("relationship_properties") or {}),
        time_properties=_properties(raw.get("time_properties") or {}),
        _group_members=members,
    )


@cache
def load_schema(path: Path = SCHEMA_PATH) -> Schema:
    """The project's schema (parsed once per process)."""
    with open(path, encoding="utf-8") as fh:
        return parse_schema(yaml.safe_load(fh))

"""The model: ``schema.yaml`` and its loader, the typed facts, :class:`InstitutionalGraph` and the merge rule.

Everything outside ``graph/model/`` imports these names from here (``from graph.model import Entity``).
"""

from graph.model.dating import coverage, date_facts
from graph.model.facts import (
    METHODS,
    Entity,
    Evidence,
    Relationship,
    document_id,
    entity_id,
    merge_entities,
    merge_relationships,
    slug,
)
from graph.model.holds import CERTAINTIES, DOES_NOT_HOLD, HOLDS, UNKNOWN, holds, status
from graph.model.institutional_graph import InstitutionalGraph, ModelError, graphs_equal, matches
from graph.model.merge import merge_extracted
from graph.model.schema import NodeType, PropertySpec, RelationshipType, Schema, SchemaError, load_schema

__all__ = [
    "CERTAINTIES",
    "DOES_NOT_HOLD",
    "HOLDS",
    "UNKNOWN",
    "coverage",
    "date_facts",
    "holds",
    "status",
    "METHODS",
    "Entity",
    "Evidence",
    "InstitutionalGraph",
    "ModelError",
    "NodeType",
    "PropertySpec",
    "Relationship",
    "RelationshipType",
    "Schema",
    "SchemaError",
    "document_id",
    "entity_id",
    "graphs_equal",
    "load_schema",
    "matches",
    "merge_entities",
    "merge_extracted",
    "merge_relationships",
    "slug",
]

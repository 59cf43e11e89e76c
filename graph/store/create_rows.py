"""The list rows of a load's relationships and mentions, built straight from the graph in chunks: the only
builder of relationship rows; a load right after a wipe CREATEs from them
(:func:`graph.store.statements.relationship_create`), any other MERGEs from the same rows
(:func:`graph.store.statements.relationship_statement`), and the mentions go to
:func:`graph.store.statements.mention_statement`.

No intermediate map per row: at a million relationships such maps were a third of the Python time of a
load; a group's rows are built a chunk at a time, so the first transactions go out while the rest is built.
``None`` (and an empty list or map property of the schema) goes as null, which a CREATE does not store and
a MERGE does not write.

>>> from graph.model import Entity, Relationship
>>> from graph.model.institutional_graph import InstitutionalGraph
>>> g = InstitutionalGraph()
>>> m = g.add_entity(Entity(type="Ministry", name="M"))
>>> p = g.add_entity(Entity(type="Programme", name="P"))
>>> _ = g.add_relationship(Relationship(type="LEADS", source=m.id, target=p.id, start=2001))
>>> [(group, columns, rows) for group, columns, rows in relationship_tables(g)]  # doctest: +NORMALIZE_WHITESPACE
[(('LEADS', 'Actor', 'Instrument'), ['confidence', 'method', 'start'],
  [['ministry:m', 'programme:p', '0ad36378c90fd4e6', 1.0, 'curated', 2001, None, None]])]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from graph.model.institutional_graph import InstitutionalGraph
from graph.store.rows import (
    _PRIMITIVE_TYPES,
    PropertyCodec,
    RelationshipGroup,
    _storable,
    citation_json,
    codec,
    dumps,
    lookup_label,
    mention_ids,
    mention_spans,
    property_name,
    relationship_groups,
    relationship_id,
)

CHUNK = 50_000
"""Rows built at a time: enough for several transactions, few enough that sending starts early."""

_Edge = tuple[str, str, dict[str, Any]]


def _columns(edges: list[_Edge], rules: PropertyCodec) -> list[str]:
    """The sorted names of the group's properties that some edge holds, but its id, type and lists."""
    skip = {"type", "id", *rules.relationship_lists}
    names = {name for _, _, data in edges for name, value in data.items() if value is not None}
    return sorted(property_name(name) for name in names - skip)


def _encoder(rules: PropertyCodec, name: str) -> Callable[[str, Any], Any] | None:
    """The stored form of a non-null value of a schema list or map property ``name``: a map as one JSON
    string, each citation as one (:func:`graph.store.rows.citation_json`), an empty one as null; ``None`` for
    any other property (:func:`graph.store.rows._storable`, called directly: it runs millions of times)."""
    if name in rules.relationship_maps:
        return lambda owner, value: dumps(dict(value)) if value else None
    if name in rules.relationship_json_lists:
        return lambda owner, value: [citation_json(v) for v in value] if value else None
    if name in rules.relationship_lists:
        return lambda owner, value: [_storable(owner, name, v) for v in value] if value else None
    return None


def _table(edges: list[_Edge], columns: list[str], rules: PropertyCodec) -> Iterator[list[list[Any]]]:
    """Rows ``[source, target, id, *columns, *list properties]`` of ``edges``, :data:`CHUNK` at a time."""
    cells = [(name, _encoder(rules, name)) for name in (*columns, *rules.relationship_lists)]
    plain = _PRIMITIVE_TYPES
    for start in range(0, len(edges), CHUNK):
        rows = []
        for u, v, data in edges[start : start + CHUNK]:
            row = [u, v, data.get("id") or relationship_id(data["type"], u, v, data.get("context"))]
            for name, encode in cells:
                value = data.get(name)
                if value is None or (encode is None and type(value) in plain):
                    row.append(value)
                elif encode is None:
                    row.append(_storable(u, name, value))
                else:
                    row.append(encode(u, value))
            rows.append(row)
        yield rows


def relationship_tables(graph: InstitutionalGraph) -> Iterator[tuple[RelationshipGroup, list[str], list[list[Any]]]]:
    """``(group, columns, rows)`` for every relationship, groups sorted, each group's rows in chunks."""
    rules = codec(graph.schema)
    for group, edges in sorted(relationship_groups(graph).items()):
        columns = _columns(edges, rules)
        for rows in _table(edges, columns, rules):
            yield group, columns, rows


def mention_tables(graph: InstitutionalGraph) -> dict[str, list[list[Any]]]:
    """:func:`graph.store.rows.mention_rows` grouped by entity (its id is sent and looked up once however
    many documents mention it): per look-up label, one row per entity ``[source, [[target, id, lines], …]]``,
    in the order they are first seen."""
    spans, types = mention_spans(graph)
    look = {label: lookup_label(graph.schema, label) for label in {types[e] for e, _ in spans}}
    by_source: dict[str, list[list[Any]]] = {}
    ids = mention_ids((e for e, _ in spans), (d for _, d in spans))
    for ((entity, doc), lines), mention in zip(spans.items(), ids, strict=True):
        link = [doc, mention, list(lines) or None]
        links = by_source.get(entity)
        if links is None:
            by_source[entity] = [link]
        else:
            links.append(link)
    out: dict[str, list[list[Any]]] = defaultdict(list)
    for entity, links in by_source.items():
        out[look[types[entity]]].append([entity, links])
    return dict(out)

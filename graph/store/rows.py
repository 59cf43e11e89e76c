"""The pure half of the Neo4j store: an :class:`InstitutionalGraph` as rows ready for ``UNWIND $rows``.

No driver here; :mod:`graph.store.write` sends these rows, :mod:`graph.store.read` decodes what Neo4j
gives back with :mod:`graph.store.decode`.

How the model's values are kept in Neo4j (property values there must be primitives or homogeneous lists):

* ``None`` is *absent*: a property that is ``None`` in the model is not sent, so a load never erases a
  value an earlier load wrote; on read, schema properties that are absent come back as ``None``
  (lists as ``[]``, maps as ``{}``), so the round trip is exact.
* a ``map`` property (an entity's ``figures``) is one JSON string;
* ``evidence`` is a list of strings, one canonical JSON object per citation
  (``{"document":…,"lines":[a,b],"text":…}`` with sorted keys), so Cypher can add new citations to the
  ones already stored without duplicating any;
* ``list`` properties of the schema (``aliases``, ``sources``, ``evidence``) accumulate: a load adds the
  items not yet stored and keeps the order in which they first arrived. Other properties are replaced by
  the newest load's value when it has one.
* a node's type is its schema label (plus the group label, e.g. ``:Ministry:Actor``), not a property; a
  relationship's type is its Neo4j type, and its model key (``TYPE@context``) is rebuilt from ``context``.

>>> from graph.model import Entity
>>> from graph.model.institutional_graph import InstitutionalGraph
>>> g = InstitutionalGraph()
>>> _ = g.add_entity(Entity(type="Ministry", name="Ministry of Examples", aliases=("MoE",), start=2017))
>>> entity_rows(g)["Ministry"]
[{'id': 'ministry:ministry-of-examples', 'props': {'name': 'Ministry of Examples', 'start': 2017}, \
'aliases': ['MoE'], 'sources': None}]
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from graph.errors import InstgraphError
from graph.model.institutional_graph import InstitutionalGraph
from graph.model.schema import Schema

# The relationship type and label the store uses for derived "entity is mentioned in document" links.
# Both are declared in schema.yaml; they are checked against the schema before use.
MENTION_TYPE = "MENTIONED_IN"
DOCUMENT_LABEL = "Document"
# A relationship the store derived (mentions from evidence) rather than one of the model's facts.
DERIVED_FLAG = "derived"

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_PRIMITIVES = (str, int, float, bool)
_PRIMITIVE_TYPES = frozenset(_PRIMITIVES)
_NAMES_CHECKED: set[str] = set()  # a load checks the same few names millions of times


def property_name(name: str) -> str:
    """Return ``name`` if it can be interpolated into Cypher as a property name, else raise."""
    if name in _NAMES_CHECKED:
        return name
    if not _IDENTIFIER.match(name):
        raise InstgraphError(f"property name {name!r} is not a plain identifier; rename it in the schema or data")
    _NAMES_CHECKED.add(name)
    return name


@dataclass(frozen=True)
class PropertyCodec:
    """Which properties accumulate, which are JSON, and what an absent one reads back as — from the schema."""

    entity_lists: tuple[str, ...]
    entity_maps: tuple[str, ...]
    entity_defaults: dict[str, Any]
    relationship_lists: tuple[str, ...]
    relationship_maps: tuple[str, ...]
    relationship_defaults: dict[str, Any]
    # list properties whose items are maps (each item one JSON string)
    relationship_json_lists: tuple[str, ...] = ("evidence",)
    # the list-valued time properties every dated fact carries (known_years, ...): absent reads back as []
    # (neo4j-admin import cannot store an empty array; the as-of rule's Cypher reads absent as [] too)
    time_lists: tuple[str, ...] = ()
    # the other time properties (not_before, not_before_rule, ...): absent when unknown, as in the model
    time_scalars: tuple[str, ...] = ()


def _default(type_: str) -> Any:
    return [] if type_ == "list" else {} if type_ == "map" else None


def codec(schema: Schema) -> PropertyCodec:
    """The encoding rules for ``schema`` (see the module docstring)."""
    ent, rel = schema.entity_properties, schema.relationship_properties
    rel_lists = tuple(property_name(n) for n, p in rel.items() if p.type == "list")
    return PropertyCodec(
        entity_lists=tuple(property_name(n) for n, p in ent.items() if p.type == "list"),
        entity_maps=tuple(property_name(n) for n, p in ent.items() if p.type == "map"),
        entity_defaults={n: _default(p.type) for n, p in ent.items()},
        relationship_lists=rel_lists,
        relationship_maps=tuple(property_name(n) for n, p in rel.items() if p.type == "map"),
        relationship_defaults={n: _default(p.type) for n, p in rel.items()},
        relationship_json_lists=tuple(n for n in ("evidence",) if n in rel_lists),
        time_lists=tuple(property_name(n) for n, p in schema.time_properties.items() if p.type.endswith("list")),
        time_scalars=tuple(property_name(n) for n, p in schema.time_properties.items() if not p.type.endswith("list")),
    )


def dumps(value: Any) -> str:
    """Canonical JSON (sorted keys, no spaces), so equal values give equal strings in Neo4j."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


_CITATION_KEYS = frozenset(("document", "lines", "text"))
_json_string = json.encoder.encode_basestring  # what dumps() writes for a str (ensure_ascii=False)


def citation_json(item: Any) -> str:
    """:func:`dumps` of one citation, written directly for the usual ``{document, lines: [a, b], text}``
    shape (a third of a large load's preparation time went to the generic encoder).

    >>> citation_json({"document": "document:d", "lines": [3, 4], "text": None})
    '{"document":"document:d","lines":[3,4],"text":null}'
    """
    if type(item) is dict and item.keys() == _CITATION_KEYS:  # a set comparison: no sort per citation
        doc, lines, text = item["document"], item["lines"], item["text"]
        if (
            type(doc) is str
            and (text is None or type(text) is str)
            and type(lines) in (list, tuple)
            and len(lines) == 2
            and type(lines[0]) is int
            and type(lines[1]) is int
        ):
            quoted = "null" if text is None else _json_string(text)
            return f'{{"document":{_json_string(doc)},"lines":[{lines[0]},{lines[1]}],"text":{quoted}}}'
    return dumps(item)


def _storable(owner: str, name: str, value: Any) -> Any:
    kind = type(value)
    if kind in _PRIMITIVE_TYPES:
        return value
    if kind is list or kind is tuple or isinstance(value, (list, tuple)):
        kinds = set(map(type, value))
        if (kinds <= _PRIMITIVE_TYPES or all(issubclass(k, _PRIMITIVES) for k in kinds)) and (
            len(kinds) <= 1 or kinds <= {int, float}
        ):
            return value if kind is list else list(value)  # rows are only sent, never changed: no copy
    elif isinstance(value, _PRIMITIVES):
        return value
    raise InstgraphError(
        f"{owner}: property {name!r} holds {type(value).__name__} {value!r:.60}, which Neo4j cannot store; "
        "use a primitive or a list of one primitive type (maps belong in schema 'map' properties)"
    )


def entity_row(node_id: str, data: dict[str, Any], rules: PropertyCodec) -> dict[str, Any]:
    """One node as ``{id, props, <list properties>}``; ``None`` values are left out."""
    props: dict[str, Any] = {}
    row: dict[str, Any] = {"id": node_id, "props": props}
    for name, value in data.items():
        if name in ("type", "id") or value is None:
            continue
        if name in rules.entity_lists:
            continue
        if name in rules.entity_maps:
            if value:
                props[name] = dumps(dict(value))
            continue
        props[property_name(name)] = _storable(node_id, name, value)
    for name in rules.entity_lists:
        value = data.get(name)
        row[name] = [_storable(node_id, name, v) for v in value] if value else None
    return row


def relationship_id(type_: str, source: str, target: str, context: str | None) -> str:
    """The same short stable id as :attr:`graph.model.Relationship.rel_id`."""
    raw = "\x1f".join((type_, source, target, context or ""))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def entity_rows(graph: InstitutionalGraph) -> dict[str, list[dict[str, Any]]]:
    """Rows for every entity, grouped by its schema label (one ``UNWIND`` statement per label)."""
    rules = codec(graph.schema)
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node_id, data in graph.graph.nodes(data=True):
        out[graph.schema.node_type(data["type"]).label].append(entity_row(node_id, data, rules))
    return dict(out)


RelationshipGroup = tuple[str, str, str]
"""``(relationship type, start look-up label, end look-up label)``: one MERGE statement per group."""


def lookup_label(schema: Schema, node_type: str) -> str:
    """The label a writer MATCHes a node of ``node_type`` by: its group (``Actor``, ``Instrument``) when it
    has one, else its own. Every look-up label has a uniqueness constraint on the key (an index), and
    grouping relationships by look-up labels keeps the number of distinct statements — each one planned
    by the server — small whatever mix of types the data holds."""
    nt = schema.node_type(node_type)
    return schema.check_label(nt.group or nt.label)


def relationship_groups(graph: InstitutionalGraph) -> dict[RelationshipGroup, list[tuple[str, str, dict[str, Any]]]]:
    """Every relationship as ``(source, target, data)``, grouped by type and the look-up labels of its two
    ends, in the graph's order."""
    schema, nodes = graph.schema, graph.graph.nodes
    look = {label: lookup_label(schema, label) for label in schema.node_types}
    out: dict[RelationshipGroup, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    for u, v, data in graph.graph.edges(data=True):
        s, t = nodes[u]["type"], nodes[v]["type"]
        out[(data["type"], look.get(s) or lookup_label(schema, s), look.get(t) or lookup_label(schema, t))].append(
            (u, v, data)
        )
    for type_, _, _ in out:
        schema.check_relationship_type(type_)
    return dict(out)


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}-{last}"


def mention_rows(graph: InstitutionalGraph) -> dict[str, list[dict[str, Any]]]:
    """Derived ``MENTIONED_IN`` links from entities to the ``Document`` nodes that cite them.

    An entity is mentioned at the lines of every citation of a relationship it takes part in, and
    (without lines) in every document listed in its own or its relationships' ``sources``. Only
    documents held in the graph get links; a pair the model already links with its own
    ``MENTIONED_IN`` relationship is left to that relationship. Rows are grouped by the entity's label;
    each carries ``lines`` as ``"first-last"`` strings (``"12"`` for one line) in citation order.

    >>> from graph.model import Entity, Evidence, Relationship
    >>> g = InstitutionalGraph()
    >>> d = g.add_entity(Entity(type="Document", name="Deck", extra=(("sha256", "ab"),)))
    >>> m = g.add_entity(Entity(type="Ministry", name="M"))
    >>> p = g.add_entity(Entity(type="Programme", name="P"))
    >>> _ = g.add_relationship(Relationship(type="LEADS", source=m.id, target=p.id,
    ...                                     evidence=(Evidence(d.id, 3, 4),)))
    >>> [(r["source"], r["lines"]) for r in mention_rows(g)["Actor"]]
    [('ministry:m', ['3-4'])]
    """
    spans, types = mention_spans(graph)
    look = {label: lookup_label(graph.schema, label) for label in {types[e] for e, _ in spans}}
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (entity, doc), lines in spans.items():
        out[look[types[entity]]].append(
            {"source": entity, "target": doc, "id": mention_id(entity, doc), "lines": list(lines) or None}
        )
    return dict(out)


_MENTION_KEY = f"{MENTION_TYPE}\x1f{{}}\x1f{{}}\x1f".format  # what relationship_id hashes for a mention
_MENTION_ID = "mention:{:.16}".format  # the prefix and the first 16 hex digits
_HEX = type(hashlib.sha1()).hexdigest


def mention_id(entity: str, document: str, _sha1: Callable[[bytes], Any] = hashlib.sha1) -> str:
    """The id of the derived link from ``entity`` to ``document``: ``"mention:"`` and its
    :func:`relationship_id` (written out: a large export makes millions).

    >>> mention_id("ministry:m", "doc:d")[8:] == relationship_id(MENTION_TYPE, "ministry:m", "doc:d", None)
    True
    """
    return _MENTION_ID(_sha1(_MENTION_KEY(entity, document).encode()).hexdigest())


def mention_ids(entities: Iterable[str], documents: Iterable[str]) -> list[str]:
    """:func:`mention_id` of each pair, by C-level passes (no Python call per id: a large export makes
    millions, and the calls were half their cost).

    >>> mention_ids(["ministry:m"], ["doc:d"]) == [mention_id("ministry:m", "doc:d")]
    True
    """
    digests = map(_HEX, map(hashlib.sha1, map(str.encode, map(_MENTION_KEY, entities, documents))))
    return list(map(_MENTION_ID, digests))


Spans = dict[tuple[str, str], dict[str, None]]
"""``(entity, document) → {"first-last": None}``: the lines of each mention, in citation order."""


def mention_spans(graph: InstitutionalGraph) -> tuple[Spans, dict[str, str]]:
    """The mentions of :func:`mention_rows` in the order they are first seen, and every node's type.

    Written as one flat loop (no call per citation): at a million relationships it visits four million
    (entity, document) notes.
    """
    schema = graph.schema
    g = graph.graph
    types: dict[str, str] = dict(g.nodes(data="type"))
    spans: Spans = {}
    if MENTION_TYPE not in schema.relationship_types or DOCUMENT_LABEL not in schema.node_types:
        return spans, types
    documents = {n for n, t in types.items() if t == DOCUMENT_LABEL}
    if not documents:
        return spans, types
    mention_sources = schema.relationship_type(MENTION_TYPE).sources
    mentionable = {n for n, t in types.items() if t in mention_sources}
    # pairs the model links itself: MENTIONED_IN ends at documents, so only their in-edges are read
    linked = {(u, doc) for doc in documents for u, keyed in g._pred[doc].items()
              if any(d["type"] == MENTION_TYPE for d in keyed.values())}  # fmt: skip
    span_of: dict[tuple[Any, Any], str] = {}

    def facts() -> Iterator[tuple[tuple[str, ...], Any, Any]]:
        for node, data in g.nodes(data=True):
            if node in mentionable and data.get("sources"):
                yield (node,), (), data["sources"]
        for u, nbrs in g._adj.items():  # what edges(data=True) walks, without a generator step per edge
            u_in = u in mentionable
            for v, keyed in nbrs.items():
                ends = (u, v) if u_in and v in mentionable else (u,) if u_in else (v,) if v in mentionable else ()
                if ends:
                    for data in keyed.values():
                        if data["type"] != MENTION_TYPE:
                            yield ends, data.get("evidence") or (), data.get("sources") or ()

    for ends, evidence, sources in facts():
        for ev in evidence:
            doc = ev["document"]
            if doc not in documents:
                continue
            first, last = ev["lines"]
            span = span_of.get((first, last))
            if span is None:
                span = span_of[(first, last)] = _span(int(first), int(last))
            for entity in ends:
                lines = spans.get(pair := (entity, doc))
                if lines is None:
                    if pair in linked:
                        continue
                    lines = spans[pair] = {}
                lines[span] = None
        for doc in sources:
            if doc in documents:
                for entity in ends:
                    if (pair := (entity, doc)) not in spans and pair not in linked:
                        spans[pair] = {}
    return spans, types


def as_columns(
    rows: list[dict[str, Any]], ends: tuple[str, ...], lists: tuple[str, ...], key: str
) -> tuple[list[str], list[list[Any]]]:
    """Rows of :func:`entity_rows` as the list rows a CREATE takes
    (:mod:`graph.store.statements`): ``[*ends, *props in columns, *lists]``, ``None`` where a row lacks a
    property; the columns are the sorted union of the rows' ``props`` names but ``key``.

    >>> as_columns([{"id": "a", "props": {"name": "A"}, "aliases": ["X"]},
    ...             {"id": "b", "props": {"start": 2001}, "aliases": None}], ("id",), ("aliases",), "id")
    (['name', 'start'], [['a', 'A', None, ['X']], ['b', None, 2001, None]])
    """
    columns = sorted({name for row in rows for name in row["props"]} - {key})
    out = []
    for row in rows:
        props = row["props"]
        out.append([*[row[e] for e in ends], *[props.get(c) for c in columns], *[row[x] for x in lists]])
    return columns, out

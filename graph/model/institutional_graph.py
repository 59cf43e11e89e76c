"""The in-memory model: a networkx MultiDiGraph of typed entities and dated, cited relationships.

Node = entity id, with the entity's properties as attributes. Edge = one relationship identity,
keyed by ``TYPE`` or ``TYPE@context``, with the relationship's properties as attributes. Neo4j, the
exports, the analyses and the views are all views of this one model.

>>> g = InstitutionalGraph()
>>> a = g.add_entity(Entity(type="Agency", name="Old Office", end=2016))
>>> b = g.add_entity(Entity(type="Ministry", name="New Ministry", start=2017))
>>> _ = g.add_relationship(Relationship(type="SUCCEEDED_BY", source=a.id, target=b.id, start=2017))
>>> sorted(g.as_of(2016).graph.nodes), sorted(g.as_of(2017).graph.nodes), sorted(g.as_of(2010).graph.nodes)
(['agency:old-office'], ['ministry:new-ministry'], [])
>>> sorted(g.as_of(2010, "possible").graph.nodes)
['agency:old-office']
>>> list(g.lineage().graph.nodes)
['ministry:new-ministry']
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from graph.model.facts import Entity, Relationship, merge_entities, merge_relationships
from graph.model.schema import Schema, load_schema


class ModelError(ValueError):
    """A fact does not fit the schema or refers to an entity the graph does not hold."""


class InstitutionalGraph:
    """Typed entities and dated, cited relationships on a networkx ``MultiDiGraph``."""

    def __init__(self, schema: Schema | None = None, graph: nx.MultiDiGraph | None = None) -> None:
        self.schema = schema or load_schema()
        self.graph: nx.MultiDiGraph = graph if graph is not None else nx.MultiDiGraph()

    # --- building ---------------------------------------------------------------------------------
    @classmethod
    def from_facts(
        cls, entities: Iterable[Entity], relationships: Iterable[Relationship], schema: Schema | None = None
    ) -> InstitutionalGraph:
        g = cls(schema)
        for e in entities:
            g.add_entity(e)
        for r in relationships:
            g.add_relationship(r)
        return g

    def update(self, other: InstitutionalGraph) -> None:
        """Merge every entity and relationship of ``other`` into this graph (this graph's values lead)."""
        for e in other.entities():
            self.add_entity(e)
        for r in other.relationships():
            self.add_relationship(r)

    def add_entity(self, entity: Entity) -> Entity:
        """Add an entity, merging it with one of the same id already held; returns the stored entity."""
        if entity.type not in self.schema.node_types:
            raise ModelError(
                f"{entity.name}: unknown type {entity.type!r}; allowed: {', '.join(sorted(self.schema.node_types))}"
            )
        if entity.id in self.graph:
            held = self.entity(entity.id)
            if held.type != entity.type:
                raise ModelError(f"id {entity.id} is both a {held.type} and a {entity.type}")
            entity = merge_entities(held, entity)
        self.graph.add_node(entity.id, **entity.properties())
        return entity

    def add_relationship(self, rel: Relationship) -> Relationship:
        """Add a relationship between held entities, merging it with an identical one already held."""
        spec = self.schema.relationship_types.get(rel.type)
        if spec is None:
            raise ModelError(
                f"unknown relationship type {rel.type!r}; allowed: {', '.join(sorted(self.schema.relationship_types))}"
            )
        for end in (rel.source, rel.target):
            if end not in self.graph:
                raise ModelError(f"{rel.type} {rel.source} -> {rel.target}: no entity with id {end!r}")
        s_type, t_type = self.graph.nodes[rel.source]["type"], self.graph.nodes[rel.target]["type"]
        if not self.schema.allows(rel.type, s_type, t_type):
            raise ModelError(
                f"{rel.type} is not allowed from {s_type} to {t_type}; allowed: "
                f"{', '.join(sorted(spec.sources))} -> {', '.join(sorted(spec.targets))}"
            )
        if spec.symmetric and rel.source > rel.target:
            # One fact whichever way it was stated.
            rel = Relationship(**{**rel.__dict__, "source": rel.target, "target": rel.source})
        if self.graph.has_edge(rel.source, rel.target, rel.key):
            rel = merge_relationships(self.relationship(rel.source, rel.target, rel.key), rel)
        self.graph.add_edge(rel.source, rel.target, key=rel.key, **rel.properties())
        return rel

    # --- reading ----------------------------------------------------------------------------------
    def entity(self, entity_id: str) -> Entity:
        return Entity.from_properties({**self.graph.nodes[entity_id], "id": entity_id})

    def relationship(self, source: str, target: str, key: str) -> Relationship:
        return Relationship.from_properties(source, target, self.graph.edges[source, target, key])

    def entities(self, types: Iterable[str] | None = None) -> Iterator[Entity]:
        wanted = set(types) if types is not None else None
        for node_id, data in self.graph.nodes(data=True):
            if wanted is None or data["type"] in wanted:
                yield Entity.from_properties({**data, "id": node_id})

    def relationships(self, types: Iterable[str] | None = None) -> Iterator[Relationship]:
        wanted = set(types) if types is not None else None
        for u, v, data in self.graph.edges(data=True):
            if wanted is None or data["type"] in wanted:
                yield Relationship.from_properties(u, v, data)

    def actors(self) -> list[Entity]:
        return list(self.entities(self.schema.members("Actor")))

    def instruments(self) -> list[Entity]:
        return list(self.entities(self.schema.members("Instrument")))

    def find(self, text: str) -> list[Entity]:
        """Entities whose name or an alias equals ``text``, ignoring case."""
        needle = text.casefold()
        return [
            e
            for e in self.entities()
            if e.name.casefold() == needle or any(a.split("@")[0].casefold() == needle for a in e.aliases)
        ]

    def counts(self) -> dict[str, dict[str, int]]:
        """Counts of entities by type and relationships by type."""
        nodes: dict[str, int] = {}
        for _, t in self.graph.nodes(data="type"):
            nodes[t] = nodes.get(t, 0) + 1
        edges: dict[str, int] = {}
        for _, _, t in self.graph.edges(data="type"):
            edges[t] = edges.get(t, 0) + 1
        return {"entities": dict(sorted(nodes.items())), "relationships": dict(sorted(edges.items()))}

    def years(self) -> tuple[int, int] | None:
        """The earliest and latest year any fact names, or None if none is dated."""
        ys = [y for _, d in self.graph.nodes(data=True) for y in (d.get("start"), d.get("end")) if y is not None]
        ys += [y for _, _, d in self.graph.edges(data=True) for y in (d.get("start"), d.get("end")) if y is not None]
        return (min(ys), max(ys)) if ys else None

    def __len__(self) -> int:
        return self.graph.number_of_nodes()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, InstitutionalGraph):
            return NotImplemented
        return graphs_equal(self.graph, other.graph)

    # --- views --------------------------------------------------------------------------------------
    def dated(self) -> InstitutionalGraph:
        """This graph with every fact's time properties (:mod:`graph.model.dating`): itself if it has them."""
        from graph.model.dating import date_facts, is_dated

        return self if is_dated(self.graph) else date_facts(self)

    def as_of(self, year: int, certainty: str = "known") -> InstitutionalGraph:
        """The graph in ``year`` by the as-of rule (:mod:`graph.model.holds`): with ``certainty="known"``
        the entities and relationships that hold then, with ``"possible"`` those that hold or are unknown.

        A relationship also needs both its ends kept. The facts keep their time properties.
        """
        from graph.model.holds import check_certainty, holds

        check_certainty(certainty)
        dated = self.dated().graph
        keep = [n for n, d in dated.nodes(data=True) if holds(year, d, certainty)]
        sub = nx.MultiDiGraph()
        sub.add_nodes_from((n, dict(dated.nodes[n])) for n in keep)
        kept = set(keep)
        sub.add_edges_from(
            (u, v, k, dict(d))
            for u, v, k, d in dated.edges(keys=True, data=True)
            if u in kept and v in kept and holds(year, d, certainty)
        )
        return InstitutionalGraph(self.schema, sub)

    def status(self, year: int) -> dict[str, int]:
        """How many facts (entities and relationships, documents left out) hold, are unknown or do not
        hold in ``year``."""
        from graph.model.holds import ANSWERS, status

        dated = self.dated().graph
        counts = dict.fromkeys(ANSWERS, 0)
        for _, d in dated.nodes(data=True):
            if d.get("type") != "Document":
                counts[status(year, d)] += 1
        for _, _, d in dated.edges(data=True):
            counts[status(year, d)] += 1
        return counts

    def subgraph(self, types: Iterable[str]) -> InstitutionalGraph:
        """Only entities of the given types (or groups) and the relationships among them."""
        wanted: set[str] = set()
        for t in types:
            wanted |= set(self.schema.members(t)) or {t}
        keep = [n for n, d in self.graph.nodes(data=True) if d["type"] in wanted]
        return InstitutionalGraph(self.schema, nx.MultiDiGraph(self.graph.subgraph(keep)))

    def successor_of(self) -> dict[str, str]:
        """Each body that was succeeded, mapped to its latest successor (following chains)."""
        nxt = {u: v for u, v, t in self.graph.edges(data="type") if t == "SUCCEEDED_BY"}
        final: dict[str, str] = {}
        for start in nxt:
            seen, cur = {start}, nxt[start]
            while cur in nxt and nxt[cur] not in seen:
                seen.add(cur)
                cur = nxt[cur]
            final[start] = cur
        return final

    def lineage(self) -> InstitutionalGraph:
        """Fold each body into its latest successor, for analysis across reorganisations.

        The folded node keeps the successor's properties, with the predecessors' names added to its
        aliases and its ``start`` taken back to the earliest predecessor's (unknown if any predecessor's
        start is unknown); edges are re-pointed and merged; SUCCEEDED_BY edges between folded bodies
        disappear.
        """
        final = self.successor_of()
        folded = nx.MultiDiGraph()
        for n, d in self.graph.nodes(data=True):
            if n not in final:
                folded.add_node(n, **{**d, "folded": []})
        for old, new in final.items():
            d, old_d = folded.nodes[new], self.graph.nodes[old]
            d["aliases"] = list(dict.fromkeys([*d["aliases"], old_d["name"], *old_d["aliases"]]))
            d["folded"] = sorted([*d["folded"], old])
            # A predecessor of unknown start existed for an unknown time before its successor, so the
            # lineage's start becomes unknown too (otherwise as_of would drop the predecessor's edges).
            if old_d.get("start") is None:
                d["start"] = None
            elif d.get("start") is not None and old_d["start"] < d["start"]:
                d["start"] = old_d["start"]
        result = InstitutionalGraph(self.schema, folded)
        for rel in self.relationships():
            u, v = final.get(rel.source, rel.source), final.get(rel.target, rel.target)
            if u == v:
                continue
            moved = Relationship(**{**rel.__dict__, "source": u, "target": v})
            spec = self.schema.relationship_types[rel.type]
            if spec.symmetric and u > v:
                moved = Relationship(**{**moved.__dict__, "source": v, "target": u})
            if folded.has_edge(u, v, moved.key):
                moved = merge_relationships(result.relationship(u, v, moved.key), moved, span="union")
            folded.add_edge(u, v, key=moved.key, **moved.properties())
        return result

    # --- node-link JSON -------------------------------------------------------------------------------
    def to_node_link(self) -> dict[str, Any]:
        return nx.node_link_data(self.graph, edges="edges")

    @classmethod
    def from_node_link(cls, data: dict[str, Any], schema: Schema | None = None) -> InstitutionalGraph:
        g = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
        return cls(schema, nx.MultiDiGraph(g))

    def write_json(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_node_link(), ensure_ascii=False, indent=1, sort_keys=True), "utf-8")

    @classmethod
    def read_json(cls, path: Path, schema: Schema | None = None) -> InstitutionalGraph:
        """Read a node-link ``graph.json``; raise :class:`~graph.errors.InputError` naming the file when it
        is not one (not JSON, not UTF-8, not node-link, or types the schema does not declare).
        ``OSError`` (a missing or unreadable file) passes through for the caller to name its option."""
        from graph.errors import InputError

        fix = "write it with instgraph build"
        try:
            data = json.loads(path.read_text("utf-8"))
            if not isinstance(data, dict):
                raise TypeError(f"the top level is a JSON {type(data).__name__}, not an object")
            graph = cls.from_node_link(data, schema)
        except (ValueError, KeyError, TypeError, AttributeError, IndexError, nx.NetworkXError) as exc:
            reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
            raise InputError(str(path), f"not a node-link graph ({reason}); {fix}") from None
        nodes, rels = graph.schema.node_types, graph.schema.relationship_types
        for node, type_ in graph.graph.nodes(data="type"):
            if type_ not in nodes:
                raise InputError(str(path), f"node {str(node)[:80]!r} has type {type_!r}, not in the schema; {fix}")
        for u, v, type_ in graph.graph.edges(data="type"):
            if type_ not in rels:
                raise InputError(
                    str(path), f"relationship {str(u)[:60]!r} -> {str(v)[:60]!r} has type {type_!r}, "
                    f"not in the schema; {fix}"
                )
        return graph


def graphs_equal(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> bool:
    """Same nodes with the same attributes and the same keyed edges with the same attributes."""
    if dict(a.nodes(data=True)) != dict(b.nodes(data=True)):
        return False
    ea = {(u, v, k): d for u, v, k, d in a.edges(keys=True, data=True)}
    eb = {(u, v, k): d for u, v, k, d in b.edges(keys=True, data=True)}
    return ea == eb


def matches(data: Mapping[str, Any], node_id: str, text: str) -> bool:
    """How queries and the policy-area filter look an entity up: the id exactly, or the name or an alias
    (without '@lang'), in any case (Cypher's ``toLower``).

    >>> mss = {"name": "Ministry of SMEs and Startups", "aliases": ["MSS", "중소벤처기업부@ko"]}
    >>> matches(mss, "m", "mss"), matches(mss, "m", "중소벤처기업부")
    (True, True)
    >>> matches(mss, "m", "Ministry of SMEs")
    False
    """
    needle = text.lower()
    if node_id == text or str(data.get("name") or "").lower() == needle:
        return True
    return any(str(a).split("@")[0].lower() == needle for a in data.get("aliases") or ())

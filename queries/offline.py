"""The library's questions answered from the networkx model, without Neo4j.

Each function takes an :class:`~graph.model.institutional_graph.InstitutionalGraph` and the same parameters as
the ``.cypher`` query of the same name, and returns the same rows: same columns in the same order, same
values, same row order. The tests check that both engines give equal answers on the Korea graph.

The relationship types a question needs are derived from the schema, not listed: *roles* are the types
from any actor to any instrument (LEADS, IMPLEMENTS, PARTICIPATES_IN), *collaboration* the symmetric
types between actors (COLLABORATES_WITH); *succession* is the schema's ``SUCCEEDED_BY``, checked on use.

>>> from graph.model import Entity, Relationship
>>> g = InstitutionalGraph()
>>> a = g.add_entity(Entity(type="Ministry", name="A"))
>>> b = g.add_entity(Entity(type="Ministry", name="B"))
>>> p = g.add_entity(Entity(type="Programme", name="P", start=2005, end=2006))
>>> q = g.add_entity(Entity(type="Programme", name="Q", start=2006, end=2006))
>>> _ = g.add_relationship(Relationship(type="IMPLEMENTS", source=a.id, target=p.id, start=2005, end=2006))
>>> _ = g.add_relationship(Relationship(type="IMPLEMENTS", source=b.id, target=q.id, start=2006))
>>> [(r["year"], r["groups"]) for r in fragmentation(g)]
[(2005, 1), (2006, 2)]
>>> [(r["actor_a"], r["actor_b"]) for r in collaboration_pairs(g)]
[]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import networkx as nx

from graph.analysis.coordination import collaboration_graph, entities_named, instruments_under
from graph.errors import UsageError
from graph.model.institutional_graph import InstitutionalGraph, matches
from graph.model.schema import Schema
from queries.library import QUERY_DIR, get_query
from queries.lookup import check_entities, check_types

# Names the questions rely on; each is checked against the schema before use.
SUCCESSION = "SUCCEEDED_BY"
ACTOR = "Actor"
INSTRUMENT = "Instrument"

Row = dict[str, Any]


def _type_of(graph: InstitutionalGraph, node: str) -> str:
    return str(graph.graph.nodes[node]["type"])


def _labels(schema: Schema, type_: str) -> set[str]:
    nt = schema.node_types.get(type_)
    return set(nt.labels) if nt else {type_}


def _is(graph: InstitutionalGraph, node: str, *groups: str) -> bool:
    t = _type_of(graph, node)
    return any(t in graph.schema.members(g) for g in groups)


def _sort_key(*values: Any) -> tuple[Any, ...]:
    # Cypher's ORDER BY puts nulls last in ascending order.
    return tuple((v is None, v if v is not None else 0) for v in values)


# --- the questions --------------------------------------------------------------------------------------


def as_of_map(graph: InstitutionalGraph, year: int, certainty: str = "known") -> list[Row]:
    """Actors and instruments that hold in ``year`` and the relationships among them that hold then.

    One row per relationship; an actor or instrument with none appears once with empty relationship
    columns. Same rows as ``queries/as_of_map.cypher``.
    """
    view = graph.as_of(year, certainty)
    g = view.graph
    keep = {n for n in g if _is(view, n, ACTOR, INSTRUMENT)}
    rows: list[Row] = []
    linked: set[str] = set()
    for u, v, d in g.edges(data=True):
        if u in keep and v in keep:
            linked |= {u, v}
            rows.append(_map_row(g, u, d["type"], v, d.get("start"), d.get("end"), d.get("context")))
    for n in keep - linked:
        rows.append(_map_row(g, n, None, None, None, None, None))
    rows.sort(key=lambda r: _sort_key(r["source"], r["relationship"], r["target"], r["context"]))
    return rows


def _map_row(g: nx.MultiDiGraph, u: str, rel: str | None, v: str | None, start: Any, end: Any, context: Any) -> Row:
    return {
        "source": u,
        "source_name": g.nodes[u].get("name"),
        "source_type": g.nodes[u]["type"],
        "relationship": rel,
        "target": v,
        "target_name": g.nodes[v].get("name") if v is not None else None,
        "target_type": g.nodes[v]["type"] if v is not None else None,
        "start": start,
        "end": end,
        "context": context,
    }


def roles(
    graph: InstitutionalGraph, actor: str | None = None, year: int | None = None, certainty: str = "known"
) -> list[Row]:
    """Who leads, implements or takes part in which instruments, with years (``queries/roles.cypher``)."""
    view = graph.as_of(year, certainty) if year is not None else graph
    g, wanted = view.graph, set(graph.schema.involvement_types)
    rows: list[Row] = []
    for u, v, d in g.edges(data=True):
        if d["type"] not in wanted or not _is(view, u, ACTOR) or not _is(view, v, INSTRUMENT):
            continue
        if actor is not None and not matches(g.nodes[u], u, actor):
            continue
        iv = g.nodes[v]
        rows.append(
            {
                "actor": u,
                "actor_name": g.nodes[u].get("name"),
                "role": d["type"],
                "instrument": v,
                "instrument_name": iv.get("name"),
                "instrument_type": iv["type"],
                "start": d.get("start"),
                "end": d.get("end"),
                "instrument_start": iv.get("start"),
                "instrument_end": iv.get("end"),
            }
        )
    rows.sort(key=lambda r: _sort_key(r["actor"], r["instrument"], r["role"]))
    return rows


def lineage(graph: InstitutionalGraph, body: str) -> list[Row]:
    """A body's predecessors and successors along ``SUCCEEDED_BY`` (``queries/lineage.cypher``).

    ``steps`` is the shortest distance; ``year`` the start of the succession link at the other body's end
    (for a predecessor, when it was succeeded; for a successor, when it took over), the earliest if several.
    """
    schema, g = graph.schema, graph.graph
    succession = schema.check_relationship_type(SUCCESSION)
    chain = nx.DiGraph()
    chain.add_nodes_from(g)
    for u, v, d in g.edges(data=True):
        if d["type"] == succession:
            chain.add_edge(u, v)
            years = chain.edges[u, v].setdefault("years", [])
            years.append(d.get("start"))
    rows: list[Row] = []
    for b in entities_named(graph, body):
        before = nx.shortest_path_length(chain.reverse(copy=False), b)
        after = nx.shortest_path_length(chain, b)
        for relation, distances in (("predecessor", before), ("successor", after)):
            for x, steps in distances.items():
                if x == b:
                    continue
                if relation == "predecessor":
                    links = [(x, y) for y in chain.successors(x) if y == b or nx.has_path(chain, y, b)]
                else:
                    links = [(y, x) for y in chain.predecessors(x) if y == b or nx.has_path(chain, b, y)]
                years = [y for e in links for y in chain.edges[e]["years"] if y is not None]
                xd = g.nodes[x]
                rows.append(
                    {
                        "body": b,
                        "body_name": g.nodes[b].get("name"),
                        "relation": relation,
                        "steps": steps,
                        "id": x,
                        "name": xd.get("name"),
                        "type": xd["type"],
                        "start": xd.get("start"),
                        "end": xd.get("end"),
                        "year": min(years) if years else None,
                    }
                )
    rows.sort(key=lambda r: _sort_key(r["body"], r["relation"], r["steps"], r["id"]))
    return rows


def collaboration_pairs(
    graph: InstitutionalGraph, year: int | None = None, actor_type: str | None = None, certainty: str = "known"
) -> list[Row]:
    """Pairs of actors working together, explicitly or through a shared instrument, weighted.

    ``weight`` counts the distinct instruments linking the pair (an explicit collaboration's context or
    an instrument both have a role in) plus explicit collaborations naming no instrument; ``explicit``
    counts the explicit collaborations. Same rows as ``queries/collaboration_pairs.cypher``.
    """
    view = graph.as_of(year, certainty) if year is not None else graph
    g, schema = view.graph, graph.schema

    def wanted(n: str) -> bool:
        if not _is(view, n, ACTOR):
            return False
        return actor_type is None or actor_type in _labels(schema, _type_of(view, n))

    channels: dict[tuple[str, str], set[tuple[str | None, str | None]]] = {}
    collab = set(schema.collaboration_types)
    for u, v, d in g.edges(data=True):
        if d["type"] in collab and u != v and wanted(u) and wanted(v):
            pair = (min(u, v), max(u, v))
            channels.setdefault(pair, set()).add((d.get("id"), d.get("context")))
    roles_ = set(schema.involvement_types)
    for i in g:
        if not _is(view, i, INSTRUMENT):
            continue
        members = sorted({u for u, _, t in g.in_edges(i, data="type") if t in roles_ and wanted(u)})
        for k, a in enumerate(members):
            for b in members[k + 1 :]:
                channels.setdefault((a, b), set()).add((None, i))
    rows: list[Row] = []
    for (a, b), found in channels.items():
        instruments = sorted({via for _, via in found if via is not None})
        bare = sum(1 for link, via in found if link is not None and via is None)
        rows.append(
            {
                "actor_a": a,
                "name_a": g.nodes[a].get("name"),
                "actor_b": b,
                "name_b": g.nodes[b].get("name"),
                "weight": len(instruments) + bare,
                "explicit": sum(1 for link, _ in found if link is not None),
                "instruments": instruments,
            }
        )
    rows.sort(key=lambda r: (-r["weight"], r["actor_a"], r["actor_b"]))
    return rows


def fragmentation(
    graph: InstitutionalGraph,
    from_year: int | None = None,
    to_year: int | None = None,
    area: str | None = None,
    certainty: str = "known",
) -> list[Row]:
    """For each year, the separate groups of actors running that year's instruments.

    The groups are those of :mod:`graph.analysis.coordination` (the one definition of the measure): the
    connected components of the year's collaboration graph of running instruments. With ``area``
    (an id, name or alias), only the instruments under it count; an area that names nothing leaves
    no instrument. Years default to the earliest and latest any of those instruments' spans names.
    Same rows as ``queries/fragmentation.cypher``.
    """
    graph = graph.dated()  # once, not once per year
    g = graph.graph
    scope = instruments_under(graph, entities_named(graph, area)) if area is not None else None
    spans = [
        y
        for n, d in g.nodes(data=True)
        if _is(graph, n, INSTRUMENT) and (scope is None or n in scope)
        for y in (d.get("start"), d.get("end"))
        if y is not None
    ]
    first = from_year if from_year is not None else (min(spans) if spans else None)
    last = to_year if to_year is not None else (max(spans) if spans else None)
    if first is None or last is None:
        return []
    rows: list[Row] = []
    for year in range(first, last + 1):
        G = collaboration_graph(graph, year, instruments=scope, certainty=certainty)
        members = sorted(sorted(group) for group in nx.connected_components(G))
        rows.append(
            {
                "year": year,
                "groups": len(members),
                "actors": G.number_of_nodes(),
                "instruments": len(G.graph["instruments"]),
                "members": members,
            }
        )
    return rows


# --- by name, with the library's parameter checks ------------------------------------------------------

OFFLINE: dict[str, Callable[..., list[Row]]] = {
    "as_of_map": as_of_map,
    "roles": roles,
    "lineage": lineage,
    "collaboration_pairs": collaboration_pairs,
    "fragmentation": fragmentation,
}
"""The named queries that have a networkx answer."""


def offline_names() -> list[str]:
    return sorted(OFFLINE)


def run_offline(graph: InstitutionalGraph, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
    """Answer the named query from ``graph``; parameters are checked as :func:`queries.library.run` does."""
    query = get_query(name, QUERY_DIR)
    if name not in OFFLINE:
        raise UsageError(f"query {name} needs Neo4j; answered offline: {', '.join(offline_names())}")
    bound = query.bind(params)
    check_types(query, bound, graph.schema)
    nodes = graph.graph.nodes(data=True)
    held = {n: [d["name"], *(d.get("aliases") or ())] for n, d in nodes if d["type"] != "Document"}
    check_entities(query, bound, held)
    return OFFLINE[name](graph, **bound)

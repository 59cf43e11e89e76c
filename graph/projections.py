"""Plain networkx graphs derived from the model, for analysis: the actor collaboration projection.

Analyses read simple graphs (no parallel edges, one weight per pair), so this module turns an
:class:`~graph.institutional_graph.InstitutionalGraph` into them without touching it:

- :func:`collapsed` — the whole model as a ``DiGraph``; parallel relationships become one edge whose
  ``weight`` counts them (the "full" projection);
- :func:`actor_collaboration` — an undirected graph of actors: two actors are tied when they
  collaborate (a symmetric actor–actor relationship such as ``COLLABORATES_WITH``) or share an
  instrument (both lead, implement or take part in it); ``weight`` = number of shared instruments and
  collaborations, ``instruments`` = their ids;
- :func:`projection` — one of ``full``, ``actors`` or ``lineage`` (the lineage-collapsed graph from
  :meth:`InstitutionalGraph.lineage`, then collapsed) by name.

Which relationship types tie actors is read from the schema, never listed here: actor → instrument
types are "involvement" (LEADS, IMPLEMENTS, PARTICIPATES_IN), symmetric actor ↔ actor types are
"collaboration".
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations
from typing import Literal

import networkx as nx

from graph.errors import UsageError
from graph.institutional_graph import InstitutionalGraph
from graph.schema import Schema

Projection = Literal["full", "actors", "lineage"]
PROJECTIONS: tuple[str, ...] = ("full", "actors", "lineage")
# Provenance, not institution: documents would otherwise be the best-connected nodes of every view.
DEFAULT_EXCLUDED_TYPES: tuple[str, ...] = ("Document",)


def involvement_types(schema: Schema) -> frozenset[str]:
    """Relationship types that run from actors to instruments (an actor is involved in an instrument)."""
    actors, instruments = schema.members("Actor"), schema.members("Instrument")
    return frozenset(
        name
        for name, rel in schema.relationship_types.items()
        if rel.sources <= actors and rel.targets <= instruments
    )


def collaboration_types(schema: Schema) -> frozenset[str]:
    """Symmetric relationship types between actors (two actors work together)."""
    actors = schema.members("Actor")
    return frozenset(
        name
        for name, rel in schema.relationship_types.items()
        if rel.symmetric and rel.sources <= actors and rel.targets <= actors
    )


def collapsed(g: InstitutionalGraph, *, exclude_types: Iterable[str] = DEFAULT_EXCLUDED_TYPES) -> nx.DiGraph:
    """The model as a simple ``DiGraph``: one edge per ordered pair, ``weight`` = relationships between them.

    Node attributes ``type`` and ``name`` are kept; edges carry ``weight`` and ``types`` (sorted).
    Nodes of ``exclude_types`` (by default documents, which are provenance) are left out.

    >>> from graph.model import Entity, Relationship
    >>> ig = InstitutionalGraph()
    >>> m = ig.add_entity(Entity(type="Ministry", name="M"))
    >>> p = ig.add_entity(Entity(type="Programme", name="P"))
    >>> _ = ig.add_relationship(Relationship(type="LEADS", source=m.id, target=p.id))
    >>> _ = ig.add_relationship(Relationship(type="IMPLEMENTS", source=m.id, target=p.id))
    >>> G = collapsed(ig)
    >>> G.edges["ministry:m", "programme:p"]
    {'weight': 2, 'types': ['IMPLEMENTS', 'LEADS']}
    """
    excluded = {g.schema.check_label(t) for t in exclude_types}
    G = nx.DiGraph()
    for n, d in g.graph.nodes(data=True):
        if d["type"] not in excluded:
            G.add_node(n, type=d["type"], name=d.get("name", n))
    for u, v, t in g.graph.edges(data="type"):
        if u not in G or v not in G or u == v:
            continue
        if G.has_edge(u, v):
            G.edges[u, v]["weight"] += 1
            G.edges[u, v]["types"] = sorted({*G.edges[u, v]["types"], t})
        else:
            G.add_edge(u, v, weight=1, types=[t])
    return G


def actor_collaboration(g: InstitutionalGraph) -> nx.Graph:
    """The actor collaboration projection: actors tied by collaborations and shared instruments.

    Every actor of ``g`` is a node (isolated if it works with no one), with ``type`` and ``name``.
    An edge ``{a, b}`` has ``weight`` = the number of distinct instruments both are involved in plus
    collaborations between them that name no such instrument, and ``instruments`` = the sorted ids of
    those instruments (a collaboration's ``context``).

    >>> from graph.model import Entity, Relationship
    >>> ig = InstitutionalGraph()
    >>> a, b, c = (ig.add_entity(Entity(type="Ministry", name=x)).id for x in "ABC")
    >>> p = ig.add_entity(Entity(type="Programme", name="P")).id
    >>> _ = ig.add_relationship(Relationship(type="LEADS", source=a, target=p))
    >>> _ = ig.add_relationship(Relationship(type="PARTICIPATES_IN", source=b, target=p))
    >>> _ = ig.add_relationship(Relationship(type="COLLABORATES_WITH", source=a, target=b, context=p))
    >>> _ = ig.add_relationship(Relationship(type="COLLABORATES_WITH", source=b, target=c))
    >>> G = actor_collaboration(ig)
    >>> G.edges["ministry:a", "ministry:b"]
    {'weight': 1, 'instruments': ['programme:p']}
    >>> G.edges["ministry:b", "ministry:c"]
    {'weight': 1, 'instruments': []}
    """
    schema = g.schema
    actor_labels = schema.members("Actor")
    involved, collaborating = involvement_types(schema), collaboration_types(schema)
    G = nx.Graph()
    for n, d in g.graph.nodes(data=True):
        if d["type"] in actor_labels:
            G.add_node(n, type=d["type"], name=d.get("name", n))
    members: dict[str, set[str]] = {}  # instrument -> actors involved in it
    shared: dict[tuple[str, str], set[str]] = {}  # actor pair -> instruments
    uncontextual: dict[tuple[str, str], int] = {}  # actor pair -> collaborations naming no instrument
    for u, v, d in g.graph.edges(data=True):
        if d["type"] in involved:
            members.setdefault(v, set()).add(u)
        elif d["type"] in collaborating and u != v:
            pair = (min(u, v), max(u, v))
            context = d.get("context")
            if context:
                shared.setdefault(pair, set()).add(context)
            else:
                uncontextual[pair] = uncontextual.get(pair, 0) + 1
    for instrument, actors in members.items():
        for pair in combinations(sorted(actors), 2):
            shared.setdefault(pair, set()).add(instrument)
    for pair in sorted({*shared, *uncontextual}):
        instruments = sorted(shared.get(pair, ()))
        G.add_edge(*pair, weight=len(instruments) + uncontextual.get(pair, 0), instruments=instruments)
    return G


def projection(g: InstitutionalGraph, kind: str = "full") -> nx.Graph:
    """The named projection of ``g``: ``full`` (collapsed), ``actors`` or ``lineage`` (folded, collapsed).

    >>> projection(InstitutionalGraph(), "actors").number_of_nodes()
    0
    """
    if kind == "full":
        return collapsed(g)
    if kind == "actors":
        return actor_collaboration(g)
    if kind == "lineage":
        return collapsed(g.lineage())
    raise UsageError(f"--projection {kind!r} is unknown; use one of {', '.join(PROJECTIONS)}")

"""Plain networkx graphs derived from the model, for analysis: the actor collaboration projection.

Analyses read simple graphs (no parallel edges, one weight per pair), so this module turns an
:class:`~graph.model.institutional_graph.InstitutionalGraph` into them without touching it:

- :func:`collapsed` — the whole model as a ``DiGraph``; parallel relationships become one edge whose
  ``weight`` counts them (the "full" projection);
- :func:`actor_collaboration` — an undirected graph of actors: two actors are tied when they
  collaborate (a symmetric actor–actor relationship such as ``COLLABORATES_WITH``) or share an
  instrument (both lead, implement or take part in it); ``weight`` = number of shared instruments and
  collaborations, ``instruments`` = their ids;
- :func:`lineage_view` — :meth:`InstitutionalGraph.lineage` adjusted for analysis over time;
- :func:`view` — one of ``full``, ``actors`` or ``lineage`` (the lineage-collapsed graph, then
  collapsed) by name, in a given year.

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
from graph.model.institutional_graph import InstitutionalGraph

Projection = Literal["full", "actors", "lineage"]
PROJECTIONS: tuple[str, ...] = ("full", "actors", "lineage")
# Provenance, not institution: documents would otherwise be the best-connected nodes of every view.
DEFAULT_EXCLUDED_TYPES: tuple[str, ...] = ("Document",)
# The relationship type lineage() folds along.
SUCCESSION_TYPE = "SUCCEEDED_BY"


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
    involved, collaborating = set(schema.involvement_types), set(schema.collaboration_types)
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


def lineage_view(g: InstitutionalGraph) -> InstitutionalGraph:
    """:meth:`InstitutionalGraph.lineage` for analysis over time: predecessors' years count for successors.

    Two adjustments make ``lineage_view(g).as_of(year)`` mean what an analyst expects:

    - before folding, a relationship that can never hold (its own span and its two ends' spans do not
      overlap) is dropped, except a succession, which must survive to be folded; stated years are kept
      as stated (the as-of rule's own derivations bound the rest on the folded graph);
    - a folded body exists as long as any of its predecessors did: when a predecessor's start is
      unknown, the folded body's start becomes unknown too (``lineage()`` only takes it back to the
      earliest *known* start), and a succession or transfer into it does not start it.

    >>> from graph.model import Entity, Relationship
    >>> ig = InstitutionalGraph()
    >>> old = ig.add_entity(Entity(type="Agency", name="Old", end=2016)).id
    >>> new = ig.add_entity(Entity(type="Ministry", name="New", start=2017)).id
    >>> p = ig.add_entity(Entity(type="Programme", name="P", start=2005)).id
    >>> _ = ig.add_relationship(Relationship(type="SUCCEEDED_BY", source=old, target=new, start=2017))
    >>> _ = ig.add_relationship(Relationship(type="LEADS", source=new, target=p, start=2018))
    >>> folded = lineage_view(ig)
    >>> then = folded.as_of(2010, "possible")  # the lineage may exist in 2010; its 2018 role may not
    >>> list(then.graph), then.graph.number_of_edges()
    (['ministry:new', 'programme:p'], 0)
    """
    clipped = g.graph.copy()
    nodes = g.graph.nodes
    for u, v, key, d in list(clipped.edges(keys=True, data=True)):
        starts = [y for y in (d.get("start"), nodes[u].get("start"), nodes[v].get("start")) if y is not None]
        ends = [y for y in (d.get("end"), nodes[u].get("end"), nodes[v].get("end")) if y is not None]
        start, end = max(starts, default=None), min(ends, default=None)
        if start is not None and end is not None and start > end and d["type"] != SUCCESSION_TYPE:
            clipped.remove_edge(u, v, key)  # never holds
    folded = InstitutionalGraph(g.schema, clipped).lineage()
    for _, data in folded.graph.nodes(data=True):
        if data.get("folded") and any(nodes[old].get("start") is None for old in data["folded"]):
            data["start"] = None
    return folded


def view(g: InstitutionalGraph, kind: str = "full", *, as_of: int | None = None, certainty: str = "known") -> nx.Graph:
    """The named projection of ``g`` in year ``as_of`` (all years if None) at ``certainty`` (see the as-of rule).

    ``full`` is :func:`collapsed`, ``actors`` is :func:`actor_collaboration` and ``lineage`` is the
    collapsed :func:`lineage_view` — folded first, then sliced, so predecessors count for successors.

    >>> view(InstitutionalGraph(), "actors", as_of=2020).number_of_nodes()
    0
    """
    if kind not in PROJECTIONS:
        raise UsageError(f"--projection {kind!r} is unknown; use one of {', '.join(PROJECTIONS)}")
    base = lineage_view(g) if kind == "lineage" else g
    if as_of is not None:
        base = base.as_of(as_of, certainty)
    return actor_collaboration(base) if kind == "actors" else collapsed(base)

"""Coordination over time: how many separate groups ran a policy area's instruments, year by year.

This module is the one definition of that measure; ``queries/fragmentation.cypher`` computes the same
groups in Neo4j and ``queries.offline.fragmentation`` answers that query from this module (a test
checks both engines give equal rows). For each year ``Y`` (in ``g.as_of(Y)``):

- the *running* instruments are the policy area's instruments with a ``LEADS`` or ``IMPLEMENTS``
  relationship that holds in ``Y`` (a strategy nobody leads that year is not running; a law that only
  provides for programmes never runs);
- the year's *collaboration graph* is the actor collaboration projection
  (:func:`graph.analysis.projections.actor_collaboration`) of those instruments and the actors involved in them
  (leading, implementing or taking part), with the collaborations between those actors;
- its connected components are the *groups*: actors sharing an instrument, or collaborating, count
  as one group; an actor running a programme alone is a group of one;
- its Freeman degree *centralisation* (0 = no one stands out, 1 = a star) and its *hub* (the actor
  with the most ties, None when no one is tied to anyone).

The *policy area* is every instrument by default, or the instruments under a given entity (a strategy
and what is part of it, a law and what it provides for, the instruments aimed at a target group): see
:func:`area_instruments`.

:func:`before_after` compares the years before a reorganisation with the years from it on; by default
the reorganisation is the most recent ``SUCCEEDED_BY`` into the most central actor
(:func:`reorganisation_year`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from statistics import mean
from typing import Any

import networkx as nx

from graph.analysis import centrality
from graph.analysis.projections import SUCCESSION_TYPE, actor_collaboration, lineage_view
from graph.errors import UsageError
from graph.model.holds import KNOWN, POSSIBLE
from graph.model.institutional_graph import InstitutionalGraph, matches

# Relationship types by which an actor *runs* an instrument (PARTICIPATES_IN only joins one).
RUNNING_TYPES: tuple[str, ...] = ("LEADS", "IMPLEMENTS")
# How an instrument falls under a policy area: it points up to one (PART_OF a strategy, TARGETS a target
# group, SUCCEEDED_BY the programme that replaced it); a law's area is what it PROVIDES_FOR.
AREA_UP: tuple[str, ...] = ("PART_OF", "TARGETS", "SUCCEEDED_BY")
AREA_DOWN: tuple[str, ...] = ("PROVIDES_FOR",)
INSTRUMENT_GROUP = "Instrument"
DOCUMENT_TYPE = "Document"


def entities_named(g: InstitutionalGraph, text: str) -> list[str]:
    """Entities (not documents) whose id is ``text`` or whose name or an alias is ``text``, any case
    (:func:`graph.model.institutional_graph.matches`), in graph order: how a query's parameter names a body."""
    document = g.schema.check_label(DOCUMENT_TYPE)
    return [n for n, d in g.graph.nodes(data=True) if d["type"] != document and matches(d, n, text)]


def instruments_under(g: InstitutionalGraph, roots: Iterable[str]) -> set[str]:
    """The roots that are instruments, what they provide for, and every instrument that reaches one of
    those through other instruments by an ``AREA_UP`` relationship, whatever the years."""
    up = {g.schema.check_relationship_type(t) for t in AREA_UP}
    down = {g.schema.check_relationship_type(t) for t in AREA_DOWN}
    instrument = g.schema.members(g.schema.check_label(INSTRUMENT_GROUP))
    G = g.graph

    def is_instrument(n: str) -> bool:
        return G.nodes[n]["type"] in instrument

    frontier = [*roots]
    for root in roots:
        frontier += [x for _, x, t in G.out_edges(root, data="type") if t in down and is_instrument(x)]
    seen = set(frontier)
    found: set[str] = set()
    while frontier:
        y = frontier.pop()
        if is_instrument(y):
            found.add(y)
        for x, _, t in G.in_edges(y, data="type"):
            if t in up and x not in seen and is_instrument(x):
                seen.add(x)
                frontier.append(x)
    return found


def area_instruments(g: InstitutionalGraph, area: str | None = None) -> set[str]:
    """The instruments of the policy area: all of them, or those under the entity ``area`` (its id,
    name or alias; see :func:`instruments_under`).

    >>> from graph.model import Entity, Relationship
    >>> ig = InstitutionalGraph()
    >>> s, p, q = (ig.add_entity(Entity(type=t, name=n)).id for t, n in
    ...            [("Strategy", "S"), ("Programme", "P"), ("Programme", "Q")])
    >>> _ = ig.add_relationship(Relationship(type="PART_OF", source=p, target=s))
    >>> sorted(area_instruments(ig, s)), len(area_instruments(ig))
    (['programme:p', 'strategy:s'], 3)
    """
    instrument = g.schema.members(g.schema.check_label(INSTRUMENT_GROUP))
    if area is None:
        return {n for n, t in g.graph.nodes(data="type") if t in instrument}
    roots = entities_named(g, area)
    if not roots:
        raise UsageError(
            f"--area {area!r} is not an entity of the graph; give an id such as 'strategy:<name>', a name "
            "or an alias (`instgraph analyze --format csv` lists them)"
        )
    return instruments_under(g, roots)


def collaboration_graph(
    g: InstitutionalGraph,
    year: int,
    *,
    instruments: set[str] | None = None,
    running: Iterable[str] = RUNNING_TYPES,
    certainty: str = KNOWN,
) -> nx.Graph:
    """The year's collaboration graph: actors involved in running instruments, tied as they work together,
    from the facts that hold in ``year`` (``certainty="known"``) or hold or are unknown (``"possible"``).

    ``G.graph["instruments"]`` lists the running instruments.

    >>> from graph.model import Entity, Relationship
    >>> ig = InstitutionalGraph()
    >>> a, b, c = (ig.add_entity(Entity(type="Ministry", name=x)).id for x in "ABC")
    >>> p, q = (ig.add_entity(Entity(type="Programme", name=x, start=2005, end=2008)).id for x in "PQ")
    >>> _ = ig.add_relationship(Relationship(type="IMPLEMENTS", source=a, target=p, start=2005, end=2008))
    >>> _ = ig.add_relationship(Relationship(type="PARTICIPATES_IN", source=b, target=p, start=2006))
    >>> _ = ig.add_relationship(Relationship(type="IMPLEMENTS", source=c, target=q, start=2006, end=2007))
    >>> G = collaboration_graph(ig, 2006)
    >>> sorted(G.edges), sorted(G.nodes)
    ([('ministry:a', 'ministry:b')], ['ministry:a', 'ministry:b', 'ministry:c'])
    >>> sorted(collaboration_graph(ig, 2007).nodes), sorted(collaboration_graph(ig, 2007, certainty="possible").edges)
    (['ministry:a', 'ministry:c'], [('ministry:a', 'ministry:b')])
    >>> collaboration_graph(ig, 2010).number_of_nodes()
    0
    """
    runs = {g.schema.check_relationship_type(t) for t in running}
    involved = set(g.schema.involvement_types)
    now = g.as_of(year, certainty)
    live = {v for _, v, t in now.graph.edges(data="type") if t in runs and (instruments is None or v in instruments)}
    actors = {u for u, v, t in now.graph.edges(data="type") if t in involved and v in live}
    keep = live | actors
    year_graph = InstitutionalGraph(now.schema, nx.MultiDiGraph(now.graph.subgraph(keep)))
    G = actor_collaboration(year_graph)
    G.graph["instruments"] = sorted(live)
    return G


def coordination(
    g: InstitutionalGraph,
    *,
    area: str | None = None,
    years: Iterable[int] | None = None,
    lineage: bool = False,
    running: Iterable[str] = RUNNING_TYPES,
) -> list[dict[str, Any]]:
    """One row per year: separate groups, instruments and actors, centralisation and hub, all from the
    facts known to hold that year; and ``unknown``: how many facts the measure reads (an actor's role in an
    area instrument, a collaboration) are neither known to hold nor excluded that year, so could change
    the figures if their years were known. ``possible_groups`` is the figure counting them too.

    ``years`` defaults to every year from the earliest the graph names to the latest it names or a
    document is dated. With ``lineage`` each body is folded into its successor first
    (:func:`graph.analysis.projections.lineage_view`), so a predecessor's programmes count for the successor.

    >>> from graph.model import Entity, Relationship
    >>> ig = InstitutionalGraph()
    >>> a, b = (ig.add_entity(Entity(type="Ministry", name=x)).id for x in "AB")
    >>> p = ig.add_entity(Entity(type="Programme", name="P", start=2005, end=2006)).id
    >>> q = ig.add_entity(Entity(type="Programme", name="Q", start=2006, end=2006)).id
    >>> _ = ig.add_relationship(Relationship(type="IMPLEMENTS", source=a, target=p, start=2005, end=2006))
    >>> _ = ig.add_relationship(Relationship(type="LEADS", source=b, target=q))
    >>> [(r["year"], r["groups"], r["unknown"], r["possible_groups"]) for r in coordination(ig)]
    [(2005, 1, 0, 1), (2006, 1, 1, 2)]
    """
    base = (lineage_view(g) if lineage else g).dated()  # dated once, not once per year
    area_ids = area_instruments(base, area)
    rows = []
    for year in years if years is not None else year_range(base):
        G = collaboration_graph(base, year, instruments=area_ids, running=running)
        maybe = collaboration_graph(base, year, instruments=area_ids, running=running, certainty=POSSIBLE)
        groups = sorted(
            (sorted(c) for c in nx.connected_components(G)), key=lambda c: (-len(c), c)
        )
        hub = hub_of(G)
        rows.append(
            {
                "year": year,
                "groups": len(groups),
                "instruments": len(G.graph["instruments"]),
                "actors": G.number_of_nodes(),
                "ties": G.number_of_edges(),
                "centralization": centrality.centralization(G),
                "hub": hub,
                "hub_name": None if hub is None else G.nodes[hub]["name"],
                "members": [[G.nodes[a]["name"] for a in group] for group in groups],
                "running": G.graph["instruments"],
                "unknown": _unknown_facts(base, year, area_ids, set(maybe)),
                "possible_groups": nx.number_connected_components(maybe),
            }
        )
    return rows


def _unknown_facts(g: InstitutionalGraph, year: int, instruments: set[str] | None, actors: set[str]) -> int:
    """Roles in (area) instruments, and collaborations between ``actors`` (those possibly involved), that
    count in ``year`` only as *possible*: unknown then."""
    involved = set(g.schema.involvement_types) | {"COLLABORATES_WITH"}
    known = g.as_of(year).graph
    possible = g.as_of(year, POSSIBLE).graph
    return sum(
        1
        for u, v, k, t in possible.edges(keys=True, data="type")
        if t in involved
        and ((u in actors and v in actors) if t == "COLLABORATES_WITH" else (instruments is None or v in instruments))
        and not known.has_edge(u, v, k)
    )


def hub_of(G: nx.Graph) -> str | None:
    """The actor with strictly the most ties (by weight), or None when no one is tied or the top is shared."""
    ties = sorted(((w, n) for n, w in G.degree(weight="weight")), reverse=True)
    if not ties or ties[0][0] == 0 or (len(ties) > 1 and ties[1][0] == ties[0][0]):
        return None
    return str(ties[0][1])


def year_range(g: InstitutionalGraph) -> range:
    """Years from the earliest any fact names to the latest a fact names or a document is dated."""
    span = g.years()
    if span is None:
        return range(0)
    last = span[1]
    for _, date in g.graph.nodes(data="date"):
        if isinstance(date, str) and date[:4].isdigit():
            last = max(last, int(date[:4]))
    return range(span[0], last + 1)


def most_central_actor(g: InstitutionalGraph) -> str | None:
    """The actor with the most collaboration ties over all years (PageRank breaks ties).

    >>> most_central_actor(InstitutionalGraph()) is None
    True
    """
    G = actor_collaboration(g)
    if G.number_of_edges() == 0:
        return None
    ranks = centrality.pagerank(G, weight="weight")
    degrees = dict(G.degree())
    return max(G, key=lambda n: (degrees[n], ranks[n], str(n)))


def reorganisation_year(g: InstitutionalGraph, actor: str | None = None) -> int | None:
    """The year of the most recent dated ``SUCCEEDED_BY`` into ``actor`` (default: the most central one).

    >>> from graph.model import Entity, Relationship
    >>> ig = InstitutionalGraph()
    >>> old = ig.add_entity(Entity(type="Agency", name="Old")).id
    >>> new = ig.add_entity(Entity(type="Ministry", name="New")).id
    >>> _ = ig.add_relationship(Relationship(type="SUCCEEDED_BY", source=old, target=new, start=2017))
    >>> reorganisation_year(ig, new), reorganisation_year(ig, old)
    (2017, None)
    """
    succession = g.schema.check_relationship_type(SUCCESSION_TYPE)
    target = actor if actor is not None else most_central_actor(g)
    if target is None:
        return None
    years = [
        d["start"]
        for _, v, d in g.graph.in_edges(target, data=True)
        if d["type"] == succession and d.get("start") is not None
    ]
    return max(years, default=None)


def before_after(rows: Sequence[dict[str, Any]], year: int) -> dict[str, Any]:
    """Summaries of the coordination rows before ``year`` and from ``year`` on.

    Only years in which something ran (at least one group) are averaged.

    >>> rows = [{"year": y, "groups": n, "centralization": c, "hub": h}
    ...         for y, n, c, h in [(2005, 2, 0.0, None), (2006, 3, 0.0, None), (2018, 1, 1.0, "m")]]
    >>> before_after(rows, 2017)["before"]["max_groups"], before_after(rows, 2017)["after"]["hubs"]
    (3, ['m'])
    """

    def summary(part: list[dict[str, Any]]) -> dict[str, Any]:
        active = [r for r in part if r["groups"] > 0]
        return {
            "years": [part[0]["year"], part[-1]["year"]] if part else None,
            "active_years": len(active),
            "max_groups": max((r["groups"] for r in active), default=0),
            "mean_groups": mean(r["groups"] for r in active) if active else 0.0,
            "mean_centralization": mean(r["centralization"] for r in active) if active else 0.0,
            "hubs": sorted({r["hub"] for r in active if r["hub"]}),
        }

    ordered = sorted(rows, key=lambda r: r["year"])
    return {
        "year": year,
        "before": summary([r for r in ordered if r["year"] < year]),
        "after": summary([r for r in ordered if r["year"] >= year]),
    }

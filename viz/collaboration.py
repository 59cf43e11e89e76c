"""The collaboration view: actors, the instruments they lead, implement or take part in, and one edge per
pair of actors that works together (an explicit symmetric actor-actor relationship, or a shared
instrument), as wide as the number of instruments they share.

The page has the timeline's year slider. A pair's years come from the same as-of rule as everything else:
the pair *holds* in a year when the graph as of that year (``graph.as_of(year)``) still ties the two, and
*does not hold* outside the years in which the graph's possible facts (``certainty="possible"``) tie them.

>>> from graph.model import Entity, Relationship
>>> g = InstitutionalGraph()
>>> a = g.add_entity(Entity(type="Ministry", name="Ministry A", start=2001))
>>> b = g.add_entity(Entity(type="Agency", name="Agency B"))
>>> p = g.add_entity(Entity(type="Programme", name="Programme P"))
>>> _ = g.add_relationship(Relationship(type="LEADS", source=a.id, target=p.id))
>>> _ = g.add_relationship(Relationship(type="IMPLEMENTS", source=b.id, target=p.id))
>>> collaboration_pairs(g)
{('agency:agency-b', 'ministry:ministry-a'): ['programme:programme-p']}
>>> [e["value"] for e in collaboration_view(g).network.edges if e["rel"] == PAIR]
[1]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from graph.analysis.projections import actor_collaboration
from graph.model.holds import KNOWN_YEARS, NOT_AFTER, NOT_BEFORE
from graph.model.institutional_graph import InstitutionalGraph
from viz.items import ViewNetwork, add_model_edges, add_nodes, document_names, name_of
from viz.page import View, counted, expand_types, place
from viz.style import NO_ARROW, colour, legend_html, model_rel_rows, view_options
from viz.time_slider import known_span, slider_html, slider_range

PAIR = "works together"  # the legend's and the filters' name for a pair edge


def collaboration_pairs(graph: InstitutionalGraph) -> dict[tuple[str, str], list[str]]:
    """Pairs of actors that work together, each with the instruments they share (sorted ids).

    A pair works together when a symmetric actor-actor relationship joins them (its ``context``, if any,
    is the shared instrument) or when both lead, implement or take part in the same instrument. The pair
    is ordered (smaller id first). Relationship types are read from the schema.
    """
    projection = actor_collaboration(graph)
    return {
        (min(a, b), max(a, b)): list(data["instruments"])
        for a, b, data in sorted(projection.edges(data=True), key=lambda e: (min(e[0], e[1]), max(e[0], e[1])))
    }


def pair_years(graph: InstitutionalGraph, first: int, last: int) -> dict[tuple[str, str], dict[str, Any]]:
    """Each pair's as-of fields over the slider's years ``first..last``, from ``graph.as_of`` in each year."""
    known: dict[tuple[str, str], list[int]] = {}
    possible: dict[tuple[str, str], list[int]] = {}
    # Only actors and instruments make pairs: the rest need not be filtered year by year.
    graph = graph.dated().subgraph(["Actor", "Instrument"])
    for year in range(first, last + 1):
        maybe = graph.as_of(year, "possible")
        for pair in collaboration_pairs(maybe):
            possible.setdefault(pair, []).append(year)
        for pair in collaboration_pairs(maybe.as_of(year)):  # what holds is among what possibly holds
            known.setdefault(pair, []).append(year)
    fields: dict[tuple[str, str], dict[str, Any]] = {}
    for pair in collaboration_pairs(graph):
        years = possible.get(pair, [])
        out: dict[str, Any] = {KNOWN_YEARS: known[pair]} if pair in known else {}
        if not years:
            out[NOT_AFTER] = first - 1  # never possible in the slider's years
        else:
            if years[0] > first:
                out[NOT_BEFORE] = years[0]
            if years[-1] < last:
                out[NOT_AFTER] = years[-1]
        fields[pair] = out
    return fields


def _involved(graph: InstitutionalGraph, actors: set[str]) -> list[str]:
    """Instruments an actor of ``actors`` leads, implements or takes part in, in graph order."""
    involvement = set(graph.schema.involvement_types)
    found = {v for u, v, t in graph.graph.edges(data="type") if t in involvement and u in actors}
    return [n for n in graph.graph.nodes if n in found]


def _pair_sizes(keep: list[str], pairs: Iterable[tuple[str, str]]) -> dict[str, float]:
    pair_graph = nx.Graph()
    pair_graph.add_nodes_from(keep)
    pair_graph.add_edges_from(pairs)
    return {n: float(d) for n, d in pair_graph.degree()}


def collaboration_view(
    graph: InstitutionalGraph,
    *,
    as_of: int | None = None,
    types: Iterable[str] | None = None,
    sizes: Mapping[str, float] | None = None,
) -> View:
    """Actors, the instruments they run, and an edge per pair that works together; a year slider (starting
    at ``as_of``, else the latest year). ``types`` keeps only those node types (or groups)."""
    graph = graph.dated()
    schema = graph.schema
    wanted = expand_types(schema, types)
    actors = [n for n, t in graph.graph.nodes(data="type") if t in schema.members("Actor")]
    actors = [n for n in actors if wanted is None or graph.graph.nodes[n]["type"] in wanted]
    kept = set(actors)
    instruments = [n for n in _involved(graph, kept) if wanted is None or graph.graph.nodes[n]["type"] in wanted]
    pairs = {pair: shared for pair, shared in collaboration_pairs(graph).items() if set(pair) <= kept}
    first, last, initial = slider_range(known_span(graph), as_of)
    years = pair_years(graph, first, last)
    net = ViewNetwork()
    documents = document_names(graph)
    counts = add_nodes(net, graph, actors + instruments, sizes or _pair_sizes(actors, pairs), documents=documents)
    # Who runs what; explicit actor-actor ties are drawn as pairs.
    ties = add_model_edges(net, graph, kept | set(instruments), documents, schema.involvement_types)
    _add_pairs(net, graph, pairs, years)
    large = place(net)
    rows = model_rel_rows(schema, ties)
    line = schema.relationship_types[schema.collaboration_types[0]].color if schema.collaboration_types else "#ff7f0e"
    if pairs:
        rows.insert(0, (PAIR, f"{PAIR} (width = shared instruments)", line, False, len(pairs)))
    return View(
        name="collaboration",
        title="Inter-ministerial collaboration",
        subtitle=f"{first}–{last}: {counted(len(actors), 'actor')}, {counted(len(pairs), 'collaborating pair')}",
        network=net,
        options=view_options(large, schema, counts),
        legend_html=legend_html(schema, counts, rows),
        controls_html=slider_html(first, last, initial),
        meta={"large": large, "pairs": pairs, "first": first, "last": last, "initial": initial},
    )


def _add_pairs(
    net: ViewNetwork,
    graph: InstitutionalGraph,
    pairs: Mapping[tuple[str, str], list[str]],
    years: Mapping[tuple[str, str], dict[str, Any]],
) -> None:
    schema, g = graph.schema, graph.graph
    explicit = schema.collaboration_types
    line = colour(schema.relationship_types[explicit[0]].color) if explicit else "#ff7f0e"
    for (a, b), shared in pairs.items():
        weight = max(1, len(shared))
        tip = [f"work together on {counted(len(shared), 'instrument')}"]
        tip += [f"• {name_of(g, i)}" for i in shared]
        net.add_edge(
            a,
            b,
            id=f"collaboration:{a}|{b}",
            label=str(weight) if weight > 1 else "",
            rel=PAIR,
            value=weight,
            color=line,
            arrows=NO_ARROW,
            tip=tip,
            derived=1,  # no method or confidence of its own
            **years[(a, b)],
        )

"""Countries side by side: how each country in a graph organises the field, in the same figures.

For each country (its entities, :func:`graph.model.country.restrict_to_country`) :func:`compare_countries`
gives one record:

- ``actors`` and ``instruments``: how many of each type;
- ``most_central``: the actor with the most collaboration ties over all years
  (:func:`graph.analysis.coordination.most_central_actor`);
- ``year``: the year the coordination figures are read in — ``as_of`` when given, else the country's
  latest year in which an instrument is known to run (documents of different years compare each at
  its own latest state);
- ``groups``, ``centralization``, ``hub``: that year's row of the report's coordination measure
  (:func:`graph.analysis.coordination.coordination`): how many separate groups of actors run
  instruments, Freeman's degree centralisation of their collaboration graph, and its hub;
- ``reorganisations``: successions and transfers between the country's bodies; ``collaborations``:
  stated collaborations between its actors.

:func:`side_by_side` turns the records into rows with one column per country, for a table or CSV.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import networkx as nx

from graph.analysis import centrality, coordination
from graph.model.country import UNKNOWN, country_name, split_by_country
from graph.model.institutional_graph import InstitutionalGraph

REORGANISATION_TYPES = ("SUCCEEDED_BY", "TRANSFERRED_TO")
COLLABORATION_TYPE = "COLLABORATES_WITH"


def compare_countries(
    g: InstitutionalGraph, countries: Sequence[str] | None = None, *, as_of: int | None = None
) -> list[dict[str, Any]]:
    """One record per country of ``g`` (or of ``countries``), most entities first, ``unknown`` last."""
    g = g.dated()  # the years the as-of rule reads, derived once for every country
    parts = split_by_country(g, list(countries) if countries else None)
    return [country_record(part, code, as_of=as_of) for code, part in parts.items()]


def _by_type(g: InstitutionalGraph, group: str) -> dict[str, int]:
    members = g.schema.members(group)
    counts = Counter(t for _, t in g.graph.nodes(data="type") if t in members)
    return {t: counts[t] for t in sorted(members) if counts[t]}


def latest_running_year(g: InstitutionalGraph) -> int | None:
    """The latest year in which some actor is known to lead or implement an instrument, or None."""
    running = {g.schema.check_relationship_type(t) for t in coordination.RUNNING_TYPES}
    years = [
        max(d["known_years"]) for _, _, d in g.graph.edges(data=True) if d["type"] in running and d.get("known_years")
    ]
    return max(years, default=None)


def coordination_in(g: InstitutionalGraph, year: int) -> dict[str, Any]:
    """The report's coordination measure in ``year`` (:func:`graph.analysis.coordination.coordination`'s
    groups, centralisation and hub, from the same collaboration graph), without the counts of unknown
    facts that the report adds."""
    G = coordination.collaboration_graph(g, year)
    hub = coordination.hub_of(G)  # the report's hub rule
    return {
        "year": year,
        "groups": nx.number_connected_components(G),
        "centralization": centrality.centralization(G),
        "hub_name": None if hub is None else G.nodes[hub]["name"],
    }


def _coordination_row(g: InstitutionalGraph, year: int | None) -> dict[str, Any]:
    """The coordination measure in ``year``; when the year was not given, the latest year in which
    something runs by the full rule (an instrument and its actors hold too), walking back from the latest
    running role."""
    if year is not None:
        return coordination_in(g, year)
    start = latest_running_year(g)
    nothing = {"year": None, "groups": 0, "centralization": 0.0, "hub_name": None}
    if start is None:
        return nothing
    for y in range(start, coordination.year_range(g).start - 1, -1):
        row = coordination_in(g, y)
        if row["groups"]:
            return row
    return nothing


def country_record(g: InstitutionalGraph, code: str, *, as_of: int | None = None) -> dict[str, Any]:
    """The figures of one country's graph ``g`` (already restricted to ``code``)."""
    reorganising = {g.schema.check_relationship_type(t) for t in REORGANISATION_TYPES}
    collaborating = g.schema.check_relationship_type(COLLABORATION_TYPE)
    types = Counter(t for _, _, t in g.graph.edges(data="type"))
    hub = coordination.most_central_actor(g)
    row = _coordination_row(g, as_of)
    return {
        "country": code,
        "name": country_name(code),
        "entities": sum(1 for _, t in g.graph.nodes(data="type") if t != "Document"),
        "actors": _by_type(g, "Actor"),
        "instruments": _by_type(g, "Instrument"),
        "most_central": g.graph.nodes[hub]["name"] if hub is not None else None,
        "year": row["year"],
        "groups": row["groups"],
        "centralization": round(float(row["centralization"]), 3),
        "hub": row["hub_name"],
        "reorganisations": sum(types[t] for t in reorganising),
        "collaborations": types[collaborating],
    }


# Rows of the side-by-side table, in order: (label, record key); actor and instrument types are added
# between them, one row per type any country holds.
_HEAD: tuple[tuple[str, str], ...] = (("name", "name"), ("entities", "entities"))
_TAIL: tuple[tuple[str, str], ...] = (
    ("most central actor", "most_central"),
    ("year measured", "year"),
    ("separate groups running instruments", "groups"),
    ("centralisation", "centralization"),
    ("hub that year", "hub"),
    ("reorganisations", "reorganisations"),
    ("collaborations", "collaborations"),
)


def side_by_side(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows ``{measure, <country>: value, ...}``: one column per country, for a table or CSV.

    >>> rows = side_by_side([{"country": "KOR", "name": "Korea", "entities": 3, "actors": {"Ministry": 2},
    ...     "instruments": {}, "most_central": "M", "year": 2020, "groups": 1, "centralization": 0.0,
    ...     "hub": None, "reorganisations": 1, "collaborations": 0}])
    >>> rows[2], rows[3]
    ({'measure': 'actors', 'KOR': 2}, {'measure': '  Ministry', 'KOR': 2})
    """
    codes = [r["country"] for r in records]

    def row(label: str, values: Sequence[Any]) -> dict[str, Any]:
        return {"measure": label, **dict(zip(codes, values, strict=True))}

    rows = [row(label, [r[key] for r in records]) for label, key in _HEAD]
    for group in ("actors", "instruments"):
        rows.append(row(group, [sum(r[group].values()) for r in records]))
        kinds = sorted({t for r in records for t in r[group]})
        rows += [row(f"  {t}", [r[group].get(t, 0) for r in records]) for t in kinds]
    rows += [row(label, [r[key] for r in records]) for label, key in _TAIL]
    return rows


__all__ = ["UNKNOWN", "compare_countries", "country_record", "latest_running_year", "side_by_side"]

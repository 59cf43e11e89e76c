"""Countries in the graph: an entity's ``country`` is an ISO 3166 alpha-3 code (the schema's
declaration); no code means the country is unknown, shown as ``unknown``.

:func:`country_code` reads what a user types (``KOR``, ``KR``, ``Korea, Republic of``) into that code,
with pycountry's ISO 3166 table; :func:`restrict_to_country` is the one restriction of a graph to a country
that every command taking ``--country`` applies.

>>> from graph.model import Entity, Relationship
>>> g = InstitutionalGraph()
>>> a = g.add_entity(Entity(type="Ministry", name="A", country="KOR"))
>>> b = g.add_entity(Entity(type="Programme", name="B", country="KOR"))
>>> c = g.add_entity(Entity(type="Agency", name="C"))
>>> _ = g.add_relationship(Relationship(type="LEADS", source=a.id, target=b.id))
>>> _ = g.add_relationship(Relationship(type="IMPLEMENTS", source=c.id, target=b.id))
>>> graph_countries(g)
{'KOR': 2, 'unknown': 1}
>>> k = restrict_to_country(g, "kr")
>>> sorted(k.graph.nodes), k.graph.number_of_edges()
(['ministry:a', 'programme:b'], 1)
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Mapping
from functools import cache
from typing import Any

import networkx as nx

from graph.errors import UsageError
from graph.model.institutional_graph import InstitutionalGraph

UNKNOWN = "unknown"
DOCUMENT_TYPE = "Document"


@cache
def _table() -> dict[str, str]:
    """Every way to write a country pycountry knows (alpha-2, alpha-3, names), lower-cased → alpha-3."""
    import pycountry

    codes: dict[str, str] = {}
    for c in pycountry.countries:
        names = (getattr(c, "common_name", None), getattr(c, "official_name", None))
        for written in (c.alpha_2, c.alpha_3, c.name, *names):
            if written:
                codes.setdefault(written.lower(), c.alpha_3)
    return codes


def alpha3(text: str) -> str | None:
    """The ISO 3166 alpha-3 code of an alpha-2 or alpha-3 code or an ISO name, or None.

    >>> alpha3("KR"), alpha3("kor"), alpha3("South Korea"), alpha3("Norland")
    ('KOR', 'KOR', 'KOR', None)
    """
    return _table().get(text.strip().lower())


def country_code(text: str, option: str = "--country") -> str:
    """What ``--country`` names, as an alpha-3 code (or ``unknown``); a value that is no country is a
    :class:`UsageError` suggesting the nearest names."""
    if text.strip().lower() == UNKNOWN:
        return UNKNOWN
    code = alpha3(text)
    if code is None:
        near = difflib.get_close_matches(text.strip().lower(), list(_table()), n=3, cutoff=0.6)
        hint = f"; nearest: {', '.join(_table()[n] + ' (' + n + ')' for n in near)}" if near else ""
        raise UsageError(
            f"{option} {text!r} is not a country; give an ISO 3166 code such as KOR or DEU, or unknown{hint}"
        )
    return code


def country_name(code: str) -> str:
    """A country's display name: the common name where ISO has one (``South Korea``), else its name."""
    if code == UNKNOWN:
        return UNKNOWN
    import pycountry

    found = pycountry.countries.get(alpha_3=code)
    return str(getattr(found, "common_name", None) or found.name) if found is not None else code


def country_of(data: Mapping[str, Any]) -> str:
    """The country of an entity's properties: its code, or ``unknown`` when none is stated."""
    return str(data.get("country") or UNKNOWN)


def graph_countries(g: InstitutionalGraph) -> dict[str, int]:
    """How many entities (documents left out) each country holds, most first, ``unknown`` last."""
    counts = Counter(country_of(d) for _, d in g.graph.nodes(data=True) if d.get("type") != DOCUMENT_TYPE)
    return dict(sorted(counts.items(), key=lambda kv: (kv[0] == UNKNOWN, -kv[1], kv[0])))


def _country_graphs(g: InstitutionalGraph, codes: set[str]) -> dict[str, InstitutionalGraph]:
    """The graph of each country in ``codes``, in one pass over the nodes and one over the edges (a
    subgraph view per country would scan the whole graph once per country)."""
    of: dict[str, str] = {}
    nodes: dict[str, list[tuple[str, dict[str, Any]]]] = {code: [] for code in codes}
    edges: dict[str, list[tuple[str, str, str, dict[str, Any]]]] = {code: [] for code in codes}
    for n, d in g.graph.nodes(data=True):
        code = country_of(d)
        if code in nodes:
            of[n] = code
            nodes[code].append((n, d))
    for u, v, k, d in g.graph.edges(keys=True, data=True):
        end = of.get(u)
        if end is not None and of.get(v) == end:
            edges[end].append((u, v, k, d))
    parts = {code: nx.MultiDiGraph() for code in codes}
    for code, part in parts.items():
        part.add_nodes_from(nodes[code])  # attributes are copied into the new graph's own dicts
        part.add_edges_from(edges[code])
    return {code: InstitutionalGraph(g.schema, part) for code, part in parts.items()}


def split_by_country(g: InstitutionalGraph, countries: list[str] | None = None) -> dict[str, InstitutionalGraph]:
    """Each country's graph (:func:`restrict_to_country`), for ``countries`` or every country ``g`` holds,
    in the order of :func:`graph_countries`."""
    codes = [country_code(c) for c in countries] if countries else list(graph_countries(g))
    held = graph_countries(g)
    for code, given in zip(codes, countries or codes, strict=True):
        if code not in held:
            listed = ", ".join(held) or "none"
            raise UsageError(f"--country {given}: the graph holds no entity of {code}; it holds: {listed}")
    parts = _country_graphs(g, set(codes))
    return {code: parts[code] for code in codes}


def restrict_to_country(g: InstitutionalGraph, country: str) -> InstitutionalGraph:
    """The entities of one country (``unknown``: those without one; documents by their own country) and
    the relationships among them. ``country`` is read by :func:`country_code`; a country the graph does
    not hold is a :class:`UsageError` listing those it does."""
    return next(iter(split_by_country(g, [country]).values()))

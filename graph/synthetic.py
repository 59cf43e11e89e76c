"""Seeded synthetic institutional graphs, sized by argument, for benchmarks and load tests.

``synthetic_graph(n_nodes, n_edges, seed)`` builds an :class:`InstitutionalGraph` shaped like the real
thing: a handful of countries, each with a government, ministries, agencies and regional bodies running
programmes, strategies and laws aimed at target groups; collaborations through an instrument as context;
successions and transfers; every fact dated (or left open), cited by document and line with the quoted
line's text, and mostly ``extracted`` with a confidence. Node and relationship types come from the
schema; the weights below only make the mix realistic, and a type the schema lacks is skipped.

The graph is written straight into networkx with the same attributes ``add_entity`` and
``add_relationship`` produce (checked by ``tests/test_store_rows.py``), because going through them costs
minutes at a million relationships.

>>> g = synthetic_graph(200, 1000, seed=1)
>>> len(g), g.graph.number_of_edges()
(200, 1000)
>>> synthetic_graph(200, 1000, seed=1) == g
True
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from graph.model import Entity, document_id
from graph.model.institutional_graph import InstitutionalGraph
from graph.model.schema import Schema, load_schema
from graph.store.rows import relationship_id

# Share of nodes per type and of relationships per type in a country-scale corpus (types absent from
# the schema are ignored; schema types not listed get weight 1).
NODE_WEIGHTS = {
    "Programme": 40, "Agency": 14, "RegionalGovernment": 10, "Strategy": 8, "Law": 6, "Ministry": 5,
    "Document": 5, "TargetGroup": 3, "PrivateSector": 3, "InternationalOrganization": 1, "Government": 1,
    "Country": 1,
}  # fmt: skip
EDGE_WEIGHTS = {
    "IMPLEMENTS": 25, "PARTICIPATES_IN": 15, "LEADS": 12, "COLLABORATES_WITH": 12, "PART_OF": 10,
    "TARGETS": 8, "MENTIONED_IN": 5, "PROVIDES_FOR": 4, "SUCCEEDED_BY": 2, "TRANSFERRED_TO": 2,
}  # fmt: skip
COUNTRIES = ("KOR", "JPN", "DEU", "FRA", "CHL", "MEX", "CAN", "ITA", "POL", "EST", "NZL", "PRT")
TOPICS = (
    "SMEs and Startups", "Employment and Labour", "Science and ICT", "Trade, Industry and Energy",
    "Economy and Finance", "Digital Affairs", "Education", "Regional Development", "Innovation",
    "Agriculture", "Health", "Environment", "Smart Manufacturing", "Skills", "Public Procurement",
)  # fmt: skip
NAME_PATTERNS = {
    "Ministry": "Ministry of {t}",
    "Agency": "{t} Agency",
    "RegionalGovernment": "Regional Office for {t}",
    "PrivateSector": "{t} Business Association",
    "InternationalOrganization": "International Council on {t}",
    "Government": "Government of {c}",
    "Law": "Act on {t}",
    "Strategy": "{t} Strategy",
    "Programme": "{t} Support Programme",
    "TargetGroup": "Firms in {t}",
    "Country": "Country {c}",
    "Document": "Review of {t}",
}
VERBS = ("runs", "oversees", "supports", "co-operates with", "was merged into", "funds", "targets")


def _year_span(rng: random.Random, floor: int | None = None) -> tuple[int | None, int | None]:
    """A start year (or unknown) no earlier than ``floor``, and an end year (or open) not before it."""
    start = rng.randint(max(1990, floor or 1990), 2022) if rng.random() < 0.8 else None
    if rng.random() < 0.6:
        return start, None
    base = start if start is not None else rng.randint(1995, 2020)
    return start, min(2024, base + rng.randint(0, 12))


@dataclass
class _World:
    """The entities made so far, indexed the ways the relationship step picks them."""

    schema: Schema
    rng: random.Random
    g: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)
    by_type: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_type_country: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    doc_lines: dict[str, int] = field(default_factory=dict)
    documents: list[str] = field(default_factory=list)
    doc_index: dict[str, int] = field(default_factory=dict)  # a document's place in ``documents``


def synthetic_graph(n_nodes: int, n_edges: int, seed: int = 0, schema: Schema | None = None) -> InstitutionalGraph:
    """A reproducible graph with ``n_nodes`` entities and ``n_edges`` relationships (see module doc)."""
    world = _World(schema or load_schema(), random.Random(seed))
    _add_entities(world, n_nodes)
    _add_relationships(world, n_nodes, n_edges, _line_texts(seed))
    return InstitutionalGraph(world.schema, world.g)


def _entity(world: _World, i: int, kind: str) -> Entity:
    """Entity ``i`` of type ``kind``: a document (with lines and a hash) or a dated, named body or instrument."""
    rng = world.rng
    country = rng.choice(COUNTRIES)
    topic = rng.choice(TOPICS)
    name = f"{NAME_PATTERNS.get(kind, kind + ' {t}').format(t=topic, c=country)} {i}"
    start, end = _year_span(rng)
    initials = "".join(w[0] for w in name.split() if w[0].isupper())
    if kind == "Document":
        lines = rng.randint(80, 400)
        sha = f"{rng.getrandbits(256):064x}"
        extra = (("lines", lines), ("sha256", sha), ("title", name))
        entity = Entity(type=kind, name=name, country=country, extra=extra, id=document_id(sha))
        world.doc_lines[entity.id] = lines
        world.doc_index[entity.id] = len(world.documents)
        world.documents.append(entity.id)
        return entity
    return Entity(
        type=kind,
        name=name,
        aliases=(f"{initials}{i}",) if rng.random() < 0.7 else (),
        start=start,
        end=end,
        country=country,
        description=f"A synthetic {kind.lower()} working on {topic.lower()}." if rng.random() < 0.3 else None,
        figures=(("budget_musd", str(rng.randint(1, 900))),) if rng.random() < 0.1 else (),
    )


def _add_entities(world: _World, n_nodes: int) -> None:
    rng, types = world.rng, sorted(world.schema.node_types)
    weights = [NODE_WEIGHTS.get(t, 1) for t in types]
    # at least one node of each type, the rest by weight
    kinds = types[:n_nodes] + rng.choices(types, weights, k=max(0, n_nodes - len(types)))
    pending_sources: list[str] = []
    for i, kind in enumerate(kinds):
        entity = _entity(world, i, kind)
        if kind != "Document":
            pending_sources.append(entity.id)
        world.g.add_node(entity.id, **entity.properties())
        world.by_type[kind].append(entity.id)
        world.by_type_country[(kind, entity.country or "")].append(entity.id)
    # a third of the entities name the document that introduces them
    if world.documents:
        for node in pending_sources:
            if rng.random() < 0.33:
                world.g.nodes[node]["sources"] = [rng.choice(world.documents)]


def _line_texts(seed: int) -> list[str]:
    """Quoted lines come from a shared pool, as in real corpora where many facts cite the same lines."""
    text_rng = random.Random(seed + 1)
    return [
        f"The {text_rng.choice(TOPICS)} body {text_rng.choice(VERBS)} the {text_rng.choice(TOPICS).lower()} "
        f"programme from {text_rng.randint(1995, 2022)} ({text_rng.randint(1, 99)}% of firms)."
        for _ in range(4096)
    ]


def _candidates(world: _World) -> dict[str, tuple[list[str], list[str]]]:
    """Each relationship type the entities can take part in: its possible sources and target types."""
    out: dict[str, tuple[list[str], list[str]]] = {}
    for t in sorted(world.schema.relationship_types):
        spec = world.schema.relationship_types[t]
        sources = [n for k in sorted(spec.sources) for n in world.by_type.get(k, ())]
        targets = sorted(spec.targets)
        if sources and any(world.by_type.get(k) for k in targets):
            out[t] = (sources, targets)
    return out


def _evidence(world: _World, texts: list[str]) -> list[dict[str, Any]]:
    """One citation (sometimes two) of a random document's lines, with the quoted line's text."""
    rng, doc_lines, doc_index = world.rng, world.doc_lines, world.doc_index
    evidence = []
    for _ in range(1 if rng.random() < 0.8 else 2):
        doc = rng.choice(world.documents)
        first = rng.randint(1, doc_lines[doc])
        last = min(doc_lines[doc], first + rng.choice((0, 0, 0, 1, 2)))
        text = texts[(doc_index[doc] * 7919 + first) % len(texts)]
        evidence.append({"document": doc, "lines": [first, last], "text": text})
    return evidence


def _add_relationships(world: _World, n_nodes: int, n_edges: int, texts: list[str]) -> None:
    rng, g, schema = world.rng, world.g, world.schema
    candidates = _candidates(world)
    rel_types = list(candidates)
    rel_weights = [EDGE_WEIGHTS.get(t, 1) for t in rel_types]
    instruments = [n for k in sorted(schema.members("Instrument")) for n in world.by_type.get(k, ())]  # not set order
    nodes = g.nodes
    made, attempts = 0, 0
    while made < n_edges and rel_types:
        attempts += 1
        if attempts > 20 * n_edges + 1000:
            raise ValueError(f"cannot place {n_edges} distinct relationships among {n_nodes} entities")
        t = rng.choices(rel_types, rel_weights)[0]
        sources, target_kinds = candidates[t]
        u = rng.choice(sources)
        kind = rng.choice(target_kinds)
        pool = world.by_type_country.get((kind, nodes[u]["country"])) if rng.random() < 0.85 else None
        pool = pool or world.by_type.get(kind)
        if not pool:
            continue
        v = rng.choice(pool)
        if u == v:
            continue
        if schema.relationship_types[t].symmetric and u > v:
            u, v = v, u
        context = rng.choice(instruments) if t == "COLLABORATES_WITH" and instruments else None
        if g.has_edge(u, v, f"{t}@{context}" if context else t):
            continue
        _add_edge(world, t, u, v, context, texts)
        made += 1


def _add_edge(world: _World, t: str, u: str, v: str, context: str | None, texts: list[str]) -> None:
    """One relationship with the attributes ``add_relationship`` would give it."""
    rng, nodes = world.rng, world.g.nodes
    floor = max((y for y in (nodes[u].get("start"), nodes[v].get("start")) if y is not None), default=None)
    start, end = _year_span(rng, floor)
    evidence = _evidence(world, texts) if world.documents else []
    method = rng.choices(("curated", "extracted", "derived"), (30, 65, 5))[0]
    world.g.add_edge(
        u,
        v,
        key=f"{t}@{context}" if context else t,
        id=relationship_id(t, u, v, context),
        type=t,
        start=start,
        end=end,
        context=context,
        evidence=evidence,
        sources=list(dict.fromkeys(e["document"] for e in evidence)),
        method=method,
        confidence=1.0 if method == "curated" else round(rng.uniform(0.5, 1.0), 2),
        note="read from a table" if rng.random() < 0.05 else None,
    )

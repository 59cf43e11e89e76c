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


def synthetic_graph(n_nodes: int, n_edges: int, seed: int = 0, schema: Schema | None = None) -> InstitutionalGraph:
    """A reproducible graph with ``n_nodes`` entities and ``n_edges`` relationships (see module doc)."""
    schema = schema or load_schema()
    rng = random.Random(seed)
    types = sorted(schema.node_types)
    weights = [NODE_WEIGHTS.get(t, 1) for t in types]
    # at least one node of each type, the rest by weight
    kinds = types[:n_nodes] + rng.choices(types, weights, k=max(0, n_nodes - len(types)))
    g = nx.MultiDiGraph()
    by_type: dict[str, list[str]] = defaultdict(list)
    by_type_country: dict[tuple[str, str], list[str]] = defaultdict(list)
    doc_lines: dict[str, int] = {}
    documents: list[str] = []
    pending_sources: list[str] = []
    for i, kind in enumerate(kinds):
        country = rng.choice(COUNTRIES)
        topic = rng.choice(TOPICS)
        name = f"{NAME_PATTERNS.get(kind, kind + ' {t}').format(t=topic, c=country)} {i}"
        start, end = _year_span(rng)
        initials = "".join(w[0] for w in name.split() if w[0].isupper())
        extra: tuple[tuple[str, Any], ...] = ()
        if kind == "Document":
            lines = rng.randint(80, 400)
            sha = f"{rng.getrandbits(256):064x}"
            extra = (("lines", lines), ("sha256", sha), ("title", name))
            entity = Entity(type=kind, name=name, country=country, extra=extra, id=document_id(sha))
            doc_lines[entity.id] = lines
            documents.append(entity.id)
        else:
            entity = Entity(
                type=kind,
                name=name,
                aliases=(f"{initials}{i}",) if rng.random() < 0.7 else (),
                start=start,
                end=end,
                country=country,
                description=f"A synthetic {kind.lower()} working on {topic.lower()}." if rng.random() < 0.3 else None,
                figures=(("budget_musd", str(rng.randint(1, 900))),) if rng.random() < 0.1 else (),
            )
            pending_sources.append(entity.id)
        g.add_node(entity.id, **entity.properties())
        by_type[kind].append(entity.id)
        by_type_country[(kind, country)].append(entity.id)
    # a third of the entities name the document that introduces them
    if documents:
        for node in pending_sources:
            if rng.random() < 0.33:
                g.nodes[node]["sources"] = [rng.choice(documents)]
    # Quoted lines come from a shared pool, as in real corpora where many facts cite the same lines.
    text_rng = random.Random(seed + 1)
    texts = [
        f"The {text_rng.choice(TOPICS)} body {text_rng.choice(VERBS)} the {text_rng.choice(TOPICS).lower()} "
        f"programme from {text_rng.randint(1995, 2022)} ({text_rng.randint(1, 99)}% of firms)."
        for _ in range(4096)
    ]
    doc_index = {d: i for i, d in enumerate(documents)}

    def line_text(doc: str, line: int) -> str:
        return texts[(doc_index[doc] * 7919 + line) % len(texts)]

    candidates: dict[str, tuple[list[str], list[str]]] = {}
    for t in sorted(schema.relationship_types):
        spec = schema.relationship_types[t]
        sources = [n for k in sorted(spec.sources) for n in by_type.get(k, ())]
        targets = sorted(spec.targets)
        if sources and any(by_type.get(k) for k in targets):
            candidates[t] = (sources, targets)
    rel_types = list(candidates)
    rel_weights = [EDGE_WEIGHTS.get(t, 1) for t in rel_types]
    instruments = [n for k in sorted(schema.members("Instrument")) for n in by_type.get(k, ())]  # not set order
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
        pool = by_type_country.get((kind, nodes[u]["country"])) if rng.random() < 0.85 else None
        pool = pool or by_type.get(kind)
        if not pool:
            continue
        v = rng.choice(pool)
        if u == v:
            continue
        spec = schema.relationship_types[t]
        if spec.symmetric and u > v:
            u, v = v, u
        context = rng.choice(instruments) if t == "COLLABORATES_WITH" and instruments else None
        key = f"{t}@{context}" if context else t
        if g.has_edge(u, v, key):
            continue
        floor = max((y for y in (nodes[u].get("start"), nodes[v].get("start")) if y is not None), default=None)
        start, end = _year_span(rng, floor)
        evidence = []
        if documents:
            for _ in range(1 if rng.random() < 0.8 else 2):
                doc = rng.choice(documents)
                first = rng.randint(1, doc_lines[doc])
                last = min(doc_lines[doc], first + rng.choice((0, 0, 0, 1, 2)))
                evidence.append({"document": doc, "lines": [first, last], "text": line_text(doc, first)})
        method = rng.choices(("curated", "extracted", "derived"), (30, 65, 5))[0]
        g.add_edge(
            u,
            v,
            key=key,
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
        made += 1
    return InstitutionalGraph(schema, g)

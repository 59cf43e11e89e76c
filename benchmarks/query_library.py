"""Time every named query on seeded synthetic graphs in Neo4j, beside the networkx answer as a baseline.

Usage (against a server you can wipe; NEO4J_* as for the CLI, default the local server)::

    python benchmarks/query_library.py [--sizes 2000:10000,10000:50000] [--repeat 3]

For each size (nodes:relationships) the graph is loaded with ``write_graph(wipe=True)``; then each query
runs ``--repeat`` times and the median is printed, with the median of the networkx answer for the
questions that have one and the ratio Neo4j / networkx. The last line is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from graph.model.institutional_graph import InstitutionalGraph
from graph.store.settings import Neo4jSettings
from graph.store.write import write_graph
from graph.synthetic import synthetic_graph
from queries.library import list_queries, run
from queries.offline import OFFLINE, run_offline


def _median(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times), result


def _examples(g: InstitutionalGraph) -> dict[str, dict[str, Any]]:
    """Parameters that hit real data: the busiest actor, a succeeded body, a document, a year in range."""
    roles = set(g.schema.involvement_types)
    busy = max(
        (n for n in g.graph if g.graph.nodes[n]["type"] in g.schema.members("Actor")),
        key=lambda n: sum(1 for _, _, t in g.graph.out_edges(n, data="type") if t in roles),
    )
    succeeded = next((u for u, _, t in g.graph.edges(data="type") if t == "SUCCEEDED_BY"), busy)
    other = next(v for _, v, t in g.graph.out_edges(busy, data="type") if t in roles)
    document = next(n for n, t in g.graph.nodes(data="type") if t == "Document")
    span = g.years() or (2000, 2020)
    year = (span[0] + span[1]) // 2
    name = g.graph.nodes[busy]["name"]
    return {
        "as_of_map": {"year": year},
        "roles": {"year": year},
        "lineage": {"body": succeeded},
        "collaboration_pairs": {"year": year},
        "fragmentation": {"from_year": year - 2, "to_year": year + 2},
        "connection": {"from": busy, "to": other},
        "evidence": {"subject": busy},
        "document_mentions": {"document": document},
        "search": {"text": name.split()[0]},
    }


def bench(driver: Any, database: str, nodes: int, edges: int, repeat: int) -> dict[str, Any]:
    g = synthetic_graph(nodes, edges, seed=7)
    began = time.perf_counter()
    write_graph(driver, g, database=database, wipe=True)
    figures: dict[str, Any] = {"nodes": nodes, "relationships": edges, "load_s": time.perf_counter() - began}
    examples = _examples(g)
    for q in list_queries():
        params = examples.get(q.name, {})
        cypher_s, rows = _median(lambda q=q, p=params: run(driver, q.name, p, database=database), repeat)
        entry: dict[str, Any] = {"neo4j_s": round(cypher_s, 4), "rows": len(rows)}
        if q.name in OFFLINE:
            nx_s, nx_rows = _median(lambda q=q, p=params: run_offline(g, q.name, p), repeat)
            entry.update(networkx_s=round(nx_s, 4), ratio=round(cypher_s / nx_s, 2) if nx_s else None)
            entry["same_rows"] = nx_rows == rows
        figures[q.name] = entry
        print(f"{nodes:>7} {edges:>7} {q.name:<20} {entry}", file=sys.stderr)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000:10000,10000:50000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    settings = Neo4jSettings.from_env(os.environ)
    driver = settings.connect()
    try:
        out = []
        for size in args.sizes.split(","):
            n, e = (int(x) for x in size.split(":"))
            out.append(bench(driver, settings.database, n, e, args.repeat))
    finally:
        driver.close()
    print(json.dumps({"benchmark": "queries", "runs": out}))


if __name__ == "__main__":
    main()

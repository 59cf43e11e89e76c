"""Benchmark: ``instgraph compare`` on a seeded synthetic graph of 10 000 entities and 50 000 relationships.

Run from the repository root::

    .venv/bin/python benchmarks/compare.py [--nodes 10000] [--edges 50000] [--repeat 3]

The synthetic graph (graph/synthetic.py) holds a dozen countries. It is dated once (as ``instgraph build``
does before writing graph.json) and written to a temporary graph.json; then, each as the median of
``--repeat`` runs, in CPU seconds of this process (the wall time beside it; on a busy shared machine
the two differ):

- ``compare``: :func:`queries.compare.compare_countries` on the graph in memory (goal <= 2 s);
- ``read + compare``: what the command does, from reading graph.json to the rows;
- baseline: the straightforward way to the same figures — a networkx subgraph view per country, then the
  report's full coordination row (:func:`graph.analysis.coordination.coordination`, which also counts
  unknown facts) in the year ``compare`` read, and the most central actor.

The last line is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from graph.analysis.coordination import coordination, most_central_actor
from graph.model.institutional_graph import InstitutionalGraph
from graph.synthetic import synthetic_graph
from queries.compare import compare_countries

GOAL_SECONDS = 2.0


def median_time(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The median CPU time of ``fn`` (this process's, so other work on a shared machine does not count;
    the wall time is printed too) and its last result."""
    times, walls, result = [], [], None
    for _ in range(repeat):
        began, wall = time.process_time(), time.perf_counter()
        result = fn()
        times.append(time.process_time() - began)
        walls.append(time.perf_counter() - wall)
    print(f"    (wall {statistics.median(walls):.2f} s, CPU {statistics.median(times):.2f} s)", flush=True)
    return statistics.median(times), result


def baseline(g: InstitutionalGraph, years: dict[str, int | None]) -> list[dict[str, Any]]:
    """Per country: a subgraph view copied out, its full coordination row and its most central actor."""
    rows = []
    for code, year in years.items():
        keep = [n for n, d in g.graph.nodes(data=True) if (d.get("country") or "unknown") == code]
        part = InstitutionalGraph(g.schema, nx.MultiDiGraph(g.graph.subgraph(keep)))
        row = coordination(part, years=[year])[0] if year is not None else {}
        rows.append({**row, "most_central": most_central_actor(part)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--edges", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    began = time.perf_counter()
    g = synthetic_graph(args.nodes, args.edges, seed=7).dated()
    made = time.perf_counter() - began
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.json"
        g.write_json(path)
        print(
            f"synthetic graph: {len(g)} entities, {g.graph.number_of_edges()} relationships "
            f"(made and dated in {made:.1f} s)"
        )
        alone, records = median_time(lambda: compare_countries(g), args.repeat)
        whole, _ = median_time(lambda: compare_countries(InstitutionalGraph.read_json(path)), args.repeat)
        years = {r["country"]: r["year"] for r in records}
        base, rows = median_time(lambda: baseline(g, years), args.repeat)
    verdict = "met" if alone <= GOAL_SECONDS else "NOT met"
    print(f"  countries compared: {len(records)}")
    print(f"  {'compare (graph in memory)':<48} {alone:7.2f} s   goal <= {GOAL_SECONDS:.0f} s: {verdict}")
    print(f"  {'read graph.json + compare (the command)':<48} {whole:7.2f} s")
    label = "baseline: subgraph views + full coordination"
    print(f"  {label:<48} {base:7.2f} s   compare / baseline = {alone / base:.2f}")
    print(
        json.dumps(
            {
                "entities": len(g),
                "relationships": g.graph.number_of_edges(),
                "countries": len(records),
                "compare_s": round(alone, 3),
                "read_and_compare_s": round(whole, 3),
                "baseline_coordination_s": round(base, 3),
                "ratio": round(alone / base, 3),
                "goal_s": GOAL_SECONDS,
            }
        )
    )


if __name__ == "__main__":
    main()

"""Benchmark: ``instgraph diff`` on a graph of 10 000 entities and 50 000 relationships (goal: <= 2 s).

Run from the repository root::

    .venv/bin/python benchmarks/diff.py                 # 10 000 entities, 50 000 relationships
    .venv/bin/python benchmarks/diff.py --nodes 2000 --edges 10000

Two builds: a synthetic graph (graph/synthetic.py) and a copy with 2 % of its entities removed, 5 % of its
relationships re-dated, 1 % retyped and 500 relationships added, both written as graph.json. Timed:

- the baseline: reading the two graph.json files (what any command on them costs first);
- ``diff_graphs`` on the two builds, and ``diff_years`` on one (two as-of graphs and the years between);
- the whole command, ``instgraph diff OLD.json NEW.json --format json`` in this process (reading included).

Each figure is printed with its ratio to the baseline, and the counts found are checked against the
mutations made, so a fast wrong answer shows.
"""

from __future__ import annotations

import argparse
import io
import random
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

from graph.model.diff import diff_graphs, diff_years
from graph.model.institutional_graph import InstitutionalGraph
from graph.synthetic import synthetic_graph

GOAL_SECONDS = 2.0


def timed(label: str, baseline: float | None, fn: Any, *args: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    result = fn(*args)
    elapsed = time.perf_counter() - start
    ratio = f"{elapsed / baseline:6.2f}x baseline" if baseline else "      baseline"
    print(f"  {label:<58} {elapsed:7.3f} s  {ratio}", flush=True)
    return result, elapsed


def mutated(graph: InstitutionalGraph, seed: int = 1) -> tuple[InstitutionalGraph, dict[str, int]]:
    """A second build: some entities gone, some relationships re-dated, retyped or new."""
    rng = random.Random(seed)
    g = graph.graph.copy()
    plain = [n for n, t in g.nodes(data="type") if t != "Document"]
    gone = rng.sample(plain, len(plain) // 50)
    g.remove_nodes_from(gone)
    edges = [(u, v, k) for u, v, k, t in g.edges(keys=True, data="type") if t != "MENTIONED_IN"]
    rng.shuffle(edges)
    redated = edges[: len(edges) // 20]
    for u, v, k in redated:
        data = g.edges[u, v, k]
        data["start"] = (data.get("start") or 2000) + 1
    retyped = 0
    for u, v, k in edges[len(redated) : len(redated) + len(edges) // 100]:
        data = dict(g.edges[u, v, k])
        if data["type"] in ("IMPLEMENTS", "PARTICIPATES_IN") and not data.get("context"):
            new_type = "LEADS"
            if not g.has_edge(u, v, new_type):
                g.remove_edge(u, v, k)
                g.add_edge(u, v, key=new_type, **{**data, "type": new_type})
                retyped += 1
    actors = [n for n, t in g.nodes(data="type") if graph.schema.is_actor(t)]
    programmes = [n for n, t in g.nodes(data="type") if t == "Programme"]
    added = 0
    while added < 500:
        u, v = rng.choice(actors), rng.choice(programmes)
        if not g.has_edge(u, v, "PARTICIPATES_IN"):
            g.add_edge(
                u,
                v,
                key="PARTICIPATES_IN",
                type="PARTICIPATES_IN",
                start=2020,
                end=None,
                confidence=0.5,
                method="extracted",
                evidence=[],
                sources=[],
                context=None,
                note=None,
            )
            added += 1
    return InstitutionalGraph(graph.schema, g), {"entities removed": len(gone), "retyped": retyped, "added": added}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--edges", type=int, default=50_000)
    args = parser.parse_args()
    from typer.testing import CliRunner

    from instgraph.cli import app

    print(f"instgraph diff on {args.nodes} entities and {args.edges} relationships (goal <= {GOAL_SECONDS:.0f} s)")
    old = synthetic_graph(args.nodes, args.edges, seed=0).dated()
    new, made = mutated(old)
    with tempfile.TemporaryDirectory() as tmp:
        old_file, new_file = Path(tmp) / "old.json", Path(tmp) / "new.json"
        old.write_json(old_file)
        new.write_json(new_file)
        (a, b), baseline = timed(
            "baseline: read the two graph.json files",
            None,
            lambda: (InstitutionalGraph.read_json(old_file), InstitutionalGraph.read_json(new_file)),
        )
        result, t_graphs = timed("diff_graphs (two builds)", baseline, diff_graphs, a, b)
        _, t_years = timed("diff_years (one graph, as of 2010 vs 2018)", baseline, diff_years, a, 2010, 2018)
        with redirect_stdout(io.StringIO()):  # the command's JSON is not the figure
            ran, t_cli = timed(
                "instgraph diff OLD.json NEW.json --format json (all)",
                baseline,
                CliRunner().invoke,
                app,
                ["diff", str(old_file), str(new_file), "--format", "json"],
            )
        if ran.exit_code != 0:
            raise SystemExit(f"instgraph diff failed: {ran.output}")
        print(f"  {'(the command, reading included)':<58} {t_cli:7.3f} s  {t_cli / baseline:6.2f}x baseline")
    counts = result.counts()
    print(
        f"\n  found: {counts['entity']['removed']} entities removed (made {made['entities removed']}), "
        f"{counts['relationship']['added']} relationships added (made {made['added']}), "
        f"{counts['relationship']['changed']} changed (re-dated or retyped)"
    )
    for label, seconds in (("diff_graphs", t_graphs), ("diff_years", t_years)):
        print(
            f"  {label}: {seconds:.3f} s, goal {GOAL_SECONDS:.0f} s: {'met' if seconds <= GOAL_SECONDS else 'NOT met'}"
        )
    print(f"  whole command (reading both files included): {t_cli:.3f} s")


if __name__ == "__main__":
    main()

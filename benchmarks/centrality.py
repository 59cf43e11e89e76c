"""Benchmark: exact against sampled betweenness, and every measure on a million-edge graph.

Run from the repository root (takes a few minutes on two cores; the 1 M-edge part runs once)::

    .venv/bin/python benchmarks/centrality.py            # both parts
    .venv/bin/python benchmarks/centrality.py --small-only

Part 1 — a 5 000-node Barabási–Albert graph (m = 3, ~15 000 edges): exact betweenness, then sampled
betweenness for several sample sizes k, each with its Spearman rank correlation against the exact
values (goal >= 0.95) and the overlap of the top 50; networkx's sampled betweenness (same k) is
timed beside ours as the baseline.

Part 2 — a 100 000-node Barabási–Albert graph (m = 10, ~1 M edges): ``centralities()`` — degree,
sampled betweenness and closeness, eigenvector, PageRank — timed as a whole (goal <= 60 s); networkx's
betweenness from 2 sources and its PageRank are timed beside it as the baseline.
"""

from __future__ import annotations

import argparse
import os
import time

import networkx as nx
import numpy as np
from scipy.stats import spearmanr

from graph.analysis import centrality


def timed(label: str, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    elapsed = time.perf_counter() - start
    print(f"  {label:<58} {elapsed:8.2f} s", flush=True)
    return result, elapsed


def top_overlap(a: dict, b: dict, n: int = 50) -> float:
    top_a = set(sorted(a, key=a.get, reverse=True)[:n])
    top_b = set(sorted(b, key=b.get, reverse=True)[:n])
    return len(top_a & top_b) / n


def sampled_vs_exact(nodes: int, ks: list[int], seed: int, baseline_k: int) -> None:
    G = nx.barabasi_albert_graph(nodes, 3, seed=seed)
    print(f"\n[1] {nodes}-node Barabási–Albert graph, {G.number_of_edges()} edges")
    exact, t_exact = timed("instgraph betweenness, exact", centrality.betweenness, G, exact_max_nodes=nodes)
    nodes_order = list(G)
    exact_vec = np.array([exact[n] for n in nodes_order])
    print(f"\n  {'k':>6} {'time s':>8} {'vs exact':>9} {'Spearman':>9} {'top-50':>7}")
    for k in ks:
        start = time.perf_counter()
        sampled = centrality.betweenness(G, k=k, seed=seed)
        elapsed = time.perf_counter() - start
        rho = spearmanr(exact_vec, [sampled[n] for n in nodes_order]).statistic
        mark = "  <- default" if k == centrality.DEFAULT_SAMPLE else ""
        print(
            f"  {k:>6} {elapsed:8.2f} {elapsed / t_exact:8.1%} {rho:9.4f} {top_overlap(exact, sampled):7.0%}{mark}"
        )
    k = baseline_k
    print(f"\n  baseline: networkx betweenness_centrality(k={k}) on the same graph")
    ours, t_ours = timed(f"instgraph betweenness, k={k}", centrality.betweenness, G, k=k, seed=seed)
    theirs, t_nx = timed(f"networkx betweenness_centrality, k={k}", nx.betweenness_centrality, G, k=k, seed=seed)
    rho_nx = spearmanr(exact_vec, [theirs[n] for n in nodes_order]).statistic
    print(f"  networkx sampled Spearman vs exact: {rho_nx:.4f}; time ratio networkx / instgraph = {t_nx / t_ours:.1f}x")


def million_edges(nodes: int, m: int, seed: int) -> None:
    print(f"\n[2] {nodes}-node Barabási–Albert graph, m={m}")
    G, _ = timed("build the networkx graph (not part of the measures)", nx.barabasi_albert_graph, nodes, m, seed=seed)
    print(f"  {G.number_of_edges()} edges")
    scores, total = timed("instgraph centralities(): all measures", centrality.centralities, G)
    size = scores["betweenness"].sample_size
    print(f"  betweenness/closeness sampled from k={size} sources ({scores['betweenness'].note})")
    for name, values in scores.items():
        if values.note and name not in ("betweenness", "closeness"):
            print(f"  note on {name}: {values.note}")
    print(f"  goal <= 60 s: {'met' if total <= 60 else 'MISSED'} ({total:.1f} s)")
    print("\n  baseline on the same graph:")
    _, t_nx_bc = timed("networkx betweenness_centrality(k=2)", nx.betweenness_centrality, G, k=2, seed=seed)
    _, t_ours_bc = timed("instgraph betweenness(k=2)", centrality.betweenness, G, k=2, seed=seed)
    _, t_nx_pr = timed("networkx pagerank", nx.pagerank, G)
    _, t_ours_pr = timed("instgraph pagerank", centrality.pagerank, G)
    print(f"  per-source betweenness: networkx {t_nx_bc / 2:.2f} s, instgraph {t_ours_bc / 2:.2f} s (incl. "
          f"matrix build); networkx at k={size} would take ~{t_nx_bc / 2 * size:.0f} s")
    print(f"  PageRank ratio networkx / instgraph = {t_nx_pr / t_ours_pr:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--ks", default="100,500,1000,1500")
    parser.add_argument("--large-nodes", type=int, default=100_000)
    parser.add_argument("--large-m", type=int, default=10)
    parser.add_argument("--baseline-k", type=int, default=200, help="sources for the networkx baseline")
    parser.add_argument("--small-only", action="store_true")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    sampled_vs_exact(args.nodes, [int(k) for k in args.ks.split(",")], args.seed, args.baseline_k)
    if not args.small_only:
        million_edges(args.large_nodes, args.large_m, args.seed)
    print(f"\nload average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()

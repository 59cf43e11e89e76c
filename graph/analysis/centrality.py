"""Centrality and centralisation on plain networkx graphs.

Every public function takes a graph ``G`` (``Graph``/``DiGraph``, multigraphs too) and keyword
arguments naming what it reads, and returns a plain mapping ``node -> value`` (a :class:`Centrality`,
which is a ``dict`` that also says how it was computed) or a number. Use them on any projection from
:mod:`graph.analysis.projections`.

Path measures (betweenness, closeness) are unweighted and run on a scipy sparse matrix
(:mod:`graph.analysis.sparse_paths`): exact up to ``exact_max_nodes`` nodes, sampled above it from
``k`` random sources (the sample size is kept in ``Centrality.sample_size``). Values match networkx's
(``normalized=True``, ``endpoints=False``, Wasserman–Faust closeness) — the tests check that — but a
million-edge graph takes seconds, not hours. Brokerage roles are in :mod:`graph.analysis.brokerage`
(also importable from here).

>>> G = nx.path_graph(["a", "b", "c"])
>>> betweenness(G)
{'a': 0.0, 'b': 1.0, 'c': 0.0}
>>> betweenness(G).sample_size is None  # exact
True
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from typing import Any, Literal

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph
from scipy.sparse.linalg import ArpackError, ArpackNoConvergence, eigsh

from graph.analysis.brokerage import BROKERAGE_ROLES, brokerage
from graph.analysis.sparse_paths import (
    DEFAULT_SAMPLE,
    EXACT_MAX_NODES,
    MIN_SAMPLE,
    SAMPLE_WORK,
    Matrix,
    PathCounts,
    rescale_betweenness,
    sampled_paths,
    sparse_matrix,
)
from graph.errors import UsageError

# Importable from here as before the split (brokerage and the sampling limits live beside this module).
__all__ = [
    "BROKERAGE_ROLES", "DEFAULT_SAMPLE", "EXACT_MAX_NODES", "MEASURES", "MIN_SAMPLE", "SAMPLE_WORK", "Centrality",
    "betweenness", "brokerage", "centralities", "centrality_rows", "centralization", "closeness", "degree",
    "eigenvector", "most_central", "pagerank",
]  # fmt: skip

MEASURES: tuple[str, ...] = (
    "in_degree", "out_degree", "degree", "betweenness", "closeness", "eigenvector", "pagerank"
)


class Centrality(dict[Hashable, float]):
    """Scores by node (a plain ``dict``) that also record the measure and, if sampled, the sample size."""

    def __init__(
        self,
        scores: Mapping[Hashable, float],
        *,
        measure: str,
        sample_size: int | None = None,
        note: str = "",
    ) -> None:
        super().__init__(scores)
        self.measure = measure
        self.sample_size = sample_size
        self.note = note


# --- degree -------------------------------------------------------------------------------------------
def degree(G: nx.Graph, *, direction: Literal["all", "in", "out"] = "all") -> Centrality:
    """Degree centrality: the share of the other nodes a node is tied to (``in``/``out`` for digraphs).

    A graph of one node scores 0 (networkx says 1), so a body running a programme alone does not look
    as central as one tied to everybody.

    >>> G = nx.DiGraph([("a", "b"), ("a", "c"), ("b", "c")])
    >>> degree(G, direction="out")
    {'a': 1.0, 'b': 0.5, 'c': 0.0}
    >>> degree(G, direction="in")
    {'a': 0.0, 'b': 0.5, 'c': 1.0}
    >>> degree(nx.Graph([("a", "a")]))  # alone (unlike networkx, which gives 1.0)
    {'a': 0.0}
    """
    if direction == "all":
        scores = nx.degree_centrality(G)
    elif not G.is_directed():
        raise UsageError(f"direction={direction!r} needs a directed graph; use direction='all'")
    elif direction == "in":
        scores = nx.in_degree_centrality(G)
    elif direction == "out":
        scores = nx.out_degree_centrality(G)
    else:
        raise UsageError(f"direction={direction!r} is unknown; use 'all', 'in' or 'out'")
    if len(G) <= 1:  # networkx says 1.0 here; an actor alone has no one to be tied to
        scores = dict.fromkeys(G, 0.0)
    name = "degree" if direction == "all" else f"{direction}_degree"
    return Centrality(scores, measure=name)


# --- betweenness --------------------------------------------------------------------------------------
def betweenness(
    G: nx.Graph,
    *,
    normalized: bool = True,
    exact_max_nodes: int = EXACT_MAX_NODES,
    k: int | None = None,
    seed: int | None = 0,
) -> Centrality:
    """Shortest-path betweenness (unweighted), exact up to ``exact_max_nodes`` nodes, else sampled.

    Above the threshold, or when ``k`` < number of nodes, paths are counted from ``k`` random sources
    (default :data:`DEFAULT_SAMPLE`) and scaled as networkx does; ``sample_size`` records ``k``.

    >>> G = nx.star_graph(3)  # centre 0, leaves 1-3: every leaf-to-leaf path runs through 0
    >>> betweenness(G)
    {0: 1.0, 1: 0.0, 2: 0.0, 3: 0.0}
    >>> betweenness(G, normalized=False)[0]  # 3 leaf pairs
    3.0
    >>> betweenness(G, k=2).sample_size
    2
    """
    mat = sparse_matrix(G)
    counts, sources, size = sampled_paths(mat, exact_max_nodes=exact_max_nodes, k=k, seed=seed)
    return _betweenness_scores(mat, counts, sources, size, normalized=normalized)


def _betweenness_scores(
    mat: Matrix,
    counts: PathCounts,
    sources: np.ndarray | None,
    size: int | None,
    *,
    normalized: bool = True,
) -> Centrality:
    n = mat.n
    values = rescale_betweenness(
        counts.dependency, n, directed=mat.directed, normalized=normalized, sources=sources
    )
    return Centrality(
        {node: float(v) for node, v in zip(mat.nodes, values, strict=True)},
        measure="betweenness",
        sample_size=size,
        note="" if size is None else f"sampled from {size} of {n} sources",
    )


# --- closeness ----------------------------------------------------------------------------------------
def closeness(
    G: nx.Graph, *, exact_max_nodes: int = EXACT_MAX_NODES, k: int | None = None, seed: int | None = 0
) -> Centrality:
    """Closeness (unweighted, Wasserman–Faust for disconnected graphs; incoming distances for digraphs).

    ``(r / (n - 1)) * (r / total distance from the r nodes that reach it)``, as networkx computes it.
    Above ``exact_max_nodes`` nodes, distances come from ``k`` random sources.

    >>> closeness(nx.path_graph(["a", "b", "c"]))  # b: 2 nodes at distance 1; a: distances 1 and 2
    {'a': 0.6666666666666666, 'b': 1.0, 'c': 0.6666666666666666}
    """
    mat = sparse_matrix(G)
    counts, sources, size = sampled_paths(
        mat, exact_max_nodes=exact_max_nodes, k=k, seed=seed, dependencies=False
    )
    return _closeness_scores(mat, counts, sources, size)


def _closeness_scores(
    mat: Matrix, counts: PathCounts, sources: np.ndarray | None, size: int | None
) -> Centrality:
    n = mat.n
    # Sources other than the node itself: n - 1 when exact (the Wasserman–Faust factor), else k or k - 1.
    considered = np.full(n, float(n if sources is None else len(sources)))
    if sources is None:
        considered -= 1
    else:
        considered[sources] -= 1
    reach, total = counts.reach, counts.distance
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.where(
            (total > 0) & (considered > 0), (reach / total) * (reach / np.maximum(considered, 1)), 0.0
        )
    return Centrality(
        {node: float(v) for node, v in zip(mat.nodes, values, strict=True)},
        measure="closeness",
        sample_size=size,
        note="" if size is None else f"distances from {size} of {n} sources",
    )


# --- eigenvector --------------------------------------------------------------------------------------
def eigenvector(
    G: nx.Graph, *, weight: str | None = None, max_iter: int = 1000, tol: float = 1e-8
) -> Centrality:
    """Eigenvector centrality per connected component, direction ignored.

    Each component's leading eigenvector (unit length) is scaled by the component's share of the
    nodes, so isolated nodes score 0 and a disconnected graph gets a value for every node instead of
    one arbitrary component winning. Direction is ignored because institutional graphs are mostly
    acyclic, where the directed eigenvector is zero everywhere. ARPACK first; power iteration on
    ``A + I`` (``max_iter``) if it fails to converge.

    >>> G = nx.path_graph(["a", "b", "c"])  # eigenvalue sqrt(2), eigenvector (1, sqrt(2), 1) / 2
    >>> {n: round(v, 4) for n, v in eigenvector(G).items()}
    {'a': 0.5, 'b': 0.7071, 'c': 0.5}
    """
    return _eigenvector(sparse_matrix(G, weight=weight, directed=False), max_iter=max_iter, tol=tol)


def _leading(A: sp.csr_array, max_iter: int, tol: float) -> tuple[np.ndarray, str]:
    size = A.shape[0]
    if size <= 200:
        _, vecs = np.linalg.eigh(A.toarray())
        return np.abs(vecs[:, -1]), ""
    try:
        _, vecs = eigsh(A.astype(float), k=1, which="LA", maxiter=max_iter * 10, tol=tol)
        return np.abs(vecs[:, 0]), ""
    except (ArpackNoConvergence, ArpackError):
        x = np.full(size, 1 / math.sqrt(size))
        for _ in range(max_iter):
            nxt = A @ x + x
            nxt /= np.linalg.norm(nxt)
            if np.abs(nxt - x).sum() < size * tol:
                return nxt, "power iteration"
            x = nxt
        return x, f"power iteration stopped after {max_iter} steps without converging"


def _eigenvector(mat: Matrix, *, max_iter: int = 1000, tol: float = 1e-8) -> Centrality:
    n = mat.n
    values = np.zeros(n)
    notes = set()
    if n:
        count, labels = csgraph.connected_components(mat.weighted, directed=False)
        order = np.argsort(labels, kind="stable")
        bounds = np.searchsorted(labels[order], np.arange(count + 1))
        for c in range(count):
            members = order[bounds[c] : bounds[c + 1]]
            if len(members) < 2:
                continue
            vec, note = _leading(mat.weighted[members][:, members], max_iter, tol)
            values[members] = vec / np.linalg.norm(vec) * (len(members) / n)
            if note:
                notes.add(note)
    return Centrality(
        {node: float(v) for node, v in zip(mat.nodes, values, strict=True)},
        measure="eigenvector",
        note="; ".join(sorted(notes)),
    )


# --- PageRank -----------------------------------------------------------------------------------------
def pagerank(
    G: nx.Graph, *, alpha: float = 0.85, weight: str | None = None, max_iter: int = 100, tol: float = 1e-6
) -> Centrality:
    """PageRank with uniform teleport and dangling nodes spread evenly, as ``networkx.pagerank``.

    >>> G = nx.DiGraph([("a", "c"), ("b", "c")])  # c collects both; a, b only the teleport share
    >>> {n: round(v, 3) for n, v in pagerank(G).items()}
    {'a': 0.213, 'c': 0.574, 'b': 0.213}
    """
    return _pagerank(sparse_matrix(G, weight=weight), alpha=alpha, max_iter=max_iter, tol=tol)


def _pagerank(mat: Matrix, *, alpha: float = 0.85, max_iter: int = 100, tol: float = 1e-6) -> Centrality:
    n = mat.n
    if n == 0:
        return Centrality({}, measure="pagerank")
    A = mat.weighted
    out = np.asarray(A.sum(axis=1)).ravel()
    dangling = out == 0
    inv = np.where(dangling, 0.0, 1.0 / np.where(dangling, 1.0, out))
    P = sp.csr_array(sp.diags_array(inv) @ A)
    x = np.full(n, 1.0 / n)
    note = f"stopped after {max_iter} iterations without converging"
    for _ in range(max_iter):
        last = x
        x = alpha * (x @ P + x[dangling].sum() / n) + (1 - alpha) / n
        if np.abs(x - last).sum() < n * tol:
            note = ""
            break
    return Centrality(
        {node: float(v) for node, v in zip(mat.nodes, x, strict=True)}, measure="pagerank", note=note
    )


# --- all measures at once -----------------------------------------------------------------------------
def centralities(
    G: nx.Graph,
    *,
    weight: str | None = None,
    ignore_direction: bool = True,
    exact_max_nodes: int = EXACT_MAX_NODES,
    k: int | None = None,
    seed: int | None = 0,
) -> dict[str, Centrality]:
    """Every measure on ``G``, converting it to a sparse matrix once.

    Degree is ``in_degree`` and ``out_degree`` for a directed graph, ``degree`` otherwise. With
    ``ignore_direction`` (the default) betweenness, closeness and PageRank read a directed graph both
    ways — "A leads X" is a tie, not a one-way street; eigenvector always does. ``weight`` is used by
    eigenvector and PageRank only (path measures are unweighted).

    >>> G = nx.DiGraph([("m", "p"), ("m", "q"), ("a", "p")])
    >>> scores = centralities(G)
    >>> sorted(scores)
    ['betweenness', 'closeness', 'eigenvector', 'in_degree', 'out_degree', 'pagerank']
    >>> max(scores["betweenness"], key=scores["betweenness"].get)  # m-p lies on every path
    'm'
    """
    result: dict[str, Centrality] = {}
    if G.is_directed():
        result["in_degree"] = degree(G, direction="in")
        result["out_degree"] = degree(G, direction="out")
    else:
        result["degree"] = degree(G)
    paths = sparse_matrix(G, directed=False if ignore_direction else None)
    counts, sources, size = sampled_paths(paths, exact_max_nodes=exact_max_nodes, k=k, seed=seed)
    result["betweenness"] = _betweenness_scores(paths, counts, sources, size)
    result["closeness"] = _closeness_scores(paths, counts, sources, size)
    if weight is None:
        undirected = paths if not paths.directed else sparse_matrix(G, directed=False)
    else:
        undirected = sparse_matrix(G, weight=weight, directed=False)
    result["eigenvector"] = _eigenvector(undirected)
    ranked = undirected if ignore_direction else sparse_matrix(G, weight=weight)
    result["pagerank"] = _pagerank(ranked)
    return result


def centrality_rows(G: nx.Graph, scores: Mapping[str, Mapping[Hashable, float]]) -> list[dict[str, Any]]:
    """One row per node: ``id``, ``name``, ``type`` and one key per measure, most central (PageRank) first.

    >>> G = nx.Graph([("a", "b")])
    >>> G.nodes["a"].update(name="A", type="Ministry")
    >>> centrality_rows(G, {"degree": {"a": 1.0, "b": 1.0}})[0]
    {'id': 'a', 'name': 'A', 'type': 'Ministry', 'degree': 1.0}
    """
    order = scores.get("pagerank") or next(iter(scores.values()), {})
    rows = []
    for node in sorted(G, key=lambda n: (-order.get(n, 0.0), str(n))):
        data = G.nodes[node]
        row: dict[str, Any] = {"id": node, "name": data.get("name", str(node)), "type": data.get("type")}
        for measure, values in scores.items():
            row[measure] = values.get(node, 0.0)
        rows.append(row)
    return rows


def most_central(
    scores: Mapping[Hashable, float], among: Iterable[Hashable] | None = None
) -> Hashable | None:
    """The node with the highest score (ties broken by the node's text), or None if all are zero.

    >>> most_central({"a": 0.2, "b": 0.5, "c": 0.5})
    'b'
    """
    pool = list(scores if among is None else (n for n in among if n in scores))
    best = max(pool, key=lambda n: (scores[n], [-ord(ch) for ch in str(n)]), default=None)
    return best if best is not None and scores[best] > 0 else None


# --- centralisation -----------------------------------------------------------------------------------
def centralization(G: nx.Graph, *, measure: Literal["degree", "betweenness"] = "degree") -> float:
    """Freeman's group centralisation: how far the graph is from a star (1) towards equality (0).

    ``sum(max - c_i)`` over nodes, divided by the largest value that sum can take on ``n`` nodes (a
    star's): ``n - 2`` for normalised degree, ``n - 1`` for normalised betweenness. Direction is
    ignored; graphs with fewer than three nodes score 0.

    >>> centralization(nx.star_graph(3)), centralization(nx.cycle_graph(4))
    (1.0, 0.0)
    >>> centralization(nx.path_graph(4))  # degrees 1,2,2,1 -> (1/3 + 1/3) / 2
    0.3333333333333333
    >>> centralization(nx.path_graph(4), measure="betweenness")  # 0, 2/3, 2/3, 0 -> (4/3) / 3
    0.4444444444444444
    """
    U = nx.Graph(G.to_undirected(as_view=True)) if G.is_directed() or G.is_multigraph() else G
    U = nx.Graph(U)
    U.remove_edges_from(nx.selfloop_edges(U))
    n = U.number_of_nodes()
    if n < 3:
        return 0.0
    if measure == "degree":
        values, bound = list(nx.degree_centrality(U).values()), n - 2
    elif measure == "betweenness":
        values, bound = list(betweenness(U).values()), n - 1
    else:
        raise UsageError(f"measure={measure!r} is unknown; use 'degree' or 'betweenness'")
    top = max(values)
    return float(sum(top - v for v in values) / bound)

"""Centrality, brokerage and centralisation on plain networkx graphs.

Every public function takes a graph ``G`` (``Graph``/``DiGraph``, multigraphs too) and keyword
arguments naming what it reads, and returns a plain mapping ``node -> value`` (a :class:`Centrality`,
which is a ``dict`` that also says how it was computed) or a number. Use them on any projection from
:mod:`graph.analysis.projections`.

Path measures (betweenness, closeness) are unweighted and run on a scipy sparse matrix: exact up to
``exact_max_nodes`` nodes, sampled above it from ``k`` random sources (the sample size is kept in
``Centrality.sample_size``). Values match networkx's (``normalized=True``, ``endpoints=False``,
Wasserman–Faust closeness) — the tests check that — but a million-edge graph takes seconds, not hours.

>>> G = nx.path_graph(["a", "b", "c"])
>>> betweenness(G)
{'a': 0.0, 'b': 1.0, 'c': 0.0}
>>> betweenness(G).sample_size is None  # exact
True
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from itertools import chain
from typing import Any, Literal

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph
from scipy.sparse.linalg import ArpackError, ArpackNoConvergence, eigsh

from graph.errors import UsageError

# Betweenness and closeness are exact up to this many nodes and sampled above it.
EXACT_MAX_NODES = 2000
# Sources sampled above the threshold. On the 5 000-node Barabási–Albert benchmark graph, sampled
# betweenness ranks nodes with a Spearman correlation of 0.925 against the exact values at k = 500,
# 0.946 at 1 000 and 0.962 at 1 500 (two seeds agree to 0.001): benchmarks/centrality.py ...
DEFAULT_SAMPLE = 1500
# ... but fewer on very large graphs, so that the sampled work (sources x stored edges) stays near
# this budget: 50 sources on a million-edge undirected graph (2 M stored edges), seconds not minutes.
SAMPLE_WORK = 100_000_000
MIN_SAMPLE = 50

BROKERAGE_ROLES: tuple[str, ...] = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
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


# --- the sparse matrix every measure runs on ----------------------------------------------------------
@dataclass(frozen=True)
class _Matrix:
    nodes: list[Hashable]
    weighted: sp.csr_array  # A[i, j] = summed weight of edges i -> j (both ways when undirected)
    binary: sp.csr_array  # structure only, for path measures
    directed: bool

    @property
    def n(self) -> int:
        return len(self.nodes)


def _matrix(G: nx.Graph, *, weight: str | None = None, directed: bool | None = None) -> _Matrix:
    """``G`` as CSR matrices read from its adjacency; ``directed=False`` reads a digraph both ways."""
    directed = G.is_directed() if directed is None else directed
    nodes = list(G)
    n = len(nodes)
    index = {node: i for i, node in enumerate(nodes)}
    adj = G.adj  # successors for a digraph; both ways (already symmetric) for a graph
    lengths = np.fromiter((len(nbrs) for nbrs in adj.values()), dtype=np.int64, count=n)
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    neighbours = chain.from_iterable(adj.values())  # C-speed iteration: a million edges in about a second
    indices = np.fromiter(map(index.__getitem__, neighbours), dtype=np.int64, count=indptr[-1])
    if G.is_multigraph():
        values = (
            (len(keys) if weight is None else sum(float(d.get(weight, 1)) for d in keys.values()))
            for nbrs in adj.values()
            for keys in nbrs.values()
        )
        data = np.fromiter(values, dtype=float, count=indptr[-1])
    elif weight is None:
        data = np.ones(indptr[-1])
    else:
        values = (float(d.get(weight, 1)) for nbrs in adj.values() for d in nbrs.values())
        data = np.fromiter(values, dtype=float, count=indptr[-1])
    weighted = sp.csr_array((data, indices, indptr), shape=(n, n))
    if G.is_directed() and not directed:
        weighted = sp.csr_array(weighted + weighted.T)
    weighted.sum_duplicates()
    weighted.sort_indices()
    binary = weighted.copy()
    binary.data = np.ones_like(binary.data)
    return _Matrix(nodes, weighted, binary, directed)


def _sources(n: int, k: int, seed: int | None) -> np.ndarray:
    return np.sort(np.random.default_rng(seed).choice(n, size=min(k, n), replace=False))


def _sample_size(n: int, k: int | None, exact_max_nodes: int, stored_edges: int = 0) -> int | None:
    """None for an exact computation, else the number of sources to sample."""
    if k is not None:
        if k < 1:
            raise UsageError(f"sample size {k} (--sample, k=) must be at least 1")
        return None if k >= n else k
    if n <= exact_max_nodes:
        return None
    size = max(MIN_SAMPLE, min(DEFAULT_SAMPLE, SAMPLE_WORK // max(stored_edges, 1)))
    return None if size >= n else size


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
@dataclass
class _PathCounts:
    """What one breadth-first search per source yields: dependencies and reaching distances."""

    dependency: np.ndarray  # Brandes' summed pair dependencies per node (raw betweenness)
    reach: np.ndarray  # sources (other than the node itself) that reach the node
    distance: np.ndarray  # their summed distances to the node


def _paths(mat: _Matrix, sources: Iterable[int], *, dependencies: bool = True) -> _PathCounts:
    """Brandes' algorithm, one BFS level at a time with numpy, from each source."""
    A = mat.binary
    n = mat.n
    counts = _PathCounts(np.zeros(n), np.zeros(n), np.zeros(n))
    for s in sources:
        dist = np.full(n, -1, dtype=np.int64)
        sigma = np.zeros(n)
        dist[s], sigma[s] = 0, 1.0
        levels = [np.array([s])]
        while True:
            front = levels[-1]
            sub = A[front]
            nbrs = sub.indices
            new = dist[nbrs] == -1
            if not new.any():
                break
            paths = np.repeat(sigma[front], np.diff(sub.indptr))
            reach = np.bincount(nbrs[new], weights=paths[new], minlength=n)
            nxt = np.flatnonzero(reach)
            dist[nxt] = len(levels)
            sigma[nxt] = reach[nxt]
            levels.append(nxt)
        reached = dist > 0
        counts.reach += reached
        counts.distance += np.where(reached, dist, 0)
        if not dependencies:
            continue
        delta = np.zeros(n)
        for depth in range(len(levels) - 2, -1, -1):
            front = levels[depth]
            sub = A[front]
            nbrs = sub.indices
            owner = np.repeat(np.arange(len(front)), np.diff(sub.indptr))
            below = dist[nbrs] == depth + 1
            coef = (1.0 + delta[nbrs[below]]) / sigma[nbrs[below]]
            delta[front] = sigma[front] * np.bincount(owner[below], weights=coef, minlength=len(front))
        delta[s] = 0.0
        counts.dependency += delta
    return counts


def _rescale_betweenness(
    raw: np.ndarray, n: int, *, directed: bool, normalized: bool, sources: np.ndarray | None
) -> np.ndarray:
    """networkx's scaling (``endpoints=False``), including its correction for sampled sources."""
    N = n - 1
    if N < 2:
        return raw
    correction = 1 if directed else 2
    if sources is None:
        return raw * (1 / (N * (N - 1)) if normalized else 1 / correction)
    k = len(sources)
    if normalized:
        scale_source = 1 / ((k - 1) * (N - 1)) if k > 1 else math.nan
        scale_other = 1 / (k * (N - 1))
    else:
        scale_source = N / ((k - 1) * correction) if k > 1 else math.nan
        scale_other = N / (k * correction)
    scale = np.full(n, scale_other)
    scale[sources] = scale_source
    return raw * scale


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
    mat = _matrix(G)
    counts, sources, size = _sampled_paths(mat, exact_max_nodes=exact_max_nodes, k=k, seed=seed)
    return _betweenness_scores(mat, counts, sources, size, normalized=normalized)


def _sampled_paths(
    mat: _Matrix, *, exact_max_nodes: int, k: int | None, seed: int | None, dependencies: bool = True
) -> tuple[_PathCounts, np.ndarray | None, int | None]:
    """Path counts from every node (exact) or from a sample of sources; also the sources and sample size."""
    size = _sample_size(mat.n, k, exact_max_nodes, mat.binary.nnz)
    sources = None if size is None else _sources(mat.n, size, seed)
    counts = _paths(mat, range(mat.n) if sources is None else sources, dependencies=dependencies)
    return counts, sources, size


def _betweenness_scores(
    mat: _Matrix,
    counts: _PathCounts,
    sources: np.ndarray | None,
    size: int | None,
    *,
    normalized: bool = True,
) -> Centrality:
    n = mat.n
    values = _rescale_betweenness(
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
    mat = _matrix(G)
    counts, sources, size = _sampled_paths(
        mat, exact_max_nodes=exact_max_nodes, k=k, seed=seed, dependencies=False
    )
    return _closeness_scores(mat, counts, sources, size)


def _closeness_scores(
    mat: _Matrix, counts: _PathCounts, sources: np.ndarray | None, size: int | None
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
    return _eigenvector(_matrix(G, weight=weight, directed=False), max_iter=max_iter, tol=tol)


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


def _eigenvector(mat: _Matrix, *, max_iter: int = 1000, tol: float = 1e-8) -> Centrality:
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
    return _pagerank(_matrix(G, weight=weight), alpha=alpha, max_iter=max_iter, tol=tol)


def _pagerank(mat: _Matrix, *, alpha: float = 0.85, max_iter: int = 100, tol: float = 1e-6) -> Centrality:
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
    paths = _matrix(G, directed=False if ignore_direction else None)
    counts, sources, size = _sampled_paths(paths, exact_max_nodes=exact_max_nodes, k=k, seed=seed)
    result["betweenness"] = _betweenness_scores(paths, counts, sources, size)
    result["closeness"] = _closeness_scores(paths, counts, sources, size)
    if weight is None:
        undirected = paths if not paths.directed else _matrix(G, directed=False)
    else:
        undirected = _matrix(G, weight=weight, directed=False)
    result["eigenvector"] = _eigenvector(undirected)
    ranked = undirected if ignore_direction else _matrix(G, weight=weight)
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


# --- brokerage ----------------------------------------------------------------------------------------
def brokerage(
    G: nx.Graph, partition: Mapping[Hashable, Hashable] | None = None, *, group: str = "type"
) -> dict[Hashable, dict[str, int]]:
    """Gould–Fernandez brokerage roles: for each node ``b``, its open two-paths ``a -> b -> c`` by group.

    A two-path counts when ``a != c`` and there is no direct tie ``a -> c`` (then ``b`` brokers). With
    ``g`` the group of a node (``partition[node]``, else the node attribute ``group``):

    - coordinator:    g(a) = g(b) = g(c)          (brokers inside its own group)
    - itinerant:      g(a) = g(c) != g(b)         (an outsider consulting for one group; "consultant")
    - representative: g(a) = g(b) != g(c)         (speaks for its group to another)
    - gatekeeper:     g(a) != g(b) = g(c)         (lets others into its group)
    - liaison:        g(a), g(b), g(c) all differ

    An undirected graph is read both ways, so ``a - b - c`` counts as ``a -> b -> c`` and ``c -> b -> a``
    (a representative one way is a gatekeeper the other). Gould, R. V. & Fernandez, R. M. (1989),
    "Structures of mediation", *Sociological Methodology* 19.

    >>> G = nx.DiGraph([("x1", "b"), ("b", "x2"), ("b", "y1")])
    >>> roles = brokerage(G, {"x1": "X", "x2": "X", "b": "X", "y1": "Y"})
    >>> roles["b"]  # x1 -> b -> x2 inside X; x1 -> b -> y1 carries X's word to Y
    {'coordinator': 1, 'itinerant': 0, 'representative': 1, 'gatekeeper': 0, 'liaison': 0}
    """

    def group_of(node: Hashable) -> Hashable:
        if partition is not None:
            return partition[node]
        return G.nodes[node].get(group)

    D = G if G.is_directed() else G.to_directed()
    result: dict[Hashable, dict[str, int]] = {}
    for b in D:
        counts = dict.fromkeys(BROKERAGE_ROLES, 0)
        gb = group_of(b)
        for a in D.predecessors(b):
            if a == b:
                continue
            ga = group_of(a)
            for c in D.successors(b):
                if c in (a, b) or D.has_edge(a, c):
                    continue
                gc = group_of(c)
                if ga == gb == gc:
                    counts["coordinator"] += 1
                elif ga == gc:
                    counts["itinerant"] += 1
                elif ga == gb:
                    counts["representative"] += 1
                elif gb == gc:
                    counts["gatekeeper"] += 1
                else:
                    counts["liaison"] += 1
        result[b] = counts
    return result


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

"""Node positions computed in Python, for graphs too large for the browser's physics.

vis-network's physics (and its ``improvedLayout``) make a page with thousands of nodes crawl before the
first frame; with positions given and physics off the page paints at once. networkx's layouts are too
slow here (``spring_layout`` and ``kamada_kawai_layout`` are quadratic per iteration: measured 40 s and
more at 5 000 nodes), so :func:`sparse_spring_layout` runs Fruchterman-Reingold with repulsion only
between nodes closer than a cut-off radius, found with a k-d tree: about O(n log n) per iteration.

>>> pos = sparse_spring_layout(["a", "b", "c"], [("a", "b"), ("b", "c")], seed=1)
>>> sorted(pos)
['a', 'b', 'c']
>>> all(len(xy) == 2 for xy in pos.values())
True
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np

# Above this many nodes a view gets Python-computed positions and the browser's physics is off.
LARGE_GRAPH = 500


def sparse_spring_layout(
    nodes: Sequence[Hashable],
    edges: Sequence[tuple[Hashable, Hashable]],
    *,
    iterations: int = 60,
    seed: int = 7,
    scale: float | None = None,
) -> dict[Hashable, tuple[float, float]]:
    """Force-directed positions in pixels: springs along edges, short-range repulsion between nodes.

    Parameters
    ----------
    nodes, edges
        The graph; edges name nodes that are in ``nodes`` (others are ignored).
    iterations
        Force steps; the step size cools linearly to zero.
    seed
        Seed of the initial random placement, so a view is the same on every build.
    scale
        Ideal edge length in pixels (default 60).

    Returns
    -------
    dict
        node -> (x, y). Nodes without edges sit on a grid below the rest: left among the others, the
        repulsion pushes them to a far ring that the view's fit then has to include.
    """
    linked = {u for u, v in edges if u != v} | {v for u, v in edges if u != v}
    loose = [node for node in nodes if node not in linked]
    if loose and len(loose) < len(nodes):
        placed = sparse_spring_layout(
            [node for node in nodes if node in linked], edges, iterations=iterations, seed=seed, scale=scale
        )
        return {**placed, **_grid_below(loose, placed, 60.0 if scale is None else scale)}
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    k = 1.0  # ideal distance in layout units; pixels are applied at the end
    index = {node: i for i, node in enumerate(nodes)}
    pairs = np.array(
        [(index[u], index[v]) for u, v in edges if u in index and v in index and u != v], dtype=np.int64
    ).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    side = np.sqrt(n) * k
    pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    temperature = side / 10
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        disp = _displacement(pos, pairs, k)
        length = np.maximum(np.sqrt((disp**2).sum(axis=1)), 1e-9)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    pos -= pos.mean(axis=0)
    px = 60.0 if scale is None else scale
    return {node: (float(x * px), float(y * px)) for node, (x, y) in zip(nodes, pos, strict=True)}


def _displacement(pos: np.ndarray, pairs: np.ndarray, k: float) -> np.ndarray:
    """One step's forces on each node: repulsion from near nodes and far mass, springs along ``pairs``."""
    # Imported here: scipy.spatial takes most of a second to import, and only large views get here.
    from scipy.spatial import cKDTree

    n = len(pos)
    disp = np.zeros_like(pos)
    close = cKDTree(pos).query_pairs(2.5 * k, output_type="ndarray")
    if len(close):
        delta = pos[close[:, 0]] - pos[close[:, 1]]
        dist2 = np.maximum((delta**2).sum(axis=1), 1e-4)
        push = delta * (k * k / dist2)[:, None]
        disp += _scatter(close[:, 0], push, n) - _scatter(close[:, 1], push, n)
    if len(pairs):
        delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
        dist = np.maximum(np.sqrt((delta**2).sum(axis=1)), 1e-4)
        pull = delta * (dist / k)[:, None]
        disp += _scatter(pairs[:, 1], pull, n) - _scatter(pairs[:, 0], pull, n)
    disp += _far_repulsion(pos, k)
    # A weak pull to the centre keeps separate components from drifting apart.
    disp -= pos * 0.01
    return disp


def _grid_below(
    loose: Sequence[Hashable], placed: dict[Hashable, tuple[float, float]], step: float
) -> dict[Hashable, tuple[float, float]]:
    """``loose`` nodes on a grid as wide as ``placed``'s drawing, starting just below it."""
    xs = [x for x, _ in placed.values()]
    ys = [y for _, y in placed.values()]
    left, width, top = min(xs), max(max(xs) - min(xs), step), max(ys) + 2 * step
    per_row = max(1, int(width // step) + 1)
    return {node: (left + (i % per_row) * step, top + (i // per_row) * step) for i, node in enumerate(loose)}


def _far_repulsion(pos: np.ndarray, k: float, cells: int = 12) -> np.ndarray:
    """Repulsion from distant mass, approximated by the centroids of a coarse grid (Barnes-Hut's idea).

    Without it, cutting repulsion off at a short radius lets the springs crush the whole graph together.
    """
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    cell = np.minimum(((pos - lo) / np.maximum(hi - lo, 1e-9) * cells).astype(np.int64), cells - 1)
    flat = cell[:, 0] * cells + cell[:, 1]
    mass = np.bincount(flat, minlength=cells * cells).astype(float)
    filled = mass > 0
    centre = (
        np.stack((np.bincount(flat, pos[:, 0], cells * cells), np.bincount(flat, pos[:, 1], cells * cells)), axis=1)[
            filled
        ]
        / mass[filled, None]
    )
    dx = pos[:, 0, None] - centre[None, :, 0]
    dy = pos[:, 1, None] - centre[None, :, 1]
    # Near cells are the exact pass's job: floor the distance at its cut-off.
    weight = (mass[filled] * k * k) / np.maximum(dx * dx + dy * dy, (k * 2.5) ** 2)
    total = weight.sum(axis=1)
    return np.stack((pos[:, 0] * total - weight @ centre[:, 0], pos[:, 1] * total - weight @ centre[:, 1]), axis=1)


def _scatter(index: np.ndarray, vectors: np.ndarray, n: int) -> np.ndarray:
    """Sum 2-d ``vectors`` into ``n`` rows by ``index`` (``np.add.at`` is ten times slower)."""
    return np.stack(
        (np.bincount(index, vectors[:, 0], minlength=n), np.bincount(index, vectors[:, 1], minlength=n)),
        axis=1,
    )

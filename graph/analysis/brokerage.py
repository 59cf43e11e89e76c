"""Brokerage: who stands between whom, by group (Gould and Fernandez's five roles).

Takes a networkx graph and a grouping of its nodes (a mapping, or a node attribute such as ``type``)
and counts, for each node, the open two-paths it brokers by role. :mod:`viz.report` tabulates them.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

import networkx as nx

BROKERAGE_ROLES: tuple[str, ...] = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


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

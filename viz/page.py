"""A built view (:class:`View`) and the steps every view shares: which node types to keep, where a large
view's nodes go, and turning a model's nodes and relationships into a view (:func:`model_view`).

A new view builds its items (:mod:`viz.items`), its options and legend (:mod:`viz.style`) and hands them to
:class:`View`, whose ``html()`` calls :func:`viz.offline.render_page`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import UsageError
from graph.model.institutional_graph import InstitutionalGraph
from graph.model.schema import Schema
from viz.items import ViewNetwork, add_model_edges, add_nodes, document_names
from viz.layout import LARGE_GRAPH, sparse_spring_layout
from viz.offline import iframe, render_page
from viz.style import legend_html, model_rel_rows, view_options


@dataclass
class View:
    """A built view: the pyvis network plus what its page needs. ``html()`` renders, ``write()`` saves.

    In Jupyter a ``View`` displays itself inline (a sandboxed iframe holding the page).
    """

    name: str
    title: str
    subtitle: str
    network: ViewNetwork
    options: dict[str, Any]
    legend_html: str
    controls_html: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    def html(self) -> str:
        return render_page(
            title=self.title,
            subtitle=self.subtitle,
            nodes=self.network.nodes,
            edges=self.network.edges,
            options=self.options,
            legend_html=self.legend_html,
            controls_html=self.controls_html,
            lazy_labels=bool(self.meta.get("large")),
            file_stem=self.name,
        )

    def write(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.html(), encoding="utf-8")
        return path

    def _repr_html_(self) -> str:
        return iframe(self.html())


def counted(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def expand_types(schema: Schema, types: Iterable[str] | None) -> set[str] | None:
    """Node types named directly or through a group (``Actor``); None means all; unknown names fail."""
    if types is None:
        return None
    wanted: set[str] = set()
    for t in types:
        t = t.strip()
        if not t:
            continue
        if t in schema.groups:
            wanted |= schema.members(t)
        elif t in schema.node_types:
            wanted.add(t)
        else:
            allowed = ", ".join([*sorted(schema.groups), *sorted(schema.node_types)])
            raise UsageError(f"--types: unknown type {t!r}; allowed: {allowed}")
    return wanted


def place(net: ViewNetwork) -> bool:
    """Prepare a large view for a quick first paint; returns whether the view is large.

    Large views get Python-computed positions (the page turns physics off) and lose their edge labels:
    measuring and drawing ten thousand labels was much of the first paint's cost. The relationship type
    stays in each edge's colour, the legend, the tooltip's first line and the page's ``rel`` field.
    """
    if len(net.nodes) <= LARGE_GRAPH:
        return False
    pos = sparse_spring_layout([n["id"] for n in net.nodes], [(e["from"], e["to"]) for e in net.edges])
    for item in net.nodes:
        item["x"], item["y"] = pos[item["id"]]
    for edge in net.edges:
        edge.pop("label", None)
    return True


def model_view(
    name: str,
    graph: InstitutionalGraph,
    keep: list[str],
    sizes: Mapping[str, float],
    *,
    title: str,
    documents: Mapping[str, str] | None = None,
    focus: str | None = None,
    outer: frozenset[str] = frozenset(),
    controls_html: str = "",
    years: bool = False,
) -> View:
    """The nodes ``keep`` of ``graph`` and every relationship between them, styled from the schema.

    ``outer`` nodes are in the page but held back until the user expands a neighbour; with ``years`` the
    items carry what a year slider (in ``controls_html``) needs.
    """
    net = ViewNetwork()
    documents = document_names(graph) if documents is None else documents
    counts = add_nodes(net, graph, keep, sizes, documents=documents, focus=focus, outer=outer, years=years)
    rel_counts = add_model_edges(net, graph, set(keep), documents, years=years)
    large = place(net)
    return View(
        name=name,
        title=title,
        subtitle="",
        network=net,
        options=view_options(large, graph.schema, {item["group"] for item in net.nodes}),
        legend_html=legend_html(graph.schema, counts, model_rel_rows(graph.schema, rel_counts)),
        controls_html=controls_html,
        meta={"large": large},
    )

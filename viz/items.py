"""The items a view page draws: nodes and edges as vis-network dicts carrying their tooltip lines, cited lines
(with each document's title and file name), the as-of fields and what the page's filters read.

>>> years_text(2005, 2008), years_text(2017, None), years_text(None, 2016), years_text(None, None)
('2005–2008', 'from 2017', 'until 2016', 'years unknown')
>>> cited({"document": "document:ab", "lines": [3, 4], "text": "a  line"}, {"document:ab": "Plan (plan.txt)"})
['Plan (plan.txt), lines 3–4', '“a line”']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
from pyvis.network import Network

from graph.model.holds import KNOWN_YEARS, NOT_AFTER, NOT_BEFORE
from graph.model.institutional_graph import InstitutionalGraph
from graph.model.schema import Schema
from viz.offline import DEFAULT_METHOD
from viz.style import NO_ARROW, colour, group_style
from viz.time_slider import time_lines

DOCUMENT_TYPE = "Document"


class ViewNetwork(Network):  # type: ignore[misc]
    """A pyvis ``Network`` whose ``add_node``/``add_edge`` look ids up in a set.

    pyvis scans its node list on every call, which is quadratic: several seconds at 5 000 nodes.
    """

    def __init__(self) -> None:
        super().__init__(directed=True, cdn_resources="local", notebook=False)
        self._ids: set[Any] = set()

    def add_node(self, n_id: Any, label: Any = None, **options: Any) -> None:
        """Add a node (once); ``options`` are vis-network node options (``group``, ``value``, ...)."""
        if n_id in self._ids:
            return
        item = {**options, "id": n_id, "label": label if label is not None else str(n_id)}
        self._ids.add(n_id)
        self.nodes.append(item)
        self.node_ids.append(n_id)
        self.node_map[n_id] = item

    def add_edge(self, source: Any, to: Any, **options: Any) -> None:
        for end in (source, to):
            if end not in self._ids:
                raise ValueError(f"edge {source} -> {to}: no node {end!r} in the view")
        self.edges.append({**options, "from": source, "to": to})


def years_text(start: int | None, end: int | None) -> str:
    """How a span reads in a tooltip."""
    if start is None and end is None:
        return "years unknown"
    if end is None:
        return f"from {start}"
    if start is None:
        return f"until {end}"
    return str(start) if start == end else f"{start}–{end}"


def time_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """What the page's as-of rule reads (graph.model.holds), only where present: every field costs a parse."""
    out: dict[str, Any] = {}
    if data.get(KNOWN_YEARS):
        out[KNOWN_YEARS] = list(data[KNOWN_YEARS])
    for key in (NOT_BEFORE, NOT_AFTER):
        if data.get(key) is not None:
            out[key] = data[key]
    return out


def name_of(g: nx.MultiDiGraph, node: str) -> str:
    return str(g.nodes[node].get("name") or node) if node in g else node


def document_names(graph: InstitutionalGraph) -> dict[str, str]:
    """Document id -> 'title (file name)', for citing lines by what a reader recognises."""
    names = {}
    for node, data in graph.graph.nodes(data=True):
        if data.get("type") != DOCUMENT_TYPE:
            continue
        title = str(data.get("title") or data.get("name") or node)
        file_name = data.get("file_name")
        names[node] = f"{title} ({file_name})" if file_name else title
    return names


def cited(ev: Mapping[str, Any], documents: Mapping[str, str]) -> list[str]:
    """One citation as ``[where, quote]``: the document's title and file, the line span; the quoted line."""
    first, last = ev.get("lines") or (None, None)
    span = f"line {first}" if first == last else f"lines {first}–{last}"
    doc = str(ev.get("document"))
    quote = f"\u201c{' '.join(str(ev['text']).split())}\u201d" if ev.get("text") else ""
    return [f"{documents.get(doc, doc)}, {span}", quote]


def citations(evidence: Iterable[Mapping[str, Any]], documents: Mapping[str, str]) -> list[str]:
    return [line for ev in evidence for line in cited(ev, documents)]


def node_tip(node: str, data: Mapping[str, Any]) -> list[str]:
    lines = [
        str(data.get("name") or node),
        f"{data['type']} · {years_text(data.get('start'), data.get('end'))}",
    ]
    aliases = [str(a) for a in data.get("aliases") or ()]
    if aliases:
        lines.append("Also: " + "; ".join(aliases))
    if data.get("country"):
        lines.append(f"Country: {data['country']}")
    if data.get("description"):
        lines.append(str(data["description"]))
    for key, value in sorted((data.get("figures") or {}).items()):
        lines.append(f"{key}: {value}")
    if data.get("folded"):
        lines.append("Includes: " + "; ".join(str(f) for f in data["folded"]))
    lines += time_lines(data)
    return lines  # the page adds the id


def edge_tip(g: nx.MultiDiGraph, data: Mapping[str, Any]) -> list[str]:
    """The tooltip's own lines. The page puts the type and the two ends' names above them and the method,
    confidence and cited lines below (from the item's fields): ten thousand edges repeat those otherwise."""
    lines = [years_text(data.get("start"), data.get("end"))]
    if data.get("context"):
        lines.append(f"Through: {name_of(g, data['context'])}")
    lines += time_lines(data)
    if data.get("note"):
        lines.append(f"Note: {data['note']}")
    return lines


def add_nodes(
    net: ViewNetwork,
    graph: InstitutionalGraph,
    nodes: Iterable[str],
    sizes: Mapping[str, float],
    *,
    documents: Mapping[str, str],
    focus: str | None = None,
    outer: frozenset[str] = frozenset(),
    years: bool = True,
) -> dict[str, int]:
    """Add ``nodes`` (``outer`` ones held back until expanded); returns how many of each type were added.

    ``years``: the items carry what the year slider's as-of rule reads (pages without a slider skip it).
    """
    counts: dict[str, int] = {}
    g, schema = graph.graph, graph.schema
    for node in nodes:
        data = g.nodes[node]
        nt = schema.node_types[data["type"]]
        if node not in outer:
            counts[nt.label] = counts.get(nt.label, 0) + 1
        extra: dict[str, Any] = {}
        if node == focus:
            extra = {"borderWidth": 4, "color": {**group_style(nt)["color"], "border": "#111111"}}
        for key in ("aliases", "country"):  # only where present: every field costs a parse
            if data.get(key):
                extra[key] = [str(a) for a in data[key]] if key == "aliases" else str(data[key])
        if data.get("evidence"):
            extra["ev"] = citations(data["evidence"], documents)
        if node in outer:
            extra["outer"] = 1
        net.add_node(
            node,
            label=str(data.get(nt.caption) or data.get("name") or node),
            group=nt.label,
            value=float(sizes.get(node, 0.0)),
            tip=node_tip(node, data),
            **(time_fields(data) if years else {}),
            **extra,
        )
    return counts


def edge_item(
    g: nx.MultiDiGraph,
    u: str,
    v: str,
    data: Mapping[str, Any],
    schema: Schema,
    documents: Mapping[str, str],
    years: bool = True,
) -> dict[str, Any]:
    """A model relationship as a page edge; only what differs from the defaults (see viz.style)."""
    rel = schema.relationship_types[data["type"]]
    item: dict[str, Any] = {
        "id": data.get("id") or f"{u}|{v}|{data['type']}|{data.get('context') or ''}",
        "label": rel.name,
        "rel": rel.name,
        "color": colour(rel.color),
        "tip": edge_tip(g, data),
        **(time_fields(data) if years else {}),
    }
    if rel.dashes:
        item["dashes"] = True
    if rel.symmetric:
        item["arrows"] = NO_ARROW
    if data.get("method") not in (None, DEFAULT_METHOD):
        item["method"] = str(data["method"])
    if data.get("confidence") is not None and float(data["confidence"]) != 1.0:
        item["confidence"] = float(data["confidence"])
    if data.get("evidence"):
        item["ev"] = citations(data["evidence"], documents)
    return item


def add_model_edges(
    net: ViewNetwork,
    graph: InstitutionalGraph,
    keep: set[str],
    documents: Mapping[str, str],
    types: Iterable[str] | None = None,
    years: bool = True,
) -> dict[str, int]:
    """Add every relationship (of ``types``, default all) between kept nodes; returns how many of each type."""
    g, schema = graph.graph, graph.schema
    wanted = set(types) if types is not None else None
    counts: dict[str, int] = {}
    for u, v, data in g.edges(data=True):
        if u not in keep or v not in keep or (wanted is not None and data["type"] not in wanted):
            continue
        counts[data["type"]] = counts.get(data["type"], 0) + 1
        item = edge_item(g, u, v, data, schema, documents, years)
        net.add_edge(u, v, **{k: val for k, val in item.items() if k not in ("from", "to")})
    return counts

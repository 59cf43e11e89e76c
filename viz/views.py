"""HTML network views of an :class:`~graph.model.institutional_graph.InstitutionalGraph`, built with pyvis.

Four views, each a self-contained offline page (see :mod:`viz.offline`):

- ``network``: the whole model;
- ``collaboration``: actors only, one edge per pair that works together (an explicit symmetric
  actor-actor relationship, or a shared instrument that both lead, implement or take part in), its width
  the number of instruments they share;
- ``neighbourhood``: everything within ``depth`` steps of one actor;
- ``timeline``: the whole model with a year slider that shows what holds in the chosen year.

Styling (colour and shape per node type, colour and dashes per relationship type) and the legend come
from the schema. Node size follows a centrality (``sizes``; degree by default). Tooltips carry the type,
the years and the evidence lines as text. Views read the model and never change it.

>>> from graph.model import Entity, Relationship
>>> g = InstitutionalGraph()
>>> a = g.add_entity(Entity(type="Ministry", name="Ministry A", start=2001))
>>> b = g.add_entity(Entity(type="Agency", name="Agency B"))
>>> p = g.add_entity(Entity(type="Programme", name="Programme P"))
>>> _ = g.add_relationship(Relationship(type="LEADS", source=a.id, target=p.id))
>>> _ = g.add_relationship(Relationship(type="IMPLEMENTS", source=b.id, target=p.id))
>>> collaboration_pairs(g)
{('agency:agency-b', 'ministry:ministry-a'): ['programme:programme-p']}
>>> view = collaboration_view(g)
>>> [e["value"] for e in view.network.edges]
[1]
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network

from graph.analysis.projections import actor_collaboration
from graph.errors import UsageError
from graph.model.holds import KNOWN_YEARS, NOT_AFTER, NOT_BEFORE
from graph.model.institutional_graph import InstitutionalGraph
from graph.model.schema import NodeType, Schema
from viz.layout import LARGE_GRAPH, sparse_spring_layout
from viz.offline import LABEL_MIN_PX, iframe, render_page
from viz.time_slider import known_span, slider_html, slider_range, time_lines

VIEW_NAMES = ("network", "collaboration", "neighbourhood", "timeline")
SIZE_MEASURES = ("degree", "betweenness", "closeness", "pagerank")

_HEX = re.compile(r"#[0-9A-Fa-f]{3,8}")
_NO_ARROW = {"to": {"enabled": False}}
# vis-network shapes that draw their label inside the node.
_LABEL_INSIDE = frozenset({"box", "ellipse", "circle", "database", "text"})
# At most this many evidence citations in one tooltip; the rest are counted.
_MAX_EVIDENCE = 4


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
        )

    def write(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.html(), encoding="utf-8")
        return path

    def _repr_html_(self) -> str:
        return iframe(self.html())


# --- text for tooltips ----------------------------------------------------------------------------
def years_text(start: int | None, end: int | None) -> str:
    """How a span reads in a tooltip.

    >>> years_text(2005, 2008), years_text(2017, None), years_text(None, 2016), years_text(None, None)
    ('2005–2008', 'from 2017', 'until 2016', 'years unknown')
    """
    if start is None and end is None:
        return "years unknown"
    if end is None:
        return f"from {start}"
    if start is None:
        return f"until {end}"
    return str(start) if start == end else f"{start}–{end}"


def _time_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """What the page's as-of rule reads (graph.model.holds), only where present: every field costs a parse."""
    out: dict[str, Any] = {}
    if data.get(KNOWN_YEARS):
        out[KNOWN_YEARS] = list(data[KNOWN_YEARS])
    for key in (NOT_BEFORE, NOT_AFTER):
        if data.get(key) is not None:
            out[key] = data[key]
    return out


def _name(g: nx.MultiDiGraph, node: str) -> str:
    return str(g.nodes[node].get("name") or node) if node in g else node


def _node_tip(node: str, data: Mapping[str, Any]) -> list[str]:
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
    lines.append(f"id: {node}")
    return lines


def _evidence_lines(evidence: Iterable[Mapping[str, Any]]) -> list[str]:
    items = list(evidence)
    lines: list[str] = []
    for ev in items[:_MAX_EVIDENCE]:
        first, last = ev.get("lines") or (None, None)
        span = f"line {first}" if first == last else f"lines {first}–{last}"
        lines.append(f"{ev.get('document')}, {span}")
        if ev.get("text"):
            lines.append(f"\u201c{' '.join(str(ev['text']).split())}\u201d")
    if len(items) > _MAX_EVIDENCE:
        lines.append(f"… and {len(items) - _MAX_EVIDENCE} more citations")
    return lines


def _edge_tip(g: nx.MultiDiGraph, u: str, v: str, data: Mapping[str, Any], arrow: str) -> list[str]:
    lines = [
        str(data["type"]),
        f"{_name(g, u)} {arrow} {_name(g, v)}",
        years_text(data.get("start"), data.get("end")),
    ]
    if data.get("context"):
        lines.append(f"Through: {_name(g, data['context'])}")
    lines += time_lines(data)
    lines.append(f"{data.get('method', 'curated')}, confidence {data.get('confidence', 1.0):g}")
    if data.get("note"):
        lines.append(f"Note: {data['note']}")
    ev = _evidence_lines(data.get("evidence") or ())
    if ev:
        lines += ["Evidence:", *ev]
    return lines


# --- schema-derived look-ups --------------------------------------------------------------------------------
def _colour(value: str) -> str:
    return value if _HEX.fullmatch(value) else "#999999"


def _pale(colour: str) -> str:
    """``colour`` mixed 65 % with white (``#rrggbb`` only; other forms are returned as they are)."""
    if len(colour) != 7:
        return colour
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * 0.65):02x}" for c in rgb)


def actor_instrument_types(schema: Schema) -> list[str]:
    """Relationship types from an actor to an instrument (leads, implements, takes part in)."""
    return schema.involvement_types


def collaboration_types(schema: Schema) -> list[str]:
    """Symmetric relationship types between actors (working together)."""
    return schema.collaboration_types


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


# --- centralities ---------------------------------------------------------------------------------
def node_sizes(graph: InstitutionalGraph, measure: str = "degree") -> dict[str, float]:
    """A centrality per node on the undirected simple graph, for sizing nodes.

    >>> from graph.model import Entity, Relationship
    >>> g = InstitutionalGraph()
    >>> ids = [g.add_entity(Entity(type="Ministry", name=n)).id for n in "ABC"]
    >>> _ = g.add_relationship(Relationship(type="COLLABORATES_WITH", source=ids[0], target=ids[1]))
    >>> node_sizes(g)
    {'ministry:a': 1.0, 'ministry:b': 1.0, 'ministry:c': 0.0}
    """
    simple = nx.Graph(graph.graph.to_undirected(as_view=True))
    if measure == "degree":
        return {n: float(d) for n, d in simple.degree()}
    if measure == "betweenness":
        k = min(200, simple.number_of_nodes()) if simple.number_of_nodes() > 1000 else None
        return dict(nx.betweenness_centrality(simple, k=k, seed=7))
    if measure == "closeness":
        return dict(nx.closeness_centrality(simple))
    if measure == "pagerank":
        return dict(nx.pagerank(simple)) if simple.number_of_nodes() else {}
    raise UsageError(f"--size-by: unknown measure {measure!r}; choose one of {', '.join(SIZE_MEASURES)}")


# --- building blocks ------------------------------------------------------------------------------
def _group_style(nt: NodeType) -> dict[str, Any]:
    """vis-network group options for a node type: its schema colour and shape.

    Styling by group (not per node) keeps items small: vis-network parses every field of every item.
    """
    colour = _colour(nt.color)
    if nt.shape in _LABEL_INSIDE:
        # The label sits inside these shapes: a pale fill keeps dark text readable.
        pale = _pale(colour)
        return {
            "shape": nt.shape,
            "color": {
                "background": pale,
                "border": colour,
                "highlight": {"background": pale, "border": "#111111"},
                "hover": {"background": pale, "border": "#111111"},
            },
            "font": {"strokeWidth": 0, "color": "#222222"},
            "widthConstraint": {"maximum": 220},
        }
    return {
        "shape": nt.shape,
        "color": {
            "background": colour,
            "border": colour,
            "highlight": {"background": colour, "border": "#111111"},
            "hover": {"background": colour, "border": "#111111"},
        },
    }


def _options(large: bool, schema: Schema, types: Iterable[str] = ()) -> dict[str, Any]:
    options: dict[str, Any] = {
        "nodes": {
            "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"min": 8, "max": 30, "label": {"enabled": True, "min": 12, "max": 18}},
            "borderWidth": 1,
        },
        "edges": {
            "font": {"size": 10, "align": "middle", "color": "#444444", "face": "system-ui, sans-serif"},
            "scaling": {"min": 1, "max": 9, "label": {"enabled": False}},
            "color": {"inherit": False},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
        },
        "layout": {"improvedLayout": not large, "randomSeed": 7},
        "groups": {t: _group_style(schema.node_types[t]) for t in types},
    }
    if large:
        options["physics"] = False
        options["edges"]["smooth"] = False
        # Arrowheads cost a border intersection per edge per frame and are too small to see at this scale.
        options["edges"]["arrows"] = {"to": {"enabled": False}}
        # Labels come once zoomed in enough to read them (see viz.offline), all at one size: scaling them
        # by value re-lays out every label; stroked text costs a second pass.
        options["nodes"]["scaling"]["label"] = {"enabled": False, "drawThreshold": LABEL_MIN_PX}
        options["nodes"]["font"]["strokeWidth"] = 0
    else:
        options["physics"] = {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -160, "springLength": 190, "avoidOverlap": 1},
            "stabilization": {"enabled": True, "iterations": 300, "fit": True},
        }
        options["edges"]["smooth"] = {"type": "continuous"}
    return options


def _legend(schema: Schema, node_types: Mapping[str, int], rel_rows: list[tuple[str, str, bool, int]]) -> str:
    parts = ["<h2>Entities</h2>"]
    for label, nt in schema.node_types.items():
        if label not in node_types:
            continue
        parts.append(
            f'<label title="{html.escape(nt.description)}"><input type="checkbox" checked '
            f'data-type="{html.escape(label)}"><span class="swatch {html.escape(nt.shape)}" '
            f'style="background:{_colour(nt.color)}"></span>{html.escape(label)}'
            f'<span class="count">{node_types[label]}</span></label>'
        )
    if rel_rows:
        parts.append("<h2>Relationships</h2>")
        for text, colour, dashed, count in rel_rows:
            parts.append(
                f'<div class="rel"><span class="line{" dashed" if dashed else ""}" '
                f'style="border-top-color:{_colour(colour)}"></span>{html.escape(text)}'
                f'<span class="count">{count}</span></div>'
            )
    return "".join(parts)


def _add_nodes(
    net: ViewNetwork,
    graph: InstitutionalGraph,
    nodes: Iterable[str],
    sizes: Mapping[str, float],
    focus: str | None = None,
) -> dict[str, int]:
    counts: dict[str, int] = {}
    g, schema = graph.graph, graph.schema
    for node in nodes:
        data = g.nodes[node]
        nt = schema.node_types[data["type"]]
        counts[nt.label] = counts.get(nt.label, 0) + 1
        extra: dict[str, Any] = {}
        if node == focus:
            extra = {"borderWidth": 4, "color": {**_group_style(nt)["color"], "border": "#111111"}}
        net.add_node(
            node,
            label=str(data.get(nt.caption) or data.get("name") or node),
            group=nt.label,
            value=float(sizes.get(node, 0.0)),
            tip=_node_tip(node, data),
            **_time_fields(data),
            **extra,
        )
    return counts


def _add_model_edges(net: ViewNetwork, graph: InstitutionalGraph, keep: set[str]) -> list[tuple[str, str, bool, int]]:
    g, schema = graph.graph, graph.schema
    counts: dict[str, int] = {}
    for u, v, data in g.edges(data=True):
        if u not in keep or v not in keep:
            continue
        rel = schema.relationship_types[data["type"]]
        counts[rel.name] = counts.get(rel.name, 0) + 1
        # Arrows and solid lines are the defaults (see _options); items carry only what differs.
        style: dict[str, Any] = {}
        if rel.dashes:
            style["dashes"] = True
        if rel.symmetric:
            style["arrows"] = _NO_ARROW
        net.add_edge(
            u,
            v,
            id=data.get("id") or f"{u}|{v}|{data['type']}|{data.get('context') or ''}",
            label=rel.name,
            color=_colour(rel.color),
            tip=_edge_tip(g, u, v, data, "—" if rel.symmetric else "→"),
            **_time_fields(data),
            **style,
        )
    return [
        (name, schema.relationship_types[name].color, schema.relationship_types[name].dashes, counts[name])
        for name in schema.relationship_types
        if name in counts
    ]


def _place(net: ViewNetwork) -> bool:
    """Prepare a large view for a quick first paint; returns whether the view is large.

    Large views get Python-computed positions (the page turns physics off) and lose their edge labels:
    measuring and drawing ten thousand labels was much of the first paint's cost. The relationship type
    stays in each edge's colour, the legend and the tooltip's first line.
    """
    if len(net.nodes) <= LARGE_GRAPH:
        return False
    pos = sparse_spring_layout([n["id"] for n in net.nodes], [(e["from"], e["to"]) for e in net.edges])
    for item in net.nodes:
        item["x"], item["y"] = pos[item["id"]]
    for edge in net.edges:
        edge.pop("label", None)
    return True


def _default_sizes(graph: InstitutionalGraph, sizes: Mapping[str, float] | None) -> Mapping[str, float]:
    return sizes if sizes is not None else node_sizes(graph, "degree")


def _model_view(
    name: str,
    graph: InstitutionalGraph,
    keep: list[str],
    sizes: Mapping[str, float],
    title: str,
    subtitle: str,
    focus: str | None = None,
    controls_html: str = "",
) -> View:
    net = ViewNetwork()
    counts = _add_nodes(net, graph, keep, sizes, focus)
    rel_rows = _add_model_edges(net, graph, set(keep))
    large = _place(net)
    return View(
        name=name,
        title=title,
        subtitle=subtitle,
        network=net,
        options=_options(large, graph.schema, counts),
        legend_html=_legend(graph.schema, counts, rel_rows),
        controls_html=controls_html,
        meta={"large": large},
    )


def _filtered(graph: InstitutionalGraph, as_of: int | None) -> InstitutionalGraph:
    return graph.as_of(as_of) if as_of is not None else graph


def _keep(graph: InstitutionalGraph, types: set[str] | None) -> list[str]:
    return [n for n, t in graph.graph.nodes(data="type") if types is None or t in types]


def _counted(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


# --- the views ------------------------------------------------------------------------------------
def network_view(
    graph: InstitutionalGraph,
    *,
    as_of: int | None = None,
    types: Iterable[str] | None = None,
    sizes: Mapping[str, float] | None = None,
) -> View:
    """The whole model (in ``as_of`` if given), optionally only some node types (or groups)."""
    g = _filtered(graph, as_of)
    keep = _keep(g, expand_types(g.schema, types))
    view = _model_view(
        "network",
        g,
        keep,
        _default_sizes(g, sizes),
        "Institutional network" + (f" in {as_of}" if as_of is not None else ""),
        "",
    )
    view.subtitle = f"{_counted(len(view.network.nodes), 'node')}, {_counted(len(view.network.edges), 'edge')}"
    return view


def collaboration_pairs(graph: InstitutionalGraph) -> dict[tuple[str, str], list[str]]:
    """Pairs of actors that work together, each with the instruments they share (sorted ids).

    A pair works together when a symmetric actor-actor relationship joins them (its ``context``, if any,
    is the shared instrument) or when both lead, implement or take part in the same instrument. The pair
    is ordered (smaller id first). Relationship types are read from the schema.
    """
    projection = actor_collaboration(graph)
    return {
        (min(a, b), max(a, b)): list(data["instruments"])
        for a, b, data in sorted(projection.edges(data=True), key=lambda e: (min(e[0], e[1]), max(e[0], e[1])))
    }


def collaboration_view(
    graph: InstitutionalGraph,
    *,
    as_of: int | None = None,
    types: Iterable[str] | None = None,
    sizes: Mapping[str, float] | None = None,
) -> View:
    """Actors only; an edge per pair that works together, as wide as the number of instruments shared."""
    g = _filtered(graph, as_of)
    schema = g.schema
    wanted = expand_types(schema, types)
    actor_types = schema.members("Actor") if wanted is None else schema.members("Actor") & wanted
    keep = [n for n, t in g.graph.nodes(data="type") if t in actor_types]
    kept = set(keep)
    pairs = {pair: shared for pair, shared in collaboration_pairs(g).items() if pair[0] in kept and pair[1] in kept}
    if sizes is None:
        pair_graph = nx.Graph()
        pair_graph.add_nodes_from(keep)
        pair_graph.add_edges_from(pairs)
        sizes = {n: float(d) for n, d in pair_graph.degree()}
    net = ViewNetwork()
    counts = _add_nodes(net, g, keep, sizes)
    explicit = collaboration_types(schema)
    colour = schema.relationship_types[explicit[0]].color if explicit else "#ff7f0e"
    for (a, b), shared in pairs.items():
        weight = max(1, len(shared))
        tip = [
            f"{_name(g.graph, a)} — {_name(g.graph, b)}",
            f"work together on {_counted(len(shared), 'instrument')}",
        ]
        tip += [f"• {_name(g.graph, i)}" for i in shared]
        net.add_edge(
            a,
            b,
            id=f"collaboration:{a}|{b}",
            label=str(weight) if weight > 1 else "",
            value=weight,
            font={"size": 13, "strokeWidth": 3},
            color=_colour(colour),
            arrows=_NO_ARROW,
            tip=tip,
            start=None,
            end=None,
        )
    large = _place(net)
    rel_rows = [("works together (width = shared instruments)", colour, False, len(pairs))] if pairs else []
    title = "Inter-ministerial collaboration" + (f" in {as_of}" if as_of is not None else "")
    return View(
        name="collaboration",
        title=title,
        subtitle=f"{_counted(len(keep), 'actor')}, {_counted(len(pairs), 'collaborating pair')}",
        network=net,
        options=_options(large, schema, counts),
        legend_html=_legend(schema, counts, rel_rows),
        meta={"large": large, "pairs": pairs},
    )


def resolve_focus(graph: InstitutionalGraph, focus: str) -> str:
    """The node id that ``focus`` names: an id, a name or an alias (ignoring case)."""
    if focus in graph.graph:
        return focus
    found = graph.find(focus)
    if len(found) == 1:
        return found[0].id
    if not found:
        example = most_connected_actor(graph) or next(iter(graph.graph.nodes), "ministry:...")
        raise UsageError(f"--focus: no entity has the id, name or alias {focus!r}; try an id such as {example!r}")
    ids = ", ".join(sorted(e.id for e in found))
    raise UsageError(f"--focus: {focus!r} names several entities ({ids}); give one id")


def most_connected_actor(graph: InstitutionalGraph) -> str | None:
    """The actor with the most relationships (ties broken by id), or None if there is no actor."""
    actors = graph.schema.members("Actor")
    degree = graph.graph.degree()
    ranked = sorted((-degree[n], n) for n, t in graph.graph.nodes(data="type") if t in actors)
    return ranked[0][1] if ranked else None


def neighbourhood_view(
    graph: InstitutionalGraph,
    focus: str,
    *,
    depth: int = 1,
    as_of: int | None = None,
    types: Iterable[str] | None = None,
    sizes: Mapping[str, float] | None = None,
) -> View:
    """Everything within ``depth`` relationships of ``focus`` (id, name or alias), edges in any direction."""
    if depth < 0:
        raise UsageError(f"--depth must be 0 or more, not {depth}")
    g = _filtered(graph, as_of)
    centre = resolve_focus(g, focus)
    wanted = expand_types(g.schema, types)
    near = nx.single_source_shortest_path_length(g.graph.to_undirected(as_view=True), centre, cutoff=depth)
    keep = [
        n for n in g.graph.nodes if n in near and (n == centre or wanted is None or g.graph.nodes[n]["type"] in wanted)
    ]
    view = _model_view(
        "neighbourhood",
        g,
        keep,
        _default_sizes(g, sizes),
        f"Neighbourhood of {_name(g.graph, centre)}",
        "",
        focus=centre,
    )
    view.subtitle = (
        f"within {_counted(depth, 'step')}: {_counted(len(view.network.nodes), 'node')}, "
        f"{_counted(len(view.network.edges), 'edge')}"
    )
    view.meta["focus"] = centre
    return view


def timeline_view(
    graph: InstitutionalGraph,
    *,
    as_of: int | None = None,
    types: Iterable[str] | None = None,
    sizes: Mapping[str, float] | None = None,
) -> View:
    """The whole model in one page with a year slider (starting at ``as_of``, else the latest year)."""
    graph = graph.dated()
    first, last, initial = slider_range(known_span(graph), as_of)
    keep = _keep(graph, expand_types(graph.schema, types))
    view = _model_view(
        "timeline",
        graph,
        keep,
        _default_sizes(graph, sizes),
        "Institutional network over time",
        "",
        controls_html=slider_html(first, last, initial),
    )
    view.subtitle = (
        f"{first}–{last}: move the slider or press play; facts known to hold are drawn normally, facts whose "
        "years are unknown faintly (or hidden with the toggle)"
    )
    view.meta.update(first=first, last=last, initial=initial)
    return view


def build_view(
    graph: InstitutionalGraph,
    name: str,
    *,
    as_of: int | None = None,
    focus: str | None = None,
    depth: int = 1,
    types: Iterable[str] | None = None,
    sizes: Mapping[str, float] | None = None,
) -> View:
    """Build the view called ``name`` (one of :data:`VIEW_NAMES`)."""
    graph = graph.dated()  # tooltips tell stated years from derived ones
    if name == "network":
        return network_view(graph, as_of=as_of, types=types, sizes=sizes)
    if name == "collaboration":
        return collaboration_view(graph, as_of=as_of, types=types, sizes=sizes)
    if name == "timeline":
        return timeline_view(graph, as_of=as_of, types=types, sizes=sizes)
    if name == "neighbourhood":
        centre = focus or most_connected_actor(graph)
        if centre is None:
            raise UsageError("--focus is required: the graph has no actor to centre the neighbourhood on")
        return neighbourhood_view(graph, centre, depth=depth, as_of=as_of, types=types, sizes=sizes)
    raise UsageError(f"unknown view {name!r}; choose one of {', '.join(VIEW_NAMES)}")


def build_all_views(
    graph: InstitutionalGraph, out_dir: Path, sizes: Mapping[str, float] | None = None
) -> dict[str, Path]:
    """Write every view into ``out_dir``: network, collaboration, timeline and the neighbourhood of the
    most connected actor. Returns view name -> file written.
    """
    out_dir = Path(out_dir)
    written: dict[str, Path] = {}
    for name in ("network", "collaboration", "timeline"):
        written[name] = build_view(graph, name, sizes=sizes).write(out_dir / f"{name}.html")
    centre = most_connected_actor(graph)
    if centre is not None:
        view = neighbourhood_view(graph, centre, depth=1, sizes=sizes)
        written["neighbourhood"] = view.write(out_dir / "neighbourhood.html")
    return written

"""The diff view: one offline page drawing what was added, removed, changed or held only in between, and
what stayed, each told apart by colour and line style, with a legend whose tick boxes hide an answer.

The page is the project's one page (:func:`viz.offline.render_page`): vis-network inlined, no request, a
Content-Security-Policy that lets only its own scripts run, and tooltips built as text. Nodes keep their
schema shape (a programme is still a box); their colour and the edges' colour and dashes say the answer.

>>> from graph.model import Entity, InstitutionalGraph, Relationship
>>> from graph.model.diff import diff_graphs
>>> old, new = InstitutionalGraph(), InstitutionalGraph()
>>> for g in (old, new):
...     a = g.add_entity(Entity(type="Agency", name="Office"))
...     p = g.add_entity(Entity(type="Programme", name="Grants"))
>>> _ = new.add_relationship(Relationship(type="IMPLEMENTS", source=a.id, target=p.id))
>>> page = diff_page(diff_graphs(old, new))
>>> [(e["group"], e["dashes"]) for e in page.edges]
[('added', False)]
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.model.diff import ADDED, BETWEEN, CHANGED, REMOVED, STATUSES, UNCHANGED, Change, GraphDiff, RelKey
from graph.model.schema import Schema, load_schema
from viz.diff_text import changed_fields, cite, span, summary
from viz.layout import LARGE_GRAPH, sparse_spring_layout
from viz.offline import render_page


@dataclass(frozen=True)
class Look:
    """How one answer is drawn: a colour, an edge width and vis-network dashes (False: a solid line)."""

    colour: str
    width: float
    dashes: bool | list[int]
    text: str


LOOKS: dict[str, Look] = {
    ADDED: Look("#1a9641", 3.0, False, "added"),
    REMOVED: Look("#d7191c", 2.5, [8, 6], "removed"),
    CHANGED: Look("#f28e00", 3.0, [2, 5], "changed (type, years or confidence)"),
    BETWEEN: Look("#7b3294", 2.5, [12, 4, 2, 4], "happened in between (neither year shows it)"),
    UNCHANGED: Look("#b3b3b3", 1.0, False, "unchanged"),
}
"""The one declaration of the diff's colours and line styles (the legend and the items read it)."""


@dataclass
class DiffPage:
    """The view's items and the page they make; ``write()`` saves it."""

    title: str
    subtitle: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    legend_html: str

    def html(self) -> str:
        return render_page(
            title=self.title,
            subtitle=self.subtitle,
            nodes=self.nodes,
            edges=self.edges,
            options=_options(len(self.nodes) > LARGE_GRAPH),
            legend_html=self.legend_html,
            lazy_labels=len(self.nodes) > LARGE_GRAPH,
        )

    def write(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.html(), encoding="utf-8")
        return path


def diff_page(diff: GraphDiff, schema: Schema | None = None) -> DiffPage:
    """The view of ``diff``: every entity and relationship either side holds (mentions left out)."""
    schema = schema or load_schema()
    nodes: dict[str, dict[str, Any]] = {}
    for c in diff.changes:
        if c.kind == "entity":
            nodes[str(c.id)] = _node(schema, str(c.id), c.type, c.label, c.status, _entity_tip(diff, c))
    for n in diff.unchanged_entities:
        type_, name = diff.entities[n]
        nodes[n] = _node(schema, n, type_, name, UNCHANGED, [name, f"{type_} · unchanged", f"id: {n}"])
    edges = [_edge(c.id, c.status, _relationship_tip(diff, c)) for c in diff.changes if c.kind == "relationship"]
    edges += [_edge(key, UNCHANGED, _unchanged_tip(diff, key)) for key in diff.unchanged_relationships]
    for e in edges:  # an end whose entity did not change is drawn as unchanged
        for end in (e["from"], e["to"]):
            if end not in nodes:
                type_, name = diff.entities.get(end, ("", end))
                nodes[end] = _node(schema, end, type_, name, UNCHANGED, [name, f"{type_} · unchanged", f"id: {end}"])
    if len(nodes) > LARGE_GRAPH:  # as the other views: positions from Python, no edge labels
        pos = sparse_spring_layout(list(nodes), [(e["from"], e["to"]) for e in edges])
        for n, item in nodes.items():
            item["x"], item["y"] = pos[n]
        for e in edges:
            e.pop("label", None)
    counts = diff.counts()
    return DiffPage(
        title=f"What changed: {diff.old_label} → {diff.new_label}",
        subtitle=summary(diff).removeprefix(f"{diff.old_label} → {diff.new_label}: "),
        nodes=list(nodes.values()),
        edges=edges,
        legend_html=_legend(counts),
    )


def write_diff_view(diff: GraphDiff, path: Path, schema: Schema | None = None) -> Path:
    """Write the diff view of ``diff`` to ``path``; returns the path."""
    return diff_page(diff, schema).write(path)


# --- items -----------------------------------------------------------------------------------------------
def _node(schema: Schema, node: str, type_: str, name: str, status: str, tip: list[str]) -> dict[str, Any]:
    nt = schema.node_types.get(type_)
    return {"id": node, "label": name, "group": status, "shape": nt.shape if nt else "dot", "tip": tip}


def _edge(key: str | RelKey, status: str, tip: list[str]) -> dict[str, Any]:
    assert not isinstance(key, str)  # a relationship's identity
    source, rtype, target, context = key
    look = LOOKS[status]
    return {
        "id": f"{source}|{rtype}|{target}|{context or ''}",
        "from": source,
        "to": target,
        "label": rtype,
        "group": status,
        "color": look.colour,
        "width": look.width,
        "dashes": look.dashes,
        "tip": tip,
    }


def _quotes(diff: GraphDiff, evidence: Iterable[Mapping[str, Any]], limit: int = 4) -> list[str]:
    items = list(evidence)
    lines: list[str] = []
    for ev in items[:limit]:
        lines.append(cite(diff, ev))
        if ev.get("text"):
            lines.append(f"\u201c{' '.join(str(ev['text']).split())}\u201d")
    if len(items) > limit:
        lines.append(f"… and {len(items) - limit} more citations")
    return lines


def _detail(c: Change) -> list[str]:
    return [*changed_fields(c.fields), *([c.note] if c.note else [])]


def _entity_tip(diff: GraphDiff, c: Change) -> list[str]:
    years = f" · {span(c.start, c.end)}" if span(c.start, c.end) else ""
    lines = [c.label, f"{c.type} · {LOOKS[c.status].text}{years}", *_detail(c)]
    ev = _quotes(diff, c.evidence)
    return [*lines, *(["Evidence:", *ev] if ev else []), f"id: {c.id}"]


def _relationship_tip(diff: GraphDiff, c: Change) -> list[str]:
    years = span(c.start, c.end) or "years unknown"
    lines = [c.type, c.label, f"{LOOKS[c.status].text} · {years} · confidence {c.confidence or 0:g}", *_detail(c)]
    ev = _quotes(diff, c.evidence)
    return [*lines, *(["Evidence:", *ev] if ev else [])]


def _unchanged_tip(diff: GraphDiff, key: RelKey) -> list[str]:
    source, rtype, target, _ = key
    names = {n: diff.entities.get(n, ("", n))[1] for n in (source, target)}
    return [rtype, f"{names[source]} → {names[target]}", "unchanged"]


# --- page ------------------------------------------------------------------------------------------------
def _legend(counts: Mapping[str, Mapping[str, int]]) -> str:
    """Entities: a tick box per answer (it hides those nodes); relationships: the line each answer draws."""
    parts = ["<h2>Entities</h2>"]
    for status in STATUSES:
        look = LOOKS[status]
        parts.append(
            f'<label title="{html.escape(look.text)}"><input type="checkbox" checked data-type="{status}">'
            f'<span class="swatch dot" style="background:{look.colour}"></span>{html.escape(look.text)}'
            f'<span class="count">{counts["entity"][status]}</span></label>'
        )
    parts.append("<h2>Relationships</h2>")
    for status in STATUSES:
        look = LOOKS[status]
        style = "dotted" if look.dashes == LOOKS[CHANGED].dashes else "dashed" if look.dashes else "solid"
        parts.append(
            f'<div class="rel" data-status="{status}"><span class="line" style="border-top-color:{look.colour};'
            f'border-top-style:{style};border-top-width:{max(2, round(look.width))}px"></span>'
            f'{html.escape(look.text)}<span class="count">{counts["relationship"][status]}</span></div>'
        )
    parts.append('<p class="subtitle">Node shapes are the entity types of the other views.</p>')
    return "".join(parts)


def _options(large: bool) -> dict[str, Any]:
    groups = {
        status: {"color": {"background": look.colour, "border": look.colour}, "font": {"color": "#222222"}}
        for status, look in LOOKS.items()
    }
    options: dict[str, Any] = {
        "nodes": {"font": {"size": 14, "face": "system-ui, sans-serif"}, "borderWidth": 1, "size": 12},
        "edges": {
            "font": {"size": 10, "align": "middle", "color": "#444444"},
            "arrows": {"to": {"enabled": not large, "scaleFactor": 0.6}},
            "color": {"inherit": False},
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large},
        "layout": {"improvedLayout": not large, "randomSeed": 7},
        "groups": groups,
    }
    if large:
        options["physics"] = False
        options["edges"]["smooth"] = False
    else:
        options["physics"] = {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -160, "springLength": 190, "avoidOverlap": 1},
            "stabilization": {"enabled": True, "iterations": 300, "fit": True},
        }
    return options


__all__ = ["LOOKS", "DiffPage", "diff_page", "write_diff_view"]

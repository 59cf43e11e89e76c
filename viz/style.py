"""How a view looks, from the schema: colour and shape per node type, colour and dashes per relationship
type, vis-network's options, and the legend whose tick boxes filter the page.

Document nodes and ``MENTIONED_IN`` links are off by default (one tick shows them): every entity cites a
document, so drawn they pull the whole graph into a star around it.

>>> pale("#1f77b4")
'#b1cfe5'
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from typing import Any

from graph.model.schema import NodeType, Schema
from viz.offline import LABEL_MIN_PX

# Off by default; ticking the type shows its links too.
HIDDEN_BY_DEFAULT_TYPES = {"Document": "MENTIONED_IN"}
HIDDEN_BY_DEFAULT_RELS = frozenset(HIDDEN_BY_DEFAULT_TYPES.values())
NO_ARROW = {"to": {"enabled": False}}
_HEX = re.compile(r"#[0-9A-Fa-f]{3,8}")
# vis-network shapes that draw their label inside the node.
_LABEL_INSIDE = frozenset({"box", "ellipse", "circle", "database", "text"})


def colour(value: str) -> str:
    return value if _HEX.fullmatch(value) else "#999999"


def pale(value: str) -> str:
    """``value`` mixed 65 % with white (``#rrggbb`` only; other forms are returned as they are)."""
    if len(value) != 7:
        return value
    rgb = [int(value[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * 0.65):02x}" for c in rgb)


def group_style(nt: NodeType) -> dict[str, Any]:
    """vis-network group options for a node type: its schema colour and shape.

    Styling by group (not per node) keeps items small: vis-network parses every field of every item.
    """
    base = colour(nt.color)
    if nt.shape in _LABEL_INSIDE:
        # The label sits inside these shapes: a pale fill keeps dark text readable.
        fill = pale(base)
        return {
            "shape": nt.shape,
            "color": {
                "background": fill,
                "border": base,
                "highlight": {"background": fill, "border": "#111111"},
                "hover": {"background": fill, "border": "#111111"},
            },
            "font": {"strokeWidth": 0, "color": "#222222"},
        }
    return {
        "shape": nt.shape,
        "color": {
            "background": base,
            "border": base,
            "highlight": {"background": base, "border": "#111111"},
            "hover": {"background": base, "border": "#111111"},
        },
    }


def view_options(large: bool, schema: Schema, types: Iterable[str] = ()) -> dict[str, Any]:
    """vis-network's options for a view holding node ``types``; ``large`` views get no physics."""
    options: dict[str, Any] = {
        "nodes": {
            "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            # Label sizes are the page's (viz/assets/labels.js): one size on screen, whatever the zoom.
            "scaling": {"min": 8, "max": 30, "label": {"enabled": False}},
            "borderWidth": 1,
            "labelHighlightBold": False,  # a bold label is wider than the one the page made room for
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
        "groups": {t: group_style(schema.node_types[t]) for t in types},
    }
    if large:
        options["physics"] = False
        options["edges"]["smooth"] = False
        # Arrowheads cost a border intersection per edge per frame and are too small to see at this scale.
        options["edges"]["arrows"] = {"to": {"enabled": False}}
        # Labels come once zoomed in enough to read them (viz/assets/labels.js), all at one size: stroked
        # text costs a second pass.
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


def legend_html(
    schema: Schema, node_counts: Mapping[str, int], rel_rows: Iterable[tuple[str, str, str, bool, int]]
) -> str:
    """Escaped markup: a tick box per node type present and per relationship row
    ``(key, text, colour, dashed, count)``; unticking one hides it in the page."""
    parts = ["<h2>Entities</h2>"]
    for label, nt in schema.node_types.items():
        if label not in node_counts:
            continue
        ticked = "" if label in HIDDEN_BY_DEFAULT_TYPES else " checked"
        links = HIDDEN_BY_DEFAULT_TYPES.get(label)
        also = f' data-with-rel="{html.escape(links)}"' if links else ""
        parts.append(
            f'<label title="{html.escape(nt.description)}"><input type="checkbox"{ticked} '
            f'data-type="{html.escape(label)}"{also}><span class="swatch {html.escape(nt.shape)}" '
            f'style="background:{colour(nt.color)}"></span>{html.escape(label)}'
            f'<span class="count">{node_counts[label]}</span></label>'
        )
    rows = list(rel_rows)
    if rows:
        parts.append("<h2>Relationships</h2>")
        for key, text, line_colour, dashed, count in rows:
            ticked = "" if key in HIDDEN_BY_DEFAULT_RELS else " checked"
            parts.append(
                f'<label class="rel"><input type="checkbox"{ticked} data-rel="{html.escape(key)}">'
                f'<span class="line{" dashed" if dashed else ""}" style="border-top-color:{colour(line_colour)}">'
                f'</span>{html.escape(text)}<span class="count">{count}</span></label>'
            )
    return "".join(parts)


def model_rel_rows(schema: Schema, counts: Mapping[str, int]) -> list[tuple[str, str, str, bool, int]]:
    """Legend rows of the relationship types present, in schema order."""
    return [
        (name, name, rel.color, rel.dashes, counts[name])
        for name, rel in schema.relationship_types.items()
        if name in counts
    ]

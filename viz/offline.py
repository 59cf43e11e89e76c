"""One self-contained HTML page per view: vis-network inlined, no CDN, no font download, no raw HTML.

pyvis's own template loads bootstrap and vis-network from CDNs and passes tooltips to the page as
HTML; this module replaces it with a small template of its own:

- vis-network's JS and CSS are read from the copy bundled inside the installed pyvis package and
  inlined, so the page works from ``file://`` and makes no network request;
- a Content-Security-Policy forbids every fetch (``default-src 'none'``) and allows only the page's own
  scripts, by their sha256 hashes, so even an injected ``onerror=`` attribute could not run;
- the data travels as JSON inside a ``<script>`` with ``<``, ``>`` and ``&`` escaped, and tooltips, the
  side panel and search matches are built in the page with ``textContent``: document text is always shown
  as text, never parsed as HTML, and no script is ever built from it;
- the page's own script and styles live in ``viz/assets`` (``core.js``: data, filters, the as-of rule;
  ``controls.js``: filter controls, slider, re-arrange, PNG; ``explore.js``: tooltips, side panel, search;
  ``labels.js``: readable labels; ``api.js``: ``window.instgraph``), one copy inlined into every view.

>>> "<" in script_json({"name": "</script><b>"})
False
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from functools import cache
from pathlib import Path
from typing import Any

import pyvis

from graph.model.holds import js_status

_VIS_DIR = "vis-9.1.2"
# With lazy labels, node labels are handed to vis-network once a label would be this many pixels high.
LABEL_MIN_PX = 8
# Small views: node labels are this many pixels high on screen at any zoom; edge labels all show from
# this zoom on (before that, on hover).
LABEL_PX = 13
EDGE_LABEL_SCALE = 1.6
# At most this many citations in a tooltip (the side panel shows them all).
MAX_TIP_CITATIONS = 4
# An edge without a method is curated (the model's default).
DEFAULT_METHOD = "curated"


@cache
def vis_assets() -> tuple[str, str]:
    """vis-network's minified JS and its CSS, from the copy bundled in the pyvis package."""
    lib = Path(pyvis.__file__).resolve().parent / "lib" / _VIS_DIR
    js = (lib / "vis-network.min.js").read_text("utf-8")
    css = (lib / "vis-network.css").read_text("utf-8")
    return js, css


def script_json(value: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``</script>``, ``<!--`` or line separators can occur."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


_ASSETS = Path(__file__).resolve().parent / "assets"
# The page's script: these files, in this order, inside one function (they share its variables).
_SCRIPT_PARTS = ("core.js", "controls.js", "explore.js", "labels.js", "api.js")


@cache
def page_assets() -> tuple[str, str]:
    """The page's own script and stylesheet, read from ``viz/assets`` (one copy for every view).

    The as-of rule enters the script rendered from its declaration (:func:`graph.model.holds.js_status`).
    """
    body = "\n".join((_ASSETS / name).read_text("utf-8") for name in _SCRIPT_PARTS)
    script = '(function () {\n"use strict";\n' + body.replace("__STATUS__", js_status()) + "})();\n"
    return script, (_ASSETS / "page.css").read_text("utf-8")


def render_page(
    *,
    title: str,
    subtitle: str,
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    options: dict[str, Any],
    legend_html: str,
    controls_html: str = "",
    lazy_labels: bool = False,
    file_stem: str = "view",
) -> str:
    """The whole page as one string: the public page builder every view (and any new one) goes through.

    ``nodes`` and ``edges`` are vis-network items (``id``, ``label``, ``group``, ``from``/``to``, ``color``,
    ...) plus fields the page reads itself: ``tip`` (plain-text lines of the tooltip and side panel), ``ev``
    (cited lines: ``[where, quote, ...]``), the as-of fields (``known_years``, ``not_before``,
    ``not_after``), ``rel``, ``method`` and ``confidence`` on edges, ``aliases``, ``country`` and ``outer``
    (held back until expanded) on nodes. ``legend_html`` and ``controls_html`` must already be escaped
    markup; the legend's ``data-type``/``data-rel`` tick boxes filter. The search box, re-arrange, PNG and
    the method, confidence and country filters are added here, from what the items hold. With
    ``lazy_labels`` (large views) node labels reach vis-network only when zoomed in far enough to read them.
    """
    js, css = vis_assets()
    page_js, page_css = page_assets()
    page = {
        "lazyLabels": lazy_labels,
        "labelMinPx": LABEL_MIN_PX,
        "labelPx": LABEL_PX,
        "edgeLabelScale": EDGE_LABEL_SCALE,
        "maxTipCitations": MAX_TIP_CITATIONS,
        "fileStem": file_stem,
    }
    data_json = script_json({"nodes": nodes, "edges": edges, "options": options, "page": page})
    panel = (
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="subtitle">{html.escape(subtitle)}</p>',
        _SEARCH_AND_TOOLS,
        controls_html,
        filters_html(nodes, edges),
        f'<div id="legend">{legend_html}</div>',
    )
    return "\n".join(
        (
            *_head(title, _csp(js, page_js), css, page_css),
            "<body>",
            '<div id="panel">',
            *panel,
            "</div>",
            '<div id="graph"></div>',
            f'<script type="application/json" id="instgraph-data">{data_json}</script>',
            f"<script>{js}</script>",
            f"<script>{page_js}</script>",
            "</body>",
            "</html>",
        )
    )


def _head(title: str, csp: str, *styles: str) -> tuple[str, ...]:
    """The page's head: its security policy (only the inlined scripts may run), title and styles."""
    return (
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)}</title>",
        *(f"<style>{style}</style>" for style in styles),
        "</head>",
    )


def _csp(*scripts: str) -> str:
    """The page's Content-Security-Policy: nothing from outside, only these scripts (by hash)."""
    return "; ".join(
        (
            "default-src 'none'",
            "script-src " + " ".join(_csp_hash(s) for s in scripts),
            "style-src 'unsafe-inline'",
            "img-src data:",
            "font-src 'none'",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )


_SEARCH_AND_TOOLS = (
    '<input id="search" type="search" placeholder="Search a name or alias" aria-label="search" autocomplete="off">'
    '<div id="matches"></div>'
    '<div id="tools"><button id="rearrange" type="button" title="lay out what is shown">Re-arrange</button>'
    '<button id="save-png" type="button" title="the picture as it is now">Save as PNG</button></div>'
)


def filters_html(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> str:
    """Escaped markup of the filters the items call for: curated / extracted (when edges carry more than one
    method), a confidence threshold (when any is below 1) and a country (when nodes name more than one)."""
    parts = []
    methods = sorted({str(e.get("method") or DEFAULT_METHOD) for e in edges})
    if len(methods) > 1:
        parts += [
            f'<label><input type="checkbox" checked data-method="{html.escape(m)}">{html.escape(m)}</label>'
            for m in methods
        ]
    if any(float(e.get("confidence") or 0) < 1 for e in edges if e.get("confidence") is not None):
        parts.append(
            '<label>confidence \u2265 <input id="min-confidence" type="range" min="0" max="1" step="0.05" '
            'value="0" aria-label="minimum confidence"><output id="confidence-value">0.00</output></label>'
        )
    countries = sorted({str(n["country"]) for n in nodes if n.get("country")})
    if len(countries) > 1:
        known = "".join(f'<option value="{html.escape(c)}">{html.escape(c)}</option>' for c in countries)
        parts.append(
            '<label>country <select id="country" aria-label="country"><option value="">all</option>'
            f'{known}<option value="unknown">unknown</option></select></label>'
        )
    return f'<div id="filters">{"".join(parts)}</div>' if parts else ""


def iframe(page: str, height: int = 640) -> str:
    """The page inside a sandboxed ``<iframe srcdoc>``, for Jupyter's ``_repr_html_``."""
    return (
        f'<iframe srcdoc="{html.escape(page, quote=True)}" sandbox="allow-scripts" '
        f'style="width: 100%; height: {int(height)}px; border: 1px solid #ddd;"></iframe>'
    )

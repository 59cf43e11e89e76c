"""One self-contained HTML page per view: vis-network inlined, no CDN, no font download, no raw HTML.

pyvis's own template loads bootstrap and vis-network from CDNs and passes tooltips to the page as
HTML; this module replaces it with a small template of its own:

- vis-network's JS and CSS are read from the copy bundled inside the installed pyvis package and
  inlined, so the page works from ``file://`` and makes no network request;
- a Content-Security-Policy forbids every fetch (``default-src 'none'``) and allows only the page's own
  scripts, by their sha256 hashes, so even an injected ``onerror=`` attribute could not run;
- the data travels as JSON inside a ``<script>`` with ``<``, ``>`` and ``&`` escaped, and tooltips are
  built in the page with ``textContent``: document text is always shown as text, never parsed as HTML.

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


_PAGE_CSS = """
html, body { margin: 0; height: 100%; font-family: system-ui, -apple-system, "Segoe UI", sans-serif;
  font-size: 13px; color: #222; background: #fff; }
body { display: flex; }
#panel { flex: none; width: 270px; height: 100%; box-sizing: border-box; overflow: auto;
  border-right: 1px solid #ddd; padding: 10px 12px; background: #fafafa; }
#graph { flex: 1; height: 100%; min-width: 0; position: relative; }
#panel h1 { font-size: 14px; margin: 0 0 2px; }
#panel .subtitle { color: #555; margin: 0 0 6px; }
#legend h2 { font-size: 12px; margin: 8px 0 3px; text-transform: uppercase; letter-spacing: .04em;
  color: #555; }
#legend label, #legend .rel { display: flex; align-items: center; gap: 6px; margin: 2px 0; cursor: pointer; }
#legend .rel { cursor: default; }
.swatch { width: 12px; height: 12px; flex: none; border: 1px solid rgba(0,0,0,.25); }
.swatch.dot, .swatch.ellipse, .swatch.circle { border-radius: 50%; }
.swatch.triangle { clip-path: polygon(50% 0, 100% 100%, 0 100%); }
.swatch.diamond { transform: rotate(45deg) scale(.8); }
.line { width: 22px; height: 0; flex: none; border-top: 3px solid; }
.line.dashed { border-top-style: dashed; }
.count { color: #777; margin-left: auto; }
#timebar { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; margin: 4px 0 2px; }
#timebar input[type=range] { flex: 1; }
#unknown-toggle { flex-basis: 100%; font-size: 13px; }
#year-counts { flex-basis: 100%; font-size: 13px; color: #444; }
#year { font-weight: 600; font-size: 16px; min-width: 3em; text-align: right; }
button { font: inherit; padding: 1px 8px; }
#tooltip { display: none; position: absolute; z-index: 3; max-width: 420px; padding: 6px 8px;
  font-size: 12px; background: #fffff4; border: 1px solid #bbb; border-radius: 4px;
  box-shadow: 0 2px 6px rgba(0,0,0,.15); pointer-events: none; }
.tip-title { font-weight: 600; margin-bottom: 2px; }
.tip-line { white-space: pre-wrap; overflow-wrap: anywhere; }
.tip-quote { white-space: pre-wrap; color: #444; border-left: 2px solid #ccc; padding-left: 6px;
  margin: 2px 0; }
"""

# Runs in the page: builds the DataSets, tooltips (as text) and the network; exposes window.instgraph.
_PAGE_JS_TEMPLATE = r"""
(function () {
  "use strict";
  var marks = { scriptStart: performance.now() };
  var DATA = JSON.parse(document.getElementById("instgraph-data").textContent);
  marks.parsed = performance.now();
  function tipBox(lines) {
    // Tooltips are built from text nodes only: document text can never become markup.
    var box = document.createElement("div");
    lines.forEach(function (line, i) {
      var el = document.createElement("div");
      el.className = i === 0 ? "tip-title" : (line.charAt(0) === "\u201c" ? "tip-quote" : "tip-line");
      el.textContent = line;
      box.appendChild(el);
    });
    return box;
  }
  __STATUS__
  var slider = document.getElementById("year-slider");
  var hideBox = document.getElementById("hide-unknown");
  var state = { year: slider ? parseInt(slider.value, 10) : null, hiddenTypes: {}, firstPaintMs: null,
                drawn: false, marks: marks, hideUnknown: hideBox ? hideBox.checked : false,
                counts: { holds: 0, unknown: 0 } };
  var FAINT = 0.2;
  var byId = { node: {}, edge: {} };
  // vis-network gets slim items (no tooltips, no years): it parses every field of every item.
  var TIME_KEYS = { known_years: 1, not_before: 1, not_after: 1 };
  function slim(item) {
    var copy = {};
    for (var k in item) {
      if (k !== "tip" && !TIME_KEYS[k]) { copy[k] = item[k]; }
    }
    return copy;
  }
  function visibility() {
    // Each item's look in the current year: "holds" (drawn normally), "unknown" (faint, or hidden by the
    // toggle) or null (hidden: it does not hold, or its type is switched off). An edge needs both ends
    // drawn, and is faint when it or an end is unknown.
    // The counts ignore the toggle: hiding unknown facts does not make them fewer.
    var all = {}, look = {}, counts = { holds: 0, unknown: 0 };
    function present(st, typeHidden) { return (typeHidden || st === "does not hold") ? null : st; }
    function drawnAs(st) { return (st === "unknown" && state.hideUnknown) ? null : st; }
    DATA.nodes.forEach(function (n) {
      var s = present(status(n, state.year), state.hiddenTypes[n.group]);
      all[n.id] = s;
      look[n.id] = drawnAs(s);
      if (s) { counts[s] += 1; }
    });
    var edgeLook = {};
    DATA.edges.forEach(function (e) {
      var a = all[e.from], b = all[e.to], s = null;
      if (a && b) {
        s = present(status(e, state.year), false);
        if (s === "holds" && (a === "unknown" || b === "unknown")) { s = "unknown"; }
      }
      if (s) { counts[s] += 1; }
      edgeLook[e.id] = (s && look[e.from] && look[e.to]) ? drawnAs(s) : null;
    });
    return { nodes: look, edges: edgeLook, counts: counts };
  }
  function nodeStyle(look) { return look === "unknown" ? FAINT : 1; }
  function edgeColour(e, look) { return { color: e.color, opacity: look === "unknown" ? FAINT : 1 }; }
  var countsLabel = document.getElementById("year-counts");
  function showCounts(counts) {
    state.counts = counts;
    if (countsLabel) {
      countsLabel.textContent = counts.holds + " hold \u00b7 " + counts.unknown + " unknown" +
        (state.hideUnknown ? " (hidden)" : "");
    }
  }
  var initial = visibility();
  showCounts(initial.counts);
  var drawn = { node: initial.nodes, edge: initial.edges };
  var lazyLabels = DATA.page.lazyLabels;
  var nodes = new vis.DataSet(DATA.nodes.map(function (n) {
    byId.node[n.id] = n;
    var item = slim(n);
    if (lazyLabels) { delete item.label; }
    if (!initial.nodes[n.id]) { item.hidden = true; }  // only when needed: every field costs a parse
    else if (initial.nodes[n.id] === "unknown") { item.opacity = FAINT; }
    return item;
  }));
  var edges = new vis.DataSet(DATA.edges.map(function (e) {
    byId.edge[e.id] = e;
    var item = slim(e);
    if (!initial.edges[e.id]) { item.hidden = true; }
    else if (initial.edges[e.id] === "unknown") { item.color = edgeColour(e, "unknown"); }
    return item;
  }));
  marks.dataSets = performance.now();
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, DATA.options);
  marks.network = performance.now();
  network.once("afterDrawing", function () {
    state.firstPaintMs = performance.now();
    state.drawn = true;
    document.body.setAttribute("data-drawn", "1");
  });
  network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); });

  if (lazyLabels) {
    var labelled = false;
    var fontSize = (DATA.options.nodes && DATA.options.nodes.font && DATA.options.nodes.font.size) || 14;
    network.on("zoom", function () {
      if (labelled || network.getScale() * fontSize < DATA.page.labelMinPx) { return; }
      labelled = true;
      nodes.update(DATA.nodes.map(function (n) { return { id: n.id, label: n.label }; }));
    });
  }

  var tooltip = document.createElement("div");
  tooltip.id = "tooltip";
  tooltip.setAttribute("role", "tooltip");
  container.appendChild(tooltip);
  function showTip(kind, params) {
    var item = byId[kind][params[kind]];
    if (!item || !item.tip) { return; }
    tooltip.replaceChildren(tipBox(item.tip));
    var x = params.pointer.DOM.x + 14, y = params.pointer.DOM.y + 14;
    tooltip.style.display = "block";
    var maxX = container.clientWidth - tooltip.offsetWidth - 4;
    var maxY = container.clientHeight - tooltip.offsetHeight - 4;
    tooltip.style.left = Math.max(4, Math.min(x, maxX)) + "px";
    tooltip.style.top = Math.max(4, Math.min(y, maxY)) + "px";
  }
  function hideTip() { tooltip.style.display = "none"; }
  network.on("hoverNode", function (p) { showTip("node", p); });
  network.on("hoverEdge", function (p) { showTip("edge", p); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  function apply() {
    // Only items whose look changes are sent to vis-network.
    var next = visibility();
    var nodeUpdates = [], edgeUpdates = [];
    for (var id in next.nodes) {
      var was = drawn.node[id], now = next.nodes[id];
      if (was === now) { continue; }
      var u = { id: id, hidden: !now };
      if (now) { u.opacity = nodeStyle(now); }
      nodeUpdates.push(u);
    }
    for (var eid in next.edges) {
      var ewas = drawn.edge[eid], enow = next.edges[eid];
      if (ewas === enow) { continue; }
      var eu = { id: eid, hidden: !enow };
      if (enow) { eu.color = edgeColour(byId.edge[eid], enow); }
      edgeUpdates.push(eu);
    }
    drawn = { node: next.nodes, edge: next.edges };
    if (nodeUpdates.length) { nodes.update(nodeUpdates); }
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
    showCounts(next.counts);
  }
  if (hideBox) {
    hideBox.addEventListener("change", function () { state.hideUnknown = hideBox.checked; apply(); });
  }
  function lookOf(kind, id) { return drawn[kind][id] || null; }
  function visibleNodes() { return nodes.get({ filter: function (n) { return !n.hidden; } }); }
  function visibleEdges() { return edges.get({ filter: function (e) { return !e.hidden; } }); }

  document.querySelectorAll("#legend input[data-type]").forEach(function (box) {
    box.addEventListener("change", function () {
      state.hiddenTypes[box.getAttribute("data-type")] = !box.checked;
      apply();
    });
  });

  var yearLabel = document.getElementById("year");
  var timer = null;
  function setYear(y) {
    state.year = y;
    if (slider) { slider.value = String(y); }
    if (yearLabel) { yearLabel.textContent = String(y); }
    apply();
  }
  if (slider) {
    slider.addEventListener("input", function () { setYear(parseInt(slider.value, 10)); });
    var play = document.getElementById("play");
    play.addEventListener("click", function () {
      if (timer !== null) { clearInterval(timer); timer = null; play.textContent = "\u25B6 Play"; return; }
      if (parseInt(slider.value, 10) >= parseInt(slider.max, 10)) { setYear(parseInt(slider.min, 10)); }
      play.textContent = "\u23F8 Pause";
      timer = setInterval(function () {
        var y = parseInt(slider.value, 10) + 1;
        if (y > parseInt(slider.max, 10)) {
          clearInterval(timer); timer = null; play.textContent = "\u25B6 Play"; return;
        }
        setYear(y);
      }, 700);
    });
  }
  function tooltipFor(kind, id) {
    // The tooltip a hover would show, at the top left (for tests and scripted tours).
    var p = {}; p[kind] = id; p.pointer = { DOM: { x: 0, y: 0 } };
    showTip(kind, p);
    return tooltip;
  }
  function setHideUnknown(flag) { state.hideUnknown = !!flag; if (hideBox) { hideBox.checked = !!flag; } apply(); }
  window.instgraph = { network: network, nodes: nodes, edges: edges, state: state, setYear: setYear,
                       visibleNodes: visibleNodes, visibleEdges: visibleEdges, tooltipFor: tooltipFor,
                       setHideUnknown: setHideUnknown, lookOf: lookOf };
})();
"""
_PAGE_JS = _PAGE_JS_TEMPLATE.replace("__STATUS__", js_status())  # the as-of rule, rendered from its declaration


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
) -> str:
    """The whole page as one string. ``legend_html`` and ``controls_html`` must already be escaped markup.

    Node and edge dicts are vis-network items, except that ``tip`` (a list of plain-text lines) becomes
    the tooltip, built with ``textContent``, and ``start``/``end`` drive the year slider. With
    ``lazy_labels`` (large views) node labels reach vis-network only when the user zooms in far enough to
    read them: laying out thousands of labels nobody can read was a quarter of the first paint.
    """
    js, css = vis_assets()
    page = {"lazyLabels": lazy_labels, "labelMinPx": LABEL_MIN_PX}
    data_json = script_json({"nodes": nodes, "edges": edges, "options": options, "page": page})
    csp = "; ".join(
        (
            "default-src 'none'",
            f"script-src {_csp_hash(js)} {_csp_hash(_PAGE_JS)}",
            "style-src 'unsafe-inline'",
            "img-src data:",
            "font-src 'none'",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )
    return "\n".join(
        (
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(title)}</title>",
            f"<style>{css}</style>",
            f"<style>{_PAGE_CSS}</style>",
            "</head>",
            "<body>",
            '<div id="panel">',
            f"<h1>{html.escape(title)}</h1>",
            f'<p class="subtitle">{html.escape(subtitle)}</p>',
            controls_html,
            f'<div id="legend">{legend_html}</div>',
            "</div>",
            '<div id="graph"></div>',
            f'<script type="application/json" id="instgraph-data">{data_json}</script>',
            f"<script>{js}</script>",
            f"<script>{_PAGE_JS}</script>",
            "</body>",
            "</html>",
        )
    )


def iframe(page: str, height: int = 640) -> str:
    """The page inside a sandboxed ``<iframe srcdoc>``, for Jupyter's ``_repr_html_``."""
    return (
        f'<iframe srcdoc="{html.escape(page, quote=True)}" sandbox="allow-scripts" '
        f'style="width: 100%; height: {int(height)}px; border: 1px solid #ddd;"></iframe>'
    )

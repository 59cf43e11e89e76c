// The page's data, its filter state and what each item looks like under it. Concatenated with the other
// assets inside one function (viz/offline.py); document text only ever reaches the page as textContent.
var marks = { scriptStart: performance.now() };
var DATA = JSON.parse(document.getElementById("instgraph-data").textContent);
marks.parsed = performance.now();
var PAGE = DATA.page;
__STATUS__
var slider = document.getElementById("year-slider");
var hideBox = document.getElementById("hide-unknown");
var state = {
  year: slider ? parseInt(slider.value, 10) : null, hiddenTypes: {}, hiddenRels: {}, hiddenMethods: {},
  minConfidence: 0, country: "", expanded: {}, shown: {}, hideUnknown: hideBox ? hideBox.checked : false,
  firstPaintMs: null, drawn: false, labelsReady: false, marks: marks, counts: { holds: 0, unknown: 0 }
};
var FAINT = 0.2;
var byId = { node: {}, edge: {} };
var incident = {};  // node id -> ids of the edges that touch it (in the page's data, whatever is shown)
// vis-network gets slim items: it parses every field of every item, and these are the page's own.
var PAGE_KEYS = { tip: 1, ev: 1, known_years: 1, not_before: 1, not_after: 1, rel: 1, method: 1,
                  confidence: 1, country: 1, aliases: 1, outer: 1, label: 1, derived: 1 };
function slim(item) {
  var copy = {};
  for (var k in item) { if (!PAGE_KEYS[k]) { copy[k] = item[k]; } }
  return copy;
}
DATA.nodes.forEach(function (n) { byId.node[n.id] = n; incident[n.id] = []; });
DATA.edges.forEach(function (e) {
  byId.edge[e.id] = e;
  incident[e.from].push(e.id);
  if (e.to !== e.from) { incident[e.to].push(e.id); }
});
function relOf(e) { return e.rel || ""; }
function methodOf(e) { return e.method || "curated"; }
function confidenceOf(e) { return e.confidence == null ? 1 : e.confidence; }
function otherEnd(e, id) { return e.from === id ? e.to : e.from; }

// --- the filter state as read from the page's controls, then from its address ---------------------
document.querySelectorAll("#legend input[data-type]").forEach(function (box) {
  if (!box.checked) { state.hiddenTypes[box.getAttribute("data-type")] = true; }
});
document.querySelectorAll("#legend input[data-rel]").forEach(function (box) {
  if (!box.checked) { state.hiddenRels[box.getAttribute("data-rel")] = true; }
});
function listOf(text) {
  var out = {};
  text.split(",").forEach(function (t) { if (t) { out[t] = true; } });
  return out;
}
function readHash() {
  // #y=2007&t=Document,Programme&r=MENTIONED_IN&m=&c=0.5&k=KOR&u=1&x=id,id&f=id (each value URI-encoded)
  var found = {};
  location.hash.replace(/^#/, "").split("&").forEach(function (part) {
    var at = part.indexOf("=");
    if (at > 0) { found[part.slice(0, at)] = decodeURIComponent(part.slice(at + 1)); }
  });
  if (found.t !== undefined) { state.hiddenTypes = listOf(found.t); }
  if (found.r !== undefined) { state.hiddenRels = listOf(found.r); }
  if (found.m !== undefined) { state.hiddenMethods = listOf(found.m); }
  if (found.x !== undefined) { state.expanded = listOf(found.x); }
  if (found.c !== undefined && !isNaN(parseFloat(found.c))) { state.minConfidence = parseFloat(found.c); }
  if (found.k !== undefined) { state.country = found.k; }
  if (found.u !== undefined) { state.hideUnknown = found.u === "1"; }
  if (slider && found.y !== undefined && !isNaN(parseInt(found.y, 10))) {
    var y = parseInt(found.y, 10);
    state.year = Math.max(parseInt(slider.min, 10), Math.min(parseInt(slider.max, 10), y));
  }
  return found;
}
var fromHash = readHash();
function keys(obj) { return Object.keys(obj).filter(function (k) { return obj[k]; }).sort(); }
function writeHash() {
  var parts = ["t=" + keys(state.hiddenTypes), "r=" + keys(state.hiddenRels), "m=" + keys(state.hiddenMethods)];
  if (state.year !== null) { parts.unshift("y=" + state.year); }
  if (state.minConfidence > 0) { parts.push("c=" + state.minConfidence); }
  if (state.country) { parts.push("k=" + state.country); }
  if (state.hideUnknown) { parts.push("u=1"); }
  if (keys(state.expanded).length) { parts.push("x=" + keys(state.expanded)); }
  if (state.focus) { parts.push("f=" + state.focus); }
  var hash = "#" + parts.map(function (p) {
    var at = p.indexOf("=");
    return p.slice(0, at + 1) + encodeURIComponent(p.slice(at + 1));
  }).join("&");
  try { history.replaceState(null, "", hash); } catch (err) { location.hash = hash; }
}

// --- what is drawn ------------------------------------------------------------------------------------
function countryKeeps() {
  // With a country chosen: its entities, and entities of unknown country tied to one of them.
  if (!state.country) { return null; }
  var keep = {};
  DATA.nodes.forEach(function (n) { if ((n.country || "unknown") === state.country) { keep[n.id] = true; } });
  if (state.country !== "unknown") {
    DATA.edges.forEach(function (e) {
      var a = byId.node[e.from], b = byId.node[e.to];
      if (keep[a.id] && !b.country) { keep[b.id] = true; }
      if (keep[b.id] && !a.country) { keep[a.id] = true; }
    });
  }
  return keep;
}
function edgePasses(e) {
  if (state.expanded[e.from] || state.expanded[e.to]) { return true; }  // an expanded node shows all its ties
  return !state.hiddenRels[relOf(e)] && !state.hiddenMethods[methodOf(e)] &&
    confidenceOf(e) >= state.minConfidence;
}
function expandedNeighbours() {
  var shown = {};
  keys(state.expanded).forEach(function (id) {
    if (!byId.node[id]) { return; }
    shown[id] = true;
    incident[id].forEach(function (eid) { shown[otherEnd(byId.edge[eid], id)] = true; });
  });
  for (var id in state.shown) { shown[id] = true; }
  return shown;
}
function visibility() {
  // Each item's look: "holds" (drawn normally), "unknown" (faint, or hidden by the toggle) or null
  // (hidden: it does not hold in the year, or a filter hides it). An edge needs both ends drawn and is
  // faint when it or an end is unknown. The counts ignore the toggle: hiding unknown facts does not
  // make them fewer. Nodes an expansion (or a search) brought in are shown whatever the filters say.
  var all = {}, look = {}, counts = { holds: 0, unknown: 0 };
  var forced = expandedNeighbours(), inCountry = countryKeeps();
  function drawnAs(st) { return (st === "unknown" && state.hideUnknown) ? null : st; }
  DATA.nodes.forEach(function (n) {
    var s = status(n, state.year);
    if (s === "does not hold") { s = null; }
    else if (!forced[n.id] && (n.outer || state.hiddenTypes[n.group] || (inCountry && !inCountry[n.id]))) {
      s = null;
    }
    all[n.id] = s;
    look[n.id] = drawnAs(s);
    if (s) { counts[s] += 1; }
  });
  var edgeLook = {};
  DATA.edges.forEach(function (e) {
    var a = all[e.from], b = all[e.to], s = null;
    if (a && b && edgePasses(e)) {
      s = status(e, state.year);
      if (s === "does not hold") { s = null; }
      else if (s === "holds" && (a === "unknown" || b === "unknown")) { s = "unknown"; }
    }
    if (s) { counts[s] += 1; }
    edgeLook[e.id] = (s && look[e.from] && look[e.to]) ? drawnAs(s) : null;
  });
  return { nodes: look, edges: edgeLook, counts: counts };
}
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
var lazyLabels = PAGE.lazyLabels;
var nodes = new vis.DataSet(DATA.nodes.map(function (n) {
  var item = slim(n);
  if (!lazyLabels) { item.label = n.label; }
  if (!initial.nodes[n.id]) { item.hidden = true; }  // only when needed: every field costs a parse
  else if (initial.nodes[n.id] === "unknown") { item.opacity = FAINT; }
  return item;
}));
var edges = new vis.DataSet(DATA.edges.map(function (e) {
  var item = slim(e);  // edge labels come on hover or when zoomed in (labels.js)
  if (!initial.edges[e.id]) { item.hidden = true; }
  else if (initial.edges[e.id] === "unknown") { item.color = edgeColour(e, "unknown"); }
  return item;
}));
marks.dataSets = performance.now();
var container = document.getElementById("graph");
var network = new vis.Network(container, { nodes: nodes, edges: edges }, DATA.options);
marks.network = performance.now();
var afterApply = [];  // what other parts redo once the drawn items change (labels, the side panel)
function apply() {
  // Only items whose look changes are sent to vis-network.
  var next = visibility();
  var nodeUpdates = [], edgeUpdates = [];
  for (var id in next.nodes) {
    var was = drawn.node[id], now = next.nodes[id];
    if (was === now) { continue; }
    var u = { id: id, hidden: !now };
    if (now) { u.opacity = now === "unknown" ? FAINT : 1; }
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
  writeHash();
  afterApply.forEach(function (f) { f(); });
}
function lookOf(kind, id) { return drawn[kind][id] || null; }
function visibleNodes() { return nodes.get({ filter: function (n) { return !n.hidden; } }); }
function visibleEdges() { return edges.get({ filter: function (e) { return !e.hidden; } }); }
network.once("afterDrawing", function () {
  state.firstPaintMs = performance.now();
  state.drawn = true;
  document.body.setAttribute("data-drawn", "1");
});

// Tooltips, the side panel (with "expand"), and the search box. Every line is set with textContent.
var MAX_TIP_CITATIONS = PAGE.maxTipCitations;
function lineBox(lines, titled) {
  var box = document.createElement("div");
  lines.forEach(function (line, i) {
    var el = document.createElement("div");
    el.className = (titled && i === 0) ? "tip-title" : (line.charAt(0) === "\u201c" ? "tip-quote" : "tip-line");
    el.textContent = line;
    box.appendChild(el);
  });
  return box;
}
function citations(ev, limit) {
  // ev: [where, quote, where, quote, ...] (a quote may be ""); at most `limit` citations, the rest counted.
  var lines = [], n = ev ? ev.length / 2 : 0;
  for (var i = 0; i < n && (limit === null || i < limit); i++) {
    lines.push(ev[2 * i]);
    if (ev[2 * i + 1]) { lines.push(ev[2 * i + 1]); }
  }
  if (limit !== null && n > limit) { lines.push("\u2026 and " + (n - limit) + " more citations"); }
  return lines;
}
function tipLines(kind, item, limit) {
  // The item's own lines, with what the page knows itself: an edge's type, ends, method and confidence
  // and cited lines (at most `limit`), a node's id.
  if (kind === "node") { return (item.tip || [item.label]).concat(["id: " + item.id]); }
  var arrow = (item.arrows && item.arrows.to && item.arrows.to.enabled === false) ? " \u2014 " : " \u2192 ";
  var lines = [relOf(item), byId.node[item.from].label + arrow + byId.node[item.to].label].concat(item.tip || []);
  if (!item.derived) { lines.push(methodOf(item) + ", confidence " + confidenceOf(item)); }
  if (limit !== 0 && item.ev && item.ev.length) {  // the side panel lists them all in a section of its own
    lines.push("Evidence:");
    lines = lines.concat(citations(item.ev, limit));
  }
  return lines;
}
var tooltip = document.createElement("div");
tooltip.id = "tooltip";
tooltip.setAttribute("role", "tooltip");
container.appendChild(tooltip);
function showTip(kind, params) {
  var item = byId[kind][params[kind]];
  if (!item) { return; }
  tooltip.replaceChildren(lineBox(tipLines(kind, item, MAX_TIP_CITATIONS), true));
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
function tooltipFor(kind, id) {
  // The tooltip a hover would show, at the top left (for tests and scripted tours).
  var p = {}; p[kind] = id; p.pointer = { DOM: { x: 0, y: 0 } };
  showTip(kind, p);
  return tooltip;
}

// --- the side panel ---------------------------------------------------------------------------------
var details = document.createElement("div");  // in the graph's box, which vis-network empties first
details.id = "details";
details.setAttribute("role", "dialog");
details.setAttribute("aria-label", "details");
container.appendChild(details);
function section(title, lines) {
  var h = document.createElement("h3");
  h.textContent = title;
  details.appendChild(h);
  details.appendChild(lineBox(lines, false));
}
function nodeCitations(id) {
  // Every cited line about the entity: its own, then those of each relationship it takes part in.
  var lines = citations(byId.node[id].ev, null);
  incident[id].forEach(function (eid) {
    var e = byId.edge[eid];
    if (!e.ev || !e.ev.length) { return; }
    var other = byId.node[otherEnd(e, id)];
    lines.push(relOf(e) + " \u00b7 " + other.label);
    lines = lines.concat(citations(e.ev, null));
  });
  return lines;
}
function showDetails(kind, id) {
  var item = byId[kind][id];
  if (!item) { return; }
  details.replaceChildren();
  var close = document.createElement("button");
  close.type = "button"; close.className = "close"; close.textContent = "\u00d7";
  close.setAttribute("aria-label", "close");
  close.addEventListener("click", hideDetails);
  details.appendChild(close);
  details.appendChild(lineBox(tipLines(kind, item, 0), true));
  if (kind === "node") {
    var expand = document.createElement("button");
    expand.type = "button"; expand.id = "expand";
    expand.textContent = state.expanded[id] ? "Collapse neighbourhood" : "Expand neighbourhood";
    expand.addEventListener("click", function () { toggleExpand(id); });
    details.appendChild(expand);
  }
  var cited = kind === "node" ? nodeCitations(id) : citations(item.ev, null);
  section("Cited lines", cited.length ? cited : ["none"]);
  details.style.display = "block";
  details.setAttribute("data-for", id);
}
function hideDetails() { details.style.display = "none"; details.removeAttribute("data-for"); }
function toggleExpand(id) {
  // Show (or stop showing) every neighbour the page holds, whatever the filters hide.
  if (state.expanded[id]) { delete state.expanded[id]; } else { state.expanded[id] = true; }
  apply();
  showDetails("node", id);
}
network.on("click", function (p) {
  if (p.nodes.length) { showDetails("node", p.nodes[0]); }
  else if (p.edges.length) { showDetails("edge", p.edges[0]); }
  else { hideDetails(); }
});

// --- search -----------------------------------------------------------------------------------------
var searchBox = document.getElementById("search");
var matchList = document.getElementById("matches");
var MAX_MATCHES = 12;
function plain(text) { return String(text).toLocaleLowerCase(); }
function search(query) {
  // Node ids whose name or an alias contains the query (ignoring case): names starting with it first.
  var q = plain(query).trim();
  if (!q) { return []; }
  var found = [];
  DATA.nodes.forEach(function (n) {
    var names = [n.label].concat(n.aliases || []).map(plain);
    var rank = 3;
    names.forEach(function (s) {
      if (s === q) { rank = Math.min(rank, 0); }
      else if (s.indexOf(q) === 0) { rank = Math.min(rank, 1); }
      else if (s.indexOf(q) >= 0) { rank = Math.min(rank, 2); }
    });
    if (rank < 3) { found.push([rank, n.label.length, n.id]); }
  });
  found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : 1); });
  return found.map(function (f) { return f[2]; });
}
function focusNode(id) {
  // Bring the node into view (shown even if a filter hid it), select it and its neighbours.
  if (!byId.node[id]) { return; }
  state.focus = id;
  if (!drawn.node[id]) { state.shown[id] = true; }
  apply();
  var neighbours = [], ties = [];
  incident[id].forEach(function (eid) {
    if (!drawn.edge[eid]) { return; }
    ties.push(eid);
    neighbours.push(otherEnd(byId.edge[eid], id));
  });
  network.setSelection({ nodes: [id].concat(neighbours), edges: ties }, { highlightEdges: false });
  showDetails("node", id);
  // In the middle of what the side panel leaves free.
  var offset = { x: -Math.min(details.offsetWidth + 16, container.clientWidth / 2) / 2, y: 0 };
  // Close enough to read, far enough to see the neighbours (room for the panel and the labels).
  network.fit({ nodes: [id].concat(neighbours), animation: false });
  var scale = Math.min(network.getScale() * 0.6, 1.5);
  network.focus(id, { scale: scale, offset: offset, animation: false });
  writeHash();
}
function showMatches() {
  matchList.replaceChildren();
  search(searchBox.value).slice(0, MAX_MATCHES).forEach(function (id) {
    var n = byId.node[id];
    var b = document.createElement("button");
    b.type = "button";
    b.className = "match";
    b.setAttribute("data-id", id);
    b.textContent = n.label + " \u00b7 " + n.group;
    b.addEventListener("click", function () { focusNode(id); });
    matchList.appendChild(b);
  });
}
if (searchBox) {
  searchBox.addEventListener("input", showMatches);
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") { return; }
    var first = search(searchBox.value)[0];
    if (first) { focusNode(first); }
  });
}
afterApply.push(function () {
  var open = details.getAttribute("data-for");
  if (open && !byId.node[open] && !byId.edge[open]) { hideDetails(); }
});

// Readable labels. Small views: node labels keep one size on screen, and a label is drawn only where it
// overlaps no more important one (bigger node first), so zooming in makes room for more. Large views:
// labels come once zoomed in far enough to read them. Edge labels: on hover, or all once zoomed in.
var LABEL_PX = PAGE.labelPx, LABEL_GAP = 3, EDGE_LABELS_AT = PAGE.edgeLabelScale;
var fontFace = (DATA.options.nodes && DATA.options.nodes.font && DATA.options.nodes.font.face) || "sans-serif";
var measureCtx = document.createElement("canvas").getContext("2d");
var textWidth = {};
function widthOf(text) {
  // Width in screen pixels at LABEL_PX (vis-network draws labels with the same face).
  if (textWidth[text] === undefined) {
    measureCtx.font = LABEL_PX + "px " + fontFace;
    textWidth[text] = measureCtx.measureText(text).width;
  }
  return textWidth[text];
}
var INSIDE = { box: 1, ellipse: 1, circle: 1, database: 1, text: 1 };
function shapeOf(n) {
  var g = DATA.options.groups && DATA.options.groups[n.group];
  return (g && g.shape) || "dot";
}
function labelBox(n, scale) {
  // Where the node's label would sit on screen: inside box-like shapes, below the others.
  var body = network.body.nodes[n.id];
  var at = network.canvasToDOM({ x: body.x, y: body.y });
  var w = widthOf(n.label) + 2 * LABEL_GAP, h = LABEL_PX * 1.25 + 2 * LABEL_GAP;
  if (INSIDE[shapeOf(n)]) { return { l: at.x - w / 2 - 5, t: at.y - h / 2 - 5, r: at.x + w / 2 + 5, b: at.y + h / 2 + 5 }; }
  var top = at.y + (body.options.size || 10) * scale + 3 - LABEL_GAP;
  return { l: at.x - w / 2, t: top, r: at.x + w / 2, b: top + h };
}
function overlaps(a, b) { return a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b; }
var labelShown = {};
function declutter() {
  if (lazyLabels || !state.drawn) { return; }
  var scale = network.getScale();
  var order = DATA.nodes.filter(function (n) { return drawn.node[n.id]; });
  // What holds in the year before what is unknown (drawn faint), then bigger nodes first.
  function rank(n) { return drawn.node[n.id] === "holds" ? 0 : 1; }
  order.sort(function (a, b) {
    return rank(a) - rank(b) || (b.value || 0) - (a.value || 0) || (a.id < b.id ? -1 : 1);
  });
  var placed = [], updates = [];
  var font = { size: LABEL_PX / scale, color: "#222222" };
  var faint = { size: LABEL_PX / scale, color: "rgba(34,34,34,0.4)" };
  order.forEach(function (n) {
    var box = labelBox(n, scale);
    var free = n.label && placed.every(function (p) { return !overlaps(box, p); });
    if (free) { placed.push(box); }
    var u = { id: n.id, label: free ? n.label : null, font: drawn.node[n.id] === "unknown" ? faint : font };
    // A box-like shape is as big as its label: without one it becomes a square of its colour.
    if (INSIDE[shapeOf(n)]) { u.shape = free ? shapeOf(n) : "square"; }
    updates.push(u);
    labelShown[n.id] = !!free;
  });
  nodes.update(updates);
  state.labelsReady = true;
}
var edgeLabelsOn = false;
function edgeLabels() {
  if (lazyLabels) { return; }
  var on = network.getScale() >= EDGE_LABELS_AT;
  if (on === edgeLabelsOn) { return; }
  edgeLabelsOn = on;
  edges.update(DATA.edges.map(function (e) { return { id: e.id, label: on ? (e.label || relOf(e)) : "" }; }));
}
var settle = null;
function relabel() {
  clearTimeout(settle);
  settle = setTimeout(function () { declutter(); edgeLabels(); }, 120);
}
if (!lazyLabels) {
  network.on("zoom", relabel);
  network.on("dragEnd", relabel);
  afterApply.push(relabel);
  network.once("afterDrawing", function () { fitAll(); declutter(); edgeLabels(); });
  network.on("hoverEdge", function (p) {
    if (!edgeLabelsOn) { var e = byId.edge[p.edge]; edges.update({ id: e.id, label: e.label || relOf(e) }); }
  });
  network.on("blurEdge", function (p) { if (!edgeLabelsOn) { edges.update({ id: p.edge, label: "" }); } });
} else {
  var labelled = false;
  var fontSize = (DATA.options.nodes && DATA.options.nodes.font && DATA.options.nodes.font.size) || 14;
  network.on("zoom", function () {
    if (labelled || network.getScale() * fontSize < PAGE.labelMinPx) { return; }
    labelled = true;
    nodes.update(DATA.nodes.map(function (n) { return { id: n.id, label: n.label }; }));
  });
  state.labelsReady = true;
}

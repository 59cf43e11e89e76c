// What tests and scripted tours reach: window.instgraph.
if (fromHash.f && byId.node[fromHash.f]) {
  network.once("afterDrawing", function () { focusNode(fromHash.f); });
}
window.instgraph = {
  network: network, nodes: nodes, edges: edges, state: state, setYear: setYear, apply: apply,
  visibleNodes: visibleNodes, visibleEdges: visibleEdges, tooltipFor: tooltipFor, lookOf: lookOf,
  setHideUnknown: setHideUnknown, search: search, focusNode: focusNode, showDetails: showDetails,
  toggleExpand: toggleExpand, rearrange: rearrange, pngDataUrl: pngDataUrl, labelShown: labelShown,
  declutter: declutter, relOf: function (id) { return relOf(byId.edge[id]); }, outer: function (id) { return !!byId.node[id].outer; }
};

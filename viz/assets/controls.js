// The filter controls, the year slider, "re-arrange" and "Save as PNG".
function syncControls() {
  // The controls show the state (it may have come from the page's address).
  document.querySelectorAll("#legend input[data-type]").forEach(function (box) {
    box.checked = !state.hiddenTypes[box.getAttribute("data-type")];
  });
  document.querySelectorAll("#legend input[data-rel]").forEach(function (box) {
    box.checked = !state.hiddenRels[box.getAttribute("data-rel")];
  });
  document.querySelectorAll("#filters input[data-method]").forEach(function (box) {
    box.checked = !state.hiddenMethods[box.getAttribute("data-method")];
  });
  var conf = document.getElementById("min-confidence");
  if (conf) { conf.value = String(state.minConfidence); }
  var confLabel = document.getElementById("confidence-value");
  if (confLabel) { confLabel.textContent = state.minConfidence.toFixed(2); }
  var country = document.getElementById("country");
  if (country) { country.value = state.country; }
  if (hideBox) { hideBox.checked = state.hideUnknown; }
  if (slider && state.year !== null) {
    slider.value = String(state.year);
    document.getElementById("year").textContent = String(state.year);
  }
}
function onTick(selector, attr, hidden) {
  document.querySelectorAll(selector).forEach(function (box) {
    box.addEventListener("change", function () {
      hidden()[box.getAttribute(attr)] = !box.checked;
      apply();
    });
  });
}
onTick("#legend input[data-type]", "data-type", function () { return state.hiddenTypes; });
document.querySelectorAll("#legend input[data-with-rel]").forEach(function (box) {
  // One tick shows a type and its links (documents and the mentions that point at them).
  box.addEventListener("change", function () {
    state.hiddenRels[box.getAttribute("data-with-rel")] = !box.checked;
    syncControls();
    apply();
  });
});
onTick("#legend input[data-rel]", "data-rel", function () { return state.hiddenRels; });
onTick("#filters input[data-method]", "data-method", function () { return state.hiddenMethods; });
(function () {
  var conf = document.getElementById("min-confidence");
  if (conf) {
    conf.addEventListener("input", function () {
      state.minConfidence = parseFloat(conf.value);
      document.getElementById("confidence-value").textContent = state.minConfidence.toFixed(2);
      apply();
    });
  }
  var country = document.getElementById("country");
  if (country) { country.addEventListener("change", function () { state.country = country.value; apply(); }); }
  if (hideBox) { hideBox.addEventListener("change", function () { state.hideUnknown = hideBox.checked; apply(); }); }
})();

var yearLabel = document.getElementById("year");
var timer = null;
function fitAll() {
  // Everything drawn in view, labels included: they keep their size on screen, so a few rounds of zooming
  // out until the widest ones fit.
  network.fit({ animation: false });
  if (lazyLabels) { return; }
  var w = container.clientWidth, h = container.clientHeight;
  for (var round = 0; round < 3; round++) {
    var box = drawnBox();
    if (box.l === Infinity) { return; }
    var shrink = Math.min(1, (w - 8) / (box.r - box.l), (h - 8) / (box.b - box.t));
    var centre = network.DOMtoCanvas({ x: (box.l + box.r) / 2, y: (box.t + box.b) / 2 });
    network.moveTo({ position: centre, scale: network.getScale() * shrink, animation: false });
    if (shrink > 0.98) { return; }
  }
}
function drawnBox() {
  // The screen box around every drawn node and its label.
  var pos = network.getPositions(), box = { l: Infinity, r: -Infinity, t: Infinity, b: -Infinity };
  DATA.nodes.forEach(function (n) {
    if (!drawn.node[n.id] || !pos[n.id]) { return; }
    var at = network.canvasToDOM(pos[n.id]), half = widthOf(n.label) / 2 + 10;
    box.l = Math.min(box.l, at.x - half); box.r = Math.max(box.r, at.x + half);
    box.t = Math.min(box.t, at.y - 24); box.b = Math.max(box.b, at.y + 36);
  });
  return box;
}
function outOfView() {
  // Whether something drawn lies outside the canvas (it was hidden when the view was last fitted).
  var box = drawnBox();
  return box.l < 0 || box.t < 0 || box.r > container.clientWidth || box.b > container.clientHeight;
}
function setYear(y) {
  state.year = y;
  if (slider) { slider.value = String(y); }
  if (yearLabel) { yearLabel.textContent = String(y); }
  apply();
  if (!lazyLabels && outOfView()) { fitAll(); afterApply.forEach(function (f) { f(); }); }
}
function setHideUnknown(flag) { state.hideUnknown = !!flag; if (hideBox) { hideBox.checked = !!flag; } apply(); }
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

// "Re-arrange": a bounded run of the physics over what is drawn, then still. Hidden nodes would take part
// in vis-network's physics: they sit out this run.
var REARRANGE_STEPS = 250;
function rearrange() {
  state.arranged = false;
  var resting = DATA.nodes.filter(function (n) { return !drawn.node[n.id]; }).map(function (n) { return n.id; });
  nodes.update(resting.map(function (id) { return { id: id, physics: false }; }));
  network.setOptions({ physics: { enabled: true, solver: "forceAtlas2Based",
    forceAtlas2Based: { gravitationalConstant: -160, springLength: 190, avoidOverlap: 1 },
    stabilization: { enabled: true, iterations: REARRANGE_STEPS, fit: true } } });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    nodes.update(resting.map(function (id) { return { id: id, physics: true }; }));
    fitAll();
    state.arranged = true;
    afterApply.forEach(function (f) { f(); });
  });
  network.stabilize(REARRANGE_STEPS);
}
network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: false }); });

function pngDataUrl() {
  // The canvas as the user sees it, on white (the canvas itself is transparent).
  var canvas = container.querySelector("canvas");
  var out = document.createElement("canvas");
  out.width = canvas.width;
  out.height = canvas.height;
  var ctx = out.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(canvas, 0, 0);
  return out.toDataURL("image/png");
}
function savePng() {
  var link = document.createElement("a");
  link.href = pngDataUrl();
  link.download = PAGE.fileStem + ".png";
  document.body.appendChild(link);
  link.click();
  link.remove();
}
(function () {
  var button = document.getElementById("rearrange");
  if (button) { button.addEventListener("click", rearrange); }
  var png = document.getElementById("save-png");
  if (png) { png.addEventListener("click", savePng); }
})();
syncControls();

"""How fast a large view paints in headless Chromium: a synthetic 5 000-node, 10 000-edge graph.

Prints, for the network, timeline and collaboration views (each with its search box, filters and year
slider): the time to build the view in Python (layout included),
the page's size, and the first paint — ``performance.now()`` at vis-network's first ``afterDrawing``,
i.e. milliseconds since navigation started — and the renderer main thread's CPU time until then, which
is what the page would take on an idle core when the machine is busy. Beside it runs a baseline: the same
page with the browser's physics and ``improvedLayout`` on (what pyvis does by default), capped at
``--baseline-timeout`` seconds.

    .venv/bin/python benchmarks/view_paint.py [--nodes 5000] [--edges 10000] [--baseline-timeout 60]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from graph.model import Entity, Relationship
from graph.model.institutional_graph import InstitutionalGraph
from graph.model.schema import load_schema
from viz.screenshots import CHROMIUM, CHROMIUM_ARGS
from viz.views import View, collaboration_view, network_view, timeline_view


def synthetic_graph(n_nodes: int, n_edges: int, seed: int = 1) -> InstitutionalGraph:
    """Random entities of every schema type, and random schema-allowed relationships, some dated.

    Edges prefer nearby node numbers, so the graph has local structure like a real one.
    """
    rng = random.Random(seed)
    schema = load_schema()
    types = sorted(schema.node_types)
    g = InstitutionalGraph(schema)
    ids: list[str] = []
    type_of: list[str] = []
    for i in range(n_nodes):
        t = types[i % len(types)]
        start = rng.choice([None, rng.randint(1995, 2020)])
        end = None if start is None or rng.random() < 0.6 else start + rng.randint(0, 10)
        ids.append(g.add_entity(Entity(type=t, name=f"{t} {i}", start=start, end=end)).id)
        type_of.append(t)
    rels = sorted(schema.relationship_types.values(), key=lambda r: r.name)
    made = 0
    seen: set[tuple[int, int, str]] = set()
    while made < n_edges:
        u = rng.randrange(n_nodes)
        v = min(n_nodes - 1, max(0, u + int(rng.gauss(0, 40))))
        if u == v:
            continue
        allowed = [r for r in rels if type_of[u] in r.sources and type_of[v] in r.targets]
        if not allowed:
            continue
        rel = rng.choice(allowed)
        key = (min(u, v), max(u, v), rel.name) if rel.symmetric else (u, v, rel.name)
        if key in seen:
            continue
        seen.add(key)
        start = rng.choice([None, rng.randint(1995, 2020)])
        g.add_relationship(Relationship(type=rel.name, source=ids[u], target=ids[v], start=start))
        made += 1
    return g


def measure(browser: object, page_path: Path, timeout_s: float) -> tuple[float, float, dict[str, float]] | None:
    """First paint (ms since navigation), the renderer main thread's CPU seconds until then (Chrome's
    ``ThreadTime`` metric: what the page costs on an idle core, whatever else the machine runs) and the
    page's stage marks; None if it did not paint within ``timeout_s``.
    """
    page = browser.new_page(viewport={"width": 1280, "height": 800})  # type: ignore[attr-defined]
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    result = None
    try:
        page.goto(page_path.as_uri())
        page.wait_for_function("() => window.instgraph && window.instgraph.state.drawn", timeout=timeout_s * 1000)
        first, marks = page.evaluate("[window.instgraph.state.firstPaintMs, window.instgraph.state.marks]")
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        result = (float(first), float(metrics.get("ThreadTime", float("nan"))), marks)
    except Exception:  # noqa: BLE001 - a timeout is a result here, not a failure
        result = None
    finally:
        page.close()
    outside = [u for u in requests if not u.startswith("file://")]
    if outside:
        print(f"  WARNING: the page requested {outside[:3]}", file=sys.stderr)
    return result


def calibrate(browser: object) -> float:
    """Milliseconds a fixed JavaScript loop takes now: compare runs on a busy and an idle machine."""
    page = browser.new_page()  # type: ignore[attr-defined]
    ms = float(
        page.evaluate(
            "() => { const t = performance.now(); let x = 0;"
            " for (let i = 0; i < 1e8; i++) { x = (x + i * 7) % 1000003; } return performance.now() - t; }"
        )
    )
    page.close()
    return ms


def with_browser_physics(view: View) -> View:
    """The same view as pyvis would draw it: positions dropped, physics and improvedLayout on."""
    for item in view.network.nodes:
        item.pop("x", None)
        item.pop("y", None)
    view.options["physics"] = {"enabled": True}
    view.options["layout"] = {"improvedLayout": True}
    view.options["edges"]["smooth"] = {"type": "dynamic"}
    return view


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--edges", type=int, default=10000)
    parser.add_argument("--baseline-timeout", type=float, default=60.0)
    parser.add_argument("--runs", type=int, default=3, help="paint measurements per page (median reported)")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    t0 = time.perf_counter()
    graph = synthetic_graph(args.nodes, args.edges)
    print(
        f"graph: {len(graph)} nodes, {graph.graph.number_of_edges()} edges "
        f"(generated in {time.perf_counter() - t0:.1f} s); load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores",
        flush=True,
    )
    out = Path(tempfile.mkdtemp(prefix="instgraph-paint-"))
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            print(f"calibration: a fixed 1e8-step JS loop takes {calibrate(browser):.0f} ms here now", flush=True)
            views = (("network", network_view), ("timeline", timeline_view), ("collaboration", collaboration_view))
            for name, build in views:
                t0 = time.perf_counter()
                view = build(graph)
                built = time.perf_counter() - t0
                path = view.write(out / f"{name}.html")
                runs = [r for r in (measure(browser, path, 60) for _ in range(args.runs)) if r is not None]
                runs.sort(key=lambda r: r[0])
                if not runs:
                    print(f"{name:>13}: build {built:.2f} s; no paint within 60 s", flush=True)
                    continue
                median, cpu, marks = runs[len(runs) // 2]
                stages = (
                    f"script start {marks['scriptStart']:.0f}, data sets {marks['dataSets']:.0f}, "
                    f"network built {marks['network']:.0f}"
                )
                print(
                    f"{name:>13}: build {built:.2f} s, page {path.stat().st_size / 1e6:.1f} MB, "
                    f"first paint {median:.0f} ms wall, {cpu * 1000:.0f} ms main-thread CPU "
                    f"(runs: {', '.join(f'{r[0]:.0f}/{r[1] * 1000:.0f}' for r in runs)}; median run: {stages})",
                    flush=True,
                )
                if name == "network":
                    base_path = with_browser_physics(build(graph)).write(out / f"{name}-baseline.html")
                    base = measure(browser, base_path, args.baseline_timeout)
                    if base is None:
                        print(
                            f" baseline: browser physics (pyvis's default) did not paint within "
                            f"{args.baseline_timeout:.0f} s: over {args.baseline_timeout * 1000 / median:.0f}x "
                            "slower",
                            flush=True,
                        )
                    else:
                        print(
                            f" baseline: browser physics (pyvis's default) first paint {base[0]:.0f} ms wall, "
                            f"{base[1] * 1000:.0f} ms CPU: {base[0] / median:.1f}x slower",
                            flush=True,
                        )
        finally:
            browser.close()
    print(f"pages in {out}")


if __name__ == "__main__":
    main()

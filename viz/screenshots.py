"""Screenshots of the Korea graph's views for the README, taken in headless Chromium.

    .venv/bin/python -m viz.screenshots [OUT_DIR]      # default: docs/

Writes ``collaboration-2007.png`` and ``collaboration-2018.png`` (the collaboration view's slider at the
year MIC's and SMBA's programmes overlap, and after the 2017 reorganisation), ``timeline.png`` (the network
in 2007) and ``search.png`` (the search box in use, with the side panel open). Needs Debian's ``chromium``
and Playwright for Python (a dev dependency); Playwright never downloads a browser here.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from viz.views import collaboration_view, network_view, timeline_view

# Debian's Chromium and the flags every headless page here (screenshots, tests, benchmarks) runs with.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMELINE_YEAR = 2007
SEARCHED = "MSS"


def _at_year(year: int) -> Any:
    return lambda page: page.locator("#year-slider").fill(str(year))


def _searching(page: Any) -> None:
    page.fill("#search", SEARCHED)
    page.locator("#matches .match").first.click()
    page.fill("#search", SEARCHED)  # keep the matches listed in the picture


def take(out_dir: Path) -> list[Path]:
    """Write the README screenshots into ``out_dir``; returns their paths."""
    from playwright.sync_api import sync_playwright

    from loaders.dataset import korea_graph

    graph = korea_graph()
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = Path(tempfile.mkdtemp(prefix="instgraph-shots-"))
    collaboration = collaboration_view(graph).write(pages / "collaboration.html")
    shots = {
        "collaboration-2007": (collaboration, _at_year(2007)),
        "collaboration-2018": (collaboration, _at_year(2018)),
        "timeline": (timeline_view(graph).write(pages / "timeline.html"), _at_year(TIMELINE_YEAR)),
        "search": (network_view(graph).write(pages / "network.html"), _searching),
    }
    written = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            for name, (path, act) in shots.items():
                page = browser.new_page(viewport={"width": 1200, "height": 720}, device_scale_factor=2)
                page.goto(path.as_uri())
                page.wait_for_function("() => window.instgraph && window.instgraph.state.labelsReady", timeout=30_000)
                act(page)
                page.wait_for_timeout(400)
                target = out_dir / f"{name}.png"
                page.screenshot(path=str(target))
                written.append(target)
                page.close()
        finally:
            browser.close()
    return written


if __name__ == "__main__":
    for path in take(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs")):
        print(path)

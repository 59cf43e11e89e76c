"""Screenshots of the Korea graph's views for the README, taken in headless Chromium.

    .venv/bin/python -m viz.screenshots [OUT_DIR]      # default: docs/

Writes ``collaboration.png`` and ``timeline.png`` (the slider view, moved to 2007: the year MIC's and
SMBA's programmes overlap). Needs Debian's ``chromium`` and Playwright for Python (a dev dependency);
Playwright never downloads a browser here.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from viz.views import collaboration_view, timeline_view

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


def take(out_dir: Path) -> list[Path]:
    """Write the README screenshots into ``out_dir``; returns their paths."""
    from playwright.sync_api import sync_playwright

    from loaders.dataset import korea_graph

    graph = korea_graph()
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = Path(tempfile.mkdtemp(prefix="instgraph-shots-"))
    views = {
        "collaboration": (collaboration_view(graph), None),
        "timeline": (timeline_view(graph), TIMELINE_YEAR),
    }
    written = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            for name, (view, year) in views.items():
                page = browser.new_page(viewport={"width": 1200, "height": 720}, device_scale_factor=2)
                page.goto(view.write(pages / f"{name}.html").as_uri())
                page.wait_for_function("() => window.instgraph && window.instgraph.state.drawn", timeout=30_000)
                if year is not None:
                    page.locator("#year-slider").fill(str(year))
                page.wait_for_timeout(300)
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

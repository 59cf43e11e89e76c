"""Names, aliases, notes and evidence holding HTML or JavaScript show as text in every view, in a real
headless chromium: no dialog fires, no injected element exists, the text itself is on the page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.model import Entity, Evidence, Relationship
from graph.model.institutional_graph import InstitutionalGraph
from viz.views import build_all_views

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>alert('name')</script>",
    "<img src=x onerror=alert('img')>",
    "</script><script>alert('close')</script>",
    "<svg onload=alert('svg')>",
    '"><iframe src="javascript:alert(`frame`)">',
    "{{constructor.constructor('alert(1)')()}}",
    "javascript:alert('link')",
    "<!-- --><b id=injected>bold</b>",
]


def hostile_graph() -> InstitutionalGraph:
    g = InstitutionalGraph()
    doc = "document:" + "cd" * 8
    prog = g.add_entity(Entity(type="Programme", name=f"Programme {PAYLOADS[0]}", start=2005, end=2010))
    actors = []
    for i, text in enumerate(PAYLOADS):
        actors.append(
            g.add_entity(
                Entity(
                    type="Ministry" if i % 2 else "Agency",
                    name=f"Body {i} {text}",
                    aliases=(text,),
                    description=text,
                    start=2000,
                )
            )
        )
        g.add_relationship(
            Relationship(
                type="IMPLEMENTS",
                source=actors[-1].id,
                target=prog.id,
                start=2005,
                note=text,
                evidence=(Evidence(doc, i + 1, i + 1, f"quoted {text}"),),
            )
        )
    for a, b in zip(actors, actors[1:], strict=False):
        if g.schema.allows("COLLABORATES_WITH", a.type, b.type):
            g.add_relationship(
                Relationship(
                    type="COLLABORATES_WITH",
                    source=a.id,
                    target=b.id,
                    context=prog.id,
                    start=2006,
                    evidence=(Evidence(doc, 9, 9, PAYLOADS[1]),),
                )
            )
    return g


@pytest.fixture(scope="module")
def chromium(browser: Any) -> Any:
    """The session's headless Chromium (tests/conftest.py)."""
    return browser


def test_every_view_shows_script_as_text(chromium: Any, tmp_path: Path) -> None:
    g = hostile_graph()
    views = build_all_views(g, tmp_path)
    assert set(views) >= {"network", "collaboration", "timeline", "neighbourhood"}
    for name, path in views.items():
        context = chromium.new_context()
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d, dialogs=dialogs: (dialogs.append(d.message), d.dismiss()))
        page.goto(path.resolve().as_uri())
        page.wait_for_timeout(1500)
        assert dialogs == [], f"{name}: a payload ran ({dialogs})"
        injected = page.evaluate(
            "() => document.querySelectorAll('img, iframe, svg[onload], #injected, b#injected').length"
        )
        assert injected == 0, f"{name}: an injected element exists"
        # The hostile names are data on the page, as text (in the view's data or its tooltips and lists).
        seen = page.evaluate("() => document.documentElement.outerHTML")
        assert "Body 1" in seen, f"{name}: the names are not on the page"
        assert "<img src=x" not in page.evaluate("() => document.body.innerHTML"), f"{name}: markup was parsed"
        context.close()

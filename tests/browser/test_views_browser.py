"""The views in a real headless Chromium, opened from file:// — what a user sees and what the page does.

Screenshots land in ``out/screenshots/`` (git-ignored) so a person can look at them after a run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.model import Entity, Evidence, Relationship
from graph.model.institutional_graph import InstitutionalGraph
from viz.layout import LARGE_GRAPH
from viz.views import build_all_views, network_view, timeline_view

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"
MSS = "ministry:ministry-of-smes-and-startups"
MEL = "ministry:ministry-of-employment-and-labor"
MIC_PROGRAMME = "programme:1-million-sme-informatisation-support-programme"
SMBA_PROGRAMME = "programme:sme-informatisation-support-programme"
MKE_PROGRAMME = "programme:sme-it-support-programme"
HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_IMG = "<img src=x onerror=alert(2)>"


@pytest.fixture(scope="module")
def korea() -> InstitutionalGraph:
    from loaders.dataset import korea_graph

    return korea_graph()


@pytest.fixture(scope="module")
def pages(korea: InstitutionalGraph, tmp_path_factory: Any) -> dict[str, Path]:
    return build_all_views(korea, tmp_path_factory.mktemp("views"))


def visible_ids(opened: Any, what: str = "visibleNodes") -> set[str]:
    return set(opened.page.evaluate(f"window.instgraph.{what}().map(x => x.id)"))


def painted_pixels(opened: Any) -> int:
    """How many pixels of the graph's canvas are not blank."""
    return int(
        opened.page.evaluate(
            """() => {
              const c = document.querySelector('#graph canvas');
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let n = 0;
              for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; }
              return n;
            }"""
        )
    )


def assert_clean(opened: Any) -> None:
    assert opened.network_requests == []
    assert opened.console_errors == [] and opened.page_errors == []
    assert opened.dialogs == []


def documents(korea: InstitutionalGraph) -> set[str]:
    return {e.id for e in korea.entities(["Document"])}


def first_drawn(korea: InstitutionalGraph, name: str, data: list[list[Any]]) -> set[str]:
    """What a view should draw when it opens: no documents (one tick shows them); the timeline and the
    collaboration view at the latest year, what holds or is unknown; the neighbourhood without its next ring."""
    ids = {row[0] for row in data if not row[3]}  # row[3]: held back for "expand"
    if name in ("timeline", "collaboration"):
        ids &= set(korea.as_of(2022, "possible").graph.nodes)
    return ids - documents(korea)


@pytest.mark.parametrize("name", ["network", "collaboration", "timeline", "neighbourhood"])
def test_each_view_opens_offline_draws_what_it_should_and_lists_the_types_present(open_page, pages, korea, name):
    opened = open_page(pages[name])
    assert_clean(opened)
    assert painted_pixels(opened) > 5_000
    data = opened.page.evaluate(
        "window.instgraph.nodes.get().map(n => [n.id, n.group, !!n.hidden, !!window.instgraph.outer(n.id)])"
    )
    shown = {row[0] for row in data if not row[2]}
    assert shown == first_drawn(korea, name, data) and shown
    drawn = opened.page.evaluate("window.instgraph.network.body.nodeIndices.length")
    assert drawn == len(shown)  # vis-network's own list of the nodes it draws
    legend = opened.page.locator("#legend input[data-type]").evaluate_all(
        "els => els.map(e => e.getAttribute('data-type'))"
    )
    assert sorted(legend) == sorted({row[1] for row in data if not row[3]})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    opened.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_whole_network_draws_every_node_but_the_documents_and_every_relationship(open_page, pages, korea):
    opened = open_page(pages["network"])
    assert visible_ids(opened) == set(korea.graph.nodes) - documents(korea)
    assert len(visible_ids(opened, "visibleEdges")) == korea.graph.number_of_edges()


def test_collaboration_view_has_an_edge_between_employment_and_smes(open_page, pages):
    opened = open_page(pages["collaboration"])
    pairs = opened.page.evaluate("window.instgraph.edges.get().map(e => [e.from, e.to].sort().join(' '))")
    assert " ".join(sorted((MEL, MSS))) in pairs


@pytest.mark.parametrize(
    ("year", "shown", "hidden"),
    [
        (2006, {MIC_PROGRAMME}, {MSS, SMBA_PROGRAMME, MKE_PROGRAMME}),
        (2007, {MIC_PROGRAMME, SMBA_PROGRAMME}, {MSS, MKE_PROGRAMME}),
        (2018, {MSS}, {MIC_PROGRAMME, SMBA_PROGRAMME}),
    ],
)
def test_moving_the_slider_shows_what_holds_that_year(open_page, pages, korea, year, shown, hidden):
    opened = open_page(pages["timeline"])
    opened.page.locator("#year-slider").fill(str(year))
    assert opened.page.locator("#year").inner_text() == str(year)
    ids = visible_ids(opened)
    assert shown <= ids and not (hidden & ids)
    known, possible = korea.as_of(year), korea.as_of(year, "possible")
    # what holds is drawn normally, what is unknown faintly; what does not hold is hidden
    assert ids == set(possible.graph.nodes) - documents(korea)
    faint = set(
        opened.page.evaluate("window.instgraph.nodes.get().filter(n => !n.hidden && n.opacity < 1).map(n => n.id)")
    )
    assert faint == set(possible.graph.nodes) - set(known.graph.nodes) - documents(korea)
    assert shown <= set(known.graph.nodes)
    assert opened.page.evaluate("window.instgraph.network.body.nodeIndices.length") == len(ids)
    assert len(visible_ids(opened, "visibleEdges")) == possible.graph.number_of_edges()
    assert_clean(opened)


@pytest.mark.parametrize("year", [2007, 2018])
def test_unknown_facts_are_faint_counted_and_hidden_by_the_toggle(open_page, pages, korea, year):
    opened = open_page(pages["timeline"])
    opened.page.locator("#year-slider").fill(str(year))
    known, possible = korea.as_of(year), korea.as_of(year, "possible")
    docs = documents(korea)  # hidden by default, so not counted
    holds = len(set(known.graph.nodes) - docs) + known.graph.number_of_edges()
    unknown = len(set(possible.graph.nodes) - docs) + possible.graph.number_of_edges() - holds
    assert opened.page.locator("#year-counts").inner_text() == f"{holds} hold \u00b7 {unknown} unknown"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    opened.page.screenshot(path=str(SCREENSHOTS / f"timeline-{year}.png"))
    opened.page.locator("#hide-unknown").check()
    assert visible_ids(opened) == set(known.graph.nodes) - docs
    assert len(visible_ids(opened, "visibleEdges")) == known.graph.number_of_edges()
    assert opened.page.locator("#year-counts").inner_text() == f"{holds} hold \u00b7 {unknown} unknown (hidden)"
    opened.page.screenshot(path=str(SCREENSHOTS / f"timeline-{year}-known-only.png"))
    opened.page.locator("#hide-unknown").uncheck()
    assert visible_ids(opened) == set(possible.graph.nodes) - docs
    assert_clean(opened)


def test_play_button_steps_through_the_years(open_page, korea, tmp_path):
    path = timeline_view(korea, as_of=2005).write(tmp_path / "t.html")
    opened = open_page(path)
    opened.page.click("#play")
    opened.page.wait_for_function("() => document.getElementById('year').textContent === '2007'", timeout=5_000)
    opened.page.click("#play")
    assert MSS not in visible_ids(opened)
    assert_clean(opened)


@pytest.mark.parametrize("kind", ["Programme", "Ministry", "TargetGroup"])
def test_unticking_a_type_in_the_legend_hides_exactly_that_type(open_page, pages, korea, kind):
    opened = open_page(pages["network"])
    opened.page.locator(f'#legend input[data-type="{kind}"]').uncheck()
    ids = visible_ids(opened)
    assert ids == set(korea.graph.nodes) - {e.id for e in korea.entities([kind])} - documents(korea)
    edges = opened.page.evaluate("window.instgraph.visibleEdges().map(e => [e.from, e.to])")
    assert all(a in ids and b in ids for a, b in edges)
    opened.page.locator(f'#legend input[data-type="{kind}"]').check()
    assert visible_ids(opened) == set(korea.graph.nodes) - documents(korea)
    assert_clean(opened)


def hostile_graph() -> InstitutionalGraph:
    g = InstitutionalGraph()
    a = g.add_entity(Entity(type="Ministry", name=f"Ministry {HOSTILE_SCRIPT}", description=HOSTILE_IMG))
    b = g.add_entity(Entity(type="Agency", name=f"Agency {HOSTILE_IMG}"))
    ev = Evidence("document:0123456789abcdef", 3, 3, f"quoted {HOSTILE_IMG}")
    g.add_relationship(Relationship(type="COLLABORATES_WITH", source=a.id, target=b.id, evidence=(ev,)))
    return g


def test_hostile_names_are_shown_as_text_and_never_run(open_page, tmp_path):
    g = hostile_graph()
    opened = open_page(network_view(g).write(tmp_path / "hostile.html"))
    page = opened.page
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 3  # data, vis-network, the page's
    page.mouse.move(1, 1)
    for node in g.graph.nodes:
        # Hover the node so vis-network shows its tooltip.
        xy = page.evaluate(
            "(id) => { const n = window.instgraph.network; return n.canvasToDOM(n.getPositions([id])[id]); }",
            node,
        )
        box = page.locator("#graph").bounding_box()
        page.mouse.move(box["x"] + xy["x"], box["y"] + xy["y"])
        page.wait_for_function(
            "() => { const t = document.getElementById('tooltip');"
            " return t && t.style.display === 'block' && t.textContent.length > 0; }"
        )
        tip = page.locator("#tooltip")
        text = tip.inner_text()
        assert g.graph.nodes[node]["name"] in text
        assert tip.locator("img, script").count() == 0
        page.mouse.move(box["x"] + 2, box["y"] + 2)
        page.wait_for_function("() => document.getElementById('tooltip').style.display === 'none'")
    edge_id = page.evaluate("window.instgraph.edges.getIds()[0]")
    text = page.evaluate("(id) => window.instgraph.tooltipFor('edge', id).innerText", edge_id)
    assert f"quoted {HOSTILE_IMG}" in text and "COLLABORATES_WITH" in text
    assert page.locator("#tooltip img, #tooltip script").count() == 0
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert_clean(opened)


def test_a_large_view_paints_without_physics_and_labels_nodes_when_zoomed_in(open_page, tmp_path):
    g = InstitutionalGraph()
    ids = [g.add_entity(Entity(type="Agency", name=f"Agency {i}")).id for i in range(LARGE_GRAPH + 100)]
    for i in range(1, len(ids)):
        g.add_relationship(Relationship(type="COLLABORATES_WITH", source=ids[i // 2], target=ids[i]))
    opened = open_page(network_view(g).write(tmp_path / "large.html"))
    page = opened.page
    assert_clean(opened)
    assert painted_pixels(opened) > 5_000
    assert page.evaluate("window.instgraph.network.physics.physicsEnabled") is False
    assert page.evaluate("window.instgraph.network.body.nodeIndices.length") == len(ids)
    assert page.evaluate("window.instgraph.nodes.get().filter(n => n.label).length") == 0
    box = page.locator("#graph").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(40):
        page.mouse.wheel(0, -400)
        if page.evaluate("window.instgraph.nodes.get().filter(n => n.label).length"):
            break
        page.wait_for_timeout(50)
    assert page.evaluate("window.instgraph.nodes.get().filter(n => n.label).length") == len(ids)
    assert_clean(opened)

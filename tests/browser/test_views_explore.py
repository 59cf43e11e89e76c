"""The views' exploring controls in a real headless Chromium: search, filters, the side panel and "expand",
the collaboration view's years, readable labels, "Save as PNG" and the page address that keeps the filters."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph.model import Entity, Evidence, Relationship
from graph.model.institutional_graph import InstitutionalGraph
from viz.collaboration import collaboration_pairs
from viz.views import build_all_views, network_view

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"
MSS = "ministry:ministry-of-smes-and-startups"
MIC = "ministry:ministry-of-information-and-communication"
SMBA = "agency:small-and-medium-business-administration"
MIC_PROGRAMME = "programme:1-million-sme-informatisation-support-programme"
SMBA_PROGRAMME = "programme:sme-informatisation-support-programme"
VIEWS = ["network", "collaboration", "timeline", "neighbourhood"]
# The label boxes vis-network itself measured, in screen pixels, for every node drawn with a label.
LABEL_BOXES = """() => {
  const net = window.instgraph.network;
  return window.instgraph.visibleNodes().filter(n => n.label).map(n => {
    const s = net.body.nodes[n.id].labelModule.size;
    const a = net.canvasToDOM({x: s.left, y: s.top}), b = net.canvasToDOM({x: s.left + s.width, y: s.top + s.height});
    return [n.id, a.x, a.y, b.x, b.y];
  });
}"""


@pytest.fixture(scope="module")
def korea() -> InstitutionalGraph:
    from loaders.dataset import korea_graph

    return korea_graph().dated()


@pytest.fixture(scope="module")
def pages(korea: InstitutionalGraph, tmp_path_factory: Any) -> dict[str, Path]:
    return build_all_views(korea, tmp_path_factory.mktemp("views"))


def opened_ready(open_page: Any, path: Path, address: str = "") -> Any:
    """The page, opened and its labels placed; with ``address`` (a ``#...`` fragment), reopened with it."""
    opened = open_page(path)
    if address:
        opened.page.goto(path.resolve().as_uri() + address)
        opened.page.reload()
        opened.page.wait_for_function("() => window.instgraph && window.instgraph.state.drawn", timeout=30_000)
    opened.page.wait_for_function("() => window.instgraph.state.labelsReady", timeout=10_000)
    return opened


def visible_ids(opened: Any, what: str = "visibleNodes") -> set[str]:
    return set(opened.page.evaluate(f"window.instgraph.{what}().map(x => x.id)"))


def visible_edges(opened: Any) -> list[dict[str, Any]]:
    return opened.page.evaluate("window.instgraph.visibleEdges().map(e => ({from: e.from, to: e.to, id: e.id}))")


def assert_clean(opened: Any) -> None:
    assert opened.network_requests == []
    assert opened.console_errors == [] and opened.page_errors == [] and opened.dialogs == []


def click_node(opened: Any, node: str) -> None:
    xy = opened.page.evaluate(
        "(id) => { const n = window.instgraph.network; return n.canvasToDOM(n.getPositions([id])[id]); }", node
    )
    box = opened.page.locator("#graph").bounding_box()
    opened.page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])


def overlapping(boxes: list[list[Any]]) -> list[tuple[str, str]]:
    return [
        (p[0], q[0])
        for i, p in enumerate(boxes)
        for q in boxes[i + 1 :]
        if p[1] < q[3] and q[1] < p[3] and p[2] < q[4] and q[2] < p[4]
    ]


# --- search --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("typed", ["MSS", "smes and start", "Ministry of SMEs"])
def test_search_by_name_or_alias_focuses_the_node_and_highlights_its_neighbours(open_page, pages, korea, typed):
    opened = opened_ready(open_page, pages["network"])
    page = opened.page
    page.fill("#search", typed)
    first = page.locator("#matches .match").first
    assert first.get_attribute("data-id") == MSS
    first.click()
    selected = set(page.evaluate("window.instgraph.network.getSelectedNodes()"))
    neighbours = set(nx.all_neighbors(korea.graph, MSS)) & visible_ids(opened)
    assert selected == {MSS} | neighbours
    # focused: the node sits in the middle of what the side panel leaves free
    xy = page.evaluate(
        "(id) => { const n = window.instgraph.network; return n.canvasToDOM(n.getPositions([id])[id]); }", MSS
    )
    graph, panel = page.locator("#graph").bounding_box(), page.locator("#details").bounding_box()
    free = panel["x"] - graph["x"]
    assert abs(xy["x"] - free / 2) < 12 and abs(xy["y"] - graph["height"] / 2) < 5
    assert page.locator("#details .tip-title").inner_text() == "Ministry of SMEs and Startups"
    assert_clean(opened)


# --- filters -------------------------------------------------------------------------------------------
def test_unticking_a_relationship_type_hides_exactly_those_edges(open_page, pages, korea):
    opened = opened_ready(open_page, pages["network"])
    before = visible_ids(opened)
    opened.page.locator('#legend input[data-rel="TARGETS"]').uncheck()
    kinds = opened.page.evaluate("window.instgraph.visibleEdges().map(e => window.instgraph.relOf(e.id))")
    assert "TARGETS" not in kinds
    assert len(kinds) == sum(1 for *_, t in korea.graph.edges(data="type") if t != "TARGETS")
    assert visible_ids(opened) == before  # nodes stay
    assert_clean(opened)


def with_mentions(korea: InstitutionalGraph) -> InstitutionalGraph:
    g = copy.deepcopy(korea)
    doc = next(e.id for e in g.entities(["Document"]))
    for node in [n for n, t in g.graph.nodes(data="type") if t != "Document"]:
        g.add_relationship(Relationship(type="MENTIONED_IN", source=node, target=doc))
    return g


def test_documents_and_mentions_are_hidden_until_one_tick_shows_them(open_page, korea, tmp_path):
    g = with_mentions(korea)
    opened = opened_ready(open_page, network_view(g).write(tmp_path / "mentions.html"))
    doc = next(e.id for e in g.entities(["Document"]))
    kinds = lambda: opened.page.evaluate("window.instgraph.visibleEdges().map(e => window.instgraph.relOf(e.id))")  # noqa: E731
    assert doc not in visible_ids(opened) and "MENTIONED_IN" not in kinds()
    opened.page.locator('#legend input[data-type="Document"]').check()
    assert doc in visible_ids(opened)
    mentions = sum(1 for *_, t in g.graph.edges(data="type") if t == "MENTIONED_IN")
    assert kinds().count("MENTIONED_IN") == mentions
    assert_clean(opened)


def test_the_confidence_threshold_hides_less_certain_relationships(open_page, pages, korea):
    opened = opened_ready(open_page, pages["network"])
    opened.page.locator("#min-confidence").fill("0.75")
    kept = {d["id"] for *_, d in korea.graph.edges(data=True) if d.get("confidence", 1.0) >= 0.75}
    assert visible_ids(opened, "visibleEdges") == kept
    assert 0 < len(kept) < korea.graph.number_of_edges()
    assert_clean(opened)


def two_country_graph() -> InstitutionalGraph:
    g = InstitutionalGraph()
    kor = g.add_entity(Entity(type="Ministry", name="Ministry K", country="KOR"))
    jpn = g.add_entity(Entity(type="Ministry", name="Ministry J", country="JPN"))
    prog = g.add_entity(Entity(type="Programme", name="Programme K"))  # country unknown, tied to KOR
    loose = g.add_entity(Entity(type="Programme", name="Programme L"))  # country unknown, tied to JPN
    g.add_relationship(Relationship(type="LEADS", source=kor.id, target=prog.id))
    g.add_relationship(Relationship(type="LEADS", source=jpn.id, target=loose.id, method="extracted", confidence=0.5))
    return g


def test_curated_or_extracted_and_the_country_selector_filter(open_page, tmp_path):
    g = two_country_graph()
    opened = opened_ready(open_page, network_view(g).write(tmp_path / "countries.html"))
    page = opened.page
    page.locator('#filters input[data-method="extracted"]').uncheck()
    assert visible_ids(opened, "visibleEdges") == {
        d["id"] for *_, d in g.graph.edges(data=True) if d["method"] == "curated"
    }
    page.locator('#filters input[data-method="extracted"]').check()
    page.select_option("#country", "KOR")
    assert visible_ids(opened) == {"ministry:ministry-k", "programme:programme-k"}
    page.select_option("#country", "unknown")
    assert visible_ids(opened) == {"programme:programme-k", "programme:programme-l"}
    page.select_option("#country", "")
    assert visible_ids(opened) == set(g.graph.nodes)
    assert_clean(opened)


def test_rearrange_lays_out_what_is_shown_and_stops(open_page, pages):
    opened = opened_ready(open_page, pages["network"])
    page = opened.page
    page.locator('#legend input[data-type="TargetGroup"]').uncheck()
    before = page.evaluate("window.instgraph.network.getPositions()")
    page.click("#rearrange")
    page.wait_for_function("() => window.instgraph.state.arranged", timeout=20_000)
    after = page.evaluate("window.instgraph.network.getPositions()")
    assert after != before
    assert page.evaluate("window.instgraph.network.physics.physicsEnabled") is False
    assert_clean(opened)


# --- the collaboration view over the years --------------------------------------------------------------
def test_collaboration_in_2007_shows_mic_and_smba_each_running_its_own_programme_apart(open_page, pages):
    opened = opened_ready(open_page, pages["collaboration"])
    opened.page.locator("#year-slider").fill("2007")
    ids = visible_ids(opened)
    assert {MIC, SMBA, MIC_PROGRAMME, SMBA_PROGRAMME} <= ids and MSS not in ids
    drawn = nx.Graph([(e["from"], e["to"]) for e in visible_edges(opened)])
    drawn.add_nodes_from(ids)
    assert drawn.has_edge(MIC, MIC_PROGRAMME) and drawn.has_edge(SMBA, SMBA_PROGRAMME)
    assert not nx.has_path(drawn, MIC, SMBA)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    opened.page.screenshot(path=str(SCREENSHOTS / "collaboration-2007.png"))
    assert_clean(opened)


def test_collaboration_in_2018_ties_mss_to_its_partners(open_page, pages, korea):
    opened = opened_ready(open_page, pages["collaboration"])
    opened.page.locator("#year-slider").fill("2018")
    partners = {b if a == MSS else a for a, b in collaboration_pairs(korea.as_of(2018)) if MSS in (a, b)}
    assert partners
    ties = {
        e["to"] if e["from"] == MSS else e["from"]
        for e in visible_edges(opened)
        if e["id"].startswith("collaboration:") and MSS in (e["from"], e["to"])
    }
    assert partners <= ties
    assert {
        opened.page.evaluate(
            "(id) => window.instgraph.lookOf('edge', id)", f"collaboration:{min(MSS, p)}|{max(MSS, p)}"
        )
        for p in partners
    } == {"holds"}
    assert_clean(opened)


# --- side panel and expand ------------------------------------------------------------------------------
def test_clicking_a_node_opens_its_panel_with_type_years_aliases_and_cited_lines(open_page, pages, korea):
    opened = opened_ready(open_page, pages["network"])
    click_node(opened, MSS)
    panel = opened.page.locator("#details")
    text = panel.inner_text()
    doc = korea.graph.nodes[next(e.id for e in korea.entities(["Document"]))]
    assert "Ministry \u00b7 from 2017" in text and "MSS" in text
    assert f"{doc['title']} ({doc['file_name']}), line" in text
    assert "document:" not in text.replace("derived: document date", "")
    quotes = {
        " ".join(ev["text"].split())
        for u, v, d in korea.graph.edges(data=True)
        if MSS in (u, v)
        for ev in d.get("evidence") or ()
        if ev.get("text")
    }
    assert quotes and all(q in text for q in quotes)
    assert_clean(opened)


def test_expand_shows_the_next_ring_in_place(open_page, pages, korea):
    opened = opened_ready(open_page, pages["neighbourhood"])
    page = opened.page
    before = visible_ids(opened)
    outer = set(page.evaluate("window.instgraph.nodes.get().filter(n => window.instgraph.outer(n.id)).map(n => n.id)"))
    node = next(n for n in sorted(before) if set(nx.all_neighbors(korea.graph, n)) & outer)
    page.evaluate("(id) => window.instgraph.showDetails('node', id)", node)
    page.click("#expand")
    after = visible_ids(opened)
    assert after > before
    assert (set(nx.all_neighbors(korea.graph, node)) & outer) <= after
    assert_clean(opened)


# --- labels ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", VIEWS)
def test_no_two_node_labels_overlap_at_the_default_zoom_and_zooming_in_shows_more(open_page, pages, name):
    opened = opened_ready(open_page, pages[name])
    page = opened.page
    boxes = page.evaluate(LABEL_BOXES)
    assert len(boxes) >= 8 and overlapping(boxes) == []
    assert page.evaluate("window.instgraph.edges.get().filter(e => e.label).length") == 0
    page.evaluate("() => { const n = window.instgraph.network; n.moveTo({scale: n.getScale() * 3}); }")
    page.evaluate("() => window.instgraph.declutter()")
    zoomed = page.evaluate(LABEL_BOXES)
    assert overlapping(zoomed) == []
    total = len(visible_ids(opened))
    assert len(boxes) < total and len(zoomed) > len(boxes) or len(boxes) == total
    assert_clean(opened)


def test_edge_labels_show_on_hover_and_once_zoomed_in(open_page, pages):
    opened = opened_ready(open_page, pages["network"])
    page = opened.page
    labelled = "window.instgraph.edges.get().filter(e => e.label).length"
    edge = page.evaluate("window.instgraph.visibleEdges()[0].id")
    page.evaluate("(id) => window.instgraph.network.emit('hoverEdge', {edge: id, pointer: {DOM: {x: 0, y: 0}}})", edge)
    assert page.evaluate(labelled) == 1
    page.evaluate("(id) => window.instgraph.network.emit('blurEdge', {edge: id})", edge)
    assert page.evaluate(labelled) == 0
    page.evaluate("() => window.instgraph.network.moveTo({scale: 3})")
    page.evaluate("() => window.instgraph.network.emit('zoom', {})")
    page.wait_for_function(f"() => {labelled} > 0")
    assert_clean(opened)


# --- PNG and the page address ------------------------------------------------------------------------------
def test_save_as_png_downloads_a_picture_of_the_canvas(open_page, pages, tmp_path):
    opened = opened_ready(open_page, pages["collaboration"])
    with opened.page.expect_download() as download:
        opened.page.click("#save-png")
    target = tmp_path / "view.png"
    download.value.save_as(target)
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    assert download.value.suggested_filename == "collaboration.png"
    assert_clean(opened)


def test_the_page_address_keeps_the_filters_and_reopens_the_same_view(open_page, pages):
    opened = opened_ready(open_page, pages["timeline"])
    page = opened.page
    page.locator("#year-slider").fill("2007")
    page.locator('#legend input[data-type="Programme"]').uncheck()
    page.locator('#legend input[data-rel="TARGETS"]').uncheck()
    page.fill("#search", "MSS")
    page.locator("#matches .match").first.click()
    address = page.evaluate("location.hash")
    shown, ties = visible_ids(opened), visible_ids(opened, "visibleEdges")
    again = opened_ready(open_page, pages["timeline"], address)
    assert again.page.locator("#year").inner_text() == "2007"
    assert not again.page.locator('#legend input[data-type="Programme"]').is_checked()
    assert visible_ids(again) == shown and visible_ids(again, "visibleEdges") == ties
    again.page.wait_for_function("() => window.instgraph.network.getSelectedNodes().length > 0")
    assert MSS in again.page.evaluate("window.instgraph.network.getSelectedNodes()")
    assert again.page.locator("#details .tip-title").inner_text() == "Ministry of SMEs and Startups"
    assert_clean(again)


def test_a_hostile_graph_gets_every_control_without_running_its_text(open_page, tmp_path):
    g = InstitutionalGraph()
    bad = "<img src=x onerror=alert(1)>"
    a = g.add_entity(Entity(type="Ministry", name=f"Ministry {bad}", aliases=(bad,), country="KOR"))
    b = g.add_entity(Entity(type="Agency", name="Agency B", country=bad))
    ev = Evidence("document:0123456789abcdef", 3, 3, f"quoted {bad}")
    g.add_relationship(Relationship(type="COLLABORATES_WITH", source=a.id, target=b.id, evidence=(ev,), confidence=0.5))
    opened = opened_ready(open_page, network_view(g).write(tmp_path / "hostile.html"))
    page = opened.page
    page.fill("#search", "onerror")
    page.locator("#matches .match").first.click()
    assert bad in page.locator("#details").inner_text()
    page.select_option("#country", bad)
    assert visible_ids(opened) == {b.id}
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert_clean(opened)

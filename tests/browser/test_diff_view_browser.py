"""The diff view in a real headless Chromium, from file://: no request, no error, the seed's 2016 → 2018
changes drawn in their colours and line styles, a legend that hides an answer, and hostile text as text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.model import Entity, Evidence, Relationship
from graph.model.diff import diff_graphs, diff_years
from graph.model.institutional_graph import InstitutionalGraph
from loaders.dataset import korea_graph
from viz.diff_view import LOOKS, write_diff_view

pytestmark = pytest.mark.browser

MSS = "ministry:ministry-of-smes-and-startups"
SMBA = "agency:small-and-medium-business-administration"
STRATEGY_2018 = "strategy:smart-factory-diffusion-and-advancement-strategy"


@pytest.fixture(scope="module")
def seed_page(seeds_dir: Path, tmp_path_factory: Any) -> Path:
    diff = diff_years(korea_graph(seeds_dir), 2016, 2018)
    return write_diff_view(diff, tmp_path_factory.mktemp("diff") / "diff.html")


def edge(opened: Any, source: str, rtype: str, target: str) -> dict[str, Any]:
    return opened.page.evaluate(f"window.instgraph.edges.get({f'{source}|{rtype}|{target}|'!r})")


def test_the_seed_diff_draws_offline_with_each_answer_in_its_look(open_page, seed_page):
    opened = open_page(seed_page)
    assert opened.network_requests == [] and opened.console_errors == [] and opened.page_errors == []
    groups = dict(opened.page.evaluate("window.instgraph.nodes.get().map(n => [n.id, n.group])"))
    assert groups[MSS] == "added" and groups[SMBA] == "removed" and groups[STRATEGY_2018] == "added"
    succession = edge(opened, SMBA, "SUCCEEDED_BY", MSS)
    leads = edge(opened, MSS, "LEADS", STRATEGY_2018)
    part_of = edge(opened, SMBA, "PART_OF", "ministry:ministry-of-trade-industry-and-energy")
    assert (leads["color"], leads["dashes"]) == (LOOKS["added"].colour, False)
    assert (part_of["color"], part_of["dashes"]) == (LOOKS["removed"].colour, LOOKS["removed"].dashes)
    assert (succession["color"], succession["dashes"]) == (LOOKS["between"].colour, LOOKS["between"].dashes)
    # Three looks, three different colours and line styles on the page.
    assert len({str(e["dashes"]) for e in (leads, part_of, succession)}) == 3
    # The legend lists every answer with its count; unticking "removed" hides the SMBA and its edges.
    legend = opened.page.locator("#legend").inner_text()
    for look in LOOKS.values():
        assert look.text in legend
    opened.page.locator('#legend input[data-type="removed"]').uncheck()
    visible = set(opened.page.evaluate("window.instgraph.visibleNodes().map(n => n.id)"))
    assert SMBA not in visible and MSS in visible
    edges = set(opened.page.evaluate("window.instgraph.visibleEdges().map(e => e.id)"))
    assert f"{SMBA}|SUCCEEDED_BY|{MSS}|" not in edges and f"{MSS}|LEADS|{STRATEGY_2018}|" in edges


def test_the_tooltip_of_a_change_cites_its_lines_as_text(open_page, seed_page):
    opened = open_page(seed_page)
    tip = opened.page.evaluate(
        f"window.instgraph.tooltipFor('edge', {f'{SMBA}|SUCCEEDED_BY|{MSS}|'!r}).innerText"
    )
    assert "SUCCEEDED_BY" in tip and "2017" in tip and "oecd-2022-korea-sme-digitalisation.txt:36-37" in tip


HOSTILE = ["<script>alert('n')</script>", "<img src=x onerror=alert('i')>", "</script><svg onload=alert(1)>"]


def test_hostile_names_and_evidence_are_shown_as_text(open_page, tmp_path):
    old, new = InstitutionalGraph(), InstitutionalGraph()
    doc = "document:" + "ef" * 8
    for g in (old, new):
        g.add_entity(Entity(type="Programme", name=f"Programme {HOSTILE[0]}"))
    for i, text in enumerate(HOSTILE):
        a = new.add_entity(Entity(type="Agency", name=f"Body {i} {text}", aliases=(text,)))
        new.add_relationship(
            Relationship(
                type="IMPLEMENTS",
                source=a.id,
                target="programme:programme-script-alert-n-script",
                note=text,
                evidence=(Evidence(doc, 1, 1, f"quoted {text}"),),
            )
        )
    assert "programme:programme-script-alert-n-script" in new.graph
    path = write_diff_view(diff_graphs(old, new, f"old {HOSTILE[1]}", "new"), tmp_path / "hostile.html")
    opened = open_page(path)
    assert opened.dialogs == [] and opened.network_requests == []
    assert opened.page.evaluate("document.querySelectorAll('img, iframe, svg[onload]').length") == 0
    assert HOSTILE[1] in opened.page.locator("#panel h1").inner_text()  # the label, as text
    first = opened.page.evaluate("window.instgraph.edges.get()[0].id")
    tip = opened.page.evaluate(f"window.instgraph.tooltipFor('edge', {first!r}).innerText")
    assert "quoted <" in tip

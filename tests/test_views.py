"""The HTML views, checked without a browser: what they draw, how they style it, what the page holds."""

from __future__ import annotations

import base64
import copy
import hashlib
import html
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.errors import UsageError
from graph.model import Entity, Evidence, Relationship
from graph.model.institutional_graph import InstitutionalGraph, graphs_equal
from graph.model.schema import load_schema
from viz.collaboration import PAIR
from viz.layout import LARGE_GRAPH, sparse_spring_layout
from viz.offline import script_json
from viz.views import (
    build_all_views,
    build_view,
    collaboration_pairs,
    collaboration_view,
    most_connected_actor,
    neighbourhood_view,
    network_view,
    node_sizes,
    resolve_focus,
    timeline_view,
)

MSS = "ministry:ministry-of-smes-and-startups"
MEL = "ministry:ministry-of-employment-and-labor"
SMBA = "agency:small-and-medium-business-administration"
MIC = "ministry:ministry-of-information-and-communication"
MIC_PROGRAMME = "programme:1-million-sme-informatisation-support-programme"
SMBA_PROGRAMME = "programme:sme-informatisation-support-programme"
HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_IMG = "<img src=x onerror=alert(2)>"


@pytest.fixture(scope="module")
def korea() -> InstitutionalGraph:
    from loaders.dataset import korea_graph

    return korea_graph()


def small_graph() -> InstitutionalGraph:
    """Two ministries and an agency; one programme both ministries run; an explicit collaboration."""
    g = InstitutionalGraph()
    a = g.add_entity(Entity(type="Ministry", name="Ministry A", start=2001))
    b = g.add_entity(Entity(type="Ministry", name="Ministry B", aliases=("MB",)))
    c = g.add_entity(Entity(type="Agency", name="Agency C", end=2010))
    p = g.add_entity(Entity(type="Programme", name="Programme P", start=2005, end=2008))
    s = g.add_entity(Entity(type="Strategy", name="Strategy S"))
    g.add_relationship(Relationship(type="LEADS", source=a.id, target=p.id, start=2005))
    g.add_relationship(Relationship(type="IMPLEMENTS", source=b.id, target=p.id))
    g.add_relationship(Relationship(type="COLLABORATES_WITH", source=c.id, target=a.id, context=s.id))
    g.add_relationship(Relationship(type="PART_OF", source=p.id, target=s.id))
    return g


def hostile_graph() -> InstitutionalGraph:
    g = InstitutionalGraph()
    a = g.add_entity(Entity(type="Ministry", name=f"Ministry {HOSTILE_SCRIPT}", description=HOSTILE_IMG))
    b = g.add_entity(Entity(type="Agency", name=f"Agency {HOSTILE_IMG}", aliases=(HOSTILE_SCRIPT,)))
    ev = Evidence("document:0123456789abcdef", 3, 3, f"quoted {HOSTILE_IMG} and {HOSTILE_SCRIPT}")
    g.add_relationship(Relationship(type="COLLABORATES_WITH", source=a.id, target=b.id, evidence=(ev,)))
    return g


def drawn_ids(view) -> set[str]:
    """The nodes a view draws at first (the neighbourhood's next ring waits for "expand")."""
    return {n["id"] for n in view.network.nodes if not n.get("outer")}


def all_views(g: InstitutionalGraph) -> list:
    return [
        network_view(g),
        collaboration_view(g),
        timeline_view(g),
        neighbourhood_view(g, most_connected_actor(g) or ""),
    ]


# --- the model is read, never changed ---------------------------------------------------------------
def test_building_and_rendering_every_view_leaves_the_model_unchanged(korea):
    before = copy.deepcopy(korea.graph)
    for view in all_views(korea):
        view.html()
    for year in (2006, 2018):
        network_view(korea, as_of=year).html()
    assert graphs_equal(before, korea.graph)


# --- styling and legend come from the schema --------------------------------------------------------
def test_nodes_take_colour_and_shape_from_the_schema_and_edges_are_labelled_by_type(korea):
    schema = load_schema()
    view = network_view(korea)
    for item in view.network.nodes:
        nt = schema.node_types[korea.graph.nodes[item["id"]]["type"]]
        assert item["group"] == nt.label
        group = view.options["groups"][nt.label]
        assert (group["color"]["border"], group["shape"]) == (nt.color, nt.shape), item["id"]
    assert set(view.options["groups"]) == set(korea.counts()["entities"])
    assert len(view.network.edges) == korea.graph.number_of_edges()
    assert view.options["edges"]["arrows"]["to"]["enabled"] is True
    for edge in view.network.edges:
        rel = schema.relationship_types[edge["rel"]]
        assert (edge["color"], edge.get("dashes", False)) == (rel.color, rel.dashes)
        assert ("arrows" in edge) == rel.symmetric


def test_legend_lists_exactly_the_types_present_with_their_counts(korea):
    view = network_view(korea)
    listed = re.findall(r'data-type="([^"]+)"', view.legend_html)
    assert listed == [t for t in load_schema().node_types if t in korea.counts()["entities"]]
    for label, count in korea.counts()["entities"].items():
        assert re.search(rf'data-type="{label}".*?<span class="count">{count}</span>', view.legend_html)
    only = network_view(korea, types=["Ministry"])
    assert re.findall(r'data-type="([^"]+)"', only.legend_html) == ["Ministry"]
    rels = re.findall(r'data-rel="([^"]+)"', view.legend_html)
    assert rels == [r for r in load_schema().relationship_types if r in korea.counts()["relationships"]]


def test_documents_and_mentions_start_unticked_and_everything_else_ticked(korea):
    g = copy.deepcopy(korea)
    doc = next(e.id for e in g.entities(["Document"]))
    g.add_relationship(Relationship(type="MENTIONED_IN", source=MSS, target=doc))
    legend = network_view(g).legend_html
    boxes = re.findall(r'<input type="checkbox"( checked)? data-(?:type|rel)="([^"]+)"', legend)
    ticks = {name: bool(flag) for flag, name in boxes}
    assert {name for name, on in ticks.items() if not on} == {"Document", "MENTIONED_IN"}


# --- sizes -----------------------------------------------------------------------------------------
def test_node_size_follows_the_given_centrality_or_degree_by_default():
    g = small_graph()
    degree = {item["id"]: item["value"] for item in network_view(g).network.nodes}
    assert degree["ministry:ministry-a"] == 2 and degree["agency:agency-c"] == 1
    chosen = {n: float(i) for i, n in enumerate(sorted(g.graph.nodes))}
    assert {item["id"]: item["value"] for item in network_view(g, sizes=chosen).network.nodes} == chosen
    ranks = node_sizes(g, "pagerank")
    assert max(ranks, key=ranks.__getitem__) in {"ministry:ministry-a", "programme:programme-p"}
    with pytest.raises(UsageError, match="--size-by"):
        node_sizes(g, "fame")


# --- collaboration -----------------------------------------------------------------------------------
def test_collaboration_pairs_join_explicit_ties_and_shared_instruments():
    g = small_graph()
    assert collaboration_pairs(g) == {
        ("agency:agency-c", "ministry:ministry-a"): ["strategy:strategy-s"],
        ("ministry:ministry-a", "ministry:ministry-b"): ["programme:programme-p"],
    }


def test_collaboration_view_draws_actors_what_they_run_and_pairs_as_wide_as_shared_instruments(korea):
    view = collaboration_view(korea)
    schema = load_schema()
    actors, instruments = schema.members("Actor"), schema.members("Instrument")
    types = {n["id"]: korea.graph.nodes[n["id"]]["type"] for n in view.network.nodes}
    assert set(types.values()) <= actors | instruments
    assert sum(t in actors for t in types.values()) == len(korea.actors())
    involvement = set(schema.involvement_types)
    for edge in view.network.edges:
        assert edge["rel"] == PAIR or edge["rel"] in involvement, edge["id"]
    pairs = {(e["from"], e["to"]): e for e in view.network.edges if e["rel"] == PAIR}
    mel_mss = pairs[(MEL, MSS)]
    assert mel_mss["value"] == 1
    assert "Youth Digital Job Programme" in " ".join(mel_mss["tip"])
    assert {pair: e["value"] for pair, e in pairs.items()} == {
        pair: max(1, len(shared)) for pair, shared in collaboration_pairs(korea).items()
    }


@pytest.mark.parametrize("year", [2007, 2012, 2018, 2022])
def test_a_collaboration_pair_holds_in_the_years_the_graph_as_of_that_year_ties_the_two(korea, year):
    from graph.model.holds import status

    view = collaboration_view(korea)
    pairs = {(e["from"], e["to"]): e for e in view.network.edges if e["rel"] == PAIR}
    known = set(collaboration_pairs(korea.as_of(year)))
    possible = set(collaboration_pairs(korea.as_of(year, "possible")))
    for pair, edge in pairs.items():
        expected = "holds" if pair in known else ("unknown" if pair in possible else "does not hold")
        assert status(year, edge) == expected, (pair, year)


# --- neighbourhood -----------------------------------------------------------------------------------
def test_neighbourhood_focus_accepts_id_name_or_alias_and_depth_widens_it(korea):
    assert (
        resolve_focus(korea, MSS)
        == resolve_focus(korea, "MSS")
        == resolve_focus(korea, "ministry of smes and startups")
    )
    one = neighbourhood_view(korea, "MSS", depth=1)
    two = neighbourhood_view(korea, "MSS", depth=2)
    one_ids = drawn_ids(one)
    assert MSS in one_ids and MEL in one_ids and SMBA in one_ids
    assert one_ids < drawn_ids(two)
    assert drawn_ids(neighbourhood_view(korea, "MSS", depth=0)) == {MSS}
    with pytest.raises(UsageError, match="--focus"):
        resolve_focus(korea, "Ministry of Nowhere")


# --- as-of, types, timeline --------------------------------------------------------------------------
@pytest.mark.parametrize("year", [2006, 2007, 2018])
def test_network_as_of_draws_what_holds_in_that_year(korea, year):
    view = network_view(korea, as_of=year)
    assert {n["id"] for n in view.network.nodes} == set(korea.as_of(year).graph.nodes)
    assert len(view.network.edges) == korea.as_of(year).graph.number_of_edges()


def test_types_filter_accepts_types_and_groups_and_rejects_unknown_names(korea):
    ministries = network_view(korea, types=["Ministry"])
    assert {korea.graph.nodes[n["id"]]["type"] for n in ministries.network.nodes} == {"Ministry"}
    actors = network_view(korea, types=["Actor"])
    assert len(actors.network.nodes) == len(korea.actors())
    with pytest.raises(UsageError, match="--types: unknown type 'Ministries'"):
        network_view(korea, types=["Ministries"])


def test_timeline_holds_every_node_with_its_years_and_a_slider_over_the_model_span(korea):
    view = timeline_view(korea)
    assert len(view.network.nodes) == len(korea)
    dated = korea.dated().graph
    for item in view.network.nodes:
        data = dated.nodes[item["id"]]
        # the page carries what the as-of rule reads: the known years and the bounds, where there are any
        assert item.get("known_years", []) == data["known_years"]
        assert (item.get("not_before"), item.get("not_after")) == (data.get("not_before"), data.get("not_after"))
        assert "start" not in item and "end" not in item
    first, last = 1999, 2022  # the ICT strategy's start; the deck's date, at which undated facts hold
    assert f'min="{first}"' in view.controls_html and f'max="{last}"' in view.controls_html
    assert f'value="{last}"' in view.controls_html
    assert 'id="hide-unknown"' in view.controls_html and 'id="year-counts"' in view.controls_html
    assert 'value="2007"' in timeline_view(korea, as_of=2007).controls_html


# --- the page: offline and safe ---------------------------------------------------------------------
def test_tooltips_tell_derived_years_from_stated_ones(korea):
    view = timeline_view(korea)
    tips = {item["id"]: item["tip"] for item in view.network.nodes}
    assert "Known to hold: 2022 (derived: document date)" in tips["agency:korea-smart-manufacturing-office"]
    mss = tips["ministry:ministry-of-smes-and-startups"]
    assert "Known to hold: 2017 (stated); 2018 (derived: both ends); 2022 (derived: document date)" in mss
    assert "Ministry · from 2017" in mss  # the stated span, as before


def test_page_loads_nothing_from_outside_and_its_csp_allows_only_its_own_scripts(korea):
    page = network_view(korea).html()
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=", page)
    assert "<link" not in page and "@import" not in page
    assert not re.search(r"url\((?!\"?data:)", page)
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    assert "default-src 'none'" in csp
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    assert len(scripts) == 2
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_cited_lines_name_the_document_by_title_and_file_not_by_id(korea):
    doc = next(iter(korea.entities(["Document"])))
    data = korea.graph.nodes[doc.id]
    view = network_view(korea)
    cited = [line for e in view.network.edges for line in e.get("ev", [])]
    assert cited and not any(doc.id in line for line in cited)
    where = [line for line in cited if not line.startswith("\u201c")]
    assert all(line.startswith(f"{data['title']} ({data['file_name']}), line") for line in where if line)


def test_filters_appear_only_when_the_items_differ_in_method_confidence_or_country():
    g = small_graph()
    assert 'id="filters"' not in network_view(g).html()
    a = g.add_entity(Entity(type="Ministry", name="Ministry K", country="KOR"))
    b = g.add_entity(Entity(type="Ministry", name="Ministry J", country="JPN"))
    g.add_relationship(
        Relationship(type="COLLABORATES_WITH", source=a.id, target=b.id, method="extracted", confidence=0.6)
    )
    page = network_view(g).html()
    assert 'id="filters"' in page and 'data-method="curated"' in page and 'data-method="extracted"' in page
    assert 'id="min-confidence"' in page
    options = re.findall(r'<option value="([^"]*)">', page)
    assert options == ["", "JPN", "KOR", "unknown"]


def test_every_view_inlines_the_one_page_script_from_the_asset_files(korea):
    from viz.offline import page_assets

    script, css = page_assets()
    assert "function status(item, year)" in script  # the as-of rule, rendered from graph.model.holds
    for view in all_views(korea):
        page = view.html()
        assert f"<script>{script}</script>" in page and css in page


def test_the_neighbourhood_page_holds_the_next_ring_back_for_expanding(korea):
    view = neighbourhood_view(korea, "MSS", depth=1)
    two = {n["id"] for n in neighbourhood_view(korea, "MSS", depth=2).network.nodes if not n.get("outer")}
    items = {n["id"]: n for n in view.network.nodes}
    assert {i for i, n in items.items() if n.get("outer")} == two - {i for i, n in items.items() if not n.get("outer")}


def test_hostile_names_and_evidence_never_reach_the_page_as_markup():
    g = hostile_graph()
    for view in all_views(g):
        page = view.html()
        assert HOSTILE_SCRIPT not in page and HOSTILE_IMG not in page
        assert "<img" not in page and "<script>alert" not in page
    assert "<" not in script_json({"x": HOSTILE_SCRIPT}) and "</" not in script_json(["</script>"])


def test_notebooks_show_a_view_inline_in_a_sandboxed_iframe(korea):
    out = collaboration_view(korea)._repr_html_()
    assert out.startswith("<iframe srcdoc=") and 'sandbox="allow-scripts"' in out
    assert "<script" not in out.split('srcdoc="', 1)[1].split('" sandbox', 1)[0]


# --- large graphs --------------------------------------------------------------------------------------
def test_large_views_get_python_positions_and_no_physics():
    g = InstitutionalGraph()
    ids = [g.add_entity(Entity(type="Agency", name=f"Agency {i}")).id for i in range(LARGE_GRAPH + 20)]
    for i in range(1, len(ids)):
        g.add_relationship(Relationship(type="COLLABORATES_WITH", source=ids[i - 1], target=ids[i]))
    large = network_view(g)
    assert large.options["physics"] is False and large.options["layout"]["improvedLayout"] is False
    assert all("x" in n and "y" in n for n in large.network.nodes)
    small = network_view(small_graph())
    assert small.options["physics"]["stabilization"]["enabled"] and "x" not in small.network.nodes[0]
    slim = {"id", "label", "group", "value", "tip", "aliases", "known_years", "not_before", "not_after"}
    assert set(small.network.nodes[0]) <= slim  # styles come by group, not per node


def test_sparse_spring_layout_keeps_neighbours_closer_than_strangers():
    nodes = list(range(60))
    edges = [(i, i + 1) for i in range(59)]
    pos = sparse_spring_layout(nodes, edges, seed=3)

    def dist(a: int, b: int) -> float:
        return ((pos[a][0] - pos[b][0]) ** 2 + (pos[a][1] - pos[b][1]) ** 2) ** 0.5

    neighbours = sum(dist(i, i + 1) for i in range(59)) / 59
    strangers = sum(dist(i, (i + 30) % 60) for i in range(60)) / 60
    assert neighbours * 3 < strangers
    assert len({(round(x), round(y)) for x, y in pos.values()}) == 60


# --- writing and the command line --------------------------------------------------------------------
def test_build_all_views_writes_four_pages_centred_on_the_most_connected_actor(korea, tmp_path):
    written = build_all_views(korea, tmp_path)
    assert set(written) == {"network", "collaboration", "timeline", "neighbourhood"}
    assert all(p.is_file() and p.stat().st_size > 100_000 for p in written.values())
    assert most_connected_actor(korea) == MSS
    assert "Neighbourhood of Ministry of SMEs and Startups" in written["neighbourhood"].read_text("utf-8")


def test_cli_writes_the_view_and_names_bad_options(tmp_path: Path, korea):
    from instgraph.cli import app

    graph_file = tmp_path / "graph.json"
    korea.write_json(graph_file)
    out = tmp_path / "c.html"
    runner = CliRunner()
    ok = runner.invoke(app, ["viz", "collaboration", "--graph", str(graph_file), "-o", str(out)])
    assert ok.exit_code == 0, ok.output
    assert out.is_file() and str(out) in ok.stdout
    nb = runner.invoke(
        app,
        [
            "viz",
            "neighbourhood",
            "--graph",
            str(graph_file),
            "--focus",
            "MSS",
            "--depth",
            "2",
            "-o",
            str(out),
        ],
    )
    assert nb.exit_code == 0 and "Neighbourhood of Ministry of SMEs and Startups" in out.read_text("utf-8")
    with pytest.raises(UsageError, match="unknown view 'maps'"):
        build_view(korea, "maps")

"""The main job end to end, on a fresh out/: datasets and the seed deck → Neo4j, views, exports, report.

Runs against the real Neo4j server of the test session and opens the views in headless Chromium.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from graph.model.institutional_graph import InstitutionalGraph
from graph.store.read import read_graph
from instgraph.build import build
from instgraph.summary import summary

SEED = "oecd-2022-korea-sme-digitalisation.txt"
REPO = Path(__file__).resolve().parents[2]




@pytest.fixture(scope="module")
def main_job(tmp_path_factory, seeds_dir, neo4j_settings):
    """One run of the main job into a fresh out/, loading the session's Neo4j server."""
    out = tmp_path_factory.mktemp("main-job") / "out"
    env = {
        "NEO4J_URI": neo4j_settings.uri,
        "NEO4J_USERNAME": neo4j_settings.username,
        "NEO4J_PASSWORD": neo4j_settings.password or "",
        "NEO4J_DATABASE": neo4j_settings.database,
    }
    report = build(None, seeds_dir, out, extract=True, outputs=True, neo4j_env=env, wipe=True)
    return out, report


def test_the_summary_says_what_was_made_and_what_to_do_next(main_job):
    out, report = main_job
    text = summary(report)
    assert not report.skipped, report.skipped
    assert f"wrote {out / 'graph.json'}" in text
    assert "Neo4j: loaded" in text
    assert text.count("instgraph query ") == 3
    assert "collaboration.html" in text


def test_neo4j_holds_exactly_the_model(main_job, neo4j_driver, neo4j_settings):
    _, report = main_job
    mirror = read_graph(neo4j_driver, database=neo4j_settings.database)
    assert mirror == report.graph


def test_the_graph_merges_curated_and_extracted_facts_with_line_citations(main_job):
    _, report = main_job
    g = report.graph
    methods = {d["method"] for _, _, d in g.graph.edges(data=True)}
    assert {"curated", "extracted"} <= methods
    # The succession is stated once in the deck and curated once: one edge, both kinds of evidence.
    edge = g.graph.edges["agency:small-and-medium-business-administration", "ministry:ministry-of-smes-and-startups",
                         "SUCCEEDED_BY"]
    assert edge["start"] == 2017
    assert all(e["text"] for e in edge["evidence"])


def test_every_file_is_there_and_reads_back(main_job):
    out, report = main_job
    data = json.loads((out / "graph.json").read_text("utf-8"))
    back = InstitutionalGraph(graph=nx.MultiDiGraph(nx.node_link_graph(data, edges="edges")))
    assert back == report.graph
    gexf = nx.read_gexf(out / "graph.gexf")
    assert gexf.number_of_nodes() == len(report.graph)
    graphml = ET.parse(out / "graph.graphml").getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(graphml.findall(".//g:node", ns)) == len(report.graph)
    assert any(p.name.startswith("nodes_") for p in (out / "neo4j-import").iterdir())
    md = (out / "report.md").read_text("utf-8")
    for png in ("coordination.png", "centrality.png"):
        assert png in md
        assert (out / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("view", ["network", "collaboration", "timeline", "neighbourhood"])
def test_each_view_opens_offline_in_the_browser(main_job, open_page, view):
    out, _ = main_job
    opened = open_page(out / f"{view}.html")
    assert opened.network_requests == []
    assert opened.page_errors == [] and opened.console_errors == []
    shown = opened.page.evaluate("() => window.instgraph.nodes.get().filter(n => !n.hidden).length")
    assert shown > 0

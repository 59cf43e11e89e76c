"""Exports read back: every format with networkx, GEXF and GraphML also with a plain XML parser."""

from __future__ import annotations

import copy
import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from graph.exports import (
    admin_import_tables,
    export_graph,
    sanitised,
    write_admin_import_csv,
    write_gexf,
    write_graphml,
    write_node_link,
)
from graph.model.institutional_graph import InstitutionalGraph
from graph.store.rows import mention_rows
from loaders.dataset import korea_graph

MSS = "ministry:ministry-of-smes-and-startups"
SMBA = "agency:small-and-medium-business-administration"
GEXF_NS = {"g": "http://www.gexf.net/1.2draft"}
GRAPHML_NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


@pytest.fixture(scope="module")
def korea() -> InstitutionalGraph:
    return korea_graph()


def test_exports_never_change_the_graph(korea: InstitutionalGraph, tmp_path: Path) -> None:
    before = copy.deepcopy(korea.graph)
    for fmt, name in (("gexf", "g.gexf"), ("graphml", "g.graphml"), ("json", "g.json"), ("csv", "csv")):
        export_graph(korea, fmt, tmp_path / name)
    assert InstitutionalGraph(korea.schema, before) == korea


def test_exports_tell_derived_years_from_stated_ones(korea: InstitutionalGraph, tmp_path: Path) -> None:
    back = InstitutionalGraph.read_json(export_graph(korea, "json", tmp_path / "g.json"))
    kosmo = back.graph.nodes["agency:korea-smart-manufacturing-office"]
    assert (kosmo["start"], kosmo["end"]) == (None, None)  # the deck states no year
    assert (kosmo["known_years"], kosmo["derived_years"], kosmo["derived_rules"]) == ([2022], [2022], ["document date"])
    tables = admin_import_tables(korea.dated())
    header = tables.files["nodes_Agency.csv"][0]
    assert "end:long" in header and "known_years:long[]" in header and "derived_rules:string[]" in header


def test_sanitised_copy_has_only_scalars_and_no_none(korea: InstitutionalGraph) -> None:
    s = sanitised(korea)
    values = [v for _, d in s.nodes(data=True) for v in d.values()]
    values += [v for _, _, d in s.edges(data=True) for v in d.values()]
    assert all(isinstance(v, (str, int, float, bool)) for v in values)
    assert json.loads(s.nodes[MSS]["aliases"]) == list(korea.graph.nodes[MSS]["aliases"])


def test_gexf_reads_back_with_networkx_and_carries_years_for_the_timeline(
    korea: InstitutionalGraph, tmp_path: Path
) -> None:
    path = write_gexf(korea, tmp_path / "korea.gexf")
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == len(korea)
    assert back.number_of_edges() == korea.graph.number_of_edges()
    mss = back.nodes[MSS]
    assert (mss["label"], mss["type"], mss["start"]) == (korea.graph.nodes[MSS]["name"], "Ministry", 2017)
    assert json.loads(mss["aliases"]) == list(korea.graph.nodes[MSS]["aliases"])
    (succession,) = [d for u, v, d in back.edges(data=True) if (u, v) == (SMBA, MSS)]
    model = korea.graph.edges[SMBA, MSS, "SUCCEEDED_BY"]
    assert succession["relationship"] == "SUCCEEDED_BY" and succession["start"] == model["start"]
    assert json.loads(succession["evidence"]) == model["evidence"]


def test_gexf_parsed_as_plain_xml_is_a_dynamic_graph_with_intervals(korea: InstitutionalGraph, tmp_path: Path) -> None:
    root = ET.parse(write_gexf(korea, tmp_path / "korea.gexf")).getroot()
    graph = root.find("g:graph", GEXF_NS)
    assert graph is not None
    assert (graph.get("mode"), graph.get("timeformat"), graph.get("defaultedgetype")) == ("dynamic", "long", "directed")
    nodes = {n.get("id"): n for n in graph.iterfind("g:nodes/g:node", GEXF_NS)}
    edges = list(graph.iterfind("g:edges/g:edge", GEXF_NS))
    assert len(nodes) == len(korea) and len(edges) == korea.graph.number_of_edges()
    assert len({e.get("id") for e in edges}) == len(edges)  # ids are the relationship ids, unique
    dated = [n for n, d in korea.graph.nodes(data=True) if d.get("start") is not None]
    assert dated and all(nodes[n].get("start") == str(korea.graph.nodes[n]["start"]) for n in dated)
    undated = [n for n, d in korea.graph.nodes(data=True) if d.get("start") is None and d.get("end") is None]
    assert all(nodes[n].get("start") is None and nodes[n].get("end") is None for n in undated)


def test_graphml_reads_back_with_networkx_keeping_keys_and_types(korea: InstitutionalGraph, tmp_path: Path) -> None:
    back = nx.read_graphml(write_graphml(korea, tmp_path / "korea.graphml"))
    assert back.number_of_nodes() == len(korea)
    assert back.number_of_edges() == korea.graph.number_of_edges()
    keys = sorted((u, v, d["edge_key"]) for u, v, d in back.edges(data=True))
    assert keys == sorted(korea.graph.edges(keys=True))
    assert back.nodes[MSS]["start"] == 2017 and back.nodes[MSS]["type"] == "Ministry"
    confidences = [d["confidence"] for _, _, d in back.edges(data=True)]
    assert all(isinstance(c, float) for c in confidences)


def test_graphml_parsed_as_plain_xml_declares_every_attribute(korea: InstitutionalGraph, tmp_path: Path) -> None:
    root = ET.parse(write_graphml(korea, tmp_path / "korea.graphml")).getroot()
    declared = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in root.iterfind("g:key", GRAPHML_NS)}
    assert declared[("node", "name")] == "string"
    assert declared[("node", "start")] in ("int", "long")
    assert declared[("edge", "confidence")] == "double"
    graph = root.find("g:graph", GRAPHML_NS)
    assert graph is not None and graph.get("edgedefault") == "directed"
    assert len(graph.findall("g:node", GRAPHML_NS)) == len(korea)
    assert len(graph.findall("g:edge", GRAPHML_NS)) == korea.graph.number_of_edges()


def test_node_link_json_reads_back_equal(korea: InstitutionalGraph, tmp_path: Path) -> None:
    path = write_node_link(korea, tmp_path / "korea.json")
    assert InstitutionalGraph.read_json(path) == korea
    raw = nx.node_link_graph(json.loads(path.read_text("utf-8")), edges="edges")
    assert raw.number_of_edges() == korea.graph.number_of_edges()


def read_admin_csv(directory: Path, delimiter: str) -> nx.MultiDiGraph:
    """Rebuild a graph from neo4j-admin import files, typing columns by their headers."""

    def value(header: str, cell: str) -> object:
        if cell == "":
            return None
        name, _, kind = header.partition(":")
        if kind.endswith("[]"):
            items = cell.split(delimiter)
            return [int(x) for x in items] if kind.startswith("long") else items
        return {"long": int, "double": float, "boolean": lambda c: c == "true"}.get(kind, str)(cell)

    g = nx.MultiDiGraph()
    for path in sorted(directory.glob("nodes_*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        header = rows[0]
        assert header[:2] == ["id:ID", ":LABEL"]
        for row in rows[1:]:
            attrs = {h.partition(":")[0] or h: value(h, c) for h, c in zip(header[2:], row[2:], strict=True)}
            g.add_node(row[0], labels=row[1].split(delimiter), **{k: v for k, v in attrs.items() if v is not None})
    for path in sorted(directory.glob("relationships_*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        header = rows[0]
        assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
        for row in rows[1:]:
            attrs = {h.partition(":")[0]: value(h, c) for h, c in zip(header[3:], row[3:], strict=True)}
            g.add_edge(
                row[0], row[1], key=attrs["id"], type=row[2], **{k: v for k, v in attrs.items() if v is not None}
            )
    return g


def test_admin_import_csv_holds_every_entity_relationship_and_mention(
    korea: InstitutionalGraph, tmp_path: Path
) -> None:
    args = write_admin_import_csv(korea, tmp_path)
    delimiter = admin_import_tables(korea).array_delimiter
    assert f"--array-delimiter={delimiter}" in args
    assert (tmp_path / "neo4j-admin-import.args").read_text("utf-8").split() == args
    back = read_admin_csv(tmp_path, delimiter)
    mentions = sum(len(rows) for rows in mention_rows(korea).values())
    assert back.number_of_nodes() == len(korea)
    assert back.number_of_edges() == korea.graph.number_of_edges() + mentions
    assert back.nodes[MSS]["labels"] == ["Ministry", "Actor"]
    assert back.nodes[MSS]["aliases"] == list(korea.graph.nodes[MSS]["aliases"])
    assert back.nodes[MSS]["start"] == 2017
    model = korea.graph.edges[SMBA, MSS, "SUCCEEDED_BY"]
    (succession,) = [d for u, v, d in back.edges(data=True) if (u, v, d["type"]) == (SMBA, MSS, "SUCCEEDED_BY")]
    assert [json.loads(e) for e in succession["evidence"]] == model["evidence"]
    assert succession["sources"] == model["sources"]


def test_admin_import_headers_are_typed(korea: InstitutionalGraph) -> None:
    tables = admin_import_tables(korea)
    ministry = tables.files["nodes_Ministry.csv"][0]
    assert {"start:long", "aliases:string[]", "name"} <= set(ministry)
    leads = tables.files["relationships_LEADS.csv"][0]
    assert {"confidence:double", "evidence:string[]", "sources:string[]", "id"} <= set(leads)


def test_array_delimiter_avoids_characters_found_in_values(tmp_path: Path) -> None:
    from graph.model import Entity

    g = InstitutionalGraph()
    g.add_entity(Entity(type="Ministry", name="M", aliases=("A;B", "C")))
    tables = admin_import_tables(g)
    assert tables.array_delimiter == "|"
    assert tables.files["nodes_Ministry.csv"][1][2] == "A;B|C"


def test_cli_export_writes_the_file_and_rejects_an_unknown_format(korea: InstitutionalGraph, tmp_path: Path) -> None:
    import subprocess
    import sys

    cli = [sys.executable, "-m", "instgraph.cli"]
    done = subprocess.run([*cli, "export", "--format", "json", "-o", str(tmp_path / "g.json")],
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(tmp_path / "g.json")
    assert InstitutionalGraph.read_json(tmp_path / "g.json") == korea.dated()
    bad = subprocess.run([*cli, "export", "--format", "xml"], capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "--format: 'xml'" in bad.stderr

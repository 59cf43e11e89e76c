"""`instgraph build`: curated datasets → out/graph.json that networkx reads back into an equal graph."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graph.model.institutional_graph import InstitutionalGraph
from instgraph.cli import app
from loaders.dataset import KOREA_DATASET, korea_graph

SEED = "oecd-2022-korea-sme-digitalisation.txt"
REPO = Path(__file__).resolve().parents[1]
# Options must not be taken from the environment of whoever runs the tests.
NO_SEEDS_ENV: dict[str, str | None] = {"INSTGRAPH_SEEDS": None}




@pytest.fixture(scope="module")
def korea(seeds_dir: Path) -> InstitutionalGraph:
    return korea_graph(seeds_dir)


def read_back(path: Path) -> InstitutionalGraph:
    """The graph file as plain networkx reads it, wrapped for comparison."""
    data = json.loads(path.read_text("utf-8"))
    return InstitutionalGraph(graph=nx.MultiDiGraph(nx.node_link_graph(data, edges="edges")))


def test_build_writes_a_node_link_file_networkx_reads_back_into_the_same_graph(tmp_path, seeds_dir, korea):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["build", "--seeds", str(seeds_dir), "--out", str(out), "--no-extract", "--no-outputs"]
    )
    assert result.exit_code == 0, result.output
    graph_file = out / "graph.json"
    assert read_back(graph_file) == korea.dated()
    assert str(graph_file) in result.stdout
    assert "years covered: 1999–2018" in result.stdout
    assert "SUCCEEDED_BY" in result.stdout and "Ministry" in result.stdout
    assert "83 quoting their lines" in result.stdout


def test_build_on_a_fresh_checkout_uses_the_repos_datasets_and_writes_out(tmp_path, seeds_dir, korea):
    env = {**os.environ, "INSTGRAPH_SEEDS": str(seeds_dir)}
    done = subprocess.run(
        [sys.executable, "-m", "instgraph.cli", "build", "--no-extract", "--no-outputs"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert read_back(tmp_path / "out" / "graph.json") == korea.dated()
    assert done.stdout.startswith("wrote out/graph.json")


def test_datasets_given_twice_or_extended_merge_into_one_graph(tmp_path, seeds_dir, korea):
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "entities:\n"
        "  - {type: Ministry, name: Ministry of SMEs and Startups, aliases: [MoSS]}\n"
        "  - {type: Programme, name: Smart factory vouchers}\n"
        "relationships:\n"
        "  - {type: IMPLEMENTS, source: MoSS, target: Smart factory vouchers, start: 2019}\n",
        "utf-8",
    )
    args = ["build", "--seeds", str(seeds_dir), "--out", str(tmp_path), "--no-extract", "--no-outputs"]
    result = CliRunner().invoke(app, [*args, "--data", str(KOREA_DATASET), "--data", str(KOREA_DATASET)])
    assert result.exit_code == 0, result.output
    assert read_back(tmp_path / "graph.json") == korea.dated()
    result = CliRunner().invoke(app, [*args, "--data", str(KOREA_DATASET), "--data", str(extra)])
    assert result.exit_code == 0, result.output
    merged = read_back(tmp_path / "graph.json")
    mss = merged.entity("ministry:ministry-of-smes-and-startups")
    assert "MoSS" in mss.aliases and "MSS" in mss.aliases and mss.start == 2017
    assert len(merged) == len(korea) + 1
    assert merged.graph.has_edge(mss.id, "programme:smart-factory-vouchers", "IMPLEMENTS")


def test_a_broken_dataset_fails_with_its_file_and_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities:\n  - {type: Ministry, name: A}\n  - {type: Minstry, name: B}\n", "utf-8")
    result = CliRunner().invoke(app, ["build", "--data", str(bad), "--out", str(tmp_path)], env=NO_SEEDS_ENV)
    assert result.exit_code == 1
    assert f"{bad}:3: entity 'B' has unknown type 'Minstry'" in result.stderr
    assert not (tmp_path / "graph.json").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--data", "no/such.yaml"], "--data no/such.yaml: no such file"),
        (["--seeds", "no/such/dir"], "--seeds no/such/dir: not a directory"),
    ],
)
def test_bad_options_are_usage_errors(tmp_path, args, message):
    result = CliRunner().invoke(app, ["build", "--out", str(tmp_path), *args], env=NO_SEEDS_ENV)
    assert result.exit_code == 2
    assert message in result.stderr


def test_extracted_facts_merge_with_curated_ones_and_curated_years_win(tmp_path):
    doc = tmp_path / "deck.txt"
    doc.write_text(
        "Institutions of Ostravia\n\n"
        "- The Ministry of Harbours (MoH) was created in 2012\n"
        "- The Coastal Works Agency implements the Harbour Renewal Programme (2013 – 2015, Coastal Works Agency)\n",
        "utf-8",
    )
    data = tmp_path / "ostravia.yaml"
    data.write_text(
        "entities:\n"
        "  - {type: Ministry, name: Ministry of Harbours, aliases: [MoH], start: 2010}\n",
        "utf-8",
    )
    result = CliRunner().invoke(
        app,
        ["build", "--data", str(data), "--documents", str(doc), "--out", str(tmp_path / "out"), "--no-outputs"],
        env=NO_SEEDS_ENV,
    )
    assert result.exit_code == 0, result.output
    merged = read_back(tmp_path / "out" / "graph.json")
    moh = merged.entity("ministry:ministry-of-harbours")
    assert moh.start == 2010  # the curated year, not the extracted 2012
    assert "conflict: Ministry of Harbours: years 2012–? extracted, 2010–? curated; kept curated" in result.stdout
    programme = [e for e in merged.entities(["Programme"]) if "Harbour Renewal" in e.name]
    assert programme and programme[0].start == 2013
    assert any(d["method"] == "extracted" for _, _, d in merged.graph.edges(data=True))


def test_documents_listed_after_the_option_are_all_extracted_in_worker_processes(tmp_path):
    docs = [REPO / "tests" / "documents" / n for n in ("norland-digital-review.txt", "ruritania-coastal-deck.txt")]
    data = tmp_path / "empty.yaml"
    data.write_text("entities:\n  - {type: Ministry, name: Ministry of Nothing}\n", "utf-8")
    out = tmp_path / "out"
    args = ["build", "--data", str(data), "--out", str(out), "--no-outputs", "-j", "2", "--documents", *map(str, docs)]
    result = CliRunner().invoke(app, args, env=NO_SEEDS_ENV)
    assert result.exit_code == 0, result.output
    assert f"and facts extracted from {docs[0]}, {docs[1]}" in result.stdout
    graph = read_back(out / "graph.json")
    cited = {ev["document"] for _, _, evs in graph.graph.edges(data="evidence") for ev in evs or ()}
    assert len(cited) == 2  # facts from both documents

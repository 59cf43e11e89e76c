"""The analysis report and its tables, and the `instgraph analyze` / `instgraph report` commands."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from typer.testing import CliRunner

from graph.analysis.centrality import BROKERAGE_ROLES
from instgraph.cli import app
from loaders.dataset import korea_graph
from viz.report import write_report
from viz.tables import to_csv

PNG = b"\x89PNG\r\n\x1a\n"
MSS = "ministry:ministry-of-smes-and-startups"
runner = CliRunner()


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    write_report(korea_graph(), out)
    return out


def test_report_links_figures_that_exist_as_png(report_dir):
    text = (report_dir / "report.md").read_text("utf-8")
    figures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert set(figures) == {"coordination.png", "centrality.png"}
    for name in figures:
        data = (report_dir / name).read_bytes()
        assert data.startswith(PNG) and len(data) > 10_000  # a drawn figure, not an empty canvas


def test_report_states_the_before_after_comparison(report_dir):
    text = (report_dir / "report.md").read_text("utf-8")
    assert "Reorganisation year: **2017**" in text
    assert "at most **2** separate groups" in text and "at most **1** separate groups" in text
    assert "Ministry of SMEs and Startups" in text
    comparison = json.loads((report_dir / "before-after.json").read_text("utf-8"))
    assert comparison["before"]["max_groups"] == 2 and comparison["after"]["hubs"] == [MSS]


def test_coordination_tables_agree_in_csv_and_json(report_dir):
    rows = list(csv.DictReader(io.StringIO((report_dir / "coordination.csv").read_text("utf-8"))))
    data = json.loads((report_dir / "coordination.json").read_text("utf-8"))
    assert [int(r["year"]) for r in rows] == [r["year"] for r in data]
    by_year = {int(r["year"]): r for r in rows}
    assert by_year[2005]["groups"] == "2"
    assert by_year[2022]["hub_name"] == "Ministry of SMEs and Startups"
    assert by_year[2018]["hub_name"] == ""  # the four partners known in 2018 all share the strategy
    assert by_year[2020]["groups"] == "0" and int(by_year[2020]["unknown"]) > 0  # nothing dates 2020
    assert len(json.loads(by_year[2007]["members"])) == 2  # two groups, as JSON (lists read back)


def test_centrality_tables_compare_a_fragmented_year_with_a_consolidated_one(report_dir):
    tables = sorted(report_dir.glob("centrality-actors-*.json"))
    assert [p.stem[-4:] for p in tables] == ["2008", "2022"]
    after = json.loads(tables[1].read_text("utf-8"))
    assert after[0]["id"] == MSS
    before = json.loads(tables[0].read_text("utf-8"))
    assert all(row["degree"] == 0.0 for row in before)  # nobody worked with anybody in 2008


def test_the_report_says_how_much_is_dated_and_what_the_figures_leave_out(report_dir):
    text = (report_dir / "report.md").read_text("utf-8")
    assert "Time coverage: of 73 facts" in text and "27 have years the documents state" in text
    # the parallel programmes of the 2000s, named with their bodies
    assert "2007–2008: 2 separate groups ran 1 million SME informatisation support programme and SME " in text
    assert "Small and Medium Business Administration | Ministry of Information and Communication" in text
    assert "2019–2021: no known figure" in text
    assert "Both from known facts only. Undated roles or collaborations left out" in text


def test_brokerage_table_lists_roles(report_dir):
    rows = list(csv.DictReader(io.StringIO((report_dir / "brokerage.csv").read_text("utf-8"))))
    assert rows[0]["id"] == MSS
    assert set(BROKERAGE_ROLES) <= set(rows[0])


def test_to_csv_of_nothing_is_empty():
    assert to_csv([]) == ""


# --- the CLI ---------------------------------------------------------------------------------------------
def test_analyze_json_lists_every_node_with_its_measures():
    result = runner.invoke(app, ["analyze", "--as-of", "2018", "--projection", "actors", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows[0]["id"] == MSS
    measures = {"degree", "betweenness", "closeness", "eigenvector", "pagerank"}
    assert all({"id", "name", "type"} | measures == set(row) for row in rows)


def test_analyze_full_projection_has_in_and_out_degree_as_csv():
    result = runner.invoke(app, ["analyze", "--format", "csv"])
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[0].split(",")
    assert header == ["id", "name", "type", "in_degree", "out_degree", "betweenness", "closeness",
                      "eigenvector", "pagerank"]


def test_analyze_lineage_has_no_predecessors():
    result = runner.invoke(app, ["analyze", "--projection", "lineage", "--format", "json"])
    assert result.exit_code == 0, result.output
    ids = {row["id"] for row in json.loads(result.stdout)}
    assert MSS in ids and "agency:small-and-medium-business-administration" not in ids


def test_analyze_table_is_printed_for_people():
    result = runner.invoke(app, ["analyze", "--as-of", "2018", "--projection", "actors"])
    assert result.exit_code == 0, result.output
    assert "Ministry of SMEs and Startups" in result.stdout and "betweenness" in result.stdout


@pytest.mark.parametrize(
    "args, fault",
    [
        (["--projection", "ego"], "--projection"),
        (["--format", "xml"], "--format"),
        (["--sample", "0"], "--sample"),
    ],
)
def test_analyze_rejects_bad_options_with_exit_2(args, fault):
    result = runner.invoke(app, ["analyze", *args])
    assert result.exit_code == 2
    assert fault in result.output


def test_report_command_writes_the_report(tmp_path):
    result = runner.invoke(app, ["report", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "report.md").is_file()
    assert result.stdout.strip().endswith("report.md")


def test_a_graph_without_a_dated_succession_still_gets_its_report(tmp_path):
    # Two ministries share a programme; nobody was reorganised: no comparison, but tables and figures.
    from graph.model import Entity, Relationship
    from graph.model.institutional_graph import InstitutionalGraph

    g = InstitutionalGraph()
    a, b = (g.add_entity(Entity(type="Ministry", name=n)).id for n in ("Ministry A", "Ministry B"))
    p = g.add_entity(Entity(type="Programme", name="Shared scheme", start=2010, end=2012)).id
    g.add_relationship(Relationship(type="LEADS", source=a, target=p, start=2010, end=2012))
    g.add_relationship(Relationship(type="PARTICIPATES_IN", source=b, target=p, start=2010, end=2012))
    text = write_report(g, tmp_path).read_text("utf-8")
    assert "no before/after comparison" in text and "--reorganisation YEAR" in text
    assert not (tmp_path / "before-after.json").exists()
    assert (tmp_path / "coordination.png").stat().st_size > 0
    assert "### 2012" in text  # the busiest year's actors (the latest of equals)

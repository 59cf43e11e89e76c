"""Countries compared: the restriction of a graph to a country, ``instgraph compare`` and the report's
comparison section, on a small two-country graph whose figures are worked out by hand below."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.errors import UsageError
from graph.model import Entity, Relationship
from graph.model.country import graph_countries, restrict_to_country, split_by_country
from graph.model.institutional_graph import InstitutionalGraph
from instgraph.cli import app
from queries.compare import compare_countries, side_by_side
from viz.report import write_report

runner = CliRunner()


def two_countries() -> InstitutionalGraph:
    """Korea (KOR): ministry A leads programme P, agency B implements it, agency C implements programme Q,
    A and C collaborate, all in 2020; agency Old was succeeded by B in 2019.
    Germany (DEU): ministry M leads programme X in 2021; law L provides for X.
    No country: an international organisation O that collaborates with A (2020)."""
    g = InstitutionalGraph()

    def add(type_: str, name: str, country: str | None) -> str:
        return g.add_entity(Entity(type=type_, name=name, country=country)).id

    a, b, c = add("Ministry", "A", "KOR"), add("Agency", "B", "KOR"), add("Agency", "C", "KOR")
    old, p, q = add("Agency", "Old", "KOR"), add("Programme", "P", "KOR"), add("Programme", "Q", "KOR")
    m, x, law = add("Ministry", "M", "DEU"), add("Programme", "X", "DEU"), add("Law", "L", "DEU")
    o = add("InternationalOrganization", "O", None)
    for type_, s, t, year in [
        ("LEADS", a, p, 2020),
        ("IMPLEMENTS", b, p, 2020),
        ("IMPLEMENTS", c, q, 2020),
        ("COLLABORATES_WITH", a, c, 2020),
        ("SUCCEEDED_BY", old, b, 2019),
        ("LEADS", m, x, 2021),
        ("PROVIDES_FOR", law, x, None),
        ("COLLABORATES_WITH", o, a, 2020),
    ]:
        g.add_relationship(Relationship(type=type_, source=s, target=t, start=year))
    return g


def test_restriction_keeps_one_countrys_entities_and_the_relationships_among_them() -> None:
    g = two_countries()
    assert graph_countries(g) == {"KOR": 6, "DEU": 3, "unknown": 1}
    korea = restrict_to_country(g, "KR")  # an alpha-2 code is read too
    assert sorted(d["name"] for _, d in korea.graph.nodes(data=True)) == ["A", "B", "C", "Old", "P", "Q"]
    assert sorted(t for _, _, t in korea.graph.edges(data="type")) == [
        "COLLABORATES_WITH",
        "IMPLEMENTS",
        "IMPLEMENTS",
        "LEADS",
        "SUCCEEDED_BY",
    ]  # fmt: skip  (O's collaboration with A crosses out of Korea)
    assert [d["name"] for _, d in restrict_to_country(g, "unknown").graph.nodes(data=True)] == ["O"]
    assert set(split_by_country(g)) == {"KOR", "DEU", "unknown"}
    with pytest.raises(UsageError, match="holds no entity of FRA; it holds: KOR, DEU, unknown"):
        restrict_to_country(g, "FRA")
    with pytest.raises(UsageError, match="'Norland' is not a country"):
        restrict_to_country(g, "Norland")


def test_two_countries_figures_match_the_hand_count() -> None:
    kor, deu, unknown = compare_countries(two_countries())
    # Korea in 2020: P runs (A leads, B implements), Q runs (C implements); A–B share P, A–C collaborate:
    # one group {A, B, C}; degrees A 2, B 1, C 1 -> Freeman (1 - 0.5) * 2 / (3 - 2) = 1.0; the hub is A.
    assert kor["country"] == "KOR" and kor["name"] == "South Korea"
    assert kor["actors"] == {"Agency": 3, "Ministry": 1} and kor["instruments"] == {"Programme": 2}
    assert (kor["year"], kor["groups"], kor["centralization"], kor["hub"]) == (2020, 1, 1.0, "A")
    assert kor["most_central"] == "A"
    assert (kor["reorganisations"], kor["collaborations"]) == (1, 1)
    # Germany in 2021: M leads X alone: one group of one, no ties (no hub, no most central actor).
    assert deu["actors"] == {"Ministry": 1} and deu["instruments"] == {"Law": 1, "Programme": 1}
    assert (deu["year"], deu["groups"], deu["centralization"], deu["hub"]) == (2021, 1, 0.0, None)
    assert (deu["most_central"], deu["reorganisations"], deu["collaborations"]) == (None, 0, 0)
    assert unknown["country"] == "unknown" and unknown["actors"] == {"InternationalOrganization": 1}
    # Read in one year for every country: nothing runs in Germany in 2020.
    kor20, deu20 = compare_countries(two_countries(), ["KOR", "DEU"], as_of=2020)
    assert (kor20["groups"], deu20["groups"], deu20["year"]) == (1, 0, 2020)


def test_side_by_side_has_a_column_per_country_and_a_row_per_type() -> None:
    rows = {r["measure"]: r for r in side_by_side(compare_countries(two_countries()))}
    assert rows["actors"] == {"measure": "actors", "KOR": 4, "DEU": 1, "unknown": 1}
    assert rows["  Agency"] == {"measure": "  Agency", "KOR": 3, "DEU": 0, "unknown": 0}
    assert rows["separate groups running instruments"]["KOR"] == 1


@pytest.fixture
def graph_file(tmp_path: Path) -> Path:
    path = tmp_path / "graph.json"
    two_countries().dated().write_json(path)
    return path


def test_compare_command_prints_table_csv_and_json(graph_file: Path) -> None:
    table = runner.invoke(app, ["compare", "--graph", str(graph_file)])
    assert table.exit_code == 0, table.output
    header = table.stdout.splitlines()[0].split()
    assert header == ["measure", "KOR", "DEU", "unknown"]
    assert f"graph: {graph_file} (--graph)" in table.stderr
    csv_ = runner.invoke(app, ["compare", "--graph", str(graph_file), "--format", "csv", "--country", "DEU"])
    assert csv_.stdout.splitlines()[0] == "measure,DEU"
    assert "most central actor," in csv_.stdout
    records = json.loads(runner.invoke(app, ["compare", "--graph", str(graph_file), "--format", "json"]).stdout)
    assert [r["country"] for r in records] == ["KOR", "DEU", "unknown"] and records[0]["hub"] == "A"
    bad = runner.invoke(app, ["compare", "--graph", str(graph_file), "--country", "FRA"])
    assert bad.exit_code == 2 and "holds no entity of FRA" in bad.stderr


def test_every_graph_command_takes_country(graph_file: Path, tmp_path: Path) -> None:
    view = runner.invoke(app, ["viz", "collaboration", "--graph", str(graph_file), "--country", "KOR",
                               "-o", str(tmp_path / "c.html")])  # fmt: skip
    assert view.exit_code == 0, view.output
    page = (tmp_path / "c.html").read_text("utf-8")
    assert '"label":"A"' in page and "ministry:a" in page
    assert "ministry:m" not in page and '"label":"M"' not in page  # Germany's ministry is not drawn
    analysis = runner.invoke(app, ["analyze", "--graph", str(graph_file), "--country", "DEU", "--format", "json"])
    assert {r["name"] for r in json.loads(analysis.stdout)} == {"M", "X", "L"}
    rows = runner.invoke(app, ["query", "roles", "--graph", str(graph_file), "--country", "KOR", "--format", "json"])
    assert {r["actor_name"] for r in json.loads(rows.stdout)} == {"A", "B", "C"}


def test_the_report_compares_countries_when_the_graph_holds_several(tmp_path: Path) -> None:
    report = write_report(two_countries(), tmp_path / "two").read_text("utf-8")
    assert "## Countries compared" in report and "![Countries compared](countries.png)" in report
    assert "| measure | KOR | DEU | unknown |" in report
    assert (tmp_path / "two" / "countries.png").stat().st_size > 0
    kor = json.loads((tmp_path / "two" / "countries.json").read_text("utf-8"))[0]
    assert (kor["country"], kor["groups"]) == ("KOR", 1)
    single = write_report(restrict_to_country(two_countries(), "KOR"), tmp_path / "one").read_text("utf-8")
    assert "Countries compared" not in single

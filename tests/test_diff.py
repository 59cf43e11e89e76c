"""`instgraph diff`: what changed between two years of the Korea graph (the deck's own answers), between two
builds (type, years, confidence), and between a graph file and Neo4j."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from graph.model import Entity, Evidence, Relationship
from graph.model.diff import ADDED, BETWEEN, CHANGED, REMOVED, diff_graphs, diff_years
from graph.model.institutional_graph import InstitutionalGraph
from instgraph.cli import app
from loaders.dataset import KOREA_DATASET, korea_graph
from viz import diff_text

# The deck's answers, as the curated dataset names them.
MSS = "ministry:ministry-of-smes-and-startups"
SMBA = "agency:small-and-medium-business-administration"
MOTIE = "ministry:ministry-of-trade-industry-and-energy"
OTHERS_2016 = "ministry:other-ministries-and-government-entities"
STRATEGY_2018 = "strategy:smart-factory-diffusion-and-advancement-strategy"
COLLABORATORS = (
    "ministry:other-ministries",
    "regionalgovernment:regional-governments",
    "privatesector:private-sector",
)
SMBA_PROGRAMME = "programme:sme-informatisation-support-programme"
DOC = "document:" + "ab" * 8


@pytest.fixture(scope="module")
def korea(seeds_dir: Path) -> InstitutionalGraph:
    return korea_graph(seeds_dir)


def keyed(changes: Any) -> dict[Any, Any]:
    return {c.id: c for c in changes}


def test_2016_vs_2018_shows_the_reorganisation_the_transfer_and_the_2018_strategy(korea, seed_path):
    d = diff_years(korea, 2016, 2018)
    entities = {c.status: set() for c in d.changes}
    for c in d.changes:
        if c.kind == "entity":
            entities[c.status].add(c.id)
    rels = keyed(c for c in d.changes if c.kind == "relationship")
    # The SMBA (under MOTIE) is gone; MSS, created in 2017, is there.
    assert SMBA in entities[REMOVED] and MSS in entities[ADDED]
    assert rels[(SMBA, "PART_OF", MOTIE, None)].status == REMOVED
    assert rels[(SMBA, "IMPLEMENTS", SMBA_PROGRAMME, None)].status == REMOVED
    # The reorganisation and the transfer of policies happened in 2017: in neither year, yet listed.
    succession = rels[(SMBA, "SUCCEEDED_BY", MSS, None)]
    transfer = rels[(OTHERS_2016, "TRANSFERRED_TO", MSS, None)]
    assert succession.status == transfer.status == BETWEEN
    assert "2017" in succession.note
    # Each is cited on the deck's lines that tell it.
    seed = seed_path.read_text("utf-8").splitlines()
    cited = [seed[n - 1] for ev in succession.evidence for n in range(ev["lines"][0], ev["lines"][1] + 1)]
    assert any("2017" in line for line in cited)
    # The 2018 strategy appears, led by MSS, with its collaborators taking part and working with MSS.
    assert STRATEGY_2018 in entities[ADDED]
    assert rels[(MSS, "LEADS", STRATEGY_2018, None)].status == ADDED
    for actor in COLLABORATORS:
        assert actor in entities[ADDED]
        assert rels[(actor, "PARTICIPATES_IN", STRATEGY_2018, None)].status == ADDED
        pair = (min(MSS, actor), "COLLABORATES_WITH", max(MSS, actor), STRATEGY_2018)
        assert rels[pair].status == ADDED
    assert all(c.evidence for c in d.changes if c.kind == "relationship")


def test_adjacent_years_still_show_the_reorganisation_no_year_can_draw(korea):
    # The SMBA ends in 2016 and its succession holds in 2017: no year's graph holds both ends.
    assert (SMBA, MSS) not in korea.as_of(2017).graph.edges
    d = diff_years(korea, 2016, 2017)
    rels = keyed(c for c in d.changes if c.kind == "relationship")
    assert rels[(SMBA, "SUCCEEDED_BY", MSS, None)].status == BETWEEN
    assert rels[(SMBA, "PART_OF", MOTIE, None)].status == REMOVED
    # Reading the years the other way round tells the same facts the other way round.
    back = keyed(c for c in diff_years(korea, 2017, 2016).changes if c.kind == "relationship")
    assert back[(SMBA, "PART_OF", MOTIE, None)].status == ADDED


def test_possible_certainty_keeps_facts_of_unknown_years_unchanged(korea):
    known, possible = diff_years(korea, 2016, 2018), diff_years(korea, 2016, 2018, "possible")
    # MOTIE is dated only by the SMBA's years: known in 2016, unknown (so possible) in 2018.
    assert MOTIE in {c.id for c in known.of(REMOVED, "entity")}
    assert MOTIE in possible.unchanged_entities
    assert possible.counts()["entity"]["unchanged"] > known.counts()["entity"]["unchanged"]


def two_builds() -> tuple[InstitutionalGraph, InstitutionalGraph]:
    old, new = InstitutionalGraph(), InstitutionalGraph()
    ev = (Evidence(DOC, 3, 4, "line three"),)
    for g in (old, new):
        g.add_entity(Entity(type="Document", id=DOC, name="Report", extra=(("file_name", "report.txt"),)))
        g.add_entity(Entity(type="Ministry", name="Ministry of Ports", start=2001))
        g.add_entity(Entity(type="Programme", name="Dock Grants"))
    old.add_entity(Entity(type="Agency", name="Harbour Board"))
    new.add_entity(Entity(type="Ministry", name="Harbour Board"))  # retyped: same name, another type
    new.add_entity(Entity(type="Programme", name="Quay Vouchers", start=2020))
    m, p, h = "ministry:ministry-of-ports", "programme:dock-grants", "agency:harbour-board"
    old.add_relationship(Relationship(type="LEADS", source=m, target=p, start=2005, confidence=0.9, evidence=ev))
    new.add_relationship(Relationship(type="LEADS", source=m, target=p, start=2006, confidence=0.6, evidence=ev))
    old.add_relationship(Relationship(type="IMPLEMENTS", source=h, target=p, evidence=ev))
    new.add_relationship(Relationship(type="IMPLEMENTS", source="ministry:harbour-board", target=p, evidence=ev))
    old.add_relationship(Relationship(type="PARTICIPATES_IN", source=m, target=p, evidence=ev))
    new.add_relationship(Relationship(type="IMPLEMENTS", source=m, target=p, evidence=ev))
    return old, new


def test_two_builds_give_type_year_and_confidence_changes_with_their_evidence():
    d = diff_graphs(*two_builds())
    by_label = {(c.kind, c.label): c for c in d.changes}
    retyped = by_label[("entity", "Harbour Board")]
    assert retyped.status == CHANGED and retyped.fields["type"] == ("Agency", "Ministry")
    # Its relationship follows it: not removed and added again.
    assert ("relationship", "Harbour Board → Dock Grants") not in by_label
    leads = by_label[("relationship", "Ministry of Ports → Dock Grants")]
    assert [c.fields for c in d.changes if c.label == leads.label and c.type == "LEADS"] == [
        {"start": (2005, 2006), "confidence": (0.9, 0.6)}
    ]
    typed = [c for c in d.changes if c.label == leads.label and c.type == "IMPLEMENTS"]
    assert typed[0].fields == {"type": ("PARTICIPATES_IN", "IMPLEMENTS")}
    assert by_label[("entity", "Quay Vouchers")].status == ADDED
    rows = {r["fact"] + r["type"]: r for r in diff_text.rows(d)}
    assert rows["Ministry of Ports → Dock GrantsLEADS"]["evidence"] == "report.txt:3-4"
    assert "start: 2005 → 2006" in rows["Ministry of Ports → Dock GrantsLEADS"]["detail"]


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(app, list(args), env=env)


def test_cli_two_graph_files_in_every_format(tmp_path):
    old, new = two_builds()
    old.write_json(tmp_path / "old.json")
    new.write_json(tmp_path / "new.json")
    files = (str(tmp_path / "old.json"), str(tmp_path / "new.json"))
    table = run("diff", *files)
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[0].startswith(f"{files[0]} → {files[1]}: entities: 1 added, 1 changed")
    assert "confidence: 0.9 → 0.6" in table.output
    data = json.loads(run("diff", *files, "--format", "json").stdout)
    assert data["counts"]["relationship"]["changed"] == 2  # LEADS re-dated, PARTICIPATES_IN retyped
    assert data["counts"]["relationship"]["unchanged"] == 1  # the retyped entity's IMPLEMENTS follows it
    assert {c["fact"] for c in data["changes"] if c["change"] == "added"} == {"Quay Vouchers"}
    markdown = run("diff", *files, "--format", "markdown").output
    assert "| change | kind | type | fact |" in markdown


def test_cli_two_years_of_the_curated_graph(seeds_dir):
    result = run("diff", "--as-of", "2016", "--vs", "2018", "--data", str(KOREA_DATASET), "--seeds", str(seeds_dir))
    assert result.exit_code == 0, result.output
    assert "SUCCEEDED_BY" in result.output and "Smart factory diffusion and advancement strategy" in result.output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ((), "say what to compare"),
        (("--vs", "2018"), "--vs needs --as-of"),
        (("missing.json",), "OLD missing.json: no such file"),
    ],
)
def test_cli_bad_usage_is_one_line_and_exit_2(args, says):
    result = run("diff", *args)
    assert result.exit_code == 2
    assert says in result.output and "Traceback" not in result.output


def test_a_graph_file_against_neo4j(tmp_path, neo4j_driver, neo4j_settings, korea):
    from graph.store.write import write_graph

    write_graph(neo4j_driver, korea, database=neo4j_settings.database, wipe=True)
    old = korea.dated()
    edited = InstitutionalGraph(old.schema, old.graph.copy())
    edited.graph.remove_node(SMBA)
    edited.write_json(tmp_path / "old.json")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(
        NEO4J_URI=neo4j_settings.uri,
        NEO4J_USERNAME=neo4j_settings.username,
        NEO4J_PASSWORD=neo4j_settings.password or "",
        NEO4J_DATABASE=neo4j_settings.database,
    )
    result = run("diff", str(tmp_path / "old.json"), "--from", "neo4j", "--format", "json", env=env)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    added = {(c["kind"], c["fact"]) for c in data["changes"] if c["change"] == "added"}
    assert ("entity", "Small and Medium Business Administration") in added
    assert data["counts"]["entity"]["removed"] == data["counts"]["entity"]["changed"] == 0
    assert data["new"] == "neo4j"


def test_viz_diff_writes_the_page_of_two_years(tmp_path, seeds_dir):
    page = tmp_path / "diff.html"
    args = ["--data", str(KOREA_DATASET), "--seeds", str(seeds_dir), "-o", str(page)]
    result = run("viz", "diff", "--as-of", "2016", "--vs", "2018", *args)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith(str(page))
    assert "What changed: 2016 → 2018" in page.read_text("utf-8")
    assert run("viz", "diff", *args).exit_code == 2  # nothing to compare: said, not drawn

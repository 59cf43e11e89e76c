"""The library's questions answered from the networkx model: what a careful reader of the Korea deck says.

The same questions against Neo4j, and the check that both engines agree, are in test_queries_neo4j.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph.analysis.coordination import area_instruments
from graph.errors import UsageError
from graph.model import Entity, Relationship
from graph.model.institutional_graph import InstitutionalGraph
from loaders.dataset import korea_graph
from queries.offline import (
    as_of_map,
    collaboration_pairs,
    fragmentation,
    lineage,
    roles,
    run_offline,
)

MSS = "ministry:ministry-of-smes-and-startups"
SMBA = "agency:small-and-medium-business-administration"
MEL = "ministry:ministry-of-employment-and-labor"
MIC = "ministry:ministry-of-information-and-communication"
MKE = "ministry:ministry-of-knowledge-economy"
YOUTH = "programme:youth-digital-job-programme"
INSTGRAPH = Path(sys.executable).with_name("instgraph")


@pytest.fixture(scope="module")
def korea() -> InstitutionalGraph:
    return korea_graph()


def test_in_2007_the_programmes_running_are_mics_and_smbas(korea: InstitutionalGraph) -> None:
    running = {
        (r["source"], r["target"]) for r in as_of_map(korea, 2007) if r["relationship"] in ("IMPLEMENTS", "LEADS")
    }
    assert running == {
        (MIC, "programme:1-million-sme-informatisation-support-programme"),
        (SMBA, "programme:sme-informatisation-support-programme"),
    }
    assert {(r["actor"], r["instrument"]) for r in roles(korea, year=2007)} == running


def test_the_map_of_2016_has_smba_and_no_mss_and_2018_the_reverse(korea: InstitutionalGraph) -> None:
    def present(year: int) -> set[str]:
        return {r["source"] for r in as_of_map(korea, year)} | {r["target"] for r in as_of_map(korea, year)}

    assert SMBA in present(2016) and MSS not in present(2016)
    assert MSS in present(2018) and SMBA not in present(2018)
    # KOSMO is dated only by the deck (2022): unknown in 2016, so only a map of what is possible shows it,
    # and alone: its links to MSS and to the 2018 strategy cannot hold before those exist
    kosmo_id = "agency:korea-smart-manufacturing-office"
    assert kosmo_id not in present(2016)
    kosmo = [r for r in as_of_map(korea, 2016, "possible") if r["source"] == kosmo_id]
    assert kosmo and kosmo[0]["relationship"] is None


def test_smbas_successor_is_mss_from_2017(korea: InstitutionalGraph) -> None:
    rows = lineage(korea, "SMBA")
    assert [(r["relation"], r["id"], r["steps"], r["year"]) for r in rows] == [("successor", MSS, 1, 2017)]
    back = lineage(korea, "ministry of smes and startups")
    assert [(r["relation"], r["id"], r["year"]) for r in back] == [("predecessor", SMBA, 2017)]
    assert lineage(korea, "Ministry of SMEs") == []  # a look-up is exact, not a fragment


def test_mel_and_mss_collaborate_through_the_youth_digital_job_programme(korea: InstitutionalGraph) -> None:
    pairs = {(r["actor_a"], r["actor_b"]): r for r in collaboration_pairs(korea, actor_type="Ministry")}
    pair = pairs[(MEL, MSS)]
    assert pair["instruments"] == [YOUTH]
    assert pair["explicit"] == 1 and pair["weight"] == 1
    assert (MEL, MSS) in {(r["actor_a"], r["actor_b"]) for r in collaboration_pairs(korea, year=2017)}
    assert collaboration_pairs(korea, year=2010) == []


def test_fragmentation_is_higher_in_2005_and_2007_than_in_any_year_after_2017(
    korea: InstitutionalGraph,
) -> None:
    groups = {r["year"]: r["groups"] for r in fragmentation(korea, 2000, 2022)}
    later = max(groups[y] for y in range(2018, 2023))
    assert groups[2005] > later and groups[2007] > later
    rows = {r["year"]: r for r in fragmentation(korea, 2007, 2007)}
    assert rows[2007]["members"] == [[SMBA], [MIC]]
    assert (rows[2007]["actors"], rows[2007]["instruments"]) == (2, 2)


def test_fragmentation_counts_groups_joined_by_a_shared_instrument() -> None:
    # A and B share P in 2006; C runs Q alone: two groups. In 2007 only C's Q runs: one group.
    g = InstitutionalGraph()
    a, b, c = (g.add_entity(Entity(type="Ministry", name=n)).id for n in "ABC")
    p = g.add_entity(Entity(type="Programme", name="P", start=2006, end=2006)).id
    q = g.add_entity(Entity(type="Programme", name="Q", start=2006, end=2007)).id
    for actor, instrument, rel in ((a, p, "LEADS"), (b, p, "PARTICIPATES_IN"), (c, q, "IMPLEMENTS")):
        g.add_relationship(Relationship(type=rel, source=actor, target=instrument, start=2006, end=2007))
    rows = fragmentation(g)
    assert [(r["year"], r["groups"], r["members"]) for r in rows] == [
        (2006, 2, [["ministry:a", "ministry:b"], ["ministry:c"]]),
        (2007, 1, [["ministry:c"]]),
    ]


def test_a_policy_area_holds_what_is_part_of_it_aimed_by_it_or_provided_for(korea: InstitutionalGraph) -> None:
    strategy = area_instruments(korea, "MSME digitalisation strategy")
    assert "strategy:msme-digitalisation-strategy" in strategy
    assert "programme:smart-manufacturing-programme" in strategy  # PART_OF the strategy
    act = area_instruments(korea, "SME Technology Innovation Promotion Act")  # by an alias
    assert "programme:supporting-informatisation-of-small-and-medium-enterprises" in act  # PROVIDES_FOR
    smes = area_instruments(korea, "SMEs")  # a target group: what is aimed at it
    assert {"programme:sme-it-support-programme", YOUTH} <= smes
    groups = {r["year"]: r["groups"] for r in fragmentation(korea, 2004, 2022, area="SMEs")}
    assert groups[2005] == groups[2007] == 2 and groups[2018] == 0 and groups[2022] == 1
    possible = {r["year"]: r["groups"] for r in fragmentation(korea, 2018, 2018, area="SMEs", certainty="possible")}
    assert possible[2018] == 1  # the Youth Digital Job Programme, run by MSS and MEL, may run in 2018
    with pytest.raises(UsageError, match="--area 'no such area' is not an entity"):
        area_instruments(korea, "no such area")
    # the query, like its Cypher twin, answers an area that names nothing with years where nothing runs
    assert [r["groups"] for r in fragmentation(korea, 2005, 2006, area="no such area")] == [0, 0]


def test_run_offline_checks_parameters_like_the_neo4j_runner(korea: InstitutionalGraph) -> None:
    assert run_offline(korea, "lineage", {"body": "SMBA"}) == lineage(korea, "SMBA")
    with pytest.raises(UsageError, match="query lineage: missing parameter body"):
        run_offline(korea, "lineage", {})
    with pytest.raises(UsageError, match="query connection needs Neo4j; answered offline: as_of_map"):
        run_offline(korea, "connection", {"from": "MSS", "to": "MEL"})


def test_the_cli_answers_from_a_graph_json_without_a_server(korea: InstitutionalGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    korea.write_json(path)
    done = subprocess.run(
        [str(INSTGRAPH), "query", "fragmentation", "-p", "from_year=2005", "-p", "to_year=2007",
         "--graph", str(path), "--format", "json"],
        capture_output=True, text=True, timeout=120, env={"PATH": "/usr/bin:/bin", "NEO4J_URI": "bolt://127.0.0.1:9"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [(r["year"], r["groups"]) for r in json.loads(done.stdout)] == [(2005, 2), (2006, 1), (2007, 2)]

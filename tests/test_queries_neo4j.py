"""Every named query against the real Neo4j server loaded with the Korea graph, and the CLI against it.

The answers are what a careful reader of the deck would give; the questions that have a networkx answer
must give the same rows from both engines.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from graph.errors import UsageError
from graph.model.institutional_graph import InstitutionalGraph
from graph.store.write import write_graph
from loaders.dataset import korea_graph
from queries.library import list_queries, run, run_cypher
from queries.offline import OFFLINE, run_offline

pytestmark = pytest.mark.neo4j

MSS = "ministry:ministry-of-smes-and-startups"
SMBA = "agency:small-and-medium-business-administration"
MEL = "ministry:ministry-of-employment-and-labor"
MIC = "ministry:ministry-of-information-and-communication"
KOSMO = "agency:korea-smart-manufacturing-office"
YOUTH = "programme:youth-digital-job-programme"
SMART_FACTORY = "strategy:smart-factory-diffusion-and-advancement-strategy"
INSTGRAPH = Path(sys.executable).with_name("instgraph")


class Server:
    """The test server: a driver, its database and the environment that names it to the CLI."""

    def __init__(self, driver: Any, database: str, env: dict[str, str]) -> None:
        self.driver, self.database, self.env = driver, database, env

    def run(self, name: str, **params: Any) -> list[dict[str, Any]]:
        return run(self.driver, name, params, database=self.database)

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(INSTGRAPH), *args], capture_output=True, text=True, env=self.env, timeout=180)


@pytest.fixture(scope="module")
def korea() -> InstitutionalGraph:
    return korea_graph()


@pytest.fixture(scope="module")
def seed_lines(seed_path: Path) -> list[str]:
    return seed_path.read_text("utf-8").splitlines()


@pytest.fixture(scope="module")
def server(neo4j_driver: Any, neo4j_settings: Any, korea: InstitutionalGraph) -> Server:
    """The session's server, wiped and loaded with the Korea graph once for this module."""
    database = neo4j_settings.database
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(
        NEO4J_URI=neo4j_settings.uri,
        NEO4J_USERNAME=neo4j_settings.username,
        NEO4J_PASSWORD=neo4j_settings.password or "",
        NEO4J_DATABASE=database,
    )
    write_graph(neo4j_driver, korea, database=database, wipe=True)
    return Server(neo4j_driver, database, env)


# --- the deck's answers ---------------------------------------------------------------------------------


def test_as_of_map_2007_runs_exactly_mics_and_smbas_programmes(server: Server) -> None:
    rows = server.run("as_of_map", year=2007)
    running = {(r["source"], r["target"]) for r in rows if r["relationship"] in ("IMPLEMENTS", "LEADS")}
    assert running == {
        (MIC, "programme:1-million-sme-informatisation-support-programme"),
        (SMBA, "programme:sme-informatisation-support-programme"),
    }
    present = {r["source"] for r in rows} | {r["target"] for r in rows}
    assert SMBA in present and MSS not in present  # MSS was created in 2017
    assert not any(r["source_type"] == "Document" or r["target_type"] == "TargetGroup" for r in rows)


def test_roles_give_who_runs_what_with_years(server: Server) -> None:
    in_2007 = server.run("roles", year=2007)
    assert {(r["actor"], r["role"]) for r in in_2007} == {(MIC, "IMPLEMENTS"), (SMBA, "IMPLEMENTS")}
    mss = {(r["role"], r["instrument"]): r for r in server.run("roles", actor="mss")}
    assert mss[("LEADS", SMART_FACTORY)]["start"] == 2018
    assert ("IMPLEMENTS", YOUTH) in mss
    assert server.run("roles", actor="MEL")[0]["instrument"] == YOUTH


def test_lineage_smbas_successor_is_mss_from_2017(server: Server) -> None:
    rows = server.run("lineage", body="SMBA")
    assert [(r["relation"], r["id"], r["steps"], r["year"]) for r in rows] == [("successor", MSS, 1, 2017)]
    back = server.run("lineage", body="중소벤처기업부")  # MSS by its Korean name
    assert [(r["relation"], r["id"], r["year"]) for r in back] == [("predecessor", SMBA, 2017)]


def test_collaboration_pairs_mel_and_mss_through_the_youth_digital_job_programme(server: Server) -> None:
    ministries = {(r["actor_a"], r["actor_b"]): r for r in server.run("collaboration_pairs", actor_type="Ministry")}
    assert ministries[(MEL, MSS)]["instruments"] == [YOUTH]
    assert ministries[(MEL, MSS)]["explicit"] == 1
    every = {(r["actor_a"], r["actor_b"]) for r in server.run("collaboration_pairs")}
    assert (KOSMO, MSS) in every  # derived: both take part in the smart factory strategy
    assert server.run("collaboration_pairs", year=2010) == []


def test_fragmentation_is_higher_in_2005_and_2007_than_in_any_year_after_2017(server: Server) -> None:
    rows = server.run("fragmentation", from_year=2000, to_year=2022)
    groups = {r["year"]: r["groups"] for r in rows}
    assert sorted(groups) == list(range(2000, 2023))
    later = max(groups[y] for y in range(2018, 2023))
    assert groups[2005] > later and groups[2007] > later
    assert next(r for r in rows if r["year"] == 2007)["members"] == [[SMBA], [MIC]]
    assert MEL in next(r for r in rows if r["year"] == 2022)["members"][0]
    assert next(r for r in rows if r["year"] == 2020)["groups"] == 0  # nothing dates a role in 2020
    maybe = server.run("fragmentation", from_year=2020, to_year=2020, certainty="possible")
    assert maybe[0]["groups"] == 1 and MEL in maybe[0]["members"][0]  # the undated roles, counted as possible


def test_certainty_known_by_default_possible_adds_the_undated(server: Server) -> None:
    def present(**params: Any) -> set[str]:
        rows = server.run("as_of_map", **params)
        return {r["source"] for r in rows} | {r["target"] for r in rows if r["target"]}

    assert KOSMO not in present(year=2007) and YOUTH not in present(year=2007)
    assert KOSMO in present(year=2007, certainty="possible")  # unknown in 2007, not excluded
    assert MSS not in present(year=2007, certainty="possible")  # created in 2017: does not hold
    assert KOSMO in present(year=2022)
    with pytest.raises(UsageError, match="certainty must be known or possible"):
        server.run("as_of_map", year=2007, certainty="likely")


def test_connection_shows_the_shortest_paths_with_relationship_types(server: Server) -> None:
    rows = server.run("connection", **{"from": "MEL", "to": "KOSMO"})
    assert rows and all(r["hops"] == rows[0]["hops"] for r in rows)
    assert rows[0]["ids"][0] == MEL and rows[0]["ids"][-1] == KOSMO
    via_mss = [r for r in rows if r["ids"][1] == MSS]
    assert via_mss and via_mss[0]["relationships"][0] in ("COLLABORATES_WITH", "IMPLEMENTS")
    assert "Ministry of Employment and Labor -[" in rows[0]["path"]
    assert server.run("connection", **{"from": "MEL", "to": "SMBA", "year": 2010}) == []  # MEL has no tie then


def test_evidence_gives_the_document_and_lines_behind_a_relationship(
    server: Server, korea: InstitutionalGraph, seed_lines: list[str]
) -> None:
    rows = server.run("evidence", subject="SMBA", target="MSS", type="SUCCEEDED_BY")
    assert [(r["relationship"], r["source"], r["target"], r["lines"]) for r in rows] == [
        ("SUCCEEDED_BY", SMBA, MSS, [36, 37])
    ]
    (document,) = [n for n, t in korea.graph.nodes(data="type") if t == "Document"]
    assert rows[0]["document"] == document
    cited = " ".join(seed_lines[35:37])
    assert "Small and Medium Business Administration" in cited and "2017" in cited
    assert rows[0]["text"] is None or "Formerly" in rows[0]["text"]
    by_id = server.run("evidence", subject=rows[0]["relationship_id"])
    assert [(r["source"], r["lines"]) for r in by_id] == [(SMBA, [36, 37])]


def test_evidence_of_an_entity_lists_where_the_document_mentions_it(server: Server, seed_lines: list[str]) -> None:
    rows = server.run("evidence", subject="KOSMO")
    spans = {tuple(r["lines"]) for r in rows}
    assert (93, 98) in spans or (
        96,
        98,
    ) in spans  # the diagram's "Korea Smart / Manufacturing / Office (KOSMO)"
    assert {r["relationship"] for r in rows} == {"MENTIONED_IN"}
    for first, last in spans:
        assert any("KOSMO" in line or "Smart" in line for line in seed_lines[first - 1 : last])


def test_document_mentions_lists_its_entities_and_relationships(server: Server, korea: InstitutionalGraph) -> None:
    (document,) = [d for n, d in korea.graph.nodes(data=True) if d["type"] == "Document"]
    rows = server.run("document_mentions", document=document["sha256"][:12])
    entities = {r["id"] for r in rows if r["kind"] == "entity"}
    assert {MSS, SMBA, MEL, KOSMO, YOUTH} <= entities
    succession = [r for r in rows if r["kind"] == "relationship" and r["type"] == "SUCCEEDED_BY"]
    assert [r["lines"] for r in succession] == [[36, 37]]
    assert (
        succession[0]["name"] == "Small and Medium Business Administration SUCCEEDED_BY Ministry of SMEs and Startups"
    )
    assert server.run("document_mentions", document="no such document") == []


def test_search_finds_names_aliases_and_acronyms_ignoring_case(server: Server) -> None:
    assert server.run("search", text="mss")[0]["id"] == MSS
    assert server.run("search", text="ministry of employment and labor")[0]["id"] == MEL
    ksmo = server.run("search", text="KSMO")  # the initials of Korea Smart Manufacturing Office
    assert [(r["id"], r["score"]) for r in ksmo] == [(KOSMO, 2)]
    fragment = {r["id"] for r in server.run("search", text="smart factory")}
    assert SMART_FACTORY in fragment
    assert len(server.run("search", text="ministry", limit=2)) == 2


# --- the two engines agree --------------------------------------------------------------------------------

PARITY = [
    *(("as_of_map", {"year": y}) for y in (1999, 2004, 2005, 2007, 2016, 2017, 2018, 2022)),
    ("roles", {}),
    ("roles", {"year": 2007}),
    ("roles", {"actor": "MSS", "year": 2020}),
    ("lineage", {"body": "MSS"}),
    ("lineage", {"body": "smba"}),
    ("lineage", {"body": "KOSMO"}),
    ("collaboration_pairs", {}),
    ("collaboration_pairs", {"year": 2017}),
    ("collaboration_pairs", {"year": 2018, "actor_type": "Ministry"}),
    ("collaboration_pairs", {"actor_type": "Actor"}),
    ("fragmentation", {}),
    ("fragmentation", {"from_year": 1995, "to_year": 2025}),
    ("fragmentation", {"area": "SMEs"}),
    ("fragmentation", {"area": "MSME digitalisation strategy", "from_year": 2015, "to_year": 2020}),
    ("fragmentation", {"area": "Act on the Promotion of Technology Innovation of SMEs"}),
]


def test_parity_covers_every_offline_question() -> None:
    assert {name for name, _ in PARITY} == set(OFFLINE)


@pytest.mark.parametrize(("name", "params"), PARITY, ids=[f"{n}-{p}" for n, p in PARITY])
def test_cypher_and_networkx_give_the_same_rows(
    server: Server, korea: InstitutionalGraph, name: str, params: dict[str, Any]
) -> None:
    assert server.run(name, **params) == run_offline(korea, name, params)


# --- ad-hoc Cypher is read-only unless asked -------------------------------------------------------------


def test_run_cypher_refuses_a_write_in_read_mode_and_allows_it_with_write(server: Server) -> None:
    count = "MATCH (n:ScratchOfQueriesTest) RETURN count(n) AS n"
    with pytest.raises(UsageError, match="writes to the database and runs read-only; add --write"):
        run_cypher(server.driver, "CREATE (:ScratchOfQueriesTest)", database=server.database)
    assert run_cypher(server.driver, count, database=server.database) == [{"n": 0}]
    run_cypher(server.driver, "CREATE (:ScratchOfQueriesTest)", write=True, database=server.database)
    assert run_cypher(server.driver, count, database=server.database) == [{"n": 1}]
    run_cypher(server.driver, "MATCH (n:ScratchOfQueriesTest) DELETE n", write=True, database=server.database)


def test_run_cypher_returns_nodes_and_paths_as_plain_values(server: Server) -> None:
    rows = run_cypher(
        server.driver,
        "MATCH p = (a {id: $a})-[:SUCCEEDED_BY]->(b) RETURN a, p",
        {"a": SMBA},
        database=server.database,
    )
    assert rows[0]["a"]["id"] == SMBA and "Agency" in rows[0]["a"]["labels"]
    node, rel, last = rows[0]["p"]
    assert (rel["type"], rel["from"], rel["to"], last["id"]) == ("SUCCEEDED_BY", SMBA, MSS, MSS)
    json.dumps(rows)  # plain values all the way down


# --- the command line ------------------------------------------------------------------------------------


def test_cli_query_prints_valid_json(server: Server) -> None:
    done = server.cli("query", "lineage", "--param", "body=SMBA", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert [(r["id"], r["year"]) for r in json.loads(done.stdout)] == [(MSS, 2017)]


def test_cli_query_prints_a_table_and_csv(server: Server) -> None:
    table = server.cli("query", "roles", "-p", "year=2007")
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[0].split()[:3] == ["actor_name", "role", "instrument_name"]  # no ids
    assert len(table.stdout.splitlines()) == 4  # header, rule, two roles
    with_ids = server.cli("query", "roles", "-p", "year=2007", "--ids")
    assert with_ids.stdout.splitlines()[0].split()[:3] == ["actor", "actor_name", "role"]
    assert MIC in with_ids.stdout and MIC not in table.stdout
    csv_ = server.cli("query", "fragmentation", "-p", "from_year=2005", "-p", "to_year=2005", "--format", "csv")
    assert csv_.stdout.splitlines()[0] == "year,groups,actors,instruments,members"
    assert csv_.stdout.splitlines()[1].startswith("2005,2,2,2,")


def test_a_name_or_type_the_graph_lacks_is_refused_with_the_nearest_names(
    server: Server, korea: InstitutionalGraph
) -> None:
    cases = [
        ("lineage", {"body": "NoSuchBody"}, "body 'NoSuchBody' names no entity of the graph"),
        ("lineage", {"body": "Small and Medium Business Administratio"},
         "nearest: Small and Medium Business Administration"),
        ("collaboration_pairs", {"actor_type": "Ministy"},
         "actor_type 'Ministy' is not a type of Actor; nearest: Ministry"),
        ("fragmentation", {"area": "no such area"}, "area 'no such area' names no entity"),
        ("roles", {"actor": "MoSS"}, "nearest: MSS"),
    ]  # fmt: skip
    for name, params, message in cases:
        with pytest.raises(UsageError, match=message):
            server.run(name, **params)
        with pytest.raises(UsageError, match=message):  # the offline answer says the same
            run_offline(korea, name, params)
    done = server.cli("query", "lineage", "--param", "body=NoSuchBody")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("error: query lineage: body 'NoSuchBody' names no entity of the graph")


def test_cli_cypher_refuses_a_write_without_write(server: Server) -> None:
    done = server.cli("cypher", "CREATE (:ScratchOfQueriesTest) RETURN 1 AS one")
    assert done.returncode == 2
    assert done.stderr.startswith("error: cypher: the statement writes to the database and runs read-only")
    assert run_cypher(server.driver, "MATCH (n:ScratchOfQueriesTest) RETURN count(n) AS n",
                      database=server.database) == [{"n": 0}]  # fmt: skip
    ok = server.cli("cypher", "MATCH (n {id: $id}) RETURN n.name AS name", "-p", f"id={MSS}", "--format", "json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout) == [{"name": "Ministry of SMEs and Startups"}]


def test_cli_cypher_syntax_error_is_one_line_exit_2(server: Server) -> None:
    done = server.cli("cypher", "MATCH (n RETURN n")
    assert done.returncode == 2
    assert done.stderr.startswith("error: cypher: ") and len(done.stderr.strip().splitlines()) == 1


def test_every_query_runs_with_its_defaults_or_an_example(server: Server, caplog: pytest.LogCaptureFixture) -> None:
    # ...and without a server notification (each would print a warning with the whole query on stderr)
    (deck,) = server.run("search", text="institutional framework on SME digitalization")
    examples = {"year": 2018, "body": "MSS", "from": "MSS", "to": "MEL", "subject": "MSS", "text": "MSS"}
    examples["document"] = deck["id"]
    assert deck["type"] == "Document"
    for q in list_queries():
        params = {p.name: examples[p.name] for p in q.parameters if p.required}
        with caplog.at_level(logging.INFO, logger="neo4j"):
            assert server.run(q.name, **params), q.name
        notices = [r.getMessage()[:120] for r in caplog.records if "notification" in r.getMessage()]
        assert notices == [], q.name
        caplog.clear()

"""The Neo4j store against a real server: constraints, idempotent loads, evidence, the mirror, wipe.

Uses the shared ``neo4j_driver`` fixture when tests/conftest.py provides it, else the server that
``NEO4J_URI`` / ``NEO4J_PASSWORD`` name. Every test starts from an empty graph.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from graph.model import Entity, Evidence, Relationship
from graph.model.institutional_graph import InstitutionalGraph
from graph.store.constraints import FULLTEXT_INDEX, ensure_constraints, existing_unique_constraints, unique_constraints
from graph.store.read import read_graph
from graph.store.write import LoadError, wipe_graph, write_graph
from loaders.dataset import korea_graph

pytestmark = pytest.mark.neo4j

MSS = "ministry:ministry-of-smes-and-startups"
SMBA = "agency:small-and-medium-business-administration"


@pytest.fixture(scope="module")
def connection(request: pytest.FixtureRequest) -> Iterator[tuple[Any, str]]:
    try:
        driver = request.getfixturevalue("neo4j_driver")
        settings = request.getfixturevalue("neo4j_settings")
        yield driver, getattr(settings, "database", "neo4j")
        return
    except pytest.FixtureLookupError:
        pass
    import neo4j

    if "NEO4J_URI" not in os.environ:
        pytest.fail("set NEO4J_URI (and NEO4J_PASSWORD) to the test server")
    driver = neo4j.GraphDatabase.driver(
        os.environ["NEO4J_URI"],
        auth=(os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ.get("NEO4J_PASSWORD", "")),
    )
    yield driver, os.environ.get("NEO4J_DATABASE", "neo4j")
    driver.close()


# Whether the database holds exactly the Korea graph, so read-only tests can share one load.
_STATE = {"korea_loaded": False}


@pytest.fixture()
def db(connection: tuple[Any, str]) -> tuple[Any, str]:
    """An empty graph (the test may change it)."""
    driver, database = connection
    wipe_graph(driver, korea_graph_cached().schema, database)
    _STATE["korea_loaded"] = False
    return driver, database


@pytest.fixture()
def korea_db(connection: tuple[Any, str]) -> tuple[Any, str]:
    """The Korea graph loaded into an otherwise empty database; the test must not change it."""
    driver, database = connection
    if not _STATE["korea_loaded"]:
        write_graph(driver, korea_graph_cached(), database=database, wipe=True)
        _STATE["korea_loaded"] = True
    return driver, database


_KOREA: list[InstitutionalGraph] = []


def korea_graph_cached() -> InstitutionalGraph:
    if not _KOREA:
        _KOREA.append(korea_graph())
    return _KOREA[0]


@pytest.fixture(scope="module")
def korea() -> InstitutionalGraph:
    return korea_graph_cached()


def synthetic(n_nodes: int, n_edges: int, seed: int) -> InstitutionalGraph:
    from graph.synthetic import synthetic_graph

    return synthetic_graph(n_nodes, n_edges, seed)


def snapshot(driver: Any, database: str) -> dict[str, Any]:
    """Every node and relationship with labels, type and all properties, order-independent."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS p ORDER BY id", database_=database
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p ORDER BY a, t, b, p.id",
        database_=database,
    )
    return {
        "nodes": [(r["id"], sorted(r["labels"]), r["p"]) for r in nodes],
        "relationships": [(r["a"], r["t"], r["b"], r["p"]) for r in rels],
    }


def test_constraints_match_the_schema_and_creating_them_twice_changes_nothing(db: tuple[Any, str]) -> None:
    driver, database = db
    schema = korea_graph_cached().schema
    first = ensure_constraints(driver, schema, database)
    ensure_constraints(driver, schema, database)
    ours = [c for c in existing_unique_constraints(driver, database) if c.name.startswith("instgraph_")]
    assert ours == unique_constraints(schema)
    assert {c.label for c in ours} == set(schema.node_types) | set(schema.groups)
    indexes, _, _ = driver.execute_query(
        "SHOW INDEXES YIELD name, type, labelsOrTypes, properties WHERE name STARTS WITH 'instgraph_' "
        "RETURN name, type, labelsOrTypes, properties",
        database_=database,
    )
    by_name = {r["name"]: r for r in indexes}
    assert by_name[FULLTEXT_INDEX]["type"] == "FULLTEXT"
    assert set(by_name[FULLTEXT_INDEX]["labelsOrTypes"]) == set(schema.node_types)
    assert by_name["instgraph_ministry_name"]["properties"] == ["name"]
    assert len(first) == len(schema.node_types) * 2 + len(schema.groups) + 1


def test_loading_the_korea_graph_twice_leaves_identical_counts_and_properties(
    db: tuple[Any, str], korea: InstitutionalGraph
) -> None:
    driver, database = db
    first = write_graph(driver, korea, database=database)
    before = snapshot(driver, database)
    second = write_graph(driver, korea, database=database)
    assert snapshot(driver, database) == before
    assert first.nodes_created == len(korea)
    assert first.relationships_created == korea.graph.number_of_edges() + first.mentions
    assert (second.nodes_created, second.relationships_created) == (0, 0)
    labels = {label for _, ls, _ in before["nodes"] for label in ls}
    assert {"Ministry", "Actor", "Programme", "Instrument", "Document"} <= labels


def test_round_trip_of_the_korea_graph_is_exact(korea_db: tuple[Any, str], korea: InstitutionalGraph) -> None:
    driver, database = korea_db
    back = read_graph(driver, database=database)
    assert back == korea.dated()
    assert back.entity(MSS) == korea.entity(MSS)
    assert (
        back.relationship(SMBA, MSS, "SUCCEEDED_BY").evidence == korea.relationship(SMBA, MSS, "SUCCEEDED_BY").evidence
    )


def test_the_mirror_serves_what_users_do_with_the_model(
    korea_db: tuple[Any, str], korea: InstitutionalGraph, tmp_path: Any
) -> None:
    """The mirror holds its edges compactly (graph.model.edge_record); analyses, as-of views, the lineage,
    JSON and further facts must not tell it from the model."""
    import networkx as nx

    driver, database = korea_db
    back, model = read_graph(driver, database=database), korea.dated()
    assert nx.betweenness_centrality(back.graph) == nx.betweenness_centrality(model.graph)
    assert nx.pagerank(back.graph) == pytest.approx(nx.pagerank(model.graph))
    assert back.as_of(2016, "possible") == model.as_of(2016, "possible") and back.lineage() == model.lineage()
    back.write_json(tmp_path / "mirror.json")
    assert InstitutionalGraph.read_json(tmp_path / "mirror.json") == model
    more = Relationship("SUCCEEDED_BY", SMBA, MSS, evidence=(Evidence("document:x", 1, 2, "new"),), note="checked")
    assert back.add_relationship(more) == model.add_relationship(more) and back == model


def test_relationship_properties_outside_the_schema_read_back(db: tuple[Any, str]) -> None:
    driver, database = db
    g = _two_bodies((Evidence("document:deck", 31, 32, "a line"),), ("SMBA",), 2017)
    g.graph.edges[SMBA, MSS, "SUCCEEDED_BY"]["weight"] = 2.5  # set in a notebook, then loaded
    write_graph(driver, g, database=database)
    back = read_graph(driver, database=database)
    assert back == g.dated() and back.graph.edges[SMBA, MSS, "SUCCEEDED_BY"]["weight"] == 2.5


@pytest.mark.parametrize("wipe", [False, True], ids=["merge-one-writer", "create-two-writers"])
def test_round_trip_of_a_synthetic_graph_with_every_type_is_exact(db: tuple[Any, str], wipe: bool) -> None:
    driver, database = db
    g = synthetic(2000, 3000, seed=7)  # several transactions of entities, then of links (two at a time after a wipe)
    report = write_graph(driver, g, database=database, batch_size=700, wipe=wipe)
    assert report.batches > 4 and report.relationships == 3000
    assert read_graph(driver, database=database, chunk=7) == g.dated()  # written with its time properties
    assert read_graph(driver, database=database, as_of=2010) == g.as_of(2010)


def test_reading_as_of_a_year_equals_the_models_as_of(korea_db: tuple[Any, str], korea: InstitutionalGraph) -> None:
    driver, database = korea_db
    for year in (2004, 2007, 2016, 2017, 2021):
        assert read_graph(driver, database=database, as_of=year) == korea.as_of(year), year
    running_2007 = {
        v
        for u, v, t in read_graph(driver, database=database, as_of=2007).graph.edges(data="type")
        if t in ("IMPLEMENTS", "LEADS")
    }
    assert running_2007 == {
        "programme:1-million-sme-informatisation-support-programme",
        "programme:sme-informatisation-support-programme",
    }


def test_reading_some_types_equals_the_models_subgraph(korea_db: tuple[Any, str], korea: InstitutionalGraph) -> None:
    driver, database = korea_db
    assert read_graph(driver, database=database, types=["Actor"]) == korea.dated().subgraph(["Actor"])
    assert read_graph(driver, database=database, types=["Ministry", "Programme"]) == korea.dated().subgraph(
        ["Ministry", "Programme"]
    )


def _two_bodies(evidence: tuple[Evidence, ...], aliases: tuple[str, ...], start: int | None) -> InstitutionalGraph:
    g = InstitutionalGraph()
    doc = g.add_entity(Entity(type="Document", name="Deck", extra=(("sha256", "cd" * 32),)))
    a = g.add_entity(Entity(type="Agency", name="Small and Medium Business Administration", aliases=aliases))
    b = g.add_entity(Entity(type="Ministry", name="Ministry of SMEs and Startups", start=start))
    g.add_relationship(
        Relationship("SUCCEEDED_BY", a.id, b.id, start=start, evidence=evidence,
                     sources=tuple({e.document for e in evidence}))
    )  # fmt: skip
    assert doc.id == "document:deck"
    return g


def test_evidence_and_aliases_accumulate_without_duplicates_and_none_erases_nothing(db: tuple[Any, str]) -> None:
    driver, database = db
    old, new = Evidence("document:deck", 31, 32, "old line"), Evidence("document:deck", 60, 60, "new line")
    write_graph(driver, _two_bodies((old,), ("SMBA",), 2017), database=database)
    # the same fact arrives again from another reading: one citation already stored, one new
    write_graph(driver, _two_bodies((new, old), ("SMBA", "중소기업청@ko"), None), database=database)
    write_graph(driver, _two_bodies((new, old), ("SMBA", "중소기업청@ko"), None), database=database)
    back = read_graph(driver, database=database)
    rel = back.relationship(SMBA, MSS, "SUCCEEDED_BY")
    assert rel.evidence == (old, new)
    assert rel.sources == ("document:deck",)
    assert back.entity(SMBA).aliases == ("SMBA", "중소기업청@ko")
    assert back.entity(MSS).start == 2017  # a later load without the year keeps it
    assert rel.start == 2017  # on the relationship too
    mentions, _, _ = driver.execute_query(
        "MATCH (:Agency {id: $id})-[r:MENTIONED_IN]->(:Document) RETURN r.lines AS lines",
        id=SMBA,
        database_=database,
    )
    assert [r["lines"] for r in mentions] == [["31-32", "60"]]


def test_mentions_link_entities_to_their_document_with_lines(db: tuple[Any, str], korea: InstitutionalGraph) -> None:
    driver, database = db
    report = write_graph(driver, korea, database=database)
    assert report.mentions > 0
    records, _, _ = driver.execute_query(
        "MATCH (m:Ministry {id: $id})-[r:MENTIONED_IN]->(d:Document) RETURN d.id AS doc, r.lines AS lines",
        id=MSS,
        database_=database,
    )
    assert len(records) == 1 and records[0]["lines"]
    first_lines = [int(span.split("-")[0]) for span in records[0]["lines"]]
    assert all(1 <= n <= 140 for n in first_lines)


def test_wipe_leaves_only_the_new_graph(db: tuple[Any, str], korea: InstitutionalGraph) -> None:
    driver, database = db
    write_graph(driver, synthetic(100, 400, seed=3), database=database)
    report = write_graph(driver, korea, database=database, wipe=True)
    assert report.deleted_nodes == 100
    assert read_graph(driver, database=database) == korea.dated()


class FailingAfter:
    """Passes calls to a real driver and fails the n-th write transaction, as a dropped connection would."""

    def __init__(self, driver: Any, n: int) -> None:
        self.driver, self.n = driver, n

    def session(self, *args: Any, **kwargs: Any) -> Any:
        outer, session = self, self.driver.session(*args, **kwargs)

        class FailingSession:
            def __enter__(self) -> FailingSession:
                session.__enter__()
                return self

            def __exit__(self, *exc: Any) -> Any:
                return session.__exit__(*exc)

            def execute_write(self, work: Any, *a: Any, **k: Any) -> Any:
                outer.n -= 1
                if outer.n == 0:
                    raise ConnectionError("connection reset by peer")
                return session.execute_write(work, *a, **k)

            def __getattr__(self, name: str) -> Any:
                return getattr(session, name)

        return FailingSession()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.driver, name)


@pytest.mark.parametrize("wipe", [False, True])
def test_a_load_that_fails_part_way_says_what_was_written_and_a_rerun_finishes_it(
    db: tuple[Any, str], korea: InstitutionalGraph, wipe: bool
) -> None:
    driver, database = db
    n_entities = len(korea)
    batches = -(-n_entities // 4)  # transactions of 4 rows: the entities fill the first ones
    failing = FailingAfter(driver, batches + 2)  # all entities and one batch of relationships pass
    with pytest.raises(LoadError) as failure:
        write_graph(failing, korea, database=database, batch_size=4, wipe=wipe)  # type: ignore[arg-type]
    report = failure.value.report
    assert report.batches == batches + 1
    first = 4 - n_entities % 4 + 4 if n_entities % 4 else 4  # relationships in the partial and the next batch
    assert (report.nodes, report.relationships) == (n_entities, first)
    assert f"after {n_entities} entities, {first} relationships" in str(failure.value)
    assert "rerun" in str(failure.value)
    stored, _, _ = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS n", database_=database)
    assert stored[0]["n"] == first
    # the rerun (without --wipe) MERGEs what the interrupted load wrote: the end state of a clean load
    write_graph(driver, korea, database=database, batch_size=4)
    assert read_graph(driver, database=database) == korea.dated()
    rerun = snapshot(driver, database)
    write_graph(driver, korea, database=database, wipe=True)
    assert snapshot(driver, database) == rerun


def test_full_text_index_finds_an_entity_by_its_abbreviation(
    korea_db: tuple[Any, str], korea: InstitutionalGraph
) -> None:
    driver, database = korea_db
    records, _, _ = driver.execute_query(
        f"CALL db.index.fulltext.queryNodes('{FULLTEXT_INDEX}', $q) YIELD node RETURN node.id AS id LIMIT 1",
        q="KOSMO",
        database_=database,
    )
    assert [r["id"] for r in records] == ["agency:korea-smart-manufacturing-office"]

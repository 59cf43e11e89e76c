"""The bulk load (``instgraph load --bulk``): neo4j-admin import into a fresh database of the local server,
against a real throwaway server of its own (the load stops and restarts it)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.errors import InstgraphError
from graph.model.institutional_graph import InstitutionalGraph
from graph.store.bulk import bulk_load
from graph.store.constraints import existing_unique_constraints, unique_constraints
from graph.store.local_server import FAST_START_JVM_OPTIONS, SMALL_SERVER, LocalServer, default_home, free_port
from graph.store.read import read_graph
from graph.store.settings import Neo4jSettings
from graph.store.write import write_graph
from graph.synthetic import synthetic_graph

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bulk_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    if os.environ.get("NEO4J_URI"):
        pytest.skip("NEO4J_URI names another server; the bulk load is about the project's own")
    server = LocalServer.at(default_home(os.environ), tmp_path_factory.mktemp("bulk-server"))
    server.start(free_port(), None, detach=False, jvm_options=FAST_START_JVM_OPTIONS, **SMALL_SERVER)
    try:
        yield server
    finally:
        server.stop()


def _settings(server: LocalServer) -> Neo4jSettings:
    uri = server.bolt_uri()
    assert uri is not None
    return Neo4jSettings(uri=uri, password=server.password(), source="local server")


def _snapshot(driver: Any) -> dict[str, Any]:
    """Every node and relationship with labels, type and all properties, order-independent. An empty
    list counts as absent: the import CSV cannot hold one (and the as-of rule reads both the same)."""
    nodes, _, _ = driver.execute_query("MATCH (n) RETURN n.id AS id, labels(n) AS l, properties(n) AS p ORDER BY id")
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p ORDER BY a, t, b, p.id"
    )
    return {
        "nodes": [(r["id"], sorted(r["l"]), _filled(r["p"])) for r in nodes],
        "relationships": [(r["a"], r["t"], r["b"], _filled(r["p"])) for r in rels],
    }


def _filled(properties: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in properties.items() if v != []}


@pytest.mark.neo4j
def test_bulk_load_replaces_the_database_with_what_a_batched_load_stores(bulk_server: LocalServer) -> None:
    graph: InstitutionalGraph = synthetic_graph(300, 2000, seed=11)
    settings = _settings(bulk_server)
    with settings.connect() as driver:
        driver.execute_query("CREATE (:Agency {id: 'agency:left-over'}), (:Scratch {note: 'not instgraph'})")
    pid_before = bulk_server.pid()

    report = bulk_load(graph, bulk_server, settings)

    assert list(report.steps) == ["date", "export CSV", "stop", "import", "start", "constraints"]
    assert all(seconds > 0 for seconds in report.steps.values())
    summary = report.summary()
    assert summary.startswith("loaded 300 entities, 2000 relationships") and "by the bulk load (neo4j-admin" in summary
    assert all(f"{step} {report.steps[step]:.1f} s" in summary for step in report.steps)
    assert report.relationships == 2000 and report.nodes == 300 and report.mentions > 0
    assert bulk_server.pid() not in (None, pid_before)  # stopped and started again
    with settings.connect() as driver:
        bulk = _snapshot(driver)
        assert read_graph(driver) == graph.dated()
        assert sorted(existing_unique_constraints(driver)) == sorted(unique_constraints(graph.schema))
        # the batched load of the same graph stores exactly the same nodes, relationships and properties
        write_graph(driver, graph, wipe=True)
        driver.execute_query("MATCH (n:Scratch) DETACH DELETE n")
        assert _snapshot(driver) == bulk
    ids = [n[0] for n in bulk["nodes"]]
    assert "agency:left-over" not in ids and len(ids) == 300  # what was there before is gone


@pytest.mark.neo4j
def test_a_value_the_store_cannot_hold_stops_the_bulk_load_with_the_database_as_it_was(
    bulk_server: LocalServer,
) -> None:
    """The server shuts down while the CSV is written; a bad value stops the export, and the server runs
    again on its old database."""
    settings = _settings(bulk_server)
    with settings.connect() as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
        driver.execute_query("CREATE (:Agency {id: 'agency:kept'})")
    graph = synthetic_graph(60, 300, seed=5)
    _, _, data = next(iter(graph.graph.edges(data=True)))
    data["note"] = {"a": 1}  # a map where the schema has none: Neo4j cannot store it

    with pytest.raises(InstgraphError, match="'note'"):
        bulk_load(graph, bulk_server, settings)

    assert bulk_server.pid() is not None
    with settings.connect() as driver:
        records, _, _ = driver.execute_query("MATCH (n) RETURN n.id AS id")
    assert [r["id"] for r in records] == ["agency:kept"]


def test_bulk_load_of_another_server_is_refused_in_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "NEO4J_URI": "bolt://192.0.2.1:7687", "INSTGRAPH_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "instgraph.cli", "load", "--bulk"], env=env, cwd=REPO,
                          capture_output=True, text=True, check=False, timeout=120)  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "--bulk" in done.stderr and "NEO4J_URI=bolt://192.0.2.1:7687" in done.stderr
    assert not (tmp_path / "server").exists()  # nothing set up, started or stopped

"""Faults against a real server: Neo4j killed with SIGKILL in the middle of a load, a server that is
down, a wrong password, a server restarted between two commands.

The kill test owns its server: a dedicated local Neo4j (``graph.store.local_server``) in a temporary
directory on free ports, so killing it cannot hurt the session's server. The graph is the seeded
synthetic one of ``graph/synthetic.py``; ``INSTGRAPH_FAULT_EDGES`` sets its size (default 100 000
relationships; the test's runtime grows with it).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from cli_runs import assert_one_clear_error, base_env, run_cli, run_many

from graph.errors import InstgraphError
from graph.store.local_server import SMALL_SERVER, LocalServer, LocalServerError, default_home, free_port
from graph.store.write import LoadError, write_graph

pytestmark = pytest.mark.neo4j

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "reliability-" + "k1ll"
# Big enough that the kill lands after several committed transactions of each phase (BATCH rows each);
# set INSTGRAPH_FAULT_EDGES=100000 or more to run it at scale.
EDGES = int(os.environ.get("INSTGRAPH_FAULT_EDGES", "15000"))
BATCH = 1_000


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalServer, int]]:
    """A server this module may kill: jars from the shared cache, everything else in a temp directory."""
    server = LocalServer.at(default_home(os.environ), tmp_path_factory.mktemp("killable-neo4j"))
    port = free_port()
    try:
        server.start(port, None, password=PASSWORD, detach=False, heap="768m", pagecache="256m")
    except LocalServerError as exc:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"cannot start a local Neo4j for the fault tests: {exc}", pytrace=False)
        pytest.skip(f"cannot start a local Neo4j for the fault tests: {exc}")
    try:
        yield server, port
    finally:
        server.stop()


@pytest.fixture
def killable(own_server: tuple[LocalServer, int]) -> tuple[LocalServer, int]:
    """The module's server, running (restarted if an earlier test left it dead)."""
    server, port = own_server
    server.start(port, None, password=PASSWORD, detach=False, **SMALL_SERVER)
    return server, port


def synthetic(edges: int) -> Any:
    from graph.synthetic import synthetic_graph

    return synthetic_graph(max(200, edges // 10), edges, seed=9)


def content_checksum(driver: Any) -> tuple[int, int, str]:
    """Counts and a sha256 over every node's labels and properties and every relationship's ends, type
    and properties, independent of Neo4j's internal ids (so two separate loads can be compared)."""
    digest = hashlib.sha256()
    nodes = rels = 0
    with driver.session(database="neo4j") as session:
        for r in session.run("MATCH (n) RETURN labels(n) AS l, properties(n) AS p ORDER BY n.id"):
            nodes += 1
            digest.update(json.dumps([sorted(r["l"]), r["p"]], sort_keys=True, default=str).encode())
        query = (
            "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p ORDER BY a, t, b, r.id"
        )
        for r in session.run(query):
            rels += 1
            digest.update(json.dumps([r["a"], r["t"], r["b"], r["p"]], sort_keys=True, default=str).encode())
    return nodes, rels, digest.hexdigest()


def test_sigkill_mid_load_then_restart_and_rerun_gives_the_clean_graph(killable: tuple[LocalServer, int]) -> None:
    server, port = killable
    uri = f"bolt://127.0.0.1:{port}"
    graph = synthetic(EDGES)
    # A short retry budget: once the server is dead, the load should say so in seconds, not 30 s.
    driver = neo4j.GraphDatabase.driver(uri, auth=("neo4j", PASSWORD), max_transaction_retry_time=2.0)
    try:
        write_graph(driver, graph, batch_size=BATCH, wipe=True)
        clean = content_checksum(driver)

        killed: list[int] = []

        def kill_midway(phase: str, done: int, total: int) -> None:
            if phase == "relationships" and not killed and done >= total // 3:
                pid = server.pid()
                assert pid is not None
                os.kill(pid, signal.SIGKILL)
                killed.append(done)

        # The load `build --neo4j` runs: wipe, then CREATE (the fast path), killed a third of the way in.
        with pytest.raises(LoadError) as failed:
            write_graph(driver, graph, batch_size=BATCH, wipe=True, progress=kill_midway)
        assert killed, "the server was never killed: the load finished first"
        assert "rerun the same load" in str(failed.value)
        assert "\n" not in str(failed.value).strip()

        server.start(port, None, password=PASSWORD, detach=False, **SMALL_SERVER)  # crash recovery on the same data
        # The same driver object works again after the restart, and a rerun (MERGE over what the killed
        # load committed) finishes the load.
        write_graph(driver, graph, batch_size=BATCH)
        assert content_checksum(driver) == clean
        # Once more changes nothing.
        write_graph(driver, graph, batch_size=BATCH)
        assert content_checksum(driver) == clean
    finally:
        driver.close()


def test_server_restarted_between_two_commands(killable: tuple[LocalServer, int], tmp_path: Path) -> None:
    server, port = killable
    env = base_env()
    env.update(NEO4J_URI=f"bolt://127.0.0.1:{port}", NEO4J_PASSWORD=PASSWORD)
    dataset = tmp_path / "small.yaml"
    dataset.write_text(
        "entities:\n  - {type: Ministry, name: Ministry of Restarts, aliases: [MoR]}\n"
        "  - {type: Programme, name: Restart Programme}\n"
        "relationships:\n  - {type: IMPLEMENTS, source: MoR, target: Restart Programme, start: 2001}\n",
        "utf-8",
    )
    first = run_cli(("load", "--data", str(dataset)), env)
    assert first.code == 0, first.explain()
    server.stop()
    server.start(port, None, password=PASSWORD, detach=False, **SMALL_SERVER)
    second = run_cli(("query", "search", "--param", "text=MoR", "--format", "json"), env)
    assert second.code == 0, second.explain()
    assert [r["name"] for r in json.loads(second.stdout)] == ["Ministry of Restarts"]


def test_server_down_and_wrong_password_give_one_line_with_the_fix(killable: tuple[LocalServer, int]) -> None:
    _, port = killable
    down = base_env()
    down.update(NEO4J_URI=f"bolt://127.0.0.1:{free_port()}", NEO4J_PASSWORD=PASSWORD)
    wrong = base_env()
    wrong.update(NEO4J_URI=f"bolt://127.0.0.1:{port}", NEO4J_PASSWORD="not-the-password-x9")
    commands = [
        ("query", "search", "--param", "text=MoR"),
        ("cypher", "RETURN 1 AS one"),
        ("load", "--data", str(REPO / "data" / "korea-sme-digitalisation.yaml")),
        ("export", "--from", "neo4j", "--format", "json", "-o", "/dev/null"),
    ]
    runs = run_many([(c, down) for c in commands] + [(c, wrong) for c in commands], workers=4)
    for ran in runs[: len(commands)]:
        line = assert_one_clear_error(ran, "cannot reach Neo4j", code=1)
        assert "instgraph neo4j start" in line and "NEO4J_URI" in line
    for ran in runs[len(commands) :]:
        line = assert_one_clear_error(ran, "refused", code=1)
        assert "NEO4J_PASSWORD" in line
        assert "not-the-password-x9" not in ran.stderr + ran.stdout, "the password was printed"


def test_the_local_password_file_is_private_and_never_printed(killable: tuple[LocalServer, int]) -> None:
    server, _ = killable
    mode = stat.S_IMODE(server.password_file.stat().st_mode)
    assert mode == 0o600, f"{server.password_file} has mode {oct(mode)}"
    assert PASSWORD not in repr(server)
    from graph.store.settings import Neo4jSettings

    settings = Neo4jSettings.from_env({"INSTGRAPH_HOME": str(server.home)}, local=server)
    assert settings.password == PASSWORD and PASSWORD not in repr(settings)
    with pytest.raises(InstgraphError) as info:
        Neo4jSettings(uri=settings.uri, password="wrong-" + PASSWORD).connect()
    assert PASSWORD not in str(info.value)


def test_the_compose_file_takes_the_password_from_the_environment() -> None:
    import re

    compose = (REPO / "docker-compose.yml").read_text("utf-8")
    auth = [line for line in compose.splitlines() if "NEO4J_AUTH" in line and not line.lstrip().startswith("#")]
    assert auth, "docker-compose.yml sets no NEO4J_AUTH"
    assert all(re.search(r"NEO4J_AUTH:\s*\"?neo4j/\$\{NEO4J_PASSWORD[:?}]", line) for line in auth), auth

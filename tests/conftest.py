"""Session-wide fixtures: the Neo4j server the tests run against, and the seed document's path.

The server is the one ``NEO4J_URI`` names (with ``NEO4J_USERNAME``/``NEO4J_PASSWORD``/``NEO4J_DATABASE``);
when it is unset, a throwaway local server the project starts itself (``graph.store.local_server``), in its own
directory under pytest's temporary directory and on free ports, so the tests never touch the data of the
server ``instgraph neo4j start`` runs. It is started once for the session and stopped at its end.
``clean_db`` empties the database, so a ``NEO4J_URI`` for tests must name a database you can lose.

With ``CI=true`` an unavailable server fails the tests that need it; elsewhere they are skipped with the
reason.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.store.local_server import (
    FAST_START_JVM_OPTIONS,
    SMALL_SERVER,
    LocalServer,
    LocalServerError,
    default_home,
    free_port,
)
from graph.store.settings import Neo4jSettings
from viz.screenshots import CHROMIUM, CHROMIUM_ARGS

SEED_NAME = "oecd-2022-korea-sme-digitalisation.txt"
REPO = Path(__file__).resolve().parents[1]


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def _unavailable(reason: str) -> None:
    """Fail under CI, skip elsewhere."""
    if _in_ci():
        pytest.fail(f"Neo4j is unavailable under CI=true: {reason}", pytrace=False)
    pytest.skip(f"Neo4j is unavailable: {reason}")


@pytest.fixture(scope="session")
def local_test_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer | None]:
    """The throwaway local server of this session (None when ``NEO4J_URI`` names another server).

    Jars come from the shared cache (``$INSTGRAPH_HOME``); conf, data and logs from a fresh temporary
    directory; Bolt and HTTP on free ports; the JVM tuned to start fast. Stopped at the end of the session.
    """
    if (os.environ.get("NEO4J_URI") or "").strip():
        yield None
        return
    server = LocalServer.at(default_home(os.environ), tmp_path_factory.mktemp("neo4j-server"))
    try:
        bolt = free_port()
        http = free_port()
        while http == bolt:
            http = free_port()
        server.start(bolt, http, detach=False, jvm_options=FAST_START_JVM_OPTIONS, **SMALL_SERVER)
    except LocalServerError as exc:
        _unavailable(str(exc))
    # A run stopped with SIGTERM (a timeout, a CI cancel) still stops its server: the signal unwinds
    # the session as Ctrl-C does, through this fixture's finally.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield server
    finally:
        server.stop()
        signal.signal(signal.SIGTERM, previous)


@pytest.fixture(scope="session")
def neo4j_settings(local_test_server: LocalServer | None) -> Neo4jSettings:
    """Where the test server is and how to log in (``.uri``, ``.username``, ``.password``, ``.database``)."""
    if local_test_server is None:
        return Neo4jSettings.from_mapping(os.environ)
    uri = local_test_server.bolt_uri()
    assert uri is not None
    return Neo4jSettings(uri=uri, password=local_test_server.password(), source="local server")


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_settings: Neo4jSettings) -> Iterator[Any]:
    """A connected ``neo4j.Driver`` for the session (sessions should pass ``database=neo4j_settings.database``)."""
    try:
        driver = neo4j_settings.connect()
    except Exception as exc:  # noqa: BLE001 (any failure to connect means: no server for the tests)
        _unavailable(str(exc))
    try:
        yield driver
    finally:
        driver.close()


@pytest.fixture
def clean_db(neo4j_driver: Any, neo4j_settings: Neo4jSettings) -> Any:
    """An empty database before the test: every node deleted, every constraint and index dropped except
    Neo4j's built-in token lookup indexes. Returns the driver."""
    db = neo4j_settings.database
    with neo4j_driver.session(database=db) as session:
        session.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
        for record in session.run("SHOW CONSTRAINTS YIELD name RETURN name").data():
            session.run(f"DROP CONSTRAINT {_quote(record['name'])} IF EXISTS").consume()
        for record in session.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name").data():
            session.run(f"DROP INDEX {_quote(record['name'])} IF EXISTS").consume()
    return neo4j_driver


def _quote(name: str) -> str:
    """A schema name as a Cypher identifier (names cannot be parameters)."""
    return "`" + name.replace("`", "``") + "`"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed document: ``$INSTGRAPH_SEEDS/<name>`` if set, else ``../shared/seeds/<name>`` beside the repo."""
    seeds = os.environ.get("INSTGRAPH_SEEDS")
    path = (Path(seeds) if seeds else REPO.parent / "shared" / "seeds") / SEED_NAME
    if not path.is_file():
        message = f"seed document {path} not found; set INSTGRAPH_SEEDS to the directory holding {SEED_NAME}"
        if _in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def corpus_gold() -> Path:
    """The development corpus's gold reading, ``../shared/corpus/gold.json`` beside the repo (its
    documents are in ``documents/`` beside it). Required under CI; elsewhere its tests are skipped."""
    path = REPO.parent / "shared" / "corpus" / "gold.json"
    if not path.is_file():
        message = f"the development corpus is not beside the repository ({path})"
        if _in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def seeds_dir(seed_path: Path) -> Path:
    """The directory holding the seed document (what ``--seeds`` and ``INSTGRAPH_SEEDS`` name)."""
    return seed_path.parent


# --- a real headless Chromium (Debian's), shared by every test that opens a page ----------------------------
# One per session: Playwright's sync API cannot run two instances in one thread.


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)"
        if _in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="session", autouse=True)
def _session_last_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Builds made by the tests record themselves under pytest's temporary directory, never in the
    repository's out/ (where a user's last build is)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("INSTGRAPH_LAST_BUILD", str(tmp_path_factory.mktemp("session-build") / "last-build.json"))
        yield


@pytest.fixture(autouse=True)
def _own_last_build(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with no last build, so no test reads a graph another test built."""
    monkeypatch.setenv("INSTGRAPH_LAST_BUILD", str(tmp_path_factory.mktemp("last-build") / "last-build.json"))

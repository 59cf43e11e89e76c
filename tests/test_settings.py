"""Neo4j connection settings: parsing (pure), the local-server fallback, and the errors a user sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.store.local_server import LocalServer, free_port
from graph.store.settings import (
    DEFAULT_URI,
    Neo4jAuthError,
    Neo4jSettings,
    Neo4jSettingsError,
    Neo4jUnavailableError,
)

# --- parsing ---------------------------------------------------------------------------------------------


def test_defaults_when_nothing_is_set() -> None:
    s = Neo4jSettings.from_mapping({})
    assert (s.uri, s.username, s.password, s.database) == (DEFAULT_URI, "neo4j", None, "neo4j")
    assert s.uri == "bolt://127.0.0.1:7687"


def test_all_four_variables_are_read_and_blanks_count_as_unset() -> None:
    s = Neo4jSettings.from_mapping({"NEO4J_URI": "neo4j://db.example:7688", "NEO4J_USERNAME": "analyst",
                                    "NEO4J_PASSWORD": "pw-12345678", "NEO4J_DATABASE": "korea"})
    assert (s.uri, s.username, s.password, s.database) == ("neo4j://db.example:7688", "analyst", "pw-12345678",
                                                          "korea")
    blank = Neo4jSettings.from_mapping({"NEO4J_URI": " ", "NEO4J_USERNAME": "", "NEO4J_DATABASE": ""})
    assert (blank.uri, blank.username, blank.database) == (DEFAULT_URI, "neo4j", "neo4j")


@pytest.mark.parametrize(
    "uri",
    ["bolt://localhost", "bolt://127.0.0.1:7687", "bolt+s://host:7687", "bolt+ssc://host", "neo4j://host",
     "neo4j+s://abcd1234.databases.neo4j.io", "neo4j+ssc://host:7687", "neo4j://host:7687?policy=eu"],
)
def test_bolt_and_neo4j_schemes_with_and_without_tls_are_accepted(uri: str) -> None:
    assert Neo4jSettings.from_mapping({"NEO4J_URI": uri}).uri == uri


@pytest.mark.parametrize(
    ("uri", "fragment"),
    [
        ("http://localhost:7474", "scheme 'http'"),
        ("localhost:7687", "scheme 'localhost'"),
        ("127.0.0.1", "scheme 'none'"),
        ("bolt://", "needs a host"),
        ("bolt://host:99999", "needs a host"),
        ("bolt://host:7687/neo4j", "NEO4J_DATABASE"),
    ],
)
def test_a_bad_uri_is_named_in_one_line(uri: str, fragment: str) -> None:
    with pytest.raises(Neo4jSettingsError) as info:
        Neo4jSettings.from_mapping({"NEO4J_URI": uri})
    message = str(info.value)
    assert message.startswith("NEO4J_URI=") and fragment in message and "\n" not in message


def test_the_password_never_shows_in_repr() -> None:
    s = Neo4jSettings.from_mapping({"NEO4J_PASSWORD": "very-secret-pw"})
    assert "very-secret-pw" not in repr(s) and "very-secret-pw" not in str(s)


# --- the local server as the default ------------------------------------------------------------------------


def test_without_neo4j_uri_the_local_servers_uri_and_password_are_used(tmp_path: Path) -> None:
    env = {"INSTGRAPH_HOME": str(tmp_path)}
    assert Neo4jSettings.from_env(env).uri == DEFAULT_URI  # nothing set up yet: the defaults
    server = LocalServer.from_env(env)
    server.write_config(7999, None)
    server._prepare_password("stored-password")
    s = Neo4jSettings.from_env(env)
    assert (s.uri, s.password, s.source) == ("bolt://127.0.0.1:7999", "stored-password", "local server")
    given = Neo4jSettings.from_env({**env, "NEO4J_PASSWORD": "given-password"})
    assert (given.password, given.source) == ("given-password", "local server, NEO4J_PASSWORD")
    remote = Neo4jSettings.from_env({**env, "NEO4J_URI": "neo4j+s://remote.example", "NEO4J_PASSWORD": "x"})
    assert (remote.uri, remote.password, remote.source) == ("neo4j+s://remote.example", "x", "environment")


# --- against a real server -------------------------------------------------------------------------------


def test_a_closed_port_says_how_to_start_a_server() -> None:
    settings = Neo4jSettings(uri=f"bolt://127.0.0.1:{free_port()}", password="whatever-pw")
    with pytest.raises(Neo4jUnavailableError) as info:
        settings.connect(connection_timeout=5)
    message = str(info.value)
    assert "cannot reach Neo4j at bolt://127.0.0.1:" in message
    assert "instgraph neo4j start" in message and "NEO4J_URI" in message and "\n" not in message


@pytest.mark.neo4j
def test_the_driver_reaches_the_test_server(neo4j_settings: Neo4jSettings) -> None:
    with neo4j_settings.driver() as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one", database_=neo4j_settings.database)
    assert records[0]["one"] == 1


@pytest.mark.neo4j
def test_a_wrong_password_is_an_auth_error_naming_the_fix(neo4j_settings: Neo4jSettings,
                                                         neo4j_driver: object) -> None:
    wrong = Neo4jSettings(uri=neo4j_settings.uri, username=neo4j_settings.username, password="not-the-password",
                          database=neo4j_settings.database, source="environment")
    with pytest.raises(Neo4jAuthError) as info:
        wrong.connect()
    message = str(info.value)
    assert f"Neo4j at {neo4j_settings.uri} refused user 'neo4j'" in message
    assert "NEO4J_PASSWORD" in message and "\n" not in message


def test_driver_errors_become_one_line_project_errors() -> None:
    from neo4j.exceptions import AuthError, ServiceUnavailable

    local = Neo4jSettings(source="local server").explain(AuthError("refused"))
    assert isinstance(local, Neo4jAuthError) and "stored by `instgraph neo4j start`" in str(local)
    given = Neo4jSettings(source="environment").explain(AuthError("refused"))
    assert "set NEO4J_USERNAME and NEO4J_PASSWORD" in str(given)
    assert isinstance(Neo4jSettings().explain(ServiceUnavailable("down")), Neo4jUnavailableError)
    other = ValueError("unrelated")
    assert Neo4jSettings().explain(other) is other

"""The local Neo4j server the project runs itself: configuration, password, errors, and the real thing."""

from __future__ import annotations

import json
import os
import re
import socket
import stat
import time
import urllib.request
from pathlib import Path

import pytest

from graph.store.local_server import (
    FAST_START_JVM_OPTIONS,
    JVM_FLAGS,
    NEO4J_VERSION,
    POM_PATH,
    SMALL_SERVER,
    LocalServer,
    LocalServerError,
    default_home,
    free_port,
    hash_initial_password,
)
from graph.store.settings import Neo4jSettings

# --- without a server ----------------------------------------------------------------------------------


def test_the_pom_pins_one_5_26_release_of_server_browser_and_kernel() -> None:
    assert re.fullmatch(r"5\.26\.\d+", NEO4J_VERSION)
    pom = POM_PATH.read_text("utf-8")
    for artifact in ("<groupId>org.neo4j</groupId>", "<artifactId>neo4j-server</artifactId>",
                     "<artifactId>neo4j-browser</artifactId>"):
        assert artifact in pom


def test_cache_directory_is_instgraph_home_else_the_user_cache(tmp_path: Path) -> None:
    assert default_home({"INSTGRAPH_HOME": str(tmp_path)}) == tmp_path
    assert default_home({}) == Path.home() / ".cache" / "instgraph"
    server = LocalServer.at(tmp_path)
    assert server.jars_dir == tmp_path / f"neo4j-{NEO4J_VERSION}" / "lib"
    assert server.pid_file == tmp_path / "server" / "run" / "neo4j.pid"
    assert server.log_file == tmp_path / "server" / "logs" / "console.log"


def test_config_listens_on_loopback_with_auth_and_small_memory(tmp_path: Path) -> None:
    server = LocalServer.at(tmp_path)
    server.write_config(7700, 7400)
    conf = server.read_config()
    assert conf["server.bolt.listen_address"] == "127.0.0.1:7700"
    assert conf["server.http.listen_address"] == "127.0.0.1:7400"
    assert conf["server.default_listen_address"] == "127.0.0.1"
    assert conf["dbms.security.auth_enabled"] == "true"
    assert conf["dbms.usage_report.enabled"] == "false"
    assert conf["server.memory.heap.max_size"] == "512m"
    assert conf["server.memory.pagecache.size"] == "256m"
    assert server.bolt_uri() == "bolt://127.0.0.1:7700"
    assert server.http_url() == "http://127.0.0.1:7400/"
    server.write_config(7701, None, heap="1g", pagecache="128m")
    assert server.http_url() is None and server.read_config()["server.http.enabled"] == "false"
    assert server.read_config()["server.memory.heap.max_size"] == "1g"


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"port": 0}, "not a TCP port"),
        ({"port": 7687, "http_port": 7687}, "choose two different ports"),
        ({"heap": "lots"}, "heap size 'lots'"),
        ({"pagecache": "256"}, "pagecache size '256'"),
    ],
)
def test_bad_configuration_is_one_clear_line(tmp_path: Path, kwargs: dict[str, object], fragment: str) -> None:
    with pytest.raises(LocalServerError, match=re.escape(fragment)) as info:
        LocalServer.at(tmp_path).write_config(**kwargs)  # type: ignore[arg-type]
    assert "\n" not in str(info.value)


def test_initial_password_hash_is_the_one_neo4j_admin_writes() -> None:
    # Written by `neo4j-admin dbms set-initial-password test-pass-123` (Neo4j 5.26.30) into auth.ini.
    salt = bytes.fromhex("0a3b3d36c2cbe332baecb0e4ea1255a228cd77e2a4459245c7cd44a2faf27af1")
    expected = ("neo4j:SHA-256,0815006ba2c7a38b8560dfefd1d4d5dfd69b0c4f4fab0f8983b797832ae4a445,"
                "0a3b3d36c2cbe332baecb0e4ea1255a228cd77e2a4459245c7cd44a2faf27af1,1024:\n")
    assert hash_initial_password("test-pass-123", salt) == expected


def test_password_is_generated_once_and_kept_private(tmp_path: Path) -> None:
    server = LocalServer.at(tmp_path)
    first = server._prepare_password(None)
    assert len(first) >= 24 and server.password() == first
    assert stat.S_IMODE(server.password_file.stat().st_mode) == 0o600
    auth = server.data_dir / "dbms" / "auth.ini"
    assert stat.S_IMODE(auth.stat().st_mode) == 0o600 and auth.read_text().startswith("neo4j:SHA-256,")
    assert server._prepare_password(None) == first  # not regenerated


def test_neo4j_password_is_the_initial_one_and_must_be_long_enough(tmp_path: Path) -> None:
    server = LocalServer.at(tmp_path)
    with pytest.raises(LocalServerError, match="at least 8"):
        server._prepare_password("short")
    assert server._prepare_password("a-long-password") == "a-long-password"


def test_missing_maven_says_to_install_it(tmp_path: Path) -> None:
    with pytest.raises(LocalServerError, match=r"Maven \(no-such-mvn\) is not installed.*NEO4J_URI"):
        LocalServer.at(tmp_path).ensure_jars(mvn="no-such-mvn")


def test_missing_java_says_to_install_it(tmp_path: Path) -> None:
    with pytest.raises(LocalServerError, match=r"Java \(no-such-java\) is not installed"):
        LocalServer.at(tmp_path).start(free_port(), None, java="no-such-java")


def test_port_in_use_is_named_before_anything_starts(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(LocalServerError, match=rf"port {port} on 127.0.0.1 is in use.*--port"):
            LocalServer.at(tmp_path).start(port, None)
    assert not (tmp_path / "server" / "run" / "neo4j.pid").exists()


def test_a_stale_pid_file_does_not_count_as_running(tmp_path: Path) -> None:
    server = LocalServer.at(tmp_path)
    server.run_dir.mkdir(parents=True)
    server.pid_file.write_text(f"{os.getpid()}\n")  # alive, but not a Neo4j JVM
    assert server.pid() is None and not server.pid_file.exists()
    assert server.stop() is False
    assert server.status().running is False


def test_jvm_flags_open_the_modules_neo4j_needs_on_java_17() -> None:
    for flag in ("--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                 "-XX:+UseG1GC"):
        assert flag in JVM_FLAGS


# --- the real server -------------------------------------------------------------------------------------


@pytest.fixture
def own_server(local_test_server: LocalServer | None) -> LocalServer:
    if local_test_server is None:
        pytest.skip("NEO4J_URI names another server; these tests are about the project's own")
    return local_test_server


@pytest.mark.neo4j
def test_project_server_reports_5_26_with_uri_pid_and_data_dir(own_server: LocalServer) -> None:
    st = own_server.status()
    assert st.running and st.pid is not None
    assert st.version == NEO4J_VERSION and st.version.startswith("5.26.") and st.edition == "community"
    assert st.uri is not None and st.uri == own_server.bolt_uri() and st.uri.startswith("bolt://127.0.0.1:")
    assert st.data_dir == own_server.data_dir and (st.data_dir / "databases" / "neo4j").is_dir()


@pytest.mark.neo4j
def test_a_node_written_is_read_back(clean_db: object, neo4j_settings: Neo4jSettings) -> None:
    driver = clean_db
    db = neo4j_settings.database
    driver.execute_query(  # type: ignore[attr-defined]
        "CREATE (:Ministry {id: $id, name: $name})", id="ministry:x", name="Ministry of X", database_=db
    )
    records, _, _ = driver.execute_query(  # type: ignore[attr-defined]
        "MATCH (m:Ministry) RETURN m.id AS id, m.name AS name", database_=db
    )
    assert [r.data() for r in records] == [{"id": "ministry:x", "name": "Ministry of X"}]


@pytest.mark.neo4j
def test_second_start_is_a_no_op(own_server: LocalServer) -> None:
    pid, uri = own_server.pid(), own_server.bolt_uri()
    started = time.monotonic()
    assert own_server.start(free_port(), None) == uri  # other ports asked for: the running server stays
    assert time.monotonic() - started < 5
    assert own_server.pid() == pid


@pytest.mark.neo4j
def test_neo4j_browser_is_served_on_the_http_port(own_server: LocalServer) -> None:
    base = own_server.http_url()
    assert base is not None
    with urllib.request.urlopen(base + "browser/", timeout=30) as response:
        assert response.status == 200
        assert "<title>Neo4j Browser</title>" in response.read().decode("utf-8")
    with urllib.request.urlopen(base, timeout=30) as response:
        discovery = json.load(response)
    assert discovery["neo4j_version"] == NEO4J_VERSION
    assert discovery["bolt_direct"] == own_server.bolt_uri()


def _processes_for(server_dir: Path) -> list[int]:
    needle = f"--home-dir={server_dir}".encode()
    pids = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if needle in (proc / "cmdline").read_bytes().split(b"\0"):
                    pids.append(int(proc.name))
            except OSError:
                continue
    return pids


@pytest.mark.neo4j
def test_stop_leaves_no_process_and_a_restart_keeps_data_and_password(tmp_path: Path) -> None:
    if os.environ.get("NEO4J_URI"):
        pytest.skip("NEO4J_URI names another server; this test is about the project's own")
    server = LocalServer.at(default_home(os.environ), tmp_path / "server")
    try:
        uri = server.start(free_port(), None, detach=False, jvm_options=FAST_START_JVM_OPTIONS, **SMALL_SERVER)
        password = server.password()
        settings = Neo4jSettings(uri=uri, password=password)
        with settings.connect() as driver:
            driver.execute_query("CREATE (:Agency {id: 'agency:kept'})")
        assert server.stop() is True
        assert _processes_for(server.server_dir) == [] and server.pid() is None
        assert server.stop() is False
        uri = server.start(free_port(), None, detach=False, jvm_options=FAST_START_JVM_OPTIONS, **SMALL_SERVER)
        assert server.password() == password
        with Neo4jSettings(uri=uri, password=password).connect() as driver:
            records, _, _ = driver.execute_query("MATCH (a:Agency) RETURN a.id AS id")
        assert [r["id"] for r in records] == ["agency:kept"]
    finally:
        server.stop()
    assert _processes_for(server.server_dir) == []

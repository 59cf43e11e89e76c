"""What ``instgraph neo4j status`` reports about the local server (:class:`ServerStatus`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from graph.store.admin_tool import MemorySizing
from graph.store.server_os import USERNAME, LocalServerError

if TYPE_CHECKING:
    from graph.store.local_server import LocalServer


@dataclass(frozen=True)
class ServerStatus:
    """What ``instgraph neo4j status`` reports."""

    running: bool
    uri: str | None
    http_url: str | None
    pid: int | None
    version: str | None
    edition: str | None
    server_dir: Path
    data_dir: Path
    log_file: Path
    password_file: Path
    memory: MemorySizing | None = None


def read_status(server: LocalServer) -> ServerStatus:
    """Whether ``server`` runs, and if so its URI, pid and version (from ``CALL dbms.components()``)."""
    pid = server.pid()
    version = edition = None
    uri = server.bolt_uri() if pid is not None else None
    if uri is not None:
        import neo4j

        try:
            with neo4j.GraphDatabase.driver(uri, auth=(USERNAME, server.password() or "")) as driver:
                records, _, _ = driver.execute_query(
                    "CALL dbms.components() YIELD name, versions, edition "
                    "WHERE name = 'Neo4j Kernel' RETURN versions[0] AS version, edition"
                )
            if records:
                version, edition = records[0]["version"], records[0]["edition"]
        except Exception as exc:  # noqa: BLE001 (reported, not raised: status must always answer)
            raise LocalServerError(
                f"Neo4j (pid {pid}) runs but does not answer on {uri}: {exc}; see {server.log_file}"
            ) from None
    return ServerStatus(
        running=pid is not None,
        uri=uri,
        http_url=server.http_url() if pid is not None else None,
        pid=pid,
        version=version,
        edition=edition,
        server_dir=server.server_dir,
        data_dir=server.data_dir,
        log_file=server.log_file,
        password_file=server.password_file,
        memory=server.memory(),
    )

"""The bulk load: the graph into a fresh database of the local server with ``neo4j-admin database import``.

Five steps, each timed: the graph is written as import CSV (:mod:`graph.store.admin_csv`, the same
labels, ids and properties a batched load stores) while the local server shuts down (asked to as the
export begins; should the export fail on a value the store cannot hold, the server is started again and
its database is as it was); ``neo4j-admin database import full --overwrite-destination`` builds the
database from the files; the server starts again with the ports and memory it had; the schema's
constraints and indexes are created on the loaded data. What was in the database before is gone (as
after ``load --wipe``, but also nodes without an instgraph label).

Only the project's own server can be loaded this way (the tool writes the database's files), so a
``NEO4J_URI`` naming another server is refused before anything is read or stopped.
"""

from __future__ import annotations

import os
import re
import signal
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import UsageError
from graph.model.institutional_graph import InstitutionalGraph
from graph.store.admin_csv import write_admin_import_csv, writing_processes
from graph.store.admin_tool import AdminToolError, run_admin
from graph.store.constraints import ensure_constraints
from graph.store.local_server import LocalServer
from graph.store.settings import Neo4jSettings, choose_server

Log = Callable[[str], None]


@dataclass
class BulkReport:
    """What the bulk load imported and how long each step took."""

    nodes: int = 0
    relationships: int = 0
    mentions: int = 0
    steps: dict[str, float] = field(default_factory=dict)

    @property
    def seconds(self) -> float:
        return sum(self.steps.values())

    def summary(self) -> str:
        steps = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.steps.items())
        rate = self.relationships / self.seconds if self.seconds else 0.0
        return (
            f"loaded {self.nodes} entities, {self.relationships} relationships and {self.mentions} mentions by "
            f"the bulk load (neo4j-admin database import into a fresh database) in {self.seconds:.1f} s "
            f"({rate:,.0f} relationships/s): {steps}"
        )


@contextmanager
def _step(report: BulkReport, name: str) -> Iterator[None]:
    began = time.perf_counter()
    try:
        yield
    finally:
        report.steps[name] = time.perf_counter() - began


def _imported(output: str) -> tuple[int, int]:
    """Nodes and relationships the import tool says it imported (its closing ``Imported:`` block)."""
    tail = output[output.rfind("Imported:") :]
    counts = {kind: int(n.replace(",", "")) for n, kind in re.findall(r"([0-9,]+) (nodes|relationships)\b", tail)}
    return counts.get("nodes", 0), counts.get("relationships", 0)


def _ask_to_stop(server: LocalServer, log: Log) -> bool:
    """Ask the server to shut down (SIGTERM) without waiting: its shutdown, seconds of the JVM's own work,
    overlaps the export. False if it does not run."""
    pid = server.pid()
    if pid is None:
        return False
    log(f"stopping Neo4j (pid {pid}) while the import CSV is written")
    with suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    return True


def bulk_load(
    graph: InstitutionalGraph, server: LocalServer, settings: Neo4jSettings, *, log: Log = lambda _m: None
) -> BulkReport:
    """Replace the local server's database ``settings.database`` with ``graph`` (see the module docstring)."""
    report = BulkReport()
    with _step(report, "date"):
        graph = graph.dated()
    with tempfile.TemporaryDirectory(prefix="bulk-", dir=server.server_dir) as tmp:
        work = Path(tmp)
        with _step(report, "export CSV"):
            processes = writing_processes(graph)  # whether a CPU is idle, before the server's shutdown takes one
            stopping = _ask_to_stop(server, log)  # it shuts down while the CSV is written
            try:
                args = write_admin_import_csv(graph, work / "csv", processes=processes)
            except BaseException:  # a value the store cannot hold: nothing was imported, start it again
                if stopping:
                    server.restart(log=log)
                raise
        with _step(report, "stop"):
            server.stop(log=(lambda _m: None) if stopping else log)  # waits for the shutdown asked for above
        log(f"importing with neo4j-admin into database {settings.database}")
        try:
            with _step(report, "import"):
                command = ["database", "import", "full", "--overwrite-destination=true", *args, settings.database]
                output = run_admin(server, command, cwd=work)
        finally:
            with _step(report, "start"):
                server.restart(log=log)
    nodes, relationships = _imported(output)
    edges = graph.graph.number_of_edges()
    report.nodes, report.relationships, report.mentions = nodes, edges, relationships - edges
    with _step(report, "constraints"), settings.connect() as driver:
        ensure_constraints(driver, graph.schema, settings.database)
    return report


def bulk_into_local_server(graph: InstitutionalGraph, env: Mapping[str, str], *, log: Log) -> BulkReport:
    """``instgraph load --bulk``: the local server of ``instgraph neo4j start`` (set up if it never ran)."""
    check_bulk_target(env)
    local_env = {k: v for k, v in env.items() if k != "NEO4J_URI"}  # at most the local server's own URI
    local = LocalServer.from_env(local_env)
    if local.bolt_uri() is None:  # never started: start it once for its configuration and password
        choose_server(local_env, start=True, log=log)
    try:
        return bulk_load(graph, local, Neo4jSettings.from_env(local_env, local=local), log=log)
    except AdminToolError as exc:
        raise AdminToolError(f"{exc}; the server runs again, but its database may be empty: rerun the load") from None


def check_bulk_target(env: Mapping[str, str]) -> None:
    """Refuse ``--bulk`` when ``NEO4J_URI`` names a server other than the local one (one line)."""
    uri = (env.get("NEO4J_URI") or "").strip()
    if not uri:
        return
    local = LocalServer.from_env(env).bolt_uri()
    if uri.rstrip("/") != local:
        raise UsageError(
            f"--bulk writes the database files of the local server with neo4j-admin, but NEO4J_URI={uri} "
            "names another server: unset NEO4J_URI to use the local one, or load without --bulk"
        )

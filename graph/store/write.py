"""Write an :class:`InstitutionalGraph` into Neo4j: batched, idempotent, resumable.

The rows come from the pure layer (:mod:`graph.store.rows`); here they go out as parameterised
``UNWIND $rows`` statements, packed into write transactions of about ``batch_size`` rows each (a small
graph is one transaction, one commit), each retried by the driver on transient errors. Writer threads
run the transactions while the caller's thread builds the next rows: one, in order, for a MERGE load;
two at once after a wipe (see :func:`write_graph`).

Nodes are MERGEd on their key per label, relationships on ``(start id)-[:TYPE {id}]->(end id)`` per
(type, start look-up label, end look-up label) — the group label (``Actor``, ``Instrument``) where a
type has one, so a few statements cover every mix of types — so a second load of the same graph
changes nothing; list properties (aliases, sources, evidence) take the union of what is stored and
what arrives. With ``wipe=True`` nothing with a schema label is left before the load, so everything is
CREATEd instead: no existence check, no locking MERGE, no union (about twice as fast).

If a transaction fails for good, :class:`LoadError` says how many rows were written before it; every
load is idempotent, so running the same load again (with or without ``wipe``) reaches the same end state.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from neo4j import Driver, ManagedTransaction, ResultSummary

from graph.collector import gc_paused
from graph.errors import InstgraphError
from graph.model.institutional_graph import InstitutionalGraph
from graph.model.schema import Schema
from graph.store.constraints import ensure_constraints
from graph.store.statements import (  # re-exported: tests and benchmarks import them from here
    Part,
    key_property,
    load_plan,
    mention_statement,
    node_create,
    node_statement,
    relationship_create,
    relationship_statement,
)

__all__ = [
    "LoadError", "LoadReport", "Progress", "key_property", "load_into_neo4j", "load_plan", "mention_statement",
    "node_create", "node_statement", "relationship_create", "relationship_statement", "rich_progress", "wipe_graph",
    "write_graph",
]  # fmt: skip

if TYPE_CHECKING:
    from graph.store.settings import Neo4jSettings

Progress = Callable[[str, int, int], None]
"""``progress(phase, rows_done, rows_total)``, called after each batch."""


@dataclass
class LoadReport:
    """What a load sent and what Neo4j reports it changed."""

    nodes: int = 0
    relationships: int = 0
    mentions: int = 0
    batches: int = 0
    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0
    deleted_nodes: int = 0
    seconds: float = 0.0
    by_label: dict[str, int] = field(default_factory=dict)
    by_type: dict[str, int] = field(default_factory=dict)
    steps: dict[str, float] = field(default_factory=dict)  # step name -> seconds, in the order they ran

    def summary(self) -> str:
        rate = self.relationships / self.seconds if self.seconds else 0.0
        steps = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.steps.items())
        return (
            f"loaded {self.nodes} entities, {self.relationships} relationships and {self.mentions} mentions "
            f"by the batched load (UNWIND statements over Bolt) in {self.batches} batches, {self.seconds:.1f} s "
            f"({rate:,.0f} relationships/s): {steps}; created {self.nodes_created} nodes and "
            f"{self.relationships_created} relationships"
        )


class LoadError(InstgraphError):
    """A batch failed for good; ``report`` says what had been written before it."""

    def __init__(self, message: str, report: LoadReport) -> None:
        super().__init__(message)
        self.report = report


# How many rows the caller's thread may queue ahead of the server: enough that building the next rows
# never leaves the server idle, few enough that rows waiting to go out are a small part of a load's memory.
_AHEAD_ROWS = 500_000

_Piece = tuple[str, str, str, list[Any], int]
"""``(phase, name, statement, rows, items)``: what one statement of a transaction sends."""


def _transactions(plan: Iterable[Part], size: int) -> Iterator[list[_Piece]]:
    """Cut the plan into transactions of about ``size`` items each, in order; a transaction may run
    several statements (a small graph loads in one transaction, one commit), and a row heavier than
    ``size`` goes alone."""
    tx: list[_Piece] = []
    room = size
    for phase, name, statement, rows, weights in plan:
        start = 0
        while start < len(rows):
            if weights is None:
                end = min(len(rows), start + room)
                count = end - start
            else:
                end, count = start, 0
                while end < len(rows) and count + weights[end] <= room:
                    count += weights[end]
                    end += 1
                if end == start:  # the next row alone outweighs the room left
                    if tx:
                        yield tx
                        tx, room = [], size
                        continue
                    end, count = start + 1, weights[start]
            tx.append((phase, name, statement, rows[start:end], count))
            room -= count
            start = end
            if room <= 0:
                yield tx
                tx, room = [], size
    if tx:
        yield tx


def _check_types(graph: InstitutionalGraph) -> None:
    """Every node and relationship type of ``graph`` is in its schema (else a one-line error)."""
    schema = graph.schema
    for type_ in {t for _, t in graph.graph.nodes(data="type")}:
        schema.node_type(type_)
    for type_ in {t for _, _, t in graph.graph.edges(data="type")}:
        schema.check_relationship_type(type_)


class _Skipped(Exception):
    """A transaction not run because an earlier one failed."""


def _write(driver: Driver, database: str, pieces: list[_Piece]) -> list[ResultSummary]:
    """Run the pieces in one write transaction (retried by the driver on transient errors)."""

    def work(tx: ManagedTransaction) -> list[ResultSummary]:
        return [tx.run(statement, rows=rows).consume() for _, _, statement, rows, _ in pieces]

    with driver.session(database=database) as session:
        return session.execute_write(work)


def wipe_graph(driver: Driver, schema: Schema, database: str = "neo4j", batch_size: int = 10_000) -> int:
    """Delete every node carrying a schema label, with its relationships, in batched transactions.

    Relationships go first, in batches of their own: a document node can hold hundreds of thousands of
    mention links, and detaching them along with a batch of nodes would overrun the transaction memory
    of a small server.
    """
    labels = "|".join(schema.check_label(label) for label in sorted(schema.node_types))
    with driver.session(database=database) as session:
        session.run(
            f"MATCH (:{labels})-[r]->() CALL (r) {{ DELETE r }} IN TRANSACTIONS OF $size ROWS",
            size=int(batch_size),
        ).consume()
        result = session.run(
            f"MATCH (n:{labels}) CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF $size ROWS",
            size=int(batch_size),
        )
        return int(result.consume().counters.nodes_deleted)


def write_graph(
    driver: Driver,
    graph: InstitutionalGraph,
    *,
    database: str = "neo4j",
    batch_size: int = 5_000,
    wipe: bool = False,
    progress: Progress | None = None,
    constraints: bool = True,
) -> LoadReport:
    """Load ``graph`` into Neo4j; loading the same graph again changes nothing.

    Parameters
    ----------
    driver : an open ``neo4j.Driver``.
    graph : the model to write; it is written with its time properties (:meth:`InstitutionalGraph.dated`:
        the stored years the as-of rule reads, so Cypher and networkx answer from the same values). They are
        derived from this graph alone: a load into a database already holding other facts does not
        re-derive those, so load everything at once (or with ``wipe``) when the years must be exact.
    database : the Neo4j database (``neo4j`` on Community).
    batch_size : rows per ``UNWIND`` statement, i.e. per transaction.
    wipe : delete every node with a schema label first (a clean reload); everything is then CREATEd,
        which is much faster than MERGE. A wiped load that fails part-way can be rerun with or without
        ``wipe`` and reaches the same end state.
    progress : called as ``progress(phase, done, total)`` after each batch (see :func:`rich_progress`).
    constraints : create the schema's constraints and indexes first (idempotent).

    Raises
    ------
    LoadError
        when a batch fails after the driver's retries; its message and ``report`` say what was written.
    """
    if batch_size < 1:
        raise InstgraphError(f"batch size {batch_size} must be at least 1")
    report = LoadReport()
    began = time.perf_counter()
    with _step(report, "date"):
        graph = graph.dated()
        _check_types(graph)  # before anything is wiped or written: a bad type is one line, nothing half-loaded
    if wipe:
        with _step(report, "wipe"):
            report.deleted_nodes = wipe_graph(driver, graph.schema, database)
    if constraints:
        with _step(report, "constraints"):
            ensure_constraints(driver, graph.schema, database)
    # Right after a wipe nothing with a schema label exists, so every node and relationship is new:
    # CREATE them (no existence check, no locking MERGE, no union with stored lists).
    sender = _Sender(driver, database, report, progress, began, new=wipe)
    with _step(report, "write"):
        sender.send(load_plan(graph, new=wipe, totals=sender.totals), batch_size)
    report.seconds = time.perf_counter() - began
    return report


@contextmanager
def _step(report: LoadReport, name: str) -> Iterator[None]:
    began = time.perf_counter()
    try:
        yield
    finally:
        report.steps[name] = time.perf_counter() - began


class _Sender:
    """Sends a load's transactions from writer threads while the caller's thread builds the next rows,
    so the server is not idle while Python works; after a failure they start nothing more.

    The caller's thread queues transactions up to :data:`_AHEAD_ROWS` rows ahead of the oldest unfinished
    one and waits only then: at a million relationships it used to wait after three, and the server sat
    idle while the next phase's rows were built. After a wipe (CREATE, no existence checks) two run at
    once and Neo4j uses a second core: 1.4x faster at 200 000 relationships. A rare lock conflict between
    them is a transient error the driver retries. A transaction that links entities waits, in its writer,
    until every entity transaction queued before it has committed. MERGE loads keep one writer, in order.
    """

    def __init__(self, driver: Driver, database: str, report: LoadReport, progress: Progress | None,
                 began: float, *, new: bool) -> None:  # fmt: skip
        self.driver, self.database, self.report, self.progress, self.began = driver, database, report, progress, began
        self.writers = 2 if new else 1
        self.failed = threading.Event()
        self.pending: deque[tuple[list[_Piece], Future[list[ResultSummary]]]] = deque()
        self.totals: dict[str, int] = {}
        self.done: dict[str, int] = {"entities": 0, "relationships": 0, "mentions": 0}

    def send(self, plan: Iterable[Part], batch_size: int) -> None:
        pending = self.pending
        entities: list[Future[list[ResultSummary]]] = []  # transactions that write entities
        ahead = max(self.writers + 1, _AHEAD_ROWS // batch_size)
        with gc_paused(), ThreadPoolExecutor(self.writers, thread_name_prefix="instgraph-load") as writer:
            try:
                for pieces in _transactions(plan, batch_size):
                    links = any(p[0] != "entities" for p in pieces)
                    after = [f for f in entities if not f.done()] if links and self.writers > 1 else []
                    future = writer.submit(self._run, pieces, after)
                    if any(p[0] == "entities" for p in pieces):  # a transaction may end one phase, start the next
                        entities.append(future)
                    pending.append((pieces, future))
                    while len(pending) > ahead or (pending and pending[0][1].done()):
                        self._settle()
                while pending:
                    self._settle()
            except BaseException:
                self.failed.set()
                for _, future in pending:
                    future.cancel()
                raise

    def _run(self, pieces: list[_Piece], after: list[Future[list[ResultSummary]]]) -> list[ResultSummary]:
        wait(after)  # the entities this transaction links are committed (or failed: then it is skipped)
        if self.failed.is_set():
            raise _Skipped()
        try:
            return _write(self.driver, self.database, pieces)
        except BaseException:
            self.failed.set()
            raise

    def _settle(self) -> None:
        pieces, future = self.pending.popleft()
        try:
            summaries = future.result()
        except Exception as exc:  # noqa: BLE001 - any failure must say what was already written
            self.failed.set()  # transactions not started yet will not start
            for later_pieces, later in self.pending:  # one already running may still commit: count it
                with suppress(Exception):
                    self._account(later_pieces, later.result())
            self.pending.clear()
            raise self._stopped(pieces, exc) from exc
        self._account(pieces, summaries)

    def _stopped(self, pieces: list[_Piece], exc: Exception) -> LoadError:
        report = self.report
        report.seconds = time.perf_counter() - self.began
        phase, name = pieces[0][0], pieces[0][1]
        return LoadError(
            f"load stopped in {phase} ({name}) after {report.nodes} entities, {report.relationships} "
            f"relationships and {report.mentions} mentions were written ({report.batches} batches); "
            f"rerun the same load to finish it: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}",
            report,
        )

    def _account(self, pieces: list[_Piece], summaries: list[ResultSummary]) -> None:
        report = self.report
        report.batches += 1
        for (phase, name, _, _, count), summary in zip(pieces, summaries, strict=True):
            c = summary.counters
            report.nodes_created += c.nodes_created
            report.relationships_created += c.relationships_created
            report.properties_set += c.properties_set
            if phase == "entities":
                report.nodes += count
                report.by_label[name] = report.by_label.get(name, 0) + count
            elif phase == "relationships":
                report.relationships += count
                report.by_type[name] = report.by_type.get(name, 0) + count
            else:
                report.mentions += count
            self.done[phase] += count
            if self.progress is not None:
                self.progress(phase, self.done[phase], self.totals[phase])


@contextmanager
def rich_progress() -> Iterator[Progress]:
    """A rich progress bar on stderr, one task per phase, as a ``progress`` callback."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("{task.description:<14}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(file=sys.stderr),
        transient=False,
    )
    tasks: dict[str, Any] = {}

    def update(phase: str, done: int, total: int) -> None:
        if phase not in tasks:
            tasks[phase] = bar.add_task(phase, total=total)
        bar.update(tasks[phase], completed=done)

    with bar:
        yield update


def load_into_neo4j(
    graph: InstitutionalGraph,
    settings: Neo4jSettings,
    *,
    wipe: bool = False,
    batch_size: int = 5_000,
    progress: bool = True,
) -> LoadReport:
    """Connect with ``settings`` (see :mod:`graph.store.settings`), load ``graph`` and close the driver.

    What ``instgraph load`` and ``instgraph build --neo4j`` call; a progress bar goes to stderr.
    Connection and login failures raise the settings' one-line errors.
    """
    driver = settings.connect()
    try:
        if not progress:
            return write_graph(driver, graph, database=settings.database, batch_size=batch_size, wipe=wipe)
        with rich_progress() as bar:
            return write_graph(
                driver, graph, database=settings.database, batch_size=batch_size, wipe=wipe, progress=bar
            )
    finally:
        driver.close()

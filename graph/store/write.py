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
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from neo4j import Driver, ManagedTransaction, ResultSummary

from graph.collector import gc_paused
from graph.errors import InstgraphError
from graph.model.institutional_graph import InstitutionalGraph
from graph.model.schema import Schema
from graph.store.constraints import ensure_constraints
from graph.store.rows import (
    DERIVED_FLAG,
    DOCUMENT_LABEL,
    MENTION_TYPE,
    PropertyCodec,
    codec,
    entity_rows,
    mention_groups,
    mention_rows,
    property_name,
    relationship_rows,
)

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

    def summary(self) -> str:
        rate = self.relationships / self.seconds if self.seconds else 0.0
        return (
            f"loaded {self.nodes} entities, {self.relationships} relationships and {self.mentions} mentions "
            f"in {self.batches} batches, {self.seconds:.1f} s ({rate:,.0f} relationships/s); created "
            f"{self.nodes_created} nodes and {self.relationships_created} relationships"
        )


class LoadError(InstgraphError):
    """A batch failed for good; ``report`` says what had been written before it."""

    def __init__(self, message: str, report: LoadReport) -> None:
        super().__init__(message)
        self.report = report


# Plans for these statements are fixed by the uniqueness constraints (every look-up is a unique index
# seek), so a plan made once is reused even after a wipe or a large load changes the statistics; without
# this the server replans every statement after a --wipe (about 0.2 s each on a small server).
_PLAN = "CYPHER replan=skip "


def _list_union(var: str, name: str, src: str = "row") -> str:
    # Append the arriving items not yet stored; keep what is stored when nothing arrives.
    return (
        f"{var}.{name} = CASE WHEN {src}.{name} IS NULL THEN {var}.{name} "
        f"ELSE coalesce({var}.{name}, []) + [x IN {src}.{name} WHERE NOT x IN coalesce({var}.{name}, [])] END"
    )


def node_statement(schema: Schema, label: str, rules: PropertyCodec, *, new: bool = False) -> str:
    """``UNWIND $rows`` of nodes of one type, with its group label and accumulating lists.

    ``new=True`` (a load right after a wipe) CREATEs the nodes; otherwise they are MERGEd on their key
    and list properties take the union of what is stored and what arrives.
    """
    nt = schema.node_type(label)
    key = property_name(nt.key)
    if new:
        labels = "".join(f":{schema.check_label(x)}" for x in nt.labels)
        lists = "".join(f", n.{p} = row.{p}" for p in rules.entity_lists)
        return f"{_PLAN}UNWIND $rows AS row CREATE (n{labels}) SET n = row.props, n.{key} = row.id{lists}"
    extra = "".join(f":{schema.check_label(g)}" for g in nt.labels[1:])
    sets = ", ".join(["n += row.props", *(_list_union("n", p) for p in rules.entity_lists)])
    set_labels = f" SET n{extra}" if extra else ""
    return f"{_PLAN}UNWIND $rows AS row MERGE (n:{nt.label} {{{key}: row.id}}){set_labels} SET {sets}"


def key_property(schema: Schema, label: str) -> str:
    """The key property of a node type, or the one key all members of a group share."""
    if label in schema.node_types:
        return property_name(schema.node_types[label].key)
    keys = {schema.node_types[m].key for m in schema.members(schema.check_label(label))}
    if len(keys) != 1:
        raise InstgraphError(f"the types in group {label} have different keys {sorted(keys)}; give them one key")
    return property_name(keys.pop())


def relationship_statement(
    schema: Schema, type_: str, source: str, target: str, rules: PropertyCodec, *, new: bool = False
) -> str:
    """``UNWIND $rows`` of relationships of one type between two look-up labels.

    ``new=True`` CREATEs them (a load right after a wipe: no relationship can exist yet); otherwise they
    are MERGEd on ``(start)-[:TYPE {id}]->(end)`` and list properties accumulate.
    """
    rel = schema.check_relationship_type(type_)
    s, t = schema.check_label(source), schema.check_label(target)
    ends = (
        f"{_PLAN}UNWIND $rows AS row "
        f"MATCH (a:{s} {{{key_property(schema, s)}: row.source}}) "
        f"MATCH (b:{t} {{{key_property(schema, t)}: row.target}}) "
    )
    if new:
        lists = "".join(f", r.{p} = row.{p}" for p in rules.relationship_lists)
        return ends + f"CREATE (a)-[r:{rel}]->(b) SET r = row.props, r.id = row.id{lists}"
    sets = ", ".join(["r += row.props", *(_list_union("r", p) for p in rules.relationship_lists)])
    return ends + f"MERGE (a)-[r:{rel} {{id: row.id}}]->(b) SET {sets}"


def mention_statement(schema: Schema, source: str, *, new: bool = False) -> str:
    """``UNWIND $rows`` of derived MENTIONED_IN links from one look-up label to documents; one row per
    entity, ``{source, links: [{target, id, lines}]}`` (see :func:`graph.store.rows.mention_groups`)."""
    s = schema.check_label(source)
    d = schema.check_label(DOCUMENT_LABEL)
    rel = schema.check_relationship_type(MENTION_TYPE)
    flag = property_name(DERIVED_FLAG)
    ends = (
        f"{_PLAN}UNWIND $rows AS row "
        f"MATCH (a:{s} {{{key_property(schema, s)}: row.source}}) "
        f"UNWIND row.links AS m "
        f"MATCH (d:{d} {{{key_property(schema, d)}: m.target}}) "
    )
    if new:
        return (
            ends
            + f"CREATE (a)-[r:{rel}]->(d) SET r.id = m.id, r.{flag} = true, r.method = 'derived', r.lines = m.lines"
        )
    return (
        ends
        + f"MERGE (a)-[r:{rel} {{id: m.id}}]->(d) SET r.{flag} = true, r.method = 'derived', "
        + _list_union("r", "lines", "m")
    )


_Part = tuple[str, str, str, list[dict[str, Any]], list[int] | None]
"""``(phase, name, statement, rows, weights)``: rows for one statement; a row's weight is the number of
items it writes (a mention row carries all the links of one entity), ``None`` when each row is one."""
_Piece = tuple[str, str, str, list[dict[str, Any]], int]
"""``(phase, name, statement, rows, items)``: what one statement of a transaction sends."""


def _transactions(plan: Iterable[_Part], size: int) -> Iterator[list[_Piece]]:
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
    graph = graph.dated()
    schema, rules = graph.schema, codec(graph.schema)
    _check_types(graph)  # before anything is wiped or written: a bad type is one line, nothing half-loaded
    report = LoadReport()
    began = time.perf_counter()
    if wipe:
        report.deleted_nodes = wipe_graph(driver, schema, database)
    if constraints:
        ensure_constraints(driver, schema, database)
    # Right after a wipe nothing with a schema label exists, so every node and relationship is new:
    # CREATE them (no existence check, no locking MERGE, no union with stored lists).
    new = wipe
    totals = {"entities": len(graph.graph), "relationships": graph.graph.number_of_edges(), "mentions": 0}
    done = dict.fromkeys(totals, 0)

    def plan() -> Iterator[_Part]:
        # Rows are built phase by phase while the previous phase's transactions run.
        for label, rows in sorted(entity_rows(graph).items()):
            yield ("entities", label, node_statement(schema, label, rules, new=new), rows, None)
        for (type_, s, t), rows in sorted(relationship_rows(graph).items()):
            yield ("relationships", type_, relationship_statement(schema, type_, s, t, rules, new=new), rows, None)
        mentions = mention_rows(graph)
        totals["mentions"] = sum(len(rows) for rows in mentions.values())
        for label, rows in sorted(mentions.items()):
            grouped = mention_groups(rows)
            weights = [len(row["links"]) for row in grouped]
            yield ("mentions", MENTION_TYPE, mention_statement(schema, label, new=new), grouped, weights)

    def account(pieces: list[_Piece], summaries: list[ResultSummary]) -> None:
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
            done[phase] += count
            if progress is not None:
                progress(phase, done[phase], totals[phase])

    # Writer threads run the transactions while this thread builds and packs the next rows, so the
    # server is not idle while Python works; after a failure they start nothing more. After a wipe
    # (CREATE, no existence checks) two run at once and Neo4j uses a second core: 1.4x faster at
    # 200 000 relationships. A rare lock conflict between them is a transient error the driver
    # retries. Entities are committed before any transaction that links them starts. MERGE loads
    # keep one writer, in order.
    writers = 2 if new else 1
    failed = threading.Event()

    def run(pieces: list[_Piece]) -> list[ResultSummary]:
        if failed.is_set():
            raise _Skipped()
        try:
            return _write(driver, database, pieces)
        except BaseException:
            failed.set()
            raise

    pending: deque[tuple[list[_Piece], Future[list[ResultSummary]]]] = deque()

    def settle() -> None:
        pieces, future = pending.popleft()
        try:
            summaries = future.result()
        except Exception as exc:  # noqa: BLE001 - any failure must say what was already written
            failed.set()  # transactions not started yet will not start
            for later_pieces, later in pending:  # one already running may still commit: count it
                with suppress(Exception):
                    account(later_pieces, later.result())
            pending.clear()
            report.seconds = time.perf_counter() - began
            phase, name = pieces[0][0], pieces[0][1]
            raise LoadError(
                f"load stopped in {phase} ({name}) after {report.nodes} entities, {report.relationships} "
                f"relationships and {report.mentions} mentions were written ({report.batches} batches); "
                f"rerun the same load to finish it: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}",
                report,
            ) from exc
        account(pieces, summaries)

    with gc_paused(), ThreadPoolExecutor(max_workers=writers, thread_name_prefix="instgraph-load") as writer:
        try:
            for pieces in _transactions(plan(), batch_size):
                if writers > 1 and any(p[0] != "entities" for p in pieces):
                    while any(p[0] == "entities" for earlier, _ in pending for p in earlier):
                        settle()
                pending.append((pieces, writer.submit(run, pieces)))
                while len(pending) > writers + 1 or (pending and pending[0][1].done()):
                    settle()
            while pending:
                settle()
        except BaseException:
            failed.set()
            for _, future in pending:
                future.cancel()
            raise
    report.seconds = time.perf_counter() - began
    return report


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

"""Write an :class:`InstitutionalGraph` into Neo4j: batched, idempotent, resumable.

The rows come from the pure layer (:mod:`graph.store_rows`); here each batch is one parameterised
``UNWIND $rows`` statement run by ``driver.execute_query`` — one transaction per batch, retried by the
driver on transient errors. Nodes are MERGEd on their key per label, relationships on
``(start id)-[:TYPE {id}]->(end id)`` per (type, start look-up label, end look-up label) — the group
label (``Actor``, ``Instrument``) where a type has one, so a few statements cover every mix of types —
so a second load of the same graph changes nothing; list properties (aliases, sources, evidence) take
the union of what is stored and what arrives.

If a batch fails for good, :class:`LoadError` says how many rows were written before it; every batch
is idempotent, so running the same load again reaches the same end state.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from neo4j import Driver, RoutingControl

from graph.constraints import ensure_constraints
from graph.errors import InstgraphError
from graph.institutional_graph import InstitutionalGraph
from graph.schema import Schema
from graph.store_rows import (
    DERIVED_FLAG,
    DOCUMENT_LABEL,
    MENTION_TYPE,
    PropertyCodec,
    codec,
    entity_rows,
    mention_rows,
    property_name,
    relationship_rows,
)

if TYPE_CHECKING:
    from graph.settings import Neo4jSettings

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


def _list_union(var: str, name: str) -> str:
    # Append the arriving items not yet stored; keep what is stored when nothing arrives.
    return (
        f"{var}.{name} = CASE WHEN row.{name} IS NULL THEN {var}.{name} "
        f"ELSE coalesce({var}.{name}, []) + [x IN row.{name} WHERE NOT x IN coalesce({var}.{name}, [])] END"
    )


def node_statement(schema: Schema, label: str, rules: PropertyCodec) -> str:
    """``UNWIND $rows`` MERGE of nodes of one type, with its group label and accumulating lists."""
    nt = schema.node_type(schema.check_label(label))
    key = property_name(nt.key)
    extra = "".join(f":{schema.check_label(g)}" for g in nt.labels[1:])
    sets = ", ".join(["n += row.props", *(_list_union("n", p) for p in rules.entity_lists)])
    set_labels = f" SET n{extra}" if extra else ""
    return f"UNWIND $rows AS row MERGE (n:{nt.label} {{{key}: row.id}}){set_labels} SET {sets}"


def key_property(schema: Schema, label: str) -> str:
    """The key property of a node type, or the one key all members of a group share."""
    if label in schema.node_types:
        return property_name(schema.node_types[label].key)
    keys = {schema.node_types[m].key for m in schema.members(schema.check_label(label))}
    if len(keys) != 1:
        raise InstgraphError(f"the types in group {label} have different keys {sorted(keys)}; give them one key")
    return property_name(keys.pop())


def relationship_statement(schema: Schema, type_: str, source: str, target: str, rules: PropertyCodec) -> str:
    """``UNWIND $rows`` MERGE of relationships of one type between two look-up labels."""
    rel = schema.check_relationship_type(type_)
    s, t = schema.check_label(source), schema.check_label(target)
    sets = ", ".join(["r += row.props", *(_list_union("r", p) for p in rules.relationship_lists)])
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{s} {{{key_property(schema, s)}: row.source}}) "
        f"MATCH (b:{t} {{{key_property(schema, t)}: row.target}}) "
        f"MERGE (a)-[r:{rel} {{id: row.id}}]->(b) SET {sets}"
    )


def mention_statement(schema: Schema, source: str) -> str:
    """``UNWIND $rows`` MERGE of derived MENTIONED_IN links from one look-up label to documents."""
    s = schema.check_label(source)
    d = schema.check_label(DOCUMENT_LABEL)
    rel = schema.check_relationship_type(MENTION_TYPE)
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{s} {{{key_property(schema, s)}: row.source}}) "
        f"MATCH (d:{d} {{{key_property(schema, d)}: row.target}}) "
        f"MERGE (a)-[r:{rel} {{id: row.id}}]->(d) SET r.{DERIVED_FLAG} = true, r.method = 'derived', "
        + _list_union("r", "lines")
    )


def _batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


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
    graph : the model to write.
    database : the Neo4j database (``neo4j`` on Community).
    batch_size : rows per ``UNWIND`` statement, i.e. per transaction.
    wipe : delete every node with a schema label first (a clean reload).
    progress : called as ``progress(phase, done, total)`` after each batch (see :func:`rich_progress`).
    constraints : create the schema's constraints and indexes first (idempotent).

    Raises
    ------
    LoadError
        when a batch fails after the driver's retries; its message and ``report`` say what was written.
    """
    if batch_size < 1:
        raise InstgraphError(f"batch size {batch_size} must be at least 1")
    schema, rules = graph.schema, codec(graph.schema)
    report = LoadReport()
    began = time.perf_counter()
    if wipe:
        report.deleted_nodes = wipe_graph(driver, schema, database)
    if constraints:
        ensure_constraints(driver, schema, database)
    nodes, rels, mentions = entity_rows(graph), relationship_rows(graph), mention_rows(graph)
    plan: list[tuple[str, str, str, list[dict[str, Any]]]] = []
    for label, rows in sorted(nodes.items()):
        plan.append(("entities", label, node_statement(schema, label, rules), rows))
    for (type_, s, t), rows in sorted(rels.items()):
        plan.append(("relationships", type_, relationship_statement(schema, type_, s, t, rules), rows))
    for label, rows in sorted(mentions.items()):
        plan.append(("mentions", MENTION_TYPE, mention_statement(schema, label), rows))
    totals: dict[str, int] = {}
    for phase, _, _, rows in plan:
        totals[phase] = totals.get(phase, 0) + len(rows)
    done = dict.fromkeys(totals, 0)
    for phase, name, statement, rows in plan:
        for batch in _batches(rows, batch_size):
            try:
                _, summary, _ = driver.execute_query(
                    statement, rows=batch, database_=database, routing_=RoutingControl.WRITE
                )
            except Exception as exc:  # noqa: BLE001 - any failure must say what was already written
                report.seconds = time.perf_counter() - began
                raise LoadError(
                    f"load stopped in {phase} ({name}) after {report.nodes} entities, {report.relationships} "
                    f"relationships and {report.mentions} mentions were written ({report.batches} batches); "
                    f"rerun the same load to finish it: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}",
                    report,
                ) from exc
            c = summary.counters
            report.batches += 1
            report.nodes_created += c.nodes_created
            report.relationships_created += c.relationships_created
            report.properties_set += c.properties_set
            if phase == "entities":
                report.nodes += len(batch)
                report.by_label[name] = report.by_label.get(name, 0) + len(batch)
            elif phase == "relationships":
                report.relationships += len(batch)
                report.by_type[name] = report.by_type.get(name, 0) + len(batch)
            else:
                report.mentions += len(batch)
            done[phase] += len(batch)
            if progress is not None:
                progress(phase, done[phase], totals[phase])
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
    """Connect with ``settings`` (see :mod:`graph.settings`), load ``graph`` and close the driver.

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

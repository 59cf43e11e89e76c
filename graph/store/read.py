"""Read Neo4j back into an :class:`InstitutionalGraph`: the networkx mirror.

Records are streamed (one label at a time, one record per node carrying its outgoing relationships,
``fetch_size`` nodes per network round trip) and decoded into the model's attributes as they arrive,
so memory holds the growing graph, not a second copy of the result. Writing a graph with
:func:`graph.store.write.write_graph` and reading it back gives an equal graph: same nodes, edges, keys
and every property (``None`` included).

Filters run in Cypher: ``as_of`` with the as-of rule of :mod:`graph.model.holds`, rendered from the same
declaration (:func:`graph.model.holds.cypher_holds`) and read from the stored time properties, at a
``certainty`` (``known`` or ``possible``; a relationship also needs both its ends kept); ``types`` keeps
entities of the given types or groups and the relationships among them, like
:meth:`InstitutionalGraph.subgraph`.
"""

from __future__ import annotations

import contextlib
import queue
import sys
import threading
from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx
from neo4j import READ_ACCESS, Driver, ManagedTransaction, NotificationMinimumSeverity

from graph.collector import gc_paused
from graph.model.edge_record import OneEdge
from graph.model.holds import check_certainty, cypher_holds
from graph.model.institutional_graph import InstitutionalGraph
from graph.model.schema import Schema, load_schema
from graph.store.decode import EdgeDecoder, decode_entity, relationship_columns
from graph.store.rows import DERIVED_FLAG, PropertyCodec, codec, property_name

Chunk = tuple[str, list[Any]]  # a label and one record's nodes of it, each ``[properties, out]``


def _wanted_labels(schema: Schema, types: Iterable[str] | None) -> list[str]:
    if types is None:
        return sorted(schema.node_types)
    wanted: set[str] = set()
    for t in types:
        schema.check_label(t)
        wanted |= set(schema.members(t)) or {t}
    return sorted(wanted)


def _key(schema: Schema) -> str:
    keys = {nt.key for nt in schema.node_types.values()}
    return property_name(keys.pop()) if len(keys) == 1 else "id"


def mirror_query(schema: Schema, label: str, as_of: int | None) -> str:
    """The nodes of one type in records of up to ``$chunk`` nodes, each node as ``[properties, out]``
    where ``out`` lists its relationships as the rows :class:`EdgeDecoder` reads: ``[type,
    <relationship_columns>, <pairs of properties outside the schema, or null>, end id]``.

    Many nodes per record rather than one: the driver's cost is per record far more than per value
    in it. A relationship is a list, not a map: no key strings to make per relationship. Its end node is
    not checked here (its labels, as of a year): :func:`_mirror` drops a relationship whose end it does
    not read, for a third of the server's work. The node references are collected first (cheap), then
    each record's relationships are read as the client asks for it, so the result still streams.
    """
    nt = schema.node_type(label)
    types = "|".join(schema.check_relationship_type(t) for t in sorted(schema.relationship_types))
    node_where = f" WHERE {cypher_holds('n')}" if as_of is not None else ""
    conds = [f"r.{property_name(DERIVED_FLAG)} IS NULL"] + ([cypher_holds("r")] if as_of is not None else [])
    columns = relationship_columns(codec(schema))
    outside = f"[k IN keys(p) WHERE NOT k IN [{', '.join(repr(property_name(c)) for c in columns)}]]"
    row = (
        f"[type(r), {', '.join(f'p.{c}' for c in columns)}, "
        f"CASE WHEN size({outside}) > 0 THEN [k IN {outside} | [k, p[k]]] END, b.{_key(schema)}]"
    )
    return (
        f"MATCH (n:{nt.label}){node_where} WITH collect(n) AS ns "
        "UNWIND range(0, size(ns) - 1, $chunk) AS at "
        "CALL (ns, at) { UNWIND ns[at..at + $chunk] AS n "
        f"CALL (n) {{ MATCH (n)-[r:{types}]->(b) WHERE {' AND '.join(conds)} "
        f"WITH r, b, properties(r) AS p RETURN collect({row}) AS out }} "
        "RETURN collect([properties(n), out]) AS nodes } "
        "RETURN nodes"
    )


def read_graph(
    driver: Driver,
    *,
    database: str = "neo4j",
    as_of: int | None = None,
    types: Iterable[str] | None = None,
    schema: Schema | None = None,
    chunk: int = 200,
    certainty: str = "known",
) -> InstitutionalGraph:
    """The graph held in Neo4j as an :class:`InstitutionalGraph` (whole, as of a year, or some types).

    Relationships the store derived itself (``MENTIONED_IN`` links flagged ``derived``) are not part of
    the model and are left out. ``chunk`` is the number of nodes (each with its relationships) per
    record.

    >>> # read_graph(driver) == model            after write_graph(driver, model) on an empty database
    >>> # read_graph(driver, as_of=2007, certainty=c) == model.as_of(2007, c)    (c: known or possible)
    """
    schema = schema or load_schema()
    rules = codec(schema)
    labels = _wanted_labels(schema, types)
    params: dict[str, Any] = {"chunk": max(1, int(chunk))}
    if as_of is not None:
        params["year"] = int(as_of)
        params["certainty"] = check_certainty(certainty)

    def work(tx: ManagedTransaction) -> nx.MultiDiGraph:
        queries = [(label, mirror_query(schema, label, as_of)) for label in labels]
        return _mirror(tx, queries, params, rules)

    with (
        gc_paused(),
        driver.session(
            database=database,
            fetch_size=8,  # records of ``chunk`` nodes per network round trip
            default_access_mode=READ_ACCESS,
            # a type with no relationships yet is not an error here; keep the server's warning off stderr
            notifications_min_severity=NotificationMinimumSeverity.OFF,
        ) as session,
    ):
        g = session.execute_read(work)
    return InstitutionalGraph(schema, g)


def _mirror(tx: ManagedTransaction, queries: list[tuple[str, str]], params: dict[str, Any],
            rules: PropertyCodec) -> nx.MultiDiGraph:  # fmt: skip
    """Run each label's :func:`mirror_query` and decode its records straight into a new graph."""
    g = nx.MultiDiGraph()
    # filled directly: add_node/add_edge per row cost more than the decoding at a million rows
    nodes, adj, pred = g._node, g._adj, g._pred
    canon: dict[str, str] = {}  # one string object per id, however many edges name it
    decoder = EdgeDecoder(rules, canon)

    def place(node_id: str) -> str:
        node_id = canon.get(node_id) or canon.setdefault(node_id, sys.intern(node_id))
        if node_id not in adj:
            adj[node_id] = {}
            pred[node_id] = {}
        return node_id

    for label, chunk_nodes in _ahead(_chunks(tx, queries, params)):
        decoded = iter(decoder.decode([row for _, out in chunk_nodes for row in out]))
        for props, out in chunk_nodes:
            node_id, data = decode_entity(label, props, rules)
            s = place(node_id)
            nodes[s] = data
            u_adj = adj[s]
            # zip asks ``out`` first, so it takes exactly this node's share of ``decoded``
            for row, (key, edge) in zip(out, decoded, strict=False):
                t = place(row[-1])
                keydict = u_adj.get(t)
                if keydict is None:
                    u_adj[t] = pred[t][s] = OneEdge(key, edge)
                else:
                    keydict[key] = edge
    _drop_unread_ends(g)
    return g


def _chunks(tx: ManagedTransaction, queries: list[tuple[str, str]], params: dict[str, Any]) -> Iterator[Chunk]:
    for label, query in queries:
        for (chunk_nodes,) in tx.run(query, params):
            yield label, chunk_nodes


def _ahead(chunks: Iterator[Chunk], depth: int = 4) -> Iterator[Chunk]:
    """``chunks``, fetched by a thread of their own up to ``depth`` records ahead of the caller.

    The driver asks for the next records only when the last are used up, so the server would wait while
    the records are decoded and the decoding while the server works; with the fetching in a thread the
    server's work and the decoding overlap (the thread waits for the network without holding the GIL).
    """
    box: queue.Queue[Chunk | BaseException | None] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def fetch() -> None:
        try:
            for chunk in chunks:
                if stop.is_set():
                    return
                box.put(chunk)
            box.put(None)
        except BaseException as exc:  # noqa: BLE001 - raised again in the caller's thread
            box.put(exc)

    fetcher = threading.Thread(target=fetch, name="instgraph-mirror-fetch", daemon=True)
    fetcher.start()
    try:
        while (item := box.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while fetcher.is_alive():  # let it finish before the transaction ends: empty the box as it fills
            with contextlib.suppress(queue.Empty):
                box.get(timeout=0.05)


def _drop_unread_ends(g: nx.MultiDiGraph) -> None:
    """Relationships to nodes the read did not keep (another type, not holding as of the year, or no
    schema label at all) go, with the placeholders their ends left in the adjacency."""
    adj, pred = g._adj, g._pred
    for end in adj.keys() - g._node.keys():
        for start in pred.pop(end):
            del adj[start][end]
        del adj[end]  # only read nodes' relationships were read: it has none of its own

"""Read Neo4j back into an :class:`InstitutionalGraph`: the networkx mirror.

Records are streamed (one query for every type, one record per ``chunk`` nodes, each carrying its
outgoing relationships, ``fetch_size`` records per network round trip) and decoded into the model's
attributes as they arrive, a record at a time and column by column (:class:`EdgeDecoder`), so memory
holds the growing graph, not a second copy of the result. Writing a graph with
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
import threading
from collections.abc import Iterable, Iterator
from itertools import chain
from operator import itemgetter
from typing import Any

import networkx as nx
from neo4j import READ_ACCESS, Driver, ManagedTransaction, NotificationMinimumSeverity

from graph.collector import gc_paused
from graph.model.edge_record import OneEdge
from graph.model.holds import check_certainty, cypher_holds
from graph.model.institutional_graph import InstitutionalGraph
from graph.model.schema import Schema, load_schema
from graph.store.decode import EdgeDecoder, decode_entity, list_columns, relationship_columns
from graph.store.rows import DERIVED_FLAG, MENTION_TYPE, PropertyCodec, codec, property_name


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


def mirror_query(schema: Schema, labels: list[str], as_of: int | None) -> str:
    """The nodes of the given types in records of up to ``$chunk`` nodes, each node as ``[label,
    properties, out]`` where ``out`` lists its relationships as the rows :class:`EdgeDecoder` reads:
    ``[type, <relationship_columns>, <pairs of properties outside the schema, or null>, end id]``.

    One query for every type, so the server plans one query, not one per type (half a second each on
    a warm server, several on a cold one). Many nodes per record rather than one: the driver's cost is
    per record far more than per value in it. A relationship is a list, not a map: no key strings to
    make per relationship. Derived links are told apart by their flag, so only ``MENTIONED_IN``
    relationships are read with that filter; the other types need no property read to be kept. The end
    node is not checked here (its labels, as of a year): :func:`_mirror` drops a relationship whose end
    it does not read, for a third of the server's work. The node references are collected first
    (cheap), then each record's relationships are read as the client asks for it, so the result streams.
    """
    for label in labels:
        schema.check_label(label)
    node_where = f" WHERE {cypher_holds('n')}" if as_of is not None else ""
    rel_where = [cypher_holds("r")] if as_of is not None else []
    columns = relationship_columns(codec(schema))
    lists = set(list_columns(codec(schema)))
    outside = f"[k IN keys(p) WHERE NOT k IN [{', '.join(repr(property_name(c)) for c in columns)}]]"
    row = (
        f"[type(r), {', '.join(f'coalesce(p.{c}, [])' if c in lists else f'p.{c}' for c in columns)}, "
        f"CASE WHEN size({outside}) > 0 THEN [k IN {outside} | [k, p[k]]] END, b.{_key(schema)}]"
    )
    branches = []
    for types, conds in _relationship_groups(schema):
        where = " AND ".join(conds + rel_where)
        branches.append(f"MATCH (n)-[r:{types}]->(b){f' WHERE {where}' if where else ''} RETURN r, b")
    return (
        f"MATCH (n:{'|'.join(labels)}){node_where} WITH collect(n) AS ns "
        "UNWIND range(0, size(ns) - 1, $chunk) AS at "
        "CALL (ns, at) { UNWIND ns[at..at + $chunk] AS n "
        f"CALL (n) {{ CALL (n) {{ {' UNION ALL '.join(branches)} }} "
        f"WITH r, b, properties(r) AS p RETURN collect({row}) AS out }} "
        "RETURN collect([[l IN labels(n) WHERE l IN $labels][0], properties(n), out]) AS nodes } "
        "RETURN nodes"
    )


def _relationship_groups(schema: Schema) -> list[tuple[str, list[str]]]:
    """The relationship types as Cypher type expressions, each with the conditions a stored one must meet
    to be one of the model's: derived ``MENTIONED_IN`` links are left out, by their flag."""
    types = sorted(schema.check_relationship_type(t) for t in schema.relationship_types)
    plain = [t for t in types if t != MENTION_TYPE]
    groups: list[tuple[str, list[str]]] = [("|".join(plain), [])] if plain else []
    if MENTION_TYPE in types:
        groups.append((MENTION_TYPE, [f"r.{property_name(DERIVED_FLAG)} IS NULL"]))
    return groups


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
    params: dict[str, Any] = {"chunk": max(1, int(chunk)), "labels": labels}
    if as_of is not None:
        params["year"] = int(as_of)
        params["certainty"] = check_certainty(certainty)

    def work(tx: ManagedTransaction) -> nx.MultiDiGraph:
        return _mirror(tx.run(mirror_query(schema, labels, as_of), params), rules)

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


def _mirror(result: Iterable[Any], rules: PropertyCodec) -> nx.MultiDiGraph:
    """Decode the records of :func:`mirror_query` straight into a new graph."""
    g = nx.MultiDiGraph()
    # filled directly: add_node/add_edge per row cost more than the decoding at a million rows
    nodes, adj, pred = g._node, g._adj, g._pred
    canon: dict[str, str] = {}  # one string object per id, however many edges name it
    decoder = EdgeDecoder(rules, canon)
    for chunk_nodes in _ahead(result):
        rows = list(chain.from_iterable(map(itemgetter(2), chunk_nodes)))
        keys, records = decoder.decode(rows)
        ends = list(map(itemgetter(-1), rows))
        ends = list(map(canon.setdefault, ends, ends))
        starts = [canon.setdefault(i, i) for i in (props["id"] for _, props, _ in chunk_nodes)]
        for new in set(starts).union(ends).difference(adj):
            adj[new], pred[new] = {}, {}
        pairs = list(map(OneEdge, keys, records))  # the usual pair of nodes: one relationship
        at = 0
        for s, (label, props, out) in zip(starts, chunk_nodes, strict=True):
            nodes[s] = decode_entity(label, props, rules)[1]
            ts, es = ends[at : at + len(out)], pairs[at : at + len(out)]
            at += len(out)
            _place(s, ts, es, adj[s], pred)
    _drop_unread_ends(g)
    return g


def _place(s: str, ts: list[str], es: list[OneEdge], u_adj: dict[str, Any], pred: dict[str, Any]) -> None:
    """Node ``s``'s relationships to ``ts`` into the adjacency (each node's are read once, so ``u_adj``
    starts empty); one ``update`` when they go to as many ends, as they mostly do."""
    if not u_adj and len(set(ts)) == len(ts):
        u_adj.update(zip(ts, es, strict=True))
        for t, e in zip(ts, es, strict=True):
            pred[t][s] = e
        return
    for t, e in zip(ts, es, strict=True):
        held = u_adj.get(t)
        if held is None:
            u_adj[t] = pred[t][s] = e
        else:  # another relationship between the same two nodes
            held[e._key] = e._value


def _ahead(records: Iterable[Any], depth: int = 4) -> Iterator[list[Any]]:
    """Each record's first value, fetched by a thread of their own up to ``depth`` records ahead of the caller.

    The driver asks for the next records only when the last are used up, so the server would wait while
    the records are decoded and the decoding while the server works; with the fetching in a thread the
    server's work and the decoding overlap (the thread waits for the network without holding the GIL).
    """
    box: queue.Queue[list[Any] | BaseException | None] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def fetch() -> None:
        try:
            for (chunk,) in records:
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

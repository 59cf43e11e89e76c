"""Read Neo4j back into an :class:`InstitutionalGraph`: the networkx mirror.

Two queries in one transaction. The first lists the nodes read, each as the server's own number for
it and its id; the second streams them (one record per ``chunk`` nodes, each carrying its outgoing
relationships as columns; the server sends them without waiting to be asked again), each relationship
naming its end by that number. Beside them, in a session of its own, a third query finds the model's
few ``MENTIONED_IN`` relationships among the many the store derived (:func:`mention_query`). The records
are decoded into the model's attributes as they arrive, a record at a time and column by column
(:class:`EdgeDecoder`), and placed into networkx's dicts a record at a time, so memory holds the growing
graph, not a second copy of the result. The rare relationships holding properties outside the schema
are read again for those at the end. Writing a graph with :func:`graph.store.write.write_graph` and
reading it back gives an equal graph: same nodes, edges, keys and every property (``None`` included).

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
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import compress
from typing import Any, NamedTuple

import networkx as nx
from neo4j import READ_ACCESS, Driver, ManagedTransaction, NotificationMinimumSeverity, Session

from graph.collector import gc_paused
from graph.model.edge_record import EdgeRecord, OneEdge
from graph.model.holds import check_certainty, cypher_holds
from graph.model.institutional_graph import InstitutionalGraph
from graph.model.schema import Schema, load_schema
from graph.store.decode import EdgeDecoder, decode_entity, relationship_columns
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


def _nodes(schema: Schema, labels: list[str], as_of: int | None) -> str:
    """The ``MATCH`` of the nodes a read keeps (of the given types; holding as of the year, if one)."""
    for label in labels:
        schema.check_label(label)
    where = f" WHERE {cypher_holds('n')}" if as_of is not None else ""
    return f"MATCH (n:{'|'.join(labels)}){where}"


def node_query(schema: Schema, labels: list[str], as_of: int | None) -> str:
    """The nodes a read keeps, as two lists: the server's numbers for them (``id(n)``) and their ids."""
    return f"{_nodes(schema, labels, as_of)} RETURN collect(id(n)) AS numbers, collect(n.{_key(schema)}) AS ids"


def mirror_query(schema: Schema, labels: list[str], as_of: int | None) -> str:
    """The nodes of the given types in records of up to ``$chunk`` nodes: ``nodes``, each ``[label,
    properties, number]``, and ``columns``, their relationships of every type but ``MENTIONED_IN`` (see
    :func:`mention_query`) as the columns :class:`EdgeDecoder` reads (``[type, <relationship_columns>,
    number of properties, the end's number]``) after one more, each relationship's start number.

    Every value the server sends costs it and the client alike, so a record holds few: one query for
    every type (the server plans one query, not one per type: half a second each on a warm server,
    several on a cold one); many nodes per record rather than one (the driver's cost is per record far
    more than per value in it); a column per property rather than a list per relationship (no list
    objects, no keys, nothing to turn around: the client's driver time fell by a third, the server's
    stayed); absent values as ``null``; the end as the server's number for it, not its id (that
    property read was a sixth of the server's work, and a number is cheaper to send and to look up than
    a string); the count of its properties, not the names of those outside the schema (a quarter of the
    server's work). The end node is not checked here (its labels, as of a year): the reader drops a
    relationship whose end it does not keep. The node references are collected first (cheap), then
    each record's relationships are read as the client asks for it, so the result streams.
    """
    rel_where = [cypher_holds("r")] if as_of is not None else []
    where = f" WHERE {' AND '.join(rel_where)}" if rel_where else ""
    plain = [t for t in _relationship_types(schema) if t != MENTION_TYPE]
    # a list comprehension keeps nulls (collect() drops them); a node without relationships has r null
    edges = (
        f"OPTIONAL MATCH (n)-[r:{'|'.join(plain)}]->(b){where} WITH n, r, b, properties(r) AS p "
        f"WITH collect(DISTINCT n) AS read, collect(CASE WHEN r IS NOT NULL THEN {_row(schema)} END) AS rows "
        if plain
        else "WITH collect(n) AS read, [] AS rows "
    )
    return (
        f"{_nodes(schema, labels, as_of)} WITH collect(n) AS ns "
        "UNWIND range(0, size(ns) - 1, $chunk) AS at "
        f"CALL (ns, at) {{ UNWIND ns[at..at + $chunk] AS n {edges}"
        "RETURN [m IN read | [[l IN labels(m) WHERE l IN $labels][0], properties(m), id(m)]] AS nodes, "
        f"{_columns(schema)} AS columns }} "
        "RETURN nodes, columns"
    )


def mention_query(schema: Schema, labels: list[str], as_of: int | None) -> str | None:
    """The model's ``MENTIONED_IN`` relationships from the nodes a read keeps, in records of ``$rows`` of
    them as columns like :func:`mirror_query`'s (None when the schema has no such type).

    The store derives a ``MENTIONED_IN`` link per entity and document besides (flagged ``derived``: two
    thirds of the relationships stored), which only a property read tells apart. Walking each node's
    relationships to them cost the server a third of its work; a scan of the type's relationships finds
    the few that are the model's in a fifth of that time.
    """
    if MENTION_TYPE not in _relationship_types(schema):
        return None
    kept = [f"r.{property_name(DERIVED_FLAG)} IS NULL", f"n:{'|'.join(labels)}"]
    if as_of is not None:
        kept += [cypher_holds("r"), cypher_holds("n")]
    return (
        f"MATCH (n)-[r:{MENTION_TYPE}]->(b) USING SCAN r:{MENTION_TYPE} WHERE {' AND '.join(kept)} "
        f"WITH n, r, b, properties(r) AS p WITH collect({_row(schema)}) AS kept "
        "UNWIND range(0, size(kept) - 1, $rows) AS at WITH kept[at..at + $rows] AS rows "
        f"RETURN {_columns(schema)} AS columns"
    )


def _row(schema: Schema) -> str:
    """A relationship ``r`` from ``n`` to ``b`` with properties ``p`` as the row :class:`EdgeDecoder` reads,
    after its start's number."""
    columns = (f"p.{c}" for c in relationship_columns(codec(schema)))
    return f"[id(n), type(r), {', '.join(columns)}, size(keys(p)), id(b)]"


def _columns(schema: Schema) -> str:
    """The ``rows`` of :func:`_row` as columns."""
    width = len(relationship_columns(codec(schema))) + 4
    return f"[{', '.join(f'[x IN rows | x[{i}]]' for i in range(width))}]"


# The properties outside the schema of the relationships given as [start, end, type, id, position]
# (start and end as the server's numbers), each as [position, [[name, value], ...]].
OUTSIDE_QUERY = (
    "UNWIND $rows AS row MATCH (n)-[r]->(b) WHERE id(n) = row[0] AND id(b) = row[1] AND type(r) = row[2] "
    "AND r.id = row[3] RETURN row[4] AS at, [k IN keys(r) WHERE NOT k IN $columns | [k, r[k]]] AS pairs"
)


def _relationship_types(schema: Schema) -> list[str]:
    return sorted(schema.check_relationship_type(t) for t in schema.relationship_types)


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
    # ``rows``: the relationships per record of the mentions, as many as a record of ``chunk`` nodes holds
    params: dict[str, Any] = {"chunk": max(1, int(chunk)), "rows": max(1, int(chunk)) * 10, "labels": labels}
    if as_of is not None:
        params["year"] = int(as_of)
        params["certainty"] = check_certainty(certainty)

    decoder = EdgeDecoder(rules)

    def work(tx: ManagedTransaction) -> nx.MultiDiGraph:
        numbers, ids = tx.run(node_query(schema, labels, as_of), params).single(strict=True)
        mirror = _Mirror(rules, decoder, numbers, ids)
        for nodes, columns in _ahead(tx.run(mirror_query(schema, labels, as_of), params)):
            mirror.add(nodes, columns)
        for edges in mentions.result() if mentions is not None else ():
            mirror.place(edges, joined=True)
        if mirror.outside:
            mirror.add_outside(tx.run(OUTSIDE_QUERY, rows=mirror.outside, columns=list(decoder.columns)))
        return mirror.finish()

    def read_mentions(query: str) -> list[Edges]:
        own = EdgeDecoder(rules)  # a decoder's dicts are not for two threads at once
        with _session(driver, database) as session:
            return session.execute_read(lambda tx: [decode_edges(own, c) for (c,) in tx.run(query, params)])

    # the mentions are read beside the nodes, in a session of their own, and decoded as they come: the
    # server scans for them while it streams the nodes (read after those, the client waited for the scan)
    mention = mention_query(schema, labels, as_of)
    with gc_paused(), ThreadPoolExecutor(1, "instgraph-mentions") as pool, _session(driver, database) as session:
        mentions = pool.submit(read_mentions, mention) if mention is not None else None
        g = session.execute_read(work)
    return InstitutionalGraph(schema, g)


def _session(driver: Driver, database: str) -> Session:
    return driver.session(
        database=database,
        # the whole result in one request: the server streams on while the client decodes (asked for
        # 8 records at a time, it sat idle after each 8 until the client had taken them in: at 1 M edges
        # on a busy machine the read took 21 s instead of 14 s); the reading thread's bounded queue and
        # the socket hold it back when the client falls behind (see _ahead)
        fetch_size=-1,
        default_access_mode=READ_ACCESS,
        # a type with no relationships yet is not an error here, and id() is what a read within one
        # transaction may use: keep the server's warnings off stderr
        notifications_min_severity=NotificationMinimumSeverity.OFF,
    )


class Edges(NamedTuple):
    """A record's relationships decoded (:func:`decode_edges`), before they are placed."""

    starts: list[int]  # the server's numbers of their starts
    ends: list[int]  # of their ends
    pairs: list[OneEdge]  # each as the pair of nodes' {key: attributes}, the usual case of one
    outside: list[list[Any]]  # those with properties outside the schema: [start, end, type, id, record]


def decode_edges(decoder: EdgeDecoder, columns: list[list[Any]]) -> Edges:
    """Relationships given as columns (see :func:`mirror_query`), decoded."""
    keys, records, ends, outside = decoder.decode(columns[1:])
    noted = [[columns[0][i], ends[i], columns[1][i], columns[2][i], records[i]] for i in outside]
    return Edges(columns[0], ends, list(map(OneEdge, keys, records)), noted)


class _Mirror:
    """The graph being filled from :func:`mirror_query`'s records (networkx's dicts directly:
    add_node/add_edge per row cost more than the decoding at a million rows)."""

    def __init__(self, rules: PropertyCodec, decoder: EdgeDecoder, numbers: list[int], ids: list[str]) -> None:
        self.g = g = nx.MultiDiGraph()
        self.rules, self.decoder = rules, decoder
        ids = list(map(decoder.memo[str].setdefault, ids, ids))  # one string object per id, shared by the edges
        self.nodes, self.adj, self.pred = g._node, g._adj, g._pred
        self.adj.update((i, {}) for i in ids)  # every node the read keeps, known before any relationship
        self.pred.update((i, {}) for i in ids)
        self.named = dict(zip(numbers, ids, strict=True))  # the server's number -> the one string object per id
        self.outside: list[list[Any]] = []  # relationships to read again, see OUTSIDE_QUERY
        self.records: list[EdgeRecord] = []  # their records, by position
        self.pending: list[tuple[str, int, OneEdge]] = []  # relationships to ends not (yet) named

    def finish(self) -> nx.MultiDiGraph:
        """The graph, with the relationships to nodes written since the first query (read since), without
        those to nodes the read does not keep or that were deleted since."""
        named = [(s, t, e) for s, number, e in self.pending if (t := self.named.get(number)) is not None]
        _join([s for s, _, _ in named], [t for _, t, _ in named], [e for _, _, e in named], self.adj, self.pred)
        _drop_unread(self.g)
        return self.g

    def add(self, nodes: list[Any], columns: list[list[Any]]) -> None:
        """One record's nodes and their relationships (each node's all in this record)."""
        strings = self.decoder.memo[str]
        for label, props, number in nodes:
            s, data = decode_entity(label, props, self.rules)
            s = strings.setdefault(s, s)
            if s not in self.adj:  # written since the first query (a read sees each query's own moment)
                self.adj[s], self.pred[s], self.named[number] = {}, {}, s
            self.nodes[s] = data
        if columns[0]:
            self.place(decode_edges(self.decoder, columns))

    def place(self, edges: Edges, joined: bool = False) -> None:
        """Relationships into the graph: the first of their starts' if not ``joined``, else to join those
        already placed. Those from nodes the read does not keep are left out."""
        starts: list[Any] = list(map(self.named.get, edges.starts))
        ends: list[Any] = list(map(self.named.get, edges.ends))  # None: an end not kept (or not yet named)
        pairs = edges.pairs
        if None in ends:  # ends not kept, or written since the first query: see finish
            unnamed = zip(starts, ends, edges.ends, pairs, strict=True)
            self.pending += [(s, n, e) for s, t, n, e in unnamed if t is None and s is not None]
        if None in starts or None in ends:
            kept = [s is not None and t is not None for s, t in zip(starts, ends, strict=True)]
            starts, ends, pairs = list(compress(starts, kept)), list(compress(ends, kept)), list(compress(pairs, kept))
        (_join if joined else _place)(starts, ends, pairs, self.adj, self.pred)
        for start, end, type_, id_, record in edges.outside:
            self.outside.append([start, end, type_, id_, len(self.records)])
            self.records.append(record)

    def add_outside(self, result: Iterable[Any]) -> None:
        """The properties outside the schema of the relationships :meth:`add` noted."""
        for at, pairs in result:
            self.records[at]._extra = dict(pairs)


def _place(ss: list[str], ts: list[str], es: list[OneEdge], adj: dict[str, Any], pred: dict[str, Any]) -> None:
    """Relationships ``ss[i]`` → ``ts[i]`` into the adjacency, all at once in C: each start's own are read
    in one batch, so its adjacency starts empty and holds as many ends as it has relationships unless two
    go to the same end. For those starts, the relationships between one pair of nodes then join the
    first one's pair (networkx's ``{key: attributes}``), which both sides of the adjacency hold."""
    deque(map(dict.__setitem__, map(adj.__getitem__, ss), ts, es), 0)  # adj[s][t] = e
    deque(map(dict.__setitem__, map(pred.__getitem__, ts), ss, es), 0)  # pred[t][s] = e
    shared = {s for s, n in Counter(ss).items() if len(adj[s]) != n}
    if not shared:
        return
    first: dict[tuple[str, str], OneEdge] = {}
    for i in compress(range(len(ss)), map(shared.__contains__, ss)):
        e = first.setdefault((ss[i], ts[i]), es[i])
        if e is not es[i]:  # another relationship between the same two nodes
            e[es[i]._key] = es[i]._value
    for (s, t), e in first.items():
        adj[s][t] = pred[t][s] = e


def _join(ss: list[str], ts: list[str], es: list[OneEdge], adj: dict[str, Any], pred: dict[str, Any]) -> None:
    """Relationships ``ss[i]`` → ``ts[i]`` into an adjacency that may hold some between the same nodes
    already, one at a time: each joins the pair of nodes' first (networkx's ``{key: attributes}``)."""
    for s, t, e in zip(ss, ts, es, strict=True):
        held = adj[s].get(t)
        if held is None:
            adj[s][t] = pred[t][s] = e
        else:  # another relationship between the same two nodes
            held[e._key] = e._value


def _ahead(records: Iterable[Any], depth: int = 4) -> Iterator[Any]:
    """The records, fetched by a thread of their own up to ``depth`` records ahead of the caller.

    The driver asks for the next records only when the last are used up, so the server would wait while
    the records are decoded and the decoding while the server works; with the fetching in a thread the
    server's work and the decoding overlap (the thread waits for the network without holding the GIL).
    """
    box: queue.Queue[Any] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def fetch() -> None:
        try:
            for record in records:
                if stop.is_set():
                    return
                box.put(record)
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


def _drop_unread(g: nx.MultiDiGraph) -> None:
    """Nodes of the first query that the second did not read (deleted in between: a read sees each
    query's own moment) go, with the relationships read to them."""
    adj, pred = g._adj, g._pred
    if len(adj) == len(g._node):
        return
    for end in adj.keys() - g._node.keys():
        for start in pred.pop(end):
            del adj[start][end]
        del adj[end]  # only read nodes' relationships were read: it has none of its own

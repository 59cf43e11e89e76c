"""Read Neo4j back into an :class:`InstitutionalGraph`: the networkx mirror.

Records are streamed (one label or relationship type at a time, ``fetch_size`` records per network
round trip) and decoded into the model's attributes as they arrive, so memory holds the growing graph,
not a second copy of the result. Writing a graph with :func:`graph.store_write.write_graph` and reading
it back gives an equal graph: same nodes, edges, keys and every property (``None`` included).

Filters run in Cypher: ``as_of`` with the same rule as :func:`graph.model.holds_in`
(``(start IS NULL OR start <= $year) AND (end IS NULL OR end >= $year)``, and a relationship also needs
both its ends to hold), ``types`` keeps entities of the given types or groups and the relationships
among them, like :meth:`InstitutionalGraph.subgraph`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

import networkx as nx
from neo4j import READ_ACCESS, Driver, ManagedTransaction, NotificationMinimumSeverity

from graph.institutional_graph import InstitutionalGraph
from graph.schema import Schema, load_schema
from graph.store_rows import DERIVED_FLAG, codec, decode_entity, decode_relationship, property_name

_HOLDS = "({v}.start IS NULL OR {v}.start <= $year) AND ({v}.end IS NULL OR {v}.end >= $year)"


def _wanted_labels(schema: Schema, types: Iterable[str] | None) -> list[str]:
    if types is None:
        return sorted(schema.node_types)
    wanted: set[str] = set()
    for t in types:
        schema.check_label(t)
        wanted |= set(schema.members(t)) or {t}
    return sorted(wanted)


def node_query(schema: Schema, label: str, as_of: int | None) -> str:
    nt = schema.node_type(schema.check_label(label))
    where = f" WHERE {_HOLDS.format(v='n')}" if as_of is not None else ""
    return f"MATCH (n:{nt.label}){where} RETURN properties(n) AS p"


def relationship_query(schema: Schema, type_: str, labels: list[str] | None, as_of: int | None) -> str:
    rel = schema.check_relationship_type(type_)
    conds = [f"r.{property_name(DERIVED_FLAG)} IS NULL"]
    if labels is not None:
        expr = "|".join(schema.check_label(label) for label in labels)
        conds += [f"a:{expr}", f"b:{expr}"]
    if as_of is not None:
        conds += [_HOLDS.format(v=v) for v in ("a", "b", "r")]
    keys = {nt.key for nt in schema.node_types.values()}
    key = property_name(keys.pop()) if len(keys) == 1 else "id"
    return f"MATCH (a)-[r:{rel}]->(b) WHERE {' AND '.join(conds)} RETURN a.{key} AS s, b.{key} AS t, properties(r) AS p"


def read_graph(
    driver: Driver,
    *,
    database: str = "neo4j",
    as_of: int | None = None,
    types: Iterable[str] | None = None,
    schema: Schema | None = None,
    fetch_size: int = 5_000,
) -> InstitutionalGraph:
    """The graph held in Neo4j as an :class:`InstitutionalGraph` (whole, as of a year, or some types).

    Relationships the store derived itself (``MENTIONED_IN`` links flagged ``derived``) are not part of
    the model and are left out.

    >>> # read_graph(driver) == model            after write_graph(driver, model) on an empty database
    >>> # read_graph(driver, as_of=2007) == model.as_of(2007)
    """
    schema = schema or load_schema()
    rules = codec(schema)
    labels = _wanted_labels(schema, types)
    params: dict[str, Any] = {} if as_of is None else {"year": int(as_of)}
    rel_labels = None if types is None else labels

    def work(tx: ManagedTransaction) -> nx.MultiDiGraph:
        g = nx.MultiDiGraph()
        nodes = g._node  # filled directly: add_node per row costs twice as much at a million rows
        adj, pred = g._adj, g._pred
        canon: dict[str, str] = {}  # one string object per id, however many edges name it
        for label in labels:
            result = tx.run(node_query(schema, label, as_of), params)
            for record in result:
                node_id, data = decode_entity(label, record[0], rules)
                node_id = canon[node_id] = sys.intern(node_id)
                nodes[node_id] = data
                adj[node_id] = {}
                pred[node_id] = {}
        strings = dict(canon)  # one object for repeated property text too (document ids, methods, lines)
        for type_ in sorted(schema.relationship_types):
            result = tx.run(relationship_query(schema, type_, rel_labels, as_of), params)
            for s, t, props in result:
                s, t = canon.get(s), canon.get(t)
                if s is None or t is None:
                    continue
                key, data = decode_relationship(type_, props, rules, strings)
                u_adj = adj[s]
                keydict = u_adj.get(t)
                if keydict is None:
                    keydict = u_adj[t] = pred[t][s] = {}
                keydict[key] = data
        return g

    with driver.session(
        database=database,
        fetch_size=fetch_size,
        default_access_mode=READ_ACCESS,
        # a type with no relationships yet is not an error here; keep the server's warning off stderr
        notifications_min_severity=NotificationMinimumSeverity.OFF,
    ) as session:
        g = session.execute_read(work)
    return InstitutionalGraph(schema, g)

"""The Cypher a load sends: one parameterised ``UNWIND $rows`` statement per label, per relationship group
and for the derived mentions, MERGE by default and CREATE right after a wipe (see :mod:`graph.store.write`).

A CREATE takes list rows (:func:`graph.store.rows.as_columns`, :mod:`graph.store.create_rows`) and writes
every property in the CREATE itself, ``{name: row[i], …}`` (a null value is not stored, as an absent one):
at 100 000 relationships the server spent about a fifth less CPU on the relationships (a tenth on the whole
load) than with a map of properties per row ``SET`` after the CREATE, and the driver packs lists faster than maps.
A relationship MERGE takes the same rows (one builder, :func:`graph.store.create_rows.relationship_tables`).
:func:`load_plan` pairs each statement with its rows, in the order a load sends them.

Only schema labels, types and property names (each checked) are interpolated; every value is a parameter.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from graph.errors import InstgraphError
from graph.model.institutional_graph import InstitutionalGraph
from graph.model.schema import Schema
from graph.store.create_rows import mention_tables, relationship_tables
from graph.store.rows import (
    DERIVED_FLAG,
    DOCUMENT_LABEL,
    MENTION_TYPE,
    PropertyCodec,
    as_columns,
    codec,
    entity_rows,
    property_name,
)

# Plans for these statements are fixed by the uniqueness constraints (every look-up is a unique index
# seek), so a plan made once is reused even after a wipe or a large load changes the statistics; without
# this the server replans every statement after a --wipe (about 0.2 s each on a small server).
_PLAN = "CYPHER replan=skip "


def _list_union(var: str, name: str, value: str) -> str:
    # Append the arriving items (``value``) not yet stored; keep what is stored when nothing arrives.
    return (
        f"{var}.{name} = CASE WHEN {value} IS NULL THEN {var}.{name} "
        f"ELSE coalesce({var}.{name}, []) + [x IN {value} WHERE NOT x IN coalesce({var}.{name}, [])] END"
    )


def _fields(names: Sequence[str], first: int, var: str = "row") -> str:
    """``name: row[first], …`` for a CREATE's property map (each name checked)."""
    return ", ".join(f"{property_name(name)}: {var}[{i}]" for i, name in enumerate(names, first))


def node_statement(schema: Schema, label: str, rules: PropertyCodec) -> str:
    """``UNWIND $rows`` MERGE of nodes of one type on their key, with the group label; list properties
    take the union of what is stored and what arrives."""
    nt = schema.node_type(label)
    key = property_name(nt.key)
    extra = "".join(f":{schema.check_label(g)}" for g in nt.labels[1:])
    sets = ", ".join(["n += row.props", *(_list_union("n", p, f"row.{p}") for p in rules.entity_lists)])
    set_labels = f" SET n{extra}" if extra else ""
    return f"{_PLAN}UNWIND $rows AS row MERGE (n:{nt.label} {{{key}: row.id}}){set_labels} SET {sets}"


def node_create(schema: Schema, label: str, rules: PropertyCodec, columns: Sequence[str]) -> str:
    """``UNWIND $rows`` CREATE of nodes of one type with its labels (a load right after a wipe) from
    rows ``[key, *columns, *list properties]``."""
    nt = schema.node_type(label)
    labels = "".join(f":{schema.check_label(x)}" for x in nt.labels)
    return f"{_PLAN}UNWIND $rows AS row CREATE (n{labels} {{{_fields([nt.key, *columns, *rules.entity_lists], 0)}}})"


def key_property(schema: Schema, label: str) -> str:
    """The key property of a node type, or the one key all members of a group share."""
    if label in schema.node_types:
        return property_name(schema.node_types[label].key)
    keys = {schema.node_types[m].key for m in schema.members(schema.check_label(label))}
    if len(keys) != 1:
        raise InstgraphError(f"the types in group {label} have different keys {sorted(keys)}; give them one key")
    return property_name(keys.pop())


def _ends(schema: Schema, source: str, target: str, s_field: str, t_field: str) -> str:
    s, t = schema.check_label(source), schema.check_label(target)
    return (
        f"{_PLAN}UNWIND $rows AS row "
        f"MATCH (a:{s} {{{key_property(schema, s)}: {s_field}}}) "
        f"MATCH (b:{t} {{{key_property(schema, t)}: {t_field}}}) "
    )


def relationship_statement(
    schema: Schema, type_: str, source: str, target: str, rules: PropertyCodec, columns: Sequence[str]
) -> str:
    """``UNWIND $rows`` MERGE of relationships of one type between two look-up labels on
    ``(start)-[:TYPE {id}]->(end)``, from the rows :func:`relationship_create` takes: a null column keeps
    what is stored (null is absent, see :mod:`graph.store.rows`), list properties accumulate."""
    rel = schema.check_relationship_type(type_)
    ends = _ends(schema, source, target, "row[0]", "row[1]")
    names = [property_name(name) for name in columns]
    lists = rules.relationship_lists
    sets = ", ".join([
        *(f"r.{name} = coalesce(row[{i}], r.{name})" for i, name in enumerate(names, 3)),
        *(_list_union("r", name, f"row[{i}]") for i, name in enumerate(lists, 3 + len(names))),
    ])  # fmt: skip
    return ends + f"MERGE (a)-[r:{rel} {{id: row[2]}}]->(b)" + (f" SET {sets}" if sets else "")


def relationship_create(
    schema: Schema, type_: str, source: str, target: str, rules: PropertyCodec, columns: Sequence[str]
) -> str:
    """``UNWIND $rows`` CREATE of relationships of one type between two look-up labels (a load right after
    a wipe: none can exist yet) from rows ``[source, target, id, *columns, *list properties]``."""
    rel = schema.check_relationship_type(type_)
    props = _fields(["id", *columns, *rules.relationship_lists], 2)
    return _ends(schema, source, target, "row[0]", "row[1]") + f"CREATE (a)-[:{rel} {{{props}}}]->(b)"


def mention_statement(schema: Schema, source: str, *, new: bool = False) -> str:
    """``UNWIND $rows`` of derived MENTIONED_IN links from one look-up label to documents; one row per
    entity, ``[source, [[target, id, lines], …]]`` (see :func:`graph.store.create_rows.mention_tables`)."""
    s = schema.check_label(source)
    d = schema.check_label(DOCUMENT_LABEL)
    rel = schema.check_relationship_type(MENTION_TYPE)
    flag = property_name(DERIVED_FLAG)
    ends = (
        f"{_PLAN}UNWIND $rows AS row "
        f"MATCH (a:{s} {{{key_property(schema, s)}: row[0]}}) "
        f"UNWIND row[1] AS m "
        f"MATCH (d:{d} {{{key_property(schema, d)}: m[0]}}) "
    )
    if new:
        return ends + f"CREATE (a)-[:{rel} {{id: m[1], {flag}: true, method: 'derived', lines: m[2]}}]->(d)"
    lines = _list_union("r", "lines", "m[2]")
    return ends + f"MERGE (a)-[r:{rel} {{id: m[1]}}]->(d) SET r.{flag} = true, r.method = 'derived', {lines}"


Part = tuple[str, str, str, list[Any], list[int] | None]
"""``(phase, name, statement, rows, weights)``: rows for one statement; a row's weight is the number of
items it writes (a mention row carries all the links of one entity), ``None`` when each row is one."""


def load_plan(graph: InstitutionalGraph, *, new: bool, totals: dict[str, int] | None = None) -> Iterator[Part]:
    """The statements of a load and their rows, built phase by phase (while the previous phase's
    transactions run); ``totals`` learns each phase's row count as it is built. ``new``: CREATE from list
    rows (right after a wipe), else MERGE."""
    schema, rules = graph.schema, codec(graph.schema)
    totals = {} if totals is None else totals
    totals.update(entities=len(graph.graph), relationships=graph.graph.number_of_edges(), mentions=0)
    for label, rows in sorted(entity_rows(graph).items()):
        if new:
            key = schema.node_type(label).key
            columns, listed = as_columns(rows, ("id",), rules.entity_lists, key)
            yield ("entities", label, node_create(schema, label, rules, columns), listed, None)
        else:
            yield ("entities", label, node_statement(schema, label, rules), rows, None)
    statement = relationship_create if new else relationship_statement
    for (type_, s, t), columns, listed in relationship_tables(graph):
        yield ("relationships", type_, statement(schema, type_, s, t, rules, columns), listed, None)
    mentions = mention_tables(graph)
    totals["mentions"] = sum(len(links) for rows in mentions.values() for _, links in rows)
    for label, grouped in sorted(mentions.items()):
        weights = [len(row[1]) for row in grouped]
        yield ("mentions", MENTION_TYPE, mention_statement(schema, label, new=new), grouped, weights)

"""The Cypher a load sends: one parameterised ``UNWIND $rows`` statement per label, per relationship group
and for the derived mentions, MERGE by default and CREATE right after a wipe (see :mod:`graph.store.write`).

Only schema labels, types and property names (each checked) are interpolated; every value is a parameter.
"""

from __future__ import annotations

from graph.errors import InstgraphError
from graph.model.schema import Schema
from graph.store.rows import DERIVED_FLAG, DOCUMENT_LABEL, MENTION_TYPE, PropertyCodec, property_name

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

"""Neo4j constraints and indexes, derived from the schema and created idempotently.

* a uniqueness constraint on the key (``id``) of every node type and group — it also backs ``MERGE``
  and the writer's look-ups with an index;
* a RANGE index on ``name`` per node type, for exact look-ups by name (``MATCH (m:Ministry {name: $n})``);
* one FULLTEXT index over ``name`` and ``aliases`` of every node type, for look-ups by abbreviation or
  variant (``CALL db.index.fulltext.queryNodes('instgraph_names', 'MSS')``).

>>> from graph.model.schema import load_schema
>>> [s for s in constraint_statements(load_schema()) if "ministry" in s.lower()][0]
'CREATE CONSTRAINT instgraph_ministry_id IF NOT EXISTS FOR (n:Ministry) REQUIRE n.id IS UNIQUE'
"""

from __future__ import annotations

from dataclasses import dataclass

from neo4j import Driver

from graph.model.schema import Schema
from graph.store.rows import property_name

FULLTEXT_INDEX = "instgraph_names"


@dataclass(frozen=True, order=True)
class UniqueConstraint:
    name: str
    label: str
    property: str


def _snake(label: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(label))


def unique_constraints(schema: Schema) -> list[UniqueConstraint]:
    """One uniqueness constraint per node type and per group (``Actor``, ``Instrument``), on the key.

    Keys are unique across all types, so a group's constraint holds too; it gives the writer an index
    to find any actor or instrument by id (see :func:`graph.store.rows.lookup_label`).
    """
    keys = {label: nt.key for label, nt in schema.node_types.items()}
    for group in schema.groups:
        members = {schema.node_types[m].key for m in schema.members(group)}
        if len(members) == 1:
            keys[group] = members.pop()
    return [
        UniqueConstraint(f"instgraph_{_snake(label)}_{key}", schema.check_label(label), property_name(key))
        for label, key in sorted(keys.items())
    ]


def constraint_statements(schema: Schema) -> list[str]:
    """The ``CREATE ... IF NOT EXISTS`` statements for ``schema``, constraints first."""
    out = [
        f"CREATE CONSTRAINT {c.name} IF NOT EXISTS FOR (n:{c.label}) REQUIRE n.{c.property} IS UNIQUE"
        for c in unique_constraints(schema)
    ]
    names = [p for p in ("name", "aliases") if p in schema.entity_properties]
    if "name" in names:
        out += [
            f"CREATE INDEX instgraph_{_snake(label)}_name IF NOT EXISTS FOR (n:{schema.check_label(label)}) ON (n.name)"
            for label in sorted(schema.node_types)
        ]
    if names:
        labels = "|".join(schema.check_label(label) for label in sorted(schema.node_types))
        fields = ", ".join(f"n.{property_name(p)}" for p in names)
        out.append(f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (n:{labels}) ON EACH [{fields}]")
    return out


def _statement_name(statement: str) -> str:
    # "CREATE CONSTRAINT <name> IF NOT EXISTS ..." / "CREATE [FULLTEXT ]INDEX <name> IF NOT EXISTS ..."
    words = statement.split()
    return words[words.index("IF") - 1]


def ensure_constraints(driver: Driver, schema: Schema, database: str = "neo4j") -> list[str]:
    """Create the schema's constraints and indexes where missing; returns the schema's statements.

    Running it twice changes nothing. One ``SHOW`` finds what exists, so when everything is in place
    (every load after the first) it costs one round trip; when something was created it waits for the
    indexes to come online, so a load that follows uses them.
    """
    statements = constraint_statements(schema)
    records, _, _ = driver.execute_query("SHOW INDEXES YIELD name, state RETURN name, state", database_=database)
    online = {r["name"] for r in records if r["state"] == "ONLINE"}
    constraints, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN name", database_=database)
    present = online | {r["name"] for r in constraints}
    missing = [s for s in statements if _statement_name(s) not in present]
    for statement in missing:
        driver.execute_query(statement, database_=database)
    if missing or any(r["state"] != "ONLINE" for r in records if r["name"].startswith("instgraph_")):
        driver.execute_query("CALL db.awaitIndexes(300)", database_=database)
    return statements


def existing_unique_constraints(driver: Driver, database: str = "neo4j") -> list[UniqueConstraint]:
    """The single-property uniqueness constraints a database holds (from ``SHOW CONSTRAINTS``)."""
    records, _, _ = driver.execute_query(
        "SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties "
        "WHERE type = 'UNIQUENESS' AND entityType = 'NODE' RETURN name, labelsOrTypes, properties",
        database_=database,
    )
    return sorted(
        UniqueConstraint(r["name"], r["labelsOrTypes"][0], r["properties"][0])
        for r in records
        if len(r["labelsOrTypes"]) == 1 and len(r["properties"]) == 1
    )

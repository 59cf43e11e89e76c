"""Two loads of overlapping data at the same time: no duplicate entity, and the constraints hold."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from graph.model import Entity, Relationship
from graph.model.institutional_graph import InstitutionalGraph
from graph.store.constraints import ensure_constraints, existing_unique_constraints, unique_constraints
from graph.store.read import read_graph
from graph.store.write import write_graph

pytestmark = pytest.mark.neo4j


def overlapping(offset: int, n: int = 400) -> InstitutionalGraph:
    """Ministries 0..n-1 shifted by ``offset``: two such graphs share most of their entities and facts."""
    g = InstitutionalGraph()
    prog = g.add_entity(Entity(type="Programme", name="Shared Programme"))
    for i in range(offset, offset + n):
        m = g.add_entity(Entity(type="Ministry", name=f"Ministry {i}", aliases=(f"M{i}", f"from {offset}")))
        g.add_relationship(Relationship(type="IMPLEMENTS", source=m.id, target=prog.id, start=2000 + i % 20))
    return g


def test_two_overlapping_loads_at_once_leave_no_duplicate(clean_db: Any, neo4j_settings: Any) -> None:
    db = neo4j_settings.database
    ensure_constraints(clean_db, overlapping(0).schema, db)
    a, b = overlapping(0), overlapping(100)
    with ThreadPoolExecutor(max_workers=2) as pool:
        for future in [pool.submit(write_graph, clean_db, g, database=db, batch_size=50) for g in (a, b)]:
            future.result()
    dupes = clean_db.execute_query(
        "MATCH (n) WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN id", database_=db
    ).records
    assert dupes == []
    rels = clean_db.execute_query(
        "MATCH (a)-[r]->(b) WITH a, b, type(r) AS t, r.id AS id, count(*) AS c WHERE c > 1 RETURN id", database_=db
    ).records
    assert rels == []
    back = read_graph(clean_db, database=db)
    assert len(back) == 501 and back.graph.number_of_edges() == 500
    # Aliases from both loads were merged, not lost: an overlapping ministry carries both origins.
    assert set(back.graph.nodes["ministry:ministry-150"]["aliases"]) == {"M150", "from 0", "from 100"}
    assert set(unique_constraints(a.schema)) <= set(existing_unique_constraints(clean_db, db))

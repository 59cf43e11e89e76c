"""The mirror read (graph/store/read.py) against a real server, while another session writes."""

from __future__ import annotations

from typing import Any

import pytest

from graph.model import Entity, Relationship
from graph.model.institutional_graph import InstitutionalGraph
from graph.store import read
from graph.store.read import read_graph
from graph.store.write import write_graph


def _bodies(names: list[str], links: list[tuple[int, int]]) -> tuple[InstitutionalGraph, list[str]]:
    g = InstitutionalGraph()
    ids = [g.add_entity(Entity(type="Agency", name=name)).id for name in names]
    for a, b in links:
        g.add_relationship(Relationship("COLLABORATES_WITH", ids[a], ids[b], start=2010))
    return g, ids


def test_a_write_between_the_reads_two_queries_gives_the_graph_a_later_read_gives(
    clean_db: Any, neo4j_settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read lists the nodes first, then reads them with their relationships; a node written in
    between comes with its relationships, one deleted in between goes with those to it."""
    driver, database = clean_db, neo4j_settings.database
    first, (a, b, c) = _bodies(["Alpha Office", "Beta Office", "Gamma Office"], [(0, 1), (1, 2)])
    write_graph(driver, first, database=database)
    later, (d, _) = _bodies(["Delta Office", "Alpha Office"], [(0, 1)])  # a new body linked to a kept one
    listed = read._Mirror.__init__

    def meanwhile(self: Any, *args: Any) -> None:
        listed(self, *args)  # the first query's nodes are listed: another session writes now
        write_graph(driver, later, database=database)
        driver.execute_query("MATCH (n {id: $id}) DETACH DELETE n", id=c, database_=database)

    monkeypatch.setattr(read._Mirror, "__init__", meanwhile)
    during = read_graph(driver, database=database)
    monkeypatch.undo()
    after = read_graph(driver, database=database)
    assert during == after and c not in during.graph and len(during) == 3
    assert {frozenset(e) for e in during.graph.edges()} == {frozenset((a, b)), frozenset((a, d))}

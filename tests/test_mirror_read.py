"""The mirror read (graph/store/read.py) against a real server, while another session writes."""

from __future__ import annotations

from typing import Any

import pytest

from graph.model import Entity, Evidence, Relationship
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


def _mentions() -> tuple[InstitutionalGraph, str, str]:
    """Bodies mentioned in a document twice over: the model's MENTIONED_IN relationships (two between one
    pair of nodes, by context) beside the links the store derives from every citation of the document."""
    g = InstitutionalGraph()
    doc = g.add_entity(Entity(type="Document", name="Annual Report")).id
    a, b, c = (g.add_entity(Entity(type="Agency", name=n)).id for n in ("Alpha Office", "Beta Office", "Gamma Office"))
    cited = (Evidence(doc, 3, 4, "a line"),)
    g.add_relationship(Relationship("COLLABORATES_WITH", a, b, start=2010, evidence=cited))
    g.add_relationship(Relationship("COLLABORATES_WITH", b, c, start=2012, evidence=cited))
    g.add_relationship(Relationship("MENTIONED_IN", a, doc, evidence=cited))
    g.add_relationship(Relationship("MENTIONED_IN", b, doc, context=a, evidence=cited))
    g.add_relationship(Relationship("MENTIONED_IN", b, doc, context=c, evidence=(Evidence(doc, 9, 9),)))
    return g.dated(), b, doc


def test_the_models_mentions_read_back_beside_the_derived_links_in_records_of_any_size(clean_db: Any) -> None:
    """The model's MENTIONED_IN relationships come back, two between one pair of nodes under their own
    keys, and the links the store derived from the citations do not, however many nodes a record holds."""
    driver = clean_db
    model, body, doc = _mentions()
    write_graph(driver, model)
    stored = driver.execute_query("MATCH ()-[r:MENTIONED_IN]->() RETURN count(r) AS n").records[0]["n"]
    assert stored > 3  # the derived links are there, beside the model's three
    for chunk in (1, 2, 200):
        back = read_graph(driver, chunk=chunk)
        assert back == model
        assert sorted(back.graph[body][doc]) == sorted(model.graph[body][doc]) and len(back.graph[body][doc]) == 2
    agencies = read_graph(driver, types=["Agency"], chunk=1)
    assert agencies == model.subgraph(["Agency"]) and agencies.graph.number_of_edges() == 2

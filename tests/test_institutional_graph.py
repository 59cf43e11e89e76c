"""The in-memory model: merging, schema checks, as-of, lineage and node-link JSON, on small graphs."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from graph.model import Entity, Evidence, Relationship
from graph.model.institutional_graph import InstitutionalGraph, ModelError


def small() -> InstitutionalGraph:
    """An office replaced by a ministry in 2017, a programme each, and a co-operation."""
    g = InstitutionalGraph()
    office = g.add_entity(Entity(type="Agency", name="Old Office", aliases=("OO",), end=2016))
    ministry = g.add_entity(Entity(type="Ministry", name="New Ministry", aliases=("NM",), start=2017))
    labour = g.add_entity(Entity(type="Ministry", name="Labour Ministry"))
    early = g.add_entity(Entity(type="Programme", name="Early programme", start=2007, end=2016))
    late = g.add_entity(Entity(type="Programme", name="Late programme", start=2018))
    g.add_relationship(Relationship(type="SUCCEEDED_BY", source=office.id, target=ministry.id, start=2017))
    g.add_relationship(
        Relationship(type="IMPLEMENTS", source=office.id, target=early.id, start=2007, end=2016)
    )
    g.add_relationship(Relationship(type="LEADS", source=ministry.id, target=late.id, start=2018))
    g.add_relationship(
        Relationship(type="COLLABORATES_WITH", source=labour.id, target=ministry.id, context=late.id)
    )
    return g


def test_adding_the_same_entity_twice_keeps_one_node_with_merged_aliases():
    g = InstitutionalGraph()
    g.add_entity(Entity(type="Ministry", name="M", aliases=("A",)))
    g.add_entity(Entity(type="Ministry", name="M", aliases=("B",), start=2017))
    assert len(g) == 1
    assert g.entity("ministry:m").aliases == ("A", "B")
    assert g.entity("ministry:m").start == 2017


def test_repeated_statements_of_a_relationship_accumulate_evidence_on_one_edge():
    g = small()
    rel = Relationship(
        type="LEADS",
        source="ministry:new-ministry",
        target="programme:late-programme",
        evidence=(Evidence("document:d", 82, 83),),
    )
    g.add_relationship(rel)
    g.add_relationship(Relationship(**{**rel.__dict__, "evidence": (Evidence("document:d", 89, 90),)}))
    assert g.graph.number_of_edges("ministry:new-ministry", "programme:late-programme") == 1
    held = g.relationship("ministry:new-ministry", "programme:late-programme", "LEADS")
    assert [e.first_line for e in held.evidence] == [82, 89]
    assert held.start == 2018


def test_facts_the_schema_does_not_allow_are_refused_with_the_allowed_values():
    g = small()
    with pytest.raises(ModelError, match="allowed: .*Ministry"):
        g.add_entity(Entity(type="Ministery", name="X"))
    with pytest.raises(ModelError, match="LEADS is not allowed from Programme to Ministry"):
        g.add_relationship(
            Relationship(type="LEADS", source="programme:late-programme", target="ministry:new-ministry")
        )
    with pytest.raises(ModelError, match="no entity"):
        g.add_relationship(
            Relationship(type="LEADS", source="ministry:nobody", target="programme:late-programme")
        )
    with pytest.raises(ModelError, match="both a"):
        g.add_entity(Entity(type="Ministry", name="Old Office", id="agency:old-office"))


def test_a_symmetric_relationship_is_one_edge_whichever_way_it_is_stated():
    g = small()
    g.add_relationship(
        Relationship(
            type="COLLABORATES_WITH",
            source="ministry:new-ministry",
            target="ministry:labour-ministry",
            context="programme:late-programme",
        )
    )
    collab = list(g.relationships(["COLLABORATES_WITH"]))
    assert len(collab) == 1
    assert (collab[0].source, collab[0].target) == ("ministry:labour-ministry", "ministry:new-ministry")


def test_as_of_keeps_what_holds_in_that_year_and_edges_need_both_ends():
    g = small()
    y2010 = g.as_of(2010)
    assert set(y2010.graph) == {"agency:old-office", "programme:early-programme"}
    # the labour ministry has no years and no dated document: unknown in 2010, so only possible
    assert "ministry:labour-ministry" in g.as_of(2010, "possible").graph
    assert [r.type for r in y2010.relationships()] == ["IMPLEMENTS"]
    y2017 = g.as_of(2017)
    assert "agency:old-office" not in y2017.graph and "ministry:new-ministry" in y2017.graph
    assert "IMPLEMENTS" not in {r.type for r in y2017.relationships()}
    assert {r.type for r in g.as_of(2018).relationships()} == {"LEADS"}
    assert {r.type for r in g.as_of(2018, "possible").relationships()} == {"LEADS", "COLLABORATES_WITH"}
    # The view is a copy: the model itself is untouched.
    assert len(g) == 5


def test_lineage_folds_a_body_into_its_successor_and_repoints_its_edges():
    g = small()
    folded = g.lineage()
    assert "agency:old-office" not in folded.graph
    node = folded.graph.nodes["ministry:new-ministry"]
    assert {"Old Office", "OO", "NM"} <= set(node["aliases"])
    assert node["folded"] == ["agency:old-office"]
    # The office's start is unknown, so the lineage's start is unknown too and its past edges stay visible.
    assert node["start"] is None
    assert folded.graph.has_edge("ministry:new-ministry", "programme:early-programme", "IMPLEMENTS")
    assert "SUCCEEDED_BY" not in folded.counts()["relationships"]
    assert [r.target for r in folded.as_of(2010).relationships(["IMPLEMENTS"])] == [
        "programme:early-programme"
    ]


def test_lineage_follows_chains_and_takes_the_earliest_known_start():
    g = InstitutionalGraph()
    ids = [
        g.add_entity(Entity(type="Agency", name=n, start=s)).id
        for n, s in (("A", 1990), ("B", 2000), ("C", 2010))
    ]
    g.add_relationship(Relationship(type="SUCCEEDED_BY", source=ids[0], target=ids[1]))
    g.add_relationship(Relationship(type="SUCCEEDED_BY", source=ids[1], target=ids[2]))
    folded = g.lineage()
    assert list(folded.graph) == ["agency:c"]
    assert folded.graph.nodes["agency:c"]["start"] == 1990
    assert g.successor_of() == {"agency:a": "agency:c", "agency:b": "agency:c"}


def test_views_and_lookups():
    g = small()
    assert {e.id for e in g.actors()} == {
        "agency:old-office",
        "ministry:new-ministry",
        "ministry:labour-ministry",
    }
    assert {e.id for e in g.instruments()} == {"programme:early-programme", "programme:late-programme"}
    assert [e.id for e in g.find("nm")] == ["ministry:new-ministry"]
    assert g.counts()["entities"] == {"Agency": 1, "Ministry": 2, "Programme": 2}
    assert g.years() == (2007, 2018)
    assert set(g.subgraph(["Actor"]).graph) == {e.id for e in g.actors()}


def test_node_link_json_reads_back_into_an_equal_graph(tmp_path):
    g = small()
    path = tmp_path / "g.json"
    g.write_json(path)
    assert InstitutionalGraph.read_json(path) == g
    plain = nx.node_link_graph(json.loads(path.read_text("utf-8")), edges="edges")
    assert InstitutionalGraph(graph=nx.MultiDiGraph(plain)) == g
    other = small()
    other.add_entity(Entity(type="Ministry", name="New Ministry", description="changed"))
    assert other != g

"""The as-of rule (holds / unknown / does not hold) and the derivations, on tiny graphs a reader can check."""

from __future__ import annotations

import pytest

from graph.model import (
    DOES_NOT_HOLD,
    HOLDS,
    UNKNOWN,
    Entity,
    InstitutionalGraph,
    Relationship,
    coverage,
    date_facts,
    holds,
    status,
)
from graph.model.holds import cypher_holds


def _doc(g: InstitutionalGraph, date: str, name: str = "Deck") -> str:
    return g.add_entity(Entity(type="Document", name=name, extra=(("date", date),))).id


@pytest.mark.parametrize(
    ("year", "fact", "answer"),
    [
        (2007, {"known_years": [2005, 2006, 2007, 2008], "not_before": 2005, "not_after": 2008}, HOLDS),
        (2009, {"known_years": [2005, 2006, 2007, 2008], "not_before": 2005, "not_after": 2008}, DOES_NOT_HOLD),
        (2004, {"known_years": [2005], "not_before": 2005, "not_after": None}, DOES_NOT_HOLD),
        (2020, {"known_years": [2018, 2022], "not_before": 2018, "not_after": None}, UNKNOWN),
        (1800, {"known_years": [], "not_before": None, "not_after": None}, UNKNOWN),
        (1800, {}, UNKNOWN),
    ],
)
def test_three_answers(year, fact, answer):
    assert status(year, fact) == answer
    assert holds(year, fact) is (answer == HOLDS)
    assert holds(year, fact, "possible") is (answer != DOES_NOT_HOLD)


def test_certainty_must_be_known_or_possible():
    with pytest.raises(ValueError, match="known, possible"):
        holds(2000, {}, "maybe")


def test_cypher_text_reads_the_same_properties():
    text = cypher_holds("r")
    assert "r.known_years" in text and "r.not_before" in text and "r.not_after" in text


def test_stated_span_holds_in_every_year_and_bounds_the_rest():
    g = InstitutionalGraph()
    p = g.add_entity(Entity(type="Programme", name="P", start=2005, end=2008))
    d = date_facts(g).graph.nodes[p.id]
    assert d["known_years"] == [2005, 2006, 2007, 2008]
    assert (d["not_before"], d["not_after"]) == (2005, 2008)
    assert d["derived_years"] == [] and d["not_before_rule"] == "stated"


def test_an_undated_fact_holds_at_its_documents_dates_and_nowhere_else():
    g = InstitutionalGraph()
    doc = _doc(g, "2022-05-11")
    later = _doc(g, "2024-09", name="Later")
    a = g.add_entity(Entity(type="Agency", name="A", sources=(doc, later)))
    dated = date_facts(g)
    d = dated.graph.nodes[a.id]
    assert d["known_years"] == [2022, 2024]
    assert d["derived_years"] == [2022, 2024] and d["derived_rules"] == ["document date", "document date"]
    assert d["start"] is None, "a derived year is never written as the stated start"
    assert [dated.as_of(y).graph.has_node(a.id) for y in (2021, 2022, 2023, 2024)] == [False, True, False, True]
    assert dated.as_of(2023, "possible").graph.has_node(a.id)


def test_a_fact_told_as_over_does_not_take_the_documents_date():
    g = InstitutionalGraph()
    doc = _doc(g, "2022")
    old = g.add_entity(Entity(type="Agency", name="Old", end=2016, sources=(doc,)))
    assert date_facts(g).graph.nodes[old.id]["known_years"] == [2016]


def test_a_relationship_holds_only_while_both_ends_exist():
    # A ministry created in 2017 does not run, in 2010, a programme the 2022 deck names without years.
    g = InstitutionalGraph()
    doc = _doc(g, "2022")
    m = g.add_entity(Entity(type="Ministry", name="M", start=2017))
    p = g.add_entity(Entity(type="Programme", name="P", start=2005, end=2019))
    g.add_relationship(Relationship(type="IMPLEMENTS", source=m.id, target=p.id, sources=(doc,)))
    d = date_facts(g).graph.edges[m.id, p.id, "IMPLEMENTS"]
    assert (d["not_before"], d["not_after"]) == (2017, 2019)
    assert (d["not_before_rule"], d["not_after_rule"]) == ("both ends", "both ends")
    assert d["known_years"] == [], "2022 is after the programme ended"
    assert [status(y, d) for y in (2010, 2018, 2022)] == [DOES_NOT_HOLD, UNKNOWN, DOES_NOT_HOLD]


def test_where_a_relationship_holds_its_ends_exist():
    g = InstitutionalGraph()
    m = g.add_entity(Entity(type="Ministry", name="M"))
    p = g.add_entity(Entity(type="Programme", name="P"))
    g.add_relationship(Relationship(type="IMPLEMENTS", source=m.id, target=p.id, start=2005, end=2006))
    d = date_facts(g).graph
    assert d.nodes[m.id]["known_years"] == [2005, 2006] == d.nodes[p.id]["known_years"]
    assert d.nodes[m.id]["derived_rules"] == ["both ends", "both ends"]


def test_a_succession_ends_the_old_body_the_year_before_and_starts_the_new_one():
    g = InstitutionalGraph()
    old = g.add_entity(Entity(type="Agency", name="Old"))
    new = g.add_entity(Entity(type="Ministry", name="New"))
    g.add_relationship(Relationship(type="SUCCEEDED_BY", source=old.id, target=new.id, start=2017))
    d = date_facts(g).graph
    assert (d.nodes[old.id]["not_after"], d.nodes[old.id]["known_years"]) == (2016, [2016])
    assert (d.nodes[new.id]["not_before"], d.nodes[new.id]["known_years"]) == (2017, [2017])
    assert d.nodes[new.id]["not_before_rule"] == "succession"



@pytest.mark.parametrize("first", [2010, 2015])
def test_a_body_succeeded_twice_ends_by_the_succession_told_first_on_every_run(first):
    # the old rule took the successions in a set's order, which changes with Python's hash seed
    g = InstitutionalGraph()
    old = g.add_entity(Entity(type="Agency", name="Old"))
    for year in (first, 2025 - first):
        new = g.add_entity(Entity(type="Ministry", name=f"New {year}"))
        g.add_relationship(Relationship(type="SUCCEEDED_BY", source=old.id, target=new.id, start=year))
    d = date_facts(g).graph
    assert (d.nodes[old.id]["not_after"], d.nodes[old.id]["known_years"]) == (first - 1, [first - 1])

def test_no_continuity_is_assumed_between_a_start_and_a_later_document():
    g = InstitutionalGraph()
    doc = _doc(g, "2022")
    p = g.add_entity(Entity(type="Programme", name="P", start=2001, sources=(doc,)))
    dated = date_facts(g)
    assert dated.graph.nodes[p.id]["known_years"] == [2001, 2022]
    assert [status(y, dated.graph.nodes[p.id]) for y in (2000, 2001, 2007, 2022, 2030)] == [
        DOES_NOT_HOLD, HOLDS, UNKNOWN, HOLDS, UNKNOWN
    ]


def test_coverage_counts_stated_derived_and_undated_facts():
    g = InstitutionalGraph()
    doc = _doc(g, "2022")
    g.add_entity(Entity(type="Agency", name="Stated", start=2001))
    g.add_entity(Entity(type="Agency", name="Cited", sources=(doc,)))
    g.add_entity(Entity(type="Agency", name="Nothing"))
    c = coverage(date_facts(g))
    assert (c["facts"], c["stated"], c["derived"], c["undated"], c["document date"]) == (3, 1, 1, 1, 1)


def test_as_of_derives_the_years_when_the_graph_has_none_yet():
    g = InstitutionalGraph()
    a = g.add_entity(Entity(type="Agency", name="A", start=2001, end=2002))
    assert list(g.as_of(2002).graph) == [a.id]
    assert g.as_of(2002).graph.nodes[a.id]["known_years"] == [2001, 2002]

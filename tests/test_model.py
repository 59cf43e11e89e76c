"""Typed facts: stable ids, merging (the as-of rule is tested in test_holds.py) of repeated statements."""

from __future__ import annotations

import pytest

from graph.model import (
    Entity,
    Evidence,
    Relationship,
    document_id,
    entity_id,
    merge_entities,
    merge_relationships,
    slug,
)


def test_id_comes_from_type_and_canonical_name_so_reloading_never_duplicates():
    a = Entity(type="Ministry", name="Ministry of SMEs and Startups", aliases=("MSS",))
    b = Entity(type="Ministry", name="Ministry of SMEs and Startups", start=2017)
    assert a.id == b.id == "ministry:ministry-of-smes-and-startups"
    assert entity_id("Ministry", "Ministry of Trade, Industry and Energy") == (
        "ministry:ministry-of-trade-industry-and-energy"
    )
    # The same name as another type is another entity.
    assert Entity(type="Programme", name="X").id != Entity(type="Strategy", name="X").id


def test_slug_ignores_quotes_and_keeps_non_latin_letters():
    assert slug("“Korea’s” Smart Office") == "koreas-smart-office"
    assert slug("Youth aged 15–34") == "youth-aged-15-34"
    assert slug("중소벤처기업부") == "중소벤처기업부"


def test_document_id_is_derived_from_the_text_hash():
    assert document_id("19f8a041c6daa3599166691783592fbe25804adbcb831286f2894ecf4108bff5") == (
        "document:19f8a041c6daa359"
    )


def test_impossible_facts_are_refused():
    with pytest.raises(ValueError, match="before start"):
        Entity(type="Agency", name="A", start=2017, end=2016)
    with pytest.raises(ValueError, match="no name"):
        Entity(type="Agency", name="  ")
    with pytest.raises(ValueError, match="before start"):
        Relationship(type="LEADS", source="a", target="b", start=2018, end=2010)
    with pytest.raises(ValueError, match="method"):
        Relationship(type="LEADS", source="a", target="b", method="guessed")
    with pytest.raises(ValueError, match="confidence"):
        Relationship(type="LEADS", source="a", target="b", confidence=1.5)
    with pytest.raises(ValueError, match="line span"):
        Evidence("document:x", 5, 4)


def test_relationship_key_carries_the_context():
    plain = Relationship(type="COLLABORATES_WITH", source="a", target="b")
    via = Relationship(type="COLLABORATES_WITH", source="a", target="b", context="programme:p")
    assert plain.key == "COLLABORATES_WITH"
    assert via.key == "COLLABORATES_WITH@programme:p"
    assert plain.rel_id != via.rel_id


def test_merging_an_entity_keeps_known_values_and_accumulates_aliases_and_sources():
    a = Entity(type="Ministry", name="M", aliases=("MM",), start=2017, sources=("document:1",))
    b = Entity(
        type="Ministry", name="M", aliases=("MM", "엠@ko"), end=2020, description="d", sources=("document:2",)
    )
    m = merge_entities(a, b)
    assert m.aliases == ("MM", "엠@ko")
    assert (m.start, m.end, m.description) == (2017, 2020, "d")
    assert m.sources == ("document:1", "document:2")
    with pytest.raises(ValueError):
        merge_entities(a, Entity(type="Ministry", name="N"))


def test_merging_two_sources_that_disagree_on_the_years_keeps_a_valid_span():
    # one document sets the office up in 2009, another says it ran 1996-2008: not an end before its start
    later = Entity(type="Agency", name="Small Firms Office", start=2009)
    earlier = Entity(type="Agency", name="Small Firms Office", start=1996, end=2008)
    m = merge_entities(later, earlier)
    assert (m.start, m.end) == (1996, None)
    assert (merge_entities(Entity(type="Agency", name="O", start=2001), Entity(type="Agency", name="O", end=2005))
            .end) == 2005  # a start from one source and an end from another still make one span


def test_merging_a_relationship_accumulates_evidence_and_the_curated_statement_leads():
    e1, e2 = Evidence("document:1", 82, 83, "x"), Evidence("document:1", 89, 90, "y")
    extracted = Relationship(
        type="LEADS", source="a", target="b", start=2019, evidence=(e1,), method="extracted", confidence=0.6
    )
    curated = Relationship(type="LEADS", source="a", target="b", start=2018, evidence=(e2, e1), note="n")
    m = merge_relationships(extracted, curated)
    assert m.method == "curated" and m.start == 2018 and m.note == "n"
    assert m.evidence == (e2, e1)
    assert m.confidence == 1.0


def test_properties_round_trip():
    e = Entity(
        type="Document",
        id="document:abc",
        name="A deck",
        extra=(("sha256", "abc"), ("title", "A deck")),
        figures=(("share", "99%"),),
    )
    assert Entity.from_properties({**e.properties(), "id": e.id}) == e
    r = Relationship(
        type="IMPLEMENTS",
        source="a",
        target="b",
        start=2005,
        end=2008,
        evidence=(Evidence("document:x", 72, 72),),
    )
    assert Relationship.from_properties("a", "b", r.properties()) == r

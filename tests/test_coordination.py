"""Coordination over time: separate groups, centralisation, hub, before/after a reorganisation."""

from __future__ import annotations

import pytest

from graph.analysis.coordination import (
    area_instruments,
    before_after,
    collaboration_graph,
    coordination,
    most_central_actor,
    reorganisation_year,
)
from graph.errors import UsageError
from graph.model import Entity, Relationship
from graph.model.institutional_graph import InstitutionalGraph
from loaders.dataset import korea_graph

MSS = "ministry:ministry-of-smes-and-startups"
MIC = "ministry:ministry-of-information-and-communication"
SMBA = "agency:small-and-medium-business-administration"
SMART_FACTORY = "strategy:smart-factory-diffusion-and-advancement-strategy"


@pytest.fixture(scope="module")
def korea():
    return korea_graph()


@pytest.fixture(scope="module")
def table(korea):
    return {row["year"]: row for row in coordination(korea)}


def test_more_separate_groups_ran_programmes_in_2005_2008_than_in_any_year_after_2017(table):
    before = max(table[y]["groups"] for y in range(2005, 2009))
    after = [y for y in table if y > 2017]
    assert after, "the table reaches past 2017 (up to the document's date)"
    assert before == 2
    assert all(table[y]["groups"] < before for y in after)


def test_programmes_running_in_2007_are_exactly_mics_and_smbas(korea, table):
    G = collaboration_graph(korea, 2007)
    assert G.graph["instruments"] == [
        "programme:1-million-sme-informatisation-support-programme",
        "programme:sme-informatisation-support-programme",
    ]
    assert set(G) == {MIC, SMBA}
    assert sorted(table[2007]["members"]) == [
        ["Ministry of Information and Communication"],
        ["Small and Medium Business Administration"],
    ]


def test_after_2017_one_group_centred_on_mss_in_the_years_the_deck_dates(table):
    for year in (2018, 2022):  # the 2018 strategy's stated start, and the deck's own date
        assert table[year]["groups"] == 1
        assert "Ministry of SMEs and Startups" in table[year]["members"][0]
    # In 2018 the four known partners all share the strategy (no one stands out); at the deck's date MSS
    # also runs the youth programme with MEL and has KOSMO beside it: the hub.
    assert table[2018]["hub"] is None
    assert table[2022]["hub"] == MSS and table[2022]["centralization"] > 0.3
    for year in (2019, 2020, 2021):  # nothing dates a role then: no known figure, but facts that could change it
        assert table[year]["groups"] == 0 and table[year]["unknown"] > 0
        assert table[year]["possible_groups"] == 1
    for year in range(2004, 2017):
        assert table[year]["hub"] is None and table[year]["centralization"] == 0.0


def test_the_reorganisation_is_smbas_succession_into_mss(korea, table):
    assert most_central_actor(korea) == MSS
    assert reorganisation_year(korea) == 2017
    summary = before_after(list(table.values()), 2017)
    assert summary["before"]["max_groups"] == 2
    assert summary["after"]["max_groups"] == 1
    assert summary["before"]["hubs"] == [] and summary["after"]["hubs"] == [MSS]
    assert summary["after"]["mean_centralization"] > summary["before"]["mean_centralization"]


def test_lineage_counts_smbas_programme_for_mss(korea):
    folded = {row["year"]: row for row in coordination(korea, lineage=True)}
    assert folded[2010]["members"] == [["Ministry of SMEs and Startups"]]
    assert folded[2007]["groups"] == 2  # MIC's programme and (SMBA's, now MSS's) programme
    smba = "Small and Medium Business Administration"
    assert all(smba not in str(row["members"]) for row in folded.values())


def test_a_policy_area_limits_the_instruments(korea):
    area = area_instruments(korea, SMART_FACTORY)
    assert SMART_FACTORY in area
    rows = {row["year"]: row for row in coordination(korea, area=SMART_FACTORY)}
    assert rows[2007]["groups"] == 0
    assert rows[2018]["groups"] == 1 and rows[2018]["actors"] == 4
    assert rows[2018]["unknown"] == 1, "KOSMO's undated part in the strategy is known only at the deck's date"
    assert rows[2022]["groups"] == 1 and rows[2022]["actors"] == 5
    # Everyone in the strategy shares it, so inside this area no one stands out: no hub.
    assert rows[2022]["hub"] is None and rows[2022]["centralization"] == 0.0
    with pytest.raises(UsageError, match="--area"):
        area_instruments(korea, "strategy:no-such-strategy")


def test_groups_merge_when_actors_share_an_instrument():
    g = InstitutionalGraph()
    a, b, c = (g.add_entity(Entity(type="Ministry", name=x)).id for x in "ABC")
    p, q = (g.add_entity(Entity(type="Programme", name=x, start=2000, end=2010)).id for x in "PQ")
    g.add_relationship(Relationship(type="IMPLEMENTS", source=a, target=p, start=2000, end=2010))
    g.add_relationship(Relationship(type="IMPLEMENTS", source=b, target=q, start=2000, end=2004))
    g.add_relationship(Relationship(type="PARTICIPATES_IN", source=b, target=p, start=2005, end=2010))
    g.add_relationship(Relationship(type="LEADS", source=c, target=q, start=2000, end=2010))
    rows = {r["year"]: r for r in coordination(g, years=[2003, 2006])}
    # 2003: A runs P alone; B and C share Q.  2006: B joins P (A, B) while C runs Q: still two groups,
    # but B moved; in 2006 Q is run by C only.
    assert rows[2003]["groups"] == 2 and rows[2006]["groups"] == 2
    assert sorted(map(sorted, rows[2003]["members"])) == [["A"], ["B", "C"]]
    assert sorted(map(sorted, rows[2006]["members"])) == [["A", "B"], ["C"]]


def test_a_programme_nobody_runs_does_not_count():
    g = InstitutionalGraph()
    a = g.add_entity(Entity(type="Ministry", name="A")).id
    p = g.add_entity(Entity(type="Programme", name="P")).id
    g.add_relationship(Relationship(type="PARTICIPATES_IN", source=a, target=p))
    assert coordination(g, years=[2010])[0]["groups"] == 0

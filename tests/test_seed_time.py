"""The seed's time goals: what holds in 2007, 2010 and at the deck's date (2022), and what stays unknown."""

from __future__ import annotations

import pytest

from graph.model import DOES_NOT_HOLD, HOLDS, status
from loaders.dataset import korea_graph


@pytest.fixture(scope="module")
def korea():
    return korea_graph().dated()


def _id(g, name: str) -> str:
    [entity] = g.find(name)
    return entity.id


def _names(g) -> set[str]:
    return {d["name"] for _, d in g.graph.nodes(data=True)}


def test_2007_holds_exactly_mic_and_smba_programmes_with_their_bodies(korea):
    then = korea.as_of(2007)
    assert _names(then) == {
        "Ministry of Information and Communication",
        "1 million SME informatisation support programme",
        "Small and Medium Business Administration",
        "SME informatisation support programme",
    }
    assert sorted((then.graph.nodes[u]["name"], t) for u, _, t in then.graph.edges(data="type")) == [
        ("Ministry of Information and Communication", "IMPLEMENTS"),
        ("Small and Medium Business Administration", "IMPLEMENTS"),
    ]


@pytest.mark.parametrize("name", ["KOSMO", "MSS", "Youth Digital Job Programme"])
def test_post_2017_bodies_never_hold_in_2007(korea, name):
    assert status(2007, korea.graph.nodes[_id(korea, name)]) != HOLDS


PARTNERS = ["MSS", "KOSMO", "Regional governments", "Private sector"]


@pytest.mark.parametrize("name", PARTNERS)
def test_at_the_decks_date_the_partners_hold_in_the_2018_strategy_and_in_2010_none_does(korea, name):
    strategy = _id(korea, "Smart factory strategy")
    body = _id(korea, name)
    [(key, data)] = [(k, d) for k, d in korea.graph[body][strategy].items()]
    assert status(2022, data) == HOLDS
    assert status(2010, data) == DOES_NOT_HOLD
    assert korea.as_of(2022).graph.has_edge(body, strategy, key)
    assert not korea.as_of(2010, "possible").graph.has_edge(body, strategy, key)


def test_no_korean_fact_holds_in_1800_and_possible_keeps_the_undated(korea):
    assert len(korea.as_of(1800)) == 0
    assert "Ministry of Trade, Industry and Energy" in _names(korea.as_of(1800, "possible"))


def test_derived_years_are_kept_apart_from_stated_ones(korea):
    kosmo = korea.graph.nodes[_id(korea, "KOSMO")]
    assert (kosmo["start"], kosmo["end"]) == (None, None)
    assert kosmo["derived_years"] == [2022] and kosmo["derived_rules"] == ["document date"]

"""Centrality measures, brokerage and centralisation: hand-computed values, networkx parity, Korea claims."""

from __future__ import annotations

import doctest

import networkx as nx
import pytest

from graph.analysis import brokerage as brokerage_module
from graph.analysis import centrality, coordination, projections, sparse_paths
from graph.analysis.centrality import (
    betweenness,
    brokerage,
    centralities,
    centralization,
    closeness,
    degree,
    eigenvector,
    most_central,
    pagerank,
)
from graph.analysis.projections import actor_collaboration, collapsed, lineage_view, view
from loaders.dataset import korea_graph
from viz import report

MSS = "ministry:ministry-of-smes-and-startups"
SMBA = "agency:small-and-medium-business-administration"
MEL = "ministry:ministry-of-employment-and-labor"
SMBA_PROGRAMME = "programme:sme-informatisation-support-programme"
YOUTH = "programme:youth-digital-job-programme"


@pytest.fixture(scope="module")
def korea():
    return korea_graph()


@pytest.mark.parametrize(
    "module",
    [centrality, sparse_paths, brokerage_module, projections, coordination, report],
    ids=lambda m: m.__name__,
)
def test_docstring_examples_hold(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0


# --- hand-computed values on tiny graphs ------------------------------------------------------------
def test_degree_in_and_out_on_a_triangle_of_arrows():
    G = nx.DiGraph([("a", "b"), ("a", "c"), ("b", "c")])
    assert degree(G, direction="out") == {"a": 1.0, "b": 0.5, "c": 0.0}
    assert degree(G, direction="in") == {"a": 0.0, "b": 0.5, "c": 1.0}
    assert degree(G) == {"a": 1.0, "b": 1.0, "c": 1.0}
    assert degree(nx.Graph([("alone", "alone")])) == {"alone": 0.0}  # nobody to be tied to


def test_betweenness_of_a_path_counts_the_pairs_through_each_node():
    # a-b-c-d: b lies on a-c and a-d (2 of the 3 pairs not involving b), c likewise.
    G = nx.path_graph("abcd")
    assert betweenness(G, normalized=False) == {"a": 0.0, "b": 2.0, "c": 2.0, "d": 0.0}
    assert betweenness(G) == pytest.approx({"a": 0.0, "b": 2 / 3, "c": 2 / 3, "d": 0.0})


def test_betweenness_splits_over_equal_shortest_paths():
    # A 4-cycle a-b-c-d: a to c goes via b or d, so each gets half of that pair.
    G = nx.cycle_graph("abcd")
    assert betweenness(G, normalized=False) == pytest.approx(dict.fromkeys("abcd", 0.5))


def test_closeness_of_a_star_and_of_an_isolated_node():
    G = nx.star_graph(3)
    G.add_node(9)
    scores = closeness(G)
    # Centre: 3 reachable at distance 1 -> (3/4) * (3/3); leaf: 3 reachable, distances 1+2+2 -> (3/4)*(3/5).
    assert scores[0] == pytest.approx(0.75)
    assert scores[1] == pytest.approx(0.75 * 3 / 5)
    assert scores[9] == 0.0


def test_eigenvector_of_a_path_and_of_a_disconnected_graph():
    path = eigenvector(nx.path_graph("abc"))
    assert path == pytest.approx({"a": 0.5, "b": 2**-0.5, "c": 0.5})
    G = nx.path_graph("abc")
    G.add_edge("x", "y")
    G.add_node("z")
    scores = eigenvector(G)
    # Each component keeps its own eigenvector, scaled by its share of the 6 nodes; isolated nodes score 0.
    assert scores["b"] == pytest.approx(2**-0.5 * 3 / 6)
    assert scores["x"] == scores["y"] == pytest.approx(2**-0.5 * 2 / 6)
    assert scores["z"] == 0.0


def test_eigenvector_ignores_direction_of_an_acyclic_graph():
    G = nx.DiGraph([("m", "p"), ("m", "q")])  # a ministry leading two programmes
    scores = eigenvector(G)
    assert scores["m"] == pytest.approx(2**-0.5)
    assert scores["p"] == pytest.approx(0.5)


def test_pagerank_of_two_nodes_pointing_at_a_third():
    scores = pagerank(nx.DiGraph([("a", "c"), ("b", "c")]))
    assert sum(scores.values()) == pytest.approx(1.0)
    # c is dangling, its rank spread evenly: x_a = 0.05 + 0.85 * x_c / 3 and x_c = 1 - 2 x_a.
    assert scores["c"] == pytest.approx(0.5744686, abs=1e-6)
    assert scores["a"] == pytest.approx(0.2127657, abs=1e-6)


def test_centralization_runs_from_a_star_to_a_cycle():
    assert centralization(nx.star_graph(4)) == 1.0
    assert centralization(nx.star_graph(4), measure="betweenness") == 1.0
    assert centralization(nx.cycle_graph(5)) == 0.0
    assert centralization(nx.path_graph(4)) == pytest.approx(1 / 3)
    assert centralization(nx.Graph([(1, 2)])) == 0.0


def test_most_central_breaks_ties_by_name_and_returns_none_when_all_zero():
    assert most_central({"b": 1.0, "a": 1.0, "c": 0.5}) == "a"
    assert most_central({"a": 0.0, "b": 0.0}) is None


# --- brokerage ---------------------------------------------------------------------------------------
def test_brokerage_roles_on_a_textbook_broker():
    # Broker b (group X) with in-ties from x1 (X) and y1 (Y), out-ties to x2 (X), y2 (Y), z1 (Z).
    # Its open two-paths (a -> b -> c) and their Gould-Fernandez roles:
    #   x1->b->x2 X X X coordinator     x1->b->y2 X X Y representative   x1->b->z1 X X Z representative
    #   y1->b->x2 Y X X gatekeeper      y1->b->y2 Y X Y itinerant        y1->b->z1 Y X Z liaison
    G = nx.DiGraph([("x1", "b"), ("y1", "b"), ("b", "x2"), ("b", "y2"), ("b", "z1")])
    groups = {"b": "X", "x1": "X", "x2": "X", "y1": "Y", "y2": "Y", "z1": "Z"}
    roles = brokerage(G, groups)
    expected = {"coordinator": 1, "itinerant": 1, "representative": 2, "gatekeeper": 1, "liaison": 1}
    assert roles["b"] == expected
    assert all(sum(r.values()) == 0 for node, r in roles.items() if node != "b")


def test_brokerage_skips_closed_two_paths_and_reads_groups_from_an_attribute():
    G = nx.DiGraph([("x1", "b"), ("b", "y1"), ("x1", "y1")])  # x1 reaches y1 directly: b brokers nothing
    nx.set_node_attributes(G, {"x1": "Ministry", "b": "Agency", "y1": "Ministry"}, "type")
    assert sum(brokerage(G)["b"].values()) == 0
    G.remove_edge("x1", "y1")
    assert brokerage(G)["b"]["itinerant"] == 1


def test_brokerage_on_an_undirected_graph_counts_both_directions():
    G = nx.Graph([("a", "b"), ("b", "c")])
    roles = brokerage(G, {"a": "X", "b": "X", "c": "Y"})
    assert roles["b"]["representative"] == 1 and roles["b"]["gatekeeper"] == 1


# --- parity with networkx and sampling ------------------------------------------------------------------
@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_path_measures_and_pagerank_equal_networkx(seed, directed):
    G = nx.gnm_random_graph(80, 200, seed=seed, directed=directed)
    G.add_nodes_from(range(80, 83))  # isolated nodes
    assert betweenness(G) == pytest.approx(nx.betweenness_centrality(G), abs=1e-12)
    assert betweenness(G, normalized=False) == pytest.approx(
        nx.betweenness_centrality(G, normalized=False), abs=1e-9
    )
    assert closeness(G) == pytest.approx(nx.closeness_centrality(G), abs=1e-12)
    assert pagerank(G) == pytest.approx(nx.pagerank(G), abs=1e-6)


def test_eigenvector_equals_networkx_on_a_connected_graph():
    G = nx.connected_watts_strogatz_graph(300, 6, 0.2, seed=4)  # > 200 nodes: the sparse solver
    assert eigenvector(G) == pytest.approx(nx.eigenvector_centrality_numpy(G), abs=1e-6)


def test_sampled_betweenness_records_its_sample_and_scales_like_networkx():
    G = nx.gnm_random_graph(120, 400, seed=5)
    exact = betweenness(G)
    assert exact.sample_size is None
    sampled = betweenness(G, exact_max_nodes=50, k=60, seed=7)
    assert sampled.sample_size == 60 and "60 of 120" in sampled.note
    # Same order of magnitude as the exact values and the top node among the exact top five.
    assert sum(sampled.values()) == pytest.approx(sum(exact.values()), rel=0.25)
    top_exact = sorted(exact, key=exact.get, reverse=True)[:5]
    assert max(sampled, key=sampled.get) in top_exact


def test_above_the_threshold_betweenness_and_closeness_are_sampled_by_default():
    G = nx.gnm_random_graph(60, 150, seed=6)
    scores = centralities(G, exact_max_nodes=30, k=20)
    assert scores["betweenness"].sample_size == 20
    assert scores["closeness"].sample_size == 20
    # A default sample at least as large as the graph is the exact computation.
    assert closeness(G, exact_max_nodes=30).sample_size is None


def test_centralities_of_a_directed_graph_give_in_and_out_degree():
    G = nx.MultiDiGraph([("m", "p"), ("m", "p"), ("a", "p")])
    scores = centralities(G)
    assert set(scores) == {"in_degree", "out_degree", "betweenness", "closeness", "eigenvector", "pagerank"}
    assert max(scores["betweenness"], key=scores["betweenness"].get) == "p"


# --- projections ------------------------------------------------------------------------------------------
def test_actor_projection_ties_actors_through_shared_instruments(korea):
    G = actor_collaboration(korea)
    assert all(korea.schema.is_actor(t) for _, t in G.nodes(data="type"))
    edge = G.edges[MEL, MSS]
    assert edge["instruments"] == [YOUTH]
    assert edge["weight"] == 1  # the collaboration names the programme both implement: one shared instrument
    assert not G.has_edge(SMBA, MSS)  # succession is not collaboration


def test_full_projection_drops_documents_and_keeps_parallel_relationships_as_weight(korea):
    G = collapsed(korea)
    assert not any(t == "Document" for _, t in G.nodes(data="type"))
    documents = sum(1 for _, t in korea.graph.nodes(data="type") if t == "Document")
    assert documents and G.number_of_nodes() == len(korea) - documents


# --- the Korea graph: what an analyst would conclude -------------------------------------------------------
def test_in_2018_the_known_partners_all_share_the_strategy_so_no_one_stands_out(korea):
    scores = centralities(view(korea, "actors", as_of=2018), weight="weight")
    assert set(scores["betweenness"]) == {MSS, "ministry:other-ministries", "regionalgovernment:regional-governments",
                                          "privatesector:private-sector"}
    assert set(scores["betweenness"].values()) == {0.0}



@pytest.mark.parametrize(
    ("year", "certainty"), [(2018, "possible"), (2019, "possible"), (2020, "possible"), (2022, "known")]
)
def test_mss_is_the_most_central_actor_after_2017(korea, year, certainty):
    # Degree and betweenness on the actor collaboration projection: MSS both has the most partners and
    # is the only actor linking the smart-factory partners to the Ministry of Employment and Labor. The
    # deck dates that only at its own date (2022); in the years between, it is what *may* hold.
    G = view(korea, "actors", as_of=year, certainty=certainty)
    scores = centralities(G, weight="weight")
    for measure in ("degree", "betweenness", "pagerank"):
        assert most_central(scores[measure]) == MSS, measure
    # Strictly: no other actor ties on degree.
    second = sorted(scores["degree"].values(), reverse=True)[1]
    assert scores["degree"][MSS] > second


def test_before_the_reorganisation_no_actor_was_central(korea):
    scores = centralities(view(korea, "actors", as_of=2007))
    assert most_central(scores["degree"]) is None
    assert most_central(scores["betweenness"]) is None


def test_lineage_view_treats_smba_and_mss_as_one_body(korea):
    folded = lineage_view(korea)
    assert SMBA not in folded.graph
    assert "Small and Medium Business Administration" in folded.graph.nodes[MSS]["aliases"]
    # SMBA's programme counts for MSS, in the years SMBA ran it.
    assert folded.graph.has_edge(MSS, SMBA_PROGRAMME)
    assert view(korea, "lineage", as_of=2010).has_edge(MSS, SMBA_PROGRAMME)
    assert not view(korea, "full", as_of=2010).has_node(MSS)
    # MSS's own undated relationships do not travel back into SMBA's years.
    assert not view(korea, "lineage", as_of=2010).has_edge(MSS, "strategy:msme-digitalisation-strategy")

"""The as-of rule answers the same in Cypher and in networkx, for every year 1995–2025, against the real
server: on the Korea graph and on a synthetic graph of 10 000 entities with random stated and missing years
(and documents with and without dates, so every derivation rule fires)."""

from __future__ import annotations

import random
from typing import Any

import pytest

from graph.model import CERTAINTIES, status
from graph.model.holds import cypher_status
from graph.model.institutional_graph import InstitutionalGraph
from graph.store.read import read_graph
from graph.store.write import write_graph
from graph.synthetic import synthetic_graph
from loaders.dataset import korea_graph

pytestmark = pytest.mark.neo4j

YEARS = range(1995, 2026)


def synthetic_with_dated_documents(seed: int = 18) -> InstitutionalGraph:
    g = synthetic_graph(10_000, 20_000, seed=seed)
    rng = random.Random(seed)
    for _, d in g.graph.nodes(data=True):
        if d["type"] == "Document" and rng.random() < 0.7:
            d["date"] = f"{rng.randint(1995, 2025)}-{rng.randint(1, 12):02d}"
    return g


def cypher_answers(driver: Any, database: str) -> dict[str, list[str]]:
    """Every fact's answer for every year, computed in Cypher from the stored properties."""
    answers = f"[y IN range({YEARS.start}, {YEARS.stop - 1}) | {{}}]"
    with driver.session(database=database) as session:
        node_answers = answers.format(cypher_status("n", "y"))
        query = f"MATCH (n) WHERE n.id IS NOT NULL AND NOT n:Document RETURN n.id AS id, {node_answers} AS a"
        nodes = session.run(query)
        out = {r["id"]: r["a"] for r in nodes}
        rel_answers = answers.format(cypher_status("r", "y"))
        rels = session.run(f"MATCH ()-[r]->() WHERE r.derived IS NULL RETURN r.id AS id, {rel_answers} AS a")
        out.update({r["id"]: r["a"] for r in rels})
    return out


def networkx_answers(g: InstitutionalGraph) -> dict[str, list[str]]:
    G = g.dated().graph
    out = {n: [status(y, d) for y in YEARS] for n, d in G.nodes(data=True) if d["type"] != "Document"}
    out.update({d["id"]: [status(y, d) for y in YEARS] for _, _, d in G.edges(data=True)})
    return out


@pytest.mark.parametrize("which", ["korea", "synthetic"])
def test_every_fact_gets_the_same_answer_in_every_year_from_both_engines(clean_db, neo4j_settings, which):
    g = korea_graph() if which == "korea" else synthetic_with_dated_documents()
    write_graph(clean_db, g, database=neo4j_settings.database, wipe=True)
    expected = networkx_answers(g)
    assert cypher_answers(clean_db, neo4j_settings.database) == expected
    answers = {a for row in expected.values() for a in row}
    assert answers == {"holds", "unknown", "does not hold"}


@pytest.mark.parametrize("which", ["korea", "synthetic"])
def test_the_graph_as_of_each_year_is_the_same_read_from_neo4j_as_sliced_in_networkx(clean_db, neo4j_settings, which):
    g = korea_graph() if which == "korea" else synthetic_with_dated_documents()
    write_graph(clean_db, g, database=neo4j_settings.database, wipe=True)
    years = list(YEARS) if which == "korea" else list(YEARS)[::3]
    for certainty in CERTAINTIES:
        for year in years:
            back = read_graph(clean_db, database=neo4j_settings.database, as_of=year, certainty=certainty)
            assert back == g.as_of(year, certainty), (year, certainty)

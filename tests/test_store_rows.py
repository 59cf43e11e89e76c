"""The pure half of the store: model → rows and Neo4j properties → model, without a server."""

from __future__ import annotations

import json
import os
from types import ModuleType
from typing import Any

import pytest

from graph.errors import InstgraphError
from graph.model import Entity, Evidence, Relationship
from graph.model.institutional_graph import InstitutionalGraph
from graph.store.create_rows import mention_tables, relationship_tables
from graph.store.decode import EdgeDecoder, decode_entity
from graph.store.rows import (
    citation_json,
    codec,
    entity_rows,
    mention_rows,
)
from graph.store.write import node_create, node_statement, relationship_create, relationship_statement


def load_synthetic() -> ModuleType:
    import graph.synthetic as module
    return module


@pytest.fixture(scope="module")
def small() -> InstitutionalGraph:
    g = InstitutionalGraph()
    doc = g.add_entity(Entity(type="Document", name="Deck", extra=(("sha256", "ab" * 32), ("lines", 140))))
    mss = g.add_entity(
        Entity(
            type="Ministry",
            name="Ministry of SMEs and Startups",
            aliases=("MSS", "중소벤처기업부@ko"),
            start=2017,
            country="KOR",
            figures=(("share_of_businesses", "99%"),),
            sources=(doc.id,),
        )
    )
    smba = g.add_entity(Entity(type="Agency", name="Small and Medium Business Administration", end=2016))
    prog = g.add_entity(Entity(type="Programme", name="SME Informatisation Support Programme", start=2007))
    g.add_relationship(
        Relationship(
            "SUCCEEDED_BY",
            smba.id,
            mss.id,
            start=2017,
            evidence=(Evidence(doc.id, 31, 32, "… was upgraded …"), Evidence(doc.id, 60, 60)),
            sources=(doc.id,),
        )
    )
    g.add_relationship(Relationship("IMPLEMENTS", smba.id, prog.id, start=2007, end=2016, method="extracted",
                                    confidence=0.8, evidence=(Evidence(doc.id, 70, 71),)))  # fmt: skip
    return g


def simulate_neo4j(g: InstitutionalGraph) -> InstitutionalGraph:
    """What a first load stores (rows' props plus list properties, None left out) decoded back."""
    import networkx as nx

    rules = codec(g.schema)
    out = nx.MultiDiGraph()
    for label, rows in entity_rows(g).items():
        for row in rows:
            props: dict[str, Any] = {"id": row["id"], **row["props"]}
            props.update({k: row[k] for k in rules.entity_lists if row[k] is not None})
            node, data = decode_entity(label, props, rules)
            out.add_node(node, **data)
    decoder = EdgeDecoder(rules)
    for (type_, _, _), columns, rows in relationship_tables(g):
        names = ["id", *columns, *rules.relationship_lists]
        for source, target, *values in rows:
            props = {k: v for k, v in zip(names, values, strict=True) if v is not None}
            one = [[value] for value in decoder.row(type_, props, target)]  # columns, as the mirror reads them
            [key], [data], _, outside = decoder.decode(one)
            if outside:  # what graph.store.read fetches for it
                data.update((k, v) for k, v in props.items() if k not in decoder.columns)
            out.add_edge(source, target, key=key, **data)
    return InstitutionalGraph(g.schema, out)


def test_entity_rows_group_by_label_and_leave_out_none(small: InstitutionalGraph) -> None:
    rows = entity_rows(small)
    assert sorted(rows) == ["Agency", "Document", "Ministry", "Programme"]
    (mss,) = rows["Ministry"]
    assert mss["props"] == {
        "name": "Ministry of SMEs and Startups",
        "start": 2017,
        "country": "KOR",
        "figures": '{"share_of_businesses":"99%"}',
    }
    assert mss["aliases"] == ["MSS", "중소벤처기업부@ko"]
    (smba,) = rows["Agency"]
    assert "start" not in smba["props"] and smba["aliases"] is None and smba["props"]["end"] == 2016
    (doc,) = rows["Document"]
    assert doc["props"]["lines"] == 140 and doc["props"]["sha256"] == "ab" * 32


def test_relationship_tables_carry_one_canonical_json_string_per_citation(small: InstitutionalGraph) -> None:
    tables = {group: (columns, rows) for group, columns, rows in relationship_tables(small)}
    key = ("SUCCEEDED_BY", "Actor", "Actor")  # grouped by look-up label, so few statements cover all
    assert set(tables) == {key, ("IMPLEMENTS", "Actor", "Instrument")}
    columns, [[source, target, rel_id, *values]] = tables[key]
    row = dict(zip([*columns, *codec(small.schema).relationship_lists], values, strict=True))
    assert row["evidence"][0] == ('{"document":"' + row["sources"][0] + '","lines":[31,32],"text":"… was upgraded …"}')
    assert json.loads(row["evidence"][1]) == {"document": row["sources"][0], "lines": [60, 60], "text": None}
    assert {c: row[c] for c in columns} == {"start": 2017, "method": "curated", "confidence": 1.0}
    assert rel_id == small.graph.edges[source, target, "SUCCEEDED_BY"]["id"]


def test_decoding_what_a_load_stores_gives_the_model_back(small: InstitutionalGraph) -> None:
    dated = small.dated()  # what a load stores
    assert simulate_neo4j(dated) == dated


def test_decoding_a_synthetic_graph_with_every_type_gives_it_back() -> None:
    g = load_synthetic().synthetic_graph(300, 2000, seed=5).dated()
    assert simulate_neo4j(g) == g


def test_time_lists_left_empty_read_back_empty(small: InstitutionalGraph) -> None:
    """neo4j-admin import cannot store an empty array, so a bulk load leaves such a time property out."""
    dated = small.dated()
    rules = codec(dated.schema)
    node, data = next(iter(dated.graph.nodes(data=True)))
    props = {"id": node, **{k: v for k, v in data.items() if k != "type" and v not in ([], None, {})}}
    for name in rules.time_lists:
        props.pop(name, None)
    _, back = decode_entity(data["type"], props, rules)
    assert all(back[name] == [] for name in rules.time_lists) and rules.time_lists


def test_mentions_come_from_citations_and_sources_of_documents_in_the_graph(small: InstitutionalGraph) -> None:
    rows = mention_rows(small)
    by_entity = {r["source"]: r for group in rows.values() for r in group}
    smba = "agency:small-and-medium-business-administration"
    assert by_entity[smba]["lines"] == ["31-32", "60", "70-71"]
    assert by_entity["ministry:ministry-of-smes-and-startups"]["lines"] == ["31-32", "60"]
    assert {r["target"] for r in by_entity.values()} == {"document:deck"}
    # documents are not mentioned in themselves
    assert sorted(rows) == ["Actor", "Instrument"]


def test_a_value_neo4j_cannot_store_names_the_property() -> None:
    g = InstitutionalGraph()
    g.add_entity(Entity(type="Ministry", name="M", extra=(("budget", {"2020": 1}),)))
    with pytest.raises(InstgraphError, match="'budget'"):
        entity_rows(g)


def test_statements_interpolate_schema_labels_only(small: InstitutionalGraph) -> None:
    rules = codec(small.schema)
    assert "UNWIND $rows AS row MERGE (n:Ministry {id: row.id}) SET n:Actor SET n += row.props" in node_statement(
        small.schema, "Ministry", rules
    )
    created = node_create(small.schema, "Ministry", rules, ["name", "start"])
    assert "CREATE (n:Ministry:Actor {id: row[0], name: row[1], start: row[2], aliases: row[3]" in created
    merged = relationship_statement(small.schema, "LEADS", "Ministry", "Programme", rules, ["start"])
    assert "MERGE (a)-[r:LEADS {id: row[2]}]->(b) SET r.start = coalesce(row[3], r.start)" in merged
    created = relationship_create(small.schema, "LEADS", "Actor", "Instrument", rules, ["start"])
    assert "MATCH (b:Instrument {id: row[1]}) CREATE (a)-[:LEADS {id: row[2], start: row[3]" in created
    with pytest.raises(InstgraphError, match="not a plain identifier"):
        node_create(small.schema, "Ministry", rules, ["name}) DETACH DELETE (n"])
    with pytest.raises(InstgraphError, match="not in graph/model/schema.yaml"):
        node_statement(small.schema, "Ministry) DETACH DELETE (n", rules)
    with pytest.raises(InstgraphError, match="relationship type 'LEADS]->' is not in graph/model/schema.yaml"):
        relationship_statement(small.schema, "LEADS]->", "Ministry", "Programme", rules, ["start"])


def test_an_entity_type_outside_the_schema_is_one_plain_line_the_cli_prints(small: InstitutionalGraph) -> None:
    import networkx as nx

    g = nx.MultiDiGraph(small.graph)
    g.add_node("bureau:x", type="Bureau", name="X")
    g.add_edge("bureau:x", "ministry:ministry-of-smes-and-startups", key="PART_OF", type="PART_OF", id="r1")
    broken = InstitutionalGraph(small.schema, g)
    for rows in (entity_rows, lambda g: list(relationship_tables(g))):
        with pytest.raises(InstgraphError) as info:
            rows(broken)
        message = str(info.value)
        # an InstgraphError (the CLI prints it and exits 1) whose text is plain, not KeyError's quoted repr
        assert message.startswith("entity type 'Bureau' is not in graph/model/schema.yaml (allowed: Agency, ")
        assert "\n" not in message


def test_mention_tables_send_each_entity_once_with_all_its_links(small: InstitutionalGraph) -> None:
    rows = mention_rows(small)["Actor"]
    grouped = mention_tables(small)["Actor"]
    assert sorted(source for source, _ in grouped) == sorted({r["source"] for r in rows})
    assert sum(len(links) for _, links in grouped) == len(rows)
    by_id = {r["id"]: r for r in rows}
    assert all(by_id[i] == {"source": source, "target": target, "id": i, "lines": lines}
               for source, links in grouped for target, i, lines in links)  # fmt: skip


def test_citations_encode_exactly_as_canonical_json() -> None:
    for item in (
        {"document": "document:d", "lines": [3, 4], "text": 'a "quoted" line\n\t, with é and 中'},
        {"document": "document:d", "lines": [1, 1], "text": None},
        {"document": "document:d", "lines": [1, 2], "text": "x", "extra": 1},
        {"document": "document:d", "lines": [1.0, 2], "text": "x"},
    ):
        assert citation_json(item) == json.dumps(item, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def test_synthetic_graph_is_what_the_model_api_would_build_and_is_seeded() -> None:
    synthetic = load_synthetic().synthetic_graph
    g = synthetic(400, 3000, seed=11)
    assert len(g) == 400 and g.graph.number_of_edges() == 3000
    rebuilt = InstitutionalGraph.from_facts(g.entities(), g.relationships())
    assert rebuilt == g
    assert synthetic(400, 3000, seed=11) == g
    assert synthetic(400, 3000, seed=12) != g
    counts = g.counts()
    assert set(counts["entities"]) == set(g.schema.node_types)
    assert counts["relationships"]["IMPLEMENTS"] > counts["relationships"]["SUCCEEDED_BY"]


def test_synthetic_graph_is_the_same_in_every_process() -> None:
    """Seeded means seeded: string hashing differs between processes, iteration order must not matter."""
    import subprocess
    import sys

    code = (
        "import hashlib, json\n"
        "from graph.synthetic import synthetic_graph\n"
        "g = synthetic_graph(2000, 10000, seed=1)\n"
        "print(hashlib.sha256(json.dumps(g.to_node_link(), sort_keys=True, default=str).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1

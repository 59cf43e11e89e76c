"""Cypher in names, aliases, evidence and query parameters: stored and returned exactly as given, never run.

Labels and relationship types outside the schema are refused before any Cypher is built.
"""

from __future__ import annotations

from typing import Any

import pytest

from graph.model import Entity, Evidence, Relationship
from graph.model.institutional_graph import InstitutionalGraph
from graph.model.schema import load_schema
from graph.store.read import read_graph
from graph.store.rows import codec
from graph.store.write import node_statement, relationship_statement, write_graph
from queries.library import run, run_cypher

pytestmark = pytest.mark.neo4j

# What an attacker (or an unlucky document) might put into a name.
HOSTILE = [
    "'}) DETACH DELETE n //",
    '"}) MATCH (m) DETACH DELETE m //',
    "`) DETACH DELETE n //",
    "Ministry`:`Admin",
    "$param",
    "$text } RETURN 1 //",
    "\\u0027}) DETACH DELETE n //",
    "\u0027}) DETACH DELETE n //",
    "a\\'b",
    "null\x00byte",
    "line\nbreak\r\n and tab\t",
    "CALL dbms.killQueries([]) YIELD queryId RETURN queryId",
    "MATCH (n) DETACH DELETE n",
    "{{name}} ${name} %s %(name)s",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "中소벤처기업부 🚀 ‮reversed",
    "   leading and trailing   ",
    "\\",
    "'",
    "//",
]


def hostile_graph() -> InstitutionalGraph:
    g = InstitutionalGraph()
    doc = "document:" + "ab" * 8
    g.add_entity(Entity(type="Document", id=doc, name="The '}) DETACH DELETE n // report"))
    prog = g.add_entity(Entity(type="Programme", name="Programme `$param` '}) DETACH DELETE n //"))
    for i, text in enumerate(HOSTILE):
        m = g.add_entity(
            Entity(
                type="Ministry",
                name=f"Ministry {i} {text}",
                aliases=(text, f"{text}@ko"),
                description=text,
                country="KOR",
                figures=(("budget", text),),
            )
        )
        g.add_relationship(
            Relationship(
                type="IMPLEMENTS",
                source=m.id,
                target=prog.id,
                start=2000 + i,
                evidence=(Evidence(doc, i + 1, i + 1, text),),
                sources=(doc,),
                note=text,
            )
        )
    return g


def test_hostile_text_round_trips_exactly_and_runs_nothing(clean_db: Any, neo4j_settings: Any) -> None:
    g = hostile_graph()
    db = neo4j_settings.database
    write_graph(clean_db, g, database=db)
    nodes = clean_db.execute_query("MATCH (n) RETURN count(n) AS c", database_=db).records[0]["c"]
    assert nodes == len(g), "a name deleted or added nodes"
    back = read_graph(clean_db, database=db)
    assert back == g.dated(), "a hostile name, alias, figure, note or evidence changed on its way through Neo4j"
    # A second load changes nothing either (MERGE on ids built from hostile names).
    write_graph(clean_db, g, database=db)
    assert read_graph(clean_db, database=db) == g.dated()


def test_hostile_query_parameters_are_values(clean_db: Any, neo4j_settings: Any) -> None:
    g = hostile_graph()
    db = neo4j_settings.database
    write_graph(clean_db, g, database=db)
    total = clean_db.execute_query("MATCH (n) RETURN count(n) AS c", database_=db).records[0]["c"]
    for text in HOSTILE:
        rows = run(clean_db, "search", {"text": text, "limit": 100}, database=db)
        if text.strip():
            assert any(text in r["aliases"] for r in rows), f"search did not find the alias {text!r}"
        rows = run_cypher(
            clean_db, "MATCH (n) WHERE $text IN n.aliases RETURN n.name AS name", {"text": text}, database=db
        )
        expected = sorted(d["name"] for _, d in g.graph.nodes(data=True) if text in (d.get("aliases") or ()))
        assert sorted(r["name"] for r in rows) == expected
    after = clean_db.execute_query("MATCH (n) RETURN count(n) AS c", database_=db).records[0]["c"]
    assert after == total


def test_the_cli_passes_hostile_parameters_as_values(clean_db: Any, neo4j_settings: Any) -> None:
    from cli_runs import run_many, server_env

    db = neo4j_settings.database
    write_graph(clean_db, hostile_graph(), database=db)
    total = clean_db.execute_query("MATCH (n) RETURN count(n) AS c", database_=db).records[0]["c"]
    env = server_env(neo4j_settings)
    picks = ["'}) DETACH DELETE n //", "`) DETACH DELETE n //", "$param", "MATCH (n) DETACH DELETE n"]
    runs = run_many([(("query", "search", "--param", f"text={t}", "--format", "json"), env) for t in picks])
    import json

    for text, ran in zip(picks, runs, strict=True):
        assert ran.code == 0, ran.explain()
        rows = json.loads(ran.stdout)
        assert any(text in r["aliases"] for r in rows), ran.explain()
    after = clean_db.execute_query("MATCH (n) RETURN count(n) AS c", database_=db).records[0]["c"]
    assert after == total


@pytest.mark.parametrize("label", ["Ministry`) DETACH DELETE n //", "Ministry:Admin", "ministry", "", "Actor`"])
def test_the_store_refuses_labels_outside_the_schema(label: str) -> None:
    schema = load_schema()
    with pytest.raises((KeyError, ValueError)):
        node_statement(schema, label, codec(schema))
    with pytest.raises((KeyError, ValueError)):
        relationship_statement(schema, "LEADS", label, "Programme", codec(schema), ["start"])


@pytest.mark.parametrize("rel_type", ["LEADS]->(m) DETACH DELETE m //", "leads", "LEADS|IMPLEMENTS", ""])
def test_the_store_refuses_relationship_types_outside_the_schema(rel_type: str) -> None:
    schema = load_schema()
    with pytest.raises((KeyError, ValueError)):
        relationship_statement(schema, rel_type, "Ministry", "Programme", codec(schema), ["start"])


def test_the_model_refuses_types_outside_the_schema() -> None:
    g = InstitutionalGraph()
    with pytest.raises(Exception) as info:
        g.add_entity(Entity(type="Ministry`) DETACH DELETE n //", name="X"))
    assert "schema" in str(info.value).lower() or "type" in str(info.value).lower()

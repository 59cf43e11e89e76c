"""The graph you built is the graph you work on, and mistakes get an answer: commands default to the last
build's graph and say which graph they used; a document that cannot be read stops the build (or is
skipped with --keep-going); a server the user named must be reached."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from graph.store.local_server import free_port
from instgraph.cli import app

runner = CliRunner()
NO_SEEDS_ENV: dict[str, str | None] = {"INSTGRAPH_SEEDS": None}
DECK = (
    "Harbour policy in Korea\n\n"
    "- The Ministry of Harbours (MoH) leads the Harbour Watch Programme\n"
    "- Korean ports and the Coastal Works Agency implement the Harbour Watch Programme\n"
)


@pytest.fixture
def small(tmp_path: Path) -> tuple[Path, Path]:
    """A one-entity dataset and a short deck about Korea."""
    data = tmp_path / "small.yaml"
    data.write_text("entities:\n  - {type: Ministry, name: Ministry of Nothing, country: DEU}\n", "utf-8")
    deck = tmp_path / "deck.txt"
    deck.write_text(DECK, "utf-8")
    return data, deck


def build(tmp_path: Path, *args: str) -> object:
    return runner.invoke(app, ["build", "--out", str(tmp_path / "built"), "--no-outputs", *args], env=NO_SEEDS_ENV)


def test_commands_use_the_last_builds_graph_and_say_so(tmp_path: Path, small: tuple[Path, Path]) -> None:
    data, deck = small
    before = runner.invoke(app, ["compare", "--format", "json"], env=NO_SEEDS_ENV)
    assert before.exit_code == 0, before.output
    assert "(no build yet)" in before.stderr and "korea-sme-digitalisation.yaml" in before.stderr
    done = build(tmp_path, "--data", str(data), str(deck))
    assert done.exit_code == 0, done.output
    record = json.loads(Path(os.environ["INSTGRAPH_LAST_BUILD"]).read_text("utf-8"))
    assert record["graph"] == str((tmp_path / "built" / "graph.json").resolve())
    assert record["countries"] == {"KOR": 4, "DEU": 1}  # the deck's ministry, agency, programme and Korea
    after = runner.invoke(app, ["compare", "--format", "json"])
    assert after.exit_code == 0, after.output
    assert f"graph: {record['graph']} (the last build" in after.stderr
    assert [r["country"] for r in json.loads(after.stdout)] == ["KOR", "DEU"]
    # an entity only the build holds is found by a view with no --graph
    view = runner.invoke(app, ["viz", "neighbourhood", "--focus", "MoH", "-o", str(tmp_path / "n.html")])
    assert view.exit_code == 0, view.output
    # --data and --from datasets still choose the datasets
    chosen = runner.invoke(app, ["analyze", "--data", str(data), "--format", "json"])
    assert [r["name"] for r in json.loads(chosen.stdout)] == ["Ministry of Nothing"] and "(--data)" in chosen.stderr


def test_an_unreadable_document_stops_the_build_unless_keep_going(tmp_path: Path, small: tuple[Path, Path]) -> None:
    data, deck = small
    note = tmp_path / "note.docx"
    note.write_bytes(b"PK\x03\x04 not really a Word file")
    stopped = build(tmp_path, "--data", str(data), "--documents", str(note), str(deck))
    assert stopped.exit_code == 1
    [line] = stopped.stderr.strip().splitlines()
    assert line.startswith(f"error: {note}") and "--keep-going" in line
    assert stopped.stdout == "" and not (tmp_path / "built" / "graph.json").exists()
    assert not Path(os.environ["INSTGRAPH_LAST_BUILD"]).exists()
    skipped = build(tmp_path, "--data", str(data), "--documents", str(note), str(deck), "--keep-going")
    assert skipped.exit_code == 0, skipped.output
    assert f"warning: skipped {note}" in skipped.stderr
    assert "Ministry of Harbours" in (tmp_path / "built" / "graph.json").read_text("utf-8")


def test_a_server_the_user_named_must_be_reached(tmp_path: Path, small: tuple[Path, Path]) -> None:
    data, _ = small
    env = {**NO_SEEDS_ENV, "NEO4J_URI": f"bolt://127.0.0.1:{free_port()}", "NEO4J_PASSWORD": "x"}
    done = runner.invoke(
        app, ["build", "--data", str(data), "--out", str(tmp_path), "--no-outputs", "--neo4j"], env=env
    )
    assert done.exit_code == 1
    assert done.stderr.startswith("error: ") and "cannot reach Neo4j" in done.stderr


def test_build_country_overrides_the_reading(tmp_path: Path, small: tuple[Path, Path]) -> None:
    data, deck = small
    done = build(tmp_path, "--data", str(data), str(deck), "--country", "NZ")
    assert done.exit_code == 0, done.output
    nodes = json.loads((tmp_path / "built" / "graph.json").read_text("utf-8"))["nodes"]
    by_name = {n["name"]: n.get("country") for n in nodes}
    assert by_name["Ministry of Harbours"] == "NZL" and by_name["Ministry of Nothing"] == "DEU"  # curated wins


@pytest.mark.neo4j
def test_a_build_that_replaces_a_larger_graph_in_neo4j_says_so_first(
    tmp_path: Path, small: tuple[Path, Path], clean_db: Any, neo4j_settings: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from graph.model import Entity
    from graph.model.institutional_graph import InstitutionalGraph
    from graph.store.write import write_graph
    from instgraph.build import announce_replacement
    from loaders.dataset import korea_graph

    korea = korea_graph()
    write_graph(clean_db, korea, database=neo4j_settings.database, wipe=True)
    held = len(korea)
    one = InstitutionalGraph()
    one.add_entity(Entity(type="Ministry", name="Ministry of Nothing"))
    # the local server's default wipe: a warning when what it holds is larger
    announce_replacement(one, neo4j_settings, asked=False)
    assert f"holds a larger graph ({held} nodes) than this build's (1); replacing it" in capsys.readouterr().err
    announce_replacement(korea, neo4j_settings, asked=False)
    assert capsys.readouterr().err == ""  # not larger: nothing to say
    # --wipe on a NEO4J_URI server states the intent, then loads
    data, _ = small
    env = {
        **NO_SEEDS_ENV,
        "NEO4J_URI": neo4j_settings.uri,
        "NEO4J_USERNAME": neo4j_settings.username,
        "NEO4J_PASSWORD": neo4j_settings.password or "",
        "NEO4J_DATABASE": neo4j_settings.database,
    }
    done = runner.invoke(
        app, ["build", "--data", str(data), "--out", str(tmp_path), "--no-outputs", "--neo4j", "--wipe"], env=env
    )
    assert done.exit_code == 0, done.output
    assert f"emptying Neo4j at {neo4j_settings.uri} ({held} nodes) as --wipe asks, then loading 1 nodes" in done.stderr
    with clean_db.session(database=neo4j_settings.database) as session:
        assert session.run("MATCH (n) WHERE n.id IS NOT NULL RETURN count(n) AS n").single()["n"] == 1

"""Drafts an analyst corrects: `extract --format dataset` writes what was read in the dataset format, and
`build --data draft.yaml` gives back the graph extraction makes of the same documents (ids, types, names,
years, citations); corrections made in the draft are what the build then holds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from graph.model.institutional_graph import InstitutionalGraph
from instgraph.cli import app
from loaders.batch import extract_many, extraction_to_graph, to_json
from loaders.dataset import parse_dataset

# A few corpus documents of different styles and countries, one of them (the German page) with a name
# that is both an agency's alias and a programme's name.
CORPUS_SAMPLE = ("de-mittelstand-digital.pdf", "ee-eisa-merger.md", "kr-sme-voucher.txt", "it-transizione-40.txt")
NO_SEEDS_ENV: dict[str, str | None] = {"INSTGRAPH_SEEDS": None}


def run(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args), env=NO_SEEDS_ENV)
    assert result.exit_code == 0, result.output
    return result


def draft_and_build(documents: list[Path], tmp_path: Path) -> tuple[Path, InstitutionalGraph]:
    draft = tmp_path / "draft.yaml"
    run("extract", *map(str, documents), "--format", "dataset", "-o", str(draft))
    return draft, build_from(draft, tmp_path / "out")


def build_from(draft: Path, out: Path) -> InstitutionalGraph:
    run("build", "--data", str(draft), "--no-extract", "--no-outputs", "--out", str(out))
    return InstitutionalGraph.read_json(out / "graph.json")


def facts(graph: InstitutionalGraph) -> tuple[dict[str, Any], dict[Any, Any]]:
    """What the round trip keeps: every entity's type, name, years and documents; every relationship's
    years, derived years, method, confidence and cited lines."""
    g = graph.dated().graph
    entities = {
        n: (d["type"], d["name"], d.get("start"), d.get("end"), sorted(d.get("sources") or []))
        for n, d in g.nodes(data=True)
        if d["type"] != "Document"
    }
    relationships = {
        (u, v, k): (
            d.get("start"),
            d.get("end"),
            d.get("known_years"),
            d["method"],
            d["confidence"],
            sorted((e["document"], *e["lines"]) for e in d.get("evidence") or ()),
        )
        for u, v, k, d in g.edges(keys=True, data=True)
    }
    return entities, relationships


def assert_same_build(documents: list[Path], built: InstitutionalGraph) -> None:
    extractions, problems = extract_many(documents)
    assert problems == []
    expected = extraction_to_graph(extractions)
    assert set(built.graph.nodes) == set(expected.graph.nodes)  # the documents' ids too
    got_entities, got_relationships = facts(built)
    want_entities, want_relationships = facts(expected)
    assert got_entities == want_entities
    assert got_relationships == want_relationships
    assert any(t == "MENTIONED_IN" for _, _, t in got_relationships)  # where each entity is named, kept


def test_the_seed_deck_round_trips_through_a_draft(seed_path, tmp_path):
    draft, built = draft_and_build([seed_path], tmp_path)
    assert_same_build([seed_path], built)
    text = draft.read_text("utf-8")
    assert text.startswith("# A DRAFT dataset") and "How to review it" in text
    assert "instgraph build --data THIS_FILE --no-extract" in text


def test_corpus_documents_round_trip_through_one_draft(corpus_gold, tmp_path):
    documents = [corpus_gold.parent / "documents" / name for name in CORPUS_SAMPLE]
    draft, built = draft_and_build(documents, tmp_path)
    assert_same_build(documents, built)
    assert "left out: it already names" in draft.read_text("utf-8")  # the clash is said, not silently built


def test_the_draft_is_the_curated_format_with_sha256_citations_method_and_confidence(seed_path, tmp_path):
    draft = tmp_path / "draft.yaml"
    run("extract", str(seed_path), "--format", "dataset", "-o", str(draft))
    raw = yaml.safe_load(draft.read_text("utf-8"))
    assert set(raw) == {"mentions", "documents", "entities", "relationships"}
    (doc,) = raw["documents"].values()
    extraction = extract_many([seed_path])[0][0]
    assert doc["sha256"] == extraction.document.sha256 and doc["lines"] == len(extraction.document.lines)
    assert all(r["method"] == "extracted" and 0 < r["confidence"] <= 1 and r["cite"] for r in raw["relationships"])
    assert all(e["cite"] for e in raw["entities"])
    parsed = parse_dataset(draft.read_text("utf-8"), str(draft))
    assert {s.entity.id for s in parsed.entities} == {e.id for e in extraction.entities}


def test_an_analysts_corrections_are_what_the_build_holds(seed_path, tmp_path):
    draft, before = draft_and_build([seed_path], tmp_path)
    raw = yaml.safe_load(draft.read_text("utf-8"))
    dropped = raw["relationships"].pop(0)
    fixed = next(r for r in raw["relationships"] if r["type"] == "SUCCEEDED_BY")
    fixed.update(start=2016, method="curated", confidence=1.0)
    corrected = tmp_path / "corrected.yaml"
    corrected.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), "utf-8")
    after = build_from(corrected, tmp_path / "out2")
    changes = json.loads(
        run(
            "diff", str(tmp_path / "out" / "graph.json"), str(tmp_path / "out2" / "graph.json"), "--format", "json"
        ).stdout
    )["changes"]
    assert {(c["change"], c["type"]) for c in changes} == {("removed", dropped["type"]), ("changed", "SUCCEEDED_BY")}
    succession = next(c for c in changes if c["change"] == "changed")
    assert succession["fields"]["start"]["new"] == 2016
    assert len(after.graph.edges) == len(before.graph.edges) - 1


def test_a_mistake_in_a_draft_names_its_line(seed_path, tmp_path):
    draft = tmp_path / "draft.yaml"
    run("extract", str(seed_path), "--format", "dataset", "-o", str(draft))
    lines = draft.read_text("utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("    source: "))
    lines[at] = "    source: ministry:no-such-body"
    draft.write_text("\n".join(lines) + "\n", "utf-8")
    result = CliRunner().invoke(app, ["build", "--data", str(draft), "--no-extract", "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert f"draft.yaml:{at + 1}:" in result.output and "no-such-body" in result.output
    assert not (tmp_path / "o" / "graph.json").exists()


@pytest.mark.parametrize("value", ["guessed", "[1]"])
def test_mentions_must_name_a_method(value):
    from graph.errors import InputError

    with pytest.raises(InputError, match="mentions: .* is not a method; use one of curated, extracted, derived"):
        parse_dataset(f"mentions: {value}\nentities: []\n", "x.yaml")


def test_extract_table_lists_every_entity_then_the_relations(corpus_gold):
    document = corpus_gold.parent / "documents" / "ee-eisa-merger.md"
    table = run("extract", str(document), "--format", "table").output
    extracted = to_json(extract_many([document])[0])  # the extract contract: one entry per merged entity
    entities_part, relations_part = table.split("\nRelations (")
    assert entities_part.startswith(f"Entities ({len(extracted['entities'])})")
    for e in extracted["entities"]:
        assert e["name"] in entities_part
    assert relations_part.startswith(f"{len(extracted['relations'])})")

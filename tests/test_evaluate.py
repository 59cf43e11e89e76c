"""Scoring an extraction against a curated graph (the seed deck against the curated Korea dataset) and
against a corpus gold file (gold.json: per document, entities and relations by family)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.model import Entity, Relationship
from graph.model.institutional_graph import InstitutionalGraph
from loaders.dataset import KOREA_DATASET, read_dataset
from loaders.documents import read_document
from loaders.evaluate import evaluate, parse_corpus_gold, score, score_corpus
from loaders.extract import extract


def seeds_dir() -> Path:
    seeds = os.environ.get("INSTGRAPH_SEEDS")
    return Path(seeds) if seeds else Path(__file__).resolve().parents[2] / "shared" / "seeds"


SEED = "oecd-2022-korea-sme-digitalisation.txt"


@pytest.fixture(scope="module")
def seed_report():
    curated = read_dataset(KOREA_DATASET, seeds_dir())
    return evaluate(extract(read_document(seeds_dir() / SEED)), curated)


def test_seed_deck_reaches_the_goals(seed_report):
    r = seed_report
    assert r.entities.precision >= 0.95 and r.entities.recall >= 0.95, r.to_text()
    assert r.relationships.precision >= 0.85 and r.relationships.recall >= 0.85, r.to_text()
    assert r.passes()


def test_seed_report_names_what_it_leaves_out(seed_report):
    # The three facts the curators mark as only implied (confidence < 0.7) are listed, not scored.
    assert len(seed_report.excluded) == 3
    assert any("korea-smart-manufacturing-office" in e for e in seed_report.excluded)
    text = seed_report.to_text()
    assert "missed relationships" in text and "false relationships" in text
    assert "TARGETS" in text and "precision" in text


def _gold() -> InstitutionalGraph:
    return InstitutionalGraph.from_facts(
        [
            Entity(type="Ministry", name="Ministry of Tides", aliases=("MoT",)),
            Entity(type="Agency", name="Storm Board"),
            Entity(type="Programme", name="Wave Programme"),
            Entity(type="Programme", name="Reef Grant"),
        ],
        [
            Relationship(type="IMPLEMENTS", source="ministry:ministry-of-tides", target="programme:wave-programme"),
            Relationship(type="COLLABORATES_WITH", source="agency:storm-board", target="ministry:ministry-of-tides"),
            Relationship(type="LEADS", source="agency:storm-board", target="programme:reef-grant", confidence=0.5),
        ],
    )


def test_alias_matching_symmetric_relations_and_misses():
    extracted = [
        Entity(type="Ministry", name="MoT"),  # the curated alias
        Entity(type="Agency", name="the Storm Board"),
        Entity(type="Programme", name="Wave Programme"),
        Entity(type="Programme", name="Tide Atlas"),
    ]
    rels = [
        Relationship(type="IMPLEMENTS", source="ministry:mot", target="programme:wave-programme", method="extracted"),
        # stated the other way round: still the same symmetric fact
        Relationship(
            type="COLLABORATES_WITH", source="ministry:mot", target="agency:the-storm-board", method="extracted"
        ),
        Relationship(type="LEADS", source="agency:the-storm-board", target="programme:tide-atlas", method="extracted"),
    ]
    r = score(extracted, rels, _gold(), min_confidence=0.7)
    assert (r.entities.true_positives, r.entities.extracted, r.entities.found_gold, r.entities.gold) == (3, 4, 3, 4)
    assert r.entities.false_positives == ["programme:tide-atlas"]
    assert r.entities.misses == ["programme:reef-grant (Reef Grant)"]
    assert (r.relationships.precision, r.relationships.recall) == (2 / 3, 1.0)
    assert r.relationships.false_positives == ["LEADS agency:the-storm-board -> programme:tide-atlas"]
    assert r.relationships.by_type["IMPLEMENTS"] == (1, 1, 1, 1)


def test_implied_curated_facts_are_neither_missed_nor_false():
    extracted = [Entity(type="Agency", name="Storm Board"), Entity(type="Programme", name="Reef Grant")]
    rels = [Relationship(type="LEADS", source="agency:storm-board", target="programme:reef-grant", method="extracted")]
    strict = score(extracted, rels, _gold(), min_confidence=0.0)
    lenient = score(extracted, rels, _gold(), min_confidence=0.7)
    assert strict.relationships.gold == 3 and strict.relationships.true_positives == 1
    assert lenient.relationships.gold == 2 and lenient.relationships.extracted == 0
    assert lenient.excluded == ["LEADS agency:storm-board -> programme:reef-grant (confidence 0.5)"]


def test_cli_evaluate_defaults_to_the_seed_and_the_curated_dataset():
    from instgraph.cli import app

    result = CliRunner().invoke(app, ["evaluate", "--seeds", str(seeds_dir())])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("entities: precision") and "recall" in first
    explicit = CliRunner().invoke(
        app, ["evaluate", "--gold", str(KOREA_DATASET), "--document", str(seeds_dir() / SEED)]
    )
    assert explicit.exit_code == 0 and explicit.output == result.output


def test_curated_aliases_link_every_seed_entity_to_its_curated_id():
    from loaders.extract import gazetteer_from_graph

    curated = read_dataset(KOREA_DATASET, seeds_dir())
    x = extract(read_document(seeds_dir() / SEED), gazetteer=gazetteer_from_graph(curated))
    curated_ids = {e.id for e in curated.entities()}
    assert {e.id for e in x.entities} <= curated_ids
    # "SME digitalisation strategy" (a curated alias) and its MSME spelling are one node.
    merged = [e for e in x.entities if e.id == "strategy:msme-digitalisation-strategy"]
    assert len(merged) == 1
    assert {merged[0].name, *merged[0].aliases} >= {"SME digitalisation strategy", "MSME digitalisation strategy"}
    assert x.mentions["strategy:msme-digitalisation-strategy"] == (19, 42)
    assert (
        "SUCCEEDED_BY",
        "agency:small-and-medium-business-administration",
        "ministry:ministry-of-smes-and-startups",
    ) in {(r.type, r.source, r.target) for r in x.relationships}


# --- The corpus gold (gold.json): the corpus scoring rules, on invented documents ---------------------

_GOLD = {
    "tides.txt": {
        "entities": [
            {"name": "Ministry of Tides", "aliases": ["MoT"], "type": "Ministry"},
            {"name": "Storm Board", "aliases": [], "type": "Agency|PrivateSector"},
            {"name": "Wave Programme", "aliases": [], "type": "Programme"},
            {"name": "Reef Grant", "aliases": [], "type": "Programme"},
            {"name": "Dock Office", "aliases": [], "type": "Agency"},
            {"name": "Gale Council", "aliases": [], "type": "Agency"},
            {"name": "Ruritania", "aliases": [], "type": "Country"},
        ],
        "relations": [
            {"source": "Storm Board", "family": "lead", "target": "Wave Programme"},
            {"source": "Storm Board", "family": "part", "target": "Ministry of Tides"},
            {"source": "Dock Office", "family": "succ", "target": "Ministry of Tides", "start": 2015},
            {"source": "Gale Council", "family": "collab", "target": "Ministry of Tides"},
            {"source": "Ministry of Tides", "family": "lead", "target": "Reef Grant"},
        ],
    },
    "absent.md": {
        "entities": [{"name": "Lighthouse Trust", "aliases": [], "type": "PrivateSector"}],
        "relations": [{"source": "Lighthouse Trust", "family": "collab", "target": "Lighthouse Trust"}],
    },
}
_DOC = "document:tides"


def _entity(id_: str, name: str, type_: str, aliases: tuple[str, ...] = ()) -> dict:
    return {"id": id_, "name": name, "type": type_, "aliases": list(aliases), "mentions": [{"document": _DOC}]}


def _relation(type_: str, source: str, target: str, start: int | None = None) -> dict:
    return {"source": source, "type": type_, "target": target, "start": start, "evidence": [{"document": _DOC}]}


def _extraction(*relations: dict) -> dict:
    """What ``instgraph extract --format json`` would say about tides.txt (and nothing about absent.md)."""
    return {
        "documents": [{"id": _DOC, "path": "/corpus/documents/tides.txt"}],
        "entities": [
            _entity("ministry:mot", "MoT", "Ministry"),  # the gold's alias
            _entity("privatesector:storm-board", "the Storm Board", "PrivateSector"),  # one of "Agency|PrivateSector"
            _entity("programme:wave-programme", "Wave Programme", "Programme"),
            _entity("ministry:dock-office", "Dock Office", "Ministry"),  # found, with a type the gold does not give
            _entity("agency:gale-council", "Gale Council", "Agency"),
            _entity("country:ruritania", "Ruritania", "Country"),
            _entity("country:valdoria", "Valdoria", "Country"),  # a country the gold does not name
            _entity("programme:tide-atlas", "Tide Atlas", "Programme"),  # not in the gold
        ],
        "relations": list(relations),
    }


def _score(*relations: dict):
    return score_corpus(_extraction(*relations), parse_corpus_gold(_GOLD), "gold.json")


def _tides(report):
    return next(d for d in report.documents if d.name == "tides.txt")


def test_corpus_entities_found_missed_and_counted_for_precision():
    doc = _tides(_score())
    # Found by name, by the gold's alias ("MoT") and despite a leading "the"; Reef Grant is missed.
    assert (doc.entities.found_gold, doc.entities.gold) == (6, 7)
    assert doc.entities.misses == ["Reef Grant"]
    # Valdoria, a country this document's gold does not name, is left out of precision; Tide Atlas is wrong.
    assert (doc.entities.true_positives, doc.entities.extracted) == (6, 7)
    assert doc.entities.false_positives == ["Tide Atlas (Programme)"]
    # "Agency|PrivateSector" accepts PrivateSector; Dock Office extracted as a Ministry is pointed out.
    assert doc.wrong_types == ["Dock Office: extracted as Ministry, gold Agency"]


def test_corpus_relations_by_family_with_collab_either_way_and_neutral_types_left_out():
    report = _score(
        _relation("IMPLEMENTS", "privatesector:storm-board", "programme:wave-programme"),  # lead
        _relation("PART_OF", "privatesector:storm-board", "ministry:mot"),  # part
        _relation("SUCCEEDED_BY", "ministry:dock-office", "ministry:mot", start=2015),  # succ, its year
        _relation("COLLABORATES_WITH", "ministry:mot", "agency:gale-council"),  # collab, stated the other way
        _relation("LEADS", "agency:gale-council", "programme:tide-atlas"),  # wrong
        _relation("TARGETS", "programme:wave-programme", "country:valdoria"),  # not scored
        _relation("PROVIDES_FOR", "programme:wave-programme", "programme:tide-atlas"),  # not scored
        _relation("MENTIONED_IN", "programme:wave-programme", _DOC),  # not scored
    )
    doc = _tides(report)
    found = {f: (s.found_gold, s.gold) for f, s in doc.families.items() if s.gold}
    assert found == {"lead": (1, 2), "part": (1, 1), "succ": (1, 1), "collab": (1, 1)}
    assert doc.families["lead"].misses == ["Ministry of Tides -lead-> Reef Grant"]
    # Five relations count for precision (the TARGETS, PROVIDES_FOR and MENTIONED_IN ones do not).
    assert (doc.relations.true_positives, doc.relations.extracted) == (4, 5)
    assert doc.relations.false_positives == ["Gale Council LEADS Tide Atlas"]
    # Each counted relation is in one family column, so the columns add up to the total.
    assert sum(s.extracted for s in doc.families.values()) == doc.relations.extracted


def test_only_collab_matches_either_way():
    backwards = _tides(_score(_relation("PART_OF", "ministry:mot", "privatesector:storm-board")))
    assert backwards.families["part"].found_gold == 0
    assert backwards.relations.false_positives == ["MoT PART_OF the Storm Board"]


@pytest.mark.parametrize(("start", "found"), [(2015, True), (None, True), (2016, False)])
def test_a_gold_start_year_is_met_by_the_same_year_or_none(start, found):
    doc = _tides(_score(_relation("SUCCEEDED_BY", "ministry:dock-office", "ministry:mot", start=start)))
    assert doc.families["succ"].found_gold == int(found)
    assert doc.families["succ"].misses == ([] if found else ["Dock Office -succ-> Ministry of Tides (2015-)"])


def test_a_gold_document_not_extracted_counts_as_missed_and_is_named():
    report = _score()
    absent = next(d for d in report.documents if d.name == "absent.md")
    assert not absent.extracted
    assert (absent.entities.found_gold, absent.entities.gold, absent.relations.gold) == (0, 1, 1)
    assert report.entities.gold == 8  # 7 + 1: the totals include it
    text = report.to_text(misses=True)
    assert "absent.md: not among the extracted documents" in text
    assert "not among the extracted documents (their gold counts as missed): absent.md" in text


def test_corpus_table_shows_each_family_per_document_and_the_totals():
    text = _score(_relation("IMPLEMENTS", "privatesector:storm-board", "programme:wave-programme")).to_text()
    lines = text.splitlines()
    assert "recall (found/gold)" in lines and "precision (right/counted)" in lines
    header = next(line for line in lines if line.startswith("document"))
    assert header.split() == ["document", "entities", "lead", "part", "succ", "collab", "relations"]
    tides = next(line for line in lines if line.startswith("tides.txt"))
    assert tides.split()[1:5] == ["0.86", "6/7", "0.50", "1/2"]
    assert "missed entities" not in text  # only with misses=True
    assert text.splitlines()[-2].startswith("entity recall 0.75 (6/8), precision 0.86 (6/7); relation recall")


def test_corpus_scoring_agrees_with_the_corpus_scorer(tmp_path, corpus_gold):
    """The shared corpus's own scorer gives the same totals on the same files."""
    import json
    import subprocess
    import sys

    scorer = corpus_gold.with_name("score.py")
    extraction = _extraction(
        _relation("IMPLEMENTS", "privatesector:storm-board", "programme:wave-programme"),
        _relation("COLLABORATES_WITH", "ministry:mot", "agency:gale-council"),
        _relation("SUCCEEDED_BY", "ministry:dock-office", "ministry:mot", start=2016),
        _relation("TARGETS", "programme:wave-programme", "country:valdoria"),
    )
    (tmp_path / "x.json").write_text(json.dumps(extraction))
    (tmp_path / "gold.json").write_text(json.dumps(_GOLD))
    done = subprocess.run(
        [sys.executable, str(scorer), str(tmp_path / "x.json"), str(tmp_path / "gold.json"), "--quiet"],
        capture_output=True, text=True, check=False,
    )
    assert done.stdout.strip() == score_corpus(extraction, parse_corpus_gold(_GOLD)).summary()


def _write_corpus(folder: Path) -> Path:
    import json

    (folder / "harbour.txt").write_text(
        "Harbour notes\n\nThe Port Safety Agency (PSA) runs the Harbour Watch Programme.\n"
        "The Port Safety Agency is part of the Ministry of Tides.\n",
        "utf-8",
    )
    gold = {
        "harbour.txt": {
            "entities": [
                {"name": "Port Safety Agency", "aliases": ["PSA"], "type": "Agency"},
                {"name": "Harbour Watch Programme", "aliases": [], "type": "Programme"},
                {"name": "Ministry of Tides", "aliases": [], "type": "Ministry"},
                {"name": "Coast Guild", "aliases": [], "type": "PrivateSector"},
            ],
            "relations": [
                {"source": "Port Safety Agency", "family": "lead", "target": "Harbour Watch Programme"},
                {"source": "Port Safety Agency", "family": "part", "target": "Ministry of Tides"},
                {"source": "Coast Guild", "family": "collab", "target": "Port Safety Agency"},
            ],
        },
        "lost.txt": {"entities": [{"name": "Quay Fund", "aliases": [], "type": "Programme"}], "relations": []},
    }
    path = folder / "gold.json"
    path.write_text(json.dumps(gold), "utf-8")
    return path


def test_cli_evaluate_corpus_gold_as_json(tmp_path):
    import json

    from instgraph.cli import app

    gold = _write_corpus(tmp_path)
    # No documents named: the gold's own, found beside it (lost.txt is not there).
    result = CliRunner().invoke(app, ["evaluate", "--gold", str(gold), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    harbour = report["documents"]["harbour.txt"]
    assert harbour["extracted"] and harbour["missed_entities"] == ["Coast Guild"]
    assert (harbour["lead"]["found"], harbour["part"]["found"], harbour["collab"]["found"]) == (1, 1, 0)
    assert harbour["missed_relations"] == ["Coast Guild -collab-> Port Safety Agency"]
    assert report["documents"]["lost.txt"]["extracted"] is False
    assert report["totals"]["entities"] == {
        "recall": 0.6, "found": 3, "gold": 5, "precision": 1.0, "right": 3, "counted": 3
    }
    assert report["totals"]["relations"]["recall"] == round(2 / 3, 4)


def test_cli_evaluate_corpus_gold_table_with_misses(tmp_path):
    from instgraph.cli import app

    gold = _write_corpus(tmp_path)
    result = CliRunner().invoke(app, ["evaluate", "--gold", str(gold), str(tmp_path / "harbour.txt"), "--misses"])
    assert result.exit_code == 0, result.output
    assert "harbour.txt:\n  missed entities (1):\n    - Coast Guild" in result.stdout
    assert "lost.txt: not among the extracted documents" in result.stdout
    assert "entity recall 0.60 (3/5)" in result.stdout


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("gold.json", '{"a.txt": {"entities": [], "relations": [{"source": "X", "family": "colab", "target": "Y"}]}}',
         "gold.json: not a corpus gold file: 'a.txt' relations[0]: family 'colab' is unknown"),
        ("gold.json", '{"a.txt": {"entities": [', "gold.json:1: gold file is not valid JSON"),
        ("gold.json", '{"documents": [], "entities": [], "relations": []}', "it is instgraph extract output"),
        ("gold.csv", "name,type\n", "gold.csv: unknown gold file: give a corpus gold (.json) or a curated dataset"),
    ],
)
def test_cli_evaluate_bad_gold_file_is_one_line_and_exit_1(tmp_path, name, content, message):
    from instgraph.cli import app

    bad = tmp_path / name
    bad.write_text(content, "utf-8")
    result = CliRunner().invoke(app, ["evaluate", "--gold", str(bad), str(tmp_path / "any.txt")])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert message in result.stderr


def test_cli_evaluate_rejects_an_unknown_format_with_exit_2():
    from instgraph.cli import app

    result = CliRunner().invoke(app, ["evaluate", "--format", "xml"])
    assert result.exit_code == 2 and "--format: 'xml' is not one of 'table', 'json'" in result.stderr

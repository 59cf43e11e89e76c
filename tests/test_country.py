"""The country a document is about, read from it (loaders/country.py), and the country every extracted
entity gets from it; checked on the development corpus, whose file names start with the country's code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.errors import UsageError
from graph.model.country import alpha3, country_code
from instgraph.cli import app
from loaders.batch import extract_many, extraction_to_graph
from loaders.country import read_country
from loaders.documents import read_documents

DOCS = Path(__file__).parent / "documents"


def test_a_country_is_read_only_when_the_evidence_is_clear() -> None:
    assert read_country(["Korea's ministry", "the Korean agency"]) == "KOR"  # the adjective counts
    assert read_country(["GERMANY", "a German chamber", "Germany"]) == "DEU"
    assert read_country(["Only Japan, once."]) is None  # one mention is not enough
    assert read_country(["Japan", "Japan", "Korea", "Korea"]) is None  # a tie
    assert read_country(["Japan"] * 3 + ["Korea"] * 2) is None  # not twice the next
    assert read_country(["Japan"] * 4 + ["Korea"] * 2) == "JPN"
    assert read_country(["The Ministry of Harbours runs the Watch Programme."]) is None


def test_every_corpus_document_reads_as_the_country_its_file_name_gives(corpus_gold: Path) -> None:
    """15 countries and the EU: each country's document reads as it; the EU's as no country."""
    paths = sorted((corpus_gold.parent / "documents").iterdir())
    documents, problems = read_documents(paths)
    assert problems == [] and len(documents) == 16
    from loaders.country import document_country

    read = {Path(d.path).name: document_country(d) for d in documents}
    expected = {name: alpha3(name.split("-")[0]) for name in read}  # 'kr-…' -> KOR; 'eu-…' -> None
    assert expected["eu-edih.txt"] is None and expected["kr-sme-voucher.txt"] == "KOR"
    assert read == expected


def test_extracted_entities_get_the_documents_country_or_the_one_given(tmp_path: Path) -> None:
    doc = tmp_path / "harbours.txt"
    doc.write_text(
        "Harbour policy in Korea\n"
        "The Ministry of Harbours runs the Harbour Watch Programme together with the OECD.\n"
        "Korean ports take part in it.\n",
        "utf-8",
    )
    extractions, _ = extract_many([doc])
    countries = {d["name"]: d.get("country") for _, d in extraction_to_graph(extractions).graph.nodes(data=True)}
    assert countries["Ministry of Harbours"] == countries["Harbour Watch Programme"] == "KOR"
    assert countries["South Korea"] == "KOR"  # the document, and the country it names
    # an international organisation belongs to no one country
    assert countries["Organisation for Economic Co-operation and Development"] is None
    given = {
        d["name"]: d.get("country") for _, d in extraction_to_graph(extractions, country="DEU").graph.nodes(data=True)
    }
    assert given["Ministry of Harbours"] == "DEU"
    # a document about no country it can tell leaves the country unknown
    fictional, _ = extract_many([DOCS / "ruritania-coastal-deck.txt"])
    graph = extraction_to_graph(fictional)
    assert all(d.get("country") is None for _, d in graph.graph.nodes(data=True))


def test_extract_prints_each_entitys_country_and_takes_country(tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    done = CliRunner().invoke(
        app, ["extract", str(DOCS / "valdoria-crafts-report.md"), "--country", "EE", "-o", str(out)]
    )
    assert done.exit_code == 0, done.output
    entities = json.loads(out.read_text("utf-8"))["entities"]
    assert entities and {e["country"] for e in entities if e["type"] != "InternationalOrganization"} == {"EST"}
    bad = CliRunner().invoke(app, ["extract", str(DOCS / "valdoria-crafts-report.md"), "--country", "Estland"])
    assert bad.exit_code == 2 and "--country 'Estland' is not a country" in bad.stderr


def test_country_codes_are_read_from_codes_and_names() -> None:
    assert [country_code(t) for t in ("kor", "KR", "South Korea", "unknown")] == ["KOR", "KOR", "KOR", "unknown"]
    with pytest.raises(UsageError, match="nearest: .*DEU"):
        country_code("Germani")
